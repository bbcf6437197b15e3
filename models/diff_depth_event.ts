/**
 * The update of `<symbol>@depth` and `@depth@100ms`.
 *
 * @module
 */
import { eventType, int, isLevels, levels, object, type Payload, str } from "../core/_check.ts";
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

/** The checks one by one: the first field that does not match is named in the error. */
function checkDiffDepthEvent(raw: unknown): DiffDepthEvent {
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
 * The model of a checked payload, built with `new`, not as an object literal: see `Model` in
 * `trade_event.ts` (an object literal's site would move to the old generation once most
 * models outlive a young collection). Its prototype is `Object.prototype`: a plain object.
 */
const Model = function (
  this: DiffDepthEvent,
  E: number,
  s: string,
  U: number,
  u: number,
  b: readonly (readonly [string, string])[],
  a: readonly (readonly [string, string])[],
  o: Payload,
): void {
  this.eventTime = E;
  this.symbol = s;
  this.firstUpdateId = U;
  this.finalUpdateId = u;
  this.bids = b;
  this.asks = a;
  this.raw = o;
} as unknown as new (
  E: number,
  s: string,
  U: number,
  u: number,
  b: readonly (readonly [string, string])[],
  a: readonly (readonly [string, string])[],
  o: Payload,
) => DiffDepthEvent;
Model.prototype = Object.prototype;

/**
 * The hot path: every field read once by name and checked inline (as `checkDiffDepthEvent`
 * checks it), the levels checked in place and passed on as they arrived, the model built by
 * `Model`; anything unexpected goes to `checkDiffDepthEvent`, which throws the error
 * naming the field.
 */
function parseDiffDepthEvent(raw: unknown): DiffDepthEvent {
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const o = raw as Payload;
    const E = o.E, s = o.s, U = o.U, u = o.u, b = o.b, a = o.a;
    if (
      o.e === "depthUpdate" && typeof E === "number" && Number.isSafeInteger(E) &&
      typeof s === "string" && typeof U === "number" && Number.isSafeInteger(U) &&
      typeof u === "number" && Number.isSafeInteger(u) && isLevels(b) && isLevels(a)
    ) {
      return new Model(E, s, U, u, b, a, o);
    }
  }
  return checkDiffDepthEvent(raw);
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
