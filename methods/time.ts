/**
 * `time`: the server time.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { ServerTime } from "../models/server_time.ts";

/** Parameters of {@linkcode time}: none. */
export type TimeParams = Record<string, never>;

const schema: z.ZodType<TimeParams> = z.strictObject({});

/** Metadata of `time`: security type, data source and weight. */
export const timeInfo: WsApiMethodInfo<TimeParams> = {
  method: "time",
  security: "NONE",
  dataSource: "Memory",
  weightRule: "1",
  weight: () => 1,
};

/**
 * Gets the server time.
 *
 * Weight: 1.
 * Security type: NONE. Data source: Memory.
 *
 * @param conn The connection.
 * @param params None.
 * @param options Signal and timeout.
 * @returns The server time.
 * @throws {ValidationError} when a parameter or an option is invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request (e.g. 429, rate limited).
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#check-server-time}
 *
 * @example Usage
 * ```ts
 * import { connectWsApi, time } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const { serverTime } = await time(conn);
 * assert.ok(Math.abs(serverTime - Date.now()) < 60_000);
 * ```
 */
export function time(
  conn: WsApiConnection,
  params?: TimeParams,
  options?: RequestOptions,
): Promise<ServerTime> {
  return callMethod(conn, timeInfo, schema, params, ServerTime, options);
}
