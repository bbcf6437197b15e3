/**
 * The update of `<symbol>@kline_<interval>` and `<symbol>@kline_<interval>@+08:00`.
 *
 * @module
 */
import { bool, dec, eventType, int, object, type Payload, str } from "../core/_check.ts";
import type { ModelFactory } from "../core/types.ts";

/** The current kline (candlestick) of a kline stream update. */
export interface StreamKline {
  /** Kline start time (ms, or µs with `timeUnit: "MICROSECOND"`). */
  openTime: number;
  /** Kline close time (ms, or µs with `timeUnit: "MICROSECOND"`). */
  closeTime: number;
  /** The symbol. */
  symbol: string;
  /** The interval, e.g. `"1m"`. */
  interval: string;
  /** First trade id. */
  firstTradeId: number;
  /** Last trade id. */
  lastTradeId: number;
  /** Open price. */
  open: string;
  /** Close price. */
  close: string;
  /** High price. */
  high: string;
  /** Low price. */
  low: string;
  /** Base asset volume. */
  volume: string;
  /** Number of trades. */
  trades: number;
  /** Whether this kline is closed. */
  isClosed: boolean;
  /** Quote asset volume. */
  quoteVolume: string;
  /** Taker buy base asset volume. */
  takerBuyBaseVolume: string;
  /** Taker buy quote asset volume. */
  takerBuyQuoteVolume: string;
}

/**
 * An update of the current kline. With `@+08:00`, intervals open and close in UTC+8, but
 * the times are still Unix times.
 */
export interface KlineEvent {
  /** Event time (ms, or µs with `timeUnit: "MICROSECOND"`). */
  eventTime: number;
  /** The symbol. */
  symbol: string;
  /** The kline. */
  kline: StreamKline;
  /** The payload as it arrived, for fields this model does not name. */
  raw: Readonly<Record<string, unknown>>;
}

const MODEL = "KlineEvent";

function parseKlineEvent(raw: unknown): KlineEvent {
  const o = object(raw, MODEL);
  eventType(o, "kline", MODEL);
  const k: Payload = object(o.k, "KlineEvent.k");
  const K = "KlineEvent.k";
  return {
    eventTime: int(o, "E", MODEL),
    symbol: str(o, "s", MODEL),
    kline: {
      openTime: int(k, "t", K),
      closeTime: int(k, "T", K),
      symbol: str(k, "s", K),
      interval: str(k, "i", K),
      firstTradeId: int(k, "f", K),
      lastTradeId: int(k, "L", K),
      open: dec(k, "o", K),
      close: dec(k, "c", K),
      high: dec(k, "h", K),
      low: dec(k, "l", K),
      volume: dec(k, "v", K),
      trades: int(k, "n", K),
      isClosed: bool(k, "x", K),
      quoteVolume: dec(k, "q", K),
      takerBuyBaseVolume: dec(k, "V", K),
      takerBuyQuoteVolume: dec(k, "Q", K),
    },
    raw: o,
  };
}

/**
 * Factory of {@linkcode KlineEvent}: checks a payload against the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#klinecandlestick-streams-for-utc}
 *
 * @example Usage
 * ```ts
 * import { KlineEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = KlineEvent.parse({"e": "kline", "E": 1672515782136, "s": "BNBBTC", "k": {"t": 1672515780000, "T": 1672515839999, "s": "BNBBTC", "i": "1m", "f": 100, "L": 200, "o": "0.0010", "c": "0.0020", "h": "0.0025", "l": "0.0015", "v": "1000", "n": 100, "x": false, "q": "1.0000", "V": "500", "Q": "0.500", "B": "123456"}});
 * assert.equal(t.kline.close, "0.0020");
 * assert.equal(t.kline.isClosed, false);
 * ```
 */
export const KlineEvent: ModelFactory<KlineEvent> = { parse: parseKlineEvent };
