/**
 * `session.status`: the connection's session.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { SessionStatus } from "../models/session_status.ts";

/** Parameters of {@linkcode sessionStatus}: none. */
export type SessionStatusParams = Record<string, never>;

const schema: z.ZodType<SessionStatusParams> = z.strictObject({});

/** Metadata of `session.status`: security type, data source and weight. */
export const sessionStatusInfo: WsApiMethodInfo<SessionStatusParams> = {
  method: "session.status",
  security: "NONE",
  dataSource: "Memory",
  weightRule: "2",
  weight: () => 2,
};

/**
 * Asks which API key (if any) the connection's session authenticates.
 *
 * Weight: 2.
 * Security type: NONE. Data source: Memory.
 *
 * @param conn The connection.
 * @param params None.
 * @param options Signal and timeout.
 * @returns The session's state: `apiKey` and `authorizedSince` are `null` when not logged on.
 * @throws {ValidationError} when a parameter or an option is invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#query-session-status}
 *
 * @example A connection that is not logged on
 * ```ts
 * import { connectWsApi, sessionStatus } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const session = await sessionStatus(conn);
 * assert.equal(session.apiKey, null);
 * ```
 */
export function sessionStatus(
  conn: WsApiConnection,
  params: SessionStatusParams = {},
  options?: RequestOptions,
): Promise<SessionStatus> {
  return callMethod(conn, sessionStatusInfo, schema, params, SessionStatus, options);
}
