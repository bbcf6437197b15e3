/**
 * The result of `referencePrice.calculation`.
 *
 * @module
 */
import { z } from "zod";
import { long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** How a symbol's reference price is calculated. */
export interface ReferencePriceCalculation {
  /** The symbol. */
  symbol: string;
  /** `ARITHMETIC_MEAN` or `EXTERNAL`. */
  calculationType: string;
  /** With `ARITHMETIC_MEAN`: number of buckets. */
  bucketCount?: number;
  /** With `ARITHMETIC_MEAN`: width of a bucket in ms. */
  bucketWidthMs?: number;
  /** With `EXTERNAL`: the external calculation's id. */
  externalCalculationId?: number;
}

const schema: z.ZodType<ReferencePriceCalculation> = z.object({
  symbol: z.string(),
  calculationType: z.string(),
  bucketCount: long.optional(),
  bucketWidthMs: long.optional(),
  externalCalculationId: long.optional(),
});

/**
 * Factory of {@linkcode ReferencePriceCalculation}.
 *
 * @example Usage
 * ```ts
 * import { ReferencePriceCalculation } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const c = ReferencePriceCalculation.parse({
 *   symbol: "BAZUSD", calculationType: "ARITHMETIC_MEAN", bucketCount: 10, bucketWidthMs: 1000,
 * });
 * assert.equal(c.bucketCount, 10);
 * ```
 */
export const ReferencePriceCalculation: ModelFactory<ReferencePriceCalculation> = modelFactory(
  "ReferencePriceCalculation",
  schema,
);
