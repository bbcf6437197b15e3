// Private: the fields the ticker stream models share, their types and their readers.
import { dec, int, type Payload, str } from "../core/_check.ts";

/** The fields of every ticker update: the mini ticker's statistics over a rolling 24 h window. */
export interface MiniTickerFields {
  /** Event time (ms, or µs with `timeUnit: "MICROSECOND"`). */
  eventTime: number;
  /** The symbol. */
  symbol: string;
  /** Close (last) price. */
  lastPrice: string;
  /** Open price. */
  openPrice: string;
  /** High price. */
  highPrice: string;
  /** Low price. */
  lowPrice: string;
  /** Total traded base asset volume. */
  volume: string;
  /** Total traded quote asset volume. */
  quoteVolume: string;
}

/** The window statistics of the full and rolling window tickers. */
export interface TickerWindowStats {
  /** Price change. */
  priceChange: string;
  /** Price change percent. */
  priceChangePercent: string;
  /** Weighted average price. */
  weightedAvgPrice: string;
  /** Statistics open time (ms, or µs with `timeUnit: "MICROSECOND"`). */
  openTime: number;
  /** Statistics close time (ms, or µs with `timeUnit: "MICROSECOND"`). */
  closeTime: number;
  /** First trade id. */
  firstTradeId: number;
  /** Last trade id. */
  lastTradeId: number;
  /** Number of trades. */
  count: number;
}

/** The fields of every ticker payload (`E`, `s`, `c`, `o`, `h`, `l`, `v`, `q`). */
export function readMiniFields(o: Payload, model: string): MiniTickerFields {
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
