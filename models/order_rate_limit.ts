/**
 * The result of `account.rateLimits.orders`: the unfilled order count of each ORDERS window.
 *
 * @module
 */
import { z } from "zod";
import { long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** One ORDERS window and the account's unfilled order count in it. */
export interface OrderRateLimit {
  /** `ORDERS`. */
  rateLimitType: string;
  /** `SECOND`, `MINUTE`, `HOUR` or `DAY`. */
  interval: string;
  /** How many `interval`s the window spans. */
  intervalNum: number;
  /** The most unfilled orders the window allows. */
  limit: number;
  /** The unfilled orders placed in the current window. */
  count: number;
}

const schema: z.ZodType<OrderRateLimit> = z.object({
  rateLimitType: z.string(),
  interval: z.string(),
  intervalNum: long,
  limit: long,
  count: long,
});

/**
 * Factory of {@linkcode OrderRateLimit}.
 *
 * @example Usage
 * ```ts
 * import { OrderRateLimit } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const l = OrderRateLimit.parse({
 *   rateLimitType: "ORDERS", interval: "SECOND", intervalNum: 10, limit: 50, count: 0,
 * });
 * assert.equal(l.limit, 50);
 * ```
 */
export const OrderRateLimit: ModelFactory<OrderRateLimit> = modelFactory("OrderRateLimit", schema);

/** Factory of a list of {@linkcode OrderRateLimit}. */
export const OrderRateLimitList: ModelFactory<OrderRateLimit[]> = modelFactory(
  "OrderRateLimit[]",
  z.array(schema),
);
