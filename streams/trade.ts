/**
 * `<symbol>@trade`: the trades of a symbol.
 *
 * @module
 */
import { z } from "zod";
import { buildName, subscribeStream } from "../core/_stream.ts";
import { streamSymbol } from "../core/_params.ts";
import type { StreamConnection } from "../core/stream_connection.ts";
import type { SubscribeOptions, Subscription } from "../core/subscription.ts";
import { TradeEvent } from "../models/trade_event.ts";

/** Parameters of {@linkcode tradeStream}. */
export interface TradeStreamParams {
  /** The symbol, in either case, e.g. `"BTCUSDT"` (sent lower-case). */
  symbol: string;
}

const schema: z.ZodType<TradeStreamParams> = z.strictObject({
  symbol: streamSymbol,
});

/** The sequence of an update (one function for every subscription). */
const sequence = (v: TradeEvent): number => v.tradeId;

/**
 * Builds the stream name, validating every parameter.
 *
 * @param params The parameters.
 * @returns The stream name as sent, with the symbol lower-cased.
 * @throws {ValidationError} when a parameter is invalid.
 *
 * @example Usage
 * ```ts
 * import { tradeStreamName } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(tradeStreamName({ symbol: "BTCUSDT" }), "btcusdt@trade");
 * ```
 */
export function tradeStreamName(params: TradeStreamParams): string {
  return buildName("tradeStream", schema, params, (p) => `${p.symbol.toLowerCase()}@trade`);
}

/**
 * Subscribes to the trades of a symbol.
 *
 * Stream: `<symbol>@trade`. Update speed: Real-time.
 * Updates carry contiguous ids: duplicates are removed and any missing id gives a `gap` event.
 *
 * @param conn The stream connection.
 * @param params The parameters (checked before anything is sent).
 * @param options Signal, acknowledgement timeout, buffer size and overflow policy.
 * @returns The subscription, once the server acknowledged it: iterate it for each
 * {@linkcode TradeEvent}, or listen with `on("data", …)`.
 * @throws {ValidationError} when a parameter is invalid (nothing is sent).
 * @throws {StreamControlError} when the server refuses the subscription.
 * @throws {RequestTimeoutError} when no acknowledgement arrives in time.
 * @throws {ConnectionClosedError} when the connection is closed.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#trade-streams}
 *
 * @example Usage
 * ```ts
 * import { connectStreams, tradeStream } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectStreams({ url: exchange.streams.baseUrl });
 * await using sub = await tradeStream(conn, { symbol: "BTCUSDT" });
 * exchange.market.advance();
 * for await (const update of sub) {
 *   assert.equal(update.symbol, "BTCUSDT");
 *   break;
 * }
 * ```
 */
export function tradeStream(
  conn: StreamConnection,
  params: TradeStreamParams,
  options?: SubscribeOptions,
): Promise<Subscription<TradeEvent>> {
  return subscribeStream<TradeEvent>(conn, () => ({
    name: tradeStreamName(params),
    parse: TradeEvent.parse,
    order: "contiguous",
    sequence,
  }), options);
}
