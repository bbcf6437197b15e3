/**
 * `ticker.book`: the best bid and ask of one, several or all symbols.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { atMostOneOf, symbol, symbolList, symbolStatus } from "../core/_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { BookTicker, BookTickerList } from "../models/book_ticker.ts";
import type { NoUnknownParams, TickerResult } from "./_result.ts";
import { tickerModel } from "./_ticker.ts";

/** Parameters of {@linkcode tickerBook}. */
export interface TickerBookParams {
  /** One symbol: the result is one object. */
  symbol?: string;
  /** Several symbols: the result is a list. Neither: all symbols, as a list. */
  symbols?: string[];
  /** Only symbols with this status (one symbol that differs gives error -1220). */
  symbolStatus?: "TRADING" | "HALT" | "BREAK";
}

const schema: z.ZodType<TickerBookParams> = z.strictObject({
  symbol: symbol.optional(),
  symbols: symbolList(Number.MAX_SAFE_INTEGER).optional(),
  symbolStatus: symbolStatus.optional(),
}).superRefine(atMostOneOf("symbol", "symbols"));

/** Metadata of `ticker.book`: security type, data source and weight. */
export const tickerBookInfo: WsApiMethodInfo<TickerBookParams> = {
  method: "ticker.book",
  security: "NONE",
  dataSource: "Memory",
  weightRule: "symbol: 2; symbols: 4; none: 4",
  weight: (p) => p.symbol !== undefined ? 2 : 4,
};

/**
 * Gets the best bid and ask of one, several or all symbols.
 *
 * Weight: symbol: 2; symbols: 4; none: 4.
 * Security type: NONE. Data source: Memory.
 *
 * @typeParam P The params' type, inferred from the call: it picks the result type.
 * @param conn The connection.
 * @param params `symbol` for one result, `symbols` or neither (all symbols) for a list.
 * @param options Signal and timeout.
 * @returns One {@linkcode BookTicker} for `symbol`, a list otherwise: {@linkcode TickerResult},
 *   a union when the type of `params` leaves the choice open.
 * @throws {ValidationError} when the parameters are invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#symbol-order-book-ticker}
 *
 * @example Usage
 * ```ts
 * import { connectWsApi, tickerBook } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const book = await tickerBook(conn, { symbol: "BTCUSDT" });
 * assert.ok(Number(book.bidPrice) < Number(book.askPrice));
 * ```
 */
export function tickerBook<
  P extends TickerBookParams & NoUnknownParams<P, TickerBookParams> = Record<never, never>,
>(
  conn: WsApiConnection,
  params?: P,
  options?: RequestOptions,
): Promise<TickerResult<P, BookTicker>> {
  const model = tickerModel(params, BookTicker, BookTickerList);
  return callMethod(conn, tickerBookInfo, schema, params, model, options);
}
