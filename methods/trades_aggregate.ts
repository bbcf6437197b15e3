/**
 * `trades.aggregate`: gets aggregate trades: trades at the same time, price and side, taken together.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { excludes, int, startBeforeEnd, symbol, timestamp } from "../core/_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { type AggregateTrade, AggregateTradeList } from "../models/aggregate_trade.ts";

/** Parameters of {@linkcode tradesAggregate}. */
export interface TradesAggregateParams {
  /** The symbol, e.g. `"BNBBTC"`. */
  symbol: string;
  /** Aggregate trade id to start at; not with `startTime` or `endTime`. */
  fromId?: number;
  /** Start of the range (ms or µs). */
  startTime?: number;
  /** End of the range (ms or µs). */
  endTime?: number;
  /** How many, 1–1000. Default 500. */
  limit?: number;
}

const schema: z.ZodType<TradesAggregateParams> = z.strictObject({
  symbol: symbol,
  fromId: int(0).optional(),
  startTime: timestamp.optional(),
  endTime: timestamp.optional(),
  limit: int(1, 1000).optional(),
}).superRefine(excludes("fromId", "startTime", "endTime")).superRefine(startBeforeEnd);

/** Metadata of `trades.aggregate`: security type, data source and weight. */
export const tradesAggregateInfo: WsApiMethodInfo<TradesAggregateParams> = {
  method: "trades.aggregate",
  security: "NONE",
  dataSource: "Database",
  weightRule: "4",
  weight: () => 4,
};

/**
 * Gets aggregate trades: trades at the same time, price and side, taken together.
 *
 * Weight: 4.
 * Security type: NONE. Data source: Database.
 *
 * @param conn The connection.
 * @param params The parameters.
 * @param options Signal and timeout.
 * @returns The aggregate trades, oldest first, with readable field names.
 * @throws {ValidationError} when the parameters are invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#aggregate-trades}
 *
 * @example Usage
 * ```ts
 * import { connectWsApi, tradesAggregate } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const trades = await tradesAggregate(conn, { symbol: "BTCUSDT", limit: 3 });
 * assert.equal(trades.length, 3);
 * assert.match(trades[0].price, /^\d+\.\d+$/);
 * ```
 */
export function tradesAggregate(
  conn: WsApiConnection,
  params: TradesAggregateParams,
  options?: RequestOptions,
): Promise<AggregateTrade[]> {
  return callMethod(conn, tradesAggregateInfo, schema, params, AggregateTradeList, options);
}
