/**
 * `ticker`: gets rolling window price change statistics.
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
  windowSize,
} from "../core/_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { RollingWindowTicker, RollingWindowTickerList } from "../models/ticker.ts";
import type { NoUnknownParams, TickerResult } from "./_result.ts";
import { fourPerSymbol, tickerModel } from "./_ticker.ts";

/** Parameters of {@linkcode ticker}. */
export interface TickerParams {
  /** One symbol: the result is one object. */
  symbol?: string;
  /** Up to 200 symbols: the result is a list. One of `symbol` and `symbols` is required. */
  symbols?: string[];
  /** `"FULL"` (default) or `"MINI"` statistics. */
  type?: "FULL" | "MINI";
  /** The window: `1m`–`59m`, `1h`–`23h` or `1d`–`7d`. Default `"1d"`. */
  windowSize?: string;
  /** Only symbols with this status (one symbol that differs gives error -1220). */
  symbolStatus?: "TRADING" | "HALT" | "BREAK";
}

const schema: z.ZodType<TickerParams> = z.strictObject({
  symbol: symbol.optional(),
  symbols: symbolList(200).optional(),
  type: tickerType.optional(),
  windowSize: windowSize.optional(),
  symbolStatus: symbolStatus.optional(),
}).superRefine(atMostOneOf("symbol", "symbols")).superRefine(oneOfRequired("symbol", "symbols"));

/** Metadata of `ticker`: security type, data source and weight. */
export const tickerInfo: WsApiMethodInfo<TickerParams> = {
  method: "ticker",
  security: "NONE",
  dataSource: "Database",
  weightRule: "4 per symbol; 200 above 50 symbols",
  weight: fourPerSymbol,
};

/**
 * Gets rolling window price change statistics.
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
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#rolling-window-price-change-statistics}
 *
 * @example Four-hour window
 * ```ts
 * import { connectWsApi, ticker } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const t = await ticker(conn, { symbol: "ETHUSDT", windowSize: "4h" });
 * assert.equal(t.closeTime - t.openTime <= 4 * 3_600_000 + 60_000, true);
 * ```
 */
export function ticker<
  P extends TickerParams & NoUnknownParams<P, TickerParams>,
>(
  conn: WsApiConnection,
  params: P,
  options?: RequestOptions,
): Promise<TickerResult<P, RollingWindowTicker>> {
  const model = tickerModel(params, RollingWindowTicker, RollingWindowTickerList);
  return callMethod(conn, tickerInfo, schema, params, model, options);
}
