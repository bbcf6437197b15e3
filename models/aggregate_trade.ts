/**
 * The result of `trades.aggregate`, with Binance's one-letter keys given readable names.
 *
 * @module
 */
import { z } from "zod";
import { decimal, long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** One aggregate trade: trades at the same time, price and side, taken together. */
export interface AggregateTrade {
  /** Aggregate trade id (`a`). */
  aggregateTradeId: number;
  /** Price (`p`), an exact decimal string. */
  price: string;
  /** Quantity (`q`), an exact decimal string. */
  quantity: string;
  /** First trade id (`f`). */
  firstTradeId: number;
  /** Last trade id (`l`). */
  lastTradeId: number;
  /** Time (`T`). */
  time: number;
  /** Whether the buyer was the maker (`m`). */
  isBuyerMaker: boolean;
  /** Whether the trade was the best price match (`M`). */
  isBestMatch: boolean;
}

const schema: z.ZodType<AggregateTrade, unknown> = z.object({
  a: long,
  p: decimal,
  q: decimal,
  f: long,
  l: long,
  T: long,
  m: z.boolean(),
  M: z.boolean(),
}).transform((t) => ({
  aggregateTradeId: t.a,
  price: t.p,
  quantity: t.q,
  firstTradeId: t.f,
  lastTradeId: t.l,
  time: t.T,
  isBuyerMaker: t.m,
  isBestMatch: t.M,
}));

/**
 * Factory of {@linkcode AggregateTrade}, from Binance's `{a, p, q, f, l, T, m, M}`.
 *
 * @example Usage
 * ```ts
 * import { AggregateTrade } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = AggregateTrade.parse({
 *   a: 50000000, p: "0.00274100", q: "57.19000000", f: 59120167, l: 59120170,
 *   T: 1565877971222, m: true, M: true,
 * });
 * assert.equal(t.aggregateTradeId, 50000000);
 * assert.equal(t.quantity, "57.19000000");
 * ```
 */
export const AggregateTrade: ModelFactory<AggregateTrade> = modelFactory("AggregateTrade", schema);

/** Factory of a list of {@linkcode AggregateTrade}. */
export const AggregateTradeList: ModelFactory<AggregateTrade[]> = modelFactory(
  "AggregateTrade[]",
  z.array(schema),
);
