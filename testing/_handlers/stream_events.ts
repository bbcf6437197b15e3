// Private: the events of the fake's market streams (web-socket-streams.md): which stream gets
// which payload when the market moves, every documented payload kind, and times in µs. No
// sockets: the stream server delivers what `publishEvents` emits.

import { dec, mul } from "../_exchange/decimal.ts";
import { intervalStart, nextStart } from "./_klines.ts";
import {
  type StepChange,
  summarize,
  type SymbolState,
  type TradeRecord,
} from "../_exchange/market.ts";

const INTERVAL_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Emits the events of what the market's steps changed, for the streams in `wanted` only, in
 * a fixed order: per symbol, trades (trade, aggTrade, blockTrade) step by step, then one diff
 * depth event over every step, book ticker, partial depths, tickers, average price, reference
 * price, klines; then the all-market arrays. Payloads are made only when asked for.
 *
 * @param changes What each symbol's steps changed.
 * @param wanted The streams someone listens to.
 * @param now The event time.
 * @param emit Receives each stream name and its payload.
 */
export function publishEvents(
  changes: Map<SymbolState, StepChange[]>,
  wanted: Set<string>,
  now: number,
  emit: (stream: string, payload: () => unknown) => void,
): void {
  const minis: unknown[] = [];
  const windows: Record<string, unknown[]> = { "1h": [], "4h": [], "1d": [] };
  for (const [s, steps] of changes) {
    const sym = s.spec.symbol.toLowerCase();
    const has = (kind: string) => wanted.has(`${sym}@${kind}`);
    for (const change of steps) {
      for (const t of change.fills ?? (change.trade ? [change.trade] : [])) {
        if (has("trade")) emit(`${sym}@trade`, () => tradePayload("trade", s, t, now));
        if (has("aggTrade")) emit(`${sym}@aggTrade`, () => aggTradePayload(s, t, now));
      }
      if (change.blockTrade && has("blockTrade")) {
        const b = change.blockTrade;
        emit(`${sym}@blockTrade`, () => tradePayload("blockTrade", s, b, now));
      }
    }
    if (steps.length > 0 && (has("depth") || has("depth@100ms"))) {
      const bids = new Map<number, number>();
      const asks = new Map<number, number>();
      for (const c of steps) {
        for (const [p, q] of c.bids) bids.set(p, q);
        for (const [p, q] of c.asks) asks.set(p, q);
      }
      const u = s.book.lastUpdateId;
      const payload = () => ({
        e: "depthUpdate",
        E: now,
        s: s.spec.symbol,
        U: u - steps.length + 1,
        u,
        b: [...bids].sort((a, b) => b[0] - a[0]).map(([p, q]) => [dec(p), dec(q)]),
        a: [...asks].sort((a, b) => a[0] - b[0]).map(([p, q]) => [dec(p), dec(q)]),
      });
      if (has("depth")) emit(`${sym}@depth`, payload);
      if (has("depth@100ms")) emit(`${sym}@depth@100ms`, payload);
    }
    if (has("bookTicker") && steps.length > 0) {
      emit(`${sym}@bookTicker`, () => ({
        u: s.book.lastUpdateId,
        s: s.spec.symbol,
        b: dec(s.book.bids[0][0]),
        B: dec(s.book.bids[0][1]),
        a: dec(s.book.asks[0][0]),
        A: dec(s.book.asks[0][1]),
      }));
    }
    for (const levels of [5, 10, 20]) {
      for (const speed of ["", "@100ms"]) {
        const name = `${sym}@depth${levels}${speed}`;
        if (!wanted.has(name)) continue;
        emit(name, () => ({
          lastUpdateId: s.book.lastUpdateId,
          bids: s.book.bids.slice(0, levels).map(([p, q]) => [dec(p), dec(q)]),
          asks: s.book.asks.slice(0, levels).map(([p, q]) => [dec(p), dec(q)]),
        }));
      }
    }
    const mini = miniPayload(s, now);
    minis.push(mini);
    if (has("miniTicker")) emit(`${sym}@miniTicker`, () => mini);
    if (has("ticker")) emit(`${sym}@ticker`, () => tickerPayload(s, now));
    for (const w of ["1h", "4h", "1d"]) {
      const p = windowPayload(s, w, now);
      windows[w].push(p);
      if (has(`ticker_${w}`)) emit(`${sym}@ticker_${w}`, () => p);
    }
    if (has("avgPrice")) emit(`${sym}@avgPrice`, () => avgPricePayload(s, now));
    if (has("referencePrice")) {
      emit(`${sym}@referencePrice`, () => ({
        e: "referencePrice",
        s: s.spec.symbol,
        r: s.spec.reference === "EXTERNAL" ? null : dec(s.book.bids[0][0]),
        t: now,
      }));
    }
    for (const name of wanted) {
      if (!name.startsWith(`${sym}@kline_`)) continue;
      const interval = name.slice(sym.length + 7).replace("@+08:00", "");
      emit(name, () => klinePayload(s, interval, name.endsWith("@+08:00"), now));
    }
  }
  if (wanted.has("!miniTicker@arr") && minis.length) emit("!miniTicker@arr", () => minis);
  for (const w of ["1h", "4h", "1d"]) {
    const name = `!ticker_${w}@arr`;
    if (wanted.has(name) && windows[w].length) emit(name, () => windows[w]);
  }
}

const TIME_KEYS = new Set(["E", "T", "O", "C", "t"]);

/** Times in µs for `timeUnit=MICROSECOND` connections. */
export function toMicro(payload: unknown): unknown {
  if (Array.isArray(payload)) return payload.map(toMicro);
  if (typeof payload !== "object" || payload === null) return payload;
  const out: Record<string, unknown> = {};
  const p = payload as Record<string, unknown>;
  const isKline = p.e === "kline";
  for (const [k, v] of Object.entries(p)) {
    if (k === "k" && isKline) {
      const k2 = { ...(v as Record<string, unknown>) };
      k2.t = (k2.t as number) * 1000;
      k2.T = (k2.T as number) * 1000;
      out.k = k2;
    } else if (
      TIME_KEYS.has(k) && typeof v === "number" &&
      !(k === "t" && (p.e === "trade" || p.e === "blockTrade"))
    ) out[k] = v * 1000;
    else out[k] = v;
  }
  return out;
}

function tradePayload(e: string, s: SymbolState, t: TradeRecord, now: number): unknown {
  const base = {
    e,
    E: now,
    s: s.spec.symbol,
    t: t.id,
    p: dec(t.price),
    q: dec(t.qty),
    T: t.time,
    m: t.isBuyerMaker,
  };
  return e === "trade" ? { ...base, M: true } : base;
}

/** The fake aggregates nothing: each trade is its own aggregate trade, id = trade id − 50 000. */
function aggTradePayload(s: SymbolState, t: TradeRecord, now: number): unknown {
  return {
    e: "aggTrade",
    E: now,
    s: s.spec.symbol,
    a: t.id - 50_000,
    p: dec(t.price),
    q: dec(t.qty),
    f: t.id,
    l: t.id,
    T: t.time,
    m: t.isBuyerMaker,
    M: true,
  };
}

function recentStats(s: SymbolState, n: number) {
  const list = s.trades.slice(-n);
  // The trade before the window's first (the window's first when the list has no earlier one).
  const before = s.trades[s.trades.length - list.length - 1] ?? list[0];
  return { list, first: list[0], last: list[list.length - 1], before, ...summarize(list) };
}

function miniPayload(s: SymbolState, now: number): Record<string, unknown> {
  const st = recentStats(s, 100);
  return {
    e: "24hrMiniTicker",
    E: now,
    s: s.spec.symbol,
    c: dec(st.last.price),
    o: dec(st.first.price),
    h: dec(st.hi),
    l: dec(st.lo),
    v: dec(st.vol),
    q: dec(st.quote),
  };
}

function change(st: ReturnType<typeof recentStats>) {
  const diff = st.last.price - st.first.price;
  const pct = (BigInt(diff) * 100_000n) / BigInt(st.first.price);
  const abs = pct < 0n ? -pct : pct;
  const avg = st.vol === 0n ? 0n : (st.quote * 100_000_000n) / st.vol;
  return {
    p: dec(diff),
    P: `${pct < 0n ? "-" : ""}${abs / 1000n}.${(abs % 1000n).toString().padStart(3, "0")}`,
    w: dec(avg),
  };
}

function tickerPayload(s: SymbolState, now: number): unknown {
  const st = recentStats(s, 100);
  const ch = change(st);
  return {
    e: "24hrTicker",
    E: now,
    s: s.spec.symbol,
    p: ch.p,
    P: ch.P,
    w: ch.w,
    // "First trade(F)-1 price (first trade before the 24hr rolling window)".
    x: dec(st.before.price),
    c: dec(st.last.price),
    Q: dec(st.last.qty),
    b: dec(s.book.bids[0][0]),
    B: dec(s.book.bids[0][1]),
    a: dec(s.book.asks[0][0]),
    A: dec(s.book.asks[0][1]),
    o: dec(st.first.price),
    h: dec(st.hi),
    l: dec(st.lo),
    v: dec(st.vol),
    q: dec(st.quote),
    O: now - 86_400_000,
    C: now,
    F: st.first.id,
    L: st.last.id,
    n: st.list.length,
  };
}

function windowPayload(s: SymbolState, w: string, now: number): Record<string, unknown> {
  const st = recentStats(s, w === "1h" ? 50 : w === "4h" ? 80 : 100);
  const ch = change(st);
  const len = Number(w.slice(0, -1)) * INTERVAL_MS[w.at(-1)!];
  return {
    e: `${w}Ticker`,
    E: now,
    s: s.spec.symbol,
    p: ch.p,
    P: ch.P,
    o: dec(st.first.price),
    h: dec(st.hi),
    l: dec(st.lo),
    c: dec(st.last.price),
    w: ch.w,
    v: dec(st.vol),
    q: dec(st.quote),
    O: now - len - (now % 60_000),
    C: now,
    F: st.first.id,
    L: st.last.id,
    n: st.list.length,
  };
}

function avgPricePayload(s: SymbolState, now: number): unknown {
  const st = recentStats(s, 60);
  return {
    e: "avgPrice",
    E: now,
    s: s.spec.symbol,
    i: "5m",
    w: dec(st.vol === 0n ? 0n : (st.quote * 100_000_000n) / st.vol),
    T: st.last.time,
  };
}

function klinePayload(
  s: SymbolState,
  interval: string,
  plus8: boolean,
  now: number,
): unknown {
  // The same open and close times as `klines` (weeks open on Monday, months on the 1st).
  const shift = plus8 ? 8 * 3_600_000 : 0;
  const start = intervalStart(interval, now + shift) - shift;
  const close = nextStart(interval, start + shift) - shift - 1;
  const inKline = s.trades.filter((t) => t.time >= start);
  const st = recentStats(s, Math.max(1, inKline.length));
  const taker = st.list.filter((t) => !t.isBuyerMaker);
  let takerVol = 0n, takerQuote = 0n;
  for (const t of taker) {
    takerVol += BigInt(t.qty);
    takerQuote += mul(t.price, t.qty);
  }
  return {
    e: "kline",
    E: now,
    s: s.spec.symbol,
    k: {
      t: start,
      T: close,
      s: s.spec.symbol,
      i: interval,
      f: st.first.id,
      L: st.last.id,
      o: dec(st.first.price),
      c: dec(st.last.price),
      h: dec(st.hi),
      l: dec(st.lo),
      v: dec(st.vol),
      n: inKline.length,
      x: false,
      q: dec(st.quote),
      V: dec(takerVol),
      Q: dec(takerQuote),
      B: "0",
    },
  };
}
