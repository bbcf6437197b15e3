/**
 * `order.place`: places a new order.
 *
 * @module
 */
import type { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import type { WsApiMethodInfo } from "../core/types.ts";
import {
  type OrderParams,
  orderPlaceObject,
  singleOrder,
  singleOrderRule,
} from "./_order_params.ts";
import { orderModel } from "./_order_result.ts";
import type { RecoveredOrder } from "../models/recovered_order.ts";
import { type OrderRequestOptions, type OrderWrite, writeOrder } from "./_order_write.ts";
import type { NoUnknownParams, OrderPlaceResult } from "./_result.ts";

/** Parameters of {@linkcode orderPlace}: one order; its `type` decides what else it needs. */
export type OrderPlaceParams = OrderParams;

const schema: z.ZodType<OrderPlaceParams> = orderPlaceObject.superRefine(
  singleOrderRule,
);

/** Metadata of `order.place`: security type, data source, weight and orders placed. */
export const orderPlaceInfo: WsApiMethodInfo<OrderPlaceParams> = {
  method: "order.place",
  security: "TRADE",
  dataSource: "Matching Engine",
  weightRule: "1 (0 when successful, CHANGELOG 2026-04-02)",
  weight: () => 1,
  orders: () => 1,
};

const write: OrderWrite<OrderPlaceParams, "order"> = {
  recovery: "order",
  info: orderPlaceInfo,
  schema,
  clientIds: () => ["newClientOrderId"],
  orders: singleOrder,
};

/**
 * Places a new order. Every rule of its type (web-socket-api.md) is checked before it is sent;
 * with `options.filters` the symbol's filters too. A missing `newClientOrderId` is generated,
 * so that the order can be found again.
 *
 * Weight: 1 (0 when successful, CHANGELOG 2026-04-02).
 * Security type: TRADE. Data source: Matching Engine.
 *
 * @typeParam P The params' type, inferred from the call: it picks the result type.
 * @param conn The connection (with `credentials`).
 * @param params The order, in Binance's names; decimals as strings.
 * @param options Signal, timeout, and for order writes `filters` and `generateClientOrderIds`.
 * @returns The order as `newOrderRespType` picks it: {@linkcode OrderAck}, {@linkcode OrderResult}
 *   or {@linkcode OrderFull} (FULL by default for MARKET and LIMIT, ACK otherwise); or, when its answer was lost
 *   and the resolution found it, a {@linkcode RecoveredOrder} (`recovered: true`, the order as `order.status` reports it).
 * @throws {ValidationError} when the parameters are invalid, or the connection has no
 *   credentials (nothing is sent).
 * @throws {FilterError} when `options.filters` is given and the order breaks a filter
 *   (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no connection came in time (nothing was sent; with
 *   `onUnknownOutcome: "throw"` a lost answer is an `OrderOutcomeUnknownError`).
 * @throws {ConnectionClosedError} when the connection was closed before it was sent.
 * @throws {OrderNotPlacedError} when the answer was lost (the socket closed or the timeout
 *   ran out after it was sent, a 5xx, -1007) and the exchange, asked by the client id until
 *   its clock passed the request's window and `unknownOutcomeMarginMs`, does not hold it.
 * @throws {OrderOutcomeUnknownError} when the answer was lost and the truth cannot be had:
 *   `onUnknownOutcome: "throw"`, no client id, `resolveTimeoutMs` passed, or the order found
 *   by that id is not this placement. Nothing was placed twice.
 * @throws {UnexpectedOrderResultError} when Binance accepted it but its result does not fit
 *   the model (the exact result and the client ids are in the error).
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#place-new-order-trade}
 *
 * @example A LIMIT order, and one refused before sending
 * ```ts
 * import { ValidationError, connectWsApi, createSigner, orderPlace, type OrderFull, type RecoveredOrder } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * const signer = await createSigner({ type: "HMAC", secretKey: "my-secret-key" });
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: "my-api-key", signer },
 * });
 * // Type-checked, not run here: a LIMIT order answers FULL by default.
 * const buy = (): Promise<OrderFull | RecoveredOrder> =>
 *   orderPlace(conn, {
 *     symbol: "BTCUSDT",
 *     side: "BUY",
 *     type: "LIMIT",
 *     timeInForce: "GTC",
 *     price: "65000.00",
 *     quantity: "0.001",
 *   });
 * console.log(typeof buy);
 * // LIMIT needs timeInForce and price: refused, nothing is sent.
 * await assert.rejects(
 *   orderPlace(conn, { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", quantity: "0.001" }),
 *   ValidationError,
 * );
 * ```
 */
export function orderPlace<P extends OrderPlaceParams & NoUnknownParams<P, OrderPlaceParams>>(
  conn: WsApiConnection,
  params: P,
  options?: OrderRequestOptions,
): Promise<OrderPlaceResult<P> | RecoveredOrder> {
  return writeOrder(conn, write, params, orderModel<P>(params), options);
}
