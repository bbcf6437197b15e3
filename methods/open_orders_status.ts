/**
 * `openOrders.status`: gets the account's open orders, of one symbol or of all.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { symbol } from "../core/_params.ts";
import { type SignedParams, signedShape } from "./_order_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { type QueriedOrder, QueriedOrderList } from "../models/queried_order.ts";

/** Parameters of {@linkcode openOrdersStatus}. */
export interface OpenOrdersStatusParams extends SignedParams {
  /** The symbol; without it, the open orders of every symbol (weight 80 instead of 6). */
  symbol?: string;
}

const schema: z.ZodType<OpenOrdersStatusParams> = z.strictObject({
  symbol: symbol.optional(),
  ...signedShape,
});

/** Metadata of `openOrders.status`: security type, data source and weight. */
export const openOrdersStatusInfo: WsApiMethodInfo<OpenOrdersStatusParams> = {
  method: "openOrders.status",
  security: "USER_DATA",
  dataSource: "Memory => Database",
  weightRule: "symbol: 6; none: 80",
  weight: (p) => p.symbol !== undefined ? 6 : 80,
};

/**
 * Gets the account's open orders, of one symbol or of all, as a flat list (each order names its
 * `symbol`). Each is reported as {@linkcode orderStatus} reports it.
 *
 * Weight: symbol: 6; none: 80.
 * Security type: USER_DATA. Data source: Memory => Database.
 *
 * @param conn The connection (with `credentials`).
 * @param params The `symbol` (optional), and the timing params.
 * @param options Signal and timeout.
 * @returns The open orders ({@linkcode QueriedOrder}).
 * @throws {ValidationError} when the parameters are invalid, or the connection has no
 *   credentials (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#current-open-orders-user_data}
 *
 * @example The open orders of a symbol
 * ```ts
 * import { connectWsApi, createSigner, openOrdersStatus, orderPlace } from "@binance-ws/spot";
 * import { FAKE_ACCOUNT, startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
 * });
 * await orderPlace(conn, {
 *   symbol: "BTCUSDT", side: "BUY", type: "LIMIT", timeInForce: "GTC",
 *   price: "30000", quantity: "0.001",
 * });
 * const open = await openOrdersStatus(conn, { symbol: "BTCUSDT" });
 * assert.equal(open.length, 1);
 * assert.equal(open[0].status, "NEW");
 * ```
 */
export function openOrdersStatus(
  conn: WsApiConnection,
  params?: OpenOrdersStatusParams,
  options?: RequestOptions,
): Promise<QueriedOrder[]> {
  return callMethod(conn, openOrdersStatusInfo, schema, params, QueriedOrderList, options);
}
