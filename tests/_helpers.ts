// Helpers shared by the test files: waiting on conditions, recording events, and a scripted
// WebSocket peer for frames the fake exchange would never send.

import type {
  OrderBook,
  OrderBookEventMap,
  StreamConnection,
  StreamEventMap,
  Subscription,
  SubscriptionEventMap,
  WsApiConnection,
  WsApiEventMap,
} from "../mod.ts";

/** What emits typed events in this module. */
type Emitter = WsApiConnection | StreamConnection | OrderBook | Subscription<unknown>;

/** The event map of an emitter. */
type EventsOf<E> = E extends WsApiConnection ? WsApiEventMap
  : E extends StreamConnection ? StreamEventMap
  : E extends OrderBook ? OrderBookEventMap
  : E extends Subscription<infer T> ? SubscriptionEventMap<T>
  : never;

type On = (type: string, listener: (payload: unknown) => void) => () => void;

/**
 * The `result` of a documented WS API response example in `tests/fixtures/wsapi/`.
 *
 * @param name The fixture's name without `.json`, e.g. `"myTrades.response"`.
 */
export async function exampleResult(name: string): Promise<unknown> {
  const text = await Deno.readTextFile(new URL(`./fixtures/wsapi/${name}.json`, import.meta.url));
  return JSON.parse(text).result;
}

/**
 * Waits until `cond()` holds, polling every 5 ms.
 *
 * @throws {Error} naming `what` when it does not hold within `timeoutMs`.
 */
export async function waitFor(
  what: string,
  cond: () => boolean,
  timeoutMs = 15_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Records every payload of one event type. */
export function record<E extends Emitter, K extends keyof EventsOf<E> & string>(
  emitter: E,
  type: K,
): EventsOf<E>[K][] {
  const seen: EventsOf<E>[K][] = [];
  (emitter.on as On).call(emitter, type, (payload) => seen.push(payload as EventsOf<E>[K]));
  return seen;
}

/** Collects every update of a subscription as it arrives. */
export function collect<T>(sub: Subscription<T>): T[] {
  const out: T[] = [];
  sub.on("data", (value) => out.push(value));
  return out;
}

/**
 * Resolves with the next payload of one event type; rejects when none comes within
 * `timeoutMs`, so that a missing event fails the test instead of hanging it.
 */
export function nextEvent<E extends Emitter, K extends keyof EventsOf<E> & string>(
  emitter: E,
  type: K,
  timeoutMs = 10_000,
): Promise<EventsOf<E>[K]> {
  const { promise, resolve, reject } = Promise.withResolvers<EventsOf<E>[K]>();
  const timer = setTimeout(() => {
    off();
    reject(new Error(`Timed out waiting for the "${type}" event`));
  }, timeoutMs);
  const off = (emitter.on as On).call(emitter, type, (payload) => {
    clearTimeout(timer);
    off();
    resolve(payload as EventsOf<E>[K]);
  });
  return promise;
}

/** A request frame as the scripted peer received it. */
export interface ScriptedRequest {
  /** The `id` of the request, as parsed (a number for this client). */
  id: unknown;
  /** The method. */
  method: string;
  /** The params. */
  params: Record<string, unknown>;
  /** The raw text. */
  text: string;
}

/** A WebSocket API peer whose answers the test writes. */
export interface ScriptedPeer extends AsyncDisposable {
  /** `ws://127.0.0.1:PORT/ws-api/v3`. */
  readonly url: string;
  /** Every request frame received, in order. */
  readonly received: ScriptedRequest[];
  /** When each upgrade request arrived (`Date.now()`), refused ones included. */
  readonly upgrades: number[];
  /** While `true`, upgrade requests are refused (HTTP 503). */
  refusing: boolean;
  /** Sends a raw text frame to every open socket. */
  send(text: string): void;
  /** Closes every open socket (code 1011), as a network drop would. */
  drop(): void;
  /** Closes every socket and the server. */
  close(): Promise<void>;
}

/** A scripted peer's success answer: `{"id":…,"status":200,"result":…}`. */
export function okAnswer(id: unknown, result: unknown): string {
  return JSON.stringify({ id, status: 200, result });
}

/**
 * An `order.status` result for a scripted peer: an open BUY LIMIT order (`orderId` 7) with
 * `clientOrderId`; `fields` replace any of its values.
 */
export function queriedOrderResult(
  clientOrderId: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  const now = Date.now();
  return {
    symbol: "BTCUSDT",
    orderId: 7,
    orderListId: -1,
    clientOrderId,
    price: "0",
    origQty: "0",
    executedQty: "0",
    cummulativeQuoteQty: "0",
    status: "NEW",
    timeInForce: "GTC",
    type: "LIMIT",
    side: "BUY",
    stopPrice: "0",
    icebergQty: "0",
    time: now,
    updateTime: now,
    isWorking: true,
    workingTime: now,
    origQuoteOrderQty: "0",
    selfTradePreventionMode: "NONE",
    ...fields,
  };
}

/**
 * Starts a WebSocket API peer on 127.0.0.1 whose answer to each request is written by the
 * test: `answer(request, later)` returns the frames to send back (none: the request is not
 * answered), or sends one itself afterwards with `later(frame)` (while the socket is open).
 */
export function startScriptedPeer(
  answer: (
    request: ScriptedRequest,
    later: (frame: string) => void,
  ) => string[] | string | undefined,
): ScriptedPeer {
  const sockets = new Set<WebSocket>();
  const closed: Promise<void>[] = [];
  const received: ScriptedRequest[] = [];
  const upgrades: number[] = [];
  const peer = { refusing: false };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    upgrades.push(Date.now());
    if (peer.refusing) return new Response("refused", { status: 503 });
    const { socket, response } = Deno.upgradeWebSocket(req);
    sockets.add(socket);
    const { promise, resolve } = Promise.withResolvers<void>();
    closed.push(promise);
    socket.onclose = () => {
      sockets.delete(socket);
      resolve();
    };
    socket.onmessage = (ev) => {
      const text = String(ev.data);
      const msg = JSON.parse(text);
      const request = { id: msg.id, method: msg.method, params: msg.params ?? {}, text };
      received.push(request);
      const out = answer(request, (frame) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(frame);
      });
      for (const frame of typeof out === "string" ? [out] : out ?? []) socket.send(frame);
    };
    return response;
  });
  const close = async () => {
    for (const socket of sockets) socket.close();
    await Promise.all(closed);
    await server.shutdown();
  };
  return Object.assign(peer, {
    url: `ws://127.0.0.1:${server.addr.port}/ws-api/v3`,
    received,
    upgrades,
    send(text: string) {
      for (const socket of sockets) socket.send(text);
    },
    drop() {
      for (const socket of sockets) socket.close(1011, "dropped");
    },
    close,
    [Symbol.asyncDispose]: close,
  });
}

/** The `rateLimits` Binance sends with most responses: REQUEST_WEIGHT per minute. */
export function weightLimits(count: number, limit = 6000): Record<string, unknown>[] {
  return [{ rateLimitType: "REQUEST_WEIGHT", interval: "MINUTE", intervalNum: 1, limit, count }];
}

/** A peer that accepts the WebSocket handshake, then never answers anything, nor a close. */
export interface DeadPeer extends AsyncDisposable {
  /** Its WS API URL (any path is accepted). */
  readonly url: string;
  /** Ends every connection (what finally frees the client's sockets). */
  dropAll(): void;
}

/**
 * Starts a dead peer on 127.0.0.1: a half-open connection or a frozen host, as the client sees
 * it. It reads and discards every frame.
 */
export function startDeadPeer(): DeadPeer {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Deno.Conn>();
  const serveOne = async (conn: Deno.Conn) => {
    const buf = new Uint8Array(16_384);
    let head = "";
    try {
      while (!head.includes("\r\n\r\n")) {
        const n = await conn.read(buf);
        if (n === null) return;
        head += new TextDecoder().decode(buf.subarray(0, n));
      }
      const key = /sec-websocket-key:\s*(\S+)/i.exec(head)?.[1] ?? "";
      const digest = await crypto.subtle.digest(
        "SHA-1",
        new TextEncoder().encode(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
      );
      await conn.write(new TextEncoder().encode(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
          `Sec-WebSocket-Accept: ${new Uint8Array(digest).toBase64()}\r\n\r\n`,
      ));
      while ((await conn.read(buf)) !== null) { /* never answered */ }
    } catch { /* dropped */ }
  };
  const tasks: Promise<void>[] = [];
  const serving = (async () => {
    for await (const conn of listener) {
      conns.add(conn);
      tasks.push(serveOne(conn));
    }
  })().catch(() => {});
  const dropAll = () => {
    for (const c of conns) {
      try {
        c.close();
      } catch { /* closed */ }
    }
    conns.clear();
  };
  return {
    url: `ws://127.0.0.1:${(listener.addr as Deno.NetAddr).port}/ws-api/v3`,
    dropAll,
    async [Symbol.asyncDispose]() {
      listener.close();
      dropAll();
      await serving;
      await Promise.all(tasks);
    },
  };
}

/**
 * Waits, when fewer than 2 s of the current minute are left, until the next minute has begun:
 * a test that spends a REQUEST_WEIGHT budget (a window per wall-clock minute) must not see the
 * window roll over halfway.
 */
export async function outsideMinuteBoundary(): Promise<void> {
  await outsideWindowBoundary(60_000);
}

/**
 * Waits, when fewer than `marginMs` of the current wall-clock window of `windowMs` are left
 * (`Date.now() % windowMs`, as the fake exchange and the client's governor roll theirs), until
 * the next window has begun: e.g. `outsideWindowBoundary(10_000)` for the ORDERS 10 s window.
 */
export async function outsideWindowBoundary(windowMs: number, marginMs = 2_000): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < marginMs) await new Promise((r) => setTimeout(r, left + 50));
}

/**
 * The executionReport (user-data-stream.md) of a new LIMIT GTC order BUY 0.01 BTCUSDT at 50000,
 * order id 4242, placed with `clientId`.
 */
export function newOrderReport(clientId: string, now = Date.now()): Record<string, unknown> {
  return {
    e: "executionReport",
    E: now,
    s: "BTCUSDT",
    c: clientId,
    S: "BUY",
    o: "LIMIT",
    f: "GTC",
    q: "0.01000000",
    p: "50000.00000000",
    P: "0.00000000",
    F: "0.00000000",
    g: -1,
    C: "",
    x: "NEW",
    X: "NEW",
    r: "NONE",
    i: 4242,
    l: "0.00000000",
    z: "0.00000000",
    L: "0.00000000",
    n: "0",
    N: null,
    T: now,
    t: -1,
    I: 1,
    w: true,
    m: false,
    M: false,
    O: now,
    Z: "0.00000000",
    Y: "0.00000000",
    Q: "0.00000000",
    W: now,
    V: "EXPIRE_MAKER",
  };
}
