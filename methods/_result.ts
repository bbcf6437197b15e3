// Result shapes picked by params, written once: the conditional result types of the methods that
// are generic over their params, and the guard that keeps their params strict. The ticker methods
// use them (their model picker is `_ticker.ts`); the order methods will pick ACK/RESULT/FULL by
// `newOrderRespType` with `ResultByParam` the same way. Types only, and public: mod.ts re-exports
// this file because public signatures name them (mod.test.ts fails if a value leaks out).
import type { EmptyResult } from "../models/empty_result.ts";
import type { OrderCommission } from "../models/order_commission.ts";
import type { OrderAck, OrderFull, OrderResult } from "../models/order_result.ts";
import type { TickerMini } from "../models/ticker.ts";

/**
 * The result type of a method for params `P`, picked by the value of its param `K`:
 * `Results[V]` when `P[K]` is the value `V`, `Results[D]` when `P` has no `K` (Binance's
 * default), and the union of every result `P` allows when its type leaves `K` open, as the
 * method's whole params type does. A union of params types gives the union of their results.
 *
 * @typeParam P The params' type, as the caller wrote it.
 * @typeParam K The param that picks the result, e.g. `"type"` or `"newOrderRespType"`.
 * @typeParam Results The result type for each value of `K`.
 * @typeParam D The value Binance assumes when `K` is not sent.
 *
 * @example Picking a result by `type`
 * ```ts
 * import type { ResultByParam } from "@binance-ws/spot";
 *
 * type Results = { FULL: { form: "full" }; MINI: { form: "mini" } };
 * const mini: ResultByParam<{ type: "MINI" }, "type", Results, "FULL"> = { form: "mini" };
 * const byDefault: ResultByParam<{ symbol: string }, "type", Results, "FULL"> = { form: "full" };
 * // `type` left open: either result.
 * const either: ResultByParam<{ type?: "FULL" | "MINI" }, "type", Results, "FULL">[] = [
 *   { form: "full" },
 *   { form: "mini" },
 * ];
 * ```
 */
export type ResultByParam<P, K extends PropertyKey, Results, D extends keyof Results> = P extends
  unknown
  ? K extends keyof P
    ? Results[Extract<P[K], keyof Results>] | (undefined extends P[K] ? Results[D] : never)
  : Results[D]
  : never;

/**
 * A guard for a method that is generic over its params: every key of `P` that `Params` does not
 * declare, typed `never`. Constraining `P extends Params & NoUnknownParams<P, Params>` keeps an
 * unknown param (a typo such as `symbl`) a compile error, as it is for a method that takes
 * `Params` itself.
 *
 * @typeParam P The params' type, as the caller wrote it.
 * @typeParam Params The method's params interface.
 *
 * @example An unknown param does not compile
 * ```ts
 * import type { NoUnknownParams } from "@binance-ws/spot";
 *
 * interface Params {
 *   symbol?: string;
 * }
 * function f<P extends Params & NoUnknownParams<P, Params>>(params: P): P {
 *   return params;
 * }
 * f({ symbol: "BTCUSDT" });
 * // f({ symbl: "BTCUSDT" }); does not compile: Type 'string' is not assignable to type 'never'.
 * ```
 */
export type NoUnknownParams<P, Params> = { [K in Exclude<keyof P, keyof Params>]: never };

/**
 * The result of a ticker method ({@linkcode tickerPrice}, {@linkcode tickerBook},
 * {@linkcode ticker24hr}, {@linkcode tickerTradingDay}, {@linkcode ticker}) for params `P`: one
 * `Full` for `symbol`, a list for `symbols` or for neither; {@linkcode TickerMini} instead of
 * `Full` for `type: "MINI"`. When the type of `P` leaves a choice open (the method's whole params
 * type, say), the result is the union of what it allows: narrow it with `Array.isArray` or `in`.
 *
 * @typeParam P The params' type, as the caller wrote it.
 * @typeParam Full The method's own (FULL) model, e.g. {@linkcode Ticker24hr}.
 *
 * @example One, a list, or either
 * ```ts
 * import type { Ticker24hr, Ticker24hrParams, TickerResult } from "@binance-ws/spot";
 *
 * // One TickerMini, as from ticker24hr(conn, { symbol: "BTCUSDT", type: "MINI" }):
 * const last = (t: TickerResult<{ symbol: string; type: "MINI" }, Ticker24hr>) => t.lastPrice;
 * // A list of Ticker24hr, as from ticker24hr(conn, { symbols: ["BTCUSDT", "BNBBTC"] }):
 * const count = (t: TickerResult<{ symbols: string[] }, Ticker24hr>) => t.length;
 * // Any of the four, as from ticker24hr(conn, params) with params: Ticker24hrParams:
 * const size = (t: TickerResult<Ticker24hrParams, Ticker24hr>) => Array.isArray(t) ? t.length : 1;
 * console.log(last, count, size);
 * ```
 */
export type TickerResult<P, Full> = P extends unknown
  ? ResultByParam<P, "type", { FULL: Full; MINI: TickerMini }, "FULL"> extends infer R
    ? "symbol" extends keyof P
      ? undefined extends P["symbol"]
        ? P["symbol"] extends undefined ? (R extends unknown ? R[] : never)
        : R | (R extends unknown ? R[] : never)
      : R
    : (R extends unknown ? R[] : never)
  : never
  : never;

// ---- Order writes: ACK/RESULT/FULL by newOrderRespType, commission rates by computeCommissionRates

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
