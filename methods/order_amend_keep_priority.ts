/**
 * `order.amend.keepPriority`: reduces an open order's quantity while it keeps its place in the queue.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { clientOrderId, int, positiveDecimalString, symbol } from "../core/_params.ts";
import { eitherRequired, type SignedParams, signedShape } from "./_order_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { OrderAmendResult } from "../models/amended_order.ts";

/** Parameters of {@linkcode orderAmendKeepPriority}. */
export interface OrderAmendKeepPriorityParams extends SignedParams {
  /** The symbol. */
  symbol: string;
  /** The new quantity: above 0 and below the order's current quantity. */
  newQty: string;
  /** The order's id. One of `orderId` and `origClientOrderId` is required. */
  orderId?: number;
  /** The order's client id. */
  origClientOrderId?: string;
  /** The order's new client id (Binance picks one when absent; may be the current one). */
  newClientOrderId?: string;
}

const schema: z.ZodType<OrderAmendKeepPriorityParams> = z.strictObject({
  symbol,
  newQty: positiveDecimalString,
  orderId: int(0).optional(),
  origClientOrderId: clientOrderId.optional(),
  newClientOrderId: clientOrderId.optional(),
  ...signedShape,
}).superRefine(eitherRequired("orderId", "origClientOrderId"));

/** Metadata of `order.amend.keepPriority`: security type, data source and weight. */
export const orderAmendKeepPriorityInfo: WsApiMethodInfo<OrderAmendKeepPriorityParams> = {
  method: "order.amend.keepPriority",
  security: "TRADE",
  dataSource: "Matching Engine",
  weightRule: "4 (0 only when the amendment makes the order expire, CHANGELOG 2026-04-02)",
  weight: () => 4,
};

/**
 * Reduces an open order's quantity while it keeps its place in the queue.
 *
 * Weight: 4 (0 only when the amendment makes the order expire, CHANGELOG 2026-04-02).
 * Security type: TRADE. Data source: Matching Engine.
 *
 * @param conn The connection (with `credentials`).
 * @param params The symbol, the order's id and the new quantity.
 * @param options Signal and timeout.
 * @returns The {@linkcode OrderAmendResult}, with the list's status when the order belongs to one.
 * @throws {ValidationError} when the parameters are invalid, or the connection has no
 *   credentials (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#order-amend-keep-priority-trade}
 *
 * @example Reduce a quantity (refused here: the quantity is a number)
 * ```ts
 * import { ValidationError, connectWsApi, createSigner, orderAmendKeepPriority } from "@binance-ws/spot";
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
 * const amend = () => orderAmendKeepPriority(conn, { symbol: "BTCUSDT", orderId: 12, newQty: "0.5" });
 * console.log(typeof amend);
 * await assert.rejects(
 *   orderAmendKeepPriority(conn, { symbol: "BTCUSDT", orderId: 12, newQty: 0.5 as unknown as string }),
 *   ValidationError,
 * );
 * ```
 */
export function orderAmendKeepPriority(
  conn: WsApiConnection,
  params: OrderAmendKeepPriorityParams,
  options?: RequestOptions,
): Promise<OrderAmendResult> {
  return callMethod(conn, orderAmendKeepPriorityInfo, schema, params, OrderAmendResult, options);
}
