// Private: the fields the ticker stream models share, read once here.
import { dec, int, type Payload, str } from "../core/_check.ts";
import type { MiniTickerEvent, TickerWindowStats } from "./mini_ticker_event.ts";

/** The fields of every ticker payload (`E`, `s`, `c`, `o`, `h`, `l`, `v`, `q`). */
export function readMiniFields(o: Payload, model: string): Omit<MiniTickerEvent, "raw"> {
  return {
    eventTime: int(o, "E", model),
    symbol: str(o, "s", model),
    lastPrice: dec(o, "c", model),
    openPrice: dec(o, "o", model),
    highPrice: dec(o, "h", model),
    lowPrice: dec(o, "l", model),
    volume: dec(o, "v", model),
    quoteVolume: dec(o, "q", model),
  };
}

/** The window statistics of the full and rolling window tickers (`p`, `P`, `w`, `O`, `C`, `F`, `L`, `n`). */
export function readWindowFields(o: Payload, model: string): TickerWindowStats {
  return {
    priceChange: dec(o, "p", model),
    priceChangePercent: dec(o, "P", model),
    weightedAvgPrice: dec(o, "w", model),
    openTime: int(o, "O", model),
    closeTime: int(o, "C", model),
    firstTradeId: int(o, "F", model),
    lastTradeId: int(o, "L", model),
    count: int(o, "n", model),
  };
}
