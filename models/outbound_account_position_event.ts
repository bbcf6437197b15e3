/**
 * The `outboundAccountPosition` event of the User Data Stream: the balances an account change
 * touched.
 *
 * @module
 */
import {
  dec,
  eventType,
  int,
  isDecimal,
  object,
  objects,
  type Payload,
  str,
} from "../core/_check.ts";
import type { ModelFactory } from "../core/types.ts";
import { at } from "./_user_data_fields.ts";

/** One balance of an `outboundAccountPosition` event: absolute amounts, not deltas. */
export interface AccountPositionBalance {
  /** Asset (`a`). */
  asset: string;
  /** Free amount (`f`). */
  free: string;
  /** Locked amount (`l`). */
  locked: string;
}

/**
 * An account update (`outboundAccountPosition`), sent whenever a balance changed: the assets
 * the change possibly touched, with their absolute free and locked amounts.
 */
export interface OutboundAccountPositionEvent {
  /** Event type (`e`). */
  eventType: "outboundAccountPosition";
  /** Event time (`E`, ms). */
  eventTime: number;
  /** Time of the last account update (`u`, ms). */
  lastUpdateTime: number;
  /** The balances (`B`). */
  balances: AccountPositionBalance[];
  /** The payload as it arrived, for fields this model does not name. */
  raw: Readonly<Record<string, unknown>>;
}

const MODEL = "OutboundAccountPositionEvent";

/** A balance, built with `new` (see models/trade_event.ts). */
const Balance = function (this: AccountPositionBalance, a: string, f: string, l: string): void {
  this.asset = a;
  this.free = f;
  this.locked = l;
} as unknown as new (a: string, f: string, l: string) => AccountPositionBalance;
Balance.prototype = Object.prototype;

/** The model of a checked payload, built with `new` (see models/trade_event.ts). */
const Model = function (
  this: OutboundAccountPositionEvent,
  E: number,
  u: number,
  B: AccountPositionBalance[],
  o: Payload,
): void {
  this.eventType = "outboundAccountPosition";
  this.eventTime = E;
  this.lastUpdateTime = u;
  this.balances = B;
  this.raw = o;
} as unknown as new (
  E: number,
  u: number,
  B: AccountPositionBalance[],
  o: Payload,
) => OutboundAccountPositionEvent;
Model.prototype = Object.prototype;

/** The checks one by one: the first field that does not match is named in the error. */
function checkOutboundAccountPosition(raw: unknown): OutboundAccountPositionEvent {
  const o = object(raw, MODEL);
  eventType(o, "outboundAccountPosition", MODEL);
  const E = int(o, "E", MODEL);
  const u = int(o, "u", MODEL);
  const balances = objects(o, "B", MODEL).map((b, i) =>
    new Balance(
      str(at(b, "a", `B.${i}.a`), `B.${i}.a`, MODEL),
      dec(at(b, "f", `B.${i}.f`), `B.${i}.f`, MODEL),
      dec(at(b, "l", `B.${i}.l`), `B.${i}.l`, MODEL),
    )
  );
  return new Model(E, u, balances, o);
}

/**
 * The hot path: every field tested inline, the balances built in one loop; anything
 * unexpected goes to `checkOutboundAccountPosition`, which throws the error naming the field.
 */
function parseOutboundAccountPosition(raw: unknown): OutboundAccountPositionEvent {
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const o = raw as Payload;
    const E = o.E, u = o.u, B = o.B;
    if (
      o.e === "outboundAccountPosition" && typeof E === "number" && Number.isSafeInteger(E) &&
      typeof u === "number" && Number.isSafeInteger(u) && Array.isArray(B)
    ) {
      const balances = new Array<AccountPositionBalance>(B.length);
      let ok = true;
      for (let i = 0; i < B.length; i++) {
        const b = B[i];
        if (typeof b !== "object" || b === null) {
          ok = false;
          break;
        }
        const a = b.a, f = b.f, l = b.l;
        if (typeof a !== "string" || !isDecimal(f) || !isDecimal(l)) {
          ok = false;
          break;
        }
        balances[i] = new Balance(a, f, l);
      }
      if (ok) return new Model(E, u, balances, o);
    }
  }
  return checkOutboundAccountPosition(raw);
}

/**
 * Factory of {@linkcode OutboundAccountPositionEvent}: checks a payload (the `event` of the
 * frame) against the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/user-data-stream.md#account-update}
 *
 * @example Usage
 * ```ts
 * import { OutboundAccountPositionEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const p = OutboundAccountPositionEvent.parse({
 *   e: "outboundAccountPosition", E: 1564034571105, u: 1564034571073,
 *   B: [{ a: "ETH", f: "10000.000000", l: "0.000000" }],
 * });
 * assert.deepEqual(p.balances, [{ asset: "ETH", free: "10000.000000", locked: "0.000000" }]);
 * ```
 */
export const OutboundAccountPositionEvent: ModelFactory<OutboundAccountPositionEvent> = {
  parse: parseOutboundAccountPosition,
};
