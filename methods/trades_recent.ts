/**
 * `trades.recent`: gets the most recent trades of a symbol.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { int, symbol } from "../core/_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { type Trade, TradeList } from "../models/trade.ts";

/** Parameters of {@linkcode tradesRecent}. */
export interface TradesRecentParams {
  /** The symbol, e.g. `"BNBBTC"`. */
  symbol: string;
  /** How many, 1–1000. Default 500. */
  limit?: number;
}

const schema: z.ZodType<TradesRecentParams> = z.strictObject({
  symbol: symbol,
  limit: int(1, 1000).optional(),
});

/** Metadata of `trades.recent`: security type, data source and weight. */
export const tradesRecentInfo: WsApiMethodInfo<TradesRecentParams> = {
  method: "trades.recent",
  security: "NONE",
  dataSource: "Memory",
  weightRule: "25",
  weight: () => 25,
};

/**
 * Gets the most recent trades of a symbol.
 *
 * Weight: 25.
 * Security type: NONE. Data source: Memory.
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
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#recent-trades}
 *
 * @example Last five trades
 * ```ts
 * import { connectWsApi, tradesRecent } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const trades = await tradesRecent(conn, { symbol: "BTCUSDT", limit: 5 });
 * assert.equal(trades.length, 5);
 * assert.ok(trades[0].id < trades[4].id);
 * ```
 */
export function tradesRecent(
  conn: WsApiConnection,
  params: TradesRecentParams,
  options?: RequestOptions,
): Promise<Trade[]> {
  return callMethod(conn, tradesRecentInfo, schema, params, TradeList, options);
}
