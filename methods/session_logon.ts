/**
 * `session.logon`: authenticates the connection with the API key.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { recvWindow as recvWindowRule } from "../core/_options.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { SessionStatus } from "../models/session_status.ts";

/** Parameters of {@linkcode sessionLogon}. `apiKey`, `timestamp` and `signature` are added. */
export interface SessionLogonParams {
  /** ms the request stays valid: above 0, at most 60 000, at most 3 decimals. */
  recvWindow?: number;
}

const schema: z.ZodType<SessionLogonParams> = z.strictObject({
  recvWindow: z.number().check((ctx) => {
    const problem = recvWindowRule(ctx.value);
    if (problem !== undefined) {
      ctx.issues.push({ code: "custom", message: problem, input: ctx.value });
    }
  }).optional(),
});

/** Metadata of `session.logon`: security type, data source and weight. */
export const sessionLogonInfo: WsApiMethodInfo<SessionLogonParams> = {
  method: "session.logon",
  security: "USER_DATA",
  dataSource: "Memory",
  weightRule: "2",
  weight: () => 2,
};

/**
 * Logs the connection on with its API key: later SIGNED requests on its socket omit `apiKey`
 * and `signature` (the connection does that itself). Whether it logs on again after a
 * reconnect or renewal is the `logon` option of `connectWsApi()` (until
 * {@linkcode sessionLogout}). Binance accepts only Ed25519 keys for
 * sessions; the request is signed with whatever key the connection holds and Binance
 * decides. Calling it again changes the authenticated key. With an Ed25519 signer,
 * `connectWsApi()` logs on by itself (`logon` option).
 *
 * Weight: 2.
 * Security type: USER_DATA. Data source: Memory.
 * (The docs tag it "SIGNED": it needs `apiKey`, `timestamp` and `signature`, and no
 * permission beyond a valid key.)
 *
 * @param conn The connection (with `credentials`).
 * @param params The optional `recvWindow`.
 * @param options Signal and timeout.
 * @returns The session's state: `apiKey` and `authorizedSince` are set.
 * @throws {ValidationError} when the params are invalid or the connection has no
 * credentials (nothing is sent).
 * @throws {BinanceApiError} when Binance refuses the logon (e.g. a key that is not Ed25519,
 * -1022 bad signature, -2015 invalid key); the message says what to check.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#log-in-with-api-key-signed}
 *
 * @example Log on with an Ed25519 key
 * ```ts
 * import { connectWsApi, createSigner, sessionLogon } from "@binance-ws/spot";
 * import { FAKE_ACCOUNT, startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * const signer = await createSigner(FAKE_ACCOUNT.ed25519Key);
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer },
 *   logon: false,
 * });
 * const session = await sessionLogon(conn);
 * assert.equal(session.apiKey, FAKE_ACCOUNT.apiKey);
 * ```
 */
export function sessionLogon(
  conn: WsApiConnection,
  params: SessionLogonParams = {},
  options?: RequestOptions,
): Promise<SessionStatus> {
  return callMethod(conn, sessionLogonInfo, schema, params, SessionStatus, options);
}
