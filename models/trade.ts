/**
 * The results of `trades.recent` and `trades.historical`.
 *
 * @module
 */
import { z } from "zod";
import { decimal, long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** One trade. */
export interface Trade {
  /** Trade id. */
  id: number;
  /** Price, an exact decimal string. */
  price: string;
  /** Quantity, an exact decimal string. */
  qty: string;
  /** `price × qty`, an exact decimal string. */
  quoteQty: string;
  /** Trade time (ms, or µs with `timeUnit: "MICROSECOND"`). */
  time: number;
  /** Whether the buyer was the maker. */
  isBuyerMaker: boolean;
  /** Whether the trade was the best price match. */
  isBestMatch: boolean;
}

const schema: z.ZodType<Trade> = z.object({
  id: long,
  price: decimal,
  qty: decimal,
  quoteQty: decimal,
  time: long,
  isBuyerMaker: z.boolean(),
  isBestMatch: z.boolean(),
});

/**
 * Factory of {@linkcode Trade}.
 *
 * @example Usage
 * ```ts
 * import { Trade } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = Trade.parse({
 *   id: 194686783, price: "0.01361000", qty: "0.01400000", quoteQty: "0.00019054",
 *   time: 1660009530807, isBuyerMaker: true, isBestMatch: true,
 * });
 * assert.equal(t.quoteQty, "0.00019054");
 * ```
 */
export const Trade: ModelFactory<Trade> = modelFactory("Trade", schema);

/** Factory of a list of {@linkcode Trade}. */
export const TradeList: ModelFactory<Trade[]> = modelFactory("Trade[]", z.array(schema));
