// Private: the request entry point of the method files (`_method.ts`). Their options were
// checked already (`REQUEST_OPTIONS`) and their security type and weight come from the method's
// info, so `request()`'s option check is not run twice; `parse` turns the raw `result` into the
// model when the answer is handled, without a further promise. The connection installs it.
import type { RawRequestOptions } from "./types.ts";

/** Turns a response's raw `result` into the value the request resolves with (may throw). */
export type ResultParser = (result: unknown) => unknown;

type CheckedRequest = (
  conn: object,
  method: string,
  params: Record<string, unknown>,
  options: RawRequestOptions,
  parse: ResultParser | undefined,
) => Promise<unknown>;

let checked: CheckedRequest | undefined;

/** Installed once by `WsApiConnection` (it alone can reach its private request path). */
export function setCheckedRequest(request: CheckedRequest): void {
  checked = request;
}

/**
 * Sends a request whose options are known to be valid, as `conn.request()` does after its
 * option check, and resolves with `parse(result)`.
 */
export function requestChecked<T>(
  conn: object,
  method: string,
  params: Record<string, unknown>,
  options: RawRequestOptions,
  parse: (result: unknown) => T,
): Promise<T> {
  return checked!(conn, method, params, options, parse) as Promise<T>;
}
