/**
 * `orderList.cancel`: cancels an order list (all of its orders).
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { clientOrderId, int, symbol } from "../core/_params.ts";
import { eitherRequired, type SignedParams, signedShape } from "./_order_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { CanceledOrderList } from "../models/order_cancel.ts";

/** Parameters of {@linkcode orderListCancel}. */
export interface OrderListCancelParams extends SignedParams {
  /** The symbol. */
  symbol: string;
  /** The list's id. One of `orderListId` and `listClientOrderId` is required. */
  orderListId?: number;
  /** The list's client id. With `orderListId` too, Binance checks that both match. */
  listClientOrderId?: string;
  /** A new client id for the canceled list. */
  newClientOrderId?: string;
}

const schema: z.ZodType<OrderListCancelParams> = z.strictObject({
  symbol,
  orderListId: int(0).optional(),
  listClientOrderId: clientOrderId.optional(),
  newClientOrderId: clientOrderId.optional(),
  ...signedShape,
}).superRefine(eitherRequired("orderListId", "listClientOrderId"));

/** Metadata of `orderList.cancel`: security type, data source and weight. */
export const orderListCancelInfo: WsApiMethodInfo<OrderListCancelParams> = {
  method: "orderList.cancel",
  security: "TRADE",
  dataSource: "Matching Engine",
  weightRule: "1 (0 when successful, CHANGELOG 2026-04-02)",
  weight: () => 1,
};

/**
 * Cancels an order list (all of its orders).
 *
 * Weight: 1 (0 when successful, CHANGELOG 2026-04-02).
 * Security type: TRADE. Data source: Matching Engine.
 *
 * @param conn The connection (with `credentials`).
 * @param params The symbol and the list's `orderListId` or `listClientOrderId`.
 * @param options Signal and timeout.
 * @returns The {@linkcode CanceledOrderList}.
 * @throws {ValidationError} when the parameters are invalid, or the connection has no
 *   credentials (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#cancel-order-list-trade}
 *
 * @example Cancel a list (refused here: no id)
 * ```ts
 * import { ValidationError, connectWsApi, createSigner, orderListCancel } from "@binance-ws/spot";
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
 * const cancel = () => orderListCancel(conn, { symbol: "BTCUSDT", orderListId: 1274512 });
 * console.log(typeof cancel);
 * await assert.rejects(orderListCancel(conn, { symbol: "BTCUSDT" }), ValidationError);
 * ```
 */
export function orderListCancel(
  conn: WsApiConnection,
  params: OrderListCancelParams,
  options?: RequestOptions,
): Promise<CanceledOrderList> {
  return callMethod(conn, orderListCancelInfo, schema, params, CanceledOrderList, options);
}
