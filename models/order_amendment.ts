/**
 * The result of `order.amendments`: the amendments of one order (`order.amend.keepPriority`).
 *
 * @module
 */
import { z } from "zod";
import { decimal, long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** One amendment of an order: its quantity reduced, its place in the queue kept. */
export interface OrderAmendment {
  /** The symbol, e.g. `"BTCUSDT"`. */
  symbol: string;
  /** The order's id. */
  orderId: number;
  /** The amendment's execution id. */
  executionId: number;
  /** The order's client id before the amendment. */
  origClientOrderId: string;
  /** Its client id after it. */
  newClientOrderId: string;
  /** The quantity before the amendment. */
  origQty: string;
  /** The quantity after it. */
  newQty: string;
  /** When it took effect. */
  time: number;
}

const schema: z.ZodType<OrderAmendment> = z.object({
  symbol: z.string(),
  orderId: long,
  executionId: long,
  origClientOrderId: z.string(),
  newClientOrderId: z.string(),
  origQty: decimal,
  newQty: decimal,
  time: long,
});

/**
 * Factory of {@linkcode OrderAmendment}.
 *
 * @example Usage
 * ```ts
 * import { OrderAmendment } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const a = OrderAmendment.parse({
 *   symbol: "BTCUSDT", orderId: 23, executionId: 60, origClientOrderId: "my_pending_order",
 *   newClientOrderId: "xbxXh5SSwaHS7oUEOCI88B", origQty: "7.00000000", newQty: "5.00000000",
 *   time: 1741924229819,
 * });
 * assert.equal(a.newQty, "5.00000000");
 * ```
 */
export const OrderAmendment: ModelFactory<OrderAmendment> = modelFactory("OrderAmendment", schema);

/** Factory of a list of {@linkcode OrderAmendment}. */
export const OrderAmendmentList: ModelFactory<OrderAmendment[]> = modelFactory(
  "OrderAmendment[]",
  z.array(schema),
);
