/**
 * The result of `depth`: an order book snapshot.
 *
 * @module
 */
import { z } from "zod";
import { long, modelFactory, priceLevel } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** One price level: `[price, quantity]`, both exact decimal strings. */
export type PriceLevel = [price: string, quantity: string];

/** An order book snapshot. */
export interface Depth {
  /** The update id of the book at the time of the snapshot. */
  lastUpdateId: number;
  /** Bids, best (highest price) first. */
  bids: PriceLevel[];
  /** Asks, best (lowest price) first. */
  asks: PriceLevel[];
}

const schema: z.ZodType<Depth> = z.object({
  lastUpdateId: long,
  bids: z.array(priceLevel),
  asks: z.array(priceLevel),
});

/**
 * Factory of {@linkcode Depth}.
 *
 * @example Usage
 * ```ts
 * import { Depth } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const book = Depth.parse({ lastUpdateId: 1, bids: [["0.013799", "3.432"]], asks: [] });
 * assert.equal(book.bids[0][0], "0.013799");
 * ```
 */
export const Depth: ModelFactory<Depth> = modelFactory("Depth", schema);
