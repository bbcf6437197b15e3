// Private: what `ticker`, `ticker.tradingDay` and `ticker.24hr` share: the result model
// picked by `symbol`/`symbols` and `type`, and the per-symbol weight rule.
import type { ModelFactory } from "../core/types.ts";
import { TickerMini, TickerMiniList } from "../models/ticker.ts";

/** The model of a ticker result: one or a list, FULL (the method's own) or MINI. */
export function tickerModel<F>(
  params: { symbol?: string; type?: "FULL" | "MINI" } | undefined,
  full: ModelFactory<F>,
  fullList: ModelFactory<F[]>,
): ModelFactory<F | TickerMini | F[] | TickerMini[]> {
  const list = params?.symbol === undefined;
  const mini = params?.type === "MINI";
  return list ? (mini ? TickerMiniList : fullList) : (mini ? TickerMini : full);
}

/** Weight rule of `ticker` and `ticker.tradingDay`: 4 per symbol; 200 above 50 symbols. */
export function fourPerSymbol(params: { symbols?: string[] }): number {
  const n = params.symbols?.length ?? 1;
  return n > 50 ? 200 : 4 * n;
}
