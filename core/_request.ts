// Private: the request entry point of the method files (`_method.ts`). Their options were
// checked already (`REQUEST_OPTIONS`) and their security type and weight come from the method's
// info, so `request()`'s option check is not run twice and no options object is built per
// request; the model (`parser`) turns the raw `result` into the value when the answer is
// handled, without a further promise. The connection installs it.
import type { ResultParser } from "./_pending.ts";
import type { RequestOptions, SecurityType } from "./types.ts";

export type { ResultParser };

type CheckedRequest = (
  conn: object,
  method: string,
  params: Record<string, unknown>,
  options: RequestOptions | undefined,
  security: SecurityType,
  weight: number,
  orders: number | undefined,
  parser: ResultParser,
) => Promise<unknown>;

let checked: CheckedRequest | undefined;

/** Installed once by `WsApiConnection` (it alone can reach its private request path). */
export function setCheckedRequest(request: CheckedRequest): void {
  checked = request;
}

/**
 * Sends a request whose options are known to be valid, as `conn.request()` does after its
 * option check, and resolves with `parser.parse(result)`.
 */
export function requestChecked<T>(
  conn: object,
  method: string,
  params: Record<string, unknown>,
  options: RequestOptions | undefined,
  security: SecurityType,
  weight: number,
  orders: number | undefined,
  parser: { parse(result: unknown): T },
): Promise<T> {
  return checked!(conn, method, params, options, security, weight, orders, parser) as Promise<T>;
}

// ---- What a SIGNED request carried when it left (for the resolution of unknown outcomes) ---

/**
 * The property of a params object that holds the body it was last sent with: a symbol, so
 * that neither `JSON.stringify` nor the signature payload (`Object.keys`) sees it; a property
 * store per signed request, where a `WeakMap` entry cost several times more. Only the method
 * files' params (validated copies, never the caller's object) carry it.
 */
const SENT: unique symbol = Symbol("sentBody");

type Recorded = { [SENT]?: Readonly<Record<string, unknown>> };

/**
 * Records the signed body (with the `timestamp` and `recvWindow` actually sent) of a request
 * made with `params`; the connection calls it right before the body goes out. A re-send (after
 * -1021) records the new body.
 */
export function noteSent(params: object, body: Readonly<Record<string, unknown>>): void {
  (params as Recorded)[SENT] = body;
}

/**
 * Forgets the body recorded for `params`: Binance rejected it before executing it (-1021), so
 * nothing of it can have been executed; a re-send records its own.
 */
export function forgetSent(params: object): void {
  (params as Recorded)[SENT] = undefined;
}

/**
 * The body last sent for a request made with `params` (the very object given to
 * `requestChecked()`), or `undefined` when it was never sent.
 */
export function sentBody(params: object): Readonly<Record<string, unknown>> | undefined {
  return (params as Recorded)[SENT];
}
