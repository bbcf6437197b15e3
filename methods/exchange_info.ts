/**
 * `exchangeInfo`: gets the exchange's trading rules, rate limits and symbol information.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { atMostOneOf, excludes, symbol, symbolList, symbolStatus } from "../core/_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { ExchangeInfo } from "../models/exchange_info.ts";

/** Parameters of {@linkcode exchangeInfo}. */
export interface ExchangeInfoParams {
  /** Describe one symbol. */
  symbol?: string;
  /** Describe several symbols. */
  symbols?: string[];
  /** Only symbols with these permissions (e.g. `"SPOT"`); all permissions must be listed to see every symbol. */
  permissions?: string | string[];
  /** `false` leaves `permissionSets` empty (a smaller answer). Default `true`. */
  showPermissionSets?: boolean;
  /** Only symbols with this status; not with `symbol` or `symbols`. */
  symbolStatus?: "TRADING" | "HALT" | "BREAK";
}

const schema: z.ZodType<ExchangeInfoParams> = z.strictObject({
  symbol: symbol.optional(),
  symbols: symbolList(Number.MAX_SAFE_INTEGER).optional(),
  permissions: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  showPermissionSets: z.boolean().optional(),
  symbolStatus: symbolStatus.optional(),
}).superRefine(atMostOneOf("symbol", "symbols", "permissions")).superRefine(
  excludes("symbolStatus", "symbol", "symbols"),
);

/** Metadata of `exchangeInfo`: security type, data source and weight. */
export const exchangeInfoInfo: WsApiMethodInfo<ExchangeInfoParams> = {
  method: "exchangeInfo",
  security: "NONE",
  dataSource: "Memory",
  weightRule: "20",
  weight: () => 20,
};

/**
 * Gets the exchange's trading rules, rate limits and symbol information.
 *
 * Weight: 20.
 * Security type: NONE. Data source: Memory.
 *
 * @param conn The connection.
 * @param params The parameters.
 * @param options Signal and timeout.
 * @returns Rate limits, exchange filters and the symbols with their filters.
 * @throws {ValidationError} when the parameters are invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#exchange-information}
 *
 * @example Filters of one symbol
 * ```ts
 * import { connectWsApi, exchangeInfo } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const info = await exchangeInfo(conn, { symbol: "BNBBTC" });
 * assert.equal(info.symbols[0].symbol, "BNBBTC");
 * assert.ok(info.symbols[0].filters.some((f) => f.filterType === "PRICE_FILTER"));
 * ```
 */
export function exchangeInfo(
  conn: WsApiConnection,
  params?: ExchangeInfoParams,
  options?: RequestOptions,
): Promise<ExchangeInfo> {
  return callMethod(conn, exchangeInfoInfo, schema, params, ExchangeInfo, options);
}
