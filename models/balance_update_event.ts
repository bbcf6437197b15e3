/**
 * The `balanceUpdate` event of the User Data Stream: a deposit, a withdrawal or a transfer
 * between accounts.
 *
 * @module
 */
import { dec, eventType, int, isDecimal, object, type Payload, str } from "../core/_check.ts";
import type { ModelFactory } from "../core/types.ts";

/**
 * A balance update (`balanceUpdate`): a deposit or withdrawal, or a transfer of funds between
 * accounts (e.g. Spot to Margin). The delta is signed.
 */
export interface BalanceUpdateEvent {
  /** Event type (`e`). */
  eventType: "balanceUpdate";
  /** Event time (`E`, ms). */
  eventTime: number;
  /** Asset (`a`). */
  asset: string;
  /** Balance delta (`d`), negative for a withdrawal. */
  balanceDelta: string;
  /** Clear time (`T`, ms). */
  clearTime: number;
  /** The payload as it arrived, for fields this model does not name. */
  raw: Readonly<Record<string, unknown>>;
}

const MODEL = "BalanceUpdateEvent";

/** The model of a checked payload, built with `new` (see models/trade_event.ts). */
const Model = function (
  this: BalanceUpdateEvent,
  E: number,
  a: string,
  d: string,
  T: number,
  o: Payload,
): void {
  this.eventType = "balanceUpdate";
  this.eventTime = E;
  this.asset = a;
  this.balanceDelta = d;
  this.clearTime = T;
  this.raw = o;
} as unknown as new (E: number, a: string, d: string, T: number, o: Payload) => BalanceUpdateEvent;
Model.prototype = Object.prototype;

/** The checks one by one: the first field that does not match is named in the error. */
function checkBalanceUpdate(raw: unknown): BalanceUpdateEvent {
  const o = object(raw, MODEL);
  eventType(o, "balanceUpdate", MODEL);
  return new Model(
    int(o, "E", MODEL),
    str(o, "a", MODEL),
    dec(o, "d", MODEL),
    int(o, "T", MODEL),
    o,
  );
}

/** The hot path; anything unexpected goes to `checkBalanceUpdate`, which names the field. */
function parseBalanceUpdate(raw: unknown): BalanceUpdateEvent {
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const o = raw as Payload;
    const E = o.E, a = o.a, d = o.d, T = o.T;
    if (
      o.e === "balanceUpdate" && typeof E === "number" && Number.isSafeInteger(E) &&
      typeof a === "string" && isDecimal(d) && typeof T === "number" && Number.isSafeInteger(T)
    ) {
      return new Model(E, a, d, T, o);
    }
  }
  return checkBalanceUpdate(raw);
}

/**
 * Factory of {@linkcode BalanceUpdateEvent}: checks a payload (the `event` of the frame)
 * against the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/user-data-stream.md#balance-update}
 *
 * @example Usage
 * ```ts
 * import { BalanceUpdateEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const b = BalanceUpdateEvent.parse({
 *   e: "balanceUpdate", E: 1573200697110, a: "BTC", d: "100.00000000", T: 1573200697068,
 * });
 * assert.equal(b.balanceDelta, "100.00000000");
 * ```
 */
export const BalanceUpdateEvent: ModelFactory<BalanceUpdateEvent> = { parse: parseBalanceUpdate };
