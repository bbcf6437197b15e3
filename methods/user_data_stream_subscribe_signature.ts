/**
 * `userDataStream.subscribe.signature`: the User Data Stream of an account whose key signs the
 * request (any key type, on any session).
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { checkOptions } from "../core/_options.ts";
import { recvWindow, timestamp, validateParams } from "../core/_params.ts";
import { USER_DATA_SIGNATURE_OPTIONS, userDataHub } from "../core/_user_data.ts";
import type { WsApiCredentials, WsApiMethodInfo } from "../core/types.ts";
import type { UserDataSubscribeOptions, UserDataSubscription } from "../core/user_data.ts";
import { readUserDataEvent, type UserDataEvent } from "../models/user_data_event.ts";

/** Parameters of {@linkcode userDataStreamSubscribeSignature}. */
export interface UserDataStreamSubscribeSignatureParams {
  /** The request's time (ms, or µs with `timeUnit: "MICROSECOND"`). Default: now (server clock). */
  timestamp?: number;
  /** ms, above 0, at most 60 000, up to 3 decimals. Default: the connection's, else Binance's 5000. */
  recvWindow?: number | string;
}

const schema: z.ZodType<UserDataStreamSubscribeSignatureParams> = z.strictObject({
  timestamp: timestamp.optional(),
  recvWindow: recvWindow.optional(),
});

/** Options of {@linkcode userDataStreamSubscribeSignature}. */
export interface UserDataStreamSubscribeSignatureOptions extends UserDataSubscribeOptions {
  /**
   * The account to subscribe to, when it is not the connection's: its API key and signer (the
   * shape of `connectWsApi`'s `credentials`). Default: the connection's credentials.
   */
  credentials?: WsApiCredentials;
}

/** Metadata of `userDataStream.subscribe.signature`: security type, data source and weight. */
export const userDataStreamSubscribeSignatureInfo: WsApiMethodInfo<
  UserDataStreamSubscribeSignatureParams
> = {
  method: "userDataStream.subscribe.signature",
  security: "USER_STREAM",
  dataSource: "Memory",
  weightRule: "2",
  weight: () => 2,
};

/**
 * Subscribes to the User Data Stream of an account by a signature: the connection's account, or
 * with `options.credentials` another one (one connection holds one subscription per account).
 * Works with any key type, logged on or not; `apiKey` and `signature` are always sent. Resolves
 * once Binance acknowledged, with a subscription that delivers every event of that account once,
 * in order, as typed models; subscriptions of different accounts never see each other's events.
 *
 * Several subscriptions of the same account share one server subscription: when the account
 * already has one on the connection, the call joins it, and its `timestamp`, `recvWindow` and
 * `credentials` signer are not used. After a reconnect it
 * is signed again (a fresh `timestamp`) and made again, with a `gap` (`"reconnect"`) before any
 * event after it; a renewal hands over make-before-break; an unprompted `eventStreamTerminated`
 * is followed by a new subscription and a `gap` (`"terminated"`).
 *
 * Weight: 2.
 * Security type: USER_STREAM. Data source: Memory.
 *
 * @param conn The connection.
 * @param params `timestamp` (first subscribe only) and `recvWindow`.
 * @param options Signal, timeout, buffer size, overflow policy, and `credentials`.
 * @returns The subscription.
 * @throws {ValidationError} when a param or option is invalid, or there are no credentials
 *   (nothing is sent).
 * @throws {BinanceApiError} when Binance refuses the subscription (-2035: the account already has
 *   one on this connection that this client did not make).
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first, or the subscription is
 *   ended (`userDataStreamUnsubscribe`, `sessionLogout`) before Binance acknowledged it.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#subscribe-to-user-data-stream-through-signature-subscription-user_stream}
 *
 * @example Subscribe with an HMAC key, without a session
 * ```ts
 * import { connectWsApi, createSigner, userDataStreamSubscribeSignature } from "@binance-ws/spot";
 * import { FAKE_ACCOUNT, startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * const signer = await createSigner(FAKE_ACCOUNT.hmacKey);
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer },
 * });
 * await using sub = await userDataStreamSubscribeSignature(conn);
 * assert.equal(typeof sub.subscriptionId, "number");
 * exchange.userData.balanceUpdate(FAKE_ACCOUNT.apiKey, "USDT", "5.00000000");
 * for await (const event of sub) {
 *   assert.equal(event.eventType, "balanceUpdate");
 *   break;
 * }
 * ```
 */
export function userDataStreamSubscribeSignature(
  conn: WsApiConnection,
  params: UserDataStreamSubscribeSignatureParams = {},
  options?: UserDataStreamSubscribeSignatureOptions,
): Promise<UserDataSubscription<UserDataEvent>> {
  const method = userDataStreamSubscribeSignatureInfo.method;
  let valid: UserDataStreamSubscribeSignatureParams;
  try {
    checkOptions(method, options, USER_DATA_SIGNATURE_OPTIONS);
    valid = validateParams(method, schema, params);
  } catch (error) {
    return Promise.reject(error);
  }
  return userDataHub(conn).subscribe({
    kind: "signed",
    credentials: options?.credentials,
    timestamp: valid.timestamp,
    recvWindow: valid.recvWindow,
    returnRateLimits: options?.returnRateLimits,
    read: readUserDataEvent,
  }, options ?? {});
}
