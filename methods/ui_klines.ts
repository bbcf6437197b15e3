/**
 * `uiKlines`: gets klines (candlesticks) of a symbol, tuned for chart presentation.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import {
  int,
  klineInterval,
  startBeforeEnd,
  symbol,
  timestamp,
  timeZone,
} from "../core/_schema.ts";
import type { KlineInterval, RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { type Kline, KlineList } from "../models/kline.ts";

/** Parameters of {@linkcode uiKlines}. */
export interface UiKlinesParams {
  /** The symbol, e.g. `"BNBBTC"`. */
  symbol: string;
  /** The interval, e.g. `"1m"` or `"1M"` (case-sensitive). */
  interval: KlineInterval;
  /** Start of the range (ms or µs). */
  startTime?: number;
  /** End of the range (ms or µs). */
  endTime?: number;
  /** Time zone of the intervals: hours or hours and minutes (e.g. `"8"`, `"-1:30"`), within [-12:00, +14:00]. Default `"0"` (UTC). */
  timeZone?: string;
  /** How many, 1–1000. Default 500. */
  limit?: number;
}

const schema: z.ZodType<UiKlinesParams> = z.strictObject({
  symbol: symbol,
  interval: klineInterval,
  startTime: timestamp.optional(),
  endTime: timestamp.optional(),
  timeZone: timeZone.optional(),
  limit: int(1, 1000).optional(),
}).superRefine(startBeforeEnd);

/** Metadata of `uiKlines`: weight 2. */
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
