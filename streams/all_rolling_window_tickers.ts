/**
 * `!ticker_<window>@arr`: the rolling window statistics of every symbol that changed.
 *
 * @module
 */
import { z } from "zod";
import { buildName, latestEventTime, subscribeStream } from "../core/_stream.ts";
import { streamWindowSize } from "../core/_params.ts";
import type { StreamWindowSize } from "../core/types.ts";
import type { StreamConnection } from "../core/stream_connection.ts";
import type { SubscribeOptions, Subscription } from "../core/subscription.ts";
import {
  type RollingWindowTickerEvent,
  RollingWindowTickerEventList,
} from "../models/rolling_window_ticker_event.ts";

/** Parameters of {@linkcode allRollingWindowTickersStream}. */
export interface AllRollingWindowTickersStreamParams {
  /** The window: `"1h"`, `"4h"` or `"1d"`. */
  windowSize: StreamWindowSize;
}

const schema: z.ZodType<AllRollingWindowTickersStreamParams> = z.strictObject({
  windowSize: streamWindowSize,
});

/**
 * Builds the stream name, validating every parameter.
 *
 * @param params The parameters.
 * @returns The stream name as sent, with the symbol lower-cased.
 * @throws {ValidationError} when a parameter is invalid.
 *
 * @example Usage
 * ```ts
 * import { allRollingWindowTickersStreamName } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(allRollingWindowTickersStreamName({ windowSize: "1d" }), "!ticker_1d@arr");
 * ```
 */
export function allRollingWindowTickersStreamName(
  params: AllRollingWindowTickersStreamParams,
): string {
  return buildName(
    "allRollingWindowTickersStream",
    schema,
    params,
    (p) => `!ticker_${p.windowSize}@arr`,
  );
}

/**
 * Subscribes to the rolling window statistics of every symbol that changed.
 *
 * Stream: `!ticker_<window>@arr`. Update speed: 1000ms.
 * Each update is a full state: duplicates (during a rotation) are removed; after a reconnect a `gap` event says updates may be missing.
 *
 * @param conn The stream connection.
 * @param params The parameters (checked before anything is sent).
 * @param options Signal, acknowledgement timeout, buffer size and overflow policy.
 * @returns The subscription, once the server acknowledged it: iterate it for each
 * {@linkcode RollingWindowTickerEvent} list, or listen with `on("data", …)`.
 * @throws {ValidationError} when a parameter is invalid (nothing is sent).
 * @throws {StreamControlError} when the server refuses the subscription.
 * @throws {RequestTimeoutError} when no acknowledgement arrives in time.
 * @throws {ConnectionClosedError} when the connection is closed.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#all-market-rolling-window-statistics-streams}
 *
 * @example Usage
 * ```ts
 * import { connectStreams, allRollingWindowTickersStream } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectStreams({ url: exchange.streams.baseUrl });
 * await using sub = await allRollingWindowTickersStream(conn, { windowSize: "1d" });
 * exchange.market.advance();
 * for await (const update of sub) {
 *   assert.ok(update.every((t) => t.eventType === "1dTicker"));
 *   break;
 * }
 * ```
 */
export function allRollingWindowTickersStream(
  conn: StreamConnection,
  params: AllRollingWindowTickersStreamParams,
  options?: SubscribeOptions,
): Promise<Subscription<RollingWindowTickerEvent[]>> {
  return subscribeStream<RollingWindowTickerEvent[]>(conn, () => ({
    name: allRollingWindowTickersStreamName(params),
    parse: RollingWindowTickerEventList.parse,
    order: "snapshot",
    sequence: latestEventTime,
  }), options);
}
