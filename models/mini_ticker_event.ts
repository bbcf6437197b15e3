/**
 * The update of `<symbol>@miniTicker` and `!miniTicker@arr`.
 *
 * @module
 */
import { array, eventType, object } from "../core/_check.ts";
import { type MiniTickerFields, readMiniFields } from "./_ticker_fields.ts";
import type { ModelFactory } from "../core/types.ts";

export type { MiniTickerFields, TickerWindowStats } from "./_ticker_fields.ts";

/** Mini ticker statistics over a rolling 24 h window (not the UTC day). */
export interface MiniTickerEvent extends MiniTickerFields {
  /** The payload as it arrived, for fields this model does not name. */
  raw: Readonly<Record<string, unknown>>;
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
