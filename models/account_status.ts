/**
 * The result of `account.status`.
 *
 * @module
 */
import { z } from "zod";
import { decimal, long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** One asset's balance. */
export interface Balance {
  /** The asset, e.g. `"BTC"`. */
  asset: string;
  /** Available. */
  free: string;
  /** Locked in open orders. */
  locked: string;
}

/** The account's commission rates. */
export interface AccountCommissionRates {
  /** Maker rate. */
  maker: string;
  /** Taker rate. */
  taker: string;
  /** Buyer rate. */
  buyer: string;
  /** Seller rate. */
  seller: string;
}

/** The account: permissions, commissions and balances. */
export interface AccountStatus {
  /** Maker commission in basis points. */
  makerCommission: number;
  /** Taker commission in basis points. */
  takerCommission: number;
  /** Buyer commission in basis points. */
  buyerCommission: number;
  /** Seller commission in basis points. */
  sellerCommission: number;
  /** Whether the account may trade. */
  canTrade: boolean;
  /** Whether the account may withdraw. */
  canWithdraw: boolean;
  /** Whether the account may deposit. */
  canDeposit: boolean;
  /** The commission rates. */
  commissionRates: AccountCommissionRates;
  /** Whether the account is brokered. */
  brokered: boolean;
  /** Whether orders must use self-trade prevention. */
  requireSelfTradePrevention: boolean;
  /** Whether SOR is disabled for the account. */
  preventSor: boolean;
  /** When the account last changed. */
  updateTime: number;
  /** `SPOT`, … */
  accountType: string;
  /** The balances (without zero ones with `omitZeroBalances`). */
  balances: Balance[];
  /** The account's permissions. */
  permissions: string[];
  /** The user id. */
  uid: number;
}

const schema: z.ZodType<AccountStatus> = z.object({
  makerCommission: long,
  takerCommission: long,
  buyerCommission: long,
  sellerCommission: long,
  canTrade: z.boolean(),
  canWithdraw: z.boolean(),
  canDeposit: z.boolean(),
  commissionRates: z.object({ maker: decimal, taker: decimal, buyer: decimal, seller: decimal }),
  brokered: z.boolean(),
  requireSelfTradePrevention: z.boolean(),
  preventSor: z.boolean(),
  updateTime: long,
  accountType: z.string(),
  balances: z.array(z.object({ asset: z.string(), free: decimal, locked: decimal })),
  permissions: z.array(z.string()),
  uid: long,
});

/**
 * Factory of {@linkcode AccountStatus}.
 *
 * @example Usage
 * ```ts
 * import { AccountStatus } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const a = AccountStatus.parse({
 *   makerCommission: 15, takerCommission: 15, buyerCommission: 0, sellerCommission: 0,
 *   canTrade: true, canWithdraw: true, canDeposit: true,
 *   commissionRates: { maker: "0.00150000", taker: "0.00150000", buyer: "0", seller: "0" },
 *   brokered: false, requireSelfTradePrevention: false, preventSor: false,
 *   updateTime: 1660801833000, accountType: "SPOT",
 *   balances: [{ asset: "BTC", free: "1.3447112", locked: "0.08600000" }],
 *   permissions: ["SPOT"], uid: 354937868,
 * });
 * assert.equal(a.balances[0].free, "1.3447112");
 * ```
 */
export const AccountStatus: ModelFactory<AccountStatus> = modelFactory("AccountStatus", schema);
