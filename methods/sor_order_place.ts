/**
 * `sor.order.place`: places an order with smart order routing.
 *
 * @module
 */
import type { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import type { WsApiMethodInfo } from "../core/types.ts";
import {
  type OrderResponseType,
  type OrderSide,
  type SelfTradePreventionMode,
  type SignedParams,
  singleOrder,
  singleOrderRule,
  sorOrderObject,
  type TimeInForce,
} from "./_order_params.ts";
import { sorOrderModel } from "./_order_result.ts";
import type { RecoveredOrder } from "../models/recovered_order.ts";
import { type OrderRequestOptions, type OrderWrite, writeOrder } from "./_order_write.ts";
import type { NoUnknownParams, SorOrderPlaceResult } from "./_result.ts";

/** Parameters of {@linkcode sorOrderPlace}: LIMIT or MARKET by quantity (no quoteOrderQty, no peg). */
export interface SorOrderPlaceParams extends SignedParams {
  /** The symbol. */
  symbol: string;
  /** `BUY` or `SELL`. */
  side: OrderSide;
  /** `LIMIT` or `MARKET` only. */
  type: "LIMIT" | "MARKET";
  /** Base quantity. */
  quantity: string;
  /** LIMIT only (and required there). */
  timeInForce?: TimeInForce;
  /** LIMIT only (and required there). */
  price?: string;
  /** Your id of the order. Generated when absent. */
  newClientOrderId?: string;
  /** `ACK`, `RESULT` or `FULL` (default FULL). */
  newOrderRespType?: OrderResponseType;
  /** Iceberg part (LIMIT with timeInForce GTC). */
  icebergQty?: string;
  /** Strategy id. */
  strategyId?: number;
  /** Strategy type (1 000 000 or more). */
  strategyType?: number;
  /** Self-trade prevention mode. */
  selfTradePreventionMode?: SelfTradePreventionMode;
}

const schema: z.ZodType<SorOrderPlaceParams> = sorOrderObject.superRefine(singleOrderRule);

/** Metadata of `sor.order.place`: security type, data source, weight and orders placed. */
export const sorOrderPlaceInfo: WsApiMethodInfo<SorOrderPlaceParams> = {
  method: "sor.order.place",
  security: "TRADE",
  dataSource: "Matching Engine",
  weightRule: "1 (0 when successful, CHANGELOG 2026-04-02)",
  weight: () => 1,
  orders: () => 1,
};

const write: OrderWrite<SorOrderPlaceParams, "sor"> = {
  recovery: "sor",
  info: sorOrderPlaceInfo,
  schema,
  clientIds: () => ["newClientOrderId"],
  orders: singleOrder,
};

/**
 * Places an order through smart order routing: LIMIT or MARKET, `timeInForce` and `price` for
 * LIMIT only. A missing `newClientOrderId` is generated.
 *
 * Weight: 1 (0 when successful, CHANGELOG 2026-04-02).
 * Security type: TRADE. Data source: Matching Engine.
 *
 * @typeParam P The params' type, inferred from the call: it picks the result type.
 * @param conn The connection (with `credentials`).
 * @param params The order, in Binance's names.
 * @param options Signal, timeout, and for order writes `filters` and `generateClientOrderIds`.
 * @returns A list of order reports as `newOrderRespType` picks them (FULL by default); FULL fills
 *   carry the allocations (`matchType`, `allocId`); or, when its answer was lost
 *   and the resolution found it, a list of one {@linkcode RecoveredOrder} (`recovered: true`, the order as `order.status` reports it).
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
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#place-new-order-using-sor-trade}
 *
 * @example A SOR order (refused here: LIMIT without a price)
 * ```ts
 * import { ValidationError, connectWsApi, createSigner, sorOrderPlace, type OrderFull, type RecoveredOrder } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * const signer = await createSigner({ type: "HMAC", secretKey: "my-secret-key" });
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: "my-api-key", signer },
 * });
 * // Type-checked, not run here: SOR answers a list, FULL by default, with allocations.
 * const buy = (): Promise<OrderFull[] | RecoveredOrder[]> =>
 *   sorOrderPlace(conn, {
 *     symbol: "BTCUSDT",
 *     side: "BUY",
 *     type: "LIMIT",
 *     timeInForce: "GTC",
 *     price: "31000",
 *     quantity: "0.5",
 *   });
 * console.log(typeof buy);
 * await assert.rejects(
 *   sorOrderPlace(conn, { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", timeInForce: "GTC", quantity: "0.5" }),
 *   ValidationError,
 * );
 * ```
 */
export function sorOrderPlace<
  P extends SorOrderPlaceParams & NoUnknownParams<P, SorOrderPlaceParams>,
>(
  conn: WsApiConnection,
  params: P,
  options?: OrderRequestOptions,
): Promise<SorOrderPlaceResult<P> | RecoveredOrder[]> {
  return writeOrder(conn, write, params, sorOrderModel<P>(params), options);
}
