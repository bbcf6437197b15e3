/**
 * `allOrders`: gets the account's orders of a symbol (open, canceled, filled), by time or id.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { DAY_MS, int, symbol, timestamp, windowAtMost } from "../core/_params.ts";
import { type SignedParams, signedShape } from "./_order_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { type QueriedOrder, QueriedOrderList } from "../models/queried_order.ts";

/** Parameters of {@linkcode allOrders}. */
export interface AllOrdersParams extends SignedParams {
  /** The symbol. */
  symbol: string;
  /** The order id to begin at: orders with an id at or above it. Ignored with a time range. */
  orderId?: number;
  /**
   * Start of the range (ms or µs), on each order's last update time. At most 24 hours before
   * `endTime` (exactly 24 hours is allowed).
   */
  startTime?: number;
  /** End of the range (ms or µs). */
  endTime?: number;
  /** How many, 1–1000. Default 500. */
  limit?: number;
}

const schema: z.ZodType<AllOrdersParams> = z.strictObject({
  symbol,
  orderId: int(0).optional(),
  startTime: timestamp.optional(),
  endTime: timestamp.optional(),
  limit: int(1, 1000).optional(),
  ...signedShape,
}).superRefine(windowAtMost<AllOrdersParams>(DAY_MS, "24 hours"));

/** Metadata of `allOrders`: security type, data source and weight. */
export const allOrdersInfo: WsApiMethodInfo<AllOrdersParams> = {
  method: "allOrders",
  security: "USER_DATA",
  dataSource: "Database",
  weightRule: "20",
  weight: () => 20,
};

/**
 * Gets the account's orders of a symbol: open, canceled and filled, by order id ascending.
 * With `orderId`, the orders from that id on; with `startTime`/`endTime`, those whose last
 * update is in the range (`orderId` is then ignored); with neither, the most recent.
 *
 * Weight: 20.
 * Security type: USER_DATA. Data source: Database.
 *
 * @param conn The connection (with `credentials`).
 * @param params The symbol, the range or `orderId`, and `limit`.
 * @param options Signal and timeout.
 * @returns The orders ({@linkcode QueriedOrder}).
 * @throws {ValidationError} when the parameters are invalid (such as more than 24 hours
 *   between `startTime` and `endTime`), or the connection has no credentials (nothing is
 *   sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#account-order-history-user_data}
 *
 * @example The order history of a symbol
 * ```ts
 * import { allOrders, connectWsApi, createSigner, orderCancel, orderPlace } from "@binance-ws/spot";
 * import { FAKE_ACCOUNT, startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
 * });
 * const order = await orderPlace(conn, {
 *   symbol: "BTCUSDT", side: "BUY", type: "LIMIT", timeInForce: "GTC",
 *   price: "30000", quantity: "0.001",
 * });
 * await orderCancel(conn, { symbol: "BTCUSDT", orderId: order.orderId });
 * const history = await allOrders(conn, { symbol: "BTCUSDT", limit: 10 });
 * assert.equal(history.at(-1)?.status, "CANCELED");
 * ```
 */
export function allOrders(
  conn: WsApiConnection,
  params: AllOrdersParams,
  options?: RequestOptions,
): Promise<QueriedOrder[]> {
  return callMethod(conn, allOrdersInfo, schema, params, QueriedOrderList, options);
}
