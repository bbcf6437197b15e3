/**
 * `<symbol>@ticker`: the full rolling 24 h ticker of a symbol.
 *
 * @module
 */
import { z } from "zod";
import { buildName, subscribeStream } from "../core/_stream.ts";
import { streamSymbol } from "../core/_params.ts";
import type { StreamConnection } from "../core/stream_connection.ts";
import type { SubscribeOptions, Subscription } from "../core/subscription.ts";
import { TickerEvent } from "../models/ticker_event.ts";

/** Parameters of {@linkcode tickerStream}. */
export interface TickerStreamParams {
  /** The symbol, in either case, e.g. `"BTCUSDT"` (sent lower-case). */
  symbol: string;
}

const schema: z.ZodType<TickerStreamParams> = z.strictObject({
  symbol: streamSymbol,
});

/** The sequence of an update (one function for every subscription). */
const sequence = (v: TickerEvent): number => v.eventTime;

/**
 * Builds the stream name, validating every parameter.
 *
 * @param params The parameters.
 * @returns The stream name as sent, with the symbol lower-cased.
 * @throws {ValidationError} when a parameter is invalid.
 *
 * @example Usage
 * ```ts
 * import { tickerStreamName } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(tickerStreamName({ symbol: "BTCUSDT" }), "btcusdt@ticker");
 * ```
 */
export function tickerStreamName(params: TickerStreamParams): string {
  return buildName("tickerStream", schema, params, (p) => `${p.symbol.toLowerCase()}@ticker`);
}

/**
 * Subscribes to the full rolling 24 h ticker of a symbol.
 *
 * Stream: `<symbol>@ticker`. Update speed: 1000ms.
 * Each update is a full state: duplicates (during a rotation) are removed; after a reconnect a `gap` event says updates may be missing.
 *
 * @param conn The stream connection.
 * @param params The parameters (checked before anything is sent).
 * @param options Signal, acknowledgement timeout, buffer size and overflow policy.
 * @returns The subscription, once the server acknowledged it: iterate it for each
 * {@linkcode TickerEvent}, or listen with `on("data", …)`.
 * @throws {ValidationError} when a parameter is invalid (nothing is sent).
 * @throws {StreamControlError} when the server refuses the subscription.
 * @throws {RequestTimeoutError} when no acknowledgement arrives in time.
 * @throws {ConnectionClosedError} when the connection is closed.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#individual-symbol-ticker-streams}
 *
 * @example Usage
 * ```ts
 * import { connectStreams, tickerStream } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectStreams({ url: exchange.streams.baseUrl });
 * await using sub = await tickerStream(conn, { symbol: "BTCUSDT" });
 * exchange.market.advance();
 * for await (const update of sub) {
 *   assert.equal(update.symbol, "BTCUSDT");
 *   break;
 * }
 * ```
 */
export function tickerStream(
  conn: StreamConnection,
  params: TickerStreamParams,
  options?: SubscribeOptions,
): Promise<Subscription<TickerEvent>> {
  return subscribeStream<TickerEvent>(conn, () => ({
    name: tickerStreamName(params),
    parse: TickerEvent.parse,
    order: "snapshot",
    sequence,
  }), options);
}
