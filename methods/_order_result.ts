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
import type { OrderPlaceResult, OrderTestResult, SorOrderPlaceResult } from "./_result.ts";

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
