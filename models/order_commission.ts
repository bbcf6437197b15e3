/**
 * The result of `order.test` and `sor.order.test` with `computeCommissionRates: true`.
 *
 * @module
 */
import { z } from "zod";
import { decimal, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** Maker and taker rates. */
export interface MakerTakerRates {
  /** Maker rate. */
  maker: string;
  /** Taker rate. */
  taker: string;
}

/** The BNB discount of commissions. */
export interface CommissionDiscount {
  /** Whether the account has the discount on. */
  enabledForAccount: boolean;
  /** Whether the symbol allows it. */
  enabledForSymbol: boolean;
  /** The asset commissions are paid in with the discount. */
  discountAsset: string;
  /** The discount rate. */
  discount: string;
}

/** The commission rates an order would pay. */
export interface OrderCommission {
  /** Standard rates for the order. */
  standardCommissionForOrder: MakerTakerRates;
  /** Special rates (`order.test` only). */
  specialCommissionForOrder?: MakerTakerRates;
  /** Tax rates. */
  taxCommissionForOrder: MakerTakerRates;
  /** The BNB discount. */
  discount: CommissionDiscount;
}

const rates: z.ZodType<MakerTakerRates> = z.object({ maker: decimal, taker: decimal });
const schema: z.ZodType<OrderCommission> = z.object({
  standardCommissionForOrder: rates,
  specialCommissionForOrder: rates.optional(),
  taxCommissionForOrder: rates,
  discount: z.object({
    enabledForAccount: z.boolean(),
    enabledForSymbol: z.boolean(),
    discountAsset: z.string(),
    discount: decimal,
  }),
});

/**
 * Factory of {@linkcode OrderCommission}.
 *
 * @example Usage
 * ```ts
 * import { OrderCommission } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const c = OrderCommission.parse({
 *   standardCommissionForOrder: { maker: "0.00000112", taker: "0.00000114" },
 *   taxCommissionForOrder: { maker: "0.00000112", taker: "0.00000114" },
 *   discount: { enabledForAccount: true, enabledForSymbol: true, discountAsset: "BNB", discount: "0.25" },
 * });
 * assert.equal(c.discount.discount, "0.25");
 * ```
 */
export const OrderCommission: ModelFactory<OrderCommission> = modelFactory(
  "OrderCommission",
  schema,
);
