/**
 * `<symbol>@ticker_<window>`: the rolling window statistics of a symbol.
 *
 * @module
 */
import { z } from "zod";
import { buildName, subscribeStream } from "../core/_stream.ts";
import { streamSymbol, streamWindowSize } from "../core/_params.ts";
import type { StreamWindowSize } from "../core/types.ts";
import type { StreamConnection } from "../core/stream_connection.ts";
import type { SubscribeOptions, Subscription } from "../core/subscription.ts";
import { RollingWindowTickerEvent } from "../models/rolling_window_ticker_event.ts";

/** Parameters of {@linkcode rollingWindowTickerStream}. */
export interface RollingWindowTickerStreamParams {
  /** The symbol, in either case, e.g. `"BTCUSDT"` (sent lower-case). */
  symbol: string;
  /** The window: `"1h"`, `"4h"` or `"1d"`. */
  windowSize: StreamWindowSize;
}

const schema: z.ZodType<RollingWindowTickerStreamParams> = z.strictObject({
  symbol: streamSymbol,
  windowSize: streamWindowSize,
});

/** The sequence of an update (one function for every subscription). */
const sequence = (v: RollingWindowTickerEvent): number => v.eventTime;

/**
 * Builds the stream name, validating every parameter.
 *
 * @param params The parameters.
 * @returns The stream name as sent, with the symbol lower-cased.
 * @throws {ValidationError} when a parameter is invalid.
 *
 * @example Usage
 * ```ts
 * import { rollingWindowTickerStreamName } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(rollingWindowTickerStreamName({ symbol: "BTCUSDT", windowSize: "4h" }), "btcusdt@ticker_4h");
 * ```
 */
export function rollingWindowTickerStreamName(params: RollingWindowTickerStreamParams): string {
  return buildName(
    "rollingWindowTickerStream",
    schema,
    params,
    (p) => `${p.symbol.toLowerCase()}@ticker_${p.windowSize}`,
  );
}

/**
 * Subscribes to the rolling window statistics of a symbol.
 *
 * Stream: `<symbol>@ticker_<window>`. Update speed: 1000ms.
 * Each update is a full state: duplicates (during a rotation) are removed; after a reconnect a `gap` event says updates may be missing.
 *
 * @param conn The stream connection.
 * @param params The parameters (checked before anything is sent).
 * @param options Signal, acknowledgement timeout, buffer size and overflow policy.
 * @returns The subscription, once the server acknowledged it: iterate it for each
 * {@linkcode RollingWindowTickerEvent}, or listen with `on("data", …)`.
 * @throws {ValidationError} when a parameter is invalid (nothing is sent).
 * @throws {StreamControlError} when the server refuses the subscription.
 * @throws {RequestTimeoutError} when no acknowledgement arrives in time.
 * @throws {ConnectionClosedError} when the connection is closed.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#individual-symbol-rolling-window-statistics-streams}
 *
 * @example Usage
 * ```ts
 * import { connectStreams, rollingWindowTickerStream } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectStreams({ url: exchange.streams.baseUrl });
 * await using sub = await rollingWindowTickerStream(conn, { symbol: "BTCUSDT", windowSize: "1h" });
 * exchange.market.advance();
 * for await (const update of sub) {
 *   assert.equal(update.eventType, "1hTicker");
 *   break;
 * }
 * ```
 */
export function rollingWindowTickerStream(
  conn: StreamConnection,
  params: RollingWindowTickerStreamParams,
  options?: SubscribeOptions,
): Promise<Subscription<RollingWindowTickerEvent>> {
  return subscribeStream<RollingWindowTickerEvent>(conn, () => ({
    name: rollingWindowTickerStreamName(params),
    parse: RollingWindowTickerEvent.parse,
    order: "snapshot",
    sequence,
  }), options);
}
