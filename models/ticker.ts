/**
 * The results of `ticker.24hr`, `ticker.tradingDay` and `ticker` (rolling window), in their
 * FULL and MINI forms.
 *
 * @module
 */
import { z } from "zod";
import { decimal, long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** Price change statistics, MINI form (`type: "MINI"`), shared by all three methods. */
export interface TickerMini {
  /** The symbol. */
  symbol: string;
  /** First price of the window. */
  openPrice: string;
  /** Highest price of the window. */
  highPrice: string;
  /** Lowest price of the window. */
  lowPrice: string;
  /** Last price. */
  lastPrice: string;
  /** Base asset volume. */
  volume: string;
  /** Quote asset volume. */
  quoteVolume: string;
  /** Start of the window. */
  openTime: number;
  /** End of the window. */
  closeTime: number;
  /** First trade id of the window (-1 when none). */
  firstId: number;
  /** Last trade id of the window (-1 when none). */
  lastId: number;
  /** Number of trades. */
  count: number;
}

/** Price change statistics of `ticker` and `ticker.tradingDay`, FULL form. */
export interface RollingWindowTicker extends TickerMini {
  /** Absolute price change. */
  priceChange: string;
  /** Relative price change in percent. */
  priceChangePercent: string;
  /** Volume-weighted average price. */
  weightedAvgPrice: string;
}

/** 24 h price change statistics of `ticker.24hr`, FULL form. */
export interface Ticker24hr extends RollingWindowTicker {
  /** Close price of the previous window. */
  prevClosePrice: string;
  /** Quantity of the last trade. */
  lastQty: string;
  /** Best bid price. */
  bidPrice: string;
  /** Quantity at the best bid. */
  bidQty: string;
  /** Best ask price. */
  askPrice: string;
  /** Quantity at the best ask. */
  askQty: string;
}

const miniShape = {
  symbol: z.string(),
  openPrice: decimal,
  highPrice: decimal,
  lowPrice: decimal,
  lastPrice: decimal,
  volume: decimal,
  quoteVolume: decimal,
  openTime: long,
  closeTime: long,
  firstId: long,
  lastId: long,
  count: long,
};
const fullShape = {
  ...miniShape,
  priceChange: decimal,
  priceChangePercent: decimal,
  weightedAvgPrice: decimal,
};
const mini: z.ZodType<TickerMini> = z.object(miniShape);
const full: z.ZodType<RollingWindowTicker> = z.object(fullShape);
const full24hr: z.ZodType<Ticker24hr> = z.object({
  ...fullShape,
  prevClosePrice: decimal,
  lastQty: decimal,
  bidPrice: decimal,
  bidQty: decimal,
  askPrice: decimal,
  askQty: decimal,
});

/**
 * Factory of {@linkcode TickerMini}.
 *
 * @example Usage
 * ```ts
 * import { TickerMini } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = TickerMini.parse({
 *   symbol: "BNBBTC", openPrice: "0.01362800", highPrice: "0.01414900", lowPrice: "0.01346600",
 *   lastPrice: "0.01376700", volume: "69412.40500000", quoteVolume: "959.59411487",
 *   openTime: 1660014164909, closeTime: 1660100564909, firstId: 194696115, lastId: 194968287,
 *   count: 272173,
 * });
 * assert.equal(t.lastPrice, "0.01376700");
 * ```
 */
export const TickerMini: ModelFactory<TickerMini> = modelFactory("TickerMini", mini);
/** Factory of a list of {@linkcode TickerMini}. */
export const TickerMiniList: ModelFactory<TickerMini[]> = modelFactory(
  "TickerMini[]",
  z.array(mini),
);
/** Factory of {@linkcode RollingWindowTicker}. */
export const RollingWindowTicker: ModelFactory<RollingWindowTicker> = modelFactory(
  "RollingWindowTicker",
  full,
);
/** Factory of a list of {@linkcode RollingWindowTicker}. */
export const RollingWindowTickerList: ModelFactory<RollingWindowTicker[]> = modelFactory(
  "RollingWindowTicker[]",
  z.array(full),
);
/** Factory of {@linkcode Ticker24hr}. */
export const Ticker24hr: ModelFactory<Ticker24hr> = modelFactory("Ticker24hr", full24hr);
/** Factory of a list of {@linkcode Ticker24hr}. */
export const Ticker24hrList: ModelFactory<Ticker24hr[]> = modelFactory(
  "Ticker24hr[]",
  z.array(full24hr),
);
