/**
 * `userDataStream.unsubscribe`: closes one User Data Stream subscription of the session, or all.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { checkOptions, REQUEST_OPTIONS } from "../core/_options.ts";
import { int, validateParams } from "../core/_params.ts";
import { userDataHub } from "../core/_user_data.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { EmptyResult } from "../models/empty_result.ts";

/** Parameters of {@linkcode userDataStreamUnsubscribe}. */
export interface UserDataStreamUnsubscribeParams {
  /** The subscription to close (on the active socket). Default: every subscription. */
  subscriptionId?: number;
}

const schema: z.ZodType<UserDataStreamUnsubscribeParams> = z.strictObject({
  subscriptionId: int(0).optional(),
});

/** Metadata of `userDataStream.unsubscribe`: security type, data source and weight. */
export const userDataStreamUnsubscribeInfo: WsApiMethodInfo<UserDataStreamUnsubscribeParams> = {
  method: "userDataStream.unsubscribe",
  // NONE since the CHANGELOG of 2025-08-12; the data source is not documented.
  security: "NONE",
  dataSource: "Memory",
  weightRule: "2",
  weight: () => 2,
};

/**
 * Closes User Data Stream subscriptions. Without `subscriptionId` every subscription of the
 * session closes, and every local subscription of the connection ends (reason
 * `"unsubscribed"`): none is made again, even after a reconnect. With it, the local
 * subscriptions of the account it belongs to end. Binance sends `eventStreamTerminated` for each
 * closed subscription (delivered nowhere: the subscriptions ended first).
 *
 * Weight: 2.
 * Security type: NONE. Data source: Memory.
 *
 * @param conn The connection.
 * @param params `subscriptionId`, or none for all.
 * @param options Signal and timeout.
 * @returns An empty result.
 * @throws {ValidationError} when a param or option is invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance refuses (-2036: no such active subscription).
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#unsubscribe-from-user-data-stream}
 *
 * @example End every subscription of the connection
 * ```ts
 * import {
 *   connectWsApi,
 *   createSigner,
 *   userDataStreamSubscribeSignature,
 *   userDataStreamUnsubscribe,
 * } from "@binance-ws/spot";
 * import { FAKE_ACCOUNT, startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * const signer = await createSigner(FAKE_ACCOUNT.hmacKey);
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer },
 * });
 * const sub = await userDataStreamSubscribeSignature(conn);
 * await userDataStreamUnsubscribe(conn);
 * assert.equal(sub.active, false);
 * ```
 */
export function userDataStreamUnsubscribe(
  conn: WsApiConnection,
  params: UserDataStreamUnsubscribeParams = {},
  options?: RequestOptions,
): Promise<EmptyResult> {
  const method = userDataStreamUnsubscribeInfo.method;
  let valid: UserDataStreamUnsubscribeParams;
  try {
    checkOptions(method, options, REQUEST_OPTIONS);
    valid = validateParams(method, schema, params);
  } catch (error) {
    return Promise.reject(error);
  }
  return userDataHub(conn).unsubscribe(valid.subscriptionId, options ?? {}).then((result) =>
    EmptyResult.parse(result)
  );
}
