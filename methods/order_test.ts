/**
 * `order.test`: tests an order without placing it.
 *
 * @module
 */
import type { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import type { WsApiMethodInfo } from "../core/types.ts";
import {
  commissionRatesShape,
  type OrderParams,
  orderPlaceObject,
  singleOrder,
  singleOrderRule,
  testWeight,
} from "./_order_params.ts";
import { testModel } from "./_order_result.ts";
import { type OrderRequestOptions, type OrderWrite, writeOrder } from "./_order_write.ts";
import type { NoUnknownParams, OrderTestResult } from "./_result.ts";

/** Parameters of {@linkcode orderTest}: those of `order.place`, and `computeCommissionRates`. */
export interface OrderTestParams extends OrderParams {
  /** Answer the commission rates the order would pay. Default `false`. */
  computeCommissionRates?: boolean;
}

const schema: z.ZodType<OrderTestParams> = orderPlaceObject.extend(commissionRatesShape)
  .superRefine(singleOrderRule);

/** Metadata of `order.test`: security type, data source and weight. */
export const orderTestInfo: WsApiMethodInfo<OrderTestParams> = {
  method: "order.test",
  security: "TRADE",
  dataSource: "Memory",
  weightRule: "without computeCommissionRates: 1; with computeCommissionRates: 20",
  weight: testWeight,
  orders: () => 0,
};

const write: OrderWrite<OrderTestParams> = {
  info: orderTestInfo,
  schema,
  clientIds: () => [],
  orders: singleOrder,
};

/**
 * Tests an order: Binance validates it and checks the signature without sending it to the
 * matching engine. Same rules as {@linkcode orderPlace}; no client order id is generated.
 *
 * Weight: without computeCommissionRates: 1; with computeCommissionRates: 20.
 * Security type: TRADE. Data source: Memory.
 *
 * @typeParam P The params' type, inferred from the call: it picks the result type.
 * @param conn The connection (with `credentials`).
 * @param params The order, as for `orderPlace`, and `computeCommissionRates`.
 * @param options Signal, timeout, and for order writes `filters` and `generateClientOrderIds`.
 * @returns {@linkcode EmptyResult}, or {@linkcode OrderCommission} with `computeCommissionRates`.
 * @throws {ValidationError} when the parameters are invalid, or the connection has no
 *   credentials (nothing is sent).
 * @throws {FilterError} when `options.filters` is given and the order breaks a filter
 *   (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#test-new-order-trade}
 *
 * @example Commission rates of a test order
 * ```ts
 * import { ValidationError, connectWsApi, createSigner, orderTest, type OrderCommission } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * const signer = await createSigner({ type: "HMAC", secretKey: "my-secret-key" });
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: "my-api-key", signer },
 * });
 * // Type-checked, not run here: with computeCommissionRates the rates come back.
 * const rates = (): Promise<OrderCommission> =>
 *   orderTest(conn, {
 *     symbol: "BTCUSDT",
 *     side: "SELL",
 *     type: "MARKET",
 *     quantity: "0.001",
 *     computeCommissionRates: true,
 *   });
 * console.log(typeof rates);
 * // MARKET takes quantity or quoteOrderQty, not both.
 * await assert.rejects(
 *   orderTest(conn, { symbol: "BTCUSDT", side: "SELL", type: "MARKET", quantity: "1", quoteOrderQty: "10" }),
 *   ValidationError,
 * );
 * ```
 */
export function orderTest<P extends OrderTestParams & NoUnknownParams<P, OrderTestParams>>(
  conn: WsApiConnection,
  params: P,
  options?: OrderRequestOptions,
): Promise<OrderTestResult<P>> {
  return writeOrder(conn, write, params, testModel<P>(params), options);
}
