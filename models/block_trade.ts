/**
 * The result of `blockTrades.historical`.
 *
 * @module
 */
import { z } from "zod";
import { decimal, long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** One block trade. */
export interface BlockTrade {
  /** Block trade id. */
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
}

const schema: z.ZodType<BlockTrade> = z.object({
  id: long,
  price: decimal,
  qty: decimal,
  quoteQty: decimal,
  time: long,
  isBuyerMaker: z.boolean(),
});

/**
 * Factory of {@linkcode BlockTrade}.
 *
 * @example Usage
 * ```ts
 * import { BlockTrade } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = BlockTrade.parse({
 *   id: 582, price: "0.052", qty: "5838", quoteQty: "303.576", time: 1772506983321, isBuyerMaker: true,
 * });
 * assert.equal(t.qty, "5838");
 * ```
 */
export const BlockTrade: ModelFactory<BlockTrade> = modelFactory("BlockTrade", schema);

/** Factory of a list of {@linkcode BlockTrade}. */
export const BlockTradeList: ModelFactory<BlockTrade[]> = modelFactory(
  "BlockTrade[]",
  z.array(schema),
);
