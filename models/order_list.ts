/**
 * Order list results: a placement (`orderList.place*`), a status (`orderList.status`).
 *
 * @module
 */
import { z } from "zod";
import { decimal, long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";
import {
  ackShape,
  conditionalShape,
  fillShape,
  listFieldsShape,
  listStatusSchema,
} from "./_order_fields.ts";
import type { OrderConditionalFields, OrderFill } from "./order_result.ts";

/** One order of a list, by its ids. */
export interface OrderListOrder {
  /** The symbol. */
  symbol: string;
  /** The exchange's id of the order. */
  orderId: number;
  /** The order's client id. */
  clientOrderId: string;
}

/** An order list as `orderList.status` reports it. */
export interface OrderListStatus {
  /** The exchange's id of the list. */
  orderListId: number;
  /** `OCO`, `OTO` (also for OTOCO, OPO and OPOCO, as the docs' examples show). */
  contingencyType: string;
  /** `RESPONSE`, `EXEC_STARTED`, `UPDATED` or `ALL_DONE`. */
  listStatusType: string;
  /** `EXECUTING`, `ALL_DONE` or `REJECT`. */
  listOrderStatus: string;
  /**
   * Why the list expired (`enums.md` "ExpiryReasons"), when it did: `orderList.status` and
   * `allOrderLists` may carry it (CHANGELOG 2026-05-06; where in the list the docs do not show).
   */
  expiryReason?: string;
  /** The list's client id. */
  listClientOrderId: string;
  /** When the list was last changed. */
  transactionTime: number;
  /** The symbol. */
  symbol: string;
  /** The list's orders. */
  orders: OrderListOrder[];
}

/**
 * One order of a list placement. With `ACK` only the ids are certain; with `RESULT` and `FULL`
 * the order's fields are there (read them by presence), `fills` with `FULL`. An OPO pending
 * order has no `origQty` (its quantity comes from the working order's fill).
 */
export interface OrderListReport extends OrderConditionalFields {
  /** The symbol. */
  symbol: string;
  /** The exchange's id of the order. */
  orderId: number;
  /** The list's id. */
  orderListId: number;
  /** The order's client id. */
  clientOrderId: string;
  /** When the order was accepted. */
  transactTime: number;
  /** Limit price. */
  price?: string;
  /** Ordered quantity (absent for OPO pending orders). */
  origQty?: string;
  /** Filled quantity. */
  executedQty?: string;
  /** Ordered quote quantity. */
  origQuoteOrderQty?: string;
  /** Filled quote quantity. */
  cummulativeQuoteQty?: string;
  /** `NEW`, `PENDING_NEW`, … */
  status?: string;
  /** `GTC`, `IOC` or `FOK`. */
  timeInForce?: string;
  /** The order type. */
  type?: string;
  /** `BUY` or `SELL`. */
  side?: string;
  /** When the order started working (-1 while pending). */
  workingTime?: number;
  /** The self-trade prevention mode. */
  selfTradePreventionMode?: string;
  /** The fills (FULL). */
  fills?: OrderFill[];
}

/** The result of an order list placement: the list and a report of each of its orders. */
export interface OrderListResult extends OrderListStatus {
  /** A report of each order. */
  orderReports: OrderListReport[];
}

const report: z.ZodType<OrderListReport> = z.object({
  ...ackShape,
  ...conditionalShape,
  price: decimal.optional(),
  origQty: decimal.optional(),
  executedQty: decimal.optional(),
  origQuoteOrderQty: decimal.optional(),
  cummulativeQuoteQty: decimal.optional(),
  status: z.string().optional(),
  timeInForce: z.string().optional(),
  type: z.string().optional(),
  side: z.string().optional(),
  workingTime: long.optional(),
  selfTradePreventionMode: z.string().optional(),
  fills: z.array(fillShape).optional(),
});

const schema: z.ZodType<OrderListResult> = z.object({
  ...listFieldsShape,
  orderReports: z.array(report),
});

/**
 * Factory of {@linkcode OrderListStatus}.
 *
 * @example Usage
 * ```ts
 * import { OrderListStatus } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const list = OrderListStatus.parse({
 *   orderListId: 1274512, contingencyType: "OCO", listStatusType: "EXEC_STARTED",
 *   listOrderStatus: "EXECUTING", listClientOrderId: "08985fedd9ea2cf6b28996",
 *   transactionTime: 1660801713793, symbol: "BTCUSDT",
 *   orders: [{ symbol: "BTCUSDT", orderId: 12569138901, clientOrderId: "BqtFCj5odMoWtSqGk2X9tU" }],
 * });
 * assert.equal(list.orders.length, 1);
 * ```
 */
export const OrderListStatus: ModelFactory<OrderListStatus> = modelFactory(
  "OrderListStatus",
  listStatusSchema,
);

/**
 * Factory of {@linkcode OrderListResult}.
 *
 * @example Usage
 * ```ts
 * import { OrderListResult } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const list = OrderListResult.parse({
 *   orderListId: 2, contingencyType: "OCO", listStatusType: "EXEC_STARTED",
 *   listOrderStatus: "EXECUTING", listClientOrderId: "c", transactionTime: 1, symbol: "LTCBNB",
 *   orders: [], orderReports: [
 *     { symbol: "LTCBNB", orderId: 2, orderListId: 2, clientOrderId: "a", transactTime: 1 },
 *   ],
 * });
 * assert.equal(list.orderReports[0].orderId, 2);
 * ```
 */
export const OrderListResult: ModelFactory<OrderListResult> = modelFactory(
  "OrderListResult",
  schema,
);

/**
 * Factory of a list of {@linkcode OrderListStatus} (`openOrderLists.status`, `allOrderLists`).
 *
 * @example Usage
 * ```ts
 * import { OrderListStatusList } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(OrderListStatusList.parse([]), []);
 * ```
 */
export const OrderListStatusList: ModelFactory<OrderListStatus[]> = modelFactory(
  "OrderListStatus[]",
  z.array(listStatusSchema),
);
