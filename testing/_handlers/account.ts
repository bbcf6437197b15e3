// Private: the fake's account reads (web-socket-api.md "Account requests"): open orders and
// order lists, the order, order-list and trade history, and the unfilled order count, answered
// from the matching engine's records (../_exchange/): `trading.orders.byId` (every order, by id
// ascending), `trading.orders.lists`, each order's `fills`, and the ORDERS counters.
//
// History windows follow "General API Information": data in chronological order; without
// `startTime`/`endTime` the most recent items up to `limit`; with `startTime` the oldest from
// it; with `endTime` only the most recent up to it; with both, like `startTime` but not past
// `endTime`. More than 24 hours between the two is -1127 (exactly 24 hours passes, as the docs'
// examples send it); a `startTime` after `endTime` is an empty window (the docs give no error).
// Times may be sent in ms or µs: above 10^14 they are µs. myTrades' combinations are
// CHANGELOG 2022-12-05's: `fromId` or `orderId` with `startTime`/`endTime` is -1128.

import type { Order, OrderList } from "../_exchange/orders.ts";
import type { SymbolState } from "../_exchange/market.ts";
import { dec, mulUnits } from "../_exchange/decimal.ts";
import { fail } from "./failure.ts";
import type { Context, HandlerTable } from "./handler.ts";
import { listJson, statusJson } from "./_order_json.ts";
import { atMostOne, check, INT, type Params, range, type Rule, SYMBOL } from "./params.ts";

const DAY_MS = 86_400_000;
const DEFAULT_LIMIT = 500;

/** A time param in ms (µs above 10^14). */
function ms(t: unknown): number | undefined {
  if (typeof t !== "number") return undefined;
  return t >= 1e14 ? t / 1000 : t;
}

/** -1127 when more than 24 hours lie between `startTime` and `endTime`. */
const within24Hours: Rule = check((p) => {
  const start = ms(p.startTime), end = ms(p.endTime);
  if (start !== undefined && end !== undefined && end - start > DAY_MS) {
    fail(-1127, "More than 24 hours between startTime and endTime.");
  }
});

const LIMIT_RULE = range("limit", 1, 1000);

/**
 * The items of a history by the documented window rules: `items` in chronological order (by
 * id), `timeOf` the time each is filtered by, `from` the id to begin at (only without a time).
 */
function window<T>(
  items: T[],
  p: Params,
  timeOf: (item: T) => number,
  idOf: (item: T) => number,
  from: unknown,
): T[] {
  const limit = (p.limit as number | undefined) ?? DEFAULT_LIMIT;
  const start = ms(p.startTime), end = ms(p.endTime);
  if (start !== undefined || end !== undefined) {
    const inside = items.filter((x) =>
      (start === undefined || timeOf(x) >= start) && (end === undefined || timeOf(x) <= end)
    );
    return start !== undefined ? inside.slice(0, limit) : inside.slice(-limit);
  }
  if (typeof from === "number") return items.filter((x) => idOf(x) >= from).slice(0, limit);
  return items.slice(-limit);
}

/** The account's orders of a symbol, by order id ascending. */
function ordersOf(ctx: Context, symbol: string): Order[] {
  const a = ctx.trading.account(ctx.apiKey);
  return [...ctx.trading.orders.byId.values()]
    .filter((o) => o.account === a && o.symbol === symbol)
    .sort((x, y) => x.orderId - y.orderId);
}

/** The account's order lists, by list id ascending. */
function listsOf(ctx: Context): OrderList[] {
  const a = ctx.trading.account(ctx.apiKey);
  return [...ctx.trading.orders.lists.values()]
    .filter((l) => l.account === a)
    .sort((x, y) => x.orderListId - y.orderListId);
}

/** One trade of `myTrades`, from an order's fill. */
interface TradeRow {
  o: Order;
  i: number;
}

function tradeJson({ o, i }: TradeRow, ctx: Context): Record<string, unknown> {
  const f = o.fills[i];
  return {
    symbol: o.symbol,
    id: f.tradeId,
    orderId: o.orderId,
    orderListId: o.orderListId,
    price: dec(f.price),
    qty: dec(f.qty),
    quoteQty: dec(mulUnits(f.price, f.qty)),
    commission: dec(f.commission),
    commissionAsset: f.commissionAsset,
    time: ctx.t(f.time),
    isBuyer: o.side === "BUY",
    isMaker: f.isMaker,
    isBestMatch: true,
  };
}

/**
 * The account reads of the fake.
 *
 * @returns Method name → handler.
 */
export function accountHandlers(): HandlerTable {
  return {
    "openOrders.status": {
      security: "USER_DATA",
      params: { symbol: SYMBOL },
      weight: (p) => p.symbol !== undefined ? 6 : 80,
      run(ctx) {
        const a = ctx.trading.account(ctx.apiKey);
        const s = ctx.params.symbol as SymbolState | undefined;
        return ctx.trading.orders.open(a, s?.spec.symbol)
          .sort((x, y) => x.orderId - y.orderId)
          .map((o) => statusJson(o, ctx));
      },
    },
    "allOrders": {
      security: "USER_DATA",
      params: { symbol: SYMBOL, orderId: INT, startTime: INT, endTime: INT, limit: INT },
      required: ["symbol"],
      rules: [LIMIT_RULE, within24Hours],
      weight: () => 20,
      run(ctx) {
        const p = ctx.params;
        const orders = ordersOf(ctx, (p.symbol as SymbolState).spec.symbol);
        // "Orders are filtered by `time` of the last execution status update."
        return window(orders, p, (o) => o.updateTime, (o) => o.orderId, p.orderId)
          .map((o) => statusJson(o, ctx));
      },
    },
    "openOrderLists.status": {
      security: "USER_DATA",
      params: {},
      weight: () => 6,
      run(ctx) {
        return listsOf(ctx).filter((l) => l.listOrderStatus === "EXECUTING")
          .map((l) => listJson(l, ctx));
      },
    },
    "allOrderLists": {
      security: "USER_DATA",
      params: { fromId: INT, startTime: INT, endTime: INT, limit: INT },
      rules: [LIMIT_RULE, within24Hours],
      weight: () => 20,
      run(ctx) {
        const p = ctx.params;
        return window(listsOf(ctx), p, (l) => l.transactionTime, (l) => l.orderListId, p.fromId)
          .map((l) => listJson(l, ctx));
      },
    },
    "myTrades": {
      security: "USER_DATA",
      params: {
        symbol: SYMBOL,
        orderId: INT,
        startTime: INT,
        endTime: INT,
        fromId: INT,
        limit: INT,
      },
      required: ["symbol"],
      rules: [
        atMostOne("fromId", "startTime"),
        atMostOne("fromId", "endTime"),
        atMostOne("orderId", "startTime"),
        atMostOne("orderId", "endTime"),
        LIMIT_RULE,
        within24Hours,
      ],
      weight: (p) => p.orderId !== undefined ? 5 : 20,
      run(ctx) {
        const p = ctx.params;
        let orders = ordersOf(ctx, (p.symbol as SymbolState).spec.symbol);
        if (p.orderId !== undefined) orders = orders.filter((o) => o.orderId === p.orderId);
        const rows: TradeRow[] = orders.flatMap((o) => o.fills.map((_, i) => ({ o, i })));
        // By trade id; a trade of two own orders (STP NONE) is two rows, the buyer's first.
        rows.sort((x, y) =>
          x.o.fills[x.i].tradeId - y.o.fills[y.i].tradeId ||
          (x.o.side === "BUY" ? -1 : 1) - (y.o.side === "BUY" ? -1 : 1)
        );
        return window(
          rows,
          p,
          (r) => r.o.fills[r.i].time,
          (r) => r.o.fills[r.i].tradeId,
          p.fromId,
        ).map((r) => tradeJson(r, ctx));
      },
    },
    "account.rateLimits.orders": {
      security: "USER_DATA",
      params: {},
      weight: () => 40,
      run(ctx) {
        return ctx.trading.orderRateLimits(ctx.apiKey, ctx.now);
      },
    },
  };
}
