/**
 * `blockTrades.historical`: gets the block trades of a symbol, from a block trade id on.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { int, symbol } from "../core/_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { type BlockTrade, BlockTradeList } from "../models/block_trade.ts";

/** Parameters of {@linkcode blockTradesHistorical}. */
export interface BlockTradesHistoricalParams {
  /** The symbol, e.g. `"BNBBTC"`. */
  symbol: string;
  /** Block trade id to start at. */
  fromId: number;
  /** How many, 1–1000. Default 500. */
  limit?: number;
}

const schema: z.ZodType<BlockTradesHistoricalParams> = z.strictObject({
  symbol: symbol,
  fromId: int(0),
  limit: int(1, 1000).optional(),
});

/** Metadata of `blockTrades.historical`: security type, data source and weight. */
export const blockTradesHistoricalInfo: WsApiMethodInfo<BlockTradesHistoricalParams> = {
  method: "blockTrades.historical",
  security: "NONE",
  dataSource: "Database",
  weightRule: "25",
  weight: () => 25,
};

/**
 * Gets the block trades of a symbol, from a block trade id on.
 *
 * Weight: 25.
 * Security type: NONE. Data source: Database.
 *
 * @param conn The connection.
 * @param params The parameters.
 * @param options Signal and timeout.
 * @returns The block trades, oldest first.
 * @throws {ValidationError} when the parameters are invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#historical-block-trades}
 *
 * @example Usage
 * ```ts
 * import { blockTradesHistorical, connectWsApi } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const trades = await blockTradesHistorical(conn, { symbol: "BTCUSDT", fromId: 0, limit: 3 });
 * assert.ok(trades.length <= 3);
 * ```
 */
export function blockTradesHistorical(
  conn: WsApiConnection,
  params: BlockTradesHistoricalParams,
  options?: RequestOptions,
): Promise<BlockTrade[]> {
  return callMethod(conn, blockTradesHistoricalInfo, schema, params, BlockTradeList, options);
}
