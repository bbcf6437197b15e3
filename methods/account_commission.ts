/**
 * `account.commission`: gets the account's commission rates on a symbol.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { symbol } from "../core/_params.ts";
import { type SignedParams, signedShape } from "./_order_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { AccountCommission } from "../models/account_commission.ts";

/** Parameters of {@linkcode accountCommission}. */
export interface AccountCommissionParams extends SignedParams {
  /** The symbol, e.g. `"BTCUSDT"`. */
  symbol: string;
}

const schema: z.ZodType<AccountCommissionParams> = z.strictObject({
  symbol,
  ...signedShape,
});

/** Metadata of `account.commission`: security type, data source and weight. */
export const accountCommissionInfo: WsApiMethodInfo<AccountCommissionParams> = {
  method: "account.commission",
  security: "USER_DATA",
  dataSource: "Database",
  weightRule: "20",
  weight: () => 20,
};

/**
 * Gets the account's commission rates on a symbol: standard, special and tax rates, and the
 * BNB discount.
 *
 * Weight: 20.
 * Security type: USER_DATA. Data source: Database.
 *
 * @param conn The connection (with `credentials`).
 * @param params The symbol, and the timing params.
 * @param options Signal and timeout.
 * @returns The {@linkcode AccountCommission}.
 * @throws {ValidationError} when the parameters are invalid, or the connection has no
 *   credentials (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#account-commission-rates-user_data}
 *
 * @example The rates the account pays
 * ```ts
 * import { accountCommission, connectWsApi, createSigner } from "@binance-ws/spot";
 * import { FAKE_ACCOUNT, startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
 * });
 * const rates = await accountCommission(conn, { symbol: "BTCUSDT" });
 * assert.equal(rates.standardCommission.taker, "0.00100000");
 * ```
 */
export function accountCommission(
  conn: WsApiConnection,
  params: AccountCommissionParams,
  options?: RequestOptions,
): Promise<AccountCommission> {
  return callMethod(conn, accountCommissionInfo, schema, params, AccountCommission, options);
}
