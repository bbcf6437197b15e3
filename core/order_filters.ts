/**
 * The exchange's symbol filters, checked before an order is sent: `checkOrderFilters()` and
 * the `FilterError` the order methods throw with their `filters` option. Exact decimal
 * arithmetic (bigint scaling), never floats.
 *
 * @module
 */
import {
  ceilDiv,
  compare,
  type Decimal,
  formatDecimal,
  isMultiple,
  isZero,
  multiply,
  parseDecimal,
} from "./_decimal.ts";
import { ValidationError } from "./errors.ts";

/** One filter of a symbol, as `exchangeInfo` lists it (decimals as strings). */
export interface OrderFilter {
  /** The filter's type, e.g. `"LOT_SIZE"`. */
  filterType: string;
  /** The filter's other fields. */
  [field: string]: unknown;
}

/** What `checkOrderFilters` needs of a symbol: its filters (a `SymbolInfo` of `exchangeInfo`). */
export interface FilterSymbolInfo {
  /** The symbol. */
  symbol: string;
  /** Its filters. */
  filters: readonly OrderFilter[];
}

/** One order as the filters see it (the params of `order.place`, or one leg of a list). */
export interface FilterOrder {
  /** `BUY` or `SELL`; needed by PERCENT_PRICE_BY_SIDE and TRAILING_DELTA. */
  side?: string;
  /** The order type. */
  type: string;
  /** Limit price. */
  price?: string;
  /** Base quantity. */
  quantity?: string;
  /** Quote quantity of a MARKET order. */
  quoteOrderQty?: string;
  /** Trigger price. */
  stopPrice?: string;
  /** Trailing delta in basis points. */
  trailingDelta?: number | string;
  /** Iceberg part. */
  icebergQty?: string;
  /**
   * The request's names of these params, where they differ (a list leg's `abovePrice`…): the
   * violations name them. Default: the names above.
   */
  params?: {
    readonly price?: string;
    readonly quantity?: string;
    readonly quoteOrderQty?: string;
    readonly stopPrice?: string;
    readonly trailingDelta?: string;
    readonly icebergQty?: string;
  };
}

/** The params of a {@linkcode FilterOrder} a violation can name. */
type FilterOrderParam = keyof NonNullable<FilterOrder["params"]>;

/** What some filters need beyond the order. */
export interface OrderFilterOptions {
  /**
   * The price PERCENT_PRICE_BY_SIDE and the notional of MARKET orders are measured against:
   * the symbol's reference price, else its average price over `avgPriceMins` (see
   * `referencePrice` and `avgPrice`). Without it, those checks are skipped.
   */
  referencePrice?: string;
  /** Your open orders on the symbol, for MAX_NUM_ORDERS. Without it, skipped. */
  openOrders?: number;
  /** Your open algo (stop and take-profit) orders on the symbol, for MAX_NUM_ALGO_ORDERS. */
  openAlgoOrders?: number;
}

/** One violated filter. */
export interface FilterViolation {
  /** The filter, e.g. `"LOT_SIZE"`. */
  filterType: string;
  /** The param that violates it, e.g. `"quantity"` (a leg's name for order lists). */
  param: string;
  /** What is wrong. */
  message: string;
}

/**
 * The types that trade as MARKET orders: MARKET, and STOP_LOSS and TAKE_PROFIT once triggered.
 * filters.md names only MARKET for MARKET_LOT_SIZE and the NOTIONAL `apply*ToMarket` flags; the
 * fake exchange applies them to the stop-market types too, and so does this check.
 */
const MARKET = new Set(["MARKET", "STOP_LOSS", "TAKE_PROFIT"]);
const ALGO = new Set(["STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT", "TAKE_PROFIT_LIMIT"]);
/** Trailing stops that trigger above the market (filters.md TRAILING_DELTA). */
const ABOVE = new Set(["STOP_LOSS BUY", "STOP_LOSS_LIMIT BUY", "TAKE_PROFIT SELL"]);
ABOVE.add("TAKE_PROFIT_LIMIT SELL");

/**
 * A filter's decimal field; absent is `undefined` (that rule is not checked).
 *
 * @throws {RangeError} when the field is there but not a plain decimal (its rule would be lost).
 */
function dec(filter: OrderFilter, field: string): Decimal | undefined {
  const v = filter[field];
  if (v === undefined || v === null) return undefined;
  try {
    return parseDecimal(v as string);
  } catch (cause) {
    throw new RangeError(
      `Cannot read filter ${filter.filterType}'s "${field}": ${
        JSON.stringify(v)
      } is not a decimal string`,
      { cause },
    );
  }
}

/**
 * An order's decimal param; absent is `undefined`.
 *
 * @throws {RangeError} when it is not a plain decimal, or is negative.
 */
function orderDecimal(param: string, value: string | number | undefined): Decimal | undefined {
  if (value === undefined) return undefined;
  const d = parseDecimal(value);
  if (d.units < 0n) {
    throw new RangeError(
      `Cannot check the filters: "${param}" ${JSON.stringify(String(value))} is negative`,
    );
  }
  return d;
}

/**
 * Checks one order (or each order of a list, given as `orders`) against a symbol's filters,
 * as `filters.md` defines them: PRICE_FILTER (price and stopPrice), PERCENT_PRICE,
 * PERCENT_PRICE_BY_SIDE,
 * LOT_SIZE (quantity and icebergQty), MARKET_LOT_SIZE, MIN_NOTIONAL and NOTIONAL,
 * ICEBERG_PARTS, MAX_NUM_ORDERS, MAX_NUM_ALGO_ORDERS and TRAILING_DELTA. Exact decimals.
 *
 * STOP_LOSS and TAKE_PROFIT orders (which become MARKET orders) are checked as MARKET orders:
 * MARKET_LOT_SIZE, and MIN_NOTIONAL / NOTIONAL by their `apply*ToMarket` flags, as the fake
 * exchange checks them (filters.md names only MARKET orders).
 *
 * What needs more than the order is checked only when `options` gives it: the reference price
 * (PERCENT_PRICE, PERCENT_PRICE_BY_SIDE, and the notional of MARKET, STOP_LOSS and TAKE_PROFIT
 * orders by `quantity`), the open order counts (MAX_NUM_ORDERS, MAX_NUM_ALGO_ORDERS).
 *
 * @param symbolInfo The symbol's entry of `exchangeInfo` (its `filters`).
 * @param order The order, or the orders of one list (each counts for MAX_NUM_ORDERS).
 * @param options The reference price and open order counts, where known.
 * @returns Every violation, empty when the order passes.
 * @throws {RangeError} when a price or quantity of the order, its trailingDelta (or the reference
 * price) is not a plain decimal or is negative, or a filter's field is there but is not a decimal.
 *
 * @example Quantity off the step size
 * ```ts
 * import { checkOrderFilters } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const symbolInfo = {
 *   symbol: "BTCUSDT",
 *   filters: [{ filterType: "LOT_SIZE", minQty: "0.00100000", maxQty: "100", stepSize: "0.00100000" }],
 * };
 * const found = checkOrderFilters(symbolInfo, {
 *   side: "BUY", type: "LIMIT", price: "65000", quantity: "0.0015",
 * });
 * assert.equal(found[0].filterType, "LOT_SIZE");
 * assert.equal(found[0].param, "quantity");
 * ```
 */
export function checkOrderFilters(
  symbolInfo: FilterSymbolInfo,
  order: FilterOrder | readonly FilterOrder[],
  options: OrderFilterOptions = {},
): FilterViolation[] {
  const orders: readonly FilterOrder[] = Array.isArray(order) ? order : [order as FilterOrder];
  const out: FilterViolation[] = [];
  const list = orders.length > 1;
  orders.forEach((o, i) => {
    for (const v of checkOne(symbolInfo, o, options)) {
      out.push(list ? { ...v, message: `${v.message} (order ${i + 1} of the list)` } : v);
    }
  });
  for (const f of symbolInfo.filters) {
    if (f.filterType === "MAX_NUM_ORDERS" && options.openOrders !== undefined) {
      const max = Number(f.maxNumOrders);
      if (options.openOrders + orders.length > max) {
        out.push({
          filterType: f.filterType,
          param: "",
          message: `${options.openOrders} open orders and ${orders.length} more exceed ` +
            `maxNumOrders ${max}`,
        });
      }
    }
    if (f.filterType === "MAX_NUM_ALGO_ORDERS" && options.openAlgoOrders !== undefined) {
      const algo = orders.filter((o) => ALGO.has(o.type)).length;
      const max = Number(f.maxNumAlgoOrders);
      if (algo > 0 && options.openAlgoOrders + algo > max) {
        out.push({
          filterType: f.filterType,
          param: "",
          message: `${options.openAlgoOrders} open algo orders and ${algo} more exceed ` +
            `maxNumAlgoOrders ${max}`,
        });
      }
    }
  }
  return out;
}

function checkOne(
  info: FilterSymbolInfo,
  o: FilterOrder,
  options: OrderFilterOptions,
): FilterViolation[] {
  const out: FilterViolation[] = [];
  const price = orderDecimal("price", o.price);
  const quantity = orderDecimal("quantity", o.quantity);
  const stopPrice = orderDecimal("stopPrice", o.stopPrice);
  const iceberg = orderDecimal("icebergQty", o.icebergQty);
  const quote = orderDecimal("quoteOrderQty", o.quoteOrderQty);
  const delta = orderDecimal("trailingDelta", o.trailingDelta);
  const reference = orderDecimal("referencePrice", options.referencePrice);
  const market = MARKET.has(o.type);
  const fail = (filterType: string, param: FilterOrderParam, message: string) =>
    out.push({ filterType, param: o.params?.[param] ?? param, message });
  const range = (
    filterType: string,
    param: FilterOrderParam,
    value: Decimal | undefined,
    min: Decimal | undefined,
    max: Decimal | undefined,
    step: Decimal | undefined,
  ) => {
    if (value === undefined) return;
    const v = formatDecimal(value);
    if (min && !isZero(min) && compare(value, min) < 0) {
      fail(filterType, param, `"${v}" is below the minimum "${formatDecimal(min)}"`);
    }
    if (max && !isZero(max) && compare(value, max) > 0) {
      fail(filterType, param, `"${v}" is above the maximum "${formatDecimal(max)}"`);
    }
    if (step && !isZero(step) && !isMultiple(value, step)) {
      fail(filterType, param, `"${v}" is not a multiple of "${formatDecimal(step)}"`);
    }
  };
  /** The price within [down, up] × the reference price (PERCENT_PRICE and its BY_SIDE form). */
  const percentOf = (filterType: string, up: Decimal | undefined, down: Decimal | undefined) => {
    if (price === undefined || reference === undefined) return;
    const v = formatDecimal(price);
    if (up && compare(price, multiply(reference, up)) > 0) {
      fail(filterType, "price", `"${v}" is above ${formatDecimal(up)} × the reference price`);
    }
    if (down && compare(price, multiply(reference, down)) < 0) {
      fail(filterType, "price", `"${v}" is below ${formatDecimal(down)} × the reference price`);
    }
  };
  for (const f of info.filters) {
    switch (f.filterType) {
      case "PRICE_FILTER":
        for (const [param, value] of [["price", price], ["stopPrice", stopPrice]] as const) {
          range(
            f.filterType,
            param,
            value,
            dec(f, "minPrice"),
            dec(f, "maxPrice"),
            dec(f, "tickSize"),
          );
        }
        break;
      case "LOT_SIZE": {
        // icebergQty "0" is no iceberg (filters.md: an ICEBERG order has "icebergQty is > 0").
        const part = iceberg && !isZero(iceberg) ? iceberg : undefined;
        for (const [param, value] of [["quantity", quantity], ["icebergQty", part]] as const) {
          range(f.filterType, param, value, dec(f, "minQty"), dec(f, "maxQty"), dec(f, "stepSize"));
        }
        break;
      }
      case "MARKET_LOT_SIZE":
        if (market) {
          range(
            f.filterType,
            "quantity",
            quantity,
            dec(f, "minQty"),
            dec(f, "maxQty"),
            dec(f, "stepSize"),
          );
        }
        break;
      case "PERCENT_PRICE":
        percentOf(f.filterType, dec(f, "multiplierUp"), dec(f, "multiplierDown"));
        break;
      case "PERCENT_PRICE_BY_SIDE":
        if (o.side === undefined) break;
        if (o.side === "BUY") {
          percentOf(f.filterType, dec(f, "bidMultiplierUp"), dec(f, "bidMultiplierDown"));
        } else percentOf(f.filterType, dec(f, "askMultiplierUp"), dec(f, "askMultiplierDown"));
        break;
      case "MIN_NOTIONAL":
      case "NOTIONAL": {
        const notional = notionalOf(o, price, quantity, quote, reference);
        if (notional === undefined) break;
        const min = f.filterType === "MIN_NOTIONAL"
          ? (!market || f.applyToMarket === true ? dec(f, "minNotional") : undefined)
          : (!market || f.applyMinToMarket === true ? dec(f, "minNotional") : undefined);
        const max = f.filterType === "NOTIONAL" && (!market || f.applyMaxToMarket === true)
          ? dec(f, "maxNotional")
          : undefined;
        const param = market && o.quoteOrderQty !== undefined ? "quoteOrderQty" : "quantity";
        const n = formatDecimal(notional);
        if (min && compare(notional, min) < 0) {
          fail(f.filterType, param, `notional "${n}" is below the minimum "${formatDecimal(min)}"`);
        }
        if (max && !isZero(max) && compare(notional, max) > 0) {
          fail(f.filterType, param, `notional "${n}" is above the maximum "${formatDecimal(max)}"`);
        }
        break;
      }
      case "ICEBERG_PARTS": {
        if (iceberg === undefined || quantity === undefined || isZero(iceberg)) break;
        const parts = ceilDiv(quantity, iceberg);
        const limit = Number(f.limit);
        if (Number.isFinite(limit) && parts > BigInt(limit)) {
          fail(f.filterType, "icebergQty", `makes ${parts} parts, more than the limit ${limit}`);
        }
        break;
      }
      case "TRAILING_DELTA": {
        if (delta === undefined || o.side === undefined) break;
        const above = ABOVE.has(`${o.type} ${o.side}`);
        const [min, max] = above
          ? [dec(f, "minTrailingAboveDelta"), dec(f, "maxTrailingAboveDelta")]
          : [dec(f, "minTrailingBelowDelta"), dec(f, "maxTrailingBelowDelta")];
        range(f.filterType, "trailingDelta", delta, min, max, undefined);
        break;
      }
    }
  }
  return out;
}

/**
 * price × quantity; for MARKET (and STOP_LOSS, TAKE_PROFIT, which become MARKET orders):
 * quoteOrderQty, or reference × quantity.
 */
function notionalOf(
  o: FilterOrder,
  price: Decimal | undefined,
  quantity: Decimal | undefined,
  quote: Decimal | undefined,
  reference: Decimal | undefined,
): Decimal | undefined {
  if (MARKET.has(o.type)) {
    if (quote !== undefined) return quote;
    return reference && quantity ? multiply(reference, quantity) : undefined;
  }
  return price && quantity ? multiply(price, quantity) : undefined;
}

/**
 * An order would break the symbol's filters (checked because the call gave `filters`).
 * Nothing was sent. Each issue names the param; {@linkcode FilterError.violations} names
 * the filters, as Binance's -1013 "Filter failure: <FILTER>" would.
 *
 * @example Usage
 * ```ts
 * import { FilterError, ValidationError } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const err = new FilterError("order.place", [
 *   { filterType: "LOT_SIZE", param: "quantity", message: '"0.0015" is not a multiple of "0.001"' },
 * ]);
 * assert.ok(err instanceof ValidationError);
 * assert.match(err.message, /LOT_SIZE/);
 * ```
 */
export class FilterError extends ValidationError {
  /** Every violated filter. */
  readonly violations: readonly FilterViolation[];

  /**
   * Creates the error.
   *
   * @param method The WebSocket API method.
   * @param violations Every violated filter.
   */
  constructor(method: string, violations: readonly FilterViolation[]) {
    super(
      method,
      violations.map((v) => ({ param: v.param, message: `fails ${v.filterType}: ${v.message}` })),
    );
    this.name = "FilterError";
    this.violations = violations;
  }
}
