/**
 * `myAllocations`: gets the allocations of the account's SOR order placements.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { DAY_MS, int, notWith, symbol, timestamp, windowAtMost } from "../core/_params.ts";
import { type SignedParams, signedShape } from "./_order_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { type Allocation, AllocationList } from "../models/allocation.ts";

/**
 * Parameters of {@linkcode myAllocations}. The combinations Binance supports: `symbol` alone
 * (oldest first); with `startTime` and/or `endTime` (at most 24 hours apart); with
 * `fromAllocationId`; with `orderId` (and `fromAllocationId`). `limit` goes with any.
 */
export interface MyAllocationsParams extends SignedParams {
  /** The symbol, e.g. `"BTCUSDT"`. */
  symbol: string;
  /** The oldest allocations from this time on (ms). Not with `fromAllocationId` or `orderId`. */
  startTime?: number;
  /** The newest allocations until this time (ms). At most 24 h after `startTime`. */
  endTime?: number;
  /** The allocations from this id on. Not with `startTime` or `endTime`. */
  fromAllocationId?: number;
  /** How many, 1–1000. Default 500. */
  limit?: number;
  /** The allocations of one order. Not with `startTime` or `endTime`. */
  orderId?: number;
}

type Params = MyAllocationsParams & Record<string, unknown>;

const schema: z.ZodType<MyAllocationsParams> = z.strictObject({
  symbol,
  startTime: timestamp.optional(),
  endTime: timestamp.optional(),
  fromAllocationId: int(0).optional(),
  limit: int(1, 1000).optional(),
  orderId: int(0).optional(),
  ...signedShape,
}).superRefine(notWith<Params>("fromAllocationId", "startTime", "endTime"))
  .superRefine(notWith<Params>("orderId", "startTime", "endTime"))
  .superRefine(windowAtMost<Params>(DAY_MS, "24 hours"));

/** Metadata of `myAllocations`: security type, data source and weight. */
export const myAllocationsInfo: WsApiMethodInfo<MyAllocationsParams> = {
  method: "myAllocations",
  security: "USER_DATA",
  dataSource: "Database",
  weightRule: "20",
  weight: () => 20,
};

/**
 * Gets the allocations of the account's SOR order placements (`sorOrderPlace`): by time, by
 * allocation id, or those of one order.
 *
 * Weight: 20.
 * Security type: USER_DATA. Data source: Database.
 *
 * @param conn The connection (with `credentials`).
 * @param params The symbol, and a time window, a `fromAllocationId` or an `orderId`.
 * @param options Signal and timeout.
 * @returns The {@linkcode Allocation}s.
 * @throws {ValidationError} when the parameters are invalid (a window longer than 24 hours,
 *   an unsupported combination), or the connection has no credentials (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#account-allocations-user_data}
 *
 * @example What an SOR order received
 * ```ts
 * import { connectWsApi, createSigner, myAllocations, sorOrderPlace } from "@binance-ws/spot";
 * import { FAKE_ACCOUNT, startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
 * });
 * const [order] = await sorOrderPlace(conn, {
 *   symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.001",
 * });
 * const allocations = await myAllocations(conn, { symbol: "BTCUSDT", orderId: order.orderId });
 * assert.equal(allocations[0].allocationType, "SOR");
 * ```
 */
export function myAllocations(
  conn: WsApiConnection,
  params: MyAllocationsParams,
  options?: RequestOptions,
): Promise<Allocation[]> {
  return callMethod(conn, myAllocationsInfo, schema, params, AllocationList, options);
}
