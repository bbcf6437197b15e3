/**
 * `userDataStream.subscribe`: the User Data Stream of the logged-on session's account.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { checkOptions } from "../core/_options.ts";
import { validateParams } from "../core/_params.ts";
import { USER_DATA_OPTIONS, userDataHub } from "../core/_user_data.ts";
import type { WsApiMethodInfo } from "../core/types.ts";
import type { UserDataSubscribeOptions, UserDataSubscription } from "../core/user_data.ts";
import { readUserDataEvent, type UserDataEvent } from "../models/user_data_event.ts";

/** Parameters of {@linkcode userDataStreamSubscribe}: none. */
export type UserDataStreamSubscribeParams = Record<string, never>;

const schema: z.ZodType<UserDataStreamSubscribeParams> = z.strictObject({});

/** Metadata of `userDataStream.subscribe`: security type, data source and weight. */
export const userDataStreamSubscribeInfo: WsApiMethodInfo<UserDataStreamSubscribeParams> = {
  method: "userDataStream.subscribe",
  security: "USER_STREAM",
  // Not documented; the subscription is session state.
  dataSource: "Memory",
  weightRule: "2",
  weight: () => 2,
};

/**
 * Subscribes to the User Data Stream of the account the session is logged on with (the
 * connection's credentials; Binance needs an Ed25519 key for a session). Resolves once Binance
 * acknowledged, with a subscription that iterates (`for await`) and emits (`on("data")`) every
 * event of the account once, in order, as typed models.
 *
 * Several subscriptions of the same account on one connection share one server subscription
 * (Binance allows one per account per connection). After a reconnect the subscription is made
 * again once the session has logged on again, with a `gap` event (reason `"reconnect"`) before
 * any event after it; a renewal hands over make-before-break (no gap); an `eventStreamTerminated`
 * Binance sends unprompted is followed by a new subscription and a `gap` (`"terminated"`).
 * `sessionLogout` ends it (reason `"loggedOut"`): it is not made again.
 *
 * Weight: 2.
 * Security type: USER_STREAM. Data source: Memory.
 *
 * @param conn The connection (logged on, or logging on by itself).
 * @param params None.
 * @param options Signal (aborting unsubscribes), timeout, buffer size and overflow policy.
 * @returns The subscription.
 * @throws {ValidationError} when the connection has no session able to log on (nothing is sent).
 * @throws {BinanceApiError} when Binance refuses the subscription.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first, or the subscription is
 *   ended (`userDataStreamUnsubscribe`, `sessionLogout`) before Binance acknowledged it.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#subscribe-to-user-data-stream-user_stream}
 *
 * @example Receive a deposit's events on a logged-on session
 * ```ts
 * import { connectWsApi, createSigner, userDataStreamSubscribe } from "@binance-ws/spot";
 * import { FAKE_ACCOUNT, startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * const signer = await createSigner(FAKE_ACCOUNT.ed25519Key);
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer },
 * }); // logs on by itself with an Ed25519 key
 * await using sub = await userDataStreamSubscribe(conn);
 * exchange.userData.balanceUpdate(FAKE_ACCOUNT.apiKey, "USDT", "100.00000000");
 * for await (const event of sub) {
 *   assert.equal(event.eventType, "balanceUpdate");
 *   break;
 * }
 * ```
 */
export function userDataStreamSubscribe(
  conn: WsApiConnection,
  params: UserDataStreamSubscribeParams = {},
  options?: UserDataSubscribeOptions,
): Promise<UserDataSubscription<UserDataEvent>> {
  const method = userDataStreamSubscribeInfo.method;
  try {
    checkOptions(method, options, USER_DATA_OPTIONS);
    validateParams(method, schema, params);
  } catch (error) {
    return Promise.reject(error);
  }
  return userDataHub(conn).subscribe({
    kind: "session",
    returnRateLimits: options?.returnRateLimits,
    read: readUserDataEvent,
  }, options ?? {});
}
