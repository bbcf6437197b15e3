// Private: what every stream file does — validate the parameters, build the stream name,
// subscribe.
import type { z } from "zod";
import { validateParams } from "./_params.ts";
import type { StreamConnection, StreamSpec } from "./stream_connection.ts";
import type { SubscribeOptions, Subscription } from "./subscription.ts";

/**
 * Validates `params` and builds the stream name.
 *
 * @throws {ValidationError} naming every problem, before anything is sent.
 */
export function buildName<P>(
  fn: string,
  schema: z.ZodType<P>,
  params: P | undefined,
  build: (valid: P) => string,
): string {
  return build(validateParams(fn, schema, params));
}

/** Subscribes, turning a synchronous validation error into a rejection. */
export function subscribeStream<T>(
  conn: StreamConnection,
  spec: () => StreamSpec<T>,
  options: SubscribeOptions | undefined,
): Promise<Subscription<T>> {
  try {
    return conn.subscribe(spec(), options);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The latest event time of an all-market array (its sequence). */
export function latestEventTime<T extends { eventTime: number }>(list: T[]): number {
  let max = 0;
  for (const t of list) if (t.eventTime > max) max = t.eventTime;
  return max;
}
