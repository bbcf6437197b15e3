/**
 * The update of `<symbol>@depth<levels>` and `@depth<levels>@100ms`.
 *
 * @module
 */
import { int, isLevels, levels, object, type Payload } from "../core/_check.ts";
import type { ModelFactory } from "../core/types.ts";

/** The top levels of an order book (a snapshot, not a diff; no event type, time or symbol). */
export interface PartialDepthEvent {
  /** The book's update id. */
  lastUpdateId: number;
  /** Bids `[price, quantity]`, best first, as decimal strings. */
  bids: readonly (readonly [string, string])[];
  /** Asks `[price, quantity]`, best first, as decimal strings. */
  asks: readonly (readonly [string, string])[];
  /** The payload as it arrived, for fields this model does not name. */
  raw: Readonly<Record<string, unknown>>;
}

const MODEL = "PartialDepthEvent";

/** The checks one by one: the first field that does not match is named in the error. */
function checkPartialDepthEvent(raw: unknown): PartialDepthEvent {
  const o = object(raw, MODEL);
  return {
    lastUpdateId: int(o, "lastUpdateId", MODEL),
    bids: levels(o, "bids", MODEL),
    asks: levels(o, "asks", MODEL),
    raw: o,
  };
}

/**
 * The hot path: the fields checked inline (as `checkPartialDepthEvent` checks them), the
 * levels in place; anything unexpected goes to `checkPartialDepthEvent`, for its error.
 */
function parsePartialDepthEvent(raw: unknown): PartialDepthEvent {
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const o = raw as Payload;
    const id = o.lastUpdateId, b = o.bids, a = o.asks;
    if (typeof id === "number" && Number.isSafeInteger(id) && isLevels(b) && isLevels(a)) {
      return { lastUpdateId: id, bids: b, asks: a, raw: o };
    }
  }
  return checkPartialDepthEvent(raw);
}

/**
 * Factory of {@linkcode PartialDepthEvent}: checks a payload against the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#partial-book-depth-streams}
 *
 * @example Usage
 * ```ts
 * import { PartialDepthEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = PartialDepthEvent.parse({"lastUpdateId": 160, "bids": [["0.0024", "10"]], "asks": [["0.0026", "100"]]});
 * assert.deepEqual(t.bids, [["0.0024", "10"]]);
 * ```
 */
export const PartialDepthEvent: ModelFactory<PartialDepthEvent> = { parse: parsePartialDepthEvent };
