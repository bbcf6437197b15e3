/**
 * The empty result of `ping`.
 *
 * @module
 */
import { z } from "zod";
import { modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** An empty result (`{}`), as `ping` returns. */
export type EmptyResult = Record<string, never>;

// Fields Binance may add later are dropped, as every model does: never a failed call.
const schema: z.ZodType<EmptyResult> = z.object({}) as unknown as z.ZodType<EmptyResult>;

/**
 * Factory of {@linkcode EmptyResult}.
 *
 * @example Usage
 * ```ts
 * import { EmptyResult } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(EmptyResult.parse({}), {});
 * ```
 */
export const EmptyResult: ModelFactory<EmptyResult> = modelFactory("EmptyResult", schema);
