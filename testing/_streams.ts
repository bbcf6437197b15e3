// Private: the fake exchange's WebSocket Market Streams (`/ws`, `/ws/<stream>`, `/stream`).
// It follows web-socket-streams.md: lower-case stream names, raw and combined payloads, the
// five control methods with their documented error codes, 5 incoming messages per second,
// 1024 streams per connection, `serverShutdown`, and the documented payload of every kind.
// It shares no code with the client.

import { armLifetime, closeAll, closeTracked, preflight, track } from "./_socket.ts";
import {
  dec,
  mul,
  type StepChange,
  summarize,
  type SymbolState,
  type TradeRecord,
} from "./_market.ts";

const INTERVALS = "1s|1m|3m|5m|15m|30m|1h|2h|4h|6h|8h|12h|1d|3d|1w|1M";
const SYMBOL_STREAM = new RegExp(
  "^([a-z0-9]+)@(aggTrade|trade|blockTrade|miniTicker|ticker|bookTicker|avgPrice|referencePrice|" +
    `kline_(?:${INTERVALS})(?:@\\+08:00)?|ticker_(?:1h|4h|1d)|depth(?:5|10|20)?(?:@100ms)?)$`,
);
const MARKET_STREAM = /^!(miniTicker@arr|ticker_(?:1h|4h|1d)@arr)$/;
const MAX_STREAMS = 1024;
const MAX_MESSAGES_PER_SECOND = 5;

const INTERVAL_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  M: 30 * 86_400_000,
};

/** One text frame a market-stream connection received. */
export interface StreamFrame {
  connectionId: number;
  at: number;
  text: string;
}

interface StreamConn {
  id: number;
  ws: WebSocket;
  combined: boolean;
  micro: boolean;
  streams: Set<string>;
  recent: number[];
  openedAt: number;
  /** While stalled, frames to this connection are held. */
  stalled?: boolean;
  lifetimeTimer?: ReturnType<typeof setTimeout>;
}

export interface StreamServerDeps {
  market: Map<string, SymbolState>;
  later(ms: number, fn: () => void): void;
  isBanned(now: number): boolean;
  lifetimeMs(): number;
}

/** The stream side of the fake exchange. */
export interface StreamServer {
  handle(req: Request, path: string): Response;
  /** Publishes what the market's steps changed. */
  publish(changes: Map<SymbolState, StepChange[]>, now: number): void;
  readonly received: StreamFrame[];
  readonly openConnections: number;
  readonly totalConnections: number;
  readonly rateLimitDisconnects: number;
  subscriptions(): string[][];
  drop(): void;
  dropNewest(): void;
  stall(ms: number): void;
  skipNext(stream: string): void;
  duplicateNext(stream: string): void;
  sendServerShutdown(closeAfterMs?: number): void;
  sendFrame(text: string): void;
  rearmLifetimes(): void;
  close(): Promise<void>;
}

/**
 * Whether `name` is a well-formed stream name. Like Binance, any lower-case symbol is
 * accepted; only listed symbols ever carry data.
 */
function isStreamName(name: string, _market: Map<string, SymbolState>): boolean {
  return MARKET_STREAM.test(name) || SYMBOL_STREAM.test(name);
}

/** A control error. As documented, only code 0 ("Unknown property") carries the `id`. */
function controlError(code: number, msg: string, id: unknown): string {
  return JSON.stringify(code === 0 && id !== undefined ? { code, msg, id } : { code, msg });
}

export function createStreamServer(deps: StreamServerDeps): StreamServer {
  const conns = new Set<StreamConn>();
  const received: StreamFrame[] = [];
  const skip = new Set<string>();
  const duplicate = new Set<string>();
  let total = 0;
  let rateLimitDisconnects = 0;
  let held: [StreamConn, string][] = [];

  function write(conn: StreamConn, text: string): void {
    if (conn.stalled) {
      held.push([conn, text]);
      return;
    }
    if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(text);
  }

  function onControl(conn: StreamConn, text: string): void {
    const now = Date.now();
    received.push({ connectionId: conn.id, at: now, text });
    conn.recent.push(now);
    while (conn.recent.length && conn.recent[0] <= now - 1000) conn.recent.shift();
    if (conn.recent.length > MAX_MESSAGES_PER_SECOND) {
      rateLimitDisconnects++;
      closeTracked(conn, 1008, "Too many requests");
      return;
    }
    let req: { method?: unknown; params?: unknown; id?: unknown };
    try {
      req = JSON.parse(text);
      if (typeof req !== "object" || req === null || Array.isArray(req)) throw new Error();
    } catch {
      write(conn, controlError(3, "Invalid JSON: expected value at line 1 column 1", undefined));
      return;
    }
    const id = req.id;
    const idOk = id === null || typeof id === "number" && Number.isInteger(id) ||
      typeof id === "string" && /^[A-Za-z0-9]{1,36}$/.test(id);
    if (!idOk) {
      write(
        conn,
        controlError(2, "Invalid request: request ID must be an unsigned integer", undefined),
      );
      return;
    }
    const reply = (result: unknown) => write(conn, JSON.stringify({ result, id }));
    if (req.method === undefined) {
      write(
        conn,
        controlError(2, "Invalid request: missing field `method` at line 1 column 73", id),
      );
      return;
    }
    const params = req.params;
    switch (req.method) {
      case "SUBSCRIBE":
      case "UNSUBSCRIBE": {
        if (!Array.isArray(params) || params.some((p) => typeof p !== "string")) {
          write(conn, controlError(2, "Invalid request: stream names must be strings", id));
          return;
        }
        const bad = (params as string[]).find((p) => !isStreamName(p, deps.market));
        if (bad !== undefined) {
          write(conn, controlError(2, `Invalid request: unknown stream name "${bad}"`, id));
          return;
        }
        if (req.method === "SUBSCRIBE") {
          const after = new Set([...conn.streams, ...(params as string[])]);
          if (after.size > MAX_STREAMS) {
            write(
              conn,
              controlError(2, `Invalid request: too many streams (at most ${MAX_STREAMS})`, id),
            );
            return;
          }
          for (const p of params as string[]) conn.streams.add(p);
        } else for (const p of params as string[]) conn.streams.delete(p);
        reply(null);
        return;
      }
      case "LIST_SUBSCRIPTIONS":
        if (params !== undefined && !(Array.isArray(params) && params.length === 0)) {
          write(conn, controlError(2, "Invalid request: too many parameters", id));
          return;
        }
        reply([...conn.streams]);
        return;
      case "SET_PROPERTY":
      case "GET_PROPERTY": {
        const want = req.method === "SET_PROPERTY" ? 2 : 1;
        if (!Array.isArray(params) || params.length === 0 || typeof params[0] !== "string") {
          write(conn, controlError(2, "Invalid request: property name must be a string", id));
          return;
        }
        if (params.length > want) {
          write(conn, controlError(2, "Invalid request: too many parameters", id));
          return;
        }
        if (params[0] !== "combined") {
          write(conn, controlError(0, "Unknown property", id));
          return;
        }
        if (req.method === "GET_PROPERTY") {
          reply(conn.combined);
          return;
        }
        if (typeof params[1] !== "boolean") {
          write(conn, controlError(1, "Invalid value type: expected Boolean", id));
          return;
        }
        conn.combined = params[1];
        reply(null);
        return;
      }
      default:
        write(
          conn,
          controlError(
            2,
            `Invalid request: unknown variant ${
              JSON.stringify(req.method)
            }, expected one of \`SUBSCRIBE\`, \`UNSUBSCRIBE\`, \`LIST_SUBSCRIPTIONS\`, \`SET_PROPERTY\`, \`GET_PROPERTY\` at line 1 column 28`,
            id,
          ),
        );
    }
  }

  function handle(req: Request, path: string): Response {
    const url = new URL(req.url);
    const now = Date.now();
    if (deps.isBanned(now)) return new Response("IP banned", { status: 418 });
    let initial: string[] = [];
    let combined: boolean;
    if (path === "/stream") {
      combined = true;
      const list = url.searchParams.get("streams");
      initial = list ? list.split("/").filter((s) => s !== "") : [];
    } else if (path === "/ws" || path.startsWith("/ws/")) {
      combined = false;
      const name = decodeURIComponent(path.slice(4));
      initial = name ? [name] : [];
    } else return new Response("Not found", { status: 404 });
    const bad = initial.find((s) => !isStreamName(s, deps.market));
    if (bad !== undefined) {
      return Response.json({ code: 2, msg: `Invalid request: unknown stream name "${bad}"` }, {
        status: 400,
      });
    }
    if (initial.length > MAX_STREAMS) {
      return Response.json({ code: 2, msg: `Invalid request: too many streams` }, { status: 400 });
    }
    const checked = preflight(req, url, /^(MILLISECOND|millisecond|MICROSECOND|microsecond)$/);
    if (checked instanceof Response) return checked;
    const { socket, response } = Deno.upgradeWebSocket(req);
    const conn: StreamConn = {
      id: ++total,
      ws: socket,
      combined,
      micro: checked.micro,
      streams: new Set(initial),
      recent: [],
      openedAt: now,
    };
    track(conns, conn, deps.lifetimeMs, (text) => onControl(conn, text));
    return response;
  }

  /** Sends one event of `stream` to every connection that listens to it. */
  function emit(stream: string, payload: () => unknown): void {
    let text: string | undefined;
    let micro: string | undefined;
    let rawText: string | undefined;
    let rawMicro: string | undefined;
    const dropIt = skip.delete(stream);
    const twice = duplicate.delete(stream);
    if (dropIt) return;
    for (const conn of conns) {
      if (!conn.streams.has(stream)) continue;
      let frame: string;
      if (conn.micro) {
        rawMicro ??= JSON.stringify(toMicro(payload()));
        frame = conn.combined ? (micro ??= `{"stream":"${stream}","data":${rawMicro}}`) : rawMicro;
      } else {
        rawText ??= JSON.stringify(payload());
        frame = conn.combined ? (text ??= `{"stream":"${stream}","data":${rawText}}`) : rawText;
      }
      write(conn, frame);
      if (twice) write(conn, frame);
    }
  }

  function listened(): Set<string> {
    const all = new Set<string>();
    for (const c of conns) for (const s of c.streams) all.add(s);
    return all;
  }

  function publish(changes: Map<SymbolState, StepChange[]>, now: number): void {
    if (conns.size === 0) return;
    const wanted = listened();
    if (wanted.size === 0) return;
    const minis: unknown[] = [];
    const windows: Record<string, unknown[]> = { "1h": [], "4h": [], "1d": [] };
    for (const [s, steps] of changes) {
      const sym = s.spec.symbol.toLowerCase();
      const has = (kind: string) => wanted.has(`${sym}@${kind}`);
      for (const change of steps) {
        const t = change.trade;
        if (has("trade")) emit(`${sym}@trade`, () => tradePayload("trade", s, t, now));
        if (has("aggTrade")) emit(`${sym}@aggTrade`, () => aggTradePayload(s, t, now));
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

  async function close(): Promise<void> {
    const closing = closeAll(conns);
    held = [];
    await closing;
  }

  return {
    handle,
    publish,
    received,
    get openConnections() {
      return conns.size;
    },
    get totalConnections() {
      return total;
    },
    get rateLimitDisconnects() {
      return rateLimitDisconnects;
    },
    subscriptions: () => [...conns].map((c) => [...c.streams]),
    drop() {
      for (const c of conns) closeTracked(c, 1011, "Connection dropped");
    },
    dropNewest() {
      const newest = [...conns].at(-1);
      if (newest) closeTracked(newest, 1011, "Connection dropped");
    },
    stall(ms: number) {
      const stalled = [...conns];
      for (const c of stalled) c.stalled = true;
      deps.later(ms, () => {
        for (const c of stalled) c.stalled = false;
        const frames = held.filter(([c]) => stalled.includes(c));
        held = held.filter(([c]) => !stalled.includes(c));
        for (const [c, text] of frames) {
          if (c.ws.readyState === WebSocket.OPEN) c.ws.send(text);
        }
      });
    },
    skipNext(stream: string) {
      skip.add(stream);
    },
    duplicateNext(stream: string) {
      duplicate.add(stream);
    },
    sendServerShutdown(closeAfterMs?: number) {
      const targets = [...conns];
      const data = `{"e":"serverShutdown","E":${Date.now()}}`;
      for (const c of targets) {
        write(c, c.combined ? `{"stream":"!serverShutdown","data":${data}}` : data);
      }
      if (closeAfterMs !== undefined) {
        deps.later(closeAfterMs, () => {
          for (const c of targets) closeTracked(c, 1001, "Server shutdown");
        });
      }
    },
    sendFrame(text: string) {
      for (const c of conns) write(c, text);
    },
    rearmLifetimes() {
      for (const c of conns) armLifetime(c, deps.lifetimeMs());
    },
    close,
  };
}

const TIME_KEYS = new Set(["E", "T", "O", "C", "t"]);

/** Times in µs for `timeUnit=MICROSECOND` connections. */
function toMicro(payload: unknown): unknown {
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
  return { list, first: list[0], last: list[list.length - 1], ...summarize(list) };
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
    x: dec(st.first.price),
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
  const len = Number(interval.slice(0, -1)) * INTERVAL_MS[interval.at(-1)!];
  const shift = plus8 ? 8 * 3_600_000 : 0;
  const start = Math.floor((now + shift) / len) * len - shift;
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
      T: start + len - 1,
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
