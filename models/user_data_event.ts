/**
 * The events of the User Data Stream as one union, discriminated by `eventType` (Binance's
 * `e`), and its reader.
 *
 * @module
 */
import { object, type Payload } from "../core/_check.ts";
import type { ModelFactory } from "../core/types.ts";
import { BalanceUpdateEvent } from "./balance_update_event.ts";
import { EventStreamTerminatedEvent } from "./event_stream_terminated_event.ts";
import { ExecutionReportEvent } from "./execution_report_event.ts";
import { ExternalLockUpdateEvent } from "./external_lock_update_event.ts";
import { ListStatusEvent } from "./list_status_event.ts";
import { OutboundAccountPositionEvent } from "./outbound_account_position_event.ts";

/**
 * An event whose type this version does not know (Binance added it after this version, or a
 * payload without `e`): delivered with its payload, never dropped.
 */
export interface UnknownUserDataEvent {
  /** Event type (`e`) as it arrived, `""` when the payload has no string `e`. */
  eventType: string;
  /** Event time (`E`, ms), when the payload has one that is a safe integer. */
  eventTime?: number;
  /** The payload as it arrived. */
  raw: Readonly<Record<string, unknown>>;
}

/** The User Data Stream events this version knows, discriminated by `eventType`. */
export type KnownUserDataEvent =
  | ExecutionReportEvent
  | OutboundAccountPositionEvent
  | BalanceUpdateEvent
  | ListStatusEvent
  | ExternalLockUpdateEvent
  | EventStreamTerminatedEvent;

/**
 * A User Data Stream event, discriminated by `eventType` (Binance's `e`): one of the known
 * models, or an {@linkcode UnknownUserDataEvent}. Since the unknown one's `eventType` is any
 * string, comparing `eventType` alone does not narrow the union: narrow with
 * {@linkcode isKnownUserDataEvent} first, then `switch` on `eventType`.
 */
export type UserDataEvent = KnownUserDataEvent | UnknownUserDataEvent;

const KNOWN: ReadonlySet<string> = new Set([
  "executionReport",
  "outboundAccountPosition",
  "balanceUpdate",
  "listStatus",
  "externalLockUpdate",
  "eventStreamTerminated",
]);

/**
 * Whether an event read by {@linkcode readUserDataEvent} is one of the known models (then its
 * `eventType` narrows it to that model).
 *
 * @param event An event from {@linkcode readUserDataEvent}.
 * @returns `true` for the known models, `false` for an {@linkcode UnknownUserDataEvent}.
 *
 * @example Narrowing an event
 * ```ts
 * import { isKnownUserDataEvent, readUserDataEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const event = readUserDataEvent({ e: "eventStreamTerminated", E: 1728973001334 });
 * assert.ok(isKnownUserDataEvent(event));
 * assert.equal(event.eventType, "eventStreamTerminated");
 * assert.equal(isKnownUserDataEvent(readUserDataEvent({ e: "new" })), false);
 * ```
 */
export function isKnownUserDataEvent(event: UserDataEvent): event is KnownUserDataEvent {
  return KNOWN.has(event.eventType);
}

/** An unknown event, built with `new` (see models/trade_event.ts). */
const Unknown = function (
  this: UnknownUserDataEvent,
  e: string,
  E: number | undefined,
  o: Payload,
): void {
  this.eventType = e;
  this.eventTime = E;
  this.raw = o;
} as unknown as new (e: string, E: number | undefined, o: Payload) => UnknownUserDataEvent;
Unknown.prototype = Object.prototype;

const parseExecutionReport = ExecutionReportEvent.parse;
const parseOutboundAccountPosition = OutboundAccountPositionEvent.parse;
const parseBalanceUpdate = BalanceUpdateEvent.parse;
const parseListStatus = ListStatusEvent.parse;
const parseExternalLockUpdate = ExternalLockUpdateEvent.parse;
const parseEventStreamTerminated = EventStreamTerminatedEvent.parse;

/**
 * Reads a User Data Stream event (the `event` of a `{"subscriptionId", "event"}` frame) into
 * its model, chosen by `e`. A known event type is checked against its documented shape; an
 * unknown `e` gives an {@linkcode UnknownUserDataEvent} with the payload. Enum fields accept
 * any string, so a value Binance adds never breaks the stream.
 *
 * @param raw The event payload, as `JSON.parse` gave it.
 * @returns The event's model.
 * @throws {UnexpectedMessageError} when `raw` is not an object, or a known event type has a
 * field that does not match its documented shape (the message names the model and the field).
 *
 * @example Reading an order update and an unknown event
 * ```ts
 * import { isKnownUserDataEvent, readUserDataEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const frame = JSON.parse(`{"subscriptionId": 0, "event": {"e": "balanceUpdate",
 *   "E": 1573200697110, "a": "BTC", "d": "100.00000000", "T": 1573200697068}}`);
 * const event = readUserDataEvent(frame.event);
 * assert.ok(isKnownUserDataEvent(event) && event.eventType === "balanceUpdate");
 * assert.equal(event.asset, "BTC");
 * assert.equal(event.balanceDelta, "100.00000000");
 *
 * const unknown = readUserDataEvent({ e: "somethingNew", E: 1, x: 2 });
 * assert.equal(unknown.eventType, "somethingNew");
 * assert.deepEqual(unknown.raw, { e: "somethingNew", E: 1, x: 2 });
 * ```
 */
export function readUserDataEvent(raw: unknown): UserDataEvent {
  const o = object(raw, "UserDataEvent");
  switch (o.e) {
    case "executionReport":
      return parseExecutionReport(o);
    case "outboundAccountPosition":
      return parseOutboundAccountPosition(o);
    case "balanceUpdate":
      return parseBalanceUpdate(o);
    case "listStatus":
      return parseListStatus(o);
    case "externalLockUpdate":
      return parseExternalLockUpdate(o);
    case "eventStreamTerminated":
      return parseEventStreamTerminated(o);
  }
  const e = o.e, E = o.E;
  return new Unknown(
    typeof e === "string" ? e : "",
    typeof E === "number" && Number.isSafeInteger(E) ? E : undefined,
    o,
  );
}

/**
 * Factory of {@linkcode UserDataEvent}: {@linkcode readUserDataEvent} as a model factory.
 *
 * @example Usage
 * ```ts
 * import { UserDataEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = UserDataEvent.parse({ e: "eventStreamTerminated", E: 1728973001334 });
 * assert.equal(t.eventType, "eventStreamTerminated");
 * ```
 */
export const UserDataEvent: ModelFactory<UserDataEvent> = { parse: readUserDataEvent };
