/**
 * The result of `executionRules`.
 *
 * @module
 */
import { z } from "zod";
import { modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/**
 * One execution rule. `ruleType` names it (`PRICE_RANGE`: `bidLimitMultUp`,
 * `bidLimitMultDown`, `askLimitMultUp`, `askLimitMultDown` as decimal strings). Unknown rule
 * types are kept as they come.
 */
export interface ExecutionRule {
  /** The rule's type, e.g. `"PRICE_RANGE"`. */
  ruleType: string;
  /** The rule's other fields. */
  [field: string]: unknown;
}

/** The execution rules of one symbol. */
export interface SymbolExecutionRules {
  /** The symbol. */
  symbol: string;
  /** Its rules. */
  rules: ExecutionRule[];
}

/** The execution rules of the requested symbols. */
export interface ExecutionRules {
  /** One entry per symbol. */
  symbolRules: SymbolExecutionRules[];
}

const schema: z.ZodType<ExecutionRules> = z.object({
  symbolRules: z.array(z.object({
    symbol: z.string(),
    rules: z.array(z.looseObject({ ruleType: z.string() })),
  })),
});

/**
 * Factory of {@linkcode ExecutionRules}.
 *
 * @example Usage
 * ```ts
 * import { ExecutionRules } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const r = ExecutionRules.parse({
 *   symbolRules: [{ symbol: "BAZUSD", rules: [{ ruleType: "PRICE_RANGE", bidLimitMultUp: "1.0001" }] }],
 * });
 * assert.equal(r.symbolRules[0].rules[0].bidLimitMultUp, "1.0001");
 * ```
 */
export const ExecutionRules: ModelFactory<ExecutionRules> = modelFactory("ExecutionRules", schema);
