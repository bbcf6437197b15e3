/**
 * The result of `referencePrice`.
 *
 * @module
 */
import { z } from "zod";
import { decimal, long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** The reference price of a symbol. */
export interface ReferencePrice {
  /** The symbol. */
  symbol: string;
  /** The reference price, or `null` when it is not available now. */
  referencePrice: string | null;
  /** When it was calculated. */
  timestamp: number;
}

const schema: z.ZodType<ReferencePrice> = z.object({
  symbol: z.string(),
  referencePrice: decimal.nullable(),
  timestamp: long,
});

/**
 * Factory of {@linkcode ReferencePrice}.
 *
 * @example Usage
 * ```ts
 * import { ReferencePrice } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const r = ReferencePrice.parse({ symbol: "BAZUSD", referencePrice: null, timestamp: 1770946889251 });
 * assert.equal(r.referencePrice, null);
 * ```
 */
export const ReferencePrice: ModelFactory<ReferencePrice> = modelFactory("ReferencePrice", schema);
