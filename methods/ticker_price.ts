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
  symbols: symbolList(1000).optional(),
  symbolStatus: symbolStatus.optional(),
}).superRefine(atMostOneOf("symbol", "symbols"));

/** Metadata of `ticker.price`: weight 2 for `symbol`, 4 for `symbols` or all. */
export const tickerPriceInfo: WsApiMethodInfo<TickerPriceParams> = {
  method: "ticker.price",
  security: "NONE",
  dataSource: "Memory",
  weightRule: "symbol: 2; symbols: 4; none: 4",
  weight: (p) => p.symbol !== undefined ? 2 : 4,
};

/**
 * Gets the latest price of one symbol.
 *
 * Weight: 2 for `symbol`; 4 for `symbols` or all symbols.
 * Security type: NONE. Data source: Memory.
 *
 * @param conn The connection.
 * @param params `symbol` for one price; `symbols` or nothing for a list.
 * @param options Signal and timeout.
 * @returns The price (a list for `symbols` or all symbols).
 * @throws {ValidationError} when the parameters are invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request (e.g. -1121 invalid symbol).
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
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
export function tickerPrice(
  conn: WsApiConnection,
  params: TickerPriceParams & { symbol: string },
  options?: RequestOptions,
): Promise<TickerPrice>;
/**
 * Gets the latest price of several symbols (`symbols`) or of all symbols.
 *
 * @param conn The connection.
 * @param params `symbols`, or nothing for all symbols.
 * @param options Signal and timeout.
 * @returns The prices.
 */
export function tickerPrice(
  conn: WsApiConnection,
  params?: TickerPriceParams & { symbol?: undefined },
  options?: RequestOptions,
): Promise<TickerPrice[]>;
export function tickerPrice(
  conn: WsApiConnection,
  params?: TickerPriceParams,
  options?: RequestOptions,
): Promise<TickerPrice | TickerPrice[]> {
  const model = params?.symbol !== undefined ? TickerPrice : TickerPriceList;
  return callMethod<TickerPriceParams, TickerPrice | TickerPrice[]>(
    conn,
    tickerPriceInfo,
    schema,
    params,
    model,
    options,
  );
}
