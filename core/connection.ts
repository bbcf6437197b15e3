/**
 * The WebSocket API connection: request/response correlation, timeouts, rate limits,
 * reconnects, make-before-break renewal and clock offset. It orchestrates the pieces of
 * `core/`: `_socket.ts` opens sockets, `_attempts.ts` keeps Binance's connection-attempt
 * limit, `_reconnect.ts` runs every backoff, `_pending.ts` holds the requests in flight,
 * `_governor.ts` the rate limits, `_clock.ts` the server clock and `_auth.ts` the signing.
 *
 * @module
 */

import { takeAttempt } from "./_attempts.ts";
import { abortableDelay } from "./_async.ts";
import { RequestSigner } from "./_auth.ts";
import { ServerClock } from "./_clock.ts";
import { Governor } from "./_governor.ts";
import { parseJson, stringifyJson } from "./_json.ts";
import { Listeners, toError } from "./_listeners.ts";
import {
  boolean,
  checkOptions,
  duration,
  finite,
  nested,
  oneOf,
  RECONNECT_POLICY,
  REQUEST_OPTIONS,
  signal as signalRule,
  string,
} from "./_options.ts";
import { type Pending, PendingTable } from "./_pending.ts";
import { withBackoff } from "./_reconnect.ts";
import { openSocket, SocketHandle } from "./_socket.ts";
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
import type { RateLimit, RateLimitPolicy } from "./rate_limits.ts";
import type { ReconnectPolicy, RequestOptions, SecurityType, WsApiCredentials } from "./types.ts";

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

/** The rules of `connectWsApi`'s options. */
const CONNECTION_OPTIONS = {
  url: string,
  credentials: nested({
    apiKey: string,
    signer: (v) =>
      typeof (v as { sign?: unknown })?.sign === "function"
        ? undefined
        : "must be a Signer (see createSigner())",
  }),
  returnRateLimits: boolean,
  timeUnit: oneOf("MILLISECOND", "MICROSECOND"),
  timeoutMs: duration(1),
  connectTimeoutMs: duration(1),
  rateLimitPolicy: oneOf("wait", "refuse"),
  reconnect: RECONNECT_POLICY,
  renewAfterMs: duration(1),
  recvWindow: finite(0, 60_000),
  signal: signalRule,
};

/** The rules of `request()`'s options. */
const RAW_REQUEST_OPTIONS = {
  ...REQUEST_OPTIONS,
  security: oneOf("NONE", "TRADE", "USER_DATA", "USER_STREAM"),
  weight: finite(0, 1_000_000),
};

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

class Socket extends SocketHandle {
  draining = false;
}

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
  readonly #host: string;
  readonly #governor = new Governor();
  readonly #clock: ServerClock;
  readonly #signer: RequestSigner;
  readonly #pending = new PendingTable((id, pending) => {
    this.#giveUp(id);
    pending.reject(
      new RequestTimeoutError({ method: pending.method, timeoutMs: pending.timeoutMs }),
    );
    this.#settled(pending.socket as Socket);
  });
  // A throwing listener must not break the connection; it is reported as an error event.
  readonly #listeners: Listeners<WsApiEventMap> = new Listeners<WsApiEventMap>((error, type) => {
    if (type !== "error") this.#emit("error", { error: toError(error) });
  });
  #active: Socket;
  #sockets = new Set<Socket>();
  #state: WsApiConnectionState = "open";
  #nextId = 1;
  #renewal: Promise<void> | undefined;
  #reconnecting: Promise<void> | undefined;
  #ready: PromiseWithResolvers<void> | undefined;
  #lifecycle = new AbortController();
  #onAbort: (() => void) | undefined;
  /** Ids of requests given up on (timed out or aborted) whose answer may still come. */
  #late = new Set<number>();
  #lateResponses = 0;

  /** Use {@linkcode connectWsApi}. */
  private constructor(url: string, options: WsApiConnectionOptions, socket: Socket) {
    this.url = url;
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#host = new URL(url).host;
    this.#clock = new ServerClock(options.timeUnit === "MICROSECOND");
    this.#signer = new RequestSigner(options.credentials, options.recvWindow);
    this.#active = socket;
    this.#adopt(socket);
    if (options.signal) {
      this.#onAbort = () => void this.close();
      options.signal.addEventListener("abort", this.#onAbort, { once: true });
    }
  }

  /** @internal Opens the first socket. */
  static async open(options: WsApiConnectionOptions): Promise<WsApiConnection> {
    checkOptions("connectWsApi", options, CONNECTION_OPTIONS);
    options.signal?.throwIfAborted();
    const url = withQuery(options.url ?? WS_API_URLS.prod, options);
    await takeAttempt(new URL(url).host, options.signal);
    const socket = await openSocket(
      url,
      (ws) => new Socket(ws),
      options.connectTimeoutMs ?? 10_000,
      options.signal,
    );
    return new WsApiConnection(url, options, socket);
  }

  /** `"open"`, `"reconnecting"` (requests wait) or `"closed"` (requests are rejected). */
  get state(): WsApiConnectionState {
    return this.#state;
  }

  /** The latest `rateLimits` Binance reported, one entry per type and interval. */
  get rateLimits(): RateLimit[] {
    return this.#governor.snapshot();
  }

  /** Server time minus local time, in ms, as last measured (0 before any measurement). */
  get clockOffsetMs(): number {
    return this.#clock.offsetMs;
  }

  /** How many requests are waiting for their response. */
  get pendingRequests(): number {
    return this.#pending.size;
  }

  /**
   * How many answers arrived for requests this client had already given up on (timed out
   * or aborted). They are dropped quietly; an answer to an id never sent is an `error` event.
   */
  get lateResponses(): number {
    return this.#lateResponses;
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

  #error(error: Error): void {
    this.#emit("error", { error });
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
   * @throws {ValidationError} when an option is invalid, or a SIGNED method is sent on a
   * connection without credentials (nothing is sent).
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
    try {
      checkOptions(method, options, RAW_REQUEST_OPTIONS);
      if ((options.security ?? "NONE") !== "NONE") this.#signer.assertCanSign(method);
    } catch (error) {
      return Promise.reject(error);
    }
    const signal = options.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#state === "closed") {
      return Promise.reject(new ConnectionClosedError({ method, outcome: "notSent" }));
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
      if (params.timestamp === undefined && !this.#clock.synced) {
        await this.syncClock({ signal, timeoutMs: Math.max(1, deadline - Date.now()) });
      }
      body = await this.#signer.sign(method, body, this.#clock.now());
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
    const now = this.#clock.now();
    if (now < this.#governor.blockedUntil) return this.#governor.blockedUntil;
    if (this.#state !== "open" || this.#active.ws.readyState !== WebSocket.OPEN) return -1;
    return this.#governor.reserve(weight, now);
  }

  async #waitToSend(
    method: string,
    retryAt: number,
    deadline: number,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    signal?.throwIfAborted();
    if (this.#state === "closed") throw new ConnectionClosedError({ method, outcome: "notSent" });
    if (retryAt > 0) {
      const governor = this.#governor;
      if (governor.banned(this.#clock.now())) {
        throw new IpBannedError({
          method,
          status: 418,
          error: { code: -1003, msg: "IP banned; nothing is sent before the ban is lifted." },
        }, retryAt);
      }
      const policy = this.#options.rateLimitPolicy ?? "wait";
      if (policy === "refuse" || retryAt - this.#clock.now() > deadline - Date.now()) {
        throw new RateLimitError(
          {
            method,
            status: 429,
            error: {
              code: -1003,
              msg: retryAt === governor.blockedUntil
                ? "Binance asked to wait before sending more requests."
                : "Sending this request would exceed the REQUEST_WEIGHT limit.",
            },
          },
          retryAt,
          true,
        );
      }
      await abortableDelay(retryAt - this.#clock.now(), this.#combined(signal));
      return;
    }
    // Not connected: wait for the connection to come back, within the deadline.
    this.#ready ??= Promise.withResolvers<void>();
    const remaining = deadline - Date.now();
    const notSent = () => new RequestTimeoutError({ method, timeoutMs, outcome: "notSent" });
    if (remaining <= 0) throw notSent();
    const timeout = AbortSignal.timeout(remaining);
    const waitSignal = this.#combined(signal, timeout);
    const { promise, reject } = Promise.withResolvers<never>();
    const onAbort = () =>
      reject(
        timeout.aborted && !signal?.aborted
          ? notSent()
          : this.#state === "closed"
          ? new ConnectionClosedError({ method, outcome: "notSent" })
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
      socket,
      resolve,
      reject,
      deadline: Date.now() + Math.max(0, remainingMs),
      timeoutMs,
      cleanup: undefined,
    };
    if (signal) {
      const onAbort = () => {
        if (this.#take(id)) this.#giveUp(id);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      pending.cleanup = () => signal.removeEventListener("abort", onAbort);
    }
    this.#pending.add(id, pending);
    try {
      socket.ws.send(text);
    } catch (error) {
      this.#take(id);
      reject(new ConnectionClosedError({ method, outcome: "notSent", cause: error }));
    }
    return promise;
  }

  /** Removes a pending request; closes a draining socket once it has none left. */
  #take(id: number): Pending | undefined {
    const pending = this.#pending.take(id);
    if (pending) this.#settled(pending.socket as Socket);
    return pending;
  }

  #settled(socket: Socket): void {
    if (socket.draining && this.#pending.countOn(socket) === 0) socket.close(1000, "renewed");
  }

  /** Remembers the id of a request given up on, so that its late answer is expected. */
  #giveUp(id: number): void {
    this.#late.add(id);
    if (this.#late.size > LATE_IDS) this.#late.delete(this.#late.values().next().value!);
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
    return this.#clock.measure(() => this.request("time", {}, { ...options, weight: 1 }));
  }

  #adopt(socket: Socket): void {
    this.#sockets.add(socket);
    const ws = socket.ws;
    ws.onmessage = (ev) => {
      // No frame may throw out of the handler: whatever escapes becomes an error event.
      try {
        this.#onMessage(ev.data);
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
    ws.onerror = () => {/* the close event follows and carries the code */};
    ws.onclose = (ev) => this.#onClose(socket, ev.code, ev.reason);
    // Binance charges 2 REQUEST_WEIGHT for each new connection.
    this.#governor.charge(CONNECT_WEIGHT, this.#clock.now());
    const renewAfterMs = this.#options.renewAfterMs ?? 23.5 * 3_600_000;
    socket.lifetimeTimer = setTimeout(() => void this.renew("lifetime"), renewAfterMs);
    this.#emit("open", { url: this.url });
  }

  /** Opens one more socket to the endpoint, under the connection-attempt limit. */
  async #openSocket(): Promise<Socket> {
    const signal = this.#lifecycle.signal;
    await takeAttempt(this.#host, signal);
    return openSocket(
      this.url,
      (ws) => new Socket(ws),
      this.#options.connectTimeoutMs ?? 10_000,
      signal,
    );
  }

  #onMessage(data: unknown): void {
    if (typeof data !== "string") {
      this.#error(new UnexpectedMessageError("Received a binary frame on a JSON connection", ""));
      return;
    }
    let msg: unknown;
    try {
      msg = parseJson(data);
    } catch {
      this.#error(
        new UnexpectedMessageError("Cannot parse a frame from the server: not JSON", data),
      );
      return;
    }
    if (typeof msg !== "object" || msg === null || Array.isArray(msg)) {
      this.#error(new UnexpectedMessageError("Received a frame that is not a JSON object", data));
      return;
    }
    const frame = msg as Record<string, unknown>;
    if ("status" in frame && "id" in frame) this.#onResponse(frame, data);
    else if (
      typeof frame.event === "object" && frame.event !== null && !Array.isArray(frame.event)
    ) {
      this.#onEvent(frame.event as Record<string, unknown>, frame.subscriptionId);
    } else {
      this.#error(
        new UnexpectedMessageError("Received a frame that is neither response nor event", data),
      );
    }
  }

  #onResponse(frame: Record<string, unknown>, text: string): void {
    const status = frame.status;
    if (frame.rateLimits !== undefined) this.#onRateLimits(frame.rateLimits, text);
    const id = frame.id;
    const pending = typeof id === "number" ? this.#take(id) : undefined;
    const error = errorBody(frame.error);
    if (status === 429 || status === 418) {
      this.#governor.block(status, retryAfterOf(error), this.#clock.now());
    }
    if (!pending) {
      if (typeof id === "number" && this.#late.delete(id)) {
        // The answer to a request this client gave up on (timeout or abort): expected.
        this.#lateResponses++;
        return;
      }
      const what = error && typeof status === "number"
        ? `: status ${status}, code ${error.code}, ${JSON.stringify(error.msg)}`
        : "";
      this.#error(
        new UnexpectedMessageError(
          `Received a response to no pending request (id ${stringifyJson(id) ?? "none"})${what}`,
          text,
        ),
      );
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

  /** Records the `rateLimits` of a response; entries of another shape are reported, never used. */
  #onRateLimits(rateLimits: unknown, text: string): void {
    if (!Array.isArray(rateLimits)) {
      this.#error(new UnexpectedMessageError('Ignored "rateLimits": it is not an array', text));
      return;
    }
    for (const { problem } of this.#governor.update(rateLimits, this.#clock.now())) {
      this.#error(new UnexpectedMessageError(`Ignored a "rateLimits" entry: ${problem}`, text));
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

  #onClose(socket: Socket, code: number, reason: string): void {
    socket.markClosed();
    this.#sockets.delete(socket);
    const closedByUs = this.#state === "closed";
    for (const [, pending] of this.#pending.takeAllOn(socket)) {
      pending.reject(
        new ConnectionClosedError({
          method: pending.method,
          outcome: "unknown",
          closeCode: code,
          closeReason: closedByUs ? "closed by the client" : reason,
        }),
      );
    }
    if (socket !== this.#active || closedByUs) return;
    if (this.#options.reconnect === false) {
      void this.#end(code, reason);
      return;
    }
    this.#emit("close", { code, reason, willReconnect: true });
    this.#state = "reconnecting";
    this.#reconnecting ??= this.#reconnect().finally(() => (this.#reconnecting = undefined));
  }

  async #reconnect(): Promise<void> {
    let attempts = 0;
    const socket = await withBackoff(async (n) => {
      attempts = n;
      return await this.#openSocket();
    }, {
      policy: this.#options.reconnect,
      signal: this.#lifecycle.signal,
      delayFirst: true,
      wanted: () => this.#state === "reconnecting",
      minDelayMs: () => this.#governor.banDelayMs(this.#clock.now()),
      onWait: (attempt, delayMs) => this.#emit("reconnecting", { attempt, delayMs }),
      onError: (error) => this.#error(toError(error)),
      onGiveUp: (max) => {
        this.#error(
          new ConnectionClosedError({
            advice:
              `Gave up after ${max} reconnect attempts; open a new connection with connectWsApi().`,
          }),
        );
        void this.close();
      },
    });
    if (!socket) return;
    if (this.#state !== "reconnecting") {
      socket.close(1000, "closed by the client");
      await socket.closed;
      return;
    }
    this.#active = socket;
    this.#state = "open";
    this.#adopt(socket);
    this.#emit("reconnected", { attempts });
    this.#wake();
  }

  #wake(): void {
    const ready = this.#ready;
    this.#ready = undefined;
    ready?.resolve();
  }

  /**
   * Opens a new socket, routes new requests to it, and closes the old one once its
   * in-flight requests are answered (make-before-break). Done automatically on
   * `serverShutdown` and `renewAfterMs` after a socket opened. A failed open is retried
   * with the reconnect policy's backoff while the old socket lives.
   *
   * @param reason Why the socket is renewed (reported in the `renewed` event).
   * @returns Resolves once the new socket carries new requests.
   */
  renew(reason: "serverShutdown" | "lifetime" | "manual" = "manual"): Promise<void> {
    if (this.#state !== "open") return Promise.resolve();
    this.#renewal ??= (async () => {
      const old = this.#active;
      const wanted = () => this.#state === "open" && this.#active === old && !old.isClosed;
      const socket = await withBackoff(() => this.#openSocket(), {
        policy: this.#options.reconnect === false ? undefined : {
          ...this.#options.reconnect,
          maxAttempts: undefined,
        },
        signal: this.#lifecycle.signal,
        delayFirst: false,
        wanted,
        onError: (error) => this.#error(toError(error)),
      });
      if (!socket) return;
      if (!wanted()) {
        socket.close(1000, "not needed");
        return;
      }
      this.#active = socket;
      this.#adopt(socket);
      old.draining = true;
      clearTimeout(old.lifetimeTimer);
      if (this.#pending.countOn(old) === 0) old.close(1000, "renewed");
      this.#emit("renewed", { reason });
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
      this.#lifecycle.abort(
        new ConnectionClosedError({ closeCode: 1000, closeReason: "closed by the client" }),
      );
      if (this.#onAbort) this.#options.signal?.removeEventListener("abort", this.#onAbort);
      this.#wake();
      this.#pending.stop();
      for (const socket of this.#sockets) socket.close(1000, "closed by the client");
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
 * @throws {ValidationError} when an option is invalid (nothing is opened).
 * @throws {ConnectionOpenError} when the first socket cannot be opened.
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
