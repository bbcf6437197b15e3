/**
 * `ticker.price`: the latest price of one, several or all symbols.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { atMostOneOf, symbol, symbolList, symbolStatus } from "../core/_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { TickerPrice, TickerPriceList } from "../models/ticker_price.ts";
import type { NoUnknownParams, TickerResult } from "./_result.ts";
import { tickerModel } from "./_ticker.ts";

/** Parameters of {@linkcode tickerPrice}. `symbol` and `symbols` cannot be sent together. */
export interface TickerPriceParams {
  /** One symbol: the result is one {@linkcode TickerPrice}. */
  symbol?: string;
  /** Several symbols: the result is a list. Neither: all symbols, as a list. */
  symbols?: string[];
  /** Only symbols with this status (one symbol that differs gives error -1220). */
  symbolStatus?: "TRADING" | "HALT" | "BREAK";
}

const schema: z.ZodType<TickerPriceParams> = z.strictObject({
  symbol: symbol.optional(),
  symbols: symbolList(Number.MAX_SAFE_INTEGER).optional(), // the docs give no maximum
  symbolStatus: symbolStatus.optional(),
}).superRefine(atMostOneOf("symbol", "symbols"));

/** Metadata of `ticker.price`: security type, data source and weight. */
export const tickerPriceInfo: WsApiMethodInfo<TickerPriceParams> = {
  method: "ticker.price",
  security: "NONE",
  dataSource: "Memory",
  weightRule: "symbol: 2; symbols: 4; none: 4",
  weight: (p) => p.symbol !== undefined ? 2 : 4,
};

/**
 * Gets the latest price of one, several or all symbols.
 *
 * Weight: symbol: 2; symbols: 4; none: 4.
 * Security type: NONE. Data source: Memory.
 *
 * @typeParam P The params' type, inferred from the call: it picks the result type.
 * @param conn The connection.
 * @param params `symbol` for one result, `symbols` or neither (all symbols) for a list.
 * @param options Signal and timeout.
 * @returns One {@linkcode TickerPrice} for `symbol`, a list otherwise: {@linkcode TickerResult},
 *   a union when the type of `params` leaves the choice open.
 * @throws {ValidationError} when the parameters are invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request (e.g. -1121 invalid symbol).
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#symbol-price-ticker}
 *
 * @example One symbol, then several
 * ```ts
 * import { connectWsApi, tickerPrice } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const one = await tickerPrice(conn, { symbol: "BTCUSDT" });
 * assert.match(one.price, /^\d+\.\d+$/);
 * const two = await tickerPrice(conn, { symbols: ["BTCUSDT", "BNBBTC"] });
 * assert.equal(two.length, 2);
 * ```
 */
export function tickerPrice<
  P extends TickerPriceParams & NoUnknownParams<P, TickerPriceParams> = Record<never, never>,
>(
  conn: WsApiConnection,
  params?: P,
  options?: RequestOptions,
): Promise<TickerResult<P, TickerPrice>> {
  const model = tickerModel(params, TickerPrice, TickerPriceList);
  return callMethod(conn, tickerPriceInfo, schema, params, model, options);
}
