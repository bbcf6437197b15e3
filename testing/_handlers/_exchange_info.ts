// Private: the `exchangeInfo` answer of the fake's WS API: limits, symbols and their filters.

import { dec } from "../_exchange/decimal.ts";
import type { SymbolState } from "../_exchange/market.ts";
import type { Context } from "./handler.ts";

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
      orderTypes: ["LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"],
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
      ],
    })),
    sors: [{ baseAsset: "BTC", symbols: ["BTCUSDT"] }],
  };
}

function filters(s: SymbolState): unknown[] {
  return [
    {
      filterType: "PRICE_FILTER",
      minPrice: dec(s.spec.tick),
      maxPrice: "1000000.00000000",
      tickSize: dec(s.spec.tick),
    },
    {
      filterType: "LOT_SIZE",
      minQty: dec(s.spec.step),
      maxQty: "9000.00000000",
      stepSize: dec(s.spec.step),
    },
    { filterType: "ICEBERG_PARTS", limit: 10 },
    {
      filterType: "MARKET_LOT_SIZE",
      minQty: "0.00000000",
      maxQty: "100.00000000",
      stepSize: "0.00000000",
    },
    {
      filterType: "TRAILING_DELTA",
      minTrailingAboveDelta: 10,
      maxTrailingAboveDelta: 2000,
      minTrailingBelowDelta: 10,
      maxTrailingBelowDelta: 2000,
    },
    {
      filterType: "PERCENT_PRICE_BY_SIDE",
      bidMultiplierUp: "5",
      bidMultiplierDown: "0.2",
      askMultiplierUp: "5",
      askMultiplierDown: "0.2",
      avgPriceMins: 5,
    },
    {
      filterType: "NOTIONAL",
      minNotional: dec(s.spec.tick * 100),
      applyMinToMarket: true,
      maxNotional: "9000000.00000000",
      applyMaxToMarket: false,
      avgPriceMins: 5,
    },
    { filterType: "MAX_NUM_ORDERS", maxNumOrders: 200 },
    { filterType: "MAX_NUM_ALGO_ORDERS", maxNumAlgoOrders: 5 },
  ];
}
