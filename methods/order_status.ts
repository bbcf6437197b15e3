/**
 * `order.status`: gets an order's status, by its id or client id.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { clientOrderId, int, symbol } from "../core/_params.ts";
import { eitherRequired, type SignedParams, signedShape } from "./_order_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { QueriedOrder } from "../models/queried_order.ts";

/** Parameters of {@linkcode orderStatus}. */
export interface OrderStatusParams extends SignedParams {
  /** The symbol. */
  symbol: string;
  /** The order's id. One of `orderId` and `origClientOrderId` is required. */
  orderId?: number;
  /** The order's client id. With `orderId` too, Binance checks that both match (-2039). */
  origClientOrderId?: string;
}

const schema: z.ZodType<OrderStatusParams> = z.strictObject({
  symbol,
  orderId: int(0).optional(),
  origClientOrderId: clientOrderId.optional(),
  ...signedShape,
}).superRefine(eitherRequired("orderId", "origClientOrderId"));

/** Metadata of `order.status`: security type, data source and weight. */
export const orderStatusInfo: WsApiMethodInfo<OrderStatusParams> = {
  method: "order.status",
  security: "USER_DATA",
  dataSource: "Memory => Database",
  weightRule: "4",
  weight: () => 4,
};

/**
 * Gets an order's status, by its id or client id.
 *
 * Weight: 4.
 * Security type: USER_DATA. Data source: Memory => Database.
 *
 * @param conn The connection (with `credentials`).
 * @param params The symbol and the order's `orderId` or `origClientOrderId`.
 * @param options Signal and timeout.
 * @returns The {@linkcode QueriedOrder}.
 * @throws {ValidationError} when the parameters are invalid, or the connection has no
 *   credentials (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#query-order-user_data}
 *
 * @example Query an order (refused here: no id)
 * ```ts
 * import { ValidationError, connectWsApi, createSigner, orderStatus } from "@binance-ws/spot";
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
 * const query = () => orderStatus(conn, { symbol: "BTCUSDT", origClientOrderId: "my-order-1" });
 * console.log(typeof query);
 * await assert.rejects(orderStatus(conn, { symbol: "BTCUSDT" }), ValidationError);
 * ```
 */
export function orderStatus(
  conn: WsApiConnection,
  params: OrderStatusParams,
  options?: RequestOptions,
): Promise<QueriedOrder> {
  return callMethod(conn, orderStatusInfo, schema, params, QueriedOrder, options);
}
