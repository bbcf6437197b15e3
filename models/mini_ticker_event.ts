/**
 * The update of `<symbol>@miniTicker` and `!miniTicker@arr`.
 *
 * @module
 */
import { array, eventType, object } from "../core/_check.ts";
import { readMiniFields } from "./_ticker_fields.ts";
import type { ModelFactory } from "../core/types.ts";

/** Mini ticker statistics over a rolling 24 h window (not the UTC day). */
export interface MiniTickerEvent {
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
  /** The payload as it arrived, for fields this model does not name. */
  raw: Readonly<Record<string, unknown>>;
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

const MODEL = "MiniTickerEvent";
const MODEL_LIST = "MiniTickerEvent[]";

function parseMiniTickerEvent(raw: unknown): MiniTickerEvent {
  const o = object(raw, MODEL);
  eventType(o, "24hrMiniTicker", MODEL);
  return { ...readMiniFields(o, MODEL), raw: o };
}

/**
 * Factory of {@linkcode MiniTickerEvent}: checks a payload against the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#individual-symbol-mini-ticker-stream}
 *
 * @example Usage
 * ```ts
 * import { MiniTickerEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = MiniTickerEvent.parse({"e": "24hrMiniTicker", "E": 1672515782136, "s": "BNBBTC", "c": "0.0025", "o": "0.0010", "h": "0.0025", "l": "0.0010", "v": "10000", "q": "18"});
 * assert.equal(t.lastPrice, "0.0025");
 * ```
 */
export const MiniTickerEvent: ModelFactory<MiniTickerEvent> = { parse: parseMiniTickerEvent };

/** Factory of a list of {@linkcode MiniTickerEvent} (the all-market stream's payload). */
export const MiniTickerEventList: ModelFactory<MiniTickerEvent[]> = {
  parse(raw: unknown): MiniTickerEvent[] {
    return array(raw, MODEL_LIST).map(parseMiniTickerEvent);
  },
};
