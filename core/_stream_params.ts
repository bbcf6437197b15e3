// Private: parameter types and checks shared by several stream files.
import { z } from "zod";
import { SYMBOL_PATTERN } from "./_stream.ts";
import type { DepthSpeed, StreamWindowSize } from "./types.ts";

export type { DepthSpeed, StreamWindowSize };

/** A symbol as streams take it: either case (sent lower-case). */
export const streamSymbol: z.ZodString = z.string().regex(SYMBOL_PATTERN, {
  error: 'must be a symbol such as "BTCUSDT"',
});

/** Checks a stream window size. */
export const streamWindowSize: z.ZodType<StreamWindowSize> = z.enum(["1h", "4h", "1d"]);

/** Checks a depth update speed. */
export const depthSpeed: z.ZodType<DepthSpeed> = z.enum(["1000ms", "100ms"]);

/** The latest event time of an all-market array (its sequence). */
export function latestEventTime<T extends { eventTime: number }>(list: T[]): number {
  let max = 0;
  for (const t of list) if (t.eventTime > max) max = t.eventTime;
  return max;
}
