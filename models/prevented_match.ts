/**
 * The result of `myPreventedMatches`: the matches that self-trade prevention (STP) stopped.
 *
 * @module
 */
import { z } from "zod";
import { decimal, long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/**
 * One prevented match: a taker and a maker of the same account (or trade group) that would
 * have traded, and what STP expired instead (faqs/stp_faq.md "What is a Prevented Match?").
 */
export interface PreventedMatch {
  /** The symbol of the orders, e.g. `"BTCUSDT"`. */
  symbol: string;
  /** The prevented match's id, per symbol. */
  preventedMatchId: number;
  /** The taker order's id. */
  takerOrderId: number;
  /** The maker order's symbol (web-socket-api.md shows it; the STP FAQ's sample does not). */
  makerSymbol?: string;
  /** The maker order's id. */
  makerOrderId: number;
  /** The trade group, or -1 when the account is in none. */
  tradeGroupId: number;
  /** The STP mode that expired the order(s): `EXPIRE_MAKER`, `EXPIRE_TAKER`, … */
  selfTradePreventionMode: string;
  /** The price at which the match would have happened. */
  price: string;
  /** The taker's remaining quantity before the STP (modes EXPIRE_TAKER, EXPIRE_BOTH, DECREMENT). */
  takerPreventedQuantity?: string;
  /** The maker's remaining quantity before the STP (modes EXPIRE_MAKER, EXPIRE_BOTH, DECREMENT). */
  makerPreventedQuantity?: string;
  /** When the order(s) expired. */
  transactTime: number;
}

const schema: z.ZodType<PreventedMatch> = z.object({
  symbol: z.string(),
  preventedMatchId: long,
  takerOrderId: long,
  makerSymbol: z.string().optional(),
  makerOrderId: long,
  tradeGroupId: long,
  selfTradePreventionMode: z.string(),
  price: decimal,
  takerPreventedQuantity: decimal.optional(),
  makerPreventedQuantity: decimal.optional(),
  transactTime: long,
});

/**
 * Factory of {@linkcode PreventedMatch}.
 *
 * @example Usage
 * ```ts
 * import { PreventedMatch } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const m = PreventedMatch.parse({
 *   symbol: "BTCUSDT", preventedMatchId: 1, takerOrderId: 5, makerSymbol: "BTCUSDT",
 *   makerOrderId: 3, tradeGroupId: 1, selfTradePreventionMode: "EXPIRE_MAKER",
 *   price: "1.100000", makerPreventedQuantity: "1.300000", transactTime: 1669101687094,
 * });
 * assert.equal(m.makerPreventedQuantity, "1.300000");
 * ```
 */
export const PreventedMatch: ModelFactory<PreventedMatch> = modelFactory("PreventedMatch", schema);

/** Factory of a list of {@linkcode PreventedMatch}. */
export const PreventedMatchList: ModelFactory<PreventedMatch[]> = modelFactory(
  "PreventedMatch[]",
  z.array(schema),
);
