/**
 * The result of `account.commission`.
 *
 * @module
 */
import { z } from "zod";
import { decimal, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";
import type { AccountCommissionRates } from "./account_status.ts";
import type { CommissionDiscount } from "./order_commission.ts";

/** The account's commission rates on a symbol (faqs/commission_faq.md). */
export interface AccountCommission {
  /** The symbol, e.g. `"BTCUSDT"`. */
  symbol: string;
  /** Standard rates on trades. */
  standardCommission: AccountCommissionRates;
  /** Special rates. */
  specialCommission: AccountCommissionRates;
  /** Tax rates on trades. */
  taxCommission: AccountCommissionRates;
  /** The discount on standard commissions when paying in BNB. */
  discount: CommissionDiscount;
}

const rates: z.ZodType<AccountCommissionRates> = z.object({
  maker: decimal,
  taker: decimal,
  buyer: decimal,
  seller: decimal,
});

const schema: z.ZodType<AccountCommission> = z.object({
  symbol: z.string(),
  standardCommission: rates,
  specialCommission: rates,
  taxCommission: rates,
  discount: z.object({
    enabledForAccount: z.boolean(),
    enabledForSymbol: z.boolean(),
    discountAsset: z.string(),
    discount: decimal,
  }),
});

/**
 * Factory of {@linkcode AccountCommission}.
 *
 * @example Usage
 * ```ts
 * import { AccountCommission } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const rates = { maker: "0.00000010", taker: "0.00000020", buyer: "0.00000030", seller: "0.00000040" };
 * const c = AccountCommission.parse({
 *   symbol: "BTCUSDT", standardCommission: rates, specialCommission: rates, taxCommission: rates,
 *   discount: { enabledForAccount: true, enabledForSymbol: true, discountAsset: "BNB", discount: "0.75000000" },
 * });
 * assert.equal(c.standardCommission.taker, "0.00000020");
 * ```
 */
export const AccountCommission: ModelFactory<AccountCommission> = modelFactory(
  "AccountCommission",
  schema,
);
