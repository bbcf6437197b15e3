/**
 * `ping`: tests connectivity to the WebSocket API.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { EmptyResult } from "../models/empty_result.ts";

/** Parameters of {@linkcode ping}: none. */
export type PingParams = Record<string, never>;

const schema: z.ZodType<PingParams> = z.strictObject({});

/** Metadata of `ping`: security type, data source and weight. */
export const pingInfo: WsApiMethodInfo<PingParams> = {
  method: "ping",
  security: "NONE",
  dataSource: "Memory",
  weightRule: "1",
  weight: () => 1,
};

/**
 * Tests connectivity to the WebSocket API.
 *
 * Weight: 1.
 * Security type: NONE. Data source: Memory.
 *
 * @param conn The connection.
 * @param params None.
 * @param options Signal and timeout.
 * @returns An empty object.
 * @throws {ValidationError} when a parameter or an option is invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#test-connectivity}
 *
 * @example Usage
 * ```ts
 * import { connectWsApi, ping } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * assert.deepEqual(await ping(conn), {});
 * ```
 */
export function ping(
  conn: WsApiConnection,
  params?: PingParams,
  options?: RequestOptions,
): Promise<EmptyResult> {
  return callMethod(conn, pingInfo, schema, params, EmptyResult, options);
}
