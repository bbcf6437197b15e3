/**
 * The result of `order.amend.keepPriority`.
 *
 * @module
 */
import { z } from "zod";
import { decimal, long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";
import { amendListStatusSchema, conditionalShape } from "./_order_fields.ts";
import type { OrderListStatus } from "./order_list.ts";
import type { OrderConditionalFields } from "./order_result.ts";

/** The order after its amendment (its quantity reduced, its place in the queue kept). */
export interface AmendedOrder extends OrderConditionalFields {
  /** The symbol. */
  symbol: string;
  /** The exchange's id of the order. */
  orderId: number;
  /** -1 for a single order. */
  orderListId: number;
  /** The client id before the amendment. */
  origClientOrderId: string;
  /** The client id after it. */
  clientOrderId: string;
  /** Limit price. */
  price: string;
  /** The new quantity. */
  qty: string;
  /** Filled quantity. */
  executedQty: string;
  /** Quantity prevented by STP. */
  preventedQty: string;
  /** Ordered quote quantity. */
  quoteOrderQty: string;
  /** Filled quote quantity (spelled `cumulativeQuoteQty` here). */
  cumulativeQuoteQty: string;
  /** The order's status. */
  status: string;
  /** `GTC`, `IOC` or `FOK`. */
  timeInForce: string;
  /** The order type. */
  type: string;
  /** `BUY` or `SELL`. */
  side: string;
  /** When the order started working. */
  workingTime: number;
  /** The self-trade prevention mode. */
  selfTradePreventionMode: string;
}

/** The list of an amended order, as the docs show it. */
export interface AmendListStatus
  extends Omit<OrderListStatus, "listStatusType" | "transactionTime"> {
  /** `RESPONSE`, `EXEC_STARTED`, `UPDATED` or `ALL_DONE`, if given. */
  listStatusType?: string;
  /** When the list was last changed, if given. */
  transactionTime?: number;
}

/** What `order.amend.keepPriority` returns. */
export interface OrderAmendResult {
  /** When the amendment took effect. */
  transactTime: number;
  /** The amendment's execution id. */
  executionId: number;
  /** The amended order. */
  amendedOrder: AmendedOrder;
  /** The order's list, when it belongs to one (without `listStatusType`, `transactionTime`). */
  listStatus?: AmendListStatus;
}

const schema: z.ZodType<OrderAmendResult> = z.object({
  transactTime: long,
  executionId: long,
  amendedOrder: z.object({
    ...conditionalShape,
    symbol: z.string(),
    orderId: long,
    orderListId: long,
    origClientOrderId: z.string(),
    clientOrderId: z.string(),
    price: decimal,
    qty: decimal,
    executedQty: decimal,
    preventedQty: decimal,
    quoteOrderQty: decimal,
    cumulativeQuoteQty: decimal,
    status: z.string(),
    timeInForce: z.string(),
    type: z.string(),
    side: z.string(),
    workingTime: long,
    selfTradePreventionMode: z.string(),
  }),
  listStatus: amendListStatusSchema.optional(),
});

/**
 * Factory of {@linkcode OrderAmendResult}.
 *
 * @example Usage
 * ```ts
 * import { OrderAmendResult } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const r = OrderAmendResult.parse({
 *   transactTime: 1741923284382, executionId: 16,
 *   amendedOrder: {
 *     symbol: "BTCUSDT", orderId: 12, orderListId: -1, origClientOrderId: "my_test_order1",
 *     clientOrderId: "4zR9HFcEq8gM1tWUqPEUHc", price: "5.00000000", qty: "5.00000000",
 *     executedQty: "0.00000000", preventedQty: "0.00000000", quoteOrderQty: "0.00000000",
 *     cumulativeQuoteQty: "0.00000000", status: "NEW", timeInForce: "GTC", type: "LIMIT",
 *     side: "BUY", workingTime: 1741923284364, selfTradePreventionMode: "NONE",
 *   },
 * });
 * assert.equal(r.amendedOrder.qty, "5.00000000");
 * ```
 */
export const OrderAmendResult: ModelFactory<OrderAmendResult> = modelFactory(
  "OrderAmendResult",
  schema,
);
