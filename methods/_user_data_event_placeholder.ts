// Private, temporary: a stand-in for models/user_data_event.ts (uds-models) until it is merged.
import { UnexpectedMessageError } from "../core/errors.ts";

/** A User Data Stream event (placeholder shape). */
export interface UserDataEvent {
  /** Binance's `e`. */
  eventType: string;
  /** Binance's `E`. */
  eventTime?: number;
  /** The event as sent. */
  raw: Readonly<Record<string, unknown>>;
}

/** Reads a raw event (placeholder). */
export function readUserDataEvent(raw: unknown): UserDataEvent {
  if (typeof raw !== "object" || raw === null) {
    throw new UnexpectedMessageError("Received a user data event that is not an object", "");
  }
  const r = raw as Record<string, unknown>;
  if (r.e === "executionReport" && typeof r.c !== "string") {
    throw new UnexpectedMessageError('Received an executionReport without "c"', "");
  }
  return {
    eventType: typeof r.e === "string" ? r.e : "",
    ...(typeof r.E === "number" ? { eventTime: r.E } : {}),
    raw: r,
  };
}
