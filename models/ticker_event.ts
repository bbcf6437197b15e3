/**
 * The update of `<symbol>@ticker`.
 *
 * @module
 */
import { dec, eventType, object } from "../core/_check.ts";
import { readMiniFields, readWindowFields, type TickerWindowStats } from "./_ticker_fields.ts";
import type { ModelFactory } from "../core/types.ts";
import type { MiniTickerEvent } from "./mini_ticker_event.ts";

/** Full ticker statistics over a rolling 24 h window (not the UTC day). */
export interface TickerEvent extends MiniTickerEvent, TickerWindowStats {
  /** Price of the trade before the window (first trade id − 1). */
  prevClosePrice: string;
  /** Last quantity. */
  lastQty: string;
  /** Best bid price. */
  bidPrice: string;
  /** Best bid quantity. */
  bidQty: string;
  /** Best ask price. */
  askPrice: string;
  /** Best ask quantity. */
  askQty: string;
}

const MODEL = "TickerEvent";

function parseTickerEvent(raw: unknown): TickerEvent {
  const o = object(raw, MODEL);
  eventType(o, "24hrTicker", MODEL);
  return {
    ...readMiniFields(o, MODEL),
    ...readWindowFields(o, MODEL),
    prevClosePrice: dec(o, "x", MODEL),
    lastQty: dec(o, "Q", MODEL),
    bidPrice: dec(o, "b", MODEL),
    bidQty: dec(o, "B", MODEL),
    askPrice: dec(o, "a", MODEL),
    askQty: dec(o, "A", MODEL),
    raw: o,
  };
}

/**
 * Factory of {@linkcode TickerEvent}: checks a payload against the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#individual-symbol-ticker-streams}
 *
 * @example Usage
 * ```ts
 * import { TickerEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = TickerEvent.parse({"e": "24hrTicker", "E": 1672515782136, "s": "BNBBTC", "p": "0.0015", "P": "250.00", "w": "0.0018", "x": "0.0009", "c": "0.0025", "Q": "10", "b": "0.0024", "B": "10", "a": "0.0026", "A": "100", "o": "0.0010", "h": "0.0025", "l": "0.0010", "v": "10000", "q": "18", "O": 0, "C": 86400000, "F": 0, "L": 18150, "n": 18151});
 * assert.equal(t.count, 18151);
 * assert.equal(t.askQty, "100");
 * ```
 */
export const TickerEvent: ModelFactory<TickerEvent> = { parse: parseTickerEvent };
