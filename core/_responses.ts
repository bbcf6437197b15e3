// Private: what a WS API frame is, and what a response means for its request. Pure: no
// sockets, no state; the connection acts on the result.
import { parseJson } from "./_json.ts";
import {
  BinanceApiError,
  type BinanceErrorBody,
  IpBannedError,
  RateLimitError,
  ServerError,
  UnexpectedMessageError,
} from "./errors.ts";

/** A frame read from the WS API, by what it is. */
export type Frame =
  | { kind: "response"; frame: Record<string, unknown> }
  | { kind: "event"; event: Record<string, unknown>; subscriptionId: number | undefined }
  | { kind: "malformed"; error: UnexpectedMessageError };

/** Parses a frame (integers above 2^53 as `bigint`) and says what it is. Never throws. */
export function readFrame(data: unknown): Frame {
  if (typeof data !== "string") {
    return malformed("Received a binary frame on a JSON connection", "");
  }
  let msg: unknown;
  try {
    msg = parseJson(data);
  } catch {
    return malformed("Cannot parse a frame from the server: not JSON", data);
  }
  if (typeof msg !== "object" || msg === null || Array.isArray(msg)) {
    return malformed("Received a frame that is not a JSON object", data);
  }
  const frame = msg as Record<string, unknown>;
  if ("status" in frame && "id" in frame) return { kind: "response", frame };
  if (typeof frame.event === "object" && frame.event !== null && !Array.isArray(frame.event)) {
    const id = frame.subscriptionId;
    return {
      kind: "event",
      event: frame.event as Record<string, unknown>,
      subscriptionId: typeof id === "number" ? id : undefined,
    };
  }
  return malformed("Received a frame that is neither response nor event", data);
}

function malformed(message: string, text: string): Frame {
  return { kind: "malformed", error: new UnexpectedMessageError(message, text) };
}

/**
 * The `error` object of a response when it has the documented shape (`code` an integer,
 * `msg` a string, `data` an object if present), else `undefined`.
 */
export function errorBody(value: unknown): BinanceErrorBody | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const e = value as Record<string, unknown>;
  if (!Number.isSafeInteger(e.code) || typeof e.msg !== "string") return undefined;
  if (e.data !== undefined && (typeof e.data !== "object" || e.data === null)) return undefined;
  return value as BinanceErrorBody;
}

/** `data.retryAfter` of an error, when it is a usable time (ms since the epoch). */
export function retryAfterOf(error: BinanceErrorBody | undefined): number | undefined {
  const retryAfter = error?.data?.retryAfter;
  return Number.isSafeInteger(retryAfter) && (retryAfter as number) > 0
    ? retryAfter as number
    : undefined;
}

/**
 * What a response means for its request: `{ result }` for status 200, else the typed error
 * (429 `RateLimitError`, 418 `IpBannedError`, 5xx `ServerError`, other statuses
 * `BinanceApiError`; a malformed answer `UnexpectedMessageError`).
 */
export function responseOutcome(
  method: string,
  frame: Record<string, unknown>,
  text: string,
): { result: unknown } | { error: Error } {
  const status = frame.status;
  if (status === 200) {
    return frame.result === undefined
      ? { error: new UnexpectedMessageError(`Response to "${method}" has no "result"`, text) }
      : { result: frame.result };
  }
  const error = errorBody(frame.error);
  if (typeof status !== "number" || error === undefined) {
    return { error: new UnexpectedMessageError(`Response to "${method}" is malformed`, text) };
  }
  const init = { method, status, error };
  const retryAfter = retryAfterOf(error);
  if (status === 429) return { error: new RateLimitError(init, retryAfter) };
  if (status === 418) return { error: new IpBannedError(init, retryAfter) };
  if (status >= 500) return { error: new ServerError(init) };
  return { error: new BinanceApiError(init) };
}
