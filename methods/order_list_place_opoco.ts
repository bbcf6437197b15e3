/**
 * `orderList.place.opoco`: places an OPOCO order list.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import type { WsApiMethodInfo } from "../core/types.ts";
import { OrderListResult } from "../models/order_list.ts";
import {
  type OrderListCommonParams,
  type OrderSide,
  otocoShape,
  type PendingAboveLegParams,
  type PendingBelowLegParams,
  pendingList,
  type WorkingLegParams,
} from "./_order_params.ts";
import type { RecoveredOrderList } from "../models/recovered_order.ts";
import { type OrderRequestOptions, type OrderWrite, writeOrder } from "./_order_write.ts";

/** Parameters of {@linkcode orderListPlaceOpoco}. */
export interface OrderListPlaceOpocoParams
  extends OrderListCommonParams, WorkingLegParams, PendingAboveLegParams, PendingBelowLegParams {
  /** The side of both pending orders. */
  pendingSide: OrderSide;
  /** OPOCO: the pending orders have no quantity: it is what the working order buys. */
  pendingQuantity?: never;
}

const OPOCO = pendingList<OrderListPlaceOpocoParams>({ oco: true, paid: true });

const schema: z.ZodType<OrderListPlaceOpocoParams> = z.strictObject(otocoShape({})).superRefine(
  OPOCO.rule,
);

/** Metadata of `orderList.place.opoco`: security type, data source, weight and orders placed. */
export const orderListPlaceOpocoInfo: WsApiMethodInfo<OrderListPlaceOpocoParams> = {
  method: "orderList.place.opoco",
  security: "TRADE",
  dataSource: "Matching Engine",
  weightRule: "1 (0 when successful, CHANGELOG 2026-04-02)",
  weight: () => 1,
  // The docs' Unfilled Order Count is 3, with or without the optional pendingBelowType: the
  // governor reserves that (under-counting could trip -1015), and the server's count corrects it.
  orders: () => 3,
};

const write: OrderWrite<OrderListPlaceOpocoParams, "list"> = {
  recovery: "list",
  info: orderListPlaceOpocoInfo,
  schema,
  clientIds: OPOCO.clientIds,
  orders: OPOCO.orders,
};

/**
 * Places an OPOCO: a BUY working order, then an OCO pair of SELL pending orders (above and
 * below) with what the working order bought. Missing client ids are generated.
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
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#opoco-trade}
 *
 * @example An OPOCO (refused here: a below leg's price without its type)
 * ```ts
 * import { ValidationError, connectWsApi, createSigner, orderListPlaceOpoco } from "@binance-ws/spot";
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
 *   orderListPlaceOpoco(conn, {
 *     symbol: "LTCBNB",
 *     workingType: "LIMIT",
 *     workingSide: "BUY",
 *     workingPrice: "1.5",
 *     workingQuantity: "1",
 *     workingTimeInForce: "GTC",
 *     pendingSide: "SELL",
 *     pendingAboveType: "LIMIT_MAKER",
 *     pendingAbovePrice: "5",
 *     pendingBelowType: "STOP_LOSS",
 *     pendingBelowStopPrice: "0.5",
 *   });
 * console.log(typeof list);
 * await assert.rejects(
 *   orderListPlaceOpoco(conn, {
 *     symbol: "LTCBNB", workingType: "LIMIT_MAKER", workingSide: "BUY", workingPrice: "1.5",
 *     workingQuantity: "1", pendingSide: "SELL",
 *     pendingAboveType: "LIMIT_MAKER", pendingAbovePrice: "5", pendingBelowPrice: "0.5",
 *   }),
 *   ValidationError,
 * );
 * ```
 */
export function orderListPlaceOpoco(
  conn: WsApiConnection,
  params: OrderListPlaceOpocoParams,
  options?: OrderRequestOptions,
): Promise<OrderListResult | RecoveredOrderList> {
  return writeOrder(conn, write, params, OrderListResult, options);
}
