// Private: the result of an order write, picked by its params: ACK, RESULT or FULL by
// `newOrderRespType` (default FULL for MARKET and LIMIT, ACK for the other types), and
// `order.test`'s empty result or commission rates by `computeCommissionRates`. One conditional
// type each, over ResultByParam; the runtime pickers follow the same rule. mod.ts re-exports
// the types.
import type { ModelFactory } from "../core/types.ts";
import { EmptyResult } from "../models/empty_result.ts";
import { OrderCommission } from "../models/order_commission.ts";
import {
  OrderAck,
  OrderAckList,
  OrderFull,
  OrderFullList,
  OrderResult,
  OrderResultList,
} from "../models/order_result.ts";
import type { ResultByParam } from "./_result.ts";

/** The placement response for each `newOrderRespType`. */
export interface OrderResponses {
  /** `ACK`: the ids. */
  ACK: OrderAck;
  /** `RESULT`: the order. */
  RESULT: OrderResult;
  /** `FULL`: the order and its fills. */
  FULL: OrderFull;
}

/** The default `newOrderRespType` of the order types `T`: FULL for MARKET and LIMIT, else ACK. */
export type DefaultResponseType<T> =
  | ([Extract<T, "MARKET" | "LIMIT">] extends [never] ? never : "FULL")
  | ([Exclude<T, "MARKET" | "LIMIT">] extends [never] ? never : "ACK");

/**
 * The result of a placement for params `P`: {@linkcode OrderAck}, {@linkcode OrderResult} or
 * {@linkcode OrderFull} as `newOrderRespType` picks, by default FULL for MARKET and LIMIT and
 * ACK for the other types; the union when the type of `P` leaves it open.
 *
 * @typeParam P The params' type, as the caller wrote it.
 */
export type OrderPlaceResult<P> = P extends unknown ? ResultByParam<
    P,
    "newOrderRespType",
    OrderResponses,
    DefaultResponseType<P extends { type: infer T } ? T : "LIMIT">
  >
  : never;

/**
 * The result of `sor.order.place` for params `P`: a list of the reports
 * {@linkcode OrderPlaceResult} picks.
 *
 * @typeParam P The params' type, as the caller wrote it.
 */
export type SorOrderPlaceResult<P> = OrderPlaceResult<P> extends infer R
  ? (R extends unknown ? R[] : never)
  : never;

/**
 * The result of `order.test` and `sor.order.test` for params `P`: {@linkcode OrderCommission}
 * with `computeCommissionRates: true`, {@linkcode EmptyResult} without; the union when open.
 *
 * @typeParam P The params' type, as the caller wrote it.
 */
export type OrderTestResult<P> = P extends unknown
  ? P extends { computeCommissionRates: true } ? OrderCommission
  : P extends { computeCommissionRates?: false | undefined } ? EmptyResult
  : OrderCommission | EmptyResult
  : never;

function responseType(p: { type?: unknown; newOrderRespType?: unknown } | undefined): unknown {
  return p?.newOrderRespType ?? (p?.type === "MARKET" || p?.type === "LIMIT" ? "FULL" : "ACK");
}

/** The model of a placement's result, by the rule {@linkcode OrderPlaceResult} types. */
export function orderModel<P>(
  params: { type?: unknown; newOrderRespType?: unknown } | undefined,
): ModelFactory<OrderPlaceResult<P>> {
  const t = responseType(params);
  return (t === "ACK" ? OrderAck : t === "RESULT" ? OrderResult : OrderFull) as ModelFactory<
    OrderPlaceResult<P>
  >;
}

/** The model of `sor.order.place`'s result. */
export function sorOrderModel<P>(
  params: { type?: unknown; newOrderRespType?: unknown } | undefined,
): ModelFactory<SorOrderPlaceResult<P>> {
  const t = responseType(params);
  return (t === "ACK"
    ? OrderAckList
    : t === "RESULT"
    ? OrderResultList
    : OrderFullList) as ModelFactory<SorOrderPlaceResult<P>>;
}

/** The model of a test order's result. */
export function testModel<P>(
  params: { computeCommissionRates?: unknown } | undefined,
): ModelFactory<OrderTestResult<P>> {
  return (params?.computeCommissionRates === true ? OrderCommission : EmptyResult) as ModelFactory<
    OrderTestResult<P>
  >;
}
