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
import { RollingWindowTicker, RollingWindowTickerList } from "../models/ticker.ts";
import type { NoUnknownParams, TickerResult } from "./_result.ts";
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

/** Metadata of `ticker.tradingDay`: security type, data source and weight. */
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
 * @typeParam P The params' type, inferred from the call: it picks the result type.
 * @param conn The connection.
 * @param params `symbol` for one result, `symbols` for a list.
 * @param options Signal and timeout.
 * @returns One {@linkcode RollingWindowTicker} for `symbol`, a list otherwise, in the MINI form
 *   ({@linkcode TickerMini}) for `type: "MINI"`: {@linkcode TickerResult}, a union when the type
 *   of `params` leaves the choice open.
 * @throws {ValidationError} when the parameters are invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
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
export function tickerTradingDay<
  P extends TickerTradingDayParams & NoUnknownParams<P, TickerTradingDayParams>,
>(
  conn: WsApiConnection,
  params: P,
  options?: RequestOptions,
): Promise<TickerResult<P, RollingWindowTicker>> {
  const model = tickerModel(params, RollingWindowTicker, RollingWindowTickerList);
  return callMethod(conn, tickerTradingDayInfo, schema, params, model, options);
}
