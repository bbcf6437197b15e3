// Private: the symbol filters of the fake exchange (filters.md), written once: `exchangeInfo`
// reports them (../_handlers/_exchange_info.ts) and the matching engine enforces them with
// Binance's -1013 "Filter failure: <NAME>". Exact bigint arithmetic in units of 1e-8.

import { dec, divUnits, mul, mulUnits, parseUnits, SCALE } from "./decimal.ts";
import type { SymbolSpec, SymbolState } from "./market.ts";
import { isStopType, type OrderType, reject, type Side } from "./orders.ts";

/** The filters of a symbol, as `exchangeInfo` reports them. */
export function symbolFilters(s: SymbolSpec): Record<string, unknown>[] {
  return [
    {
      filterType: "PRICE_FILTER",
      minPrice: dec(s.tick),
      maxPrice: "1000000.00000000",
      tickSize: dec(s.tick),
    },
    {
      filterType: "LOT_SIZE",
      minQty: dec(s.step),
      maxQty: "9000.00000000",
      stepSize: dec(s.step),
    },
    // CHANGELOG 2026-02-24: 100 for all symbols since 2026-03-12.
    { filterType: "ICEBERG_PARTS", limit: 100 },
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
      minNotional: dec(s.tick * 100),
      applyMinToMarket: true,
      maxNotional: "9000000.00000000",
      applyMaxToMarket: false,
      avgPriceMins: 5,
    },
    { filterType: "MAX_NUM_ORDERS", maxNumOrders: 200 },
    { filterType: "MAX_NUM_ALGO_ORDERS", maxNumAlgoOrders: 5 },
    // CHANGELOG 2025-08-12 (enabled 2025-08-28): 10 amendments per order, 20 open lists.
    { filterType: "MAX_NUM_ORDER_AMENDS", maxNumOrderAmends: 10 },
    { filterType: "MAX_NUM_ORDER_LISTS", maxNumOrderLists: 20 },
  ];
}

/** What the filters look at in one order. */
export interface FilterInput {
  side: Side;
  type: OrderType;
  price?: bigint;
  quantity?: bigint;
  quoteOrderQty?: bigint;
  stopPrice?: bigint;
  trailingDelta?: number;
  icebergQty?: bigint;
}

/** The account's open orders on the symbol, and how many the request adds. */
export interface OrderCounts {
  open: number;
  openAlgo: number;
  adding: number;
  addingAlgo: number;
}

function filterFailure(name: string): never {
  reject(-1013, `Filter failure: ${name}`);
}

function u(v: unknown): bigint {
  return parseUnits(String(v)) ?? 0n;
}

/** The symbol's average price as `avgPrice` computes it: the last 60 trades' VWAP. */
export function averagePrice(s: SymbolState): bigint {
  let quote = 0n, vol = 0n;
  for (const t of s.trades.slice(-60)) {
    quote += mul(t.price, t.qty);
    vol += BigInt(t.qty);
  }
  return vol === 0n ? BigInt(s.spec.mid) : (quote * SCALE) / vol;
}

/**
 * The price PERCENT_PRICE_BY_SIDE and NOTIONAL measure against: the symbol's non-null reference
 * price (as `referencePrice` reports it, ../_handlers/market.ts), else the average price
 * (CHANGELOG 2026-05-06; filters.md "When a non-null reference price for the symbol exists, it
 * is used in the filter evaluation").
 */
export function filterPrice(s: SymbolState): bigint {
  return s.spec.reference === "ARITHMETIC_MEAN" ? BigInt(s.book.bids[0][0]) : averagePrice(s);
}

function onStep(v: bigint, min: bigint, step: bigint): boolean {
  return step === 0n || (v - min) % step === 0n;
}

/**
 * Checks an order against its symbol's filters, in the order `exchangeInfo` lists them.
 *
 * @param s The symbol.
 * @param o The order's prices and quantities.
 * @param counts Open orders and how many the request adds (MAX_NUM_ORDERS, MAX_NUM_ALGO_ORDERS).
 * @throws {Rejection} -1013 naming the first filter the order breaks.
 */
export function checkFilters(s: SymbolState, o: FilterInput, counts: OrderCounts): void {
  const market = o.type === "MARKET" || o.type === "STOP_LOSS" || o.type === "TAKE_PROFIT";
  for (const f of symbolFilters(s.spec)) {
    switch (f.filterType) {
      case "PRICE_FILTER": {
        const [min, max, tick] = [u(f.minPrice), u(f.maxPrice), u(f.tickSize)];
        for (const p of [o.price, o.stopPrice]) {
          if (p === undefined || p === 0n) continue;
          if ((min > 0n && p < min) || (max > 0n && p > max) || !onStep(p, min, tick)) {
            filterFailure("PRICE_FILTER");
          }
        }
        break;
      }
      case "LOT_SIZE": {
        // filters.md: the rules hold for `quantity` and for `icebergQty`.
        const [min, max, step] = [u(f.minQty), u(f.maxQty), u(f.stepSize)];
        const iceberg = o.icebergQty === 0n ? undefined : o.icebergQty;
        for (const q of [o.quantity, iceberg]) {
          if (q !== undefined && (q < min || q > max || !onStep(q, min, step))) {
            filterFailure("LOT_SIZE");
          }
        }
        break;
      }
      case "ICEBERG_PARTS": {
        if (o.icebergQty !== undefined && o.icebergQty > 0n && o.quantity !== undefined) {
          const parts = (o.quantity + o.icebergQty - 1n) / o.icebergQty;
          if (parts > BigInt(f.limit as number)) filterFailure("ICEBERG_PARTS");
        }
        break;
      }
      case "MARKET_LOT_SIZE": {
        const q = o.quantity;
        const [min, max, step] = [u(f.minQty), u(f.maxQty), u(f.stepSize)];
        if (market && q !== undefined && (q < min || q > max || !onStep(q, min, step))) {
          filterFailure("MARKET_LOT_SIZE");
        }
        break;
      }
      case "TRAILING_DELTA": {
        if (o.trailingDelta === undefined) break;
        const above = (o.type.startsWith("STOP_LOSS") && o.side === "BUY") ||
          (o.type.startsWith("TAKE_PROFIT") && o.side === "SELL");
        const [min, max] = above
          ? [f.minTrailingAboveDelta as number, f.maxTrailingAboveDelta as number]
          : [f.minTrailingBelowDelta as number, f.maxTrailingBelowDelta as number];
        if (o.trailingDelta < min || o.trailingDelta > max) filterFailure("TRAILING_DELTA");
        break;
      }
      case "PERCENT_PRICE_BY_SIDE": {
        if (o.price === undefined || o.price === 0n || market) break;
        const avg = filterPrice(s);
        const [up, down] = o.side === "BUY"
          ? [u(f.bidMultiplierUp), u(f.bidMultiplierDown)]
          : [u(f.askMultiplierUp), u(f.askMultiplierDown)];
        if (o.price > mulUnits(avg, up) || o.price < mulUnits(avg, down)) {
          filterFailure("PERCENT_PRICE_BY_SIDE");
        }
        break;
      }
      case "NOTIONAL": {
        let notional: bigint | undefined;
        if (market) {
          notional = o.quoteOrderQty ??
            (o.quantity === undefined ? undefined : mulUnits(filterPrice(s), o.quantity));
        } else if (o.price !== undefined && o.quantity !== undefined) {
          notional = mulUnits(o.price, o.quantity);
        }
        if (notional === undefined) break;
        const applyMin = !market || f.applyMinToMarket === true;
        const applyMax = !market || f.applyMaxToMarket === true;
        if (
          (applyMin && notional < u(f.minNotional)) || (applyMax && notional > u(f.maxNotional))
        ) {
          filterFailure("NOTIONAL");
        }
        break;
      }
      case "MAX_NUM_ORDERS":
        if (counts.open + counts.adding > (f.maxNumOrders as number)) {
          filterFailure("MAX_NUM_ORDERS");
        }
        break;
      case "MAX_NUM_ALGO_ORDERS":
        if (
          counts.addingAlgo > 0 &&
          counts.openAlgo + counts.addingAlgo > (f.maxNumAlgoOrders as number)
        ) {
          filterFailure("MAX_NUM_ALGO_ORDERS");
        }
        break;
    }
  }
}

/** Whether an order type counts as an algo order (stop and take-profit types). */
export function isAlgo(type: OrderType): boolean {
  return isStopType(type);
}

/** `quantity` rounded down to the symbol's LOT_SIZE step (for quoteOrderQty and OPO). */
export function roundToStep(s: SymbolState, q: bigint): bigint {
  const step = BigInt(s.spec.step);
  return (q / step) * step;
}

export { divUnits };
