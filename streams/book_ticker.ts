/**
 * `<symbol>@bookTicker`: the best bid and ask of a symbol.
 *
 * @module
 */
import { z } from "zod";
import { buildName, subscribeStream } from "../core/_stream.ts";
import { streamSymbol } from "../core/_params.ts";
import type { StreamConnection } from "../core/stream_connection.ts";
import type { SubscribeOptions, Subscription } from "../core/subscription.ts";
import { BookTickerEvent } from "../models/book_ticker_event.ts";

/** Parameters of {@linkcode bookTickerStream}. */
export interface BookTickerStreamParams {
  /** The symbol, in either case, e.g. `"BTCUSDT"` (sent lower-case). */
  symbol: string;
}

const schema: z.ZodType<BookTickerStreamParams> = z.strictObject({
  symbol: streamSymbol,
});

/** The sequence of an update (one function for every subscription). */
const sequence = (v: BookTickerEvent): number => v.updateId;

/**
 * Builds the stream name, validating every parameter.
 *
 * @param params The parameters.
 * @returns The stream name as sent, with the symbol lower-cased.
 * @throws {ValidationError} when a parameter is invalid.
 *
 * @example Usage
 * ```ts
 * import { bookTickerStreamName } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(bookTickerStreamName({ symbol: "BTCUSDT" }), "btcusdt@bookTicker");
 * ```
 */
export function bookTickerStreamName(params: BookTickerStreamParams): string {
  return buildName(
    "bookTickerStream",
    schema,
    params,
    (p) => `${p.symbol.toLowerCase()}@bookTicker`,
  );
}

/**
 * Subscribes to the best bid and ask of a symbol.
 *
 * Stream: `<symbol>@bookTicker`. Update speed: Real-time.
 * Updates carry increasing ids: duplicates are removed; after a reconnect a `gap` event says updates may be missing.
 *
 * @param conn The stream connection.
 * @param params The parameters (checked before anything is sent).
 * @param options Signal, acknowledgement timeout, buffer size and overflow policy.
 * @returns The subscription, once the server acknowledged it: iterate it for each
 * {@linkcode BookTickerEvent}, or listen with `on("data", …)`.
 * @throws {ValidationError} when a parameter is invalid (nothing is sent).
 * @throws {StreamControlError} when the server refuses the subscription.
 * @throws {RequestTimeoutError} when no acknowledgement arrives in time.
 * @throws {ConnectionClosedError} when the connection is closed.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#individual-symbol-book-ticker-streams}
 *
 * @example Usage
 * ```ts
 * import { connectStreams, bookTickerStream } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectStreams({ url: exchange.streams.baseUrl });
 * await using sub = await bookTickerStream(conn, { symbol: "BTCUSDT" });
 * exchange.market.advance();
 * for await (const update of sub) {
 *   assert.ok(update.bidPrice < update.askPrice);
 *   break;
 * }
 * ```
 */
export function bookTickerStream(
  conn: StreamConnection,
  params: BookTickerStreamParams,
  options?: SubscribeOptions,
): Promise<Subscription<BookTickerEvent>> {
  return subscribeStream<BookTickerEvent>(conn, () => ({
    name: bookTickerStreamName(params),
    parse: BookTickerEvent.parse,
    order: "increasing",
    sequence,
  }), options);
}
