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
