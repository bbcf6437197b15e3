/**
 * `session.subscriptions`: the active User Data Stream subscriptions of the session.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import {
  type SessionSubscription,
  SessionSubscriptionList,
} from "../models/session_subscriptions.ts";

/** Parameters of {@linkcode sessionSubscriptions}: none. */
export type SessionSubscriptionsParams = Record<string, never>;

const schema: z.ZodType<SessionSubscriptionsParams> = z.strictObject({});

/** Metadata of `session.subscriptions`: security type, data source and weight. */
export const sessionSubscriptionsInfo: WsApiMethodInfo<SessionSubscriptionsParams> = {
  method: "session.subscriptions",
  security: "NONE",
  dataSource: "Memory",
  weightRule: "2",
  weight: () => 2,
};

/**
 * Lists the active User Data Stream subscriptions of the session (of the active socket). Binance
 * does not say which account each belongs to; the connection's subscriptions know
 * (`subscriptionId` on each).
 *
 * Weight: 2.
 * Security type: NONE. Data source: Memory.
 *
 * @param conn The connection.
 * @param params None.
 * @param options Signal and timeout.
 * @returns The subscriptions, by id.
 * @throws {ValidationError} when a parameter or an option is invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#listing-all-subscriptions}
 *
 * @example A session without subscriptions
 * ```ts
 * import { connectWsApi, sessionSubscriptions } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * assert.deepEqual(await sessionSubscriptions(conn), []);
 * ```
 */
export function sessionSubscriptions(
  conn: WsApiConnection,
  params: SessionSubscriptionsParams = {},
  options?: RequestOptions,
): Promise<SessionSubscription[]> {
  return callMethod(
    conn,
    sessionSubscriptionsInfo,
    schema,
    params,
    SessionSubscriptionList,
    options,
  );
}
