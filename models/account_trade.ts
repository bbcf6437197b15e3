/**
 * The result of `myTrades`: the account's own trades.
 *
 * @module
 */
import { z } from "zod";
import { decimal, long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** One trade of the account, as `myTrades` reports it. */
export interface AccountTrade {
  /** The symbol. */
  symbol: string;
  /** The trade id (ids of a symbol increase). */
  id: number;
  /** The id of the account's order that traded. */
  orderId: number;
  /** The order's list id, -1 when it is in no list. */
  orderListId: number;
  /** Price, an exact decimal string. */
  price: string;
  /** Quantity, an exact decimal string. */
  qty: string;
  /** `price × qty`, an exact decimal string. */
  quoteQty: string;
  /** Commission charged, an exact decimal string. */
  commission: string;
  /** The asset the commission was charged in. */
  commissionAsset: string;
  /** Trade time (ms, or µs with `timeUnit: "MICROSECOND"`). */
  time: number;
  /** Whether the account was the buyer. */
  isBuyer: boolean;
  /** Whether the account's order was the maker. */
  isMaker: boolean;
  /** Whether the trade was the best price match. */
  isBestMatch: boolean;
}

const schema: z.ZodType<AccountTrade> = z.object({
  symbol: z.string(),
  id: long,
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
  isBestMatch: z.boolean(),
});

/**
 * Factory of {@linkcode AccountTrade}.
 *
 * @example Usage
 * ```ts
 * import { AccountTrade } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = AccountTrade.parse({
 *   symbol: "BTCUSDT", id: 1650422481, orderId: 12569099453, orderListId: -1,
 *   price: "23416.10000000", qty: "0.00635000", quoteQty: "148.69223500",
 *   commission: "0.00000000", commissionAsset: "BNB", time: 1660801715793,
 *   isBuyer: false, isMaker: true, isBestMatch: true,
 * });
 * assert.equal(t.quoteQty, "148.69223500");
 * ```
 */
export const AccountTrade: ModelFactory<AccountTrade> = modelFactory("AccountTrade", schema);

/** Factory of a list of {@linkcode AccountTrade}. */
export const AccountTradeList: ModelFactory<AccountTrade[]> = modelFactory(
  "AccountTrade[]",
  z.array(schema),
);
