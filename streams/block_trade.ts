/**
 * `<symbol>@blockTrade`: the block trades of a symbol.
 *
 * @module
 */
import { z } from "zod";
import { buildName, subscribeStream } from "../core/_stream.ts";
import { streamSymbol } from "../core/_params.ts";
import type { StreamConnection } from "../core/stream_connection.ts";
import type { SubscribeOptions, Subscription } from "../core/subscription.ts";
import { BlockTradeEvent } from "../models/block_trade_event.ts";

/** Parameters of {@linkcode blockTradeStream}. */
export interface BlockTradeStreamParams {
  /** The symbol, in either case, e.g. `"BTCUSDT"` (sent lower-case). */
  symbol: string;
}

const schema: z.ZodType<BlockTradeStreamParams> = z.strictObject({
  symbol: streamSymbol,
});

/** The sequence of an update (one function for every subscription). */
const sequence = (v: BlockTradeEvent): number => v.blockTradeId;

/**
 * Builds the stream name, validating every parameter.
 *
 * @param params The parameters.
 * @returns The stream name as sent, with the symbol lower-cased.
 * @throws {ValidationError} when a parameter is invalid.
 *
 * @example Usage
 * ```ts
 * import { blockTradeStreamName } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(blockTradeStreamName({ symbol: "BTCUSDT" }), "btcusdt@blockTrade");
 * ```
 */
export function blockTradeStreamName(params: BlockTradeStreamParams): string {
  return buildName(
    "blockTradeStream",
    schema,
    params,
    (p) => `${p.symbol.toLowerCase()}@blockTrade`,
  );
}

/**
 * Subscribes to the block trades of a symbol.
 *
 * Stream: `<symbol>@blockTrade`. Update speed: Real-time.
 * Updates carry increasing ids: duplicates are removed; after a reconnect a `gap` event says updates may be missing.
 *
 * @param conn The stream connection.
 * @param params The parameters (checked before anything is sent).
 * @param options Signal, acknowledgement timeout, buffer size and overflow policy.
 * @returns The subscription, once the server acknowledged it: iterate it for each
 * {@linkcode BlockTradeEvent}, or listen with `on("data", …)`.
 * @throws {ValidationError} when a parameter is invalid (nothing is sent).
 * @throws {StreamControlError} when the server refuses the subscription.
 * @throws {RequestTimeoutError} when no acknowledgement arrives in time.
 * @throws {ConnectionClosedError} when the connection is closed.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#block-trade-streams}
 *
 * @example Usage
 * ```ts
 * import { connectStreams, blockTradeStream } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectStreams({ url: exchange.streams.baseUrl });
 * await using sub = await blockTradeStream(conn, { symbol: "BTCUSDT" });
 * exchange.market.advance(10);
 * for await (const update of sub) {
 *   assert.equal(update.symbol, "BTCUSDT");
 *   break;
 * }
 * ```
 */
export function blockTradeStream(
  conn: StreamConnection,
  params: BlockTradeStreamParams,
  options?: SubscribeOptions,
): Promise<Subscription<BlockTradeEvent>> {
  return subscribeStream<BlockTradeEvent>(conn, () => ({
    name: blockTradeStreamName(params),
    parse: BlockTradeEvent.parse,
    order: "increasing",
    sequence,
  }), options);
}
