/**
 * The result of `session.subscriptions`.
 *
 * @module
 */
import { z } from "zod";
import { long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** One active User Data Stream subscription of the session. */
export interface SessionSubscription {
  /** Its id on this socket. */
  subscriptionId: number;
  /** When it expires (listen-token subscriptions only; absent on Spot's JSON answers). */
  expirationTime?: number;
}

const schema: z.ZodType<SessionSubscription> = z.object({
  subscriptionId: long,
  expirationTime: long.optional(),
});

/**
 * Factory of {@linkcode SessionSubscription}.
 *
 * @example Usage
 * ```ts
 * import { SessionSubscription } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(SessionSubscription.parse({ subscriptionId: 1 }).subscriptionId, 1);
 * ```
 */
export const SessionSubscription: ModelFactory<SessionSubscription> = modelFactory(
  "SessionSubscription",
  schema,
);

/**
 * Factory of the list `session.subscriptions` answers.
 *
 * @example Usage
 * ```ts
 * import { SessionSubscriptionList } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const list = SessionSubscriptionList.parse([{ subscriptionId: 0 }, { subscriptionId: 1 }]);
 * assert.deepEqual(list.map((s) => s.subscriptionId), [0, 1]);
 * ```
 */
export const SessionSubscriptionList: ModelFactory<SessionSubscription[]> = modelFactory(
  "SessionSubscription[]",
  z.array(schema),
);
