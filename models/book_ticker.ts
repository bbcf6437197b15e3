/**
 * The result of `ticker.book`.
 *
 * @module
 */
import { z } from "zod";
import { decimal, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** The best bid and ask of a symbol. */
export interface BookTicker {
  /** The symbol. */
  symbol: string;
  /** Best bid price. */
  bidPrice: string;
  /** Quantity at the best bid. */
  bidQty: string;
  /** Best ask price. */
  askPrice: string;
  /** Quantity at the best ask. */
  askQty: string;
}

const schema: z.ZodType<BookTicker> = z.object({
  symbol: z.string(),
  bidPrice: decimal,
  bidQty: decimal,
  askPrice: decimal,
  askQty: decimal,
});

/**
 * Factory of {@linkcode BookTicker}.
 *
 * @example Usage
 * ```ts
 * import { BookTicker } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const b = BookTicker.parse({
 *   symbol: "BNBBTC", bidPrice: "0.01358000", bidQty: "12.53400000",
 *   askPrice: "0.01358100", askQty: "17.83700000",
 * });
 * assert.equal(b.askPrice, "0.01358100");
 * ```
 */
export const BookTicker: ModelFactory<BookTicker> = modelFactory("BookTicker", schema);

/** Factory of a list of {@linkcode BookTicker}. */
export const BookTickerList: ModelFactory<BookTicker[]> = modelFactory(
  "BookTicker[]",
  z.array(schema),
);
