// Private: the `exchangeInfo` answer of the fake's WS API: limits, symbols and their filters.

import { symbolFilters } from "../_exchange/filters.ts";
import type { SymbolState } from "../_exchange/market.ts";
import type { Context } from "./handler.ts";
import { ORDER_TYPES } from "./_order_params.ts";

/** The `exchangeInfo` result for the selected symbols; it reports the fake's weight limit. */
export function exchangeInfoOf(list: SymbolState[], ctx: Context, weightLimit: number): unknown {
  const p = ctx.params;
  return {
    timezone: "UTC",
    serverTime: ctx.t(ctx.now),
    rateLimits: [
      {
        rateLimitType: "REQUEST_WEIGHT",
        interval: "MINUTE",
        intervalNum: 1,
        limit: weightLimit,
      },
      { rateLimitType: "ORDERS", interval: "SECOND", intervalNum: 10, limit: 50 },
      { rateLimitType: "ORDERS", interval: "DAY", intervalNum: 1, limit: 160000 },
      { rateLimitType: "CONNECTIONS", interval: "MINUTE", intervalNum: 5, limit: 300 },
    ],
    exchangeFilters: [],
    symbols: list.map((s) => ({
      symbol: s.spec.symbol,
      status: s.spec.status,
      baseAsset: s.spec.baseAsset,
      baseAssetPrecision: 8,
      quoteAsset: s.spec.quoteAsset,
      quotePrecision: 8,
      quoteAssetPrecision: 8,
      baseCommissionPrecision: 8,
      quoteCommissionPrecision: 8,
      orderTypes: [...ORDER_TYPES],
      icebergAllowed: true,
      ocoAllowed: true,
      otoAllowed: true,
      opoAllowed: true,
      quoteOrderQtyMarketAllowed: true,
      allowTrailingStop: true,
      cancelReplaceAllowed: true,
      amendAllowed: true,
      pegInstructionsAllowed: true,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: false,
      filters: filters(s),
      permissions: [],
      permissionSets: p.showPermissionSets === false ? [] : [["SPOT"]],
      defaultSelfTradePreventionMode: "NONE",
      allowedSelfTradePreventionModes: [
        "NONE",
        "EXPIRE_TAKER",
        "EXPIRE_MAKER",
        "EXPIRE_BOTH",
        "DECREMENT",
        "TRANSFER",
      ],
    })),
    sors: [{ baseAsset: "BTC", symbols: ["BTCUSDT"] }],
  };
}

function filters(s: SymbolState): unknown[] {
  return symbolFilters(s.spec);
}
