/**
 * `allOrderLists`: gets the account's order lists (open or done), by time or id.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { DAY_MS, int, timestamp, windowAtMost } from "../core/_params.ts";
import { type SignedParams, signedShape } from "./_order_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { type OrderListStatus, OrderListStatusList } from "../models/order_list.ts";

/** Parameters of {@linkcode allOrderLists}. */
export interface AllOrderListsParams extends SignedParams {
  /** The list id to begin at: lists with an id at or above it. Ignored with a time range. */
  fromId?: number;
  /**
   * Start of the range (ms or µs), on each list's last `transactionTime`. At most 24 hours
   * before `endTime` (exactly 24 hours is allowed).
   */
  startTime?: number;
  /** End of the range (ms or µs). */
  endTime?: number;
  /** How many, 1–1000. Default 500. */
  limit?: number;
}

const schema: z.ZodType<AllOrderListsParams> = z.strictObject({
  fromId: int(0).optional(),
  startTime: timestamp.optional(),
  endTime: timestamp.optional(),
  limit: int(1, 1000).optional(),
  ...signedShape,
}).superRefine(windowAtMost<AllOrderListsParams>(DAY_MS, "24 hours"));

/** Metadata of `allOrderLists`: security type, data source and weight. */
export const allOrderListsInfo: WsApiMethodInfo<AllOrderListsParams> = {
  method: "allOrderLists",
  security: "USER_DATA",
  dataSource: "Database",
  weightRule: "20",
  weight: () => 20,
};

/**
 * Gets the account's order lists, open or done, by list id ascending. With `fromId`, the lists
 * from that id on; with `startTime`/`endTime`, those whose last update is in the range
 * (`fromId` is then ignored); with neither, the most recent.
 *
 * Weight: 20.
 * Security type: USER_DATA. Data source: Database.
 *
 * @param conn The connection (with `credentials`).
 * @param params The range or `fromId`, and `limit` (all optional).
 * @param options Signal and timeout.
 * @returns The order lists ({@linkcode OrderListStatus}).
 * @throws {ValidationError} when the parameters are invalid (such as more than 24 hours
 *   between `startTime` and `endTime`), or the connection has no credentials (nothing is
 *   sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#account-order-list-history-user_data}
 *
 * @example The order list history
 * ```ts
 * import { allOrderLists, connectWsApi, createSigner, ValidationError } from "@binance-ws/spot";
 * import { FAKE_ACCOUNT, startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
 * });
 * assert.deepEqual(await allOrderLists(conn, { limit: 5 }), []);
 * // More than 24 hours: refused before sending.
 * const day = 86_400_000;
 * await assert.rejects(
 *   allOrderLists(conn, { startTime: 1660780800000, endTime: 1660780800000 + day + 1 }),
 *   ValidationError,
 * );
 * ```
 */
export function allOrderLists(
  conn: WsApiConnection,
  params?: AllOrderListsParams,
  options?: RequestOptions,
): Promise<OrderListStatus[]> {
  return callMethod(conn, allOrderListsInfo, schema, params, OrderListStatusList, options);
}
