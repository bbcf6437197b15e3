/**
 * The market-stream connection: subscriptions batched and paced under Binance's 5
 * messages a second, sharded at 1024 streams per socket, reconnected with backoff and
 * resubscribed, rotated make-before-break before the 24 h limit and on `serverShutdown`,
 * with every update de-duplicated and every possible gap reported.
 *
 * @module
 */

import { deadline } from "./_async.ts";
import { takeAttempt } from "./_attempts.ts";
import { Listeners, throwsAsErrorEvent, toError } from "./_listeners.ts";
import {
  boolean,
  checkOptions,
  duration,
  integer,
  oneOf,
  RECONNECT_POLICY,
  signal as signalRule,
  wsUrl,
} from "./_options.ts";
import { rotate, rotateFrom, type RotationHost } from "./_rotation.ts";
import { Shard, StreamSocket } from "./_shard.ts";
import { abandon, adopt, type LifecycleHost, openShard } from "./_shard_lifecycle.ts";
import { openSocket } from "./_socket.ts";
import { StreamTable, type TableHost } from "./_stream_table.ts";
import { type SubscriptionHost, SubscriptionImpl } from "./_subscription.ts";
import type { Wire } from "./_wire.ts";
import { IdleWatchdog, type Watched } from "./_watchdog.ts";
import { ConnectionClosedError, RequestTimeoutError, ValidationError } from "./errors.ts";
import { StreamControlError } from "./stream_errors.ts";
import {
  STREAM_URLS,
  type StreamConnectionOptions,
  type StreamConnectionState,
  type StreamEventMap,
  type StreamListener,
  type StreamSpec,
} from "./stream_types.ts";
import type { StreamGap, SubscribeOptions, Subscription } from "./subscription.ts";

export * from "./stream_types.ts";

/** The rules of `connectStreams`'s options. */
const CONNECTION_OPTIONS = {
  url: wsUrl,
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

/** How the connection closing ends what is under way. */
const BY_CLIENT = { closeCode: 1000, closeReason: "closed by the client" } as const;

/** What the internals need of the connection: one object serves them all. */
type Core = LifecycleHost & RotationHost & TableHost;

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
  /**
   * Whether payloads may arrive without their stream name: a raw URL, or `combined` set to
   * `false` since (then streams that cannot be told apart are refused).
   */
  #raw: boolean;
  /** What `setProperty` set, re-applied on every new socket (see `TableHost.properties`). */
  readonly #properties: Map<string, unknown> = new Map();
  /** The values Binance acknowledged last, per property: what a refusal goes back to. */
  readonly #accepted: Map<string, unknown> = new Map();
  readonly #options: StreamConnectionOptions;
  readonly #shards: Shard[] = [];
  // A throwing listener must not break the connection; it is reported as an error event.
  readonly #listeners: Listeners<StreamEventMap> = new Listeners<StreamEventMap>(
    throwsAsErrorEvent((error) => this.#error(error)),
  );
  readonly #lifecycle = new AbortController();
  readonly #host: string;
  readonly #table: StreamTable;
  readonly #core: Core;
  #state: StreamConnectionState = "open";
  #nextId = 0;
  #onAbort: (() => void) | undefined;
  #watchdog: IdleWatchdog | undefined;
  /** What every subscription of the connection needs of it: one object for them all. */
  readonly #subscriptionHost: SubscriptionHost;

  private constructor(url: string, combined: boolean, options: StreamConnectionOptions) {
    this.url = url;
    this.combined = combined;
    this.#raw = !combined;
    this.#options = options;
    this.#host = new URL(url).host;
    const core: Core = {
      url,
      reconnect: options.reconnect,
      renewAfterMs: options.renewAfterMs ?? 23.5 * 3_600_000,
      maxOverlapMs: options.maxOverlapMs ?? 10_000,
      maxStreamsPerShard: options.maxStreamsPerConnection ?? 1024,
      signal: this.#lifecycle.signal,
      shards: this.#shards,
      get table() {
        return table; // made from the core below, handed out once the connection runs
      },
      isOpen: () => this.#state === "open",
      openSocket: () => this.#openSock(),
      addShard: () => this.#addShard(),
      adopt: (shard, sock) => adopt(core, shard, sock),
      rotate: (shard, reason, from) => rotateFrom(core, shard, reason, from),
      emit: (type, payload) => this.#emit(type, payload),
      error: (error) => this.#error(toError(error)),
      close: () => this.close(),
      properties: this.#properties,
      propertyAccepted: (name, value) => this.#accepted.set(name, value),
    };
    const table = new StreamTable(core);
    this.#core = core;
    this.#table = table;
    this.#subscriptionHost = {
      unsubscribe: <T>(sub: SubscriptionImpl<T>, o: { signal?: AbortSignal; timeoutMs?: number }) =>
        table.unsubscribe(sub.wire as Wire<T, Shard>, sub, o),
      gap: (gap) => this.#emit("gap", gap),
      error: (error) => this.#error(error),
    };
    if (options.signal) {
      this.#onAbort = () => void this.close();
      options.signal.addEventListener("abort", this.#onAbort, { once: true });
    }
    const idleMs = options.idleTimeoutMs ?? 30_000;
    if (idleMs > 0) this.#watchdog = new IdleWatchdog(idleMs, () => this.#watched());
  }

  /** The sockets the idle watchdog looks at: each one that carries streams. */
  #watched(): Watched[] {
    const watched: Watched[] = [];
    for (const shard of this.#shards) {
      const sock = shard.active;
      if (!sock || shard.wires.size === 0) continue;
      watched.push({
        socket: sock,
        probe: () => shard.control.request("LIST_SUBSCRIPTIONS", undefined),
        current: () => shard.active === sock,
        dead: () => {
          this.#error(
            new ConnectionClosedError({
              what: `stream socket ${sock.id}`,
              closeCode: 4000,
              closeReason: "idle",
              advice: "It sent nothing, not even an answer to a probe; it is being replaced.",
            }),
          );
          abandon(this.#core, shard, sock, 4000, "idle");
        },
      });
    }
    return watched;
  }

  /**
   * Opens the connection (its first socket).
   *
   * @param options The options.
   * @returns The connection.
   * @throws {ValidationError} when an option is invalid (nothing is opened).
   * @throws {ConnectionOpenError} when the first socket cannot be opened.
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
    // Aborted already: the abort event is gone, so nothing would close what is opened.
    options.signal?.throwIfAborted();
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
    return this.#table.names;
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

  #addShard(): Shard {
    const shard = new Shard({
      perSecond: this.#options.maxControlMessagesPerSecond ?? 4,
      timeoutMs: this.#options.timeoutMs ?? 10_000,
      nextId: () => ++this.#nextId,
      // A SUBSCRIBE answered after its timeout: its streams that no subscription holds now
      // are unsubscribed, not left on the socket (see `StreamTable.lateSubscribed`).
      lateSuccess: (method, params) => {
        if (method === "SUBSCRIBE") this.#table.lateSubscribed(shard, params ?? []);
      },
    });
    this.#shards.push(shard);
    openShard(this.#core, shard);
    return shard;
  }

  async #openSock(): Promise<StreamSocket> {
    const signal = this.#lifecycle.signal;
    await takeAttempt(this.#host, signal);
    return await openSocket(
      this.url,
      (ws) => new StreamSocket(ws),
      this.#options.connectTimeoutMs ?? 10_000,
      signal,
    );
  }

  /**
   * Rotates every socket make-before-break now (as done automatically on `serverShutdown`
   * and `renewAfterMs` after a socket opened).
   *
   * @returns Resolves once every rotation finished.
   */
  async rotate(): Promise<void> {
    await Promise.all(this.#shards.map((s) => rotate(this.#core, s, "manual")));
  }

  /**
   * Subscribes to a stream (used by the stream functions). Subscribing twice to the same
   * stream shares one server subscription.
   *
   * @param spec The stream.
   * @param options Signal, timeout, buffer size and overflow policy.
   * @returns The subscription, once the server acknowledged it.
   * @throws {ValidationError} when an option is invalid, the stream is retired, or, on a raw
   * connection, its payloads cannot be told from a stream already subscribed.
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
    const table = this.#table;
    const w = table.wire(spec, this.#raw);
    const sub = new SubscriptionImpl<T>(spec.name, options, this.#subscriptionHost, w);
    w.subs = [...w.subs, sub];
    if (w.ready === undefined) return sub; // acknowledged already
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? 10_000;
    const timeout = () => new RequestTimeoutError({ method: "SUBSCRIBE", timeoutMs });
    try {
      await deadline(w.ready.promise, timeoutMs, timeout, options.signal);
    } catch (error) {
      sub.end("not subscribed");
      table.leave(w, sub);
      throw error;
    }
    return sub;
  }

  /**
   * Lists the streams the server has subscribed, over every socket (`LIST_SUBSCRIPTIONS`); a socket
   * being reopened is asked once it is open again, within the connection's `timeoutMs`.
   *
   * @returns The stream names.
   * @throws {StreamControlError} when the server refuses it.
   * @throws {RequestTimeoutError} when no answer arrives in time.
   * @throws {ConnectionClosedError} when the connection is closed.
   */
  async listSubscriptions(): Promise<string[]> {
    // A shard being reopened is asked too (its request waits for the new socket, within the
    // timeout): leaving it out would answer that its streams are not subscribed.
    const timeoutMs = this.#options.timeoutMs ?? 10_000;
    const lists = await Promise.all(
      this.#shards.map((s) =>
        deadline(
          s.control.request("LIST_SUBSCRIPTIONS", undefined),
          timeoutMs,
          () => new RequestTimeoutError({ method: "LIST_SUBSCRIPTIONS", timeoutMs }),
        )
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
   * @throws {RequestTimeoutError} when no answer arrives in time.
   * @throws {ConnectionClosedError} when the connection is closed.
   */
  async getProperty(name: string): Promise<unknown> {
    // A socket being reopened is asked too: its request waits for it, within the timeout.
    const shard = this.#shards.find((s) => s.active) ?? this.#shards[0];
    if (!shard) throw new ConnectionClosedError({ method: "GET_PROPERTY", outcome: "notSent" });
    const timeoutMs = this.#options.timeoutMs ?? 10_000;
    return await deadline(
      shard.control.request("GET_PROPERTY", [name]),
      timeoutMs,
      () => new RequestTimeoutError({ method: "GET_PROPERTY", timeoutMs }),
    );
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
   * @throws {RequestTimeoutError} when no answer arrives in time.
   * @throws {ConnectionClosedError} when the connection is closed.
   */
  async setProperty(name: string, value: unknown): Promise<void> {
    const clash = name === "combined" && value === false ? this.#table.rawClash() : undefined;
    if (clash) {
      throw new ValidationError("SET_PROPERTY", [{
        param: "combined",
        message: `cannot be false while "${clash[0]}" and "${clash[1]}" are subscribed: ` +
          "their raw payloads cannot be told apart",
      }]);
    }
    // From now on (a socket may switch before the others answer) a new stream is checked as on
    // a raw connection; `true` again lifts it once every socket took it.
    if (name === "combined" && value === false) this.#raw = true;
    // Kept (the last value) for the sockets opened later (reconnects, rotations, new shards),
    // which start with Binance's defaults; a value Binance refuses is not kept.
    this.#properties.set(name, value);
    // A socket being reopened is asked too: its request waits for it, within the timeout
    // (else the call would resolve before that socket, maybe the only one, answered).
    const timeoutMs = this.#options.timeoutMs ?? 10_000;
    try {
      await deadline(
        Promise.all(this.#shards.map((s) => s.control.request("SET_PROPERTY", [name, value]))),
        timeoutMs,
        () => new RequestTimeoutError({ method: "SET_PROPERTY", timeoutMs }),
      );
      this.#accepted.set(name, value);
    } catch (error) {
      // Refused, and no later call set another value since: back to the last one accepted.
      if (error instanceof StreamControlError && this.#properties.get(name) === value) {
        if (this.#accepted.has(name)) this.#properties.set(name, this.#accepted.get(name));
        else this.#properties.delete(name);
      }
      throw error;
    }
    if (name === "combined" && value === true) this.#raw = !this.combined;
  }

  /**
   * Closes the connection: every subscription ends, every socket and timer is released.
   *
   * @returns Resolves once every socket has closed.
   */
  async close(): Promise<void> {
    if (this.#state !== "closed") {
      this.#state = "closed";
      this.#watchdog?.stop();
      this.#lifecycle.abort(new ConnectionClosedError({ ...BY_CLIENT }));
      if (this.#onAbort) this.#options.signal?.removeEventListener("abort", this.#onAbort);
      this.#table.close(() =>
        new ConnectionClosedError({ method: "SUBSCRIBE", outcome: "unknown", ...BY_CLIENT })
      );
      let last: StreamSocket | undefined;
      for (const shard of this.#shards) {
        shard.switched?.();
        shard.control.close((method) =>
          new ConnectionClosedError({ method, outcome: "notSent", ...BY_CLIENT })
        );
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
    // A dead peer never finishes the close handshake: its socket is then taken as closed.
    await Promise.all(socks.map(async (s) => {
      if (!(await s.closedWithin())) s.markClosed();
    }));
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
 * @throws {ValidationError} when an option is invalid (nothing is opened).
 * @throws {ConnectionOpenError} when the first socket cannot be opened.
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
