/**
 * The result of `ticker.price`.
 *
 * @module
 */
import { z } from "zod";
import { decimal, modelFactory } from "../core/_model.ts";
import type { ModelFactory } from "../core/types.ts";

/** The latest price of a symbol. */
export interface TickerPrice {
  /** The symbol, e.g. `"BNBBTC"`. */
  symbol: string;
  /** The latest price, an exact decimal string. */
  price: string;
}

const schema: z.ZodType<TickerPrice> = z.object({ symbol: z.string(), price: decimal });

/**
 * Factory of {@linkcode TickerPrice}.
 *
 * @example Usage
 * ```ts
 * import { TickerPrice } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(TickerPrice.parse({ symbol: "BNBBTC", price: "0.01361900" }).price, "0.01361900");
 * ```
 */
export const TickerPrice: ModelFactory<TickerPrice> = modelFactory("TickerPrice", schema);

/** Factory of a list of {@linkcode TickerPrice}. */
export const TickerPriceList: ModelFactory<TickerPrice[]> = modelFactory(
  "TickerPrice[]",
  z.array(schema),
);
