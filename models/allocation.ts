/**
 * The result of `myAllocations`: the allocations of SOR order placements.
 *
 * @module
 */
import { z } from "zod";
import { decimal, long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** One allocation: a quantity an SOR order received (faqs/sor_faq.md). */
export interface Allocation {
  /** The symbol, e.g. `"BTCUSDT"`. */
  symbol: string;
  /** The allocation's id, per symbol (the `allocId` of the order's fills). */
  allocationId: number;
  /** `SOR`. */
  allocationType: string;
  /** The order's id. */
  orderId: number;
  /** Its order list's id, or -1. */
  orderListId: number;
  /** Price. */
  price: string;
  /** Quantity. */
  qty: string;
  /** Quote quantity. */
  quoteQty: string;
  /** Commission charged. */
  commission: string;
  /** The asset the commission was charged in. */
  commissionAsset: string;
  /** When it was allocated. */
  time: number;
  /** Whether the order bought. */
  isBuyer: boolean;
  /** Whether the order was the maker. */
  isMaker: boolean;
  /** Whether the account was the allocator. */
  isAllocator: boolean;
}

const schema: z.ZodType<Allocation> = z.object({
  symbol: z.string(),
  allocationId: long,
  allocationType: z.string(),
  orderId: long,
  orderListId: long,
  price: decimal,
  qty: decimal,
  quoteQty: decimal,
  commission: decimal,
  commissionAsset: z.string(),
  time: long,
  isBuyer: z.boolean(),
  isMaker: z.boolean(),
  isAllocator: z.boolean(),
});

/**
 * Factory of {@linkcode Allocation}.
 *
 * @example Usage
 * ```ts
 * import { Allocation } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const a = Allocation.parse({
 *   symbol: "BTCUSDT", allocationId: 0, allocationType: "SOR", orderId: 500, orderListId: -1,
 *   price: "1.00000000", qty: "0.10000000", quoteQty: "0.10000000", commission: "0.00000000",
 *   commissionAsset: "BTC", time: 1687319487614, isBuyer: false, isMaker: false,
 *   isAllocator: false,
 * });
 * assert.equal(a.qty, "0.10000000");
 * ```
 */
export const Allocation: ModelFactory<Allocation> = modelFactory("Allocation", schema);

/** Factory of a list of {@linkcode Allocation}. */
export const AllocationList: ModelFactory<Allocation[]> = modelFactory(
  "Allocation[]",
  z.array(schema),
);
