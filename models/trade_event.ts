/**
 * The update of `<symbol>@trade`.
 *
 * @module
 */
import { bool, dec, eventType, int, object, str } from "../core/_check.ts";
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

function parseTradeEvent(raw: unknown): TradeEvent {
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
