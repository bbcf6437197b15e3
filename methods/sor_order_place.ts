/**
 * `sor.order.place`: places an order with smart order routing.
 *
 * @module
 */
import type { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import type { WsApiMethodInfo } from "../core/types.ts";
import {
  legOrder,
  type OrderResponseType,
  type OrderSide,
  type SelfTradePreventionMode,
  type SignedParams,
  SINGLE,
  singleOrderRule,
  sorOrderObject,
  type TimeInForce,
} from "./_order_params.ts";
import { sorOrderModel } from "./_order_result.ts";
import { type OrderRequestOptions, type OrderWrite, writeOrder } from "./_order_write.ts";
import type { NoUnknownParams, SorOrderPlaceResult } from "./_result.ts";

/** Parameters of {@linkcode sorOrderPlace}: LIMIT or MARKET by quantity (no quoteOrderQty, no peg). */
export interface SorOrderPlaceParams extends SignedParams {
  /** The symbol. */
  symbol: string;
  /** `BUY` or `SELL`. */
  side: OrderSide;
  /** `LIMIT` or `MARKET` only. */
  type: "LIMIT" | "MARKET";
  /** Base quantity. */
  quantity: string;
  /** LIMIT only (and required there). */
  timeInForce?: TimeInForce;
  /** LIMIT only (and required there). */
  price?: string;
  /** Your id of the order. Generated when absent. */
  newClientOrderId?: string;
  /** `ACK`, `RESULT` or `FULL` (default FULL). */
  newOrderRespType?: OrderResponseType;
  /** Iceberg part (LIMIT with timeInForce GTC). */
  icebergQty?: string;
  /** Strategy id. */
  strategyId?: number;
  /** Strategy type (1 000 000 or more). */
  strategyType?: number;
  /** Self-trade prevention mode. */
  selfTradePreventionMode?: SelfTradePreventionMode;
}

const schema: z.ZodType<SorOrderPlaceParams> = sorOrderObject.superRefine(singleOrderRule);

/** Metadata of `sor.order.place`: security type, data source, weight and orders placed. */
export const sorOrderPlaceInfo: WsApiMethodInfo<SorOrderPlaceParams> = {
  method: "sor.order.place",
  security: "TRADE",
  dataSource: "Matching Engine",
  weightRule: "1 (0 when successful, CHANGELOG 2026-04-02)",
  weight: () => 1,
  orders: () => 1,
};

const write: OrderWrite<SorOrderPlaceParams> = {
  info: sorOrderPlaceInfo,
  schema,
  clientIds: () => ["newClientOrderId"],
  orders: (p) => [legOrder(p as unknown as Record<string, unknown>, SINGLE)],
};

/**
 * Places an order through smart order routing: LIMIT or MARKET, `timeInForce` and `price` for
 * LIMIT only. A missing `newClientOrderId` is generated.
 *
 * Weight: 1 (0 when successful, CHANGELOG 2026-04-02).
 * Security type: TRADE. Data source: Matching Engine.
 *
 * @typeParam P The params' type, inferred from the call: it picks the result type.
 * @param conn The connection (with `credentials`).
 * @param params The order, in Binance's names.
 * @param options Signal, timeout, and for order writes `filters` and `generateClientOrderIds`.
 * @returns A list of order reports as `newOrderRespType` picks them (FULL by default); FULL fills
 *   carry the allocations (`matchType`, `allocId`).
 * @throws {ValidationError} when the parameters are invalid, or the connection has no
 *   credentials (nothing is sent).
 * @throws {FilterError} when `options.filters` is given and the order breaks a filter
 *   (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#place-new-order-using-sor-trade}
 *
 * @example A SOR order (refused here: LIMIT without a price)
 * ```ts
 * import { ValidationError, connectWsApi, createSigner, sorOrderPlace, type OrderFull } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * const signer = await createSigner({ type: "HMAC", secretKey: "my-secret-key" });
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: "my-api-key", signer },
 * });
 * // Type-checked, not run here: SOR answers a list, FULL by default, with allocations.
 * const buy = (): Promise<OrderFull[]> =>
 *   sorOrderPlace(conn, {
 *     symbol: "BTCUSDT",
 *     side: "BUY",
 *     type: "LIMIT",
 *     timeInForce: "GTC",
 *     price: "31000",
 *     quantity: "0.5",
 *   });
 * console.log(typeof buy);
 * await assert.rejects(
 *   sorOrderPlace(conn, { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", timeInForce: "GTC", quantity: "0.5" }),
 *   ValidationError,
 * );
 * ```
 */
export function sorOrderPlace<
  P extends SorOrderPlaceParams & NoUnknownParams<P, SorOrderPlaceParams>,
>(
  conn: WsApiConnection,
  params: P,
  options?: OrderRequestOptions,
): Promise<SorOrderPlaceResult<P>> {
  return writeOrder(conn, write, params, sorOrderModel<P>(params), options);
}
