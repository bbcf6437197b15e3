/**
 * The update of `<symbol>@depth<levels>` and `@depth<levels>@100ms`.
 *
 * @module
 */
import { int, levels, object } from "../core/_check.ts";
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

function parsePartialDepthEvent(raw: unknown): PartialDepthEvent {
  const o = object(raw, MODEL);
  return {
    lastUpdateId: int(o, "lastUpdateId", MODEL),
    bids: levels(o, "bids", MODEL),
    asks: levels(o, "asks", MODEL),
    raw: o,
  };
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
