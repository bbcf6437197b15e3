/**
 * `orderList.status`: gets an order list's status, by its id or client id.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { clientOrderId, int } from "../core/_params.ts";
import { eitherRequired, type SignedParams, signedShape } from "./_order_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { OrderListStatus } from "../models/order_list.ts";

/** Parameters of {@linkcode orderListStatus}. */
export interface OrderListStatusParams extends SignedParams {
  /** The list's client id (`listClientOrderId`); used when both ids are given. */
  origClientOrderId?: string;
  /** The list's id. One of `origClientOrderId` and `orderListId` is required. */
  orderListId?: number;
}

const schema: z.ZodType<OrderListStatusParams> = z.strictObject({
  origClientOrderId: clientOrderId.optional(),
  orderListId: int(0).optional(),
  ...signedShape,
}).superRefine(eitherRequired("origClientOrderId", "orderListId"));

/** Metadata of `orderList.status`: security type, data source and weight. */
export const orderListStatusInfo: WsApiMethodInfo<OrderListStatusParams> = {
  method: "orderList.status",
  security: "USER_DATA",
  dataSource: "Database",
  weightRule: "4",
  weight: () => 4,
};

/**
 * Gets an order list's status, by its id or client id.
 *
 * Weight: 4.
 * Security type: USER_DATA. Data source: Database.
 *
 * @param conn The connection (with `credentials`).
 * @param params The list's `origClientOrderId` or `orderListId`.
 * @param options Signal and timeout.
 * @returns The {@linkcode OrderListStatus}.
 * @throws {ValidationError} when the parameters are invalid, or the connection has no
 *   credentials (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#query-order-list-user_data}
 *
 * @example Query a list (refused here: no id)
 * ```ts
 * import { ValidationError, connectWsApi, createSigner, orderListStatus } from "@binance-ws/spot";
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
 * const query = () => orderListStatus(conn, { orderListId: 1274512 });
 * console.log(typeof query);
 * await assert.rejects(orderListStatus(conn, {}), ValidationError);
 * ```
 */
export function orderListStatus(
  conn: WsApiConnection,
  params: OrderListStatusParams,
  options?: RequestOptions,
): Promise<OrderListStatus> {
  return callMethod(conn, orderListStatusInfo, schema, params, OrderListStatus, options);
}
