/**
 * `ticker.24hr`: gets 24 h rolling price change statistics.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { atMostOneOf, symbol, symbolList, symbolStatus, tickerType } from "../core/_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { Ticker24hr, Ticker24hrList } from "../models/ticker.ts";
import type { NoUnknownParams, TickerResult } from "./_result.ts";
import { tickerModel } from "./_ticker.ts";

/** Parameters of {@linkcode ticker24hr}. */
export interface Ticker24hrParams {
  /** One symbol: the result is one object. */
  symbol?: string;
  /** Several symbols: the result is a list. Neither: every symbol that is trading, as a list. */
  symbols?: string[];
  /** `"FULL"` (default) or `"MINI"` statistics. */
  type?: "FULL" | "MINI";
  /** Only symbols with this status (one symbol that differs gives error -1220). */
  symbolStatus?: "TRADING" | "HALT" | "BREAK";
}

const schema: z.ZodType<Ticker24hrParams> = z.strictObject({
  symbol: symbol.optional(),
  symbols: symbolList(Number.MAX_SAFE_INTEGER).optional(),
  type: tickerType.optional(),
  symbolStatus: symbolStatus.optional(),
}).superRefine(atMostOneOf("symbol", "symbols"));

/** Metadata of `ticker.24hr`: security type, data source and weight. */
export const ticker24hrInfo: WsApiMethodInfo<Ticker24hrParams> = {
  method: "ticker.24hr",
  security: "NONE",
  dataSource: "Memory",
  weightRule: "symbol or 1-20 symbols: 2; 21-100 symbols: 40; 101 or more symbols, or none: 80",
  weight: (p) =>
    p.symbol !== undefined
      ? 2
      : p.symbols === undefined
      ? 80
      : p.symbols.length <= 20
      ? 2
      : p.symbols.length <= 100
      ? 40
      : 80,
};

/**
 * Gets 24 h rolling price change statistics.
 *
 * Weight: symbol or 1-20 symbols: 2; 21-100 symbols: 40; 101 or more symbols, or none: 80.
 * Security type: NONE. Data source: Memory.
 *
 * @typeParam P The params' type, inferred from the call: it picks the result type.
 * @param conn The connection.
 * @param params `symbol` for one result, `symbols` or neither (every trading symbol) for a list.
 * @param options Signal and timeout.
 * @returns One {@linkcode Ticker24hr} for `symbol`, a list otherwise, in the MINI form
 *   ({@linkcode TickerMini}) for `type: "MINI"`: {@linkcode TickerResult}, a union when the type
 *   of `params` leaves the choice open.
 * @throws {ValidationError} when the parameters are invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#24hr-ticker-price-change-statistics}
 *
 * @example One symbol, FULL and MINI
 * ```ts
 * import { connectWsApi, ticker24hr } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const full = await ticker24hr(conn, { symbol: "BTCUSDT" });
 * assert.match(full.priceChangePercent, /^-?\d+\.\d+$/);
 * const mini = await ticker24hr(conn, { symbols: ["BTCUSDT", "BNBBTC"], type: "MINI" });
 * assert.equal(mini.length, 2);
 * ```
 */
export function ticker24hr<
  P extends Ticker24hrParams & NoUnknownParams<P, Ticker24hrParams> = Record<never, never>,
>(
  conn: WsApiConnection,
  params?: P,
  options?: RequestOptions,
): Promise<TickerResult<P, Ticker24hr>> {
  const model = tickerModel(params, Ticker24hr, Ticker24hrList);
  return callMethod(conn, ticker24hrInfo, schema, params, model, options);
}
