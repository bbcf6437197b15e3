/**
 * `myPreventedMatches`: gets the account's orders that self-trade prevention (STP) expired.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { exactlyOneOf, int, needs, symbol } from "../core/_params.ts";
import { type SignedParams, signedShape } from "./_order_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { type PreventedMatch, PreventedMatchList } from "../models/prevented_match.ts";

/**
 * Parameters of {@linkcode myPreventedMatches}. The combinations Binance supports:
 * `symbol` + `preventedMatchId`; `symbol` + `orderId`; `symbol` + `orderId` +
 * `fromPreventedMatchId` (+ `limit`).
 */
export interface MyPreventedMatchesParams extends SignedParams {
  /** The symbol, e.g. `"BTCUSDT"`. */
  symbol: string;
  /** One prevented match, by its id. Exactly one of `preventedMatchId` and `orderId`. */
  preventedMatchId?: number;
  /** The prevented matches of one order (taker or maker). Exactly one of `preventedMatchId` and `orderId`. */
  orderId?: number;
  /** With `orderId`: the prevented matches from this id on. */
  fromPreventedMatchId?: number;
  /** With `fromPreventedMatchId`: how many, 1–1000. Default 500. */
  limit?: number;
}

type Params = MyPreventedMatchesParams & Record<string, unknown>;

const schema: z.ZodType<MyPreventedMatchesParams> = z.strictObject({
  symbol,
  preventedMatchId: int(0).optional(),
  orderId: int(0).optional(),
  fromPreventedMatchId: int(0).optional(),
  limit: int(1, 1000).optional(),
  ...signedShape,
}).superRefine(exactlyOneOf<Params>("orderId", "preventedMatchId"))
  .superRefine(needs<Params>("fromPreventedMatchId", "orderId"))
  .superRefine(needs<Params>("limit", "fromPreventedMatchId"));

/** Metadata of `myPreventedMatches`: security type, data source and weight. */
export const myPreventedMatchesInfo: WsApiMethodInfo<MyPreventedMatchesParams> = {
  method: "myPreventedMatches",
  security: "USER_DATA",
  dataSource: "Database",
  weightRule: "by preventedMatchId: 2; by orderId: 20 (2 when the symbol is invalid)",
  weight: (p) => (p.preventedMatchId !== undefined ? 2 : 20),
};

/**
 * Gets the account's orders that self-trade prevention (STP) expired: one prevented match by
 * its id, or those of one order.
 *
 * Weight: by preventedMatchId: 2; by orderId: 20 (2 when the symbol is invalid).
 * Security type: USER_DATA. Data source: Database.
 *
 * @param conn The connection (with `credentials`).
 * @param params The symbol, and `preventedMatchId`, or `orderId` (with `fromPreventedMatchId`
 *   and `limit` to page).
 * @param options Signal and timeout.
 * @returns The {@linkcode PreventedMatch}es.
 * @throws {ValidationError} when the parameters are invalid (not one of the supported
 *   combinations), or the connection has no credentials (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#account-prevented-matches-user_data}
 *
 * @example An order that STP expired
 * ```ts
 * import { connectWsApi, createSigner, myPreventedMatches, orderPlace } from "@binance-ws/spot";
 * import { FAKE_ACCOUNT, startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
 * });
 * // A sell resting first at the best ask (the market's own liquidity there taken away), then a
 * // buy of the same account that would take it.
 * const price = exchange.market.orderBook("BTCUSDT", 1).asks[0][0];
 * exchange.market.clearLevel("BTCUSDT", "asks", price);
 * const order = { symbol: "BTCUSDT", type: "LIMIT", timeInForce: "GTC", price, quantity: "0.001" } as const;
 * const maker = await orderPlace(conn, { ...order, side: "SELL" });
 * await orderPlace(conn, { ...order, side: "BUY", selfTradePreventionMode: "EXPIRE_MAKER" });
 * const [match] = await myPreventedMatches(conn, { symbol: "BTCUSDT", orderId: maker.orderId });
 * assert.equal(match.makerOrderId, maker.orderId);
 * assert.equal(match.selfTradePreventionMode, "EXPIRE_MAKER");
 * ```
 */
export function myPreventedMatches(
  conn: WsApiConnection,
  params: MyPreventedMatchesParams,
  options?: RequestOptions,
): Promise<PreventedMatch[]> {
  return callMethod(conn, myPreventedMatchesInfo, schema, params, PreventedMatchList, options);
}
