/**
 * `orderList.place`: places an OCO the deprecated way.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { clientOrderId, decimalString, long } from "../core/_params.ts";
import type { WsApiMethodInfo } from "../core/types.ts";
import { OrderListResult } from "../models/order_list.ts";
import {
  checkDistinctIds,
  checkEitherRequired,
  type LegOrder,
  listCommonShape,
  notBelow,
  type OrderListCommonParams,
  type OrderSide,
  side,
  strategyType,
  type TimeInForce,
  timeInForce,
  trailingDeltaInt,
} from "./_order_params.ts";
import type { RecoveredOrderList } from "../models/recovered_order.ts";
import { type OrderRequestOptions, type OrderWrite, writeOrder } from "./_order_write.ts";

/** Parameters of {@linkcode orderListPlace} (deprecated: use `orderListPlaceOco`). */
export interface OrderListPlaceParams extends OrderListCommonParams {
  /** The side of both orders. */
  side: OrderSide;
  /** The limit (LIMIT_MAKER) order's price. */
  price: string;
  /** The quantity of both orders. */
  quantity: string;
  /** Your id of the limit order. Generated when absent. */
  limitClientOrderId?: string;
  /** Iceberg part of the limit order. */
  limitIcebergQty?: string;
  /** Strategy id of the limit order. */
  limitStrategyId?: number;
  /** Strategy type of the limit order (1 000 000 or more). */
  limitStrategyType?: number;
  /** The stop order's trigger price (or `trailingDelta`, or both). */
  stopPrice?: string;
  /** The stop order's trailing delta (INT). */
  trailingDelta?: number;
  /** Your id of the stop order. Generated when absent. */
  stopClientOrderId?: string;
  /** Makes the stop order a STOP_LOSS_LIMIT at this price. */
  stopLimitPrice?: string;
  /** Time in force of the stop limit order. */
  stopLimitTimeInForce?: TimeInForce;
  /** Iceberg part of the stop order (needs `stopLimitTimeInForce` GTC). */
  stopIcebergQty?: string;
  /** Strategy id of the stop order. */
  stopStrategyId?: number;
  /** Strategy type of the stop order (1 000 000 or more). */
  stopStrategyType?: number;
}

/** The two orders of the deprecated OCO, as the filters read them. */
function legs(p: OrderListPlaceParams): LegOrder[] {
  return [
    {
      side: p.side,
      type: "LIMIT_MAKER",
      price: p.price,
      quantity: p.quantity,
      icebergQty: p.limitIcebergQty,
      params: { icebergQty: "limitIcebergQty" },
    },
    {
      side: p.side,
      type: p.stopLimitPrice === undefined ? "STOP_LOSS" : "STOP_LOSS_LIMIT",
      price: p.stopLimitPrice,
      quantity: p.quantity,
      stopPrice: p.stopPrice,
      trailingDelta: p.trailingDelta,
      icebergQty: p.stopIcebergQty,
      params: { price: "stopLimitPrice", icebergQty: "stopIcebergQty" },
    },
  ];
}

const schema: z.ZodType<OrderListPlaceParams> = z.strictObject({
  ...listCommonShape,
  side,
  price: decimalString,
  quantity: decimalString,
  limitClientOrderId: clientOrderId.optional(),
  limitIcebergQty: decimalString.optional(),
  limitStrategyId: long.optional(),
  limitStrategyType: strategyType.optional(),
  stopPrice: decimalString.optional(),
  trailingDelta: trailingDeltaInt.optional(),
  stopClientOrderId: clientOrderId.optional(),
  stopLimitPrice: decimalString.optional(),
  stopLimitTimeInForce: timeInForce.optional(),
  stopIcebergQty: decimalString.optional(),
  stopStrategyId: long.optional(),
  stopStrategyType: strategyType.optional(),
}).superRefine((v, ctx) => {
  checkEitherRequired(v, ctx, "stopPrice", "trailingDelta");
  // rest-api.md, the same OCO: "If provided, `stopLimitTimeInForce` is required."
  if (v.stopLimitPrice !== undefined && v.stopLimitTimeInForce === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["stopLimitTimeInForce"],
      message: 'is required with "stopLimitPrice"',
    });
  }
  // Without stopLimitPrice the stop leg is a STOP_LOSS: no time in force, no iceberg part
  // (Binance: -1106 "Parameter 'stopLimitTimeInForce' sent when not required."; rest-api.md:
  // stopIcebergQty is "Used with `STOP_LOSS_LIMIT` leg").
  if (v.stopLimitPrice === undefined) {
    for (const name of ["stopLimitTimeInForce", "stopIcebergQty"] as const) {
      if (v[name] !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: 'cannot be sent without "stopLimitPrice" (Binance answers -1106)',
        });
      }
    }
  }
  if (
    v.stopIcebergQty !== undefined && v.stopLimitPrice !== undefined &&
    v.stopLimitTimeInForce !== "GTC"
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["stopIcebergQty"],
      message: 'needs "stopLimitTimeInForce" "GTC"',
    });
  }
  // Each leg's iceberg part is below the legs' shared quantity ("IcebergQty exceeds QTY.").
  for (const name of ["limitIcebergQty", "stopIcebergQty"] as const) {
    if (notBelow(v[name], v.quantity)) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: 'must be less than "quantity" (Binance: "IcebergQty exceeds QTY.")',
      });
    }
  }
  checkDistinctIds(v, ctx, ["limitClientOrderId", "stopClientOrderId"]);
});

/** Metadata of `orderList.place`: security type, data source, weight and orders placed. */
export const orderListPlaceInfo: WsApiMethodInfo<OrderListPlaceParams> = {
  method: "orderList.place",
  security: "TRADE",
  dataSource: "Matching Engine",
  weightRule: "1 (0 when successful, CHANGELOG 2026-04-02)",
  weight: () => 1,
  orders: () => 2,
};

const write: OrderWrite<OrderListPlaceParams, "list"> = {
  recovery: "list",
  info: orderListPlaceInfo,
  schema,
  clientIds: () => ["listClientOrderId", "limitClientOrderId", "stopClientOrderId"],
  orders: legs,
};

/**
 * Places an OCO the deprecated way: a LIMIT_MAKER and a STOP_LOSS (or STOP_LOSS_LIMIT with
 * `stopLimitPrice`). Missing client ids are generated.
 *
 * @deprecated Binance deprecated `orderList.place` (CHANGELOG 2024-04-02); use
 *   {@linkcode orderListPlaceOco}.
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
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#place-new-oco---deprecated-trade}
 *
 * @example A deprecated OCO (refused here: no stopPrice nor trailingDelta)
 * ```ts
 * import { ValidationError, connectWsApi, createSigner, orderListPlace } from "@binance-ws/spot";
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
 *   orderListPlace(conn, { symbol: "BTCUSDT", side: "SELL", price: "23420", quantity: "0.0065", stopPrice: "23410" });
 * console.log(typeof oco);
 * await assert.rejects(
 *   orderListPlace(conn, { symbol: "BTCUSDT", side: "SELL", price: "23420", quantity: "0.0065" }),
 *   ValidationError,
 * );
 * ```
 */
export function orderListPlace(
  conn: WsApiConnection,
  params: OrderListPlaceParams,
  options?: OrderRequestOptions,
): Promise<OrderListResult | RecoveredOrderList> {
  return writeOrder(conn, write, params, OrderListResult, options);
}
