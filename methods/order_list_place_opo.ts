/**
 * `orderList.place.opo`: places an OPO order list.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import type { WsApiMethodInfo } from "../core/types.ts";
import { OrderListResult } from "../models/order_list.ts";
import {
  type OrderListCommonParams,
  otoShape,
  type PendingLegParams,
  pendingList,
  type WorkingLegParams,
} from "./_order_params.ts";
import type { RecoveredOrderList } from "../models/recovered_order.ts";
import { type OrderRequestOptions, type OrderWrite, writeOrder } from "./_order_write.ts";

/** Parameters of {@linkcode orderListPlaceOpo}. */
export interface OrderListPlaceOpoParams
  extends OrderListCommonParams, WorkingLegParams, PendingLegParams {
  /** OPO: the pending order has no quantity: it is what the working order buys. */
  pendingQuantity?: never;
}

const OPO = pendingList<OrderListPlaceOpoParams>({ oco: false, paid: true });

const schema: z.ZodType<OrderListPlaceOpoParams> = z.strictObject(otoShape({})).superRefine(
  OPO.rule,
);

/** Metadata of `orderList.place.opo`: security type, data source, weight and orders placed. */
export const orderListPlaceOpoInfo: WsApiMethodInfo<OrderListPlaceOpoParams> = {
  method: "orderList.place.opo",
  security: "TRADE",
  dataSource: "Matching Engine",
  weightRule: "1 (0 when successful, CHANGELOG 2026-04-02)",
  weight: () => 1,
  orders: () => 2,
};

const write: OrderWrite<OrderListPlaceOpoParams, "list"> = {
  recovery: "list",
  info: orderListPlaceOpoInfo,
  schema,
  clientIds: OPO.clientIds,
  orders: OPO.orders,
};

/**
 * Places an OPO (one pays the other): a BUY working order, and a SELL pending order placed
 * with what the working order bought once it fills. Missing client ids are generated.
 *
 * Weight: 1 (0 when successful, CHANGELOG 2026-04-02).
 * Security type: TRADE. Data source: Matching Engine.
 *
 * @param conn The connection (with `credentials`).
 * @param params The list, in Binance's names; decimals as strings.
 * @param options Signal, timeout, and for order writes `filters` and `generateClientOrderIds`.
 * @returns The {@linkcode OrderListResult}: the list and a report of each of its orders (read
 *   the reports by their fields: no `newOrderRespType` default is documented); or, when its answer was lost
 *   and the resolution found it, a {@linkcode RecoveredOrderList} (`recovered: true`, the list as `orderList.status` reports it).
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
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#opo-trade}
 *
 * @example An OPO (refused here: a LIMIT working order without timeInForce)
 * ```ts
 * import { ValidationError, connectWsApi, createSigner, orderListPlaceOpo } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * const signer = await createSigner({ type: "HMAC", secretKey: "my-secret-key" });
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: "my-api-key", signer },
 * });
 * // Type-checked, not run here.
 * const list = () =>
 *   orderListPlaceOpo(conn, {
 *     symbol: "BTCUSDT",
 *     workingType: "LIMIT",
 *     workingSide: "BUY",
 *     workingPrice: "60000",
 *     workingQuantity: "0.001",
 *     workingTimeInForce: "GTC",
 *     pendingType: "LIMIT_MAKER",
 *     pendingSide: "SELL",
 *     pendingPrice: "70000",
 *   });
 * console.log(typeof list);
 * await assert.rejects(
 *   orderListPlaceOpo(conn, {
 *     symbol: "BTCUSDT", workingType: "LIMIT", workingSide: "BUY", workingPrice: "60000",
 *     workingQuantity: "0.001", pendingType: "MARKET", pendingSide: "SELL",
 *   }),
 *   ValidationError,
 * );
 * ```
 */
export function orderListPlaceOpo(
  conn: WsApiConnection,
  params: OrderListPlaceOpoParams,
  options?: OrderRequestOptions,
): Promise<OrderListResult | RecoveredOrderList> {
  return writeOrder(conn, write, params, OrderListResult, options);
}
