/**
 * `depth`: the order book of a symbol.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { int, symbol, symbolStatus } from "../core/_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { Depth } from "../models/depth.ts";

/** Parameters of {@linkcode depth}. */
export interface DepthParams {
  /** The symbol, e.g. `"BNBBTC"`. */
  symbol: string;
  /** Levels per side, 1–5000. Default 100. Weight grows with it. */
  limit?: number;
  /** Answer only if the symbol has this status (else error -1220). */
  symbolStatus?: "TRADING" | "HALT" | "BREAK";
}

const schema: z.ZodType<DepthParams> = z.strictObject({
  symbol,
  limit: int(1, 5000).optional(),
  symbolStatus: symbolStatus.optional(),
});

/** Metadata of `depth`: security type, data source and weight. */
export const depthInfo: WsApiMethodInfo<DepthParams> = {
  method: "depth",
  security: "NONE",
  dataSource: "Memory",
  weightRule: "limit 1-100: 5; 101-500: 25; 501-1000: 50; 1001-5000: 250",
  weight: ({ limit = 100 }) => limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250,
};

/**
 * Gets the current order book of a symbol.
 *
 * Weight: limit 1-100: 5; 101-500: 25; 501-1000: 50; 1001-5000: 250.
 * Security type: NONE. Data source: Memory.
 *
 * @param conn The connection.
 * @param params The symbol and the number of levels.
 * @param options Signal and timeout.
 * @returns The order book snapshot; prices and quantities are exact decimal strings.
 * @throws {ValidationError} when the parameters are invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request (e.g. -1121 invalid symbol).
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#order-book}
 *
 * @example Top of the book
 * ```ts
 * import { connectWsApi, depth } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const book = await depth(conn, { symbol: "BNBBTC", limit: 5 });
 * assert.equal(book.bids.length, 5);
 * assert.ok(Number(book.bids[0][0]) < Number(book.asks[0][0]));
 * ```
 */
export function depth(
  conn: WsApiConnection,
  params: DepthParams,
  options?: RequestOptions,
): Promise<Depth> {
  return callMethod(conn, depthInfo, schema, params, Depth, options);
}
