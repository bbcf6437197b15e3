/**
 * `<symbol>@depth<levels>[@100ms]`: the top 5, 10 or 20 levels of the order book of a symbol.
 *
 * @module
 */
import { z } from "zod";
import { buildName, subscribeStream } from "../core/_stream.ts";
import { depthSpeed, streamSymbol } from "../core/_params.ts";
import type { DepthSpeed } from "../core/types.ts";
import type { StreamConnection } from "../core/stream_connection.ts";
import type { SubscribeOptions, Subscription } from "../core/subscription.ts";
import { PartialDepthEvent } from "../models/partial_depth_event.ts";

/** Parameters of {@linkcode partialDepthStream}. */
export interface PartialDepthStreamParams {
  /** The symbol, in either case, e.g. `"BTCUSDT"` (sent lower-case). */
  symbol: string;
  /** Levels per side: 5, 10 or 20. */
  levels: 5 | 10 | 20;
  /** `"1000ms"` (the default) or `"100ms"`. */
  speed?: DepthSpeed;
}

const schema: z.ZodType<PartialDepthStreamParams> = z.strictObject({
  symbol: streamSymbol,
  levels: z.union([z.literal(5), z.literal(10), z.literal(20)]),
  speed: depthSpeed.optional(),
});

/** The sequence of an update (one function for every subscription). */
const sequence = (v: PartialDepthEvent): number => v.lastUpdateId;

/**
 * Builds the stream name, validating every parameter.
 *
 * @param params The parameters.
 * @returns The stream name as sent, with the symbol lower-cased.
 * @throws {ValidationError} when a parameter is invalid.
 *
 * @example Usage
 * ```ts
 * import { partialDepthStreamName } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(partialDepthStreamName({ symbol: "BTCUSDT", levels: 20, speed: "100ms" }), "btcusdt@depth20@100ms");
 * ```
 */
export function partialDepthStreamName(params: PartialDepthStreamParams): string {
  return buildName(
    "partialDepthStream",
    schema,
    params,
    (p) => `${p.symbol.toLowerCase()}@depth${p.levels}${p.speed === "100ms" ? "@100ms" : ""}`,
  );
}

/**
 * Subscribes to the top 5, 10 or 20 levels of the order book of a symbol.
 *
 * Stream: `<symbol>@depth<levels>[@100ms]`. Update speed: 1000ms, or 100ms with `speed: "100ms"`.
 * Each update is a full state: duplicates (during a rotation) are removed; after a reconnect a `gap` event says updates may be missing.
 *
 * @param conn The stream connection.
 * @param params The parameters (checked before anything is sent).
 * @param options Signal, acknowledgement timeout, buffer size and overflow policy.
 * @returns The subscription, once the server acknowledged it: iterate it for each
 * {@linkcode PartialDepthEvent}, or listen with `on("data", …)`.
 * @throws {ValidationError} when a parameter is invalid (nothing is sent).
 * @throws {StreamControlError} when the server refuses the subscription.
 * @throws {RequestTimeoutError} when no acknowledgement arrives in time.
 * @throws {ConnectionClosedError} when the connection is closed.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#partial-book-depth-streams}
 *
 * @example Usage
 * ```ts
 * import { connectStreams, partialDepthStream } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectStreams({ url: exchange.streams.baseUrl });
 * await using sub = await partialDepthStream(conn, { symbol: "BTCUSDT", levels: 5 });
 * exchange.market.advance();
 * for await (const update of sub) {
 *   assert.equal(update.bids.length, 5);
 *   break;
 * }
 * ```
 */
export function partialDepthStream(
  conn: StreamConnection,
  params: PartialDepthStreamParams,
  options?: SubscribeOptions,
): Promise<Subscription<PartialDepthEvent>> {
  return subscribeStream<PartialDepthEvent>(conn, () => ({
    name: partialDepthStreamName(params),
    parse: PartialDepthEvent.parse,
    order: "snapshot",
    sequence,
  }), options);
}
