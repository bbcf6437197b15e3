/**
 * `ticker.tradingDay`: gets price change statistics of the current trading day.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import {
  atMostOneOf,
  oneOfRequired,
  symbol,
  symbolList,
  symbolStatus,
  tickerType,
  timeZone,
} from "../core/_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { RollingWindowTicker, RollingWindowTickerList, type TickerMini } from "../models/ticker.ts";
import { fourPerSymbol, tickerModel } from "./_ticker.ts";

/** Parameters of {@linkcode tickerTradingDay}. */
export interface TickerTradingDayParams {
  /** One symbol: the result is one object. */
  symbol?: string;
  /** Several symbols: the result is a list. One of `symbol` and `symbols` is required. */
  symbols?: string[];
  /** Time zone of the intervals: hours or hours and minutes (e.g. `"8"`, `"-1:30"`), within [-12:00, +14:00]. Default `"0"` (UTC). */
  timeZone?: string;
  /** `"FULL"` (default) or `"MINI"` statistics. */
  type?: "FULL" | "MINI";
  /** Only symbols with this status (one symbol that differs gives error -1220). */
  symbolStatus?: "TRADING" | "HALT" | "BREAK";
}

const schema: z.ZodType<TickerTradingDayParams> = z.strictObject({
  symbol: symbol.optional(),
  symbols: symbolList(Number.MAX_SAFE_INTEGER).optional(),
  timeZone: timeZone.optional(),
  type: tickerType.optional(),
  symbolStatus: symbolStatus.optional(),
}).superRefine(atMostOneOf("symbol", "symbols")).superRefine(oneOfRequired("symbol", "symbols"));

/** Metadata of `ticker.tradingDay`: weight 4 per symbol; 200 above 50 symbols. */
export const tickerTradingDayInfo: WsApiMethodInfo<TickerTradingDayParams> = {
  method: "ticker.tradingDay",
  security: "NONE",
  dataSource: "Database",
  weightRule: "4 per symbol; 200 above 50 symbols",
  weight: fourPerSymbol,
};

/**
 * Gets price change statistics of the current trading day.
 *
 * Weight: 4 per symbol; 200 above 50 symbols.
 * Security type: NONE. Data source: Database.
 *
 * @param conn The connection.
 * @param params The parameters (one symbol, FULL statistics: the result is one object).
 * @param options Signal and timeout.
 * @returns The statistics (a list for `symbols`).
 * @throws {ValidationError} when the parameters are invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#trading-day-ticker}
 *
 * @example Usage
 * ```ts
 * import { connectWsApi, tickerTradingDay } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const day = await tickerTradingDay(conn, { symbol: "BTCUSDT", timeZone: "8" });
 * assert.equal(day.symbol, "BTCUSDT");
 * ```
 */
export function tickerTradingDay(
  conn: WsApiConnection,
  params: TickerTradingDayParams & { symbol: string; type?: "FULL" },
  options?: RequestOptions,
): Promise<RollingWindowTicker>;
/**
 * Gets price change statistics of the current trading day. (one symbol, MINI statistics).
 *
 * @param conn The connection.
 * @param params The parameters.
 * @param options Signal and timeout.
 * @returns The statistics (a list for `symbols`).
 */
export function tickerTradingDay(
  conn: WsApiConnection,
  params: TickerTradingDayParams & { symbol: string; type: "MINI" },
  options?: RequestOptions,
): Promise<TickerMini>;
/**
 * Gets price change statistics of the current trading day. (several symbols, FULL statistics).
 *
 * @param conn The connection.
 * @param params The parameters.
 * @param options Signal and timeout.
 * @returns The statistics (a list for `symbols`).
 */
export function tickerTradingDay(
  conn: WsApiConnection,
  params: TickerTradingDayParams & { symbol?: undefined; type?: "FULL" },
  options?: RequestOptions,
): Promise<RollingWindowTicker[]>;
/**
 * Gets price change statistics of the current trading day. (several symbols, MINI statistics).
 *
 * @param conn The connection.
 * @param params The parameters.
 * @param options Signal and timeout.
 * @returns The statistics (a list for `symbols`).
 */
export function tickerTradingDay(
  conn: WsApiConnection,
  params: TickerTradingDayParams & { symbol?: undefined; type: "MINI" },
  options?: RequestOptions,
): Promise<TickerMini[]>;
export function tickerTradingDay(
  conn: WsApiConnection,
  params?: TickerTradingDayParams,
  options?: RequestOptions,
): Promise<RollingWindowTicker | TickerMini | RollingWindowTicker[] | TickerMini[]> {
  const model = tickerModel(params, RollingWindowTicker, RollingWindowTickerList);
  return callMethod<
    TickerTradingDayParams,
    RollingWindowTicker | TickerMini | RollingWindowTicker[] | TickerMini[]
  >(conn, tickerTradingDayInfo, schema, params, model, options);
}
