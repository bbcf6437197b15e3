// Private: the frames of the fake exchange: WS API requests and responses (ids echoed exactly,
// even above 2^53) and market-stream control requests and answers.

import type { Failure } from "../_handlers/failure.ts";

/** A WS API request frame as parsed: any of its fields may be missing or of any type. */
export interface RequestFrame {
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

/** The answer to a frame that is not a JSON object. */
export const INVALID_JSON =
  `{"id":null,"status":400,"error":{"code":-1135,"msg":"Invalid JSON Request"}}`;

/** Parses a WS API request; `undefined` when it is not a JSON object. */
export function parseRequest(text: string): RequestFrame | undefined {
  return parseObject(text) as RequestFrame | undefined;
}

/** The request's id as JSON text, exactly as sent, even a 64-bit integer. */
export function idText(req: RequestFrame, text: string): string {
  // "The server does not interpret `id` in any way, simply echoing it back": a number that a
  // float cannot hold exactly (an integer above 2^53, a fraction) is echoed as it was written.
  return typeof req.id === "number" && !Number.isSafeInteger(req.id)
    ? /"id"\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text)?.[1] ?? "null"
    : JSON.stringify(req.id ?? null);
}

/** A WS API response: `{"id":…,"status":…,<body>[,"rateLimits":…]}`. */
export function responseText(
  id: string,
  status: number,
  body: string,
  rateLimits: string | undefined,
): string {
  return `{"id":${id},"status":${status},${body}${
    rateLimits === undefined ? "" : `,"rateLimits":${rateLimits}`
  }}`;
}

/** The body of a successful response. */
export function resultBody(result: unknown): string {
  return `"result":${JSON.stringify(result)}`;
}

/** The body of an error response, with its `data` when given. */
export function errorBody(f: Failure, data?: Record<string, unknown>): string {
  return `"error":${JSON.stringify({ code: f.code, msg: f.msg, ...(data ? { data } : {}) })}`;
}

/** A stream control request as parsed. */
export interface ControlFrame {
  method?: unknown;
  params?: unknown;
  id?: unknown;
}

/** Parses a control request; `undefined` when it is not a JSON object. */
export function parseControl(text: string): ControlFrame | undefined {
  const frame = parseObject(text) as ControlFrame | undefined;
  // A 64-bit integer id (web-socket-streams.md) is answered with its own digits, not a float's.
  if (typeof frame?.id === "number" && !Number.isSafeInteger(frame.id)) {
    const digits = /"id"\s*:\s*(-?\d+)\s*[,}]/.exec(text)?.[1];
    if (digits !== undefined && BigInt.asIntN(64, BigInt(digits)) === BigInt(digits)) {
      frame.id = rawJson(digits);
    }
  }
  return frame;
}

const rawJson = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;
const isRawJson = (JSON as unknown as { isRawJSON(value: unknown): boolean }).isRawJSON;

/** Whether a control request's id is one Binance accepts. */
export function isControlId(id: unknown): boolean {
  return id === null || typeof id === "number" && Number.isSafeInteger(id) || isRawJson(id) ||
    typeof id === "string" && /^[A-Za-z0-9]{1,36}$/.test(id);
}

/** A control error. As documented, only code 0 ("Unknown property") carries the `id`. */
export function controlErrorText(code: number, msg: string, id: unknown): string {
  return JSON.stringify(code === 0 && id !== undefined ? { code, msg, id } : { code, msg });
}

/** A control result. */
export function controlResultText(result: unknown, id: unknown): string {
  return JSON.stringify({ result, id });
}

function parseObject(text: string): object | undefined {
  try {
    const value = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
