/**
 * The update of `<symbol>@aggTrade`.
 *
 * @module
 */
import { bool, dec, eventType, int, object, str } from "../core/_check.ts";
import type { ModelFactory } from "../core/types.ts";

/** One aggregate trade: the fills of a single taker order at one price. */
export interface AggTradeEvent {
  /** Event time (ms, or µs with `timeUnit: "MICROSECOND"`). */
  eventTime: number;
  /** The symbol. */
  symbol: string;
  /** Aggregate trade id. */
  aggTradeId: number;
  /** Price, an exact decimal string. */
  price: string;
  /** Quantity, an exact decimal string. */
  qty: string;
  /** First trade id. */
  firstTradeId: number;
  /** Last trade id. */
  lastTradeId: number;
  /** Trade time (ms, or µs with `timeUnit: "MICROSECOND"`). */
  tradeTime: number;
  /** Whether the buyer was the market maker. */
  isBuyerMaker: boolean;
  /** The payload as it arrived, for fields this model does not name. */
  raw: Readonly<Record<string, unknown>>;
}

const MODEL = "AggTradeEvent";

function parseAggTradeEvent(raw: unknown): AggTradeEvent {
  const o = object(raw, MODEL);
  eventType(o, "aggTrade", MODEL);
  return {
    eventTime: int(o, "E", MODEL),
    symbol: str(o, "s", MODEL),
    aggTradeId: int(o, "a", MODEL),
    price: dec(o, "p", MODEL),
    qty: dec(o, "q", MODEL),
    firstTradeId: int(o, "f", MODEL),
    lastTradeId: int(o, "l", MODEL),
    tradeTime: int(o, "T", MODEL),
    isBuyerMaker: bool(o, "m", MODEL),
    raw: o,
  };
}

/**
 * Factory of {@linkcode AggTradeEvent}: checks a payload against the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#aggregate-trade-streams}
 *
 * @example Usage
 * ```ts
 * import { AggTradeEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = AggTradeEvent.parse({"e": "aggTrade", "E": 1672515782136, "s": "BNBBTC", "a": 12345, "p": "0.001", "q": "100", "f": 100, "l": 105, "T": 1672515782136, "m": true, "M": true});
 * assert.equal(t.aggTradeId, 12345);
 * assert.equal(t.lastTradeId, 105);
 * ```
 */
export const AggTradeEvent: ModelFactory<AggTradeEvent> = { parse: parseAggTradeEvent };
