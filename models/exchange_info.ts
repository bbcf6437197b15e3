/**
 * The result of `exchangeInfo`.
 *
 * @module
 */
import { z } from "zod";
import { long, modelFactory } from "../core/_model.ts";
import type { RateLimit } from "../core/rate_limits.ts";
import type { ModelFactory } from "../core/types.ts";

/**
 * A symbol or exchange filter. `filterType` names it (`PRICE_FILTER`, `LOT_SIZE`,
 * `NOTIONAL`, …); its other fields are as Binance documents them in `filters.md`, decimals
 * as strings. Unknown filter types are kept as they come.
 */
export interface SymbolFilter {
  /** The filter's type, e.g. `"PRICE_FILTER"`. */
  filterType: string;
  /** The filter's other fields. */
  [field: string]: unknown;
}

/** One symbol's trading rules. */
export interface SymbolInfo {
  /** The symbol, e.g. `"BNBBTC"`. */
  symbol: string;
  /** `TRADING`, `END_OF_DAY`, `HALT`, `BREAK` or `CANCEL_ONLY`. */
  status: string;
  /** Base asset. */
  baseAsset: string;
  /** Precision of the base asset. */
  baseAssetPrecision: number;
  /** Quote asset. */
  quoteAsset: string;
  /** Precision of the quote asset. */
  quotePrecision: number;
  /** Precision of the quote asset (same as `quotePrecision`). */
  quoteAssetPrecision: number;
  /** Precision of commissions in the base asset. */
  baseCommissionPrecision: number;
  /** Precision of commissions in the quote asset. */
  quoteCommissionPrecision: number;
  /** Allowed order types. */
  orderTypes: string[];
  /** Whether iceberg orders are allowed. */
  icebergAllowed: boolean;
  /** Whether OCO order lists are allowed. */
  ocoAllowed: boolean;
  /** Whether OTO order lists are allowed. */
  otoAllowed?: boolean;
  /** Whether OPO order lists are allowed. */
  opoAllowed?: boolean;
  /** Whether MARKET orders may give `quoteOrderQty`. */
  quoteOrderQtyMarketAllowed: boolean;
  /** Whether trailing stops are allowed. */
  allowTrailingStop: boolean;
  /** Whether `order.cancelReplace` is allowed. */
  cancelReplaceAllowed: boolean;
  /** Whether `order.amend.keepPriority` is allowed. */
  amendAllowed?: boolean;
  /** Whether pegged orders are allowed. */
  pegInstructionsAllowed?: boolean;
  /** Whether spot trading is allowed. */
  isSpotTradingAllowed: boolean;
  /** Whether margin trading is allowed. */
  isMarginTradingAllowed: boolean;
  /** The symbol's filters. */
  filters: SymbolFilter[];
  /**
   * Permissions (deprecated; see `permissionSets`). Empty today, and absent once Binance removes
   * it (CHANGELOG 2024-04-10: "will be removed in a future release").
   */
  permissions?: string[];
  /** Sets of permissions; an account needs all of one set to trade. */
  permissionSets: string[][];
  /** Default self-trade prevention mode. */
  defaultSelfTradePreventionMode: string;
  /** Allowed self-trade prevention modes. */
  allowedSelfTradePreventionModes: string[];
}

/** A smart order routing group. */
export interface SorInfo {
  /** The base asset. */
  baseAsset: string;
  /** The symbols SOR can route between. */
  symbols: string[];
}

/** Exchange trading rules and symbol information. */
export interface ExchangeInfo {
  /** Time zone of the server (`UTC`). */
  timezone: string;
  /** Server time. */
  serverTime: number;
  /** The exchange's rate limits (no `count`). */
  rateLimits: RateLimit[];
  /** Exchange-wide filters. */
  exchangeFilters: SymbolFilter[];
  /** The symbols. */
  symbols: SymbolInfo[];
  /** Smart order routing groups, if any. */
  sors?: SorInfo[];
}

const filter: z.ZodType<SymbolFilter> = z.looseObject({ filterType: z.string() });

const symbolInfo: z.ZodType<SymbolInfo> = z.object({
  symbol: z.string(),
  status: z.string(),
  baseAsset: z.string(),
  baseAssetPrecision: long,
  quoteAsset: z.string(),
  quotePrecision: long,
  quoteAssetPrecision: long,
  baseCommissionPrecision: long,
  quoteCommissionPrecision: long,
  orderTypes: z.array(z.string()),
  icebergAllowed: z.boolean(),
  ocoAllowed: z.boolean(),
  otoAllowed: z.boolean().optional(),
  opoAllowed: z.boolean().optional(),
  quoteOrderQtyMarketAllowed: z.boolean(),
  allowTrailingStop: z.boolean(),
  cancelReplaceAllowed: z.boolean(),
  amendAllowed: z.boolean().optional(),
  pegInstructionsAllowed: z.boolean().optional(),
  isSpotTradingAllowed: z.boolean(),
  isMarginTradingAllowed: z.boolean(),
  filters: z.array(filter),
  permissions: z.array(z.string()).optional(),
  permissionSets: z.array(z.array(z.string())),
  defaultSelfTradePreventionMode: z.string(),
  allowedSelfTradePreventionModes: z.array(z.string()),
});

const rateLimit: z.ZodType<RateLimit> = z.object({
  rateLimitType: z.string(),
  interval: z.string(),
  intervalNum: long,
  limit: long,
  count: long.optional(),
});

const schema: z.ZodType<ExchangeInfo> = z.object({
  timezone: z.string(),
  serverTime: long,
  rateLimits: z.array(rateLimit),
  exchangeFilters: z.array(filter),
  symbols: z.array(symbolInfo),
  sors: z.array(z.object({ baseAsset: z.string(), symbols: z.array(z.string()) })).optional(),
});

/**
 * Factory of {@linkcode ExchangeInfo}.
 *
 * @example Usage
 * ```ts
 * import { ExchangeInfo } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const info = ExchangeInfo.parse({
 *   timezone: "UTC", serverTime: 1655969291181, exchangeFilters: [], symbols: [],
 *   rateLimits: [{ rateLimitType: "REQUEST_WEIGHT", interval: "MINUTE", intervalNum: 1, limit: 6000 }],
 * });
 * assert.equal(info.rateLimits[0].limit, 6000);
 * ```
 */
export const ExchangeInfo: ModelFactory<ExchangeInfo> = modelFactory("ExchangeInfo", schema);
