/**
 * `account.status`: gets the account's information: permissions, commissions and balances.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { type SignedParams, signedShape } from "./_order_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { AccountStatus } from "../models/account_status.ts";

/** Parameters of {@linkcode accountStatus}. */
export interface AccountStatusParams extends SignedParams {
  /** Leave out the balances that are zero. Default `false`. */
  omitZeroBalances?: boolean;
}

const schema: z.ZodType<AccountStatusParams> = z.strictObject({
  omitZeroBalances: z.boolean().optional(),
  ...signedShape,
});

/** Metadata of `account.status`: security type, data source and weight. */
export const accountStatusInfo: WsApiMethodInfo<AccountStatusParams> = {
  method: "account.status",
  security: "USER_DATA",
  dataSource: "Memory => Database",
  weightRule: "20",
  weight: () => 20,
};

/**
 * Gets the account's information: permissions, commissions and balances.
 *
 * Weight: 20.
 * Security type: USER_DATA. Data source: Memory => Database.
 *
 * @param conn The connection (with `credentials`).
 * @param params `omitZeroBalances`, and the timing params.
 * @param options Signal and timeout.
 * @returns The {@linkcode AccountStatus}.
 * @throws {ValidationError} when the parameters are invalid, or the connection has no
 *   credentials (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#account-information-user_data}
 *
 * @example Balances (refused here: a recvWindow above 60000)
 * ```ts
 * import { ValidationError, accountStatus, connectWsApi, createSigner } from "@binance-ws/spot";
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
 * const balances = () => accountStatus(conn, { omitZeroBalances: true });
 * console.log(typeof balances);
 * await assert.rejects(accountStatus(conn, { recvWindow: 70_000 }), ValidationError);
 * ```
 */
export function accountStatus(
  conn: WsApiConnection,
  params?: AccountStatusParams,
  options?: RequestOptions,
): Promise<AccountStatus> {
  return callMethod(conn, accountStatusInfo, schema, params, AccountStatus, options);
}
