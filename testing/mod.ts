/**
 * A fake Binance Spot exchange for tests: a WebSocket API and Market Streams server on
 * 127.0.0.1. The WebSocket API answers the 19 public methods with the documented shapes,
 * codes, messages and weights and enforces REQUEST_WEIGHT with 429 and 418 like Binance.
 * The streams (`/ws`, `/stream`) serve every documented market stream from the same
 * deterministic market, so a diff depth stream agrees with `depth` exactly; they answer the
 * five control methods with Binance's error codes, and disconnect a connection that sends
 * over 5 messages a second. Fault hooks: dropped connections, delays, stalls, skipped and
 * duplicated updates, `serverShutdown`, malformed frames, a lifetime cap.
 *
 * It is an independent peer of the client: it shares no code with it.
 *
 * ```ts
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * const ws = new WebSocket(exchange.wsApiUrl);
 * await new Promise((resolve) => (ws.onopen = resolve));
 * const answer = new Promise<string>((resolve) => (ws.onmessage = (e) => resolve(e.data)));
 * ws.send(JSON.stringify({ id: 1, method: "ping" }));
 * assert.equal(JSON.parse(await answer).status, 200);
 * ws.close();
 * await new Promise((resolve) => (ws.onclose = resolve));
 * ```
 *
 * @module
 */

import { createMarket, dec, step, type StepChange, type SymbolState } from "./_market.ts";
import { type Failure, methods, prepare, SYMBOL_NAMES } from "./_methods.ts";
import { createStreamServer } from "./_streams.ts";
import { armLifetime, closeAll, closeTracked, preflight, track } from "./_socket.ts";

/** Options of {@linkcode startFakeBinance}. */
export interface FakeBinanceOptions {
  /** Interface to listen on. Default `"127.0.0.1"`. */
  hostname?: string;
  /** Port. Default 0 (any free port). */
  port?: number;
  /** REQUEST_WEIGHT limit, reported and enforced. Default 6000. */
  requestWeightLimit?: number;
  /**
   * Length of the REQUEST_WEIGHT window in ms. Default 60 000 (reported as `MINUTE`, 1).
   * Tests shrink it.
   */
  requestWeightWindowMs?: number;
  /** How many 429 answers (per IP, i.e. per server) before the next excess is banned (418). Default 3. */
  banAfterViolations?: number;
  /** Length of an IP ban in ms. Default 120 000. */
  banDurationMs?: number;
  /** Close each WS API connection this many ms after it opened. Default 24 h, like Binance. */
  connectionLifetimeMs?: number;
  /** Delay every response by this many ms. Default 0. */
  responseDelayMs?: number;
  /**
   * Advance the market by one step every this many ms, so streams flow on their own.
   * Default: never (tests call `market.advance()`).
   */
  autoAdvanceMs?: number;
  /** Aborting closes the server. */
  signal?: AbortSignal;
}

/** One text frame a WS API connection received. */
export interface ReceivedFrame {
  /** Which connection (1, 2, … in order of opening). */
  connectionId: number;
  /** When it arrived (`Date.now()`). */
  at: number;
  /** The frame's text. */
  text: string;
}

/** An order book snapshot of the fake market. */
export interface FakeOrderBook {
  /** The book's update id. */
  lastUpdateId: number;
  /** Bids `[price, quantity]`, best first, as decimal strings. */
  bids: [string, string][];
  /** Asks `[price, quantity]`, best first, as decimal strings. */
  asks: [string, string][];
}

/** The fake exchange's market: the true state that responses are made from. */
export interface FakeMarket {
  /** The listed symbols. */
  symbols(): string[];
  /**
   * The true order book of a symbol.
   *
   * @param symbol The symbol.
   * @param limit Levels per side (default all).
   * @returns The book.
   */
  orderBook(symbol: string, limit?: number): FakeOrderBook;
  /**
   * Moves the market deterministically: each step changes one level of the book (new
   * quantity, removed or inserted), raises its update id by one and adds a trade, for every
   * symbol (or the given ones). The streams then publish what changed: one event per trade,
   * one diff depth event covering every step of this call, and one event of every other kind.
   *
   * @param steps How many steps. Default 1.
   * @param symbols Which symbols move. Default all.
   */
  advance(steps?: number, symbols?: readonly string[]): void;
}

/** One text frame a market-stream connection received (a control message). */
export interface ReceivedStreamFrame {
  /** Which stream connection (1, 2, … in order of opening). */
  connectionId: number;
  /** When it arrived (`Date.now()`). */
  at: number;
  /** The frame's text. */
  text: string;
}

/** The market-stream side of the fake exchange (`/ws` and `/stream`). */
export interface FakeStreams {
  /** Base URL of the stream server, e.g. `ws://127.0.0.1:PORT` (give it to `connectStreams`). */
  readonly baseUrl: string;
  /** Base URL of raw streams, e.g. `ws://127.0.0.1:PORT/ws`. */
  readonly rawUrl: string;
  /** Base URL of combined streams, e.g. `ws://127.0.0.1:PORT/stream`. */
  readonly combinedUrl: string;
  /** Every control message any stream connection sent, in order. */
  readonly received: readonly ReceivedStreamFrame[];
  /** Stream connections open now. */
  readonly openConnections: number;
  /** Stream connections accepted since the start. */
  readonly totalConnections: number;
  /** How many connections were closed (code 1008) for sending over 5 messages a second. */
  readonly rateLimitDisconnects: number;
  /** The streams each open connection listens to. */
  subscriptions(): string[][];
  /** Closes every stream connection at once (code 1011), with no `serverShutdown` first. */
  drop(): void;
  /** Closes the most recently opened stream connection (code 1011), e.g. a rotation's new one. */
  dropNewest(): void;
  /**
   * Stalls the stream connections open now: their outgoing frames are held for `ms`, then
   * sent in order (to those still open). Connections opened meanwhile are not stalled.
   *
   * @param ms How long the streams stall.
   */
  stall(ms: number): void;
  /**
   * Does not send the next event of `stream` to anyone: a gap.
   *
   * @param stream The stream name, e.g. `"btcusdt@depth"`.
   */
  skipNext(stream: string): void;
  /**
   * Sends the next event of `stream` twice to every listener.
   *
   * @param stream The stream name.
   */
  duplicateNext(stream: string): void;
  /**
   * Sends a raw text frame to every stream connection.
   *
   * @param text The frame.
   */
  sendFrame(text: string): void;
}

/** A running fake exchange. Close it with {@linkcode FakeBinance.close} (or `await using`). */
export interface FakeBinance extends AsyncDisposable {
  /** The WebSocket API URL, e.g. `ws://127.0.0.1:PORT/ws-api/v3`. */
  readonly wsApiUrl: string;
  /** The port it listens on. */
  readonly port: number;
  /** The interface it listens on. */
  readonly hostname: string;
  /** Every text frame any WS API connection received, in order. */
  readonly received: readonly ReceivedFrame[];
  /** WS API connections open now. */
  readonly openConnections: number;
  /** WS API connections accepted since the start. */
  readonly totalConnections: number;
  /** The market. */
  readonly market: FakeMarket;
  /** The market streams. */
  readonly streams: FakeStreams;
  /** Closes every WS API and stream connection at once, with no `serverShutdown` first. */
  dropConnections(): void;
  /**
   * Makes the next `count` `depth` responses answer from the books as they are now, even
   * after the market moves on: a stale snapshot.
   *
   * @param count How many `depth` responses are stale. Default 1.
   */
  serveStaleDepth(count?: number): void;
  /**
   * Delays every later response.
   *
   * @param ms The delay in ms (0 for none).
   */
  setResponseDelay(ms: number): void;
  /**
   * Sends `{"event":{"e":"serverShutdown","E":…}}` to every open WS API connection, and
   * `serverShutdown` (raw or combined) to every stream connection.
   *
   * @param options `closeAfterMs`: also close those connections after this many ms.
   */
  sendServerShutdown(options?: { closeAfterMs?: number }): void;
  /**
   * Sends a frame that is not valid JSON to every open connection.
   *
   * @param text The frame. Default `"{not json"`.
   */
  sendMalformedFrame(text?: string): void;
  /**
   * Sends a raw text frame to every open connection.
   *
   * @param text The frame.
   */
  sendFrame(text: string): void;
  /**
   * Caps the lifetime of WS API and stream connections: existing ones close this long after
   * they opened.
   *
   * @param ms The lifetime in ms.
   */
  setConnectionLifetime(ms: number): void;
  /** Closes every connection and the server; releases every timer. */
  close(): Promise<void>;
}

interface Conn {
  id: number;
  ws: WebSocket;
  openedAt: number;
  lifetimeTimer?: ReturnType<typeof setTimeout>;
  returnRateLimits: boolean;
  micro: boolean;
}

/**
 * Starts a fake Binance exchange.
 *
 * @param options Port, limits and faults.
 * @returns The running exchange.
 *
 * @example Usage
 * ```ts
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * const exchange = await startFakeBinance({ requestWeightLimit: 100 });
 * assert.match(exchange.wsApiUrl, /^ws:\/\/127\.0\.0\.1:\d+\/ws-api\/v3$/);
 * assert.deepEqual(exchange.market.symbols().slice(0, 2), ["BTCUSDT", "ETHUSDT"]);
 * await exchange.close();
 * ```
 */
export function startFakeBinance(options: FakeBinanceOptions = {}): Promise<FakeBinance> {
  const hostname = options.hostname ?? "127.0.0.1";
  const weightLimit = options.requestWeightLimit ?? 6000;
  const windowMs = options.requestWeightWindowMs ?? 60_000;
  const banAfter = options.banAfterViolations ?? 3;
  const banMs = options.banDurationMs ?? 120_000;
  let lifetimeMs = options.connectionLifetimeMs ?? 86_400_000;
  let delayMs = options.responseDelayMs ?? 0;

  const market = createMarket(Date.now());
  const table = methods(weightLimit);
  const conns = new Set<Conn>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const received: ReceivedFrame[] = [];
  let total = 0;
  let windowStart = 0;
  let used = 0;
  let violations = 0;
  let bannedUntil = 0;
  let closed = false;
  const staleDepth = { left: 0, market: new Map<string, SymbolState>() };

  function later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  }

  function roll(now: number): void {
    const start = now - (now % windowMs);
    if (start !== windowStart) {
      windowStart = start;
      used = 0;
    }
  }

  function send(conn: Conn, text: string): void {
    if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(text);
  }

  function rateLimits(): string {
    return `[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":${weightLimit},"count":${used}}]`;
  }

  function answer(conn: Conn, text: string): void {
    if (delayMs > 0) later(delayMs, () => send(conn, text));
    else send(conn, text);
  }

  function onRequest(conn: Conn, text: string): void {
    const now = Date.now();
    received.push({ connectionId: conn.id, at: now, text });
    let req: { id?: unknown; method?: unknown; params?: unknown };
    try {
      req = JSON.parse(text);
      if (typeof req !== "object" || req === null || Array.isArray(req)) throw new Error();
    } catch {
      answer(conn, `{"id":null,"status":400,"error":{"code":-1135,"msg":"Invalid JSON Request"}}`);
      return;
    }
    // Echo the id exactly, even a 64-bit integer.
    const idText = typeof req.id === "number" && !Number.isSafeInteger(req.id)
      ? /"id"\s*:\s*(-?\d+)/.exec(text)?.[1] ?? "null"
      : JSON.stringify(req.id ?? null);
    const params = (req.params ?? {}) as Record<string, unknown>;
    const showLimits = typeof params.returnRateLimits === "boolean"
      ? params.returnRateLimits
      : conn.returnRateLimits;
    const reply = (status: number, body: string) =>
      answer(
        conn,
        `{"id":${idText},"status":${status},${body}${
          showLimits ? `,"rateLimits":${rateLimits()}` : ""
        }}`,
      );
    const error = (f: Failure, data?: Record<string, unknown>) =>
      reply(
        f.status,
        `"error":${JSON.stringify({ code: f.code, msg: f.msg, ...(data ? { data } : {}) })}`,
      );

    const banned = () =>
      error({
        status: 418,
        code: -1003,
        msg:
          `Way too much request weight used; IP banned until ${bannedUntil}. Please use WebSocket Streams for live updates to avoid bans.`,
      }, { serverTime: now, retryAfter: bannedUntil });
    if (now < bannedUntil) {
      banned();
      return;
    }
    if (typeof req.method !== "string" || typeof params !== "object" || Array.isArray(params)) {
      error({
        status: 400,
        code: -1102,
        msg: "Mandatory parameter 'method' was not sent, was empty/null, or malformed.",
      });
      return;
    }
    const t = conn.micro ? (ms: number) => ms * 1000 : (ms: number) => ms;
    let prepared: { weight: number; run(): unknown };
    try {
      const stale = req.method === "depth" && staleDepth.left > 0 ? staleDepth : undefined;
      if (stale) stale.left--;
      prepared = prepare(table, req.method, params, { market: stale?.market ?? market, now, t });
    } catch (f) {
      roll(now);
      used += 1;
      error(f as Failure);
      return;
    }
    roll(now);
    if (used + prepared.weight > weightLimit) {
      if (violations >= banAfter) {
        bannedUntil = now + banMs;
        banned();
        later(delayMs + 10, () => closeTracked(conn, 1008, "IP banned"));
        return;
      }
      violations++;
      error({
        status: 429,
        code: -1003,
        msg:
          `Too much request weight used; current limit is ${weightLimit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`,
      }, { serverTime: now, retryAfter: windowStart + windowMs });
      return;
    }
    used += prepared.weight;
    try {
      reply(200, `"result":${JSON.stringify(prepared.run())}`);
    } catch (f) {
      error(f as Failure);
    }
  }

  function wsApi(req: Request): Response {
    const url = new URL(req.url);
    const now = Date.now();
    if (now < bannedUntil) return new Response("IP banned", { status: 418 });
    const checked = preflight(req, url, /^(millisecond|microsecond)$/i);
    if (checked instanceof Response) return checked;
    const { socket, response } = Deno.upgradeWebSocket(req);
    const conn: Conn = {
      id: ++total,
      ws: socket,
      openedAt: now,
      returnRateLimits: url.searchParams.get("returnRateLimits") !== "false",
      micro: checked.micro,
    };
    roll(now);
    used += 2; // Connecting costs 2 weight.
    track(conns, conn, () => lifetimeMs, (text) => onRequest(conn, text));
    return response;
  }

  const streams = createStreamServer({
    market,
    later,
    isBanned: (now) => now < bannedUntil,
    lifetimeMs: () => lifetimeMs,
  });

  const server = Deno.serve({ hostname, port: options.port ?? 0, onListen() {} }, (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/ws-api/v3") return wsApi(req);
    if (path === "/stream" || path === "/ws" || path.startsWith("/ws/")) {
      return streams.handle(req, path);
    }
    return new Response("Not found", { status: 404 });
  });
  const port = server.addr.port;

  const fakeMarket: FakeMarket = {
    symbols: () => [...SYMBOL_NAMES],
    orderBook(symbol: string, limit?: number): FakeOrderBook {
      const s: SymbolState | undefined = market.get(symbol);
      if (!s) throw new RangeError(`Unknown symbol "${symbol}"`);
      return {
        lastUpdateId: s.book.lastUpdateId,
        bids: s.book.bids.slice(0, limit).map(([p, q]) => [dec(p), dec(q)]),
        asks: s.book.asks.slice(0, limit).map(([p, q]) => [dec(p), dec(q)]),
      };
    },
    advance(steps = 1, symbols?: readonly string[]): void {
      const now = Date.now();
      const moving = symbols
        ? symbols.map((name) => {
          const s = market.get(name);
          if (!s) throw new RangeError(`Unknown symbol "${name}"`);
          return s;
        })
        : [...market.values()];
      const changes = new Map<SymbolState, StepChange[]>();
      for (const s of moving) changes.set(s, []);
      for (let i = 0; i < steps; i++) for (const s of moving) changes.get(s)!.push(step(s, now));
      streams.publish(changes, now);
    },
  };

  const autoTimer = options.autoAdvanceMs === undefined
    ? undefined
    : setInterval(() => fakeMarket.advance(1), options.autoAdvanceMs);

  async function close(): Promise<void> {
    if (closed) return server.finished;
    closed = true;
    clearInterval(autoTimer);
    options.signal?.removeEventListener("abort", onAbort);
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    const closing = closeAll(conns);
    await Promise.all([closing, streams.close()]);
    await server.shutdown();
  }
  const onAbort = () => void close();
  options.signal?.addEventListener("abort", onAbort, { once: true });

  return Promise.resolve({
    wsApiUrl: `ws://${hostname}:${port}/ws-api/v3`,
    port,
    hostname,
    received,
    get openConnections() {
      return conns.size;
    },
    get totalConnections() {
      return total;
    },
    market: fakeMarket,
    streams: {
      baseUrl: `ws://${hostname}:${port}`,
      rawUrl: `ws://${hostname}:${port}/ws`,
      combinedUrl: `ws://${hostname}:${port}/stream`,
      received: streams.received,
      get openConnections() {
        return streams.openConnections;
      },
      get totalConnections() {
        return streams.totalConnections;
      },
      get rateLimitDisconnects() {
        return streams.rateLimitDisconnects;
      },
      subscriptions: () => streams.subscriptions(),
      drop: () => streams.drop(),
      dropNewest: () => streams.dropNewest(),
      stall: (ms: number) => streams.stall(ms),
      skipNext: (stream: string) => streams.skipNext(stream),
      duplicateNext: (stream: string) => streams.duplicateNext(stream),
      sendFrame: (text: string) => streams.sendFrame(text),
    },
    dropConnections() {
      for (const c of conns) closeTracked(c, 1011, "Connection dropped");
      streams.drop();
    },
    serveStaleDepth(count = 1) {
      staleDepth.left = count;
      staleDepth.market = new Map(
        [...market].map(([name, st]) => [name, {
          ...st,
          book: {
            lastUpdateId: st.book.lastUpdateId,
            bids: st.book.bids.map(([p, q]) => [p, q]),
            asks: st.book.asks.map(([p, q]) => [p, q]),
          },
        }]),
      );
    },
    setResponseDelay(ms: number) {
      delayMs = ms;
    },
    sendServerShutdown(opts: { closeAfterMs?: number } = {}) {
      const text = JSON.stringify({ event: { e: "serverShutdown", E: Date.now() } });
      const targets = [...conns];
      for (const c of targets) send(c, text);
      if (opts.closeAfterMs !== undefined) {
        later(opts.closeAfterMs, () => {
          for (const c of targets) closeTracked(c, 1001, "Server shutdown");
        });
      }
      streams.sendServerShutdown(opts.closeAfterMs);
    },
    sendMalformedFrame(text = "{not json") {
      for (const c of conns) send(c, text);
    },
    sendFrame(text: string) {
      for (const c of conns) send(c, text);
    },
    setConnectionLifetime(ms: number) {
      lifetimeMs = ms;
      for (const c of conns) armLifetime(c, lifetimeMs);
      streams.rearmLifetimes();
    },
    close,
    [Symbol.asyncDispose]: close,
  });
}
