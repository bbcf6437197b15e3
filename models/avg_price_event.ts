/**
 * The update of `<symbol>@avgPrice`.
 *
 * @module
 */
import { dec, eventType, int, object, str } from "../core/_check.ts";
import type { ModelFactory } from "../core/types.ts";

/** The average price over a fixed interval. */
export interface AvgPriceEvent {
  /** Event time (ms, or µs with `timeUnit: "MICROSECOND"`). */
  eventTime: number;
  /** The symbol. */
  symbol: string;
  /** The average price interval, e.g. `"5m"`. */
  interval: string;
  /** The average price. */
  price: string;
  /** Last trade time (ms, or µs with `timeUnit: "MICROSECOND"`). */
  lastTradeTime: number;
  /** The payload as it arrived, for fields this model does not name. */
  raw: Readonly<Record<string, unknown>>;
}

const MODEL = "AvgPriceEvent";

function parseAvgPriceEvent(raw: unknown): AvgPriceEvent {
  const o = object(raw, MODEL);
  eventType(o, "avgPrice", MODEL);
  return {
    eventTime: int(o, "E", MODEL),
    symbol: str(o, "s", MODEL),
    interval: str(o, "i", MODEL),
    price: dec(o, "w", MODEL),
    lastTradeTime: int(o, "T", MODEL),
    raw: o,
  };
}

/**
 * Factory of {@linkcode AvgPriceEvent}: checks a payload against the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#average-price}
 *
 * @example Usage
 * ```ts
 * import { AvgPriceEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = AvgPriceEvent.parse({"e": "avgPrice", "E": 1693907033000, "s": "BTCUSDT", "i": "5m", "w": "25776.86000000", "T": 1693907032213});
 * assert.equal(t.price, "25776.86000000");
 * ```
 */
export const AvgPriceEvent: ModelFactory<AvgPriceEvent> = { parse: parseAvgPriceEvent };
