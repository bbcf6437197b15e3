// Private: what every method file does — validate, weigh, send, parse.
import type { z } from "zod";
import type { WsApiConnection } from "./connection.ts";
import { checkOptions, REQUEST_OPTIONS } from "./_options.ts";
import { validateParams } from "./_params.ts";
import { requestChecked } from "./_request.ts";
import type { ModelFactory, RequestOptions, WsApiMethodInfo } from "./types.ts";

/**
 * Validates `params` (throwing `ValidationError` before anything is sent), sends the
 * request with the method's security type and weight, and parses the result into the
 * model.
 */
export function callMethod<P, R>(
  conn: WsApiConnection,
  info: WsApiMethodInfo<P>,
  schema: z.ZodType<P>,
  params: P | undefined,
  model: ModelFactory<R>,
  options: RequestOptions | undefined,
): Promise<R> {
  let valid: P;
  try {
    if (options !== undefined) checkOptions(info.method, options, REQUEST_OPTIONS);
    valid = validateParams(info.method, schema, params);
  } catch (error) {
    return Promise.reject(error);
  }
  // `options` is checked, security and weight are the method's: request() need not check again;
  // the model parses the result when the answer is handled.
  return requestChecked(
    conn,
    info.method,
    valid as Record<string, unknown>,
    options,
    info.security,
    info.weight(valid),
    info.orders?.(valid),
    model,
  );
}
