/**
 * `<symbol>@aggTrade`: the aggregate trades of a symbol.
 *
 * @module
 */
import { z } from "zod";
import { buildName, subscribeStream } from "../core/_stream.ts";
import { streamSymbol } from "../core/_params.ts";
import type { StreamConnection } from "../core/stream_connection.ts";
import type { SubscribeOptions, Subscription } from "../core/subscription.ts";
import { AggTradeEvent } from "../models/agg_trade_event.ts";

/** Parameters of {@linkcode aggTradeStream}. */
export interface AggTradeStreamParams {
  /** The symbol, in either case, e.g. `"BTCUSDT"` (sent lower-case). */
  symbol: string;
}

const schema: z.ZodType<AggTradeStreamParams> = z.strictObject({
  symbol: streamSymbol,
});

/** The sequence of an update (one function for every subscription). */
const sequence = (v: AggTradeEvent): number => v.aggTradeId;

/**
 * Builds the stream name, validating every parameter.
 *
 * @param params The parameters.
 * @returns The stream name as sent, with the symbol lower-cased.
 * @throws {ValidationError} when a parameter is invalid.
 *
 * @example Usage
 * ```ts
 * import { aggTradeStreamName } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(aggTradeStreamName({ symbol: "BNBBTC" }), "bnbbtc@aggTrade");
 * ```
 */
export function aggTradeStreamName(params: AggTradeStreamParams): string {
  return buildName("aggTradeStream", schema, params, (p) => `${p.symbol.toLowerCase()}@aggTrade`);
}

/**
 * Subscribes to the aggregate trades of a symbol.
 *
 * Stream: `<symbol>@aggTrade`. Update speed: Real-time.
 * Updates carry contiguous ids: duplicates are removed and any missing id gives a `gap` event.
 *
 * @param conn The stream connection.
 * @param params The parameters (checked before anything is sent).
 * @param options Signal, acknowledgement timeout, buffer size and overflow policy.
 * @returns The subscription, once the server acknowledged it: iterate it for each
 * {@linkcode AggTradeEvent}, or listen with `on("data", …)`.
 * @throws {ValidationError} when a parameter is invalid (nothing is sent).
 * @throws {StreamControlError} when the server refuses the subscription.
 * @throws {RequestTimeoutError} when no acknowledgement arrives in time.
 * @throws {ConnectionClosedError} when the connection is closed.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#aggregate-trade-streams}
 *
 * @example Usage
 * ```ts
 * import { connectStreams, aggTradeStream } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectStreams({ url: exchange.streams.baseUrl });
 * await using sub = await aggTradeStream(conn, { symbol: "BNBBTC" });
 * exchange.market.advance();
 * for await (const update of sub) {
 *   assert.equal(update.firstTradeId, update.lastTradeId);
 *   break;
 * }
 * ```
 */
export function aggTradeStream(
  conn: StreamConnection,
  params: AggTradeStreamParams,
  options?: SubscribeOptions,
): Promise<Subscription<AggTradeEvent>> {
  return subscribeStream<AggTradeEvent>(conn, () => ({
    name: aggTradeStreamName(params),
    parse: AggTradeEvent.parse,
    order: "contiguous",
    sequence,
  }), options);
}
