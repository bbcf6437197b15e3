// What the five ticker methods share: the model picker that matches their result type
// (`TickerResult`, in `_result.ts`), and the weight function of `ticker` and `ticker.tradingDay`.
import type { ModelFactory } from "../core/types.ts";
import { TickerMini, TickerMiniList } from "../models/ticker.ts";
import type { TickerResult } from "./_result.ts";

/** What the ticker methods' params have in common: the two that pick the result. */
interface TickerChoice {
  symbol?: string;
  type?: "FULL" | "MINI";
}

/**
 * The model of a ticker method's result for `params`, as {@linkcode TickerResult} types it: one
 * or a list by `symbol`, FULL (the method's own) or MINI by `type`.
 */
export function tickerModel<P extends TickerChoice, Full>(
  params: P | undefined,
  one: ModelFactory<Full>,
  list: ModelFactory<Full[]>,
): ModelFactory<TickerResult<P, Full>> {
  const mini = params?.type === "MINI";
  const model = params?.symbol !== undefined
    ? (mini ? TickerMini : one)
    : (mini ? TickerMiniList : list);
  // The one place where the run-time choice meets the type-level one; tests/methods/
  // ticker_types_test.ts checks both.
  return model as ModelFactory<TickerResult<P, Full>>;
}

/** The weight function of `ticker` and `ticker.tradingDay` (the rule: `tickerInfo.weightRule`). */
export function fourPerSymbol(params: { symbols?: string[] }): number {
  const n = params.symbols?.length ?? 1;
  return n > 50 ? 200 : 4 * n;
}
