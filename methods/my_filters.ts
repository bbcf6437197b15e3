/**
 * `myFilters`: gets the filters relevant to the account on a symbol.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { symbol } from "../core/_params.ts";
import { type SignedParams, signedShape } from "./_order_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { MyFilters } from "../models/my_filters.ts";

/** Parameters of {@linkcode myFilters}. */
export interface MyFiltersParams extends SignedParams {
  /** The symbol, e.g. `"BTCUSDT"`. */
  symbol: string;
}

const schema: z.ZodType<MyFiltersParams> = z.strictObject({
  symbol,
  ...signedShape,
});

/** Metadata of `myFilters`: security type, data source and weight. */
export const myFiltersInfo: WsApiMethodInfo<MyFiltersParams> = {
  method: "myFilters",
  security: "USER_DATA",
  dataSource: "Memory",
  weightRule: "40",
  weight: () => 40,
};

/**
 * Gets the filters relevant to the account on a symbol: exchange, symbol and asset filters.
 * It is the only method that shows the account's `MAX_ASSET` filters.
 *
 * Weight: 40.
 * Security type: USER_DATA. Data source: Memory.
 *
 * @param conn The connection (with `credentials`).
 * @param params The symbol, and the timing params.
 * @param options Signal and timeout.
 * @returns The {@linkcode MyFilters}.
 * @throws {ValidationError} when the parameters are invalid, or the connection has no
 *   credentials (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#query-relevant-filters-user_data}
 *
 * @example The filters of a symbol for the account
 * ```ts
 * import { connectWsApi, createSigner, myFilters } from "@binance-ws/spot";
 * import { FAKE_ACCOUNT, startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
 * });
 * const filters = await myFilters(conn, { symbol: "BTCUSDT" });
 * assert.ok(filters.symbolFilters.some((f) => f.filterType === "LOT_SIZE"));
 * ```
 */
export function myFilters(
  conn: WsApiConnection,
  params: MyFiltersParams,
  options?: RequestOptions,
): Promise<MyFilters> {
  return callMethod(conn, myFiltersInfo, schema, params, MyFilters, options);
}
