/**
 * `klines`: gets klines (candlesticks) of a symbol.
 *
 * @module
 */
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { type KlinesParams, klinesParams as schema } from "./_klines_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { type Kline, KlineList } from "../models/kline.ts";

export type { KlinesParams };

/** Metadata of `klines`: security type, data source and weight. */
export const klinesInfo: WsApiMethodInfo<KlinesParams> = {
  method: "klines",
  security: "NONE",
  dataSource: "Database",
  weightRule: "2",
  weight: () => 2,
};

/**
 * Gets klines (candlesticks) of a symbol.
 *
 * Weight: 2.
 * Security type: NONE. Data source: Database.
 *
 * @param conn The connection.
 * @param params The parameters.
 * @param options Signal and timeout.
 * @returns The klines, oldest first, with readable field names.
 * @throws {ValidationError} when the parameters are invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#klines}
 *
 * @example Hourly candles
 * ```ts
 * import { connectWsApi, klines } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const candles = await klines(conn, { symbol: "BTCUSDT", interval: "1h", limit: 3 });
 * assert.equal(candles.length, 3);
 * assert.equal(candles[1].openTime - candles[0].openTime, 3_600_000);
 * ```
 */
export function klines(
  conn: WsApiConnection,
  params: KlinesParams,
  options?: RequestOptions,
): Promise<Kline[]> {
  return callMethod(conn, klinesInfo, schema, params, KlineList, options);
}
