/**
 * `sor.order.test`: tests a smart order routing order without placing it.
 *
 * @module
 */
import type { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import type { WsApiMethodInfo } from "../core/types.ts";
import {
  commissionRatesShape,
  singleOrder,
  singleOrderRule,
  sorOrderObject,
  testWeight,
} from "./_order_params.ts";
import { testModel } from "./_order_result.ts";
import { type OrderRequestOptions, type OrderWrite, writeOrder } from "./_order_write.ts";
import type { NoUnknownParams, OrderTestResult } from "./_result.ts";
import type { SorOrderPlaceParams } from "./sor_order_place.ts";

/** Parameters of {@linkcode sorOrderTest}: those of `sor.order.place`, and `computeCommissionRates`. */
export interface SorOrderTestParams extends SorOrderPlaceParams {
  /** Answer the commission rates the order would pay. Default `false`. */
  computeCommissionRates?: boolean;
}

const schema: z.ZodType<SorOrderTestParams> = sorOrderObject.extend(commissionRatesShape)
  .superRefine(singleOrderRule);

/** Metadata of `sor.order.test`: security type, data source and weight. */
export const sorOrderTestInfo: WsApiMethodInfo<SorOrderTestParams> = {
  method: "sor.order.test",
  security: "TRADE",
  dataSource: "Memory",
  weightRule: "without computeCommissionRates: 1; with computeCommissionRates: 20",
  weight: testWeight,
  orders: () => 0,
};

const write: OrderWrite<SorOrderTestParams> = {
  info: sorOrderTestInfo,
  schema,
  clientIds: () => [],
  orders: singleOrder,
};

/**
 * Tests a SOR order without placing it. Same rules as {@linkcode sorOrderPlace}.
 *
 * Weight: without computeCommissionRates: 1; with computeCommissionRates: 20.
 * Security type: TRADE. Data source: Memory.
 *
 * @typeParam P The params' type, inferred from the call: it picks the result type.
 * @param conn The connection (with `credentials`).
 * @param params The order, as for `sorOrderPlace`, and `computeCommissionRates`.
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
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#test-new-order-using-sor-trade}
 *
 * @example Test a SOR order (refused here: MARKET with a price)
 * ```ts
 * import { ValidationError, connectWsApi, createSigner, sorOrderTest } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * const signer = await createSigner({ type: "HMAC", secretKey: "my-secret-key" });
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: "my-api-key", signer },
 * });
 * // Type-checked, not run here.
 * const test = () => sorOrderTest(conn, { symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.5" });
 * console.log(typeof test);
 * await assert.rejects(
 *   sorOrderTest(conn, { symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.5", price: "1" }),
 *   ValidationError,
 * );
 * ```
 */
export function sorOrderTest<
  P extends SorOrderTestParams & NoUnknownParams<P, SorOrderTestParams>,
>(
  conn: WsApiConnection,
  params: P,
  options?: OrderRequestOptions,
): Promise<OrderTestResult<P>> {
  return writeOrder(conn, write, params, testModel<P>(params), options);
}
