/**
 * The update of `<symbol>@ticker_<window>` and `!ticker_<window>@arr`.
 *
 * @module
 */
import { array, object, type Payload, strMatching } from "../core/_check.ts";
import { readMiniFields, readWindowFields, type TickerWindowStats } from "./_ticker_fields.ts";
import type { ModelFactory } from "../core/types.ts";
import type { MiniTickerEvent } from "./mini_ticker_event.ts";

/**
 * Rolling window statistics (1h, 4h or 1d). `openTime` starts on a minute and `closeTime`
 * is the time of the update, so the window may be up to 59 999 ms wider than its size.
 */
export interface RollingWindowTickerEvent extends MiniTickerEvent, TickerWindowStats {
  /** Event type: the window size and `Ticker`, e.g. `"1hTicker"`. */
  eventType: string;
}

const MODEL = "RollingWindowTickerEvent";
const MODEL_LIST = "RollingWindowTickerEvent[]";

const WINDOW_TYPE = /^\d+[hd]Ticker$/;

function windowType(o: Payload, model: string): string {
  return strMatching(o, "e", WINDOW_TYPE, 'a window ticker type such as "1hTicker"', model);
}

function parseRollingWindowTickerEvent(raw: unknown): RollingWindowTickerEvent {
  const o = object(raw, MODEL);
  return {
    eventType: windowType(o, MODEL),
    ...readMiniFields(o, MODEL),
    ...readWindowFields(o, MODEL),
    raw: o,
  };
}

/**
 * Factory of {@linkcode RollingWindowTickerEvent}: checks a payload against the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#individual-symbol-rolling-window-statistics-streams}
 *
 * @example Usage
 * ```ts
 * import { RollingWindowTickerEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = RollingWindowTickerEvent.parse({"e": "1hTicker", "E": 1672515782136, "s": "BNBBTC", "p": "0.0015", "P": "250.00", "o": "0.0010", "h": "0.0025", "l": "0.0010", "c": "0.0025", "w": "0.0018", "v": "10000", "q": "18", "O": 0, "C": 1675216573749, "F": 0, "L": 18150, "n": 18151});
 * assert.equal(t.eventType, "1hTicker");
 * ```
 */
export const RollingWindowTickerEvent: ModelFactory<RollingWindowTickerEvent> = {
  parse: parseRollingWindowTickerEvent,
};

/** Factory of a list of {@linkcode RollingWindowTickerEvent} (the all-market stream's payload). */
export const RollingWindowTickerEventList: ModelFactory<RollingWindowTickerEvent[]> = {
  parse(raw: unknown): RollingWindowTickerEvent[] {
    return array(raw, MODEL_LIST).map(parseRollingWindowTickerEvent);
  },
};
