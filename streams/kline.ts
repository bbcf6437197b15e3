/**
 * `<symbol>@kline_<interval>[@+08:00]`: the current kline of a symbol, in UTC or (with `timeZone: "+08:00"`) in UTC+8.
 *
 * @module
 */
import { z } from "zod";
import { buildName, subscribeStream } from "../core/_stream.ts";
import { klineInterval, streamSymbol } from "../core/_params.ts";
import type { KlineInterval } from "../core/types.ts";
import type { StreamConnection } from "../core/stream_connection.ts";
import type { SubscribeOptions, Subscription } from "../core/subscription.ts";
import { KlineEvent } from "../models/kline_event.ts";

/** Parameters of {@linkcode klineStream}. */
export interface KlineStreamParams {
  /** The symbol, in either case, e.g. `"BTCUSDT"` (sent lower-case). */
  symbol: string;
  /** The interval (case-sensitive: `"1m"` is a minute, `"1M"` a month). */
  interval: KlineInterval;
  /** `"+08:00"` for intervals that open and close in UTC+8 (the only documented offset). */
  timeZone?: "+08:00";
}

const schema: z.ZodType<KlineStreamParams> = z.strictObject({
  symbol: streamSymbol,
  interval: klineInterval,
  timeZone: z.literal("+08:00").optional(),
});

/** The sequence of an update (one function for every subscription). */
const sequence = (v: KlineEvent): number => v.eventTime;

/**
 * Builds the stream name, validating every parameter.
 *
 * @param params The parameters.
 * @returns The stream name as sent, with the symbol lower-cased.
 * @throws {ValidationError} when a parameter is invalid.
 *
 * @example Usage
 * ```ts
 * import { klineStreamName } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(klineStreamName({ symbol: "BTCUSDT", interval: "1h", timeZone: "+08:00" }), "btcusdt@kline_1h@+08:00");
 * ```
 */
export function klineStreamName(params: KlineStreamParams): string {
  return buildName(
    "klineStream",
    schema,
    params,
    (p) => `${p.symbol.toLowerCase()}@kline_${p.interval}${p.timeZone ? `@${p.timeZone}` : ""}`,
  );
}

/**
 * Subscribes to the current kline of a symbol, in UTC or (with `timeZone: "+08:00"`) in UTC+8.
 *
 * Stream: `<symbol>@kline_<interval>[@+08:00]`. Update speed: 1000ms for `1s`, 2000ms for the other intervals.
 * Each update is a full state: duplicates (during a rotation) are removed; after a reconnect a `gap` event says updates may be missing.
 *
 * @param conn The stream connection.
 * @param params The parameters (checked before anything is sent).
 * @param options Signal, acknowledgement timeout, buffer size and overflow policy.
 * @returns The subscription, once the server acknowledged it: iterate it for each
 * {@linkcode KlineEvent}, or listen with `on("data", …)`.
 * @throws {ValidationError} when a parameter is invalid (nothing is sent).
 * @throws {StreamControlError} when the server refuses the subscription.
 * @throws {RequestTimeoutError} when no acknowledgement arrives in time.
 * @throws {ConnectionClosedError} when the connection is closed.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#klinecandlestick-streams-for-utc}
 *
 * @example Usage
 * ```ts
 * import { connectStreams, klineStream } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectStreams({ url: exchange.streams.baseUrl });
 * await using sub = await klineStream(conn, { symbol: "BTCUSDT", interval: "1m" });
 * exchange.market.advance();
 * for await (const update of sub) {
 *   assert.equal(update.kline.interval, "1m");
 *   break;
 * }
 * ```
 */
export function klineStream(
  conn: StreamConnection,
  params: KlineStreamParams,
  options?: SubscribeOptions,
): Promise<Subscription<KlineEvent>> {
  return subscribeStream<KlineEvent>(conn, () => ({
    name: klineStreamName(params),
    parse: KlineEvent.parse,
    order: "snapshot",
    sequence,
  }), options);
}
