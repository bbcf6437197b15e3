/**
 * The result of `session.logon`, `session.status` and `session.logout`.
 *
 * @module
 */
import { z } from "zod";
import { long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** The state of the connection's session, as the three session methods report it. */
export interface SessionStatus {
  /** The API key the session authenticates, or `null` when it is not logged on. */
  apiKey: string | null;
  /** When the session logged on (ms, or µs with `timeUnit: "MICROSECOND"`), or `null`. */
  authorizedSince: number | null;
  /** When the connection opened (ms, or µs). */
  connectedSince: number;
  /** Whether responses carry `rateLimits` by default on this connection. */
  returnRateLimits: boolean;
  /** The server time (ms, or µs). */
  serverTime: number;
  /**
   * Whether a User Data Stream subscription (`userDataStream.subscribe`) is active; `null`
   * when User Data Stream subscriptions are not available on this WebSocket API.
   */
  userDataStream: boolean | null;
}

const schema: z.ZodType<SessionStatus> = z.object({
  apiKey: z.string().nullable(),
  authorizedSince: long.nullable(),
  connectedSince: long,
  returnRateLimits: z.boolean(),
  serverTime: long,
  userDataStream: z.boolean().nullable(),
});

/**
 * Factory of {@linkcode SessionStatus}.
 *
 * @example Usage
 * ```ts
 * import { SessionStatus } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const status = SessionStatus.parse({
 *   apiKey: null,
 *   authorizedSince: null,
 *   connectedSince: 1649729873021,
 *   returnRateLimits: false,
 *   serverTime: 1649730611671,
 *   userDataStream: false,
 * });
 * assert.equal(status.apiKey, null);
 * ```
 */
export const SessionStatus: ModelFactory<SessionStatus> = modelFactory("SessionStatus", schema);
