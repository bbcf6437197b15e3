// Private: the fake exchange's 19 public methods, written from Binance's docs
// (web-socket-api.md, errors.md). Independent of the client: no import from core/,
// methods/ or models/.
import {
  dec,
  type Level,
  mul,
  summarize,
  SYMBOLS,
  type SymbolState,
  type TradeRecord,
} from "./_market.ts";

/** A Binance error answer. */
export interface Failure {
  status: number;
  code: number;
  msg: string;
}

/** What a method handler gets. */
export interface Context {
  params: Record<string, unknown>;
  market: Map<string, SymbolState>;
  now: number;
  /** Converts a ms timestamp to the connection's `timeUnit`. */
  t(ms: number): number;
}

/** A method: its weight for the given (valid) params, and its result. */
interface Method {
  /** Param name -> kind. */
  params: Record<string, Kind>;
  required?: string[];
  /** Weight when the params are known valid. */
  weight(p: Record<string, unknown>): number;
  /** Extra checks and the result. Throws a Failure. */
  run(ctx: Context): unknown;
}

type Kind =
  | "symbol"
  | "symbols"
  | "int"
  | "bool"
  | "timeZone"
  | "symbolStatus"
  | "tickerType"
  | "interval"
  | "windowSize"
  | "permissions";

function fail(code: number, msg: string, status = 400): never {
  throw { status, code, msg } satisfies Failure;
}

function mandatory(name: string): never {
  fail(-1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
}

function invalidData(name: string): never {
  fail(-1130, `Data sent for parameter '${name}' is not valid.`);
}

function badCombo(): never {
  fail(-1128, "Combination of optional parameters invalid.");
}

const SYMBOL_RE = /^[A-Z0-9-_.]{1,20}$/;
const INTERVALS = new Set([
  "1s",
  "1m",
  "3m",
  "5m",
  "15m",
  "30m",
  "1h",
  "2h",
  "4h",
  "6h",
  "8h",
  "12h",
  "1d",
  "3d",
  "1w",
  "1M",
]);

function asInt(name: string, v: unknown): number {
  const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n)) {
    fail(-1100, `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`);
  }
  return n;
}

function asSymbol(name: string, v: unknown, market: Map<string, SymbolState>): SymbolState {
  if (typeof v !== "string" || v === "") mandatory(name);
  if (!SYMBOL_RE.test(v)) {
    fail(
      -1100,
      `Illegal characters found in parameter '${name}'; legal range is '^[A-Z0-9-_.]{1,20}$'.`,
    );
  }
  return market.get(v) ?? fail(-1121, "Invalid symbol.");
}

/** Checks names, presence and types; returns normalised params. */
function check(
  method: Method,
  raw: Record<string, unknown>,
  ctx: Context,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (name === "returnRateLimits") continue;
    const kind = method.params[name];
    if (!kind) fail(-1103, "An unknown parameter was sent.");
    if (value === null || value === "") mandatory(name);
    switch (kind) {
      case "symbol":
        out[name] = asSymbol(name, value, ctx.market);
        break;
      case "symbols": {
        const list = typeof value === "string" ? safeParse(value) : value;
        if (!Array.isArray(list) || list.length === 0) mandatory(name);
        if (new Set(list).size !== list.length) {
          fail(-1101, "Duplicate values for a parameter detected.");
        }
        out[name] = list.map((s) => asSymbol(name, s, ctx.market));
        break;
      }
      case "int":
        out[name] = asInt(name, value);
        break;
      case "bool":
        if (typeof value !== "boolean" && value !== "true" && value !== "false") invalidData(name);
        out[name] = value === true || value === "true";
        break;
      case "timeZone": {
        const m = typeof value === "string" || typeof value === "number"
          ? /^([+-]?)(\d{1,2})(?::(\d{2}))?$/.exec(String(value))
          : null;
        const minutes = m ? Number(m[2]) * 60 + Number(m[3] ?? 0) : NaN;
        if (!m || (m[1] === "-" ? minutes > 720 : minutes > 840)) invalidData(name);
        out[name] = String(value);
        break;
      }
      case "symbolStatus":
        if (value !== "TRADING" && value !== "HALT" && value !== "BREAK") {
          fail(-1122, "Invalid symbolStatus.");
        }
        out[name] = value;
        break;
      case "tickerType":
        if (value !== "FULL" && value !== "MINI") fail(-1139, "Invalid ticker type.");
        out[name] = value;
        break;
      case "interval":
        if (typeof value !== "string" || !INTERVALS.has(value)) fail(-1120, "Invalid interval.");
        out[name] = value;
        break;
      case "windowSize": {
        const m = typeof value === "string" ? /^(\d+)([mhd])$/.exec(value) : null;
        const n = m ? Number(m[1]) : 0;
        const max = m?.[2] === "m" ? 59 : m?.[2] === "h" ? 23 : 7;
        if (!m || n < 1 || n > max) invalidData(name);
        out[name] = n * (m[2] === "m" ? 60_000 : m[2] === "h" ? 3_600_000 : 86_400_000);
        break;
      }
      case "permissions":
        out[name] = Array.isArray(value) ? value : [value];
        break;
    }
  }
  for (const name of method.required ?? []) if (out[name] === undefined) mandatory(name);
  return out;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function limit(p: Record<string, unknown>, def: number, max: number): number {
  const n = (p.limit as number | undefined) ?? def;
  if (n < 1 || n > max) invalidData("limit");
  return n;
}

/** The symbols selected by `symbol`/`symbols`/none, filtered by `symbolStatus`. */
function select(p: Record<string, unknown>, ctx: Context, all: boolean): SymbolState[] {
  if (p.symbol && p.symbols) badCombo();
  const status = p.symbolStatus as string | undefined;
  if (p.symbol) {
    const s = p.symbol as SymbolState;
    if (status && s.spec.status !== status) {
      fail(-1220, "The symbol's status does not match the requested symbolStatus.");
    }
    return [s];
  }
  const list = (p.symbols as SymbolState[] | undefined) ??
    (all
      ? [...ctx.market.values()]
      : fail(-1102, "Param 'symbol' or 'symbols' must be sent, but both were empty/null!"));
  return list.filter((s) =>
    status ? s.spec.status === status : p.symbols || s.spec.status === "TRADING"
  );
}

function one<T>(p: Record<string, unknown>, list: T[]): T | T[] {
  return p.symbol ? list[0] : list;
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

const INTERVAL_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

function intervalStart(interval: string, time: number): number {
  if (interval === "1M") {
    const d = new Date(time);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  const ms = Number(interval.slice(0, -1)) * INTERVAL_MS[interval.at(-1)!];
  // Weeks start on Monday (the epoch was a Thursday).
  const offset = interval.endsWith("w") ? 4 * 86_400_000 : 0;
  return time - ((time - offset) % ms);
}

function nextStart(interval: string, start: number): number {
  if (interval === "1M") {
    const d = new Date(start);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return start + Number(interval.slice(0, -1)) * INTERVAL_MS[interval.at(-1)!];
}

function prevStart(interval: string, start: number): number {
  if (interval === "1M") {
    const d = new Date(start);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  }
  return start - Number(interval.slice(0, -1)) * INTERVAL_MS[interval.at(-1)!];
}

/** A deterministic kline: its values derive from the symbol and the open time only. */
function kline(s: SymbolState, interval: string, open: number, ctx: Context): unknown[] {
  let h = open / 1000;
  const r = () => {
    h = (Math.imul(h ^ 0x9e3779b9, 2654435761) >>> 0) ^ s.spec.mid;
    return (h >>> 0) / 4294967296;
  };
  const tick = s.spec.tick;
  const o = s.spec.mid + tick * Math.floor(r() * 200 - 100);
  const c = s.spec.mid + tick * Math.floor(r() * 200 - 100);
  const hi = Math.max(o, c) + tick * Math.floor(r() * 50);
  const lo = Math.min(o, c) - tick * Math.floor(r() * 50);
  const vol = s.spec.step * (1000 + Math.floor(r() * 100_000));
  const takerBase = Math.floor(vol / s.spec.step / 2) * s.spec.step;
  const trades = 1 + Math.floor(r() * 5000);
  return [
    ctx.t(open),
    dec(o),
    dec(hi),
    dec(lo),
    dec(c),
    dec(vol),
    ctx.t(nextStart(interval, open) - 1),
    dec(mul(c, vol)),
    trades,
    dec(takerBase),
    dec(mul(c, takerBase)),
    "0",
  ];
}

/** `klines` and `uiKlines` take the same params and give the same shape. */
const klinesMethod: Method = {
  params: {
    symbol: "symbol",
    interval: "interval",
    startTime: "int",
    endTime: "int",
    timeZone: "timeZone",
    limit: "int",
  },
  required: ["symbol", "interval"],
  weight: () => 2,
  run: klines,
};

function klines(ctx: Context): unknown[] {
  const p = ctx.params;
  const s = p.symbol as SymbolState;
  const interval = p.interval as string;
  const n = limit(p, 500, 1000);
  const start = p.startTime as number | undefined;
  const end = Math.min((p.endTime as number | undefined) ?? ctx.now, ctx.now);
  const out: unknown[] = [];
  if (start !== undefined) {
    for (
      let o = intervalStart(interval, start);
      o <= end && out.length < n;
      o = nextStart(interval, o)
    ) {
      out.push(kline(s, interval, o, ctx));
    }
    return out;
  }
  for (let o = intervalStart(interval, end); out.length < n; o = prevStart(interval, o)) {
    out.unshift(kline(s, interval, o, ctx));
  }
  return out;
}

/** Statistics over the trades in [from, to]. */
function stats(s: SymbolState, from: number, to: number, ctx: Context, type: string) {
  const trades = s.trades.filter((t) => t.time >= from && t.time <= to);
  const list = trades.length ? trades : [s.trades[s.trades.length - 1]];
  const { hi, lo, vol, quote } = summarize(list);
  const open = list[0].price;
  const last = list[list.length - 1];
  const mini = {
    symbol: s.spec.symbol,
    openPrice: dec(open),
    highPrice: dec(hi),
    lowPrice: dec(lo),
    lastPrice: dec(last.price),
    volume: dec(vol),
    quoteVolume: dec(quote),
    openTime: ctx.t(from),
    closeTime: ctx.t(to),
    firstId: list[0].id,
    lastId: last.id,
    count: trades.length,
  };
  if (type === "MINI") return { mini };
  const change = BigInt(last.price - open);
  const pct = (change * 100_000n) / BigInt(open); // 3 decimals
  const avg = vol === 0n ? 0n : (quote * 100_000_000n) / vol;
  const pctText = `${pct < 0n ? "-" : ""}${(pct < 0n ? -pct : pct) / 1000n}.${
    ((pct < 0n ? -pct : pct) % 1000n).toString().padStart(3, "0")
  }`;
  return {
    mini,
    full: {
      priceChange: dec(change),
      priceChangePercent: pctText,
      weightedAvgPrice: dec(avg),
      lastQty: dec(last.qty),
    },
  };
}

function tickerFull(
  s: SymbolState,
  from: number,
  to: number,
  ctx: Context,
  type: string,
  kind: "24hr" | "window",
): Record<string, unknown> {
  const { mini, full } = stats(s, from, to, ctx, type);
  if (!full) return mini;
  const { symbol, ...rest } = mini;
  const base = {
    symbol,
    priceChange: full.priceChange,
    priceChangePercent: full.priceChangePercent,
    weightedAvgPrice: full.weightedAvgPrice,
  };
  if (kind === "window") return { ...base, ...rest };
  const { openPrice, lastPrice, ...more } = rest;
  return {
    ...base,
    prevClosePrice: openPrice,
    lastPrice,
    lastQty: full.lastQty,
    bidPrice: dec(s.book.bids[0][0]),
    bidQty: dec(s.book.bids[0][1]),
    askPrice: dec(s.book.asks[0][0]),
    askQty: dec(s.book.asks[0][1]),
    openPrice,
    ...more,
  };
}

function perSymbolCapped(p: Record<string, unknown>): number {
  const n = p.symbols ? (p.symbols as unknown[]).length : 1;
  return n > 50 ? 200 : 4 * n;
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

/** `ticker.price` and `ticker.book`: symbol 2, symbols or all 4; one object or a list. */
function symbolTicker(entry: (s: SymbolState) => unknown): Method {
  return {
    params: { symbol: "symbol", symbols: "symbols", symbolStatus: "symbolStatus" },
    weight: (p) => p.symbol ? 2 : 4,
    run: (ctx) => one(ctx.params, select(ctx.params, ctx, true).map(entry)),
  };
}

/** The fake exchange's REQUEST_WEIGHT limit is passed in, so exchangeInfo reports it. */
export function methods(weightLimit: number): Record<string, Method> {
  const symbolOnly = { symbol: "symbol" } as const;
  return {
    ping: { params: {}, weight: () => 1, run: () => ({}) },
    time: { params: {}, weight: () => 1, run: (ctx) => ({ serverTime: ctx.t(ctx.now) }) },
    exchangeInfo: {
      params: {
        symbol: "symbol",
        symbols: "symbols",
        permissions: "permissions",
        showPermissionSets: "bool",
        symbolStatus: "symbolStatus",
      },
      weight: () => 20,
      run(ctx) {
        const p = ctx.params;
        if ([p.symbol, p.symbols, p.permissions].filter((x) => x !== undefined).length > 1) {
          badCombo();
        }
        if (p.symbolStatus && (p.symbol || p.symbols)) badCombo();
        const list = p.symbol
          ? [p.symbol as SymbolState]
          : (p.symbols as SymbolState[] | undefined) ?? [...ctx.market.values()].filter((s) =>
            !p.symbolStatus || s.spec.status === p.symbolStatus
          );
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
      },
    },
    executionRules: {
      params: { symbol: "symbol", symbols: "symbols", symbolStatus: "symbolStatus" },
      weight: (p) =>
        p.symbol ? 2 : p.symbols ? Math.min(40, 2 * (p.symbols as unknown[]).length) : 40,
      run(ctx) {
        const p = ctx.params;
        if ([p.symbol, p.symbols, p.symbolStatus].filter((x) => x !== undefined).length > 1) {
          badCombo();
        }
        const list = p.symbol
          ? [p.symbol as SymbolState]
          : (p.symbols as SymbolState[] | undefined) ??
            [...ctx.market.values()].filter((s) =>
              !p.symbolStatus || s.spec.status === p.symbolStatus
            );
        return {
          symbolRules: list.map((s) => ({
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
      params: { symbol: "symbol", limit: "int", symbolStatus: "symbolStatus" },
      required: ["symbol"],
      weight: (p) => {
        const n = (p.limit as number | undefined) ?? 100;
        return n <= 100 ? 5 : n <= 500 ? 25 : n <= 1000 ? 50 : 250;
      },
      run(ctx) {
        const [s] = select(ctx.params, ctx, false);
        const n = limit(ctx.params, 100, 5000);
        return {
          lastUpdateId: s.book.lastUpdateId,
          bids: levels(s.book.bids, n),
          asks: levels(s.book.asks, n),
        };
      },
    },
    "trades.recent": {
      params: { symbol: "symbol", limit: "int" },
      required: ["symbol"],
      weight: () => 25,
      run(ctx) {
        const s = ctx.params.symbol as SymbolState;
        const n = limit(ctx.params, 500, 1000);
        return s.trades.slice(-n).map((t) => tradeJson(t, ctx));
      },
    },
    "trades.historical": {
      params: { symbol: "symbol", fromId: "int", limit: "int" },
      required: ["symbol"],
      weight: () => 25,
      run(ctx) {
        const s = ctx.params.symbol as SymbolState;
        const n = limit(ctx.params, 500, 1000);
        const fromId = ctx.params.fromId as number | undefined;
        const list = fromId === undefined
          ? s.trades.slice(-n)
          : s.trades.filter((t) => t.id >= fromId).slice(0, n);
        return list.map((t) => tradeJson(t, ctx));
      },
    },
    "blockTrades.historical": {
      params: { symbol: "symbol", fromId: "int", limit: "int" },
      required: ["symbol", "fromId"],
      weight: () => 25,
      run(ctx) {
        const s = ctx.params.symbol as SymbolState;
        const n = limit(ctx.params, 500, 1000);
        const fromId = ctx.params.fromId as number;
        return s.blockTrades.filter((t) => t.id >= fromId).slice(0, n).map((t) =>
          tradeJson(t, ctx, false)
        );
      },
    },
    "trades.aggregate": {
      params: { symbol: "symbol", fromId: "int", startTime: "int", endTime: "int", limit: "int" },
      required: ["symbol"],
      weight: () => 4,
      run(ctx) {
        const p = ctx.params;
        if (p.fromId !== undefined && (p.startTime !== undefined || p.endTime !== undefined)) {
          badCombo();
        }
        const s = p.symbol as SymbolState;
        const n = limit(p, 500, 1000);
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
    klines: {
      ...klinesMethod,
    },
    uiKlines: {
      ...klinesMethod,
    },
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
      params: {
        symbol: "symbol",
        symbols: "symbols",
        type: "tickerType",
        symbolStatus: "symbolStatus",
      },
      weight: (p) => {
        if (p.symbol) return 2;
        const n = p.symbols ? (p.symbols as unknown[]).length : Infinity;
        return n <= 20 ? 2 : n <= 100 ? 40 : 80;
      },
      run(ctx) {
        const type = (ctx.params.type as string | undefined) ?? "FULL";
        return one(
          ctx.params,
          select(ctx.params, ctx, true).map((s) =>
            tickerFull(s, ctx.now - 86_400_000, ctx.now, ctx, type, "24hr")
          ),
        );
      },
    },
    "ticker.tradingDay": {
      params: {
        symbol: "symbol",
        symbols: "symbols",
        timeZone: "timeZone",
        type: "tickerType",
        symbolStatus: "symbolStatus",
      },
      weight: perSymbolCapped,
      run(ctx) {
        const type = (ctx.params.type as string | undefined) ?? "FULL";
        const dayStart = ctx.now - (ctx.now % 86_400_000);
        return one(
          ctx.params,
          select(ctx.params, ctx, false).map((s) =>
            tickerFull(s, dayStart, dayStart + 86_399_999, ctx, type, "window")
          ),
        );
      },
    },
    ticker: {
      params: {
        symbol: "symbol",
        symbols: "symbols",
        type: "tickerType",
        windowSize: "windowSize",
        symbolStatus: "symbolStatus",
      },
      weight: perSymbolCapped,
      run(ctx) {
        const type = (ctx.params.type as string | undefined) ?? "FULL";
        if (ctx.params.symbols && (ctx.params.symbols as unknown[]).length > 200) {
          fail(
            -1101,
            "Too many parameters; expected '200' and received '" +
              (ctx.params.symbols as unknown[]).length + "'.",
          );
        }
        const window = (ctx.params.windowSize as number | undefined) ?? 86_400_000;
        const from = ctx.now - window;
        return one(
          ctx.params,
          select(ctx.params, ctx, false).map((s) =>
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
        if (!s.spec.reference) fail(-2043, "This symbol doesn't have a reference price.");
        return {
          symbol: s.spec.symbol,
          referencePrice: s.spec.reference === "EXTERNAL" ? null : dec(s.book.bids[0][0]),
          timestamp: ctx.t(ctx.now - (ctx.now % 1000)),
        };
      },
    },
    "referencePrice.calculation": {
      params: { symbol: "symbol", symbolStatus: "symbolStatus" },
      required: ["symbol"],
      weight: () => 2,
      run(ctx) {
        const [s] = select(ctx.params, ctx, false);
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

/** Validates and weighs a request. Returns the weight and a runner, or throws a Failure. */
export function prepare(
  table: Record<string, Method>,
  method: string,
  params: Record<string, unknown>,
  ctx: Omit<Context, "params">,
): { weight: number; run(): unknown } {
  const name = method.startsWith("v3/") ? method.slice(3) : method;
  const m = table[name];
  // Unknown (or SIGNED, which the fake does not serve) methods: the docs do not document
  // the answer; -1000 UNKNOWN with status 400 is what the fake gives.
  if (!m) fail(-1000, "An unknown error occurred while processing the request.");
  const valid = check(m, params, { ...ctx, params });
  return { weight: m.weight(valid), run: () => m.run({ ...ctx, params: valid }) };
}

/** The symbols the fake exchange lists. */
export const SYMBOL_NAMES: string[] = SYMBOLS.map((s) => s.symbol);
