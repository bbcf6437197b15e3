/**
 * Cancel results: of an order (`order.cancel`, the cancel half of `order.cancelReplace`), of
 * an order list (`orderList.cancel`, or `order.cancel` of a list's order), and of
 * `openOrders.cancelAll` (both kinds mixed).
 *
 * @module
 */
import { z } from "zod";
import { modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";
import { canceledOrderSchema, listFieldsShape } from "./_order_fields.ts";
import type { OrderListStatus } from "./order_list.ts";
import type { OrderFields } from "./order_result.ts";

/** A canceled order. */
export interface CanceledOrder extends OrderFields {
  /** The client id the order had (absent from the docs' `orderList.cancel` reports). */
  origClientOrderId?: string;
  /** When it was canceled. */
  transactTime: number;
}

/** A canceled order list and each of its canceled orders. */
export interface CanceledOrderList extends OrderListStatus {
  /** Each canceled order. */
  orderReports: CanceledOrder[];
}

const canceledListSchema: z.ZodType<CanceledOrderList> = z.object({
  ...listFieldsShape,
  orderReports: z.array(canceledOrderSchema),
});
/** A list's report has `orderReports`; an order's has not. */
const either: z.ZodType<CanceledOrder | CanceledOrderList> = z.union([
  canceledListSchema,
  canceledOrderSchema,
]);

/**
 * Factory of {@linkcode CanceledOrder}.
 *
 * @example Usage
 * ```ts
 * import { CanceledOrder } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const c = CanceledOrder.parse({
 *   symbol: "BTCUSDT", origClientOrderId: "4d96324ff9d44481926157", orderId: 12569099453,
 *   orderListId: -1, clientOrderId: "91fe37ce9e69c90d6358c0", transactTime: 1684804350068,
 *   price: "23416.10000000", origQty: "0.00847000", executedQty: "0.00001000",
 *   origQuoteOrderQty: "0.000000", cummulativeQuoteQty: "0.23416100", status: "CANCELED",
 *   timeInForce: "GTC", type: "LIMIT", side: "SELL", selfTradePreventionMode: "NONE",
 * });
 * assert.equal(c.status, "CANCELED");
 * ```
 */
export const CanceledOrder: ModelFactory<CanceledOrder> = modelFactory(
  "CanceledOrder",
  canceledOrderSchema,
);

/**
 * Factory of {@linkcode CanceledOrderList}.
 *
 * @example Usage
 * ```ts
 * import { CanceledOrderList } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const list = CanceledOrderList.parse({
 *   orderListId: 1, contingencyType: "OCO", listStatusType: "ALL_DONE", listOrderStatus: "ALL_DONE",
 *   listClientOrderId: "l", transactionTime: 1, symbol: "BTCUSDT", orders: [], orderReports: [],
 * });
 * assert.equal(list.listStatusType, "ALL_DONE");
 * ```
 */
export const CanceledOrderList: ModelFactory<CanceledOrderList> = modelFactory(
  "CanceledOrderList",
  canceledListSchema,
);

/**
 * Factory of what `order.cancel` returns: a {@linkcode CanceledOrder}, or a
 * {@linkcode CanceledOrderList} when the order belonged to a list (the whole list is
 * canceled). Tell them apart with `"orderReports" in result`.
 *
 * @example Usage
 * ```ts
 * import { CancelResult } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const r = CancelResult.parse({
 *   orderListId: 1, contingencyType: "OCO", listStatusType: "ALL_DONE", listOrderStatus: "ALL_DONE",
 *   listClientOrderId: "l", transactionTime: 1, symbol: "BTCUSDT", orders: [], orderReports: [],
 * });
 * assert.ok("orderReports" in r);
 * ```
 */
export const CancelResult: ModelFactory<CanceledOrder | CanceledOrderList> = modelFactory(
  "CancelResult",
  either,
);

/**
 * Factory of what `openOrders.cancelAll` returns: each canceled order and order list.
 *
 * @example Usage
 * ```ts
 * import { CancelResultList } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(CancelResultList.parse([]), []);
 * ```
 */
export const CancelResultList: ModelFactory<(CanceledOrder | CanceledOrderList)[]> = modelFactory(
  "CancelResultList",
  z.array(either),
);
