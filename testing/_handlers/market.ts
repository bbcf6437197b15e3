// Private: the fake exchange's 19 public methods, written from Binance's docs
// (web-socket-api.md, errors.md): method → params, rules, weight and result. No sockets.
// Independent of the client: no import from core/, methods/ or models/.

import { dec, mul } from "../_exchange/decimal.ts";
import type { Level, SymbolState, TradeRecord } from "../_exchange/market.ts";
import { exchangeInfoOf } from "./_exchange_info.ts";
import { INTERVALS, klines } from "./_klines.ts";
import { tickerFull } from "./_tickers.ts";
import { fail, failure } from "./failure.ts";
import type { Context, Handler, HandlerTable } from "./handler.ts";
import {
  atMostOne,
  BOOL,
  check,
  enumOf,
  INT,
  LIST,
  maxItems,
  oneOf,
  type Params,
  range,
  type Rule,
  SYMBOL,
  SYMBOLS,
  TIME_ZONE,
  WINDOW_SIZE,
} from "./params.ts";

const SYMBOL_STATUS = enumOf(["TRADING", "HALT", "BREAK"], failure(-1122, "Invalid symbolStatus."));
const TICKER_TYPE = enumOf(["FULL", "MINI"], failure(-1139, "Invalid ticker type."));
const INTERVAL = enumOf(INTERVALS, failure(-1120, "Invalid interval."));

/** With `symbol` and `symbolStatus`, the symbol's status must be the one asked for. */
const statusMatches: Rule = check((p) => {
  const s = p.symbol as SymbolState | undefined;
  if (s && p.symbolStatus && s.spec.status !== p.symbolStatus) {
    fail(-1220, "The symbol's status does not match the requested symbolStatus.");
  }
});

/** `symbol`, `symbols` or neither (then every TRADING symbol, or those of `symbolStatus`). */
const ANY_SYMBOLS: Rule[] = [atMostOne("symbol", "symbols"), statusMatches];
/** `symbol` or `symbols`. */
const SOME_SYMBOLS: Rule[] = [...ANY_SYMBOLS, oneOf("symbol", "symbols")];

/** The symbols selected by `symbol`/`symbols`/none, filtered by `symbolStatus`. */
function select(p: Params, ctx: Context): SymbolState[] {
  const status = p.symbolStatus as string | undefined;
  if (p.symbol) return [p.symbol as SymbolState];
  const list = (p.symbols as SymbolState[] | undefined) ?? [...ctx.market.values()];
  return list.filter((s) =>
    status ? s.spec.status === status : p.symbols || s.spec.status === "TRADING"
  );
}

/** One object for `symbol`, a list otherwise. */
function one<T>(p: Params, list: T[]): T | T[] {
  return p.symbol ? list[0] : list;
}

function limit(p: Params, def: number): number {
  return (p.limit as number | undefined) ?? def;
}

function tradeJson(t: TradeRecord, ctx: Context, best = true): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: t.id,
    price: dec(t.price),
    qty: dec(t.qty),
    quoteQty: dec(mul(t.price, t.qty)),
    time: ctx.t(t.time),
    isBuyerMaker: t.isBuyerMaker,
  };
  if (best) out.isBestMatch = true;
  return out;
}

function levels(side: Level[], n: number): [string, string][] {
  return side.slice(0, n).map(([price, qty]) => [dec(price), dec(qty)]);
}

function perSymbolCapped(p: Params): number {
  const n = p.symbols ? (p.symbols as unknown[]).length : 1;
  return n > 50 ? 200 : 4 * n;
}

/** `klines` and `uiKlines` take the same params and give the same shape. */
const klinesHandler: Handler = {
  params: {
    symbol: SYMBOL,
    interval: INTERVAL,
    startTime: INT,
    endTime: INT,
    timeZone: TIME_ZONE,
    limit: INT,
  },
  required: ["symbol", "interval"],
  rules: [range("limit", 1, 1000)],
  weight: () => 2,
  run: klines,
};

/** `ticker.price` and `ticker.book`: symbol 2, symbols or all 4; one object or a list. */
function symbolTicker(entry: (s: SymbolState) => unknown): Handler {
  return {
    params: { symbol: SYMBOL, symbols: SYMBOLS, symbolStatus: SYMBOL_STATUS },
    rules: ANY_SYMBOLS,
    weight: (p) => p.symbol ? 2 : 4,
    run: (ctx) => one(ctx.params, select(ctx.params, ctx).map(entry)),
  };
}

/** The listed symbols, or those asked for, or those of `symbolStatus`. */
function listed(p: Params, ctx: Context): SymbolState[] {
  return p.symbol ? [p.symbol as SymbolState] : (p.symbols as SymbolState[] | undefined) ??
    [...ctx.market.values()].filter((s) => !p.symbolStatus || s.spec.status === p.symbolStatus);
}

/**
 * The 19 public methods.
 *
 * @param weightLimit The fake's REQUEST_WEIGHT limit, which `exchangeInfo` reports.
 * @returns Method name → handler.
 */
export function marketHandlers(weightLimit: number): HandlerTable {
  const symbolOnly = { symbol: SYMBOL };
  return {
    ping: { params: {}, weight: () => 1, run: () => ({}) },
    time: { params: {}, weight: () => 1, run: (ctx) => ({ serverTime: ctx.t(ctx.now) }) },
    exchangeInfo: {
      params: {
        symbol: SYMBOL,
        symbols: SYMBOLS,
        permissions: LIST,
        showPermissionSets: BOOL,
        symbolStatus: SYMBOL_STATUS,
      },
      rules: [
        atMostOne("symbol", "symbols", "permissions"),
        atMostOne("symbolStatus", "symbol"),
        atMostOne("symbolStatus", "symbols"),
      ],
      weight: () => 20,
      run: (ctx) => exchangeInfoOf(listed(ctx.params, ctx), ctx, weightLimit),
    },
    executionRules: {
      params: { symbol: SYMBOL, symbols: SYMBOLS, symbolStatus: SYMBOL_STATUS },
      rules: [atMostOne("symbol", "symbols", "symbolStatus")],
      weight: (p) =>
        p.symbol ? 2 : p.symbols ? Math.min(40, 2 * (p.symbols as unknown[]).length) : 40,
      run(ctx) {
        return {
          symbolRules: listed(ctx.params, ctx).map((s) => ({
            symbol: s.spec.symbol,
            rules: [{
              ruleType: "PRICE_RANGE",
              bidLimitMultUp: "1.0500",
              bidLimitMultDown: "0.9500",
              askLimitMultUp: "1.0500",
              askLimitMultDown: "0.9500",
            }],
          })),
        };
      },
    },
    depth: {
      params: { symbol: SYMBOL, limit: INT, symbolStatus: SYMBOL_STATUS },
      required: ["symbol"],
      rules: [statusMatches, range("limit", 1, 5000)],
      weight: (p) => {
        const n = (p.limit as number | undefined) ?? 100;
        return n <= 100 ? 5 : n <= 500 ? 25 : n <= 1000 ? 50 : 250;
      },
      run(ctx) {
        const s = ctx.params.symbol as SymbolState;
        const n = limit(ctx.params, 100);
        return {
          lastUpdateId: s.book.lastUpdateId,
          bids: levels(s.book.bids, n),
          asks: levels(s.book.asks, n),
        };
      },
    },
    "trades.recent": {
      params: { symbol: SYMBOL, limit: INT },
      required: ["symbol"],
      rules: [range("limit", 1, 1000)],
      weight: () => 25,
      run(ctx) {
        const s = ctx.params.symbol as SymbolState;
        return s.trades.slice(-limit(ctx.params, 500)).map((t) => tradeJson(t, ctx));
      },
    },
    "trades.historical": {
      params: { symbol: SYMBOL, fromId: INT, limit: INT },
      required: ["symbol"],
      rules: [range("limit", 1, 1000)],
      weight: () => 25,
      run(ctx) {
        const s = ctx.params.symbol as SymbolState;
        const n = limit(ctx.params, 500);
        const fromId = ctx.params.fromId as number | undefined;
        const list = fromId === undefined
          ? s.trades.slice(-n)
          : s.trades.filter((t) => t.id >= fromId).slice(0, n);
        return list.map((t) => tradeJson(t, ctx));
      },
    },
    "blockTrades.historical": {
      params: { symbol: SYMBOL, fromId: INT, limit: INT },
      required: ["symbol", "fromId"],
      rules: [range("limit", 1, 1000)],
      weight: () => 25,
      run(ctx) {
        const s = ctx.params.symbol as SymbolState;
        const n = limit(ctx.params, 500);
        const fromId = ctx.params.fromId as number;
        return s.blockTrades.filter((t) => t.id >= fromId).slice(0, n).map((t) =>
          tradeJson(t, ctx, false)
        );
      },
    },
    "trades.aggregate": {
      params: { symbol: SYMBOL, fromId: INT, startTime: INT, endTime: INT, limit: INT },
      required: ["symbol"],
      rules: [
        atMostOne("fromId", "startTime"),
        atMostOne("fromId", "endTime"),
        range("limit", 1, 1000),
      ],
      weight: () => 4,
      run(ctx) {
        const p = ctx.params;
        const s = p.symbol as SymbolState;
        const n = limit(p, 500);
        let list = s.trades;
        if (p.fromId !== undefined) {
          list = list.filter((t) => t.id >= (p.fromId as number)).slice(0, n);
        } else if (p.startTime !== undefined || p.endTime !== undefined) {
          list = list.filter((t) =>
            t.time >= ((p.startTime as number | undefined) ?? 0) &&
            t.time <= ((p.endTime as number | undefined) ?? Infinity)
          ).slice(0, n);
        } else list = list.slice(-n);
        return list.map((t) => ({
          a: t.id - 50_000,
          p: dec(t.price),
          q: dec(t.qty),
          f: t.id,
          l: t.id,
          T: ctx.t(t.time),
          m: t.isBuyerMaker,
          M: true,
        }));
      },
    },
    klines: klinesHandler,
    uiKlines: klinesHandler,
    avgPrice: {
      params: symbolOnly,
      required: ["symbol"],
      weight: () => 2,
      run(ctx) {
        const s = ctx.params.symbol as SymbolState;
        const recent = s.trades.slice(-60);
        let quote = 0n, vol = 0n;
        for (const t of recent) {
          quote += mul(t.price, t.qty);
          vol += BigInt(t.qty);
        }
        return {
          mins: 5,
          price: dec((quote * 100_000_000n) / vol),
          closeTime: ctx.t(recent[recent.length - 1].time),
        };
      },
    },
    "ticker.24hr": {
      params: { symbol: SYMBOL, symbols: SYMBOLS, type: TICKER_TYPE, symbolStatus: SYMBOL_STATUS },
      rules: ANY_SYMBOLS,
      weight: (p) => {
        if (p.symbol) return 2;
        const n = p.symbols ? (p.symbols as unknown[]).length : Infinity;
        return n <= 20 ? 2 : n <= 100 ? 40 : 80;
      },
      run(ctx) {
        const type = (ctx.params.type as string | undefined) ?? "FULL";
        return one(
          ctx.params,
          select(ctx.params, ctx).map((s) =>
            tickerFull(s, ctx.now - 86_400_000, ctx.now, ctx, type, "24hr")
          ),
        );
      },
    },
    "ticker.tradingDay": {
      params: {
        symbol: SYMBOL,
        symbols: SYMBOLS,
        timeZone: TIME_ZONE,
        type: TICKER_TYPE,
        symbolStatus: SYMBOL_STATUS,
      },
      rules: SOME_SYMBOLS,
      weight: perSymbolCapped,
      run(ctx) {
        const type = (ctx.params.type as string | undefined) ?? "FULL";
        const dayStart = ctx.now - (ctx.now % 86_400_000);
        return one(
          ctx.params,
          select(ctx.params, ctx).map((s) =>
            tickerFull(s, dayStart, dayStart + 86_399_999, ctx, type, "window")
          ),
        );
      },
    },
    ticker: {
      params: {
        symbol: SYMBOL,
        symbols: SYMBOLS,
        type: TICKER_TYPE,
        windowSize: WINDOW_SIZE,
        symbolStatus: SYMBOL_STATUS,
      },
      rules: [maxItems("symbols", 200), ...SOME_SYMBOLS],
      weight: perSymbolCapped,
      run(ctx) {
        const type = (ctx.params.type as string | undefined) ?? "FULL";
        const window = (ctx.params.windowSize as number | undefined) ?? 86_400_000;
        const from = ctx.now - window;
        return one(
          ctx.params,
          select(ctx.params, ctx).map((s) =>
            tickerFull(s, from - (from % 60_000), ctx.now, ctx, type, "window")
          ),
        );
      },
    },
    "ticker.price": symbolTicker((s) => ({
      symbol: s.spec.symbol,
      price: dec(s.trades[s.trades.length - 1].price),
    })),
    "ticker.book": symbolTicker((s) => ({
      symbol: s.spec.symbol,
      bidPrice: dec(s.book.bids[0][0]),
      bidQty: dec(s.book.bids[0][1]),
      askPrice: dec(s.book.asks[0][0]),
      askQty: dec(s.book.asks[0][1]),
    })),
    referencePrice: {
      params: symbolOnly,
      required: ["symbol"],
      weight: () => 2,
      run(ctx) {
        const s = ctx.params.symbol as SymbolState;
        // "If no reference price has ever been set": status 200, the error in `result`.
        if (!s.spec.reference) {
          return { code: -2043, msg: "This symbol doesn't have a reference price." };
        }
        return {
          symbol: s.spec.symbol,
          referencePrice: s.spec.reference === "EXTERNAL" ? null : dec(s.book.bids[0][0]),
          timestamp: ctx.t(ctx.now - (ctx.now % 1000)),
        };
      },
    },
    "referencePrice.calculation": {
      params: { symbol: SYMBOL, symbolStatus: SYMBOL_STATUS },
      required: ["symbol"],
      rules: [statusMatches],
      weight: () => 2,
      run(ctx) {
        const s = ctx.params.symbol as SymbolState;
        if (!s.spec.reference) fail(-2043, "This symbol doesn't have a reference price.");
        return s.spec.reference === "EXTERNAL"
          ? { symbol: s.spec.symbol, calculationType: "EXTERNAL", externalCalculationId: 42 }
          : {
            symbol: s.spec.symbol,
            calculationType: "ARITHMETIC_MEAN",
            bucketCount: 10,
            bucketWidthMs: 1000,
          };
      },
    },
  };
}
