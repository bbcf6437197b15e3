/**
 * `<symbol>@miniTicker`: the rolling 24 h mini ticker of a symbol.
 *
 * @module
 */
import { z } from "zod";
import { buildName, subscribeStream } from "../core/_stream.ts";
import { streamSymbol } from "../core/_params.ts";
import type { StreamConnection } from "../core/stream_connection.ts";
import type { SubscribeOptions, Subscription } from "../core/subscription.ts";
import { MiniTickerEvent } from "../models/mini_ticker_event.ts";

/** Parameters of {@linkcode miniTickerStream}. */
export interface MiniTickerStreamParams {
  /** The symbol, in either case, e.g. `"BTCUSDT"` (sent lower-case). */
  symbol: string;
}

const schema: z.ZodType<MiniTickerStreamParams> = z.strictObject({
  symbol: streamSymbol,
});

/** The sequence of an update (one function for every subscription). */
const sequence = (v: MiniTickerEvent): number => v.eventTime;

/**
 * Builds the stream name, validating every parameter.
 *
 * @param params The parameters.
 * @returns The stream name as sent, with the symbol lower-cased.
 * @throws {ValidationError} when a parameter is invalid.
 *
 * @example Usage
 * ```ts
 * import { miniTickerStreamName } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(miniTickerStreamName({ symbol: "BTCUSDT" }), "btcusdt@miniTicker");
 * ```
 */
export function miniTickerStreamName(params: MiniTickerStreamParams): string {
  return buildName(
    "miniTickerStream",
    schema,
    params,
    (p) => `${p.symbol.toLowerCase()}@miniTicker`,
  );
}

/**
 * Subscribes to the rolling 24 h mini ticker of a symbol.
 *
 * Stream: `<symbol>@miniTicker`. Update speed: 1000ms.
 * Each update is a full state: duplicates (during a rotation) are removed; after a reconnect a `gap` event says updates may be missing.
 *
 * @param conn The stream connection.
 * @param params The parameters (checked before anything is sent).
 * @param options Signal, acknowledgement timeout, buffer size and overflow policy.
 * @returns The subscription, once the server acknowledged it: iterate it for each
 * {@linkcode MiniTickerEvent}, or listen with `on("data", …)`.
 * @throws {ValidationError} when a parameter is invalid (nothing is sent).
 * @throws {StreamControlError} when the server refuses the subscription.
 * @throws {RequestTimeoutError} when no acknowledgement arrives in time.
 * @throws {ConnectionClosedError} when the connection is closed.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#individual-symbol-mini-ticker-stream}
 *
 * @example Usage
 * ```ts
 * import { connectStreams, miniTickerStream } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectStreams({ url: exchange.streams.baseUrl });
 * await using sub = await miniTickerStream(conn, { symbol: "BTCUSDT" });
 * exchange.market.advance();
 * for await (const update of sub) {
 *   assert.equal(update.symbol, "BTCUSDT");
 *   break;
 * }
 * ```
 */
export function miniTickerStream(
  conn: StreamConnection,
  params: MiniTickerStreamParams,
  options?: SubscribeOptions,
): Promise<Subscription<MiniTickerEvent>> {
  return subscribeStream<MiniTickerEvent>(conn, () => ({
    name: miniTickerStreamName(params),
    parse: MiniTickerEvent.parse,
    order: "snapshot",
    sequence,
  }), options);
}
