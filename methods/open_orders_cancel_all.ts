/**
 * `openOrders.cancelAll`: cancels every open order of a symbol, order lists included.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { symbol } from "../core/_params.ts";
import { type SignedParams, signedShape } from "./_order_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import {
  type CanceledOrder,
  type CanceledOrderList,
  CancelResultList,
} from "../models/order_cancel.ts";

/** Parameters of {@linkcode openOrdersCancelAll}. */
export interface OpenOrdersCancelAllParams extends SignedParams {
  /** The symbol whose open orders (and order lists) are canceled. */
  symbol: string;
}

const schema: z.ZodType<OpenOrdersCancelAllParams> = z.strictObject({ symbol, ...signedShape });

/** Metadata of `openOrders.cancelAll`: security type, data source and weight. */
export const openOrdersCancelAllInfo: WsApiMethodInfo<OpenOrdersCancelAllParams> = {
  method: "openOrders.cancelAll",
  security: "TRADE",
  dataSource: "Matching Engine",
  weightRule: "1 (0 when successful, CHANGELOG 2026-04-02)",
  weight: () => 1,
};

/**
 * Cancels every open order of a symbol, order lists included.
 *
 * Weight: 1 (0 when successful, CHANGELOG 2026-04-02).
 * Security type: TRADE. Data source: Matching Engine.
 *
 * @param conn The connection (with `credentials`).
 * @param params The symbol.
 * @param options Signal and timeout.
 * @returns A report per canceled order ({@linkcode CanceledOrder}) and per canceled list
 *   ({@linkcode CanceledOrderList}), mixed.
 * @throws {ValidationError} when the parameters are invalid, or the connection has no
 *   credentials (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#cancel-open-orders-trade}
 *
 * @example Cancel all (refused here: no symbol)
 * ```ts
 * import { ValidationError, connectWsApi, createSigner, openOrdersCancelAll } from "@binance-ws/spot";
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
 * const cancelAll = () => openOrdersCancelAll(conn, { symbol: "BTCUSDT" });
 * console.log(typeof cancelAll);
 * await assert.rejects(openOrdersCancelAll(conn, {} as { symbol: string }), ValidationError);
 * ```
 */
export function openOrdersCancelAll(
  conn: WsApiConnection,
  params: OpenOrdersCancelAllParams,
  options?: RequestOptions,
): Promise<(CanceledOrder | CanceledOrderList)[]> {
  return callMethod(conn, openOrdersCancelAllInfo, schema, params, CancelResultList, options);
}
