/**
 * `uiKlines`: gets klines (candlesticks) of a symbol, tuned for chart presentation.
 *
 * @module
 */
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { type KlinesParams, klinesParams as schema } from "./_klines_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { type Kline, KlineList } from "../models/kline.ts";

/** Parameters of {@linkcode uiKlines}: the same as those of `klines`. */
export type UiKlinesParams = KlinesParams;

/** Metadata of `uiKlines`: security type, data source and weight. */
export const uiKlinesInfo: WsApiMethodInfo<UiKlinesParams> = {
  method: "uiKlines",
  security: "NONE",
  dataSource: "Database",
  weightRule: "2",
  weight: () => 2,
};

/**
 * Gets klines (candlesticks) of a symbol, tuned for chart presentation.
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
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#ui-klines}
 *
 * @example Daily candles
 * ```ts
 * import { connectWsApi, uiKlines } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const candles = await uiKlines(conn, { symbol: "ETHUSDT", interval: "1d", limit: 2 });
 * assert.equal(candles.length, 2);
 * ```
 */
export function uiKlines(
  conn: WsApiConnection,
  params: UiKlinesParams,
  options?: RequestOptions,
): Promise<Kline[]> {
  return callMethod(conn, uiKlinesInfo, schema, params, KlineList, options);
}
