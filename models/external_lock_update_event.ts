/**
 * The `externalLockUpdate` event of the User Data Stream: part of the spot balance locked or
 * unlocked by an external system.
 *
 * @module
 */
import { dec, eventType, int, isDecimal, object, type Payload, str } from "../core/_check.ts";
import type { ModelFactory } from "../core/types.ts";

/**
 * An external lock update (`externalLockUpdate`): part of the spot wallet balance was locked
 * or unlocked by an external system, for example when used as margin collateral. The delta is
 * signed.
 */
export interface ExternalLockUpdateEvent {
  /** Event type (`e`). */
  eventType: "externalLockUpdate";
  /** Event time (`E`, ms). */
  eventTime: number;
  /** Asset (`a`). */
  asset: string;
  /** Delta (`d`) of the locked amount. */
  delta: string;
  /** Transaction time (`T`, ms). */
  transactionTime: number;
  /** The payload as it arrived, for fields this model does not name. */
  raw: Readonly<Record<string, unknown>>;
}

const MODEL = "ExternalLockUpdateEvent";

/** The model of a checked payload, built with `new` (see models/trade_event.ts). */
const Model = function (
  this: ExternalLockUpdateEvent,
  E: number,
  a: string,
  d: string,
  T: number,
  o: Payload,
): void {
  this.eventType = "externalLockUpdate";
  this.eventTime = E;
  this.asset = a;
  this.delta = d;
  this.transactionTime = T;
  this.raw = o;
} as unknown as new (
  E: number,
  a: string,
  d: string,
  T: number,
  o: Payload,
) => ExternalLockUpdateEvent;
Model.prototype = Object.prototype;

/** The checks one by one: the first field that does not match is named in the error. */
function checkExternalLockUpdate(raw: unknown): ExternalLockUpdateEvent {
  const o = object(raw, MODEL);
  eventType(o, "externalLockUpdate", MODEL);
  return new Model(
    int(o, "E", MODEL),
    str(o, "a", MODEL),
    dec(o, "d", MODEL),
    int(o, "T", MODEL),
    o,
  );
}

/** The hot path; anything unexpected goes to `checkExternalLockUpdate`, which names the field. */
function parseExternalLockUpdate(raw: unknown): ExternalLockUpdateEvent {
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const o = raw as Payload;
    const E = o.E, a = o.a, d = o.d, T = o.T;
    if (
      o.e === "externalLockUpdate" && typeof E === "number" && Number.isSafeInteger(E) &&
      typeof a === "string" && isDecimal(d) && typeof T === "number" && Number.isSafeInteger(T)
    ) {
      return new Model(E, a, d, T, o);
    }
  }
  return checkExternalLockUpdate(raw);
}

/**
 * Factory of {@linkcode ExternalLockUpdateEvent}: checks a payload (the `event` of the frame)
 * against the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/user-data-stream.md#external-lock-update}
 *
 * @example Usage
 * ```ts
 * import { ExternalLockUpdateEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const x = ExternalLockUpdateEvent.parse({
 *   e: "externalLockUpdate", E: 1581557507324, a: "NEO", d: "10.00000000", T: 1581557507268,
 * });
 * assert.equal(x.delta, "10.00000000");
 * ```
 */
export const ExternalLockUpdateEvent: ModelFactory<ExternalLockUpdateEvent> = {
  parse: parseExternalLockUpdate,
};
