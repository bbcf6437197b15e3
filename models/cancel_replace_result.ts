/**
 * The result of a successful `order.cancelReplace`: both halves succeeded.
 *
 * @module
 */
import { z } from "zod";
import { modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";
import { anyOrderSchema, canceledOrderSchema } from "./_order_fields.ts";
import type { CanceledOrder } from "./order_cancel.ts";
import type { OrderAck, OrderFull, OrderResult } from "./order_result.ts";

/**
 * Both halves of a successful `order.cancelReplace`.
 *
 * @typeParam N The new order's report (ACK, RESULT or FULL, as `newOrderRespType` picks).
 */
export interface CancelReplaceResult<N = OrderAck | OrderResult | OrderFull> {
  /** `SUCCESS`. */
  cancelResult: "SUCCESS";
  /** `SUCCESS`. */
  newOrderResult: "SUCCESS";
  /** The canceled order. */
  cancelResponse: CanceledOrder;
  /** The new order. */
  newOrderResponse: N;
}

const schema: z.ZodType<CancelReplaceResult> = z.object({
  cancelResult: z.literal("SUCCESS"),
  newOrderResult: z.literal("SUCCESS"),
  cancelResponse: canceledOrderSchema,
  newOrderResponse: anyOrderSchema,
});

/**
 * Factory of {@linkcode CancelReplaceResult}; the new order is read by its fields (FULL has
 * `fills`, RESULT the order's fields, ACK only its ids).
 *
 * @example Usage
 * ```ts
 * import { CancelReplaceResult } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const r = CancelReplaceResult.parse({
 *   cancelResult: "SUCCESS", newOrderResult: "SUCCESS",
 *   cancelResponse: {
 *     symbol: "BTCUSDT", origClientOrderId: "a", orderId: 1, orderListId: -1, clientOrderId: "b",
 *     transactTime: 1, price: "1.0", origQty: "1.0", executedQty: "0.0", origQuoteOrderQty: "0",
 *     cummulativeQuoteQty: "0", status: "CANCELED", timeInForce: "GTC", type: "LIMIT",
 *     side: "SELL", selfTradePreventionMode: "NONE",
 *   },
 *   newOrderResponse: { symbol: "BTCUSDT", orderId: 2, orderListId: -1, clientOrderId: "c", transactTime: 2 },
 * });
 * assert.equal(r.newOrderResponse.orderId, 2);
 * ```
 */
export const CancelReplaceResult: ModelFactory<CancelReplaceResult> = modelFactory(
  "CancelReplaceResult",
  schema,
);
