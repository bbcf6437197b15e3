/**
 * `openOrderLists.status`: gets the account's open order lists.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { type SignedParams, signedShape } from "./_order_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { type OrderListStatus, OrderListStatusList } from "../models/order_list.ts";

/** Parameters of {@linkcode openOrderListsStatus}: the timing params only. */
export type OpenOrderListsStatusParams = SignedParams;

const schema: z.ZodType<OpenOrderListsStatusParams> = z.strictObject({ ...signedShape });

/** Metadata of `openOrderLists.status`: security type, data source and weight. */
export const openOrderListsStatusInfo: WsApiMethodInfo<OpenOrderListsStatusParams> = {
  method: "openOrderLists.status",
  security: "USER_DATA",
  // The docs write "Memory -> Database", the other methods "Memory => Database".
  dataSource: "Memory => Database",
  weightRule: "6",
  weight: () => 6,
};

/**
 * Gets the account's open order lists, of every symbol. Each is reported as
 * {@linkcode orderListStatus} reports it.
 *
 * Weight: 6.
 * Security type: USER_DATA. Data source: Memory => Database.
 *
 * @param conn The connection (with `credentials`).
 * @param params The timing params (optional).
 * @param options Signal and timeout.
 * @returns The open order lists ({@linkcode OrderListStatus}).
 * @throws {ValidationError} when the parameters are invalid, or the connection has no
 *   credentials (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#current-open-order-lists-user_data}
 *
 * @example The open order lists
 * ```ts
 * import { connectWsApi, createSigner, openOrderListsStatus, orderListPlaceOco } from "@binance-ws/spot";
 * import { FAKE_ACCOUNT, startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
 * });
 * await orderListPlaceOco(conn, {
 *   symbol: "BTCUSDT", side: "SELL", quantity: "0.001",
 *   aboveType: "LIMIT_MAKER", abovePrice: "70000",
 *   belowType: "STOP_LOSS_LIMIT", belowStopPrice: "60000", belowPrice: "59000",
 *   belowTimeInForce: "GTC",
 * });
 * const lists = await openOrderListsStatus(conn);
 * assert.equal(lists.length, 1);
 * assert.equal(lists[0].contingencyType, "OCO");
 * ```
 */
export function openOrderListsStatus(
  conn: WsApiConnection,
  params?: OpenOrderListsStatusParams,
  options?: RequestOptions,
): Promise<OrderListStatus[]> {
  return callMethod(conn, openOrderListsStatusInfo, schema, params, OrderListStatusList, options);
}
