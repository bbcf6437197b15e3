/**
 * The result of `order.status`.
 *
 * @module
 */
import { z } from "zod";
import { decimal, long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";
import { orderFieldsShape } from "./_order_fields.ts";
import type { OrderFields } from "./order_result.ts";

/** An order as `order.status` reports it. */
export interface QueriedOrder extends Omit<OrderFields, "origQty"> {
  /** Ordered quantity (absent for an OPO's pending order, until the working order fills). */
  origQty?: string;
  /** When the order was created. */
  time: number;
  /** When it last changed. */
  updateTime: number;
  /** Whether it is on the book (a stop not yet triggered is not). */
  isWorking: boolean;
  /** When it started working (-1 while pending). */
  workingTime: number;
}

const schema: z.ZodType<QueriedOrder> = z.object({
  ...orderFieldsShape,
  origQty: decimal.optional(),
  time: long,
  updateTime: long,
  isWorking: z.boolean(),
  workingTime: long,
});

/**
 * Factory of {@linkcode QueriedOrder}.
 *
 * @example Usage
 * ```ts
 * import { QueriedOrder } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const o = QueriedOrder.parse({
 *   symbol: "BTCUSDT", orderId: 12569099453, orderListId: -1, clientOrderId: "4d96324ff9d44481926157",
 *   price: "23416.10000000", origQty: "0.00847000", executedQty: "0.00847000",
 *   cummulativeQuoteQty: "198.33521500", status: "FILLED", timeInForce: "GTC", type: "LIMIT",
 *   side: "SELL", time: 1660801715639, updateTime: 1660801717945, isWorking: true,
 *   workingTime: 1660801715639, origQuoteOrderQty: "0.00000000", selfTradePreventionMode: "NONE",
 * });
 * assert.equal(o.status, "FILLED");
 * ```
 */
export const QueriedOrder: ModelFactory<QueriedOrder> = modelFactory("QueriedOrder", schema);

/**
 * Factory of a list of {@linkcode QueriedOrder} (`openOrders.status`, `allOrders`).
 *
 * @example Usage
 * ```ts
 * import { QueriedOrderList } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(QueriedOrderList.parse([]), []);
 * ```
 */
export const QueriedOrderList: ModelFactory<QueriedOrder[]> = modelFactory(
  "QueriedOrder[]",
  z.array(schema),
);
