/**
 * The result of `time`.
 *
 * @module
 */
import { z } from "zod";
import { long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** The server's time. */
export interface ServerTime {
  /** Server time in ms since the epoch (µs with `timeUnit: "MICROSECOND"`). */
  serverTime: number;
}

const schema: z.ZodType<ServerTime> = z.object({ serverTime: long });

/**
 * Factory of {@linkcode ServerTime}.
 *
 * @example Usage
 * ```ts
 * import { ServerTime } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ServerTime.parse({ serverTime: 1656400526260 }).serverTime, 1656400526260);
 * ```
 */
export const ServerTime: ModelFactory<ServerTime> = modelFactory("ServerTime", schema);
