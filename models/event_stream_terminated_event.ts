/**
 * The `eventStreamTerminated` event of the User Data Stream: the subscription has ended.
 *
 * @module
 */
import { eventType, int, object, type Payload } from "../core/_check.ts";
import type { ModelFactory } from "../core/types.ts";

/**
 * The end of a subscription (`eventStreamTerminated`): sent when it is stopped by
 * `userDataStream.unsubscribe`, or when the logon subscription ends after `session.logout`.
 * No event of that subscription follows.
 */
export interface EventStreamTerminatedEvent {
  /** Event type (`e`). */
  eventType: "eventStreamTerminated";
  /** Event time (`E`, ms). */
  eventTime: number;
  /** The payload as it arrived, for fields this model does not name. */
  raw: Readonly<Record<string, unknown>>;
}

const MODEL = "EventStreamTerminatedEvent";

/** The model of a checked payload, built with `new` (see models/trade_event.ts). */
const Model = function (
  this: EventStreamTerminatedEvent,
  E: number,
  o: Payload,
): void {
  this.eventType = "eventStreamTerminated";
  this.eventTime = E;
  this.raw = o;
} as unknown as new (E: number, o: Payload) => EventStreamTerminatedEvent;
Model.prototype = Object.prototype;

/** Checks the payload: the first field that does not match is named in the error. */
function parseEventStreamTerminated(raw: unknown): EventStreamTerminatedEvent {
  const o = object(raw, MODEL);
  eventType(o, "eventStreamTerminated", MODEL);
  return new Model(int(o, "E", MODEL), o);
}

/**
 * Factory of {@linkcode EventStreamTerminatedEvent}: checks a payload (the `event` of the
 * frame) against the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/user-data-stream.md#event-stream-terminated}
 *
 * @example Usage
 * ```ts
 * import { EventStreamTerminatedEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = EventStreamTerminatedEvent.parse({ e: "eventStreamTerminated", E: 1728973001334 });
 * assert.equal(t.eventTime, 1728973001334);
 * ```
 */
export const EventStreamTerminatedEvent: ModelFactory<EventStreamTerminatedEvent> = {
  parse: parseEventStreamTerminated,
};
