/**
 * `session.logout`: forgets the session's API key.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { SessionStatus } from "../models/session_status.ts";

/** Parameters of {@linkcode sessionLogout}: none. */
export type SessionLogoutParams = Record<string, never>;

const schema: z.ZodType<SessionLogoutParams> = z.strictObject({});

/** Metadata of `session.logout`: security type, data source and weight. */
export const sessionLogoutInfo: WsApiMethodInfo<SessionLogoutParams> = {
  method: "session.logout",
  security: "NONE",
  dataSource: "Memory",
  weightRule: "2",
  weight: () => 2,
};

/**
 * Logs the connection out: Binance forgets the API key (a no-op when not logged on), the
 * connection stays open, later SIGNED requests carry `apiKey` and `signature` again, and the
 * connection no longer logs on after reconnects and renewals (a `session` event says
 * `loggedOut`). It also ends a `userDataStream.subscribe` subscription.
 *
 * Weight: 2.
 * Security type: NONE. Data source: Memory.
 *
 * @param conn The connection.
 * @param params None.
 * @param options Signal and timeout.
 * @returns The session's state: `apiKey` and `authorizedSince` are `null`.
 * @throws {ValidationError} when a parameter or an option is invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#log-out-of-the-session}
 *
 * @example Log out of an Ed25519 session
 * ```ts
 * import { connectWsApi, createSigner, sessionLogout } from "@binance-ws/spot";
 * import { FAKE_ACCOUNT, startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * const signer = await createSigner(FAKE_ACCOUNT.ed25519Key);
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer },
 * }); // logs on by itself with an Ed25519 key
 * const session = await sessionLogout(conn);
 * assert.equal(session.apiKey, null);
 * ```
 */
export function sessionLogout(
  conn: WsApiConnection,
  params: SessionLogoutParams = {},
  options?: RequestOptions,
): Promise<SessionStatus> {
  return callMethod(conn, sessionLogoutInfo, schema, params, SessionStatus, options);
}
