/**
 * `!miniTicker@arr`: the mini tickers of every symbol that changed.
 *
 * @module
 */
import { latestEventTime, subscribeStream } from "../core/_stream.ts";
import type { StreamConnection } from "../core/stream_connection.ts";
import type { SubscribeOptions, Subscription } from "../core/subscription.ts";
import { type MiniTickerEvent, MiniTickerEventList } from "../models/mini_ticker_event.ts";

/**
 * The name of this stream.
 *
 * @returns `!miniTicker@arr`.
 *
 * @example Usage
 * ```ts
 * import { allMiniTickersStreamName } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(allMiniTickersStreamName(), "!miniTicker@arr");
 * ```
 */
export function allMiniTickersStreamName(): string {
  return "!miniTicker@arr";
}

/**
 * Subscribes to the mini tickers of every symbol that changed.
 *
 * Stream: `!miniTicker@arr`. Update speed: 1000ms.
 * Each update is a full state: duplicates (during a rotation) are removed; after a reconnect a `gap` event says updates may be missing.
 *
 * @param conn The stream connection.
 * @param options Signal, acknowledgement timeout, buffer size and overflow policy.
 * @returns The subscription, once the server acknowledged it: iterate it for each
 * {@linkcode MiniTickerEvent} list, or listen with `on("data", …)`.
 * @throws {ValidationError} when a parameter is invalid (nothing is sent).
 * @throws {StreamControlError} when the server refuses the subscription.
 * @throws {RequestTimeoutError} when no acknowledgement arrives in time.
 * @throws {ConnectionClosedError} when the connection is closed.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#all-market-mini-tickers-stream}
 *
 * @example Usage
 * ```ts
 * import { connectStreams, allMiniTickersStream } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectStreams({ url: exchange.streams.baseUrl });
 * await using sub = await allMiniTickersStream(conn);
 * exchange.market.advance();
 * for await (const update of sub) {
 *   assert.ok(update.length >= 1);
 *   break;
 * }
 * ```
 */
export function allMiniTickersStream(
  conn: StreamConnection,
  options?: SubscribeOptions,
): Promise<Subscription<MiniTickerEvent[]>> {
  return subscribeStream<MiniTickerEvent[]>(conn, () => ({
    name: allMiniTickersStreamName(),
    parse: MiniTickerEventList.parse,
    order: "snapshot",
    sequence: latestEventTime,
  }), options);
}
