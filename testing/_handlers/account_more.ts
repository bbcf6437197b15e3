// Private: five account reads of the fake (web-socket-api.md "Account requests"):
// `myPreventedMatches`, `myAllocations`, `account.commission`, `order.amendments` and
// `myFilters`, over the engine's records (../_exchange/history.ts), accounts and filters.
// Params as the docs' tables say, with Binance's codes for bad ones (errors.md):
// - myPreventedMatches: the documented combinations only. Neither `preventedMatchId` nor
//   `orderId`: -1102 "Param … or … must be sent"; both, `fromPreventedMatchId` without
//   `orderId`, or `limit` without `fromPreventedMatchId`: -1128. Weight 2 by
//   `preventedMatchId`, 20 by `orderId` (an invalid symbol fails while the params are read,
//   which the fake's server charges 1, not the documented 2).
// - myAllocations: `fromAllocationId` or `orderId` with a time: -1128; more than 24 hours
//   between `startTime` and `endTime`: -1127 (exactly 24 hours is allowed); `startTime`
//   after `endTime`: nothing matches (an empty list).
// - order.amendments: an order that is not the account's on the symbol: -2013 (as
//   `order.status`); an order never amended: an empty list.
// - `limit` outside 1–1000: -1130.
// Times compare in the connection's time unit (`ctx.t`), as they are reported.

import { ratesJson } from "../_exchange/accounts.ts";
import { dec } from "../_exchange/decimal.ts";
import { symbolFilters } from "../_exchange/filters.ts";
import type { SymbolState } from "../_exchange/market.ts";
import { MSG, reject } from "../_exchange/orders.ts";
import { preventedQuantitiesJson } from "./_order_json.ts";
import { badCombo, fail, neitherSent } from "./failure.ts";
import type { Context, HandlerTable } from "./handler.ts";
import { check, INT, type Params, range, SYMBOL } from "./params.ts";

const DEFAULT_LIMIT = 500;
const DAY_MS = 86_400_000;

const sent = (p: Params, name: string) => p[name] !== undefined;

/** The first `limit` (default 500) of `list`. */
function page<T>(list: T[], p: Params): T[] {
  return list.slice(0, (p.limit as number | undefined) ?? DEFAULT_LIMIT);
}

/** The request's account and symbol name. */
function scope(ctx: Context) {
  return {
    account: ctx.trading.account(ctx.apiKey),
    symbol: (ctx.params.symbol as SymbolState).spec.symbol,
  };
}

function preventedMatches(ctx: Context): unknown {
  const p = ctx.params;
  const { account, symbol } = scope(ctx);
  const id = p.preventedMatchId as number | undefined;
  const orderId = p.orderId as number | undefined;
  const from = (p.fromPreventedMatchId as number | undefined) ?? 0;
  const found = ctx.trading.history.preventedMatches.filter((m) =>
    m.account === account && m.symbol === symbol &&
    (id !== undefined
      ? m.preventedMatchId === id
      : (m.takerOrderId === orderId || m.makerOrderId === orderId) && m.preventedMatchId >= from)
  );
  return page(found, p).map((m) => ({
    symbol: m.symbol,
    preventedMatchId: m.preventedMatchId,
    takerOrderId: m.takerOrderId,
    makerSymbol: m.makerSymbol,
    makerOrderId: m.makerOrderId,
    tradeGroupId: m.tradeGroupId,
    selfTradePreventionMode: m.selfTradePreventionMode,
    price: dec(m.price),
    ...preventedQuantitiesJson(m),
    transactTime: ctx.t(m.transactTime),
  }));
}

function allocations(ctx: Context): unknown {
  const p = ctx.params;
  const { account, symbol } = scope(ctx);
  const start = p.startTime as number | undefined;
  const end = p.endTime as number | undefined;
  const orderId = p.orderId as number | undefined;
  const from = p.fromAllocationId as number | undefined;
  const found = ctx.trading.history.allocations.filter((a) =>
    a.account === account && a.symbol === symbol &&
    (orderId === undefined || a.orderId === orderId) &&
    (from === undefined || a.allocationId >= from) &&
    (start === undefined || ctx.t(a.time) >= start) &&
    (end === undefined || ctx.t(a.time) <= end)
  );
  // `endTime` alone: the newest until then.
  const limit = (p.limit as number | undefined) ?? DEFAULT_LIMIT;
  const chosen = end !== undefined && start === undefined
    ? found.slice(Math.max(0, found.length - limit))
    : found.slice(0, limit);
  return chosen.map((a) => ({
    symbol: a.symbol,
    allocationId: a.allocationId,
    allocationType: "SOR",
    orderId: a.orderId,
    orderListId: a.orderListId,
    price: dec(a.price),
    qty: dec(a.qty),
    quoteQty: dec(a.quoteQty),
    commission: dec(a.commission),
    commissionAsset: a.commissionAsset,
    time: ctx.t(a.time),
    isBuyer: a.isBuyer,
    isMaker: false,
    isAllocator: false,
  }));
}

function amendments(ctx: Context): unknown {
  const p = ctx.params;
  const { account, symbol } = scope(ctx);
  const orderId = p.orderId as number;
  const o = ctx.trading.orders.byId.get(orderId);
  if (!o || o.account !== account || o.symbol !== symbol) reject(-2013, MSG.notExist);
  const from = (p.fromExecutionId as number | undefined) ?? 0;
  const found = ctx.trading.history.amendments.filter((a) =>
    a.orderId === orderId && a.executionId >= from
  );
  return page(found, p).map((a) => ({
    symbol: a.symbol,
    orderId: a.orderId,
    executionId: a.executionId,
    origClientOrderId: a.origClientOrderId,
    newClientOrderId: a.newClientOrderId,
    origQty: dec(a.origQty),
    newQty: dec(a.newQty),
    time: ctx.t(a.time),
  }));
}

function commission(ctx: Context): unknown {
  const { account, symbol } = scope(ctx);
  // The standard rates are the ones the engine charges on fills; no special or tax rates.
  const zero = ratesJson({ maker: 0n, taker: 0n, buyer: 0n, seller: 0n });
  return {
    symbol,
    standardCommission: ratesJson(account.commission),
    specialCommission: zero,
    taxCommission: zero,
    discount: {
      enabledForAccount: false,
      enabledForSymbol: false,
      discountAsset: "BNB",
      discount: "0.25000000",
    },
  };
}

const USER_DATA = { security: "USER_DATA" as const };

/**
 * The account reads of this file.
 *
 * @returns Method name → handler.
 */
export function accountMoreHandlers(): HandlerTable {
  return {
    "myPreventedMatches": {
      ...USER_DATA,
      params: {
        symbol: SYMBOL,
        preventedMatchId: INT,
        orderId: INT,
        fromPreventedMatchId: INT,
        limit: INT,
      },
      required: ["symbol"],
      rules: [
        check((p) => {
          if (!sent(p, "preventedMatchId") && !sent(p, "orderId")) {
            neitherSent("preventedMatchId", "orderId");
          }
          if (sent(p, "preventedMatchId") && sent(p, "orderId")) badCombo();
          if (sent(p, "fromPreventedMatchId") && !sent(p, "orderId")) badCombo();
          if (sent(p, "limit") && !sent(p, "fromPreventedMatchId")) badCombo();
        }),
        range("limit", 1, 1000),
      ],
      weight: (p) => (sent(p, "preventedMatchId") ? 2 : 20),
      run: preventedMatches,
    },
    "myAllocations": {
      ...USER_DATA,
      params: {
        symbol: SYMBOL,
        startTime: INT,
        endTime: INT,
        fromAllocationId: INT,
        limit: INT,
        orderId: INT,
      },
      required: ["symbol"],
      rules: [
        check((p) => {
          const timed = sent(p, "startTime") || sent(p, "endTime");
          if (timed && (sent(p, "fromAllocationId") || sent(p, "orderId"))) badCombo();
        }),
        range("limit", 1, 1000),
      ],
      weight: () => 20,
      run(ctx) {
        const p = ctx.params;
        if (
          sent(p, "startTime") && sent(p, "endTime") &&
          (p.endTime as number) - (p.startTime as number) > ctx.t(DAY_MS) - ctx.t(0)
        ) fail(-1127, "More than 24 hours between startTime and endTime.");
        return allocations(ctx);
      },
    },
    "account.commission": {
      ...USER_DATA,
      params: { symbol: SYMBOL },
      required: ["symbol"],
      weight: () => 20,
      run: commission,
    },
    "order.amendments": {
      ...USER_DATA,
      params: { symbol: SYMBOL, orderId: INT, fromExecutionId: INT, limit: INT },
      required: ["symbol", "orderId"],
      rules: [range("limit", 1, 1000)],
      weight: () => 4,
      run: amendments,
    },
    "myFilters": {
      ...USER_DATA,
      params: { symbol: SYMBOL },
      required: ["symbol"],
      weight: () => 40,
      run(ctx) {
        // The filters the engine enforces: the symbol's (as exchangeInfo reports them); the
        // fake has no exchange filters and no asset filters (MAX_ASSET).
        return {
          exchangeFilters: [],
          symbolFilters: symbolFilters((ctx.params.symbol as SymbolState).spec),
          assetFilters: [],
        };
      },
    },
  };
}
