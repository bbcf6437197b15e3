/**
 * The market-stream connection: subscriptions batched and paced under Binance's 5
 * messages a second, sharded at 1024 streams per socket, reconnected with backoff and
 * resubscribed, rotated make-before-break before the 24 h limit and on `serverShutdown`,
 * with every update de-duplicated and every possible gap reported.
 *
 * @module
 */

import { takeAttempt } from "./_attempts.ts";
import { abortableDelay, backoffDelay } from "./_async.ts";
import {
  boolean,
  checkOptions,
  duration,
  integer,
  oneOf,
  RECONNECT_POLICY,
  signal as signalRule,
  string,
} from "./_options.ts";
import { withBackoff } from "./_reconnect.ts";
import { StreamControlError } from "./stream_errors.ts";
import { openSocket, SocketHandle } from "./_socket.ts";
import { Listeners, toError } from "./_listeners.ts";
import { routeOfName, routeOfPayload } from "./_stream_route.ts";
import { SubscriptionImpl } from "./_subscription.ts";
import type { ReconnectPolicy } from "./types.ts";
import {
  ConnectionClosedError,
  RequestTimeoutError,
  UnexpectedMessageError,
  ValidationError,
} from "./errors.ts";
import type { StreamGap, SubscribeOptions, Subscription } from "./subscription.ts";

/** Binance's market-stream endpoints (give one as `url`; the client adds `/ws` or `/stream`). */
export interface StreamUrls {
  /** Production, port 9443 (the default). */
  readonly prod: string;
  /** Production, port 443. */
  readonly prod443: string;
  /** Production, market data only (no user data), `data-stream.binance.vision`. */
  readonly marketDataOnly: string;
  /** Spot testnet. */
  readonly testnet: string;
}

/** Binance's market-stream endpoints. */
export const STREAM_URLS: StreamUrls = {
  prod: "wss://stream.binance.com:9443",
  prod443: "wss://stream.binance.com:443",
  marketDataOnly: "wss://data-stream.binance.vision",
  testnet: "wss://stream.testnet.binance.vision",
};

/**
 * How a stream's updates are ordered, which decides de-duplication and gap detection:
 * - `"contiguous"`: ids follow each other (trade id, aggregate id, diff depth `U`/`u`), so
 *   a gap is proven or excluded exactly;
 * - `"increasing"`: ids only increase (block trade id, book ticker `u`);
 * - `"snapshot"`: each update is a full state keyed by event time or update id; an equal
 *   key is a duplicate only while two sockets overlap.
 */
export type StreamOrder = "contiguous" | "increasing" | "snapshot";

/**
 * What the connection needs to know of a stream. The stream functions (`tradeStream`, …)
 * build these; use one directly only for a stream this module does not cover.
 *
 * @typeParam T The model of the stream's updates.
 */
export interface StreamSpec<T> {
  /** The stream name, as on the wire (lower-case symbol), e.g. `"btcusdt@trade"`. */
  readonly name: string;
  /**
   * Checks a payload against the documented shape and builds the model.
   *
   * @param raw The payload (`data` of a combined frame).
   * @returns The model.
   * @throws {UnexpectedMessageError} when the payload does not match.
   */
  parse(raw: unknown): T;
  /** How updates are ordered. */
  readonly order: StreamOrder;
  /**
   * The update's sequence: its (last) id, update id or event time.
   *
   * @param value The update.
   * @returns The sequence.
   */
  sequence(value: T): number;
  /**
   * The update's first id, when it spans several (diff depth `U`). Default: `sequence`.
   *
   * @param value The update.
   * @returns The first id.
   */
  firstSequence?(value: T): number;
}

/** Options of {@linkcode connectStreams}. */
export interface StreamConnectionOptions {
  /**
   * The endpoint, e.g. {@linkcode STREAM_URLS}`.prod` (the default). The client adds
   * `/stream` or `/ws`; a URL that already ends with one of them is used as it is.
   */
  url?: string;
  /**
   * Combined streams (`/stream`, each payload wrapped with its stream name) or raw
   * streams (`/ws`). Default `true`. A raw connection refuses two streams whose payloads
   * cannot be told apart.
   */
  combined?: boolean;
  /** Unit of time fields. Default `"MILLISECOND"`. */
  timeUnit?: "MILLISECOND" | "MICROSECOND";
  /** Timeout of opening a socket, in ms. Default 10 000. */
  connectTimeoutMs?: number;
  /** Default timeout of control messages (subscribe, …), in ms. Default 10 000. */
  timeoutMs?: number;
  /** Reconnect policy, or `false` to end the connection on the first unexpected close. */
  reconnect?: ReconnectPolicy | false;
  /** Rotate each socket (make-before-break) this long after it opened. Default 23 h 30 min. */
  renewAfterMs?: number;
  /** Streams per socket before another socket is opened. Default (and Binance's cap) 1024. */
  maxStreamsPerConnection?: number;
  /**
   * Control messages per second and socket. Binance disconnects above 5 (pings and pongs
   * count too), so the default is 4, leaving room for the automatic pong.
   */
  maxControlMessagesPerSecond?: number;
  /**
   * During a rotation, how long the old socket is kept at most while the new one proves
   * it overlaps every stream. Default 10 000 ms.
   */
  maxOverlapMs?: number;
  /**
   * A socket that receives no frame for this long is probed with `LIST_SUBSCRIPTIONS`; if
   * the probe is not answered within `timeoutMs`, the socket is taken as dead and replaced
   * (reconnect, resubscribe, `gap` where updates may be missing). Default 30 000 ms; `0`
   * turns the watchdog off.
   */
  idleTimeoutMs?: number;
  /** Aborting closes the connection. */
  signal?: AbortSignal;
}

/** Payloads of the stream connection's events. Each names the socket (`connection`, 1, 2, …). */
export interface StreamEventMap {
  /** A socket opened (first open, reconnect, rotation or a new shard). */
  connected: { connection: number; url: string };
  /** A socket closed. `willReconnect` is `false` once, when the whole connection ends. */
  close: { connection: number; code: number; reason: string; willReconnect: boolean };
  /** A reconnect attempt is scheduled. */
  reconnecting: { connection: number; attempt: number; delayMs: number };
  /** After a reconnect, every stream of the socket was subscribed again. */
  resubscribed: { connection: number; streams: number };
  /** A socket was replaced make-before-break. */
  rotated: { connection: number; reason: "serverShutdown" | "lifetime" | "manual" };
  /** A subscription with no `gap` listener of its own may have missed updates. */
  gap: StreamGap;
  /** Something went wrong that belongs to no request. With no listener: `console.warn`. */
  error: { error: Error };
}

/** A listener of one stream connection event. */
export type StreamListener<K extends keyof StreamEventMap> = (payload: StreamEventMap[K]) => void;

/** The state of a {@linkcode StreamConnection}. */
export type StreamConnectionState = "open" | "closed";

/** The rules of `connectStreams`'s options. */
const CONNECTION_OPTIONS = {
  url: string,
  combined: boolean,
  timeUnit: oneOf("MILLISECOND", "MICROSECOND"),
  connectTimeoutMs: duration(1),
  timeoutMs: duration(1),
  reconnect: RECONNECT_POLICY,
  renewAfterMs: duration(1),
  maxStreamsPerConnection: integer(1, 1024),
  maxControlMessagesPerSecond: integer(1, 5),
  maxOverlapMs: duration(0),
  idleTimeoutMs: duration(0),
  signal: signalRule,
};

/** The rules of every stream function's options. */
const SUBSCRIBE_OPTIONS = {
  signal: signalRule,
  timeoutMs: duration(1),
  bufferSize: integer(1, 100_000_000),
  overflow: oneOf("dropOldest", "dropNewest", "error"),
};

/** Streams Binance removed, and what replaces them. */
const RETIRED: Record<string, string> = {
  "!ticker@arr":
    'use "!ticker_<window>@arr" (allRollingWindowTickersStream) or "<symbol>@ticker" (tickerStream)',
  "!bookTicker": 'use "<symbol>@bookTicker" (bookTickerStream) for each symbol',
};

interface Control {
  method: string;
  params: unknown[] | undefined;
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer?: ReturnType<typeof setTimeout>;
}

class Sock extends SocketHandle {
  static #next = 0;
  readonly id: number = ++Sock.#next;
  readonly pending: Map<number, Control> = new Map();
  readonly sent: number[] = [];
  /** Frames received (the idle watchdog compares it between checks). */
  frames = 0;
  /** `frames` at the last watchdog check, and how many checks in a row saw no frame. */
  seenFrames = 0;
  idleChecks = 0;
  probing = false;
}

class Shard {
  readonly index: number;
  readonly wires: Set<Wire<unknown>> = new Set();
  active: Sock | undefined;
  /** The socket being replaced during a rotation. */
  old: Sock | undefined;
  opening: Promise<void> | undefined;
  reconnecting: Promise<void> | undefined;
  rotating: Promise<void> | undefined;
  queue: Control[] = [];
  flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** Resolves the wait for every wire to switch during a rotation. */
  switched: (() => void) | undefined;

  constructor(index: number) {
    this.index = index;
  }
}

class Wire<T> {
  readonly spec: StreamSpec<T>;
  readonly shard: Shard;
  subs: SubscriptionImpl<T>[] = [];
  acked = false;
  readonly ready: PromiseWithResolvers<void> = Promise.withResolvers<void>();
  last: number | undefined;
  primary: Sock | undefined;
  /** Updates from the new socket during a rotation, until it proves an overlap. */
  pending: T[] | undefined;
  overlap = false;
  resumed = false;

  constructor(spec: StreamSpec<T>, shard: Shard) {
    this.spec = spec;
    this.shard = shard;
    this.ready.promise.catch(() => {});
  }

  gap(gap: StreamGap): void {
    for (const s of this.subs) s.gap(gap);
  }

  /** Delivers `value` once, in order, after checking its sequence. Hot path. */
  accept(value: T): void {
    const spec = this.spec;
    const seq = spec.sequence(value);
    const last = this.last;
    if (last !== undefined) {
      if (seq < last || (seq === last && (spec.order !== "snapshot" || this.overlap))) {
        for (const s of this.subs) s.duplicate();
        return;
      }
      if (spec.order === "contiguous") {
        const first = spec.firstSequence ? spec.firstSequence(value) : seq;
        if (first > last + 1) {
          this.gap({
            stream: spec.name,
            reason: this.resumed ? "reconnect" : "sequence",
            lastSequence: last,
            nextSequence: first,
            missed: first - last - 1,
          });
        }
      } else if (this.resumed) {
        this.gap({ stream: spec.name, reason: "reconnect", lastSequence: last, nextSequence: seq });
      }
    } else if (this.resumed) {
      this.gap({ stream: spec.name, reason: "reconnect", nextSequence: seq });
    }
    this.resumed = false;
    this.last = seq;
    const subs = this.subs;
    for (let i = 0; i < subs.length; i++) subs[i].push(value);
  }

  /** During a rotation: whether the new socket's buffered updates overlap what was delivered. */
  overlapProven(): boolean {
    const pending = this.pending;
    if (!pending || pending.length === 0 || this.last === undefined) return false;
    const head = pending[0];
    const first = this.spec.firstSequence
      ? this.spec.firstSequence(head)
      : this.spec.sequence(head);
    return first <= this.last ||
      (this.spec.order === "contiguous" && first === this.last + 1);
  }

  /** Makes `sock` the source of this stream, delivering what it buffered. */
  switchTo(sock: Sock, proven: boolean): void {
    const pending = this.pending ?? [];
    this.pending = undefined;
    this.primary = sock;
    this.overlap = true;
    if (!proven && pending.length > 0 && this.last !== undefined) {
      const first = this.spec.sequence(pending[0]);
      if (this.spec.order !== "contiguous" && first > this.last) {
        this.gap({
          stream: this.spec.name,
          reason: "rotation",
          lastSequence: this.last,
          nextSequence: first,
        });
      }
    }
    for (const v of pending) this.accept(v);
  }
}

/**
 * A connection to Binance's market streams; it may span several sockets (shards of at
 * most 1024 streams). Create one with {@linkcode connectStreams}; subscribe with the
 * stream functions (`tradeStream`, `diffDepthStream`, …).
 */
export class StreamConnection {
  /** The endpoint of every socket (with `/stream` or `/ws` and the query). */
  readonly url: string;
  /** Whether payloads arrive wrapped with their stream name (`/stream`). */
  readonly combined: boolean;
  readonly #options: StreamConnectionOptions;
  readonly #shards: Shard[] = [];
  readonly #wires: Map<string, Wire<unknown>> = new Map();
  readonly #routes: Map<string, Wire<unknown>> = new Map();
  readonly #known: Set<string> = new Set();
  // A throwing listener must not break the connection; it is reported as an error event.
  readonly #listeners: Listeners<StreamEventMap> = new Listeners<StreamEventMap>((error, type) => {
    if (type !== "error") this.#error(toError(error));
  });
  readonly #lifecycle = new AbortController();
  readonly #host: string;
  #state: StreamConnectionState = "open";
  #nextId = 0;
  #onAbort: (() => void) | undefined;
  #watchdog: ReturnType<typeof setInterval> | undefined;

  private constructor(url: string, combined: boolean, options: StreamConnectionOptions) {
    this.url = url;
    this.combined = combined;
    this.#options = options;
    this.#host = new URL(url).host;
    if (options.signal) {
      this.#onAbort = () => void this.close();
      options.signal.addEventListener("abort", this.#onAbort, { once: true });
    }
    const idleMs = options.idleTimeoutMs ?? 30_000;
    if (idleMs > 0) this.#watchdog = setInterval(() => this.#checkIdle(), idleMs / 2);
  }

  /**
   * The idle watchdog: two checks in a row with no frame on a socket that carries streams
   * send a `LIST_SUBSCRIPTIONS` probe; an unanswered probe means the socket is dead.
   */
  #checkIdle(): void {
    for (const shard of this.#shards) {
      const sock = shard.active;
      if (!sock || sock.isClosed || shard.wires.size === 0) continue;
      if (sock.frames !== sock.seenFrames) {
        sock.seenFrames = sock.frames;
        sock.idleChecks = 0;
        continue;
      }
      if (++sock.idleChecks < 2 || sock.probing) continue;
      sock.probing = true;
      this.#control(shard, "LIST_SUBSCRIPTIONS", undefined).then(
        () => (sock.probing = false),
        (error) => {
          sock.probing = false;
          if (!(error instanceof RequestTimeoutError) || shard.active !== sock) return;
          this.#error(
            new ConnectionClosedError({
              what: `stream socket ${sock.id}`,
              closeCode: 4000,
              closeReason: "idle",
              advice: "It sent nothing, not even an answer to a probe; it is being replaced.",
            }),
          );
          this.#abandon(shard, sock, 4000, "idle");
        },
      );
    }
  }

  /** Gives up a socket that does not answer: it is closed and handled as closed now. */
  #abandon(shard: Shard, sock: Sock, code: number, reason: string): void {
    sock.ws.onmessage = null;
    sock.ws.onclose = null;
    sock.close(1000, reason);
    this.#onClose(shard, sock, code, reason);
  }

  /**
   * Opens the connection (its first socket).
   *
   * @param options The options.
   * @returns The connection.
   * @throws {ConnectionClosedError} when the first socket cannot be opened.
   */
  static async open(options: StreamConnectionOptions): Promise<StreamConnection> {
    checkOptions("connectStreams", options, CONNECTION_OPTIONS);
    const u = new URL(options.url ?? STREAM_URLS.prod);
    let combined = options.combined ?? true;
    const path = u.pathname.replace(/\/+$/, "");
    if (path.endsWith("/stream")) combined = true;
    else if (path.endsWith("/ws")) combined = false;
    else u.pathname = `${path}${combined ? "/stream" : "/ws"}`;
    if (options.combined !== undefined && options.combined !== combined) {
      throw new TypeError(
        `Cannot connect: "combined" is ${options.combined} but the URL ends with "${path}"`,
      );
    }
    if (options.timeUnit && options.timeUnit !== "MILLISECOND") {
      u.searchParams.set("timeUnit", options.timeUnit);
    }
    const conn = new StreamConnection(u.toString(), combined, options);
    const shard = conn.#addShard();
    try {
      await shard.opening;
    } catch (error) {
      await conn.close();
      throw error;
    }
    return conn;
  }

  /** `"open"` until {@linkcode StreamConnection.close}. */
  get state(): StreamConnectionState {
    return this.#state;
  }

  /** The streams subscribed now, over every socket. */
  get streams(): string[] {
    return [...this.#wires.keys()];
  }

  /** How many sockets (shards) the connection uses now. */
  get sockets(): number {
    return this.#shards.filter((s) => s.active !== undefined).length;
  }

  /**
   * Listens to a lifecycle event.
   *
   * @param type The event.
   * @param listener The listener.
   * @returns A function that removes the listener.
   */
  on<K extends keyof StreamEventMap>(type: K, listener: StreamListener<K>): () => void {
    return this.#listeners.on(type, listener);
  }

  #emit<K extends keyof StreamEventMap>(type: K, payload: StreamEventMap[K]): void {
    if (this.#listeners.emit(type, payload)) return;
    // Never silent: with no listener, errors and gaps go to the console.
    if (type === "error") {
      console.warn(`@binance-ws/spot: ${(payload as { error: Error }).error.message}`);
    } else if (type === "gap") {
      const g = payload as StreamGap;
      console.warn(
        `@binance-ws/spot: possible gap in "${g.stream}" (${g.reason}` +
          (g.lastSequence !== undefined ? `, after ${g.lastSequence}` : "") +
          (g.nextSequence !== undefined ? `, before ${g.nextSequence}` : "") + ")",
      );
    }
  }

  #error(error: Error): void {
    this.#emit("error", { error });
  }

  // ---- sockets ------------------------------------------------------------------------

  #addShard(): Shard {
    const shard = new Shard(this.#shards.length);
    this.#shards.push(shard);
    shard.opening = (async () => {
      const sock = await this.#openSock();
      if (this.#state === "closed") {
        sock.close(1000, "closed by the client");
        return;
      }
      this.#adopt(shard, sock);
      shard.active = sock;
      for (const w of shard.wires) w.primary = sock;
      this.#resubscribe(shard, false);
    })().finally(() => (shard.opening = undefined));
    shard.opening.catch(() => {});
    return shard;
  }

  async #openSock(): Promise<Sock> {
    const signal = this.#lifecycle.signal;
    await takeAttempt(this.#host, signal);
    return await openSocket(
      this.url,
      (ws) => new Sock(ws),
      this.#options.connectTimeoutMs ?? 10_000,
      signal,
    );
  }

  #adopt(shard: Shard, sock: Sock): void {
    const ws = sock.ws;
    ws.onmessage = (ev) => {
      // No frame may throw out of the handler: whatever escapes becomes an error event.
      try {
        this.#onMessage(shard, sock, ev.data);
      } catch (error) {
        this.#error(
          new UnexpectedMessageError(
            `Cannot handle a frame from the server: ${toError(error).message}`,
            typeof ev.data === "string" ? ev.data : "",
            { cause: error },
          ),
        );
      }
    };
    ws.onerror = () => {/* the close event follows */};
    ws.onclose = (ev) => this.#onClose(shard, sock, ev.code, ev.reason);
    const renewAfterMs = this.#options.renewAfterMs ?? 23.5 * 3_600_000;
    sock.lifetimeTimer = setTimeout(() => void this.#rotate(shard, "lifetime"), renewAfterMs);
    this.#emit("connected", { connection: sock.id, url: this.url });
  }

  // ---- control messages ---------------------------------------------------------------

  /** Queues a control message; SUBSCRIBE and UNSUBSCRIBE merge with a queued one. */
  #control(shard: Shard, method: string, params: unknown[] | undefined): Promise<unknown> {
    const last = shard.queue[shard.queue.length - 1];
    if (
      last && last.method === method && (method === "SUBSCRIBE" || method === "UNSUBSCRIBE") &&
      last.params!.length + params!.length <= 1024
    ) {
      last.params!.push(...params!);
      const { promise, resolve, reject } = Promise.withResolvers<unknown>();
      const prev = { resolve: last.resolve, reject: last.reject };
      last.resolve = (r) => {
        prev.resolve(r);
        resolve(r);
      };
      last.reject = (e) => {
        prev.reject(e);
        reject(e);
      };
      return promise;
    }
    const { promise, resolve, reject } = Promise.withResolvers<unknown>();
    shard.queue.push({ method, params, resolve, reject });
    this.#flush(shard);
    return promise;
  }

  /** Sends queued control messages, at most `maxControlMessagesPerSecond` per socket. */
  #flush(shard: Shard): void {
    if (shard.flushTimer !== undefined) return;
    const sock = shard.active;
    if (!sock || sock.ws.readyState !== WebSocket.OPEN || shard.queue.length === 0) return;
    const perSecond = this.#options.maxControlMessagesPerSecond ?? 4;
    // A 1.1 s window absorbs jitter between our clock and the server's arrival times.
    const windowMs = 1100;
    const now = Date.now();
    while (sock.sent.length && sock.sent[0] <= now - windowMs) sock.sent.shift();
    if (sock.sent.length >= perSecond) {
      shard.flushTimer = setTimeout(() => {
        shard.flushTimer = undefined;
        this.#flush(shard);
      }, sock.sent[0] + windowMs - now + 1);
      return;
    }
    // Yield a tick first so that calls made together share one message.
    shard.flushTimer = setTimeout(() => {
      shard.flushTimer = undefined;
      const item = shard.queue.shift();
      if (!item) return;
      if (shard.active !== sock || sock.ws.readyState !== WebSocket.OPEN) {
        shard.queue.unshift(item);
        return;
      }
      this.#send(sock, item);
      this.#flush(shard);
    }, 0);
  }

  #send(sock: Sock, item: Control): void {
    const id = ++this.#nextId;
    sock.pending.set(id, item);
    sock.sent.push(Date.now());
    const timeoutMs = this.#options.timeoutMs ?? 10_000;
    item.timer = setTimeout(() => {
      sock.pending.delete(id);
      item.reject(new RequestTimeoutError({ method: item.method, timeoutMs }));
    }, timeoutMs);
    sock.ws.send(
      JSON.stringify(
        item.params === undefined ? { method: item.method, id } : {
          method: item.method,
          params: item.params,
          id,
        },
      ),
    );
  }

  #onControlResponse(sock: Sock, frame: Record<string, unknown>, text: string): void {
    let id = frame.id;
    if (typeof id !== "number" || !sock.pending.has(id)) {
      if (id === undefined && "code" in frame && sock.pending.size > 0) {
        id = sock.pending.keys().next().value; // no id: the oldest request failed
      } else {
        this.#error(new UnexpectedMessageError("Received a response to no pending request", text));
        return;
      }
    }
    const item = sock.pending.get(id as number)!;
    sock.pending.delete(id as number);
    clearTimeout(item.timer);
    if (!("code" in frame)) item.resolve(frame.result);
    else if (Number.isSafeInteger(frame.code) && typeof frame.msg === "string") {
      item.reject(new StreamControlError(item.method, frame.code as number, frame.msg));
    } else {
      item.reject(
        new UnexpectedMessageError(`The error answer to "${item.method}" is malformed`, text),
      );
    }
  }

  /** Subscribes every stream of the shard on its active socket (after an open). */
  #resubscribe(shard: Shard, reconnect: boolean): void {
    const names = [...shard.wires].map((w) => w.spec.name);
    // Queued SUBSCRIBEs are replaced by one for every stream of the shard.
    for (const c of shard.queue) {
      if (c.method === "SUBSCRIBE") {
        c.reject(new ConnectionClosedError({ method: "SUBSCRIBE", outcome: "notSent" }));
      }
    }
    shard.queue = shard.queue.filter((c) => c.method !== "SUBSCRIBE");
    for (let i = 0; i < names.length; i += 1024) {
      const batch = names.slice(i, i + 1024);
      const sock = shard.active!;
      this.#control(shard, "SUBSCRIBE", batch).then(() => {
        for (const name of batch) this.#acked(name);
        if (reconnect) {
          this.#emit("resubscribed", { connection: sock.id, streams: batch.length });
        }
      }, (error) => this.#subscribeFailed(batch, error));
    }
  }

  #acked(name: string): void {
    const wire = this.#wires.get(name);
    if (wire && !wire.acked) {
      wire.acked = true;
      wire.ready.resolve();
    }
  }

  #subscribeFailed(names: string[], error: Error): void {
    if (error instanceof ConnectionClosedError) return; // resubscribed on the next socket
    for (const name of names) {
      const wire = this.#wires.get(name);
      if (!wire) continue;
      if (!wire.acked) {
        this.#removeWire(wire);
        wire.ready.reject(error);
      } else this.#error(error);
    }
  }

  // ---- frames -------------------------------------------------------------------------

  #onMessage(shard: Shard, sock: Sock, data: unknown): void {
    sock.frames++;
    if (typeof data !== "string") {
      this.#error(new UnexpectedMessageError("Received a binary frame on a JSON stream", ""));
      return;
    }
    let msg: unknown;
    try {
      // Plain JSON.parse: the hot path. Every integer a model reads is checked to be below
      // 2^53 (core/_check.ts), so a larger one is refused, never passed on rounded.
      msg = JSON.parse(data);
    } catch {
      this.#error(
        new UnexpectedMessageError("Cannot parse a frame from the server: not JSON", data),
      );
      return;
    }
    let wire: Wire<unknown> | undefined;
    let payload: unknown;
    let name: string | undefined;
    if (typeof msg === "object" && msg !== null && !Array.isArray(msg)) {
      const frame = msg as Record<string, unknown>;
      const stream = frame.stream;
      if (typeof stream === "string" && "data" in frame) {
        name = stream;
        payload = frame.data;
        wire = this.#wires.get(stream);
      } else if ("id" in frame && ("result" in frame || "code" in frame)) {
        this.#onControlResponse(sock, frame, data);
        return;
      } else if ("code" in frame && "msg" in frame) {
        this.#onControlResponse(sock, frame, data);
        return;
      } else {
        payload = frame;
      }
    } else payload = msg;
    if (name === undefined) {
      if ((payload as Record<string, unknown> | null)?.e === "serverShutdown") {
        void this.#rotate(shard, "serverShutdown");
        return;
      }
      name = routeOfPayload(payload);
      wire = name === undefined ? undefined : this.#routes.get(name);
      if (wire) name = wire.spec.name;
    } else if (name === "!serverShutdown") {
      void this.#rotate(shard, "serverShutdown");
      return;
    }
    if (!wire) {
      // Late frames of a stream just unsubscribed are expected; anything else is reported.
      if (name === undefined || !this.#known.has(name)) {
        this.#error(
          new UnexpectedMessageError(
            `Received an update of no subscribed stream${name ? ` ("${name}")` : ""}`,
            data,
          ),
        );
      }
      return;
    }
    let value: unknown;
    try {
      value = wire.spec.parse(payload);
    } catch (error) {
      const err = error instanceof UnexpectedMessageError
        ? new UnexpectedMessageError(`"${wire.spec.name}": ${error.message}`, data)
        : new UnexpectedMessageError(`"${wire.spec.name}": ${String(error)}`, data);
      let heard = false;
      for (const s of wire.subs) heard = s.malformed(err) || heard;
      if (!heard) this.#error(err);
      return;
    }
    if (sock === wire.primary) {
      wire.accept(value);
      if (wire.pending !== undefined && wire.overlapProven()) this.#switch(shard, wire, true);
    } else if (wire.pending !== undefined && sock === shard.active) {
      wire.pending.push(value);
      if (wire.pending.length > 100_000) wire.pending.shift();
      if (wire.overlapProven()) this.#switch(shard, wire, true);
    }
    // Anything else comes from a socket being retired: the new one carries it.
  }

  #switch(shard: Shard, wire: Wire<unknown>, proven: boolean): void {
    wire.switchTo(shard.active!, proven);
    if ([...shard.wires].every((w) => w.pending === undefined)) shard.switched?.();
  }

  // ---- closes, reconnects, rotations --------------------------------------------------

  #onClose(shard: Shard, sock: Sock, code: number, reason: string): void {
    sock.markClosed();
    for (const item of sock.pending.values()) {
      clearTimeout(item.timer);
      item.reject(
        new ConnectionClosedError({
          method: item.method,
          outcome: "unknown",
          closeCode: code,
          closeReason: reason,
        }),
      );
    }
    sock.pending.clear();
    if (this.#state === "closed") return;
    if (sock === shard.old) {
      // The old socket of a rotation went first: the new one takes every stream now.
      shard.old = undefined;
      for (const w of shard.wires) if (w.pending !== undefined) w.switchTo(shard.active!, false);
      shard.switched?.();
      return;
    }
    if (sock !== shard.active) return;
    if (shard.old) {
      // The new socket of a rotation died: the old one keeps its streams.
      shard.active = shard.old;
      shard.old = undefined;
      for (const w of shard.wires) {
        if (w.primary === sock || w.primary === undefined) {
          w.primary = shard.active;
          w.resumed = w.acked;
        }
        w.pending = undefined;
      }
      shard.switched?.();
      this.#emit("close", { connection: sock.id, code, reason, willReconnect: true });
      this.#resubscribe(shard, true);
      return;
    }
    shard.active = undefined;
    for (const w of shard.wires) {
      w.primary = undefined;
      w.pending = undefined;
      if (w.acked) w.resumed = true;
    }
    if (this.#options.reconnect === false) {
      this.#emit("close", { connection: sock.id, code, reason, willReconnect: false });
      void this.close();
      return;
    }
    this.#emit("close", { connection: sock.id, code, reason, willReconnect: true });
    shard.reconnecting ??= this.#reconnect(shard, sock.id).finally(() =>
      shard.reconnecting = undefined
    );
  }

  async #reconnect(shard: Shard, lastId: number): Promise<void> {
    const sock = await withBackoff(() => this.#openSock(), {
      policy: this.#options.reconnect,
      signal: this.#lifecycle.signal,
      delayFirst: true,
      wanted: () => this.#state === "open",
      onWait: (attempt, delayMs) =>
        this.#emit("reconnecting", { connection: lastId, attempt, delayMs }),
      onError: (error) => this.#error(toError(error)),
      onGiveUp: (max) => {
        this.#error(
          new ConnectionClosedError({
            advice:
              `Gave up after ${max} reconnect attempts; open a new connection with connectStreams().`,
          }),
        );
        void this.close();
      },
    });
    if (!sock) return;
    if (this.#state !== "open") {
      sock.close(1000, "closed by the client");
      return;
    }
    this.#adopt(shard, sock);
    shard.active = sock;
    for (const w of shard.wires) w.primary = sock;
    this.#resubscribe(shard, true);
  }

  /**
   * Replaces a socket make-before-break: a new socket subscribes the same streams, both
   * run until the new one proves it overlaps every stream (or `maxOverlapMs`), then the
   * old one closes. Updates are de-duplicated across both, so nothing is missed or repeated.
   */
  #rotate(
    shard: Shard,
    reason: "serverShutdown" | "lifetime" | "manual",
    retry = 0,
  ): Promise<void> {
    if (this.#state !== "open" || !shard.active || shard.old) {
      return shard.rotating ?? Promise.resolve();
    }
    let died = false;
    shard.rotating ??= (async () => {
      const old = shard.active!;
      clearTimeout(old.lifetimeTimer);
      const wanted = () => this.#state === "open" && shard.active === old && !old.isClosed;
      // A failed open is retried with the reconnect policy's backoff; the old socket serves.
      const sock = await withBackoff(() => this.#openSock(), {
        policy: this.#options.reconnect === false ? undefined : {
          ...this.#options.reconnect,
          maxAttempts: undefined,
        },
        signal: this.#lifecycle.signal,
        delayFirst: false,
        wanted,
        onError: (error) => this.#error(toError(error)),
      });
      if (!sock) return;
      if (!wanted()) {
        sock.close(1000, "not needed");
        return;
      }
      const { promise: allSwitched, resolve } = Promise.withResolvers<void>();
      shard.switched = () => {
        if ([...shard.wires].every((w) => w.pending === undefined)) resolve();
      };
      for (const w of shard.wires) w.pending = [];
      shard.old = old;
      shard.active = sock;
      this.#adopt(shard, sock);
      this.#resubscribe(shard, false);
      if (shard.wires.size === 0) resolve();
      const maxOverlapMs = this.#options.maxOverlapMs ?? 10_000;
      const timer = setTimeout(resolve, maxOverlapMs);
      await allSwitched;
      clearTimeout(timer);
      shard.switched = undefined;
      if (shard.active !== sock) {
        // The new socket died during the overlap: the old one goes on, and the rotation is
        // tried again (with backoff), so that it does not run until the server cuts it.
        died = true;
        return;
      }
      for (const w of shard.wires) if (w.pending !== undefined) w.switchTo(sock, false);
      for (const w of shard.wires) w.overlap = false;
      if (shard.old === old) {
        shard.old = undefined;
        old.close(1000, "rotated");
      }
      this.#emit("rotated", { connection: sock.id, reason });
    })().finally(() => {
      shard.rotating = undefined;
      if (died && this.#state === "open") {
        const policy = this.#options.reconnect || {};
        const delayMs = backoffDelay(
          retry + 1,
          policy.initialDelayMs ?? 250,
          policy.maxDelayMs ?? 30_000,
          policy.factor ?? 2,
          policy.jitter ?? true,
        );
        abortableDelay(delayMs, this.#lifecycle.signal).then(
          () => this.#rotate(shard, reason, retry + 1),
          () => {},
        );
      }
    });
    return shard.rotating;
  }

  /**
   * Rotates every socket make-before-break now (as done automatically on `serverShutdown`
   * and `renewAfterMs` after a socket opened).
   *
   * @returns Resolves once every rotation finished.
   */
  async rotate(): Promise<void> {
    await Promise.all(this.#shards.map((s) => this.#rotate(s, "manual")));
  }

  // ---- subscriptions ------------------------------------------------------------------

  #removeWire(wire: Wire<unknown>): void {
    this.#wires.delete(wire.spec.name);
    const route = routeOfName(wire.spec.name);
    if (this.#routes.get(route) === wire) this.#routes.delete(route);
    wire.shard.wires.delete(wire);
    wire.shard.switched?.();
  }

  /**
   * Subscribes to a stream (used by the stream functions). Subscribing twice to the same
   * stream shares one server subscription.
   *
   * @param spec The stream.
   * @param options Signal, timeout, buffer size and overflow policy.
   * @returns The subscription, once the server acknowledged it.
   * @throws {ValidationError} on a raw connection, when the stream's payloads cannot be
   * told from a stream already subscribed.
   * @throws {StreamControlError} when the server refuses it.
   * @throws {RequestTimeoutError} when no acknowledgement arrives in time.
   * @throws {ConnectionClosedError} when the connection is closed.
   */
  async subscribe<T>(
    spec: StreamSpec<T>,
    options: SubscribeOptions = {},
  ): Promise<Subscription<T>> {
    checkOptions(spec.name, options, SUBSCRIBE_OPTIONS);
    const retired = RETIRED[spec.name];
    if (retired) {
      throw new ValidationError(spec.name, [{
        param: "",
        message: `is retired by Binance; ${retired}`,
      }]);
    }
    if (this.#state === "closed") {
      throw new ConnectionClosedError({
        method: "SUBSCRIBE",
        outcome: "notSent",
        advice: "Nothing was sent; open a new connection with connectStreams().",
      });
    }
    options.signal?.throwIfAborted();
    let wire = this.#wires.get(spec.name) as Wire<T> | undefined;
    if (!wire) {
      if (!this.combined) {
        const clash = this.#routes.get(routeOfName(spec.name));
        if (clash) {
          throw new ValidationError(spec.name, [{
            param: "",
            message: `cannot be told from "${clash.spec.name}" on a raw connection; ` +
              "use a combined connection (the default)",
          }]);
        }
      }
      const max = this.#options.maxStreamsPerConnection ?? 1024;
      const shard = this.#shards.find((s) => s.wires.size < max) ?? this.#addShard();
      wire = new Wire(spec, shard);
      wire.primary = shard.active;
      shard.wires.add(wire as Wire<unknown>);
      this.#wires.set(spec.name, wire as Wire<unknown>);
      this.#known.add(spec.name);
      this.#routes.set(routeOfName(spec.name), wire as Wire<unknown>);
      if (shard.active) {
        const name = spec.name;
        this.#control(shard, "SUBSCRIBE", [name]).then(
          () => this.#acked(name),
          (error) => this.#subscribeFailed([name], error),
        );
      }
    }
    const w = wire;
    const sub = new SubscriptionImpl<T>(spec.name, options, (s, o) => this.#unsubscribe(w, s, o), {
      gap: (gap) => this.#emit("gap", gap),
      error: (error) => this.#error(error),
    });
    w.subs = [...w.subs, sub];
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? 10_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RequestTimeoutError({ method: "SUBSCRIBE", timeoutMs })),
        timeoutMs,
      );
    });
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(options.signal!.reason);
      options.signal?.addEventListener("abort", onAbort, { once: true });
    });
    try {
      await Promise.race([w.ready.promise, timeout, aborted]);
    } catch (error) {
      sub.end("not subscribed");
      w.subs = w.subs.filter((s) => s !== sub);
      if (w.subs.length === 0 && this.#wires.get(spec.name) === w) {
        this.#removeWire(w as Wire<unknown>);
        if (w.acked && w.shard.active) {
          this.#control(w.shard, "UNSUBSCRIBE", [spec.name]).catch(() => {});
        }
      }
      throw error;
    } finally {
      clearTimeout(timer);
      if (onAbort) options.signal?.removeEventListener("abort", onAbort);
    }
    return sub;
  }

  async #unsubscribe<T>(
    wire: Wire<T>,
    sub: SubscriptionImpl<T>,
    options: { signal?: AbortSignal; timeoutMs?: number },
  ): Promise<void> {
    wire.subs = wire.subs.filter((s) => s !== sub);
    if (wire.subs.length > 0 || this.#wires.get(wire.spec.name) !== wire) return;
    this.#removeWire(wire as Wire<unknown>);
    const shard = wire.shard;
    if (this.#state === "closed" || !shard.active || !wire.acked) return;
    options.signal?.throwIfAborted();
    try {
      await this.#control(shard, "UNSUBSCRIBE", [wire.spec.name]);
    } catch (error) {
      if (error instanceof ConnectionClosedError) return; // not resubscribed anyway
      throw error;
    }
  }

  /**
   * Lists the streams the server has subscribed, over every socket (`LIST_SUBSCRIPTIONS`).
   *
   * @returns The stream names.
   * @throws {StreamControlError} when the server refuses it.
   */
  async listSubscriptions(): Promise<string[]> {
    const lists = await Promise.all(
      this.#shards.filter((s) => s.active).map((s) =>
        this.#control(s, "LIST_SUBSCRIPTIONS", undefined)
      ),
    );
    return lists.flatMap((l) => (Array.isArray(l) ? l.map(String) : []));
  }

  /**
   * Reads a connection property (`GET_PROPERTY`); Binance has one, `combined`.
   *
   * @param name The property.
   * @returns Its value on the first socket.
   * @throws {StreamControlError} when the server refuses it (code 0: unknown property).
   */
  async getProperty(name: string): Promise<unknown> {
    const shard = this.#shards.find((s) => s.active);
    if (!shard) throw new ConnectionClosedError({ method: "GET_PROPERTY", outcome: "notSent" });
    return await this.#control(shard, "GET_PROPERTY", [name]);
  }

  /**
   * Sets a connection property on every socket (`SET_PROPERTY`). Frames are routed by
   * their shape, so switching `combined` keeps every subscription flowing.
   *
   * @param name The property (`"combined"`).
   * @param value Its value.
   * @returns Resolves once every socket acknowledged.
   * @throws {ValidationError} when `combined` would become `false` while two subscribed
   * streams have payloads that cannot be told apart (nothing is sent).
   * @throws {StreamControlError} when the server refuses it (code 0 unknown property, code
   * 1 invalid value type).
   */
  async setProperty(name: string, value: unknown): Promise<void> {
    if (name === "combined" && value === false) {
      const seen = new Map<string, string>();
      for (const stream of this.#wires.keys()) {
        const route = routeOfName(stream);
        const clash = seen.get(route);
        if (clash) {
          throw new ValidationError("SET_PROPERTY", [{
            param: "combined",
            message: `cannot be false while "${clash}" and "${stream}" are subscribed: ` +
              "their raw payloads cannot be told apart",
          }]);
        }
        seen.set(route, stream);
      }
    }
    await Promise.all(
      this.#shards.filter((s) => s.active).map((s) =>
        this.#control(s, "SET_PROPERTY", [name, value])
      ),
    );
  }

  /**
   * Closes the connection: every subscription ends, every socket and timer is released.
   *
   * @returns Resolves once every socket has closed.
   */
  async close(): Promise<void> {
    if (this.#state !== "closed") {
      this.#state = "closed";
      clearInterval(this.#watchdog);
      this.#lifecycle.abort(
        new ConnectionClosedError({ closeCode: 1000, closeReason: "closed by the client" }),
      );
      if (this.#onAbort) this.#options.signal?.removeEventListener("abort", this.#onAbort);
      for (const wire of this.#wires.values()) {
        wire.ready.reject(
          new ConnectionClosedError({
            method: "SUBSCRIBE",
            outcome: "unknown",
            closeCode: 1000,
            closeReason: "closed by the client",
          }),
        );
        for (const s of wire.subs) s.end("connection closed");
      }
      this.#wires.clear();
      this.#routes.clear();
      let last: Sock | undefined;
      for (const shard of this.#shards) {
        clearTimeout(shard.flushTimer);
        shard.switched?.();
        for (const item of shard.queue) {
          item.reject(
            new ConnectionClosedError({
              method: item.method,
              outcome: "notSent",
              closeCode: 1000,
              closeReason: "closed by the client",
            }),
          );
        }
        shard.queue = [];
        for (const sock of [shard.active, shard.old]) {
          if (!sock) continue;
          last = sock;
          sock.close(1000, "closed by the client");
        }
      }
      this.#emit("close", {
        connection: last?.id ?? 0,
        code: 1000,
        reason: "closed by the client",
        willReconnect: false,
      });
    }
    const socks = this.#shards.flatMap((s) => [s.active, s.old]).filter((s) => s !== undefined);
    await Promise.all(socks.map((s) => s.closed));
    await Promise.all(
      this.#shards.flatMap((s) => [s.opening, s.reconnecting, s.rotating]).map((p) =>
        p?.catch(() => {})
      ),
    );
  }

  /** Closes the connection (for `await using`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/**
 * Opens a connection to Binance's market streams.
 *
 * @param options Endpoint, raw or combined, time unit, reconnect and rotation policy.
 * @returns The open connection.
 * @throws {ConnectionClosedError} when the first socket cannot be opened.
 *
 * @example Stream trades from the embedded fake exchange
 * ```ts
 * import { connectStreams, tradeStream } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectStreams({ url: exchange.streams.baseUrl });
 * await using trades = await tradeStream(conn, { symbol: "BTCUSDT" });
 * exchange.market.advance(3);
 * const seen: number[] = [];
 * for await (const trade of trades) {
 *   seen.push(trade.tradeId);
 *   if (seen.length === 3) break;
 * }
 * assert.deepEqual(seen, [seen[0], seen[0] + 1, seen[0] + 2]);
 * ```
 */
export function connectStreams(options: StreamConnectionOptions = {}): Promise<StreamConnection> {
  return StreamConnection.open(options);
}
