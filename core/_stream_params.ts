// Private: parameter types and checks shared by several stream files.
import { z } from "zod";

/** A rolling window of the ticker streams. */
export type StreamWindowSize = "1h" | "4h" | "1d";

/** Checks a stream window size. */
export const streamWindowSize: z.ZodType<StreamWindowSize> = z.enum(["1h", "4h", "1d"]);

/** The update speed of the depth streams. */
export type DepthSpeed = "1000ms" | "100ms";

/** Checks a depth update speed. */
export const depthSpeed: z.ZodType<DepthSpeed> = z.enum(["1000ms", "100ms"]);

/** The latest event time of an all-market array (its sequence). */
export function latestEventTime<T extends { eventTime: number }>(list: T[]): number {
  let max = 0;
  for (const t of list) if (t.eventTime > max) max = t.eventTime;
  return max;
}
