// Private: what a WS API frame is, and what a response means for its request. Pure: no
// sockets, no state; the connection acts on the result.
import { parseJson, stringifyJson } from "./_json.ts";
import { redactFrame } from "./_redact.ts";
import {
  BinanceApiError,
  type BinanceErrorBody,
  IpBannedError,
  RateLimitError,
  ServerError,
  UnexpectedMessageError,
} from "./errors.ts";

/**
 * Parses a frame (integers above 2^53 as `bigint`): the frame, a response
 * ({@linkcode isResponse}) or an event ({@linkcode eventOf}), or the error saying why it is
 * neither. Never throws; no wrapper object per frame.
 */
export function readFrame(data: unknown): Record<string, unknown> | UnexpectedMessageError {
  if (typeof data !== "string") {
    return new UnexpectedMessageError("Received a binary frame on a JSON connection", "");
  }
  let msg: unknown;
  try {
    msg = parseJson(data);
  } catch {
    return new UnexpectedMessageError("Cannot parse a frame from the server: not JSON", data);
  }
  if (typeof msg !== "object" || msg === null || Array.isArray(msg)) {
    return new UnexpectedMessageError("Received a frame that is not a JSON object", data);
  }
  const frame = msg as Record<string, unknown>;
  if (isResponse(frame) || eventOf(frame) !== undefined) return frame;
  return new UnexpectedMessageError("Received a frame that is neither response nor event", data);
}

/** Whether a frame is a response (it has `status` and `id`). */
export function isResponse(frame: Record<string, unknown>): boolean {
  return "status" in frame && "id" in frame;
}

/** The `event` of an event frame (an object), else `undefined`. */
export function eventOf(frame: Record<string, unknown>): Record<string, unknown> | undefined {
  const event = frame.event;
  return typeof event === "object" && event !== null && !Array.isArray(event)
    ? event as Record<string, unknown>
    : undefined;
}

/** The `subscriptionId` of an event frame, when it is a number. */
export function subscriptionIdOf(frame: Record<string, unknown>): number | undefined {
  const id = frame.subscriptionId;
  return typeof id === "number" ? id : undefined;
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

/** Above this, a time is in µs, not ms (in ms it would be after the year 5000). */
const MICROSECOND_TIMES = 1e14;

/**
 * `data.retryAfter` of an error, when it is a usable time, in ms since the epoch. With
 * `timeUnit: "MICROSECOND"` Binance writes every time field in µs (CHANGELOG 2024-12-17), so a
 * value that can only be µs is read as such: a wait of centuries is never taken.
 */
export function retryAfterOf(error: BinanceErrorBody | undefined): number | undefined {
  return timeOf(error?.data?.retryAfter);
}

/**
 * When a 429/418 must be waited out, as a server time (ms) on the connection's estimate of the
 * exchange's clock (`now`): `retryAfter` is the exchange's own time, so with the `serverTime`
 * the docs' examples give beside it, what is waited for is their difference from `now` (the
 * offset may never have been measured on a connection without SIGNED requests, and a local
 * clock ahead would end the block early). Without `serverTime`, `retryAfter` as it is.
 */
export function blockedUntilOf(
  error: BinanceErrorBody | undefined,
  now: number,
): number | undefined {
  const retryAfter = retryAfterOf(error);
  const serverTime = timeOf(error?.data?.serverTime);
  if (retryAfter === undefined || serverTime === undefined) return retryAfter;
  // Only a `serverTime` that can be the exchange's now (within a day of this clock), before
  // `retryAfter` by at most the longest ban (3 days, web-socket-api.md), is used; else
  // `retryAfter` as it is.
  const wait = retryAfter - serverTime;
  if (Math.abs(serverTime - now) > DAY_MS || wait <= 0 || wait > 3 * DAY_MS) return retryAfter;
  return now + wait;
}

const DAY_MS = 86_400_000;

function timeOf(value: unknown): number | undefined {
  if (!Number.isSafeInteger(value) || (value as number) <= 0) return undefined;
  const at = value as number;
  return at >= MICROSECOND_TIMES ? Math.floor(at / 1000) : at;
}

/**
 * Whether a response is a success: status 200. Its `result` is then the model's to read: one
 * missing is a result that does not fit (for an order write, an order accepted whose result
 * could not be read), never a failed request; unless, with no `result`, its `error` is code
 * -1006 / -1007, read by the code whatever the status: the execution status is unknown.
 */
export function isSuccess(frame: Record<string, unknown>): boolean {
  if (frame.status !== 200) return false;
  if (frame.result !== undefined) return true;
  const code = (frame.error as { code?: unknown } | null | undefined)?.code;
  return code !== -1006 && code !== -1007;
}

/**
 * The typed error of a response that is not a success ({@linkcode isSuccess}): 429
 * `RateLimitError`, 418 `IpBannedError`, 5xx `ServerError`, other statuses `BinanceApiError`;
 * a malformed answer `UnexpectedMessageError`. The outcome is decided by what can be read
 * first: a 5xx is a `ServerError` (the request may have been executed) and an error of code
 * -1006 or -1007 keeps its code (execution status unknown) whatever else is wrong with the
 * body; their `msg` then says what was received.
 */
export function responseError(
  method: string,
  frame: Record<string, unknown>,
  text: string,
): Error {
  const status = frame.status;
  let error = errorBody(frame.error);
  if (error === undefined && typeof status === "number" && Number.isSafeInteger(status)) {
    // Malformed, but what matters is readable: an answer that may have been executed.
    const raw = frame.error as { code?: unknown; msg?: unknown } | null | undefined;
    const code = typeof raw === "object" && raw !== null ? raw.code : undefined;
    if (status >= 500 || code === -1006 || code === -1007) {
      const msg = typeof raw?.msg === "string"
        ? raw.msg
        // Redacted (an echoed `apiKey` shortened, a `signature` removed) before it is cut.
        : `(no readable error: ${
          redactFrame(stringifyJson(frame.error ?? null) ?? "").slice(0, 200)
        })`;
      error = { code: Number.isSafeInteger(code) ? code as number : 0, msg };
    }
  }
  if (typeof status !== "number" || error === undefined) {
    return new UnexpectedMessageError(`Response to "${method}" is malformed`, text);
  }
  const init = { method, status, error };
  const retryAfter = retryAfterOf(error);
  if (status === 429) return new RateLimitError(init, retryAfter);
  if (status === 418) return new IpBannedError(init, retryAfter);
  if (status >= 500) return new ServerError(init);
  return new BinanceApiError(init);
}
