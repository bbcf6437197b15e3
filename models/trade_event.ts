/**
 * The update of `<symbol>@trade`.
 *
 * @module
 */
import { bool, dec, eventType, int, isDecimal, object, type Payload, str } from "../core/_check.ts";
import type { ModelFactory } from "../core/types.ts";

/** One trade, as the trade stream pushes it (each trade has a unique buyer and seller). */
export interface TradeEvent {
  /** Event time (ms, or µs with `timeUnit: "MICROSECOND"`). */
  eventTime: number;
  /** The symbol, e.g. `"BNBBTC"`. */
  symbol: string;
  /** Trade id. */
  tradeId: number;
  /** Price, an exact decimal string. */
  price: string;
  /** Quantity, an exact decimal string. */
  qty: string;
  /** Trade time (ms, or µs with `timeUnit: "MICROSECOND"`). */
  tradeTime: number;
  /** Whether the buyer was the market maker. */
  isBuyerMaker: boolean;
  /** The payload as it arrived, for fields this model does not name. */
  raw: Readonly<Record<string, unknown>>;
}

const MODEL = "TradeEvent";

/** The checks one by one: the first field that does not match is named in the error. */
function checkTradeEvent(raw: unknown): TradeEvent {
  const o = object(raw, MODEL);
  eventType(o, "trade", MODEL);
  return {
    eventTime: int(o, "E", MODEL),
    symbol: str(o, "s", MODEL),
    tradeId: int(o, "t", MODEL),
    price: dec(o, "p", MODEL),
    qty: dec(o, "q", MODEL),
    tradeTime: int(o, "T", MODEL),
    isBuyerMaker: bool(o, "m", MODEL),
    raw: o,
  };
}

/**
 * The model of a checked payload, built with `new`, not as an object literal: V8 moves an
 * object literal's allocation site to the old generation once most of its objects outlive a
 * young collection (a consumer that keeps the last update of each of 1000 streams), and from
 * then on each model is born old and keeps its young payload alive through every young
 * collection until a full one (measured: the heap grew by ~320 B per update). A constructor
 * call has no such site. Its prototype is `Object.prototype`: a plain object, as before.
 */
const Model = function (
  this: TradeEvent,
  E: number,
  s: string,
  t: number,
  p: string,
  q: string,
  T: number,
  m: boolean,
  o: Payload,
): void {
  this.eventTime = E;
  this.symbol = s;
  this.tradeId = t;
  this.price = p;
  this.qty = q;
  this.tradeTime = T;
  this.isBuyerMaker = m;
  this.raw = o;
} as unknown as new (
  E: number,
  s: string,
  t: number,
  p: string,
  q: string,
  T: number,
  m: boolean,
  o: Payload,
) => TradeEvent;
Model.prototype = Object.prototype;

/**
 * The hot path: every field read once by name and checked inline (as `checkTradeEvent` checks
 * it), the model built by `Model`; anything unexpected goes to `checkTradeEvent`, which
 * throws the error naming the field.
 */
function parseTradeEvent(raw: unknown): TradeEvent {
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const o = raw as Payload;
    const E = o.E, s = o.s, t = o.t, p = o.p, q = o.q, T = o.T, m = o.m;
    if (
      o.e === "trade" && typeof E === "number" && Number.isSafeInteger(E) &&
      typeof s === "string" && typeof t === "number" && Number.isSafeInteger(t) &&
      isDecimal(p) && isDecimal(q) && typeof T === "number" && Number.isSafeInteger(T) &&
      typeof m === "boolean"
    ) {
      return new Model(E, s, t, p, q, T, m, o);
    }
  }
  return checkTradeEvent(raw);
}

/**
 * Factory of {@linkcode TradeEvent}: checks a payload against the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#trade-streams}
 *
 * @example Usage
 * ```ts
 * import { TradeEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = TradeEvent.parse({"e": "trade", "E": 1672515782136, "s": "BNBBTC", "t": 12345, "p": "0.001", "q": "100", "T": 1672515782136, "m": true, "M": true});
 * assert.equal(t.tradeId, 12345);
 * assert.equal(t.price, "0.001");
 * ```
 */
export const TradeEvent: ModelFactory<TradeEvent> = { parse: parseTradeEvent };
