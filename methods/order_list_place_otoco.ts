/**
 * `orderList.place.otoco`: places an OTOCO order list.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { decimalString } from "../core/_params.ts";
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

/** Parameters of {@linkcode orderListPlaceOtoco}. */
export interface OrderListPlaceOtocoParams
  extends OrderListCommonParams, WorkingLegParams, PendingAboveLegParams, PendingBelowLegParams {
  /** The side of both pending orders. */
  pendingSide: OrderSide;
  /** The quantity of both pending orders. */
  pendingQuantity: string;
}

const OTOCO = pendingList<OrderListPlaceOtocoParams>({ oco: true, paid: false });

const schema: z.ZodType<OrderListPlaceOtocoParams> = z.strictObject(
  otocoShape({ pendingQuantity: decimalString }),
).superRefine(
  OTOCO.rule,
);

/** Metadata of `orderList.place.otoco`: security type, data source, weight and orders placed. */
export const orderListPlaceOtocoInfo: WsApiMethodInfo<OrderListPlaceOtocoParams> = {
  method: "orderList.place.otoco",
  security: "TRADE",
  dataSource: "Matching Engine",
  weightRule: "1 (0 when successful, CHANGELOG 2026-04-02)",
  weight: () => 1,
  // The docs' Unfilled Order Count is 3, with or without the optional pendingBelowType: the
  // governor reserves that (under-counting could trip -1015), and the server's count corrects it.
  orders: () => 3,
};

const write: OrderWrite<OrderListPlaceOtocoParams, "list"> = {
  recovery: "list",
  info: orderListPlaceOtocoInfo,
  schema,
  clientIds: OTOCO.clientIds,
  orders: OTOCO.orders,
};

/**
 * Places an OTOCO: a working order, then an OCO pair of pending orders (above and below)
 * once it fully fills. Missing client ids are generated.
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
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#place-new-order-list---otoco-trade}
 *
 * @example An OTOCO (refused here: a below leg's price without its type)
 * ```ts
 * import { ValidationError, connectWsApi, createSigner, orderListPlaceOtoco } from "@binance-ws/spot";
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
 *   orderListPlaceOtoco(conn, {
 *     symbol: "LTCBNB",
 *     workingType: "LIMIT",
 *     workingSide: "BUY",
 *     workingPrice: "1.5",
 *     workingQuantity: "1",
 *     workingTimeInForce: "GTC",
 *     pendingSide: "SELL",
 *     pendingQuantity: "1",
 *     pendingAboveType: "LIMIT_MAKER",
 *     pendingAbovePrice: "5",
 *     pendingBelowType: "STOP_LOSS",
 *     pendingBelowStopPrice: "0.5",
 *   });
 * console.log(typeof list);
 * await assert.rejects(
 *   orderListPlaceOtoco(conn, {
 *     symbol: "LTCBNB", workingType: "LIMIT_MAKER", workingSide: "BUY", workingPrice: "1.5",
 *     workingQuantity: "1", pendingSide: "SELL", pendingQuantity: "1",
 *     pendingAboveType: "LIMIT_MAKER", pendingAbovePrice: "5", pendingBelowPrice: "0.5",
 *   }),
 *   ValidationError,
 * );
 * ```
 */
export function orderListPlaceOtoco(
  conn: WsApiConnection,
  params: OrderListPlaceOtocoParams,
  options?: OrderRequestOptions,
): Promise<OrderListResult | RecoveredOrderList> {
  return writeOrder(conn, write, params, OrderListResult, options);
}
