/**
 * The results of an order placement (`order.place`, `sor.order.place`, the new order of
 * `order.cancelReplace`): ACK, RESULT and FULL, as `newOrderRespType` selects.
 *
 * @module
 */
import { z } from "zod";
import { modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";
import { ackSchema, fullSchema, resultSchema } from "./_order_fields.ts";

/**
 * The fields of an order report that appear only when relevant ("Conditional fields in Order
 * Responses"): for icebergs, STP expiries, stops, strategies, trailing stops, SOR, pegged
 * orders and expired orders.
 */
export interface OrderConditionalFields {
  /** Iceberg part, when `icebergQty` was sent. */
  icebergQty?: string;
  /** The prevented match, when the order expired by STP. */
  preventedMatchId?: number;
  /** Quantity that expired by STP. */
  preventedQuantity?: string;
  /** Trigger price of the stop and take-profit types. */
  stopPrice?: string;
  /** `strategyId`, when sent. */
  strategyId?: number;
  /** `strategyType`, when sent. */
  strategyType?: number;
  /** Trailing delta of a trailing stop. */
  trailingDelta?: number;
  /** When the trailing stop became active (-1 before). */
  trailingTime?: number;
  /** Whether the order used SOR. */
  usedSor?: boolean;
  /** `SOR` or `EXCHANGE`: what fills the order. */
  workingFloor?: string;
  /** Peg type of a pegged order. */
  pegPriceType?: string;
  /** Peg offset type, if requested. */
  pegOffsetType?: string;
  /** Peg offset value, if requested. */
  pegOffsetValue?: number;
  /** The price the order is pegged at, once determined. */
  peggedPrice?: string;
  /** Why the order expired (`enums.md`), for expired orders. */
  expiryReason?: string;
}

/** What every order report says of its order. */
export interface OrderFields extends OrderConditionalFields {
  /** The symbol. */
  symbol: string;
  /** The exchange's id of the order. */
  orderId: number;
  /** The order list's id, -1 for a single order. */
  orderListId: number;
  /** The order's client id. */
  clientOrderId: string;
  /** Limit price (`"0.00000000"` when none). */
  price: string;
  /** Ordered quantity. */
  origQty: string;
  /** Filled quantity. */
  executedQty: string;
  /** Ordered quote quantity (MARKET with quoteOrderQty). */
  origQuoteOrderQty: string;
  /** Filled quote quantity (may be negative for some historical orders). */
  cummulativeQuoteQty: string;
  /** `NEW`, `PARTIALLY_FILLED`, `FILLED`, `CANCELED`, `PENDING_NEW`, `REJECTED`, `EXPIRED`, … */
  status: string;
  /** `GTC`, `IOC` or `FOK`. */
  timeInForce: string;
  /** The order type. */
  type: string;
  /** `BUY` or `SELL`. */
  side: string;
  /** The self-trade prevention mode (absent from some documented examples). */
  selfTradePreventionMode?: string;
}

/** The `ACK` response of a placement: the order's ids. */
export interface OrderAck {
  /** The symbol. */
  symbol: string;
  /** The exchange's id of the order. */
  orderId: number;
  /** -1 for a single order. */
  orderListId: number;
  /** The order's client id. */
  clientOrderId: string;
  /** When the order was accepted. */
  transactTime: number;
}

/**
 * A match that self-trade prevention prevented as the order was placed (with the
 * `preventedMatchId` that `myPreventedMatches` reads).
 */
export interface OrderPreventedMatch {
  /** The prevented match's id. */
  preventedMatchId: number;
  /** The resting order of the same account (or trade group) it would have matched. */
  makerOrderId: number;
  /** The price of the match. */
  price: string;
  /** Quantity of this order that expired (EXPIRE_TAKER, EXPIRE_BOTH). */
  takerPreventedQuantity?: string;
  /** Quantity of the resting order that expired (EXPIRE_MAKER, EXPIRE_BOTH). */
  makerPreventedQuantity?: string;
}

/** The `RESULT` response of a placement: the order as placed. */
export interface OrderResult extends OrderFields {
  /** When the order was accepted. */
  transactTime: number;
  /** When the order started working on the book (-1 while pending). */
  workingTime?: number;
  /** The account's trade group, when it has one and a match was prevented. */
  tradeGroupId?: number;
  /** The matches self-trade prevention prevented, when there were any (CHANGELOG 2023-01-19). */
  preventedMatches?: OrderPreventedMatch[];
}

/** One trade that filled a FULL placement. */
export interface OrderFill {
  /** The trade's price. */
  price: string;
  /** The trade's quantity. */
  qty: string;
  /** Commission paid. */
  commission: string;
  /** Asset of the commission. */
  commissionAsset: string;
  /** The trade's id (-1 for SOR allocations). */
  tradeId: number;
  /** SOR: `ONE_PARTY_TRADE_REPORT` for an allocation. */
  matchType?: string;
  /** SOR: the allocation's id. */
  allocId?: number;
}

/** The `FULL` response of a placement: RESULT plus the trades that filled it at once. */
export interface OrderFull extends OrderResult {
  /** The fills. */
  fills: OrderFill[];
}

const ack = ackSchema;
const result = resultSchema;
const full = fullSchema;

/**
 * Factory of {@linkcode OrderAck}.
 *
 * @example Usage
 * ```ts
 * import { OrderAck } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const ack = OrderAck.parse({
 *   symbol: "BTCUSDT", orderId: 12569099453, orderListId: -1,
 *   clientOrderId: "4d96324ff9d44481926157ec08158a40", transactTime: 1660801715639,
 * });
 * assert.equal(ack.orderId, 12569099453);
 * ```
 */
export const OrderAck: ModelFactory<OrderAck> = modelFactory("OrderAck", ack);

/**
 * Factory of {@linkcode OrderResult}.
 *
 * @example Usage
 * ```ts
 * import { OrderResult } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const order = OrderResult.parse({
 *   symbol: "BTCUSDT", orderId: 1, orderListId: -1, clientOrderId: "a", transactTime: 1,
 *   price: "23416.10000000", origQty: "0.00847000", executedQty: "0.00000000",
 *   origQuoteOrderQty: "0.000000", cummulativeQuoteQty: "0.00000000", status: "NEW",
 *   timeInForce: "GTC", type: "LIMIT", side: "SELL", workingTime: 1, selfTradePreventionMode: "NONE",
 * });
 * assert.equal(order.price, "23416.10000000");
 * ```
 */
export const OrderResult: ModelFactory<OrderResult> = modelFactory("OrderResult", result);

/**
 * Factory of {@linkcode OrderFull}.
 *
 * @example Usage
 * ```ts
 * import { OrderFull } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const order = OrderFull.parse({
 *   symbol: "BTCUSDT", orderId: 1, orderListId: -1, clientOrderId: "a", transactTime: 1,
 *   price: "1.00", origQty: "1.0", executedQty: "1.0", origQuoteOrderQty: "0",
 *   cummulativeQuoteQty: "1.00", status: "FILLED", timeInForce: "GTC", type: "LIMIT",
 *   side: "BUY", selfTradePreventionMode: "NONE",
 *   fills: [{ price: "1.00", qty: "1.0", commission: "0", commissionAsset: "BNB", tradeId: 7 }],
 * });
 * assert.equal(order.fills[0].tradeId, 7);
 * ```
 */
export const OrderFull: ModelFactory<OrderFull> = modelFactory("OrderFull", full);

/**
 * Factory of a list of {@linkcode OrderAck} (`sor.order.place` with ACK).
 *
 * @example Usage
 * ```ts
 * import { OrderAckList } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(OrderAckList.parse([]), []);
 * ```
 */
export const OrderAckList: ModelFactory<OrderAck[]> = modelFactory("OrderAckList", z.array(ack));

/**
 * Factory of a list of {@linkcode OrderResult} (`sor.order.place` with RESULT).
 *
 * @example Usage
 * ```ts
 * import { OrderResultList } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(OrderResultList.parse([]), []);
 * ```
 */
export const OrderResultList: ModelFactory<OrderResult[]> = modelFactory(
  "OrderResultList",
  z.array(result),
);

/**
 * Factory of a list of {@linkcode OrderFull} (`sor.order.place` with FULL, the default): the
 * fills carry SOR's allocations (`matchType`, `allocId`).
 *
 * @example Usage
 * ```ts
 * import { OrderFullList } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(OrderFullList.parse([]), []);
 * ```
 */
export const OrderFullList: ModelFactory<OrderFull[]> = modelFactory(
  "OrderFullList",
  z.array(full),
);
