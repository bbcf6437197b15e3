/**
 * The result of `userDataStream.subscribe` and `userDataStream.subscribe.signature`.
 *
 * @module
 */
import { z } from "zod";
import { long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** A User Data Stream subscription as Binance acknowledges it. */
export interface UserDataSubscribed {
  /** The subscription's id on this socket (ids start at 0 on every socket). */
  subscriptionId: number;
}

const schema: z.ZodType<UserDataSubscribed> = z.object({ subscriptionId: long });

/**
 * Factory of {@linkcode UserDataSubscribed}.
 *
 * @example Usage
 * ```ts
 * import { UserDataSubscribed } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(UserDataSubscribed.parse({ subscriptionId: 0 }).subscriptionId, 0);
 * ```
 */
export const UserDataSubscribed: ModelFactory<UserDataSubscribed> = modelFactory(
  "UserDataSubscribed",
  schema,
);
