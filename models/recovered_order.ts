/**
 * What an order write resolves with when its answer was lost and the resolution found the
 * order (`onUnknownOutcome: "resolve"`): the order as `order.status` (or the list as
 * `orderList.status`) reports it, marked `recovered: true`. Types only: they are built from
 * {@linkcode QueriedOrder} and {@linkcode OrderListStatus}, which check the exchange's answer.
 *
 * How a recovered result differs from a direct answer: it has `recovered: true`; it is the
 * order's state when it was looked up (it may have filled since it was placed), with
 * `time` / `updateTime` instead of `transactTime`; it has no `fills` (a FULL answer's trades:
 * ask `myTrades`), and a list has its orders' ids only (no `orderReports`).
 *
 * @module
 */
import type { OrderListStatus } from "./order_list.ts";
import type { QueriedOrder } from "./queried_order.ts";

/**
 * An order placed by `orderPlace`, `sorOrderPlace` or the new half of `orderCancelReplace`
 * whose answer was lost, as `order.status` found it by its client order id.
 */
export interface RecoveredOrder extends QueriedOrder {
  /** Found by the resolution of an unknown outcome, not answered by the placement. */
  recovered: true;
}

/** An order list placed by `orderListPlace*` whose answer was lost, as `orderList.status` found it. */
export interface RecoveredOrderList extends OrderListStatus {
  /** Found by the resolution of an unknown outcome, not answered by the placement. */
  recovered: true;
}

/**
 * An `orderCancelReplace` whose answer was lost, and whose new order the resolution found.
 * `cancelResult` says what is known of the cancel: from Binance's error when it said so;
 * else `SUCCESS` under `STOP_ON_FAILURE` (the new order is placed only after the cancel
 * succeeded); else (`ALLOW_FAILURE`) from the old order's status as looked up
 * (`SUCCESS` when it is `CANCELED`, `FAILURE` otherwise, `UNKNOWN` when that lookup failed).
 */
export interface RecoveredCancelReplace {
  /** Found by the resolution of an unknown outcome, not answered by the request. */
  recovered: true;
  /** What is known of the cancel half. */
  cancelResult: "SUCCESS" | "FAILURE" | "UNKNOWN";
  /** The new order was placed. */
  newOrderResult: "SUCCESS";
  /** The old order as `order.status` reported it, when it was looked up (`ALLOW_FAILURE`). */
  cancelResponse?: QueriedOrder;
  /** The new order, as `order.status` found it. */
  newOrderResponse: RecoveredOrder;
}
