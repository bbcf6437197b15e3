/**
 * The results of `klines` and `uiKlines`, with Binance's arrays given readable names.
 *
 * @module
 */
import { z } from "zod";
import { decimal, long, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** One kline (candlestick). */
export interface Kline {
  /** Open time. */
  openTime: number;
  /** Open price. */
  open: string;
  /** High price. */
  high: string;
  /** Low price. */
  low: string;
  /** Close price. */
  close: string;
  /** Base asset volume. */
  volume: string;
  /** Close time. */
  closeTime: number;
  /** Quote asset volume. */
  quoteAssetVolume: string;
  /** Number of trades. */
  numberOfTrades: number;
  /** Taker buy base asset volume. */
  takerBuyBaseAssetVolume: string;
  /** Taker buy quote asset volume. */
  takerBuyQuoteAssetVolume: string;
}

const schema: z.ZodType<Kline, unknown> = z.tuple([
  long,
  decimal,
  decimal,
  decimal,
  decimal,
  decimal,
  long,
  decimal,
  long,
  decimal,
  decimal,
], z.unknown()).transform((k) => ({
  openTime: k[0],
  open: k[1],
  high: k[2],
  low: k[3],
  close: k[4],
  volume: k[5],
  closeTime: k[6],
  quoteAssetVolume: k[7],
  numberOfTrades: k[8],
  takerBuyBaseAssetVolume: k[9],
  takerBuyQuoteAssetVolume: k[10],
}));

/**
 * Factory of {@linkcode Kline}, from Binance's 12-element array.
 *
 * @example Usage
 * ```ts
 * import { Kline } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const k = Kline.parse([
 *   1655971200000, "0.01086000", "0.01086600", "0.01083600", "0.01083800", "2290.53800000",
 *   1655974799999, "24.85074442", 2283, "1171.64000000", "12.71225884", "0",
 * ]);
 * assert.equal(k.close, "0.01083800");
 * assert.equal(k.numberOfTrades, 2283);
 * ```
 */
export const Kline: ModelFactory<Kline> = modelFactory("Kline", schema);

/** Factory of a list of {@linkcode Kline}. */
export const KlineList: ModelFactory<Kline[]> = modelFactory("Kline[]", z.array(schema));
