/**
 * `<symbol>@depth[@100ms]`: the diff depth stream, the changes to the order book of a symbol.
 *
 * @module
 */
import { z } from "zod";
import { buildName, subscribeStream } from "../core/_stream.ts";
import { depthSpeed, streamSymbol } from "../core/_params.ts";
import type { DepthSpeed } from "../core/types.ts";
import type { StreamConnection } from "../core/stream_connection.ts";
import type { SubscribeOptions, Subscription } from "../core/subscription.ts";
import { DiffDepthEvent } from "../models/diff_depth_event.ts";

/** Parameters of {@linkcode diffDepthStream}. */
export interface DiffDepthStreamParams {
  /** The symbol, in either case, e.g. `"BTCUSDT"` (sent lower-case). */
  symbol: string;
  /** `"1000ms"` (the default) or `"100ms"`. */
  speed?: DepthSpeed;
}

const schema: z.ZodType<DiffDepthStreamParams> = z.strictObject({
  symbol: streamSymbol,
  speed: depthSpeed.optional(),
});

/** The sequence of an update (one function for every subscription). */
const sequence = (v: DiffDepthEvent): number => v.finalUpdateId;
/** The first sequence of an update (one function for every subscription). */
const first = (v: DiffDepthEvent): number => v.firstUpdateId;

/**
 * Builds the stream name, validating every parameter.
 *
 * @param params The parameters.
 * @returns The stream name as sent, with the symbol lower-cased.
 * @throws {ValidationError} when a parameter is invalid.
 *
 * @example Usage
 * ```ts
 * import { diffDepthStreamName } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(diffDepthStreamName({ symbol: "BTCUSDT", speed: "100ms" }), "btcusdt@depth@100ms");
 * ```
 */
export function diffDepthStreamName(params: DiffDepthStreamParams): string {
  return buildName(
    "diffDepthStream",
    schema,
    params,
    (p) => `${p.symbol.toLowerCase()}@depth${p.speed === "100ms" ? "@100ms" : ""}`,
  );
}

/**
 * Subscribes to the changes to the order book of a symbol (to keep a local book, use `OrderBook`).
 *
 * Stream: `<symbol>@depth[@100ms]`. Update speed: 1000ms, or 100ms with `speed: "100ms"`.
 * Updates carry contiguous ids: duplicates are removed and any missing id gives a `gap` event.
 *
 * @param conn The stream connection.
 * @param params The parameters (checked before anything is sent).
 * @param options Signal, acknowledgement timeout, buffer size and overflow policy.
 * @returns The subscription, once the server acknowledged it: iterate it for each
 * {@linkcode DiffDepthEvent}, or listen with `on("data", …)`.
 * @throws {ValidationError} when a parameter is invalid (nothing is sent).
 * @throws {StreamControlError} when the server refuses the subscription.
 * @throws {RequestTimeoutError} when no acknowledgement arrives in time.
 * @throws {ConnectionClosedError} when the connection is closed.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#diff-depth-stream}
 *
 * @example Usage
 * ```ts
 * import { connectStreams, diffDepthStream } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectStreams({ url: exchange.streams.baseUrl });
 * await using sub = await diffDepthStream(conn, { symbol: "BTCUSDT" });
 * exchange.market.advance();
 * for await (const update of sub) {
 *   assert.equal(update.firstUpdateId, update.finalUpdateId);
 *   break;
 * }
 * ```
 */
export function diffDepthStream(
  conn: StreamConnection,
  params: DiffDepthStreamParams,
  options?: SubscribeOptions,
): Promise<Subscription<DiffDepthEvent>> {
  return subscribeStream<DiffDepthEvent>(conn, () => ({
    name: diffDepthStreamName(params),
    parse: DiffDepthEvent.parse,
    order: "contiguous",
    sequence,
    firstSequence: first,
  }), options);
}
