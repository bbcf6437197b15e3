/**
 * The update of `<symbol>@depth` and `@depth@100ms`.
 *
 * @module
 */
import { eventType, int, levels, object, str } from "../core/_check.ts";
import type { ModelFactory } from "../core/types.ts";

/**
 * Changes to an order book between update ids `firstUpdateId` (`U`) and `finalUpdateId`
 * (`u`). A quantity of zero removes the level.
 */
export interface DiffDepthEvent {
  /** Event time (ms, or µs with `timeUnit: "MICROSECOND"`). */
  eventTime: number;
  /** The symbol. */
  symbol: string;
  /** First update id in the event (`U`). */
  firstUpdateId: number;
  /** Final update id in the event (`u`). */
  finalUpdateId: number;
  /** Bids to update, `[price, quantity]` as decimal strings. */
  bids: readonly (readonly [string, string])[];
  /** Asks to update, `[price, quantity]` as decimal strings. */
  asks: readonly (readonly [string, string])[];
  /** The payload as it arrived, for fields this model does not name. */
  raw: Readonly<Record<string, unknown>>;
}

const MODEL = "DiffDepthEvent";

function parseDiffDepthEvent(raw: unknown): DiffDepthEvent {
  const o = object(raw, MODEL);
  eventType(o, "depthUpdate", MODEL);
  return {
    eventTime: int(o, "E", MODEL),
    symbol: str(o, "s", MODEL),
    firstUpdateId: int(o, "U", MODEL),
    finalUpdateId: int(o, "u", MODEL),
    bids: levels(o, "b", MODEL),
    asks: levels(o, "a", MODEL),
    raw: o,
  };
}

/**
 * Factory of {@linkcode DiffDepthEvent}: checks a payload against the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#diff-depth-stream}
 *
 * @example Usage
 * ```ts
 * import { DiffDepthEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = DiffDepthEvent.parse({"e": "depthUpdate", "E": 1672515782136, "s": "BNBBTC", "U": 157, "u": 160, "b": [["0.0024", "10"]], "a": [["0.0026", "100"]]});
 * assert.equal(t.firstUpdateId, 157);
 * assert.equal(t.finalUpdateId, 160);
 * ```
 */
export const DiffDepthEvent: ModelFactory<DiffDepthEvent> = { parse: parseDiffDepthEvent };
