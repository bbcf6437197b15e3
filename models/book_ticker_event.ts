/**
 * The update of `<symbol>@bookTicker`.
 *
 * @module
 */
import { dec, int, object, str } from "../core/_check.ts";
import type { ModelFactory } from "../core/types.ts";

/** The best bid and ask of a symbol (this payload has no event type or time). */
export interface BookTickerEvent {
  /** Order book update id. */
  updateId: number;
  /** The symbol. */
  symbol: string;
  /** Best bid price. */
  bidPrice: string;
  /** Best bid quantity. */
  bidQty: string;
  /** Best ask price. */
  askPrice: string;
  /** Best ask quantity. */
  askQty: string;
  /** The payload as it arrived, for fields this model does not name. */
  raw: Readonly<Record<string, unknown>>;
}

const MODEL = "BookTickerEvent";

function parseBookTickerEvent(raw: unknown): BookTickerEvent {
  const o = object(raw, MODEL);
  return {
    updateId: int(o, "u", MODEL),
    symbol: str(o, "s", MODEL),
    bidPrice: dec(o, "b", MODEL),
    bidQty: dec(o, "B", MODEL),
    askPrice: dec(o, "a", MODEL),
    askQty: dec(o, "A", MODEL),
    raw: o,
  };
}

/**
 * Factory of {@linkcode BookTickerEvent}: checks a payload against the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#individual-symbol-book-ticker-streams}
 *
 * @example Usage
 * ```ts
 * import { BookTickerEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = BookTickerEvent.parse({"u": 400900217, "s": "BNBUSDT", "b": "25.35190000", "B": "31.21000000", "a": "25.36520000", "A": "40.66000000"});
 * assert.equal(t.updateId, 400900217);
 * assert.equal(t.bidPrice, "25.35190000");
 * ```
 */
export const BookTickerEvent: ModelFactory<BookTickerEvent> = { parse: parseBookTickerEvent };
