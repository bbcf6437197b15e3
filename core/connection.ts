/**
 * The WebSocket API connection: request/response correlation, timeouts, rate limits,
 * reconnects, make-before-break renewal and clock offset.
 *
 * @module
 */

import { abortableDelay, backoffDelay } from "./_async.ts";
import { Listeners, toError } from "./_listeners.ts";
import { parseJson, stringifyJson } from "./_json.ts";
import {
  BinanceApiError,
  type BinanceErrorBody,
  ConnectionClosedError,
  IpBannedError,
  RateLimitError,
  RequestTimeoutError,
  ServerError,
  UnexpectedMessageError,
} from "./errors.ts";
import { RateLimitTracker } from "./_rate_limits.ts";
import type { RateLimit, RateLimitPolicy } from "./rate_limits.ts";
import { buildSignaturePayload, type Signer } from "./signing.ts";
import type { RequestOptions, SecurityType } from "./types.ts";

const CONNECT_WEIGHT = 2;

/** Binance's WebSocket API endpoints. */
export interface WsApiUrls {
  /** Production, port 443 (the default). */
  readonly prod: string;
  /** Production, port 9443, for networks where 443 has issues. */
  readonly prod9443: string;
  /** Spot testnet (keys from the testnet site). */
  readonly testnet: string;
}

/** Binance's WebSocket API endpoints. */
export const WS_API_URLS: WsApiUrls = {
  prod: "wss://ws-api.binance.com:443/ws-api/v3",
  prod9443: "wss://ws-api.binance.com:9443/ws-api/v3",
  testnet: "wss://ws-api.testnet.binance.vision/ws-api/v3",
};

/** The API key and the signer of SIGNED requests. */
export interface WsApiCredentials {
  /** The API key. Sent with signed requests; redacted in every message. */
  apiKey: string;
  /** Signs the payload; see `createSigner`. */
  signer: Signer;
}

/** How the connection reconnects after an unexpected close. */
export interface ReconnectPolicy {
  /** First delay, in ms. Default 250. */
  initialDelayMs?: number;
  /** Cap of the delay, in ms. Default 30 000. */
  maxDelayMs?: number;
  /** Growth factor per attempt. Default 2. */
  factor?: number;
  /** Randomise each delay within [delay/2, delay]. Default `true`. */
  jitter?: boolean;
  /** Give up (and close the connection) after this many failed attempts. Default: never. */
  maxAttempts?: number;
}

/** Options of {@linkcode connectWsApi}. */
export interface WsApiConnectionOptions {
  /** The endpoint. Default {@linkcode WS_API_URLS}`.prod`. */
  url?: string;
  /** Credentials for SIGNED requests. */
  credentials?: WsApiCredentials;
  /** `false` hides `rateLimits` in responses unless a request asks for them. Default `true`. */
  returnRateLimits?: boolean;
  /** Unit of time fields in responses. Default `"MILLISECOND"`. */
  timeUnit?: "MILLISECOND" | "MICROSECOND";
  /** Default timeout of each request, in ms. Default 10 000. */
  timeoutMs?: number;
  /** Timeout of opening a socket, in ms. Default 10 000. */
  connectTimeoutMs?: number;
  /**
   * When a request would exceed the known REQUEST_WEIGHT budget: `"wait"` for the next
   * window (bounded by the request's timeout and signal) or `"refuse"` with a
   * client-side `RateLimitError`. Default `"wait"`.
   */
  rateLimitPolicy?: RateLimitPolicy;
  /** Reconnect policy, or `false` to close the connection on the first unexpected close. */
  reconnect?: ReconnectPolicy | false;
  /**
   * Renew the socket (make-before-break) this many ms after it opened. Binance closes
   * connections after 24 h. Default 23 h 30 min.
   */
  renewAfterMs?: number;
  /** `recvWindow` added to SIGNED requests that do not set one. */
  recvWindow?: number;
  /** Aborting closes the connection. */
  signal?: AbortSignal;
}

/** Per-call options of {@linkcode WsApiConnection.request}. */
export interface RawRequestOptions extends RequestOptions {
  /** The method's security type. `NONE` (default) sends the params as given. */
  security?: SecurityType;
  /** The REQUEST_WEIGHT the request costs, for the client-side budget. Default 1. */
  weight?: number;
}

/** The state of a {@linkcode WsApiConnection}. */
export type WsApiConnectionState = "open" | "reconnecting" | "closed";

/** Payloads of the connection's lifecycle events. */
export interface WsApiEventMap {
  /**
   * A new socket opened, after a reconnect or for a renewal. (The first socket is open
   * when `connectWsApi()` resolves.)
   */
  open: { url: string };
  /**
   * The active socket closed. `willReconnect` tells whether the connection goes on; it is
   * `false` once, when the connection ends (by `close()`, its signal, or a close with
   * `reconnect: false`).
   */
  close: { code: number; reason: string; willReconnect: boolean };
  /** A reconnect attempt is scheduled. */
  reconnecting: { attempt: number; delayMs: number };
  /** The connection is back after `attempts` attempts. */
  reconnected: { attempts: number };
  /** A new socket took over make-before-break. */
  renewed: { reason: "serverShutdown" | "lifetime" | "manual" };
  /**
   * Something went wrong that belongs to no request (malformed frame, failed renewal…).
   * With no listener, it is written to the console with `console.warn`.
   */
  error: { error: Error };
  /** An event frame from the server (for example a User Data Stream event). */
  event: { event: Record<string, unknown>; subscriptionId?: number };
}

/** A listener of one lifecycle event. */
export type WsApiListener<K extends keyof WsApiEventMap> = (payload: WsApiEventMap[K]) => void;

interface Pending {
  method: string;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** When it times out (`Date.now()` ms). */
  deadline: number;
  timeoutMs: number;
  cleanup: (() => void) | undefined;
}

class Socket {
  readonly ws: WebSocket;
  readonly pending: Map<number, Pending> = new Map();
  readonly openedAt: number = Date.now();
  readonly closed: Promise<void>;
  draining = false;
  lifetimeTimer: ReturnType<typeof setTimeout> | undefined;
  #resolveClosed!: () => void;

  constructor(ws: WebSocket) {
    this.ws = ws;
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
  }

  markClosed(): void {
    clearTimeout(this.lifetimeTimer);
    this.#resolveClosed();
  }
}

function openSocket(url: string, timeoutMs: number, signal?: AbortSignal): Promise<Socket> {
  const { promise, resolve, reject } = Promise.withResolvers<Socket>();
  let ws: WebSocket;
  try {
    ws = new WebSocket(url);
  } catch (error) {
    return Promise.reject(
      new ConnectionClosedError(undefined, undefined, `cannot open ${url}: ${String(error)}`),
    );
  }
  const socket = new Socket(ws);
  const fail = (reason: string) => {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
    ws.onopen = null;
    ws.onerror = null;
    if (ws.readyState === WebSocket.CLOSED) socket.markClosed();
    else {
      ws.onclose = () => socket.markClosed();
      try {
        ws.close();
      } catch { /* already closing */ }
    }
    reject(new ConnectionClosedError(undefined, undefined, `cannot open ${url}: ${reason}`));
  };
  const onAbort = () => fail("aborted");
  const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs);
  signal?.addEventListener("abort", onAbort, { once: true });
  ws.onopen = () => {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
    ws.onerror = null;
    resolve(socket);
  };
  ws.onerror = (ev) => fail((ev as ErrorEvent).message || "connection failed");
  ws.onclose = (ev) => fail(`closed with code ${ev.code}`);
  return promise;
}

/**
 * The `error` object of a response when it has the documented shape (`code` an integer,
 * `msg` a string, `data` an object if present), else `undefined`.
 */
function errorBody(value: unknown): BinanceErrorBody | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const e = value as Record<string, unknown>;
  if (!Number.isSafeInteger(e.code) || typeof e.msg !== "string") return undefined;
  if (e.data !== undefined && (typeof e.data !== "object" || e.data === null)) return undefined;
  return value as BinanceErrorBody;
}

/** `data.retryAfter` of an error, when it is a usable time (ms since the epoch). */
function retryAfterOf(error: BinanceErrorBody | undefined): number | undefined {
  const retryAfter = error?.data?.retryAfter;
  return Number.isSafeInteger(retryAfter) && (retryAfter as number) > 0
    ? retryAfter as number
    : undefined;
}

/** How many ids of requests given up on (timeout, abort) are remembered for their late answer. */
const LATE_IDS = 10_000;

function withQuery(url: string, options: WsApiConnectionOptions): string {
  const u = new URL(url);
  if (options.returnRateLimits === false) u.searchParams.set("returnRateLimits", "false");
  if (options.timeUnit && options.timeUnit !== "MILLISECOND") {
    u.searchParams.set("timeUnit", options.timeUnit);
  }
  return u.toString();
}

/**
 * A connection to Binance's WebSocket API. Create one with {@linkcode connectWsApi}.
 *
 * Any number of requests may be in flight; each is correlated by its `id`, has a
 * timeout and an `AbortSignal`, and is rejected with a typed error when its socket
 * closes. The connection reconnects with backoff, renews its socket make-before-break
 * on `serverShutdown` and before the 24 h limit, keeps the latest `rateLimits` and
 * never sends before a `retryAfter`.
 */
export class WsApiConnection {
  /** The endpoint, with the query parameters the options added. */
  readonly url: string;
  readonly #options: WsApiConnectionOptions;
  readonly #timeoutMs: number;
  readonly #limits = new RateLimitTracker();
  // A throwing listener must not break the connection; it is reported as an error event.
  readonly #listeners: Listeners<WsApiEventMap> = new Listeners<WsApiEventMap>((error, type) => {
    if (type !== "error") this.#emit("error", { error: toError(error) });
  });
  #active: Socket;
  #sockets = new Set<Socket>();
  #state: WsApiConnectionState = "open";
  #nextId = 1;
  #clockOffset = 0;
  #clockSynced = false;
  #clockSync: Promise<number> | undefined;
  #renewal: Promise<void> | undefined;
  #reconnecting: Promise<void> | undefined;
  #ready: PromiseWithResolvers<void> | undefined;
  #lifecycle = new AbortController();
  /** One timer for every request's timeout, armed for the earliest deadline. */
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Infinity;
  #onAbort: (() => void) | undefined;
  /** Ids of requests given up on (timed out or aborted) whose answer may still come. */
  #late = new Set<number>();
  #lateResponses = 0;

  /** Use {@linkcode connectWsApi}. */
  private constructor(url: string, options: WsApiConnectionOptions, socket: Socket) {
    this.url = url;
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#active = socket;
    this.#adopt(socket);
    if (options.signal) {
      this.#onAbort = () => void this.close();
      options.signal.addEventListener("abort", this.#onAbort, { once: true });
    }
  }

  /** @internal Opens the first socket. */
  static async open(options: WsApiConnectionOptions): Promise<WsApiConnection> {
    options.signal?.throwIfAborted();
    const url = withQuery(options.url ?? WS_API_URLS.prod, options);
    const socket = await openSocket(url, options.connectTimeoutMs ?? 10_000, options.signal);
    return new WsApiConnection(url, options, socket);
  }

  /** `"open"`, `"reconnecting"` (requests wait) or `"closed"` (requests are rejected). */
  get state(): WsApiConnectionState {
    return this.#state;
  }

  /** The latest `rateLimits` Binance reported, one entry per type and interval. */
  get rateLimits(): RateLimit[] {
    return this.#limits.snapshot();
  }

  /** Server time minus local time, in ms, as last measured (0 before any measurement). */
  get clockOffsetMs(): number {
    return this.#clockOffset;
  }

  /** How many requests are waiting for their response. */
  get pendingRequests(): number {
    let n = 0;
    for (const s of this.#sockets) n += s.pending.size;
    return n;
  }

  /**
   * How many answers arrived for requests this client had already given up on (timed out
   * or aborted). They are dropped quietly; an answer to an id never sent is an `error` event.
   */
  get lateResponses(): number {
    return this.#lateResponses;
  }

  /** Remembers the id of a request given up on, so that its late answer is expected. */
  #giveUp(id: number): void {
    this.#late.add(id);
    if (this.#late.size > LATE_IDS) this.#late.delete(this.#late.values().next().value!);
  }

  /** Server time (ms) by the local clock corrected with the measured offset. */
  #serverNow(): number {
    return Date.now() + this.#clockOffset;
  }

  /**
   * Listens to a lifecycle event.
   *
   * @param type The event: `open`, `close`, `reconnecting`, `reconnected`, `renewed`,
   * `error` or `event`.
   * @param listener Called with the event's payload.
   * @returns A function that removes the listener.
   */
  on<K extends keyof WsApiEventMap>(type: K, listener: WsApiListener<K>): () => void {
    return this.#listeners.on(type, listener);
  }

  #emit<K extends keyof WsApiEventMap>(type: K, payload: WsApiEventMap[K]): void {
    if (this.#listeners.emit(type, payload) || type !== "error") return;
    // Never silent: with no "error" listener, errors go to the console.
    const { error } = payload as WsApiEventMap["error"];
    console.warn(`@binance-ws/spot: ${error.name}: ${error.message}`);
  }

  /**
   * Sends one request and resolves with its `result`, exactly as Binance sent it
   * (integers above 2^53 as `bigint`). The method functions of this module call it;
   * use it directly only for methods the module does not cover.
   *
   * @param method Binance's method name, e.g. `"time"`.
   * @param params The parameters, sent as given (SIGNED methods get `apiKey`,
   * `timestamp` and `signature` added).
   * @param options Signal, timeout, security type and weight.
   * @returns The response's `result`.
   * @throws {BinanceApiError} when Binance answers with an error (and its subclasses
   * `RateLimitError`, `IpBannedError`, `ServerError`).
   * @throws {RequestTimeoutError} when no answer arrives in time.
   * @throws {ConnectionClosedError} when the connection closes first, or is closed.
   */
  request(
    method: string,
    params: Record<string, unknown> = {},
    options: RawRequestOptions = {},
  ): Promise<unknown> {
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#state === "closed") {
      return Promise.reject(new ConnectionClosedError(method, undefined, "", false));
    }
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    let body = params;
    if (options.returnRateLimits !== undefined) {
      body = { ...body, returnRateLimits: options.returnRateLimits };
    }
    const weight = options.weight ?? 1;
    // Fast path: unsigned, an open socket and budget to spare: sent without a wait.
    if ((options.security ?? "NONE") === "NONE" && this.#gate(weight) === 0) {
      return this.#send(this.#active, method, body, timeoutMs, timeoutMs, signal);
    }
    return this.#requestSlow(method, body, options, timeoutMs, weight);
  }

  async #requestSlow(
    method: string,
    params: Record<string, unknown>,
    options: RawRequestOptions,
    timeoutMs: number,
    weight: number,
  ): Promise<unknown> {
    const signal = options.signal;
    const deadline = Date.now() + timeoutMs;
    let body = params;
    if ((options.security ?? "NONE") !== "NONE") {
      body = await this.#sign(method, body, signal, deadline);
    }
    let retryAt = this.#gate(weight);
    while (retryAt !== 0) {
      await this.#waitToSend(method, retryAt, deadline, timeoutMs, signal);
      retryAt = this.#gate(weight);
    }
    return this.#send(this.#active, method, body, deadline - Date.now(), timeoutMs, signal);
  }

  /**
   * 0 when the request may go now (its weight is then reserved), the server time to
   * retry at when rate-limited or banned, or -1 when no socket is open.
   */
  #gate(weight: number): number {
    const limits = this.#limits;
    const now = this.#serverNow();
    if (now < limits.blockedUntil) return limits.blockedUntil;
    limits.banned = false;
    if (this.#state !== "open" || this.#active.ws.readyState !== WebSocket.OPEN) return -1;
    return limits.reserve(weight, now);
  }

  async #waitToSend(
    method: string,
    retryAt: number,
    deadline: number,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    signal?.throwIfAborted();
    if (this.#state === "closed") throw new ConnectionClosedError(method, undefined, "", false);
    if (retryAt > 0) {
      const limits = this.#limits;
      if (limits.banned) {
        throw new IpBannedError({
          method,
          status: 418,
          error: { code: -1003, msg: "IP banned; nothing is sent before the ban is lifted." },
        }, retryAt);
      }
      const policy = this.#options.rateLimitPolicy ?? "wait";
      if (policy === "refuse" || retryAt - this.#serverNow() > deadline - Date.now()) {
        throw new RateLimitError(
          {
            method,
            status: 429,
            error: {
              code: -1003,
              msg: retryAt === limits.blockedUntil
                ? "Binance asked to wait before sending more requests."
                : "Sending this request would exceed the REQUEST_WEIGHT limit.",
            },
          },
          retryAt,
          true,
        );
      }
      await abortableDelay(retryAt - this.#serverNow(), this.#combined(signal));
      return;
    }
    // Not connected: wait for the connection to come back, within the deadline.
    this.#ready ??= Promise.withResolvers<void>();
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new RequestTimeoutError(method, timeoutMs, false);
    const timeout = AbortSignal.timeout(remaining);
    const waitSignal = this.#combined(signal, timeout);
    const { promise, reject } = Promise.withResolvers<never>();
    const onAbort = () =>
      reject(
        timeout.aborted && !signal?.aborted
          ? new RequestTimeoutError(method, timeoutMs, false)
          : this.#state === "closed"
          ? new ConnectionClosedError(method, undefined, "", false)
          : waitSignal.reason,
      );
    waitSignal.addEventListener("abort", onAbort, { once: true });
    try {
      await Promise.race([this.#ready.promise, promise]);
    } finally {
      waitSignal.removeEventListener("abort", onAbort);
    }
  }

  #combined(...signals: (AbortSignal | undefined)[]): AbortSignal {
    return AbortSignal.any([
      this.#lifecycle.signal,
      ...signals.filter((s): s is AbortSignal => s !== undefined),
    ]);
  }

  #send(
    socket: Socket,
    method: string,
    params: Record<string, unknown>,
    remainingMs: number,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const id = this.#nextId++;
    const text = stringifyJson({ id, method, params });
    const { promise, resolve, reject } = Promise.withResolvers<unknown>();
    const pending: Pending = {
      method,
      resolve,
      reject,
      deadline: Date.now() + Math.max(0, remainingMs),
      timeoutMs,
      cleanup: undefined,
    };
    if (signal) {
      const onAbort = () => {
        if (this.#settle(socket, id)) this.#giveUp(id);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      pending.cleanup = () => signal.removeEventListener("abort", onAbort);
    }
    socket.pending.set(id, pending);
    this.#armTimer(pending.deadline);
    try {
      socket.ws.send(text);
    } catch {
      this.#settle(socket, id);
      reject(new ConnectionClosedError(method, undefined, "", false));
    }
    return promise;
  }

  /**
   * Arms the shared timeout timer for `deadline` unless it already fires earlier. With equal
   * timeouts, deadlines only grow, so the timer is re-armed about once per timeout, not once
   * per request.
   */
  #armTimer(deadline: number): void {
    if (deadline >= this.#timerAt) return;
    clearTimeout(this.#timer);
    this.#timerAt = deadline;
    this.#timer = setTimeout(() => this.#sweep(), Math.max(0, deadline - Date.now()));
  }

  /** Rejects every request past its deadline and re-arms for the next one. */
  #sweep(): void {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const socket of this.#sockets) {
      for (const [id, pending] of socket.pending) {
        if (pending.deadline <= now) {
          this.#settle(socket, id);
          this.#giveUp(id);
          pending.reject(new RequestTimeoutError(pending.method, pending.timeoutMs));
        } else if (pending.deadline < next) next = pending.deadline;
      }
    }
    if (next !== Infinity) this.#armTimer(next);
  }

  /** Removes a pending request; closes a draining socket once it has none left. */
  #settle(socket: Socket, id: number): Pending | undefined {
    const pending = socket.pending.get(id);
    if (!pending) return undefined;
    socket.pending.delete(id);
    pending.cleanup?.();
    if (socket.draining && socket.pending.size === 0) this.#closeSocket(socket, 1000, "renewed");
    return pending;
  }

  async #sign(
    method: string,
    params: Record<string, unknown>,
    signal: AbortSignal | undefined,
    deadline: number,
  ): Promise<Record<string, unknown>> {
    const credentials = this.#options.credentials;
    if (!credentials) {
      throw new TypeError(
        `Cannot send "${method}": it is a SIGNED method; pass "credentials" to connectWsApi()`,
      );
    }
    if (params.timestamp === undefined && !this.#clockSynced) {
      await this.syncClock({ signal, timeoutMs: Math.max(1, deadline - Date.now()) });
    }
    const signed: Record<string, unknown> = { ...params, apiKey: credentials.apiKey };
    signed.timestamp ??= Math.round(this.#serverNow());
    if (signed.recvWindow === undefined && this.#options.recvWindow !== undefined) {
      signed.recvWindow = this.#options.recvWindow;
    }
    delete signed.signature;
    signed.signature = await credentials.signer.sign(buildSignaturePayload(signed));
    return signed;
  }

  /**
   * Measures the offset between the server clock and the local clock from a `time`
   * round trip, and applies it to the `timestamp` of SIGNED requests. Done before the
   * first SIGNED request and again after error -1021.
   *
   * @param options Signal and timeout of the `time` request.
   * @returns The offset in ms (server minus local).
   */
  syncClock(options: RequestOptions = {}): Promise<number> {
    this.#clockSync ??= (async () => {
      try {
        const t0 = Date.now();
        const result = await this.request("time", {}, { ...options, weight: 1 });
        const t1 = Date.now();
        const raw = (result as { serverTime?: unknown })?.serverTime;
        if (typeof raw !== "number") {
          throw new UnexpectedMessageError(
            'Cannot measure the clock offset: "time" returned no numeric "serverTime"',
            JSON.stringify(result) ?? "",
          );
        }
        const serverTime = this.#options.timeUnit === "MICROSECOND" ? raw / 1000 : raw;
        this.#clockOffset = Math.round(serverTime - (t0 + t1) / 2);
        this.#clockSynced = true;
        return this.#clockOffset;
      } finally {
        this.#clockSync = undefined;
      }
    })();
    return this.#clockSync;
  }

  #adopt(socket: Socket): void {
    this.#sockets.add(socket);
    const ws = socket.ws;
    ws.onmessage = (ev) => {
      // No frame may throw out of the handler: whatever escapes becomes an error event.
      try {
        this.#onMessage(socket, ev.data);
      } catch (error) {
        this.#emit("error", {
          error: new UnexpectedMessageError(
            `Cannot handle a frame from the server: ${toError(error).message}`,
            typeof ev.data === "string" ? ev.data : "",
            { cause: error },
          ),
        });
      }
    };
    ws.onerror = () => {/* the close event follows and carries the code */};
    ws.onclose = (ev) => this.#onClose(socket, ev.code, ev.reason);
    // Binance charges 2 REQUEST_WEIGHT for each new connection.
    this.#limits.charge(CONNECT_WEIGHT, this.#serverNow());
    const renewAfterMs = this.#options.renewAfterMs ?? 23.5 * 3_600_000;
    socket.lifetimeTimer = setTimeout(() => void this.renew("lifetime"), renewAfterMs);
    this.#emit("open", { url: this.url });
  }

  #onMessage(socket: Socket, data: unknown): void {
    if (typeof data !== "string") {
      this.#emit("error", {
        error: new UnexpectedMessageError("Received a binary frame on a JSON connection", ""),
      });
      return;
    }
    let msg: unknown;
    try {
      msg = parseJson(data);
    } catch {
      this.#emit("error", {
        error: new UnexpectedMessageError("Cannot parse a frame from the server: not JSON", data),
      });
      return;
    }
    if (typeof msg !== "object" || msg === null || Array.isArray(msg)) {
      this.#emit("error", {
        error: new UnexpectedMessageError("Received a frame that is not a JSON object", data),
      });
      return;
    }
    const frame = msg as Record<string, unknown>;
    if ("status" in frame && "id" in frame) this.#onResponse(socket, frame, data);
    else if (typeof frame.event === "object" && frame.event !== null) {
      this.#onEvent(frame.event as Record<string, unknown>, frame.subscriptionId);
    } else {
      this.#emit("error", {
        error: new UnexpectedMessageError(
          "Received a frame that is neither response nor event",
          data,
        ),
      });
    }
  }

  #onResponse(socket: Socket, frame: Record<string, unknown>, text: string): void {
    const status = frame.status;
    if (frame.rateLimits !== undefined) this.#onRateLimits(frame.rateLimits, text);
    const id = frame.id;
    const pending = typeof id === "number" ? this.#settle(socket, id) : undefined;
    const error = errorBody(frame.error);
    if (status === 429 || status === 418) this.#block(status, error);
    if (!pending) {
      if (typeof id === "number" && this.#late.delete(id)) {
        // The answer to a request this client gave up on (timeout or abort): expected.
        this.#lateResponses++;
        return;
      }
      const what = error && typeof status === "number"
        ? `: status ${status}, code ${error.code}, ${JSON.stringify(error.msg)}`
        : "";
      this.#emit("error", {
        error: new UnexpectedMessageError(
          `Received a response to no pending request (id ${stringifyJson(id) ?? "none"})${what}`,
          text,
        ),
      });
      return;
    }
    if (status === 200) {
      if (frame.result === undefined) {
        pending.reject(
          new UnexpectedMessageError(`Response to "${pending.method}" has no "result"`, text),
        );
      } else pending.resolve(frame.result);
      return;
    }
    if (typeof status !== "number" || error === undefined) {
      pending.reject(
        new UnexpectedMessageError(`Response to "${pending.method}" is malformed`, text),
      );
      return;
    }
    const init = { method: pending.method, status, error };
    const retryAfter = retryAfterOf(error);
    if (status === 429) pending.reject(new RateLimitError(init, retryAfter));
    else if (status === 418) pending.reject(new IpBannedError(init, retryAfter));
    else if (status >= 500) pending.reject(new ServerError(init));
    else {
      if (error.code === -1021) void this.syncClock().catch(() => {});
      pending.reject(new BinanceApiError(init));
    }
  }

  #block(status: number, error: BinanceErrorBody | undefined): void {
    const now = this.#serverNow();
    const retryAfter = retryAfterOf(error) ??
      (status === 418 ? now + 120_000 : this.#limits.nextWindow(now));
    if (retryAfter > this.#limits.blockedUntil) this.#limits.blockedUntil = retryAfter;
    if (status === 418) this.#limits.banned = true;
  }

  /** Records the `rateLimits` of a response; entries of another shape are reported, never used. */
  #onRateLimits(rateLimits: unknown, text: string): void {
    if (!Array.isArray(rateLimits)) {
      this.#emit("error", {
        error: new UnexpectedMessageError('Ignored "rateLimits": it is not an array', text),
      });
      return;
    }
    for (const { problem } of this.#limits.update(rateLimits, this.#serverNow())) {
      this.#emit("error", {
        error: new UnexpectedMessageError(`Ignored a "rateLimits" entry: ${problem}`, text),
      });
    }
  }

  #onEvent(event: Record<string, unknown>, subscriptionId: unknown): void {
    if (event.e === "serverShutdown") {
      void this.renew("serverShutdown");
      return;
    }
    this.#emit("event", {
      event,
      subscriptionId: typeof subscriptionId === "number" ? subscriptionId : undefined,
    });
  }

  #closeSocket(socket: Socket, code: number, reason: string): void {
    socket.draining = true;
    try {
      if (socket.ws.readyState < WebSocket.CLOSING) socket.ws.close(code, reason);
    } catch { /* already closed */ }
  }

  #onClose(socket: Socket, code: number, reason: string): void {
    socket.markClosed();
    this.#sockets.delete(socket);
    for (const [id, pending] of socket.pending) {
      this.#settle(socket, id);
      pending.reject(
        this.#state === "closed"
          ? new ConnectionClosedError(pending.method, code, "closed by the client")
          : new ConnectionClosedError(pending.method, code, reason),
      );
    }
    if (socket !== this.#active || this.#state === "closed") return;
    if (this.#options.reconnect === false) {
      void this.#end(code, reason);
      return;
    }
    this.#emit("close", { code, reason, willReconnect: true });
    this.#state = "reconnecting";
    this.#reconnecting ??= this.#reconnect().finally(() => (this.#reconnecting = undefined));
  }

  async #reconnect(): Promise<void> {
    const policy = this.#options.reconnect || {};
    const signal = this.#lifecycle.signal;
    for (let attempt = 1; this.#state === "reconnecting"; attempt++) {
      if (policy.maxAttempts !== undefined && attempt > policy.maxAttempts) {
        this.#emit("error", {
          error: new ConnectionClosedError(
            undefined,
            undefined,
            `gave up after ${policy.maxAttempts} reconnect attempts`,
          ),
        });
        await this.close();
        return;
      }
      let delayMs = backoffDelay(
        attempt,
        policy.initialDelayMs ?? 250,
        policy.maxDelayMs ?? 30_000,
        policy.factor ?? 2,
        policy.jitter ?? true,
      );
      if (this.#limits.banned) {
        delayMs = Math.max(delayMs, this.#limits.blockedUntil - this.#serverNow());
      }
      this.#emit("reconnecting", { attempt, delayMs: Math.round(delayMs) });
      try {
        await abortableDelay(delayMs, signal);
        const socket = await openSocket(
          this.url,
          this.#options.connectTimeoutMs ?? 10_000,
          signal,
        );
        if (this.#state !== "reconnecting") {
          this.#closeSocket(socket, 1000, "closed by the client");
          await socket.closed;
          return;
        }
        this.#active = socket;
        this.#state = "open";
        if (this.#limits.banned && this.#serverNow() >= this.#limits.blockedUntil) {
          this.#limits.banned = false;
        }
        this.#adopt(socket);
        this.#emit("reconnected", { attempts: attempt });
        this.#wake();
        return;
      } catch (error) {
        if (signal.aborted) return;
        this.#emit("error", { error: toError(error) });
      }
    }
  }

  #wake(): void {
    const ready = this.#ready;
    this.#ready = undefined;
    ready?.resolve();
  }

  /**
   * Opens a new socket, routes new requests to it, and closes the old one once its
   * in-flight requests are answered (make-before-break). Done automatically on
   * `serverShutdown` and `renewAfterMs` after a socket opened.
   *
   * @param reason Why the socket is renewed (reported in the `renewed` event).
   * @returns Resolves once the new socket carries new requests.
   */
  renew(reason: "serverShutdown" | "lifetime" | "manual" = "manual"): Promise<void> {
    if (this.#state !== "open") return Promise.resolve();
    this.#renewal ??= (async () => {
      const old = this.#active;
      const policy = this.#options.reconnect || {};
      for (let attempt = 1; this.#state === "open" && this.#active === old; attempt++) {
        try {
          const socket = await openSocket(
            this.url,
            this.#options.connectTimeoutMs ?? 10_000,
            this.#lifecycle.signal,
          );
          if (this.#state !== "open" || this.#active !== old) {
            this.#closeSocket(socket, 1000, "not needed");
            return;
          }
          this.#active = socket;
          this.#adopt(socket);
          old.draining = true;
          clearTimeout(old.lifetimeTimer);
          if (old.pending.size === 0) this.#closeSocket(old, 1000, "renewed");
          this.#emit("renewed", { reason });
          return;
        } catch (error) {
          if (this.#lifecycle.signal.aborted) return;
          this.#emit("error", {
            error: toError(error),
          });
          await abortableDelay(
            backoffDelay(
              attempt,
              policy.initialDelayMs ?? 250,
              policy.maxDelayMs ?? 30_000,
              2,
              true,
            ),
            this.#lifecycle.signal,
          ).catch(() => {});
        }
      }
    })().finally(() => (this.#renewal = undefined));
    return this.#renewal;
  }

  /**
   * Closes the connection: pending and waiting requests are rejected with
   * `ConnectionClosedError`, reconnects stop, every socket and timer is released.
   *
   * @returns Resolves once every socket has closed.
   */
  close(): Promise<void> {
    return this.#end(1000, "closed by the client");
  }

  /** Ends the connection (by `close()`, or a close with `reconnect: false`). */
  async #end(code: number, reason: string): Promise<void> {
    if (this.#state !== "closed") {
      this.#state = "closed";
      this.#emit("close", { code, reason, willReconnect: false });
      this.#lifecycle.abort(new ConnectionClosedError(undefined, 1000, "closed by the client"));
      if (this.#onAbort) this.#options.signal?.removeEventListener("abort", this.#onAbort);
      this.#wake();
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#timerAt = Infinity;
      for (const socket of this.#sockets) {
        clearTimeout(socket.lifetimeTimer);
        this.#closeSocket(socket, 1000, "closed by the client");
      }
    }
    await Promise.all([...this.#sockets].map((s) => s.closed));
    await this.#reconnecting;
    await this.#renewal;
  }

  /** Closes the connection (for `await using`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/**
 * Opens a connection to Binance's WebSocket API.
 *
 * @param options Endpoint, credentials, timeouts, rate-limit and reconnect policy.
 * @returns The open connection.
 * @throws {ConnectionClosedError} when the first socket cannot be opened.
 *
 * @example Ask the time of the embedded fake exchange
 * ```ts
 * import { connectWsApi, time } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const { serverTime } = await time(conn);
 * assert.ok(serverTime > 1_700_000_000_000);
 * ```
 */
export function connectWsApi(options: WsApiConnectionOptions = {}): Promise<WsApiConnection> {
  return WsApiConnection.open(options);
}
