/**
 * The result of `avgPrice`.
 *
 * @module
 */
import { z } from "zod";
import { decimal, long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** The current average price of a symbol. */
export interface AveragePrice {
  /** The averaging window, in minutes. */
  mins: number;
  /** The average price, an exact decimal string. */
  price: string;
  /** Time of the last trade in the window. */
  closeTime: number;
}

const schema: z.ZodType<AveragePrice> = z.object({ mins: long, price: decimal, closeTime: long });

/**
 * Factory of {@linkcode AveragePrice}.
 *
 * @example Usage
 * ```ts
 * import { AveragePrice } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const a = AveragePrice.parse({ mins: 5, price: "9.35751834", closeTime: 1694061154503 });
 * assert.equal(a.price, "9.35751834");
 * ```
 */
export const AveragePrice: ModelFactory<AveragePrice> = modelFactory("AveragePrice", schema);
