/**
 * `order.amendments`: gets the amendments of one order (`order.amend.keepPriority`).
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { int, symbol } from "../core/_params.ts";
import { type SignedParams, signedShape } from "./_order_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { type OrderAmendment, OrderAmendmentList } from "../models/order_amendment.ts";

/** Parameters of {@linkcode orderAmendments}. */
export interface OrderAmendmentsParams extends SignedParams {
  /** The symbol, e.g. `"BTCUSDT"`. */
  symbol: string;
  /** The order's id. */
  orderId: number;
  /** The amendments from this execution id on. */
  fromExecutionId?: number;
  /** How many, 1–1000. Default 500. */
  limit?: number;
}

const schema: z.ZodType<OrderAmendmentsParams> = z.strictObject({
  symbol,
  orderId: int(0),
  fromExecutionId: int(0).optional(),
  limit: int(1, 1000).optional(),
  ...signedShape,
});

/** Metadata of `order.amendments`: security type, data source and weight. */
export const orderAmendmentsInfo: WsApiMethodInfo<OrderAmendmentsParams> = {
  method: "order.amendments",
  security: "USER_DATA",
  dataSource: "Database",
  weightRule: "4",
  weight: () => 4,
};

/**
 * Gets the amendments of one order (`orderAmendKeepPriority`), oldest first.
 *
 * Weight: 4.
 * Security type: USER_DATA. Data source: Database.
 *
 * @param conn The connection (with `credentials`).
 * @param params The symbol and `orderId`, and `fromExecutionId` and `limit` to page.
 * @param options Signal and timeout.
 * @returns The {@linkcode OrderAmendment}s.
 * @throws {ValidationError} when the parameters are invalid, or the connection has no
 *   credentials (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#query-order-amendments-user_data}
 *
 * @example An order's amendments
 * ```ts
 * import {
 *   connectWsApi,
 *   createSigner,
 *   orderAmendKeepPriority,
 *   orderAmendments,
 *   orderPlace,
 * } from "@binance-ws/spot";
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
 *   price: "60000", quantity: "0.002",
 * });
 * await orderAmendKeepPriority(conn, { symbol: "BTCUSDT", orderId: order.orderId, newQty: "0.001" });
 * const [amendment] = await orderAmendments(conn, { symbol: "BTCUSDT", orderId: order.orderId });
 * assert.equal(amendment.origQty, "0.00200000");
 * assert.equal(amendment.newQty, "0.00100000");
 * ```
 */
export function orderAmendments(
  conn: WsApiConnection,
  params: OrderAmendmentsParams,
  options?: RequestOptions,
): Promise<OrderAmendment[]> {
  return callMethod(conn, orderAmendmentsInfo, schema, params, OrderAmendmentList, options);
}
