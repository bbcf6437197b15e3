/**
 * The update of `<symbol>@referencePrice`.
 *
 * @module
 */
import { decOrNull, eventType, int, object, str } from "../core/_check.ts";
import type { ModelFactory } from "../core/types.ts";

/**
 * The reference price of a symbol (Price Range Execution Rule). This payload has no event
 * time; `time` is when the engine computed the price.
 */
export interface ReferencePriceEvent {
  /** The symbol. */
  symbol: string;
  /** The reference price, or `null` when the symbol has none. */
  referencePrice: string | null;
  /** When the reference price was valid (ms, or µs with `timeUnit: "MICROSECOND"`). */
  time: number;
  /** The payload as it arrived, for fields this model does not name. */
  raw: Readonly<Record<string, unknown>>;
}

const MODEL = "ReferencePriceEvent";

function parseReferencePriceEvent(raw: unknown): ReferencePriceEvent {
  const o = object(raw, MODEL);
  eventType(o, "referencePrice", MODEL);
  return {
    symbol: str(o, "s", MODEL),
    referencePrice: decOrNull(o, "r", MODEL),
    time: int(o, "t", MODEL),
    raw: o,
  };
}

/**
 * Factory of {@linkcode ReferencePriceEvent}: checks a payload against the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#reference-price-streams}
 *
 * @example Usage
 * ```ts
 * import { ReferencePriceEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = ReferencePriceEvent.parse({"e": "referencePrice", "s": "BAZUSD", "r": "1.00", "t": 1770313263917});
 * assert.equal(t.referencePrice, "1.00");
 * ```
 */
export const ReferencePriceEvent: ModelFactory<ReferencePriceEvent> = {
  parse: parseReferencePriceEvent,
};
