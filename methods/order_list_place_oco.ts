/**
 * `orderList.place.oco`: places an OCO order list.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { decimalString } from "../core/_params.ts";
import type { WsApiMethodInfo } from "../core/types.ts";
import { OrderListResult } from "../models/order_list.ts";
import {
  checkDistinctIds,
  checkLeg,
  checkOcoPair,
  legNames,
  listCommonShape,
  listLegs,
  ocoLegShape,
  type OcoLegType,
  ocoLegType,
  type OrderListCommonParams,
  type OrderSide,
  type PegOffsetType,
  type PegPriceType,
  prefixed,
  side,
  type TimeInForce,
} from "./_order_params.ts";
import type { RecoveredOrderList } from "../models/recovered_order.ts";
import { type OrderRequestOptions, type OrderWrite, writeOrder } from "./_order_write.ts";

/** The above order of an OCO. */
export interface OcoAboveLegParams {
  /** The above order's type. */
  aboveType: OcoLegType;
  /** Your id of this order. Generated when absent. */
  aboveClientOrderId?: string;
  /** Iceberg part (needs `aboveTimeInForce` GTC, or LIMIT_MAKER). */
  aboveIcebergQty?: number;
  /** Limit price of STOP_LOSS_LIMIT, LIMIT_MAKER, TAKE_PROFIT_LIMIT (documented optional). */
  abovePrice?: string;
  /** Stop price of the stop and take-profit types (or `aboveTrailingDelta`, or both). */
  aboveStopPrice?: string;
  /** Trailing delta in basis points. */
  aboveTrailingDelta?: number;
  /** Required for STOP_LOSS_LIMIT and TAKE_PROFIT_LIMIT (and LIMIT). */
  aboveTimeInForce?: TimeInForce;
  /** Strategy id. */
  aboveStrategyId?: number;
  /** Strategy type (1 000 000 or more). */
  aboveStrategyType?: number;
  /** Peg of the limit price. */
  abovePegPriceType?: PegPriceType;
  /** `PRICE_LEVEL`, with `abovePegOffsetValue`. */
  abovePegOffsetType?: PegOffsetType;
  /** Peg offset in price levels, with `abovePegOffsetType`. */
  abovePegOffsetValue?: number;
}

/** The below order of an OCO. */
export interface OcoBelowLegParams {
  /** The below order's type. */
  belowType: OcoLegType;
  /** Your id of this order. Generated when absent. */
  belowClientOrderId?: string;
  /** Iceberg part (needs `belowTimeInForce` GTC, or LIMIT_MAKER). */
  belowIcebergQty?: number;
  /** Limit price of STOP_LOSS_LIMIT, LIMIT_MAKER, TAKE_PROFIT_LIMIT (documented optional). */
  belowPrice?: string;
  /** Stop price of the stop and take-profit types (or `belowTrailingDelta`, or both). */
  belowStopPrice?: string;
  /** Trailing delta in basis points. */
  belowTrailingDelta?: number;
  /** Required for STOP_LOSS_LIMIT and TAKE_PROFIT_LIMIT (and LIMIT). */
  belowTimeInForce?: TimeInForce;
  /** Strategy id. */
  belowStrategyId?: number;
  /** Strategy type (1 000 000 or more). */
  belowStrategyType?: number;
  /** Peg of the limit price. */
  belowPegPriceType?: PegPriceType;
  /** `PRICE_LEVEL`, with `belowPegOffsetValue`. */
  belowPegOffsetType?: PegOffsetType;
  /** Peg offset in price levels, with `belowPegOffsetType`. */
  belowPegOffsetValue?: number;
}

/** Parameters of {@linkcode orderListPlaceOco}. */
export interface OrderListPlaceOcoParams
  extends OrderListCommonParams, OcoAboveLegParams, OcoBelowLegParams {
  /** The side of both orders. */
  side: OrderSide;
  /** The quantity of both orders. */
  quantity: string;
}

const ABOVE = legNames("above", "side", "quantity", false);
const BELOW = legNames("below", "side", "quantity", false);
const LEGS = listLegs<OrderListPlaceOcoParams>([ABOVE, BELOW]);
/** An OCO leg's rule: its limit price documented optional; a LIMIT_MAKER may carry a time in force. */
const OCO_LEG = { priceRequired: false, makerTimeInForce: true } as const;

const schema: z.ZodType<OrderListPlaceOcoParams> = z.strictObject({
  ...listCommonShape,
  side,
  quantity: decimalString,
  aboveType: ocoLegType,
  belowType: ocoLegType,
  ...prefixed("above", ocoLegShape),
  ...prefixed("below", ocoLegShape),
}).superRefine((v, ctx) => {
  checkLeg(v, ctx, ABOVE, OCO_LEG);
  checkLeg(v, ctx, BELOW, OCO_LEG);
  checkOcoPair(v, ctx, "aboveType", "belowType");
  checkDistinctIds(v, ctx, ["aboveClientOrderId", "belowClientOrderId"]);
});

/** Metadata of `orderList.place.oco`: security type, data source, weight and orders placed. */
export const orderListPlaceOcoInfo: WsApiMethodInfo<OrderListPlaceOcoParams> = {
  method: "orderList.place.oco",
  security: "TRADE",
  dataSource: "Matching Engine",
  weightRule: "1 (0 when successful, CHANGELOG 2026-04-02)",
  weight: () => 1,
  orders: () => 2,
};

const write: OrderWrite<OrderListPlaceOcoParams, "list"> = {
  recovery: "list",
  info: orderListPlaceOcoInfo,
  schema,
  clientIds: LEGS.clientIds,
  orders: LEGS.orders,
};

/**
 * Places an OCO: two orders, above and below the market; one filling cancels the other. One
 * leg is LIMIT_MAKER, TAKE_PROFIT or TAKE_PROFIT_LIMIT, the other STOP_LOSS or
 * STOP_LOSS_LIMIT. Missing client ids (the list's and each leg's) are generated.
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
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#place-new-order-list---oco-trade}
 *
 * @example An OCO (refused here: two stop legs)
 * ```ts
 * import { ValidationError, connectWsApi, createSigner, orderListPlaceOco } from "@binance-ws/spot";
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
 * const oco = () =>
 *   orderListPlaceOco(conn, {
 *     symbol: "LTCBNB",
 *     side: "BUY",
 *     quantity: "1",
 *     aboveType: "STOP_LOSS_LIMIT",
 *     abovePrice: "1.5",
 *     aboveStopPrice: "1.50000001",
 *     aboveTimeInForce: "GTC",
 *     belowType: "LIMIT_MAKER",
 *     belowPrice: "1.49999999",
 *   });
 * console.log(typeof oco);
 * await assert.rejects(
 *   orderListPlaceOco(conn, {
 *     symbol: "LTCBNB", side: "BUY", quantity: "1",
 *     aboveType: "STOP_LOSS", aboveStopPrice: "1.6", belowType: "STOP_LOSS", belowStopPrice: "1.4",
 *   }),
 *   ValidationError,
 * );
 * ```
 */
export function orderListPlaceOco(
  conn: WsApiConnection,
  params: OrderListPlaceOcoParams,
  options?: OrderRequestOptions,
): Promise<OrderListResult | RecoveredOrderList> {
  return writeOrder(conn, write, params, OrderListResult, options);
}
