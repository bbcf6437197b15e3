/**
 * `avgPrice`: gets the current average price of a symbol.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { symbol } from "../core/_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { AveragePrice } from "../models/average_price.ts";

/** Parameters of {@linkcode avgPrice}. */
export interface AvgPriceParams {
  /** The symbol, e.g. `"BNBBTC"`. */
  symbol: string;
}

const schema: z.ZodType<AvgPriceParams> = z.strictObject({
  symbol: symbol,
});

/** Metadata of `avgPrice`: security type, data source and weight. */
export const avgPriceInfo: WsApiMethodInfo<AvgPriceParams> = {
  method: "avgPrice",
  security: "NONE",
  dataSource: "Memory",
  weightRule: "2",
  weight: () => 2,
};

/**
 * Gets the current average price of a symbol.
 *
 * Weight: 2.
 * Security type: NONE. Data source: Memory.
 *
 * @param conn The connection.
 * @param params The parameters.
 * @param options Signal and timeout.
 * @returns The average price and its window.
 * @throws {ValidationError} when the parameters are invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#current-average-price}
 *
 * @example Usage
 * ```ts
 * import { avgPrice, connectWsApi } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const avg = await avgPrice(conn, { symbol: "BTCUSDT" });
 * assert.equal(avg.mins, 5);
 * ```
 */
export function avgPrice(
  conn: WsApiConnection,
  params: AvgPriceParams,
  options?: RequestOptions,
): Promise<AveragePrice> {
  return callMethod(conn, avgPriceInfo, schema, params, AveragePrice, options);
}
