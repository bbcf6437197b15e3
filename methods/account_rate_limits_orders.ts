/**
 * `account.rateLimits.orders`: gets the account's unfilled order count in each ORDERS window.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { type SignedParams, signedShape } from "./_order_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { type OrderRateLimit, OrderRateLimitList } from "../models/order_rate_limit.ts";

/** Parameters of {@linkcode accountRateLimitsOrders}: the timing params only. */
export type AccountRateLimitsOrdersParams = SignedParams;

const schema: z.ZodType<AccountRateLimitsOrdersParams> = z.strictObject({ ...signedShape });

/** Metadata of `account.rateLimits.orders`: security type, data source and weight. */
export const accountRateLimitsOrdersInfo: WsApiMethodInfo<AccountRateLimitsOrdersParams> = {
  method: "account.rateLimits.orders",
  security: "USER_DATA",
  dataSource: "Memory",
  weightRule: "40",
  weight: () => 40,
};

/**
 * Gets the account's unfilled order count in each ORDERS window (per 10 seconds, per day).
 *
 * Weight: 40.
 * Security type: USER_DATA. Data source: Memory.
 *
 * @param conn The connection (with `credentials`).
 * @param params The timing params (optional).
 * @param options Signal and timeout.
 * @returns One {@linkcode OrderRateLimit} per window.
 * @throws {ValidationError} when the parameters are invalid, or the connection has no
 *   credentials (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#unfilled-order-count-user_data}
 *
 * @example The unfilled order count
 * ```ts
 * import { accountRateLimitsOrders, connectWsApi, createSigner, orderPlace } from "@binance-ws/spot";
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
 * const [tenSeconds, day] = await accountRateLimitsOrders(conn);
 * assert.equal(tenSeconds.interval, "SECOND");
 * assert.equal(tenSeconds.count, 1);
 * assert.equal(day.limit, 160000);
 * ```
 */
export function accountRateLimitsOrders(
  conn: WsApiConnection,
  params?: AccountRateLimitsOrdersParams,
  options?: RequestOptions,
): Promise<OrderRateLimit[]> {
  return callMethod(
    conn,
    accountRateLimitsOrdersInfo,
    schema,
    params,
    OrderRateLimitList,
    options,
  );
}
