/**
 * `trades.historical`: gets older trades of a symbol, from a trade id on.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { int, symbol } from "../core/_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { type Trade, TradeList } from "../models/trade.ts";

/** Parameters of {@linkcode tradesHistorical}. */
export interface TradesHistoricalParams {
  /** The symbol, e.g. `"BNBBTC"`. */
  symbol: string;
  /** Trade id to start at. Default: the most recent trades. */
  fromId?: number;
  /** How many, 1–1000. Default 500. */
  limit?: number;
}

const schema: z.ZodType<TradesHistoricalParams> = z.strictObject({
  symbol: symbol,
  fromId: int(0).optional(),
  limit: int(1, 1000).optional(),
});

/** Metadata of `trades.historical`: security type, data source and weight. */
export const tradesHistoricalInfo: WsApiMethodInfo<TradesHistoricalParams> = {
  method: "trades.historical",
  security: "NONE",
  dataSource: "Database",
  weightRule: "25",
  weight: () => 25,
};

/**
 * Gets older trades of a symbol, from a trade id on.
 *
 * Weight: 25.
 * Security type: NONE. Data source: Database.
 *
 * @param conn The connection.
 * @param params The parameters.
 * @param options Signal and timeout.
 * @returns The trades, oldest first.
 * @throws {ValidationError} when the parameters are invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#historical-trades}
 *
 * @example Page through trades
 * ```ts
 * import { connectWsApi, tradesHistorical, tradesRecent } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const [first] = await tradesRecent(conn, { symbol: "BTCUSDT", limit: 1 });
 * const page = await tradesHistorical(conn, { symbol: "BTCUSDT", fromId: first.id - 9, limit: 10 });
 * assert.equal(page.at(-1)!.id, first.id);
 * ```
 */
export function tradesHistorical(
  conn: WsApiConnection,
  params: TradesHistoricalParams,
  options?: RequestOptions,
): Promise<Trade[]> {
  return callMethod(conn, tradesHistoricalInfo, schema, params, TradeList, options);
}
