/**
 * The result of `myFilters`: the filters relevant to the account on a symbol.
 *
 * @module
 */
import { z } from "zod";
import { modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";
import type { SymbolFilter } from "./exchange_info.ts";

/**
 * The filters that apply to the account on a symbol (filters.md). Each is a
 * {@linkcode SymbolFilter}: `filterType` names it, its other fields are kept as they come
 * (decimals as strings). This is the only method that shows the account's `MAX_ASSET` filters.
 */
export interface MyFilters {
  /** Exchange filters, e.g. `EXCHANGE_MAX_NUM_ORDERS`. */
  exchangeFilters: SymbolFilter[];
  /** The symbol's filters, e.g. `MAX_NUM_ORDER_LISTS`. */
  symbolFilters: SymbolFilter[];
  /** Asset filters of the account, e.g. `MAX_ASSET`. */
  assetFilters: SymbolFilter[];
}

const filter: z.ZodType<SymbolFilter> = z.looseObject({ filterType: z.string() });

const schema: z.ZodType<MyFilters> = z.object({
  exchangeFilters: z.array(filter),
  symbolFilters: z.array(filter),
  assetFilters: z.array(filter),
});

/**
 * Factory of {@linkcode MyFilters}.
 *
 * @example Usage
 * ```ts
 * import { MyFilters } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const f = MyFilters.parse({
 *   exchangeFilters: [{ filterType: "EXCHANGE_MAX_NUM_ORDERS", maxNumOrders: 1000 }],
 *   symbolFilters: [{ filterType: "MAX_NUM_ORDER_LISTS", maxNumOrderLists: 20 }],
 *   assetFilters: [{ filterType: "MAX_ASSET", asset: "JPY", limit: "1000000.00000000" }],
 * });
 * assert.equal(f.assetFilters[0].limit, "1000000.00000000");
 * ```
 */
export const MyFilters: ModelFactory<MyFilters> = modelFactory("MyFilters", schema);
