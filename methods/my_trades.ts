/**
 * `myTrades`: gets the account's trades of a symbol, by time, trade id or order.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { DAY_MS, int, notWith, symbol, timestamp, windowAtMost } from "../core/_params.ts";
import { type SignedParams, signedShape } from "./_order_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { type AccountTrade, AccountTradeList } from "../models/account_trade.ts";

/** Parameters of {@linkcode myTrades}. */
export interface MyTradesParams extends SignedParams {
  /** The symbol. */
  symbol: string;
  /** Only the trades of this order (weight 5 instead of 20); not with `startTime`/`endTime`. */
  orderId?: number;
  /**
   * Start of the range (ms or µs), on each trade's `time`. At most 24 hours before `endTime`
   * (exactly 24 hours is allowed).
   */
  startTime?: number;
  /** End of the range (ms or µs). */
  endTime?: number;
  /** The trade id to begin at: trades with an id at or above it; not with a time range. */
  fromId?: number;
  /** How many, 1–1000. Default 500. */
  limit?: number;
}

const schema: z.ZodType<MyTradesParams> = z.strictObject({
  symbol,
  orderId: int(0).optional(),
  startTime: timestamp.optional(),
  endTime: timestamp.optional(),
  fromId: int(0).optional(),
  limit: int(1, 1000).optional(),
  ...signedShape,
}).superRefine(notWith<MyTradesParams>("fromId", "startTime", "endTime"))
  .superRefine(notWith<MyTradesParams>("orderId", "startTime", "endTime"))
  .superRefine(windowAtMost<MyTradesParams>(DAY_MS, "24 hours"));

/** Metadata of `myTrades`: security type, data source and weight. */
export const myTradesInfo: WsApiMethodInfo<MyTradesParams> = {
  method: "myTrades",
  security: "USER_DATA",
  dataSource: "Memory => Database",
  weightRule: "without orderId: 20; with orderId: 5",
  weight: (p) => p.orderId !== undefined ? 5 : 20,
};

/**
 * Gets the account's trades of a symbol, by trade id ascending. With `orderId`, only that
 * order's; with `fromId`, the trades from that id on; with `startTime`/`endTime`, those whose
 * `time` is in the range; with none, the most recent.
 *
 * Weight: without orderId: 20; with orderId: 5.
 * Security type: USER_DATA. Data source: Memory => Database.
 *
 * @param conn The connection (with `credentials`).
 * @param params The symbol, then `orderId`, `fromId` or the range, and `limit`.
 * @param options Signal and timeout.
 * @returns The trades ({@linkcode AccountTrade}).
 * @throws {ValidationError} when the parameters are invalid (`fromId` or `orderId` with a
 *   time range, more than 24 hours between `startTime` and `endTime`, …), or the connection
 *   has no credentials (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#account-trade-history-user_data}
 *
 * @example The trades of an order
 * ```ts
 * import { connectWsApi, createSigner, myTrades, orderPlace } from "@binance-ws/spot";
 * import { FAKE_ACCOUNT, startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
 * });
 * const order = await orderPlace(conn, {
 *   symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.001",
 * });
 * const trades = await myTrades(conn, { symbol: "BTCUSDT", orderId: order.orderId });
 * assert.ok(trades.length > 0);
 * assert.ok(trades.every((t) => t.orderId === order.orderId && t.isBuyer));
 * ```
 */
export function myTrades(
  conn: WsApiConnection,
  params: MyTradesParams,
  options?: RequestOptions,
): Promise<AccountTrade[]> {
  return callMethod(conn, myTradesInfo, schema, params, AccountTradeList, options);
}
