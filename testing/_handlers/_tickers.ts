// Private: the tickers of the fake's WS API (`ticker.24hr`, `ticker.tradingDay`, `ticker`):
// statistics over the market's trades, in the MINI or FULL shape.

import { dec } from "../_exchange/decimal.ts";
import { summarize, type SymbolState } from "../_exchange/market.ts";
import type { Context } from "./handler.ts";

/** Statistics over the trades in [from, to]. */
function stats(s: SymbolState, from: number, to: number, ctx: Context, type: string) {
  const trades = s.trades.filter((t) => t.time >= from && t.time <= to);
  const list = trades.length ? trades : [s.trades[s.trades.length - 1]];
  const { hi, lo, vol, quote } = summarize(list);
  const open = list[0].price;
  const last = list[list.length - 1];
  const mini = {
    symbol: s.spec.symbol,
    openPrice: dec(open),
    highPrice: dec(hi),
    lowPrice: dec(lo),
    lastPrice: dec(last.price),
    volume: dec(vol),
    quoteVolume: dec(quote),
    openTime: ctx.t(from),
    closeTime: ctx.t(to),
    firstId: list[0].id,
    lastId: last.id,
    count: trades.length,
  };
  if (type === "MINI") return { mini };
  const change = BigInt(last.price - open);
  const pct = (change * 100_000n) / BigInt(open); // 3 decimals
  const avg = vol === 0n ? 0n : (quote * 100_000_000n) / vol;
  const pctText = `${pct < 0n ? "-" : ""}${(pct < 0n ? -pct : pct) / 1000n}.${
    ((pct < 0n ? -pct : pct) % 1000n).toString().padStart(3, "0")
  }`;
  return {
    mini,
    full: {
      priceChange: dec(change),
      priceChangePercent: pctText,
      weightedAvgPrice: dec(avg),
      lastQty: dec(last.qty),
    },
  };
}

/**
 * A ticker of one symbol over `[from, to]`: the MINI fields, or the FULL ones of a rolling
 * window (`ticker`, `ticker.tradingDay`) or of `ticker.24hr`.
 */
export function tickerFull(
  s: SymbolState,
  from: number,
  to: number,
  ctx: Context,
  type: string,
  kind: "24hr" | "window",
): Record<string, unknown> {
  const { mini, full } = stats(s, from, to, ctx, type);
  if (!full) return mini;
  const { symbol, ...rest } = mini;
  const base = {
    symbol,
    priceChange: full.priceChange,
    priceChangePercent: full.priceChangePercent,
    weightedAvgPrice: full.weightedAvgPrice,
  };
  if (kind === "window") return { ...base, ...rest };
  const { openPrice, lastPrice, ...more } = rest;
  return {
    ...base,
    prevClosePrice: openPrice,
    lastPrice,
    lastQty: full.lastQty,
    bidPrice: dec(s.book.bids[0][0]),
    bidQty: dec(s.book.bids[0][1]),
    askPrice: dec(s.book.asks[0][0]),
    askQty: dec(s.book.asks[0][1]),
    openPrice,
    ...more,
  };
}
