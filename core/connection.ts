/**
 * The WebSocket API connection: request/response correlation, timeouts, rate limits,
 * reconnects, make-before-break renewal and clock offset. It orchestrates the pieces of
 * `core/`: `_socket.ts` opens sockets, `_attempts.ts` keeps Binance's connection-attempt
 * limit, `_reconnect.ts` runs every backoff, `_pending.ts` holds the requests in flight,
 * `_governor.ts` the rate limits, `_clock.ts` the server clock, `_auth.ts` the signing and
 * `_session.ts` the session (logon, re-logon before release, logout, revocation).
 *
 * @module
 */

import { type ApiSocket, ApiTransport, openApiSocket } from "./_api_transport.ts";
import { abortable, abortableDelay, DeadlineWatch, type WatchedWait } from "./_async.ts";
import { RequestSigner } from "./_auth.ts";
import { monotonicMs, ServerClock } from "./_clock.ts";
import { Governor, ZERO_WEIGHT_ON_SUCCESS } from "./_governor.ts";
import { Session } from "./_session.ts";
import {
  setUserDataHub,
  type UserDataAuth,
  UserDataHub,
  type UserDataSendOptions,
} from "./_user_data.ts";
import { stringifyJson } from "./_json.ts";
import { Listeners, throwsAsErrorEvent } from "./_listeners.ts";
import { checkOptions, RAW_REQUEST_OPTIONS, WS_API_OPTIONS } from "./_options.ts";
import { type Pending, PendingTable, type ResultParser } from "./_pending.ts";
import { Readiness } from "./_ready.ts";
import { WireState } from "./_wire_socket.ts";
import { IdleWatchdog, type Watched } from "./_watchdog.ts";
import { forgetSent, noteSent, setCheckedRequest } from "./_request.ts";
import {
  blockedUntilOf,
  errorBody,
  eventOf,
  isResponse,
  isSuccess,
  readFrame,
  responseError,
  subscriptionIdOf,
} from "./_responses.ts";
import {
  BinanceApiError,
  ConnectionClosedError,
  RequestTimeoutError,
  UnexpectedMessageError,
  ValidationError,
} from "./errors.ts";
import type { RateLimit } from "./rate_limits.ts";
import type {
  RawRequestOptions,
  RequestOptions,
  SecurityType,
  WsApiConnectionOptions,
  WsApiConnectionState,
  WsApiEventMap,
  WsApiListener,
} from "./types.ts";

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

function withQuery(url: string, options: WsApiConnectionOptions): string {
  const u = new URL(url);
  if (options.returnRateLimits === false) u.searchParams.set("returnRateLimits", "false");
  if (options.timeUnit && options.timeUnit !== "MILLISECOND") {
    u.searchParams.set("timeUnit", options.timeUnit);
  }
  return u.toString();
}

/** What a {@linkcode SignedCall} asks of its connection (one object per connection). */
interface SignedHooks {
  /** The answer's `result` came: the value the request resolves with. */
  succeeded(call: SignedCall, result: unknown): unknown;
  /** The request failed: settles `pending` (a re-send after -1021, or the error). */
  failed(call: SignedCall, error: unknown, pending: Pending): void;
}

/** The methods that place, change or cancel orders. */
function isOrderWrite(method: string): boolean {
  return ZERO_WEIGHT_ON_SUCCESS.has(method) || method === "order.amend.keepPriority";
}

/** The error event of an order write's success answer that came after it was given up. */
function lateExecution(
  method: string,
  id: number,
  params: Record<string, unknown>,
  text: string,
): UnexpectedMessageError {
  const ids = Object.entries(params)
    .filter(([name, value]) => /ClientOrderId$/.test(name) && typeof value === "string")
    .map(([name, value]) => `${name} "${value}"`);
  return new UnexpectedMessageError(
    `Received the success answer to "${method}" (id ${id}) after the request was given up ` +
      "(its timeout or signal): it was executed, whatever its call reported" +
      (ids.length > 0 ? ` (${ids.join(", ")})` : "") + ".",
    text,
  );
}

/**
 * One SIGNED request: what it was made with, and, once it is sent, its socket and whether the
 * session authenticates it. It is the request's parser in the pending table, so the answer
 * settles the request at once (weight refund, logon, parse) and a failure goes through the
 * connection's -1021 re-send and advice, without a promise per layer.
 */
class SignedCall implements ResultParser {
  readonly hooks: SignedHooks;
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly options: RequestOptions | undefined;
  readonly deadline: number;
  readonly timeoutMs: number;
  readonly weight: number;
  readonly orders: number;
  readonly parser: ResultParser | undefined;
  /** Whether the body sent is recorded on `params` (`noteSent`). */
  readonly record: boolean;
  /** Whether this is the re-send after -1021. */
  readonly retried: boolean;
  /** Whether the connection adds the `timestamp` (the caller gave none). */
  readonly ownTimestamp: boolean;
  /** When its weight was reserved (server ms). */
  reservedAt = 0;
  /** The socket it is signed for. */
  socket: ApiSocket | undefined = undefined;
  /** Whether the session on that socket authenticates it. */
  onSession = false;

  constructor(
    hooks: SignedHooks,
    method: string,
    params: Record<string, unknown>,
    options: RequestOptions | undefined,
    timeoutMs: number,
    weight: number,
    orders: number,
    parser: ResultParser | undefined,
    record: boolean,
    retried: boolean,
  ) {
    this.hooks = hooks;
    this.method = method;
    this.params = params;
    this.options = options;
    this.deadline = monotonicMs() + timeoutMs;
    this.timeoutMs = timeoutMs;
    this.weight = weight;
    this.orders = orders;
    this.parser = parser;
    this.record = record;
    this.retried = retried;
    this.ownTimestamp = params.timestamp === undefined;
  }

  parse(result: unknown): unknown {
    return this.hooks.succeeded(this, result);
  }

  failed(error: unknown, pending: Pending): void {
    this.hooks.failed(this, error, pending);
  }
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
  readonly #governor = new Governor();
  readonly #clock: ServerClock;
  readonly #signer: RequestSigner;
  readonly #pending = new PendingTable((socket) => this.#transport.settled(socket as ApiSocket));
  /** The deadlines of the signatures in progress (a `Signer` may be slow, or never answer). */
  readonly #signing = new DeadlineWatch(monotonicMs);
  readonly #readiness = new Readiness();
  // A throwing listener must not break the connection; it is reported as an error event.
  readonly #listeners: Listeners<WsApiEventMap> = new Listeners<WsApiEventMap>(
    throwsAsErrorEvent((error) => this.#error(error)),
  );
  readonly #transport: ApiTransport;
  readonly #session: Session;
  /** The User Data Stream subscriptions, made on first use (`_user_data.ts`). */
  #userData: UserDataHub | undefined;
  #nextId = 1;
  #onAbort: (() => void) | undefined;
  #watchdog: IdleWatchdog | undefined;

  static {
    // The method files' entry point (`_request.ts`): options checked already; an unsigned
    // request builds no options object.
    setCheckedRequest((conn, method, params, options, security, weight, orders, parser) =>
      (conn as WsApiConnection).#request(
        method,
        params,
        options,
        security,
        weight,
        parser,
        orders ?? 0,
        true,
      )
    );
    // The User Data Stream methods and the order writes reach the connection's hub.
    setUserDataHub((conn, create) => {
      const c = conn as WsApiConnection;
      if (create) c.#userData ??= c.#makeUserDataHub();
      return c.#userData;
    });
  }

  /** Use {@linkcode connectWsApi}. */
  private constructor(url: string, options: WsApiConnectionOptions, socket: ApiSocket) {
    this.url = url;
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#clock = new ServerClock(options.timeUnit === "MICROSECOND");
    const micro = options.timeUnit === "MICROSECOND";
    this.#signer = new RequestSigner(options.credentials, options.recvWindow, micro);
    this.#session = new Session(
      options.logon ?? options.credentials?.signer.keyType === "Ed25519",
      {
        logon: (s) => this.#logonOn(s as ApiSocket),
        isActive: (s) => this.#transport.active === s && this.#transport.sendable,
        emit: (payload) => this.#transport.emit("session", payload),
        pause: (error) => this.#pause(error),
      },
    );
    this.#transport = new ApiTransport(url, options, socket, {
      message: (data, s) => this.#onMessage(data, s),
      opened: (s) => {
        // Binance charges 2 REQUEST_WEIGHT for each new connection.
        this.#governor.charge(CONNECT_WEIGHT, this.#clock.now());
        // Logs on again (when wanted) before any signed request is released.
        this.#session.opened(s);
        // Makes every User Data Stream subscription again (after that logon where needed).
        this.#userData?.opened(s);
      },
      closed: (s, code, reason, byClient) => {
        this.#userData?.closed(s);
        this.#session.closed(s);
        this.#onClose(s, code, reason, byClient);
      },
      // A renewed socket also stays open while its User Data Stream subscriptions hand over.
      pendingOn: (s) => this.#pending.countOn(s) + (this.#userData?.holdsOn(s) ?? 0),
      banDelayMs: () => this.#governor.banDelayMs(this.#clock.now()),
      ready: () => this.#readiness.wake(),
      ended: () => {
        if (this.#onAbort) this.#options.signal?.removeEventListener("abort", this.#onAbort);
        this.#watchdog?.stop();
        this.#userData?.ended();
      },
      // The deadline timer runs on through the close handshake: a dead peer's (3 s) holds no
      // request past its own timeout.
      released: () => this.#pending.stop(),
    }, this.#listeners);
    if (options.signal) {
      this.#onAbort = () => void this.close();
      options.signal.addEventListener("abort", this.#onAbort, { once: true });
    }
    const idleMs = options.idleTimeoutMs ?? 30_000;
    if (idleMs > 0) this.#watchdog = new IdleWatchdog(idleMs, () => this.#watched());
  }

  /**
   * What the idle watchdog looks at: the active socket, while it is open and its `ping` could go
   * at once (under a 429/418 or a full weight window it would wait, and time out unsent or late).
   */
  #watched(): Watched[] {
    const transport = this.#transport;
    if (transport.state !== "open" || !this.#governor.canSendNow(1, this.#clock.now())) return [];
    const socket = transport.active;
    return [{
      socket,
      // Only a probe that was sent and got no answer says the socket is dead.
      probe: () =>
        this.request("ping", {}, { weight: 1 }).catch((error) => {
          if (error instanceof RequestTimeoutError && error.outcome !== "notSent") throw error;
        }),
      current: () => transport.active === socket && transport.state === "open",
      dead: () => {
        this.#error(
          new ConnectionClosedError({
            what: "the WS API socket",
            closeCode: 4000,
            closeReason: "idle",
            advice: "It sent nothing, not even an answer to a ping; it is being replaced.",
          }),
        );
        transport.abandon(socket, 4000, "idle");
      },
    }];
  }

  /** @internal Opens the first socket. */
  static async open(options: WsApiConnectionOptions): Promise<WsApiConnection> {
    checkOptions("connectWsApi", options, WS_API_OPTIONS);
    if (options.logon === true && !options.credentials) {
      throw new ValidationError("connectWsApi", [{
        param: "logon",
        message: 'needs "credentials" (an Ed25519 signer)',
      }]);
    }
    options.signal?.throwIfAborted();
    const url = withQuery(options.url ?? WS_API_URLS.prod, options);
    const socket = await openApiSocket(url, options.connectTimeoutMs ?? 10_000, options.signal);
    // With `logon`, the logon starts now; SIGNED requests wait for it, and its `session`
    // event comes after this resolves, so a listener added at once sees it.
    return new WsApiConnection(url, options, socket);
  }

  /** `"open"`, `"reconnecting"` (requests wait) or `"closed"` (requests are rejected). */
  get state(): WsApiConnectionState {
    return this.#transport.state;
  }

  /** The latest `rateLimits` Binance reported, one entry per type and interval. */
  get rateLimits(): RateLimit[] {
    return this.#governor.snapshot();
  }

  /** Server time minus local time, in ms, as last measured (0 before any measurement). */
  get clockOffsetMs(): number {
    return this.#clock.offsetMs;
  }

  /**
   * Whether order placements without a client order id get a generated one (the
   * `generateClientOrderIds` option; default `true`).
   */
  get generateClientOrderIds(): boolean {
    return this.#options.generateClientOrderIds ?? true;
  }

  /**
   * What an order write does when its outcome is unknown (the `onUnknownOutcome` option):
   * `"resolve"` (default) or `"throw"`.
   */
  get onUnknownOutcome(): "resolve" | "throw" {
    return this.#options.onUnknownOutcome ?? "resolve";
  }

  /** The margin past a request's window before "not placed" (`unknownOutcomeMarginMs`), ms. */
  get unknownOutcomeMarginMs(): number {
    return this.#options.unknownOutcomeMarginMs ?? 10_000;
  }

  /** How long the resolution of an unknown outcome may take (`resolveTimeoutMs`), ms. */
  get resolveTimeoutMs(): number {
    return this.#options.resolveTimeoutMs ?? 60_000;
  }

  /** The unit of time fields in responses (the `timeUnit` option). */
  get timeUnit(): "MILLISECOND" | "MICROSECOND" {
    return this.#options.timeUnit ?? "MILLISECOND";
  }

  /**
   * Whether SIGNED requests on the active socket are authenticated by a logged-on session
   * (they then omit `apiKey` and `signature`).
   */
  get loggedOn(): boolean {
    return this.#session.loggedOnOn(this.#transport.active);
  }

  /**
   * Half the round trip of the last clock measurement, in ms: the server clock is known within
   * ± this (0 before any measurement). The resolution of unknown order outcomes reads the
   * server clock as `Date.now() + clockOffsetMs - clockUncertaintyMs`, a time the exchange's
   * clock has surely passed.
   */
  get clockUncertaintyMs(): number {
    return this.#clock.uncertaintyMs;
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
    return this.#pending.lateResponses;
  }

  /**
   * Listens to a lifecycle event.
   *
   * @param type The event: `open`, `close`, `reconnecting`, `reconnected`, `renewed`,
   * `error`, `event` or `session`.
   * @param listener Called with the event's payload.
   * @returns A function that removes the listener.
   */
  on<K extends keyof WsApiEventMap>(type: K, listener: WsApiListener<K>): () => void {
    return this.#listeners.on(type, listener);
  }

  #error(error: Error): void {
    this.#transport.emit("error", { error });
  }

  /**
   * Sends one request and resolves with its `result`, exactly as Binance sent it
   * (integers above 2^53 as `bigint`). The method functions of this module call it;
   * use it directly only for methods the module does not cover.
   *
   * @param method Binance's method name, e.g. `"time"`.
   * @param params The parameters, sent as given (SIGNED methods get `timestamp` and the
   * connection's `recvWindow` unless given, and `apiKey` and `signature` unless a logged-on
   * session authenticates them).
   * @param options Signal, timeout, security type, weight and orders placed.
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
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#request(
      method,
      params,
      options,
      options.security ?? "NONE",
      options.weight ?? 1,
      undefined,
      options.orders ?? 0,
      false,
    );
  }

  /**
   * `request()` after its option check; resolves with `parser.parse(result)` when given.
   * `orders` is what a SIGNED request places; `record` says whether the body it is sent with
   * is recorded on `params` (`noteSent`: the method files' own params objects only).
   */
  #request(
    method: string,
    params: Record<string, unknown>,
    options: RequestOptions | undefined,
    security: SecurityType,
    weight: number,
    parser: ResultParser | undefined,
    orders: number,
    record: boolean,
  ): Promise<unknown> {
    if (security !== "NONE") {
      try {
        this.#signer.assertCanSign(method);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#transport.state === "closed") {
      return Promise.reject(new ConnectionClosedError({ method, outcome: "notSent" }));
    }
    const timeoutMs = options?.timeoutMs ?? this.#timeoutMs;
    let body = params;
    const returnRateLimits = options?.returnRateLimits;
    if (returnRateLimits !== undefined) body = { ...body, returnRateLimits };
    if (security !== "NONE") {
      const call = new SignedCall(
        this.#signedHooks,
        method,
        body,
        options,
        timeoutMs,
        weight,
        orders,
        parser,
        record,
        false,
      );
      return this.#requestSigned(call);
    }
    if (method === "session.logout") {
      const out = this.#logout(body, signal, timeoutMs, weight);
      return parser === undefined ? out : out.then((result) => parser.parse(result));
    }
    // Fast path: an open socket and budget to spare: sent without a wait. The governor reads
    // server time (the system clock plus the offset), the deadline the monotonic clock.
    const now = Date.now() + this.#clock.offsetMs;
    const governor = this.#governor;
    if (
      now >= governor.blockedUntil && this.#transport.sendable &&
      governor.reserve(weight, now) === 0
    ) {
      return this.#send(method, body, monotonicMs() + timeoutMs, timeoutMs, signal, parser);
    }
    const slow = this.#requestSlow(method, body, signal, timeoutMs, weight);
    return parser === undefined ? slow : slow.then((result) => parser.parse(result));
  }

  async #requestSlow(
    method: string,
    body: Record<string, unknown>,
    signal: AbortSignal | undefined,
    timeoutMs: number,
    weight: number,
    deadline: number = monotonicMs() + timeoutMs,
    sent?: () => void,
  ): Promise<unknown> {
    let retryAt = this.#gate(weight);
    while (retryAt !== 0) {
      await this.#waitToSend(method, retryAt, deadline, timeoutMs, signal);
      retryAt = this.#gate(weight);
    }
    sent?.(); // right before the frame goes: the clock's round trip starts here
    return this.#send(method, body, Math.max(monotonicMs(), deadline), timeoutMs, signal);
  }

  /**
   * A SIGNED request: budget (REQUEST_WEIGHT and ORDERS), then the session (a logon in
   * progress is waited for), then signed for the socket it goes on, right before it goes.
   * -1021 re-measures the clock and sends it once more with a new timestamp (Binance rejected
   * it before executing it); authentication errors say what to check (both by the call's
   * `failed`, see {@linkcode SignedCall}). Resolves with `parse(result)` when given.
   *
   * The common case (clock synced, no logon in progress, a socket open, budget free) runs
   * synchronously up to the send: on a session, the request's own promise is returned, with
   * no further promise on the way; signed per request, one `.then` for the signature.
   */
  #requestSigned(call: SignedCall): Promise<unknown> {
    const signal = call.options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason); // (a -1021 re-send) not sent
    const clock = this.#clock;
    if ((clock.synced || !call.ownTimestamp) && !this.#session.busy && this.#transport.sendable) {
      const now = Date.now() + clock.offsetMs;
      const governor = this.#governor;
      if (now >= governor.blockedUntil && governor.reserve(call.weight, now, call.orders) === 0) {
        call.reservedAt = now;
        const socket = this.#transport.active;
        const onSession = this.#session.loggedOnOn(socket);
        call.socket = socket;
        call.onSession = onSession;
        let body: Record<string, unknown> | Promise<Record<string, unknown>>;
        try {
          body = this.#signer.sign(call.method, call.params, now, onSession);
        } catch (error) {
          this.#unreserve(call); // not sent: its orders are not in flight
          return Promise.reject(error);
        }
        if (!(body instanceof Promise)) return this.#sendSigned(call, body);
        return this.#signature(
          call.method,
          body,
          call.deadline,
          call.timeoutMs,
          call.options?.signal,
          (signed) => this.#afterSigning(call, signed),
          () => this.#unreserve(call),
        );
      }
    }
    return this.#requestSignedSlow(call);
  }

  /** The signature came: sent, unless the socket or the session changed meanwhile. */
  #afterSigning(call: SignedCall, body: Record<string, unknown>): Promise<unknown> {
    const socket = call.socket!;
    // A renewal, reconnect or logon may have started while signing: sign again for it.
    if (
      this.#session.busy || this.#transport.active !== socket || !this.#transport.sendable ||
      this.#session.loggedOnOn(socket) !== call.onSession ||
      this.#governor.heldUntil(this.#clock.now(), call.orders) !== 0
    ) return this.#signLoop(call);
    const signal = call.options?.signal;
    if (signal?.aborted) {
      // Aborted while signing: not sent.
      this.#unreserve(call);
      return Promise.reject(signal.reason);
    }
    return this.#sendSigned(call, body);
  }

  /**
   * A signature (`body`), within the request's deadline (local ms) and signal: a signer that is
   * slow or never answers (a `Signer` may sign remotely) holds no request past them, and the
   * request is then not sent.
   */
  #signature<B, R = B>(
    method: string,
    body: Promise<B>,
    deadline: number,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    next?: (signed: B) => R | Promise<R>,
    failed?: () => void,
  ): Promise<R> {
    // One timer for every signature in progress (a `DeadlineWatch`), a listener only for a
    // signal, and the continuation run here (`next`, then `failed` on any failure), not chained
    // on: a request signed each has this on its hot path.
    return new Promise<R>((resolve, reject) => {
      const watch = this.#signing;
      // Once timed out or aborted, the signature that comes later is dropped: never sent.
      let settled = false;
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        failed?.();
        reject(error);
      };
      const onAbort = (): void => {
        watch.delete(wait);
        fail(signal!.reason);
      };
      const wait: WatchedWait = {
        deadline,
        expire: () => {
          signal?.removeEventListener("abort", onAbort);
          fail(
            new RequestTimeoutError({
              method,
              timeoutMs,
              outcome: "notSent",
              advice: "The request was not sent: its signature did not come in time.",
            }),
          );
        },
      };
      watch.add(wait);
      if (signal !== undefined) signal.addEventListener("abort", onAbort, { once: true });
      body.then((signed) => {
        watch.delete(wait);
        if (signal !== undefined) signal.removeEventListener("abort", onAbort);
        if (settled) return;
        settled = true;
        if (next === undefined) resolve(signed as unknown as R);
        else {
          try {
            resolve(next(signed));
          } catch (error) {
            reject(error);
          }
        }
      }, (error) => {
        watch.delete(wait);
        if (signal !== undefined) signal.removeEventListener("abort", onAbort);
        fail(error);
      });
    });
  }

  /** A call whose budget was reserved ends before it is sent: its orders are not in flight. */
  #unreserve(call: SignedCall): void {
    if (call.orders > 0 && call.reservedAt > 0) this.#governor.ordersSettled(call.orders);
  }

  /** A SIGNED request that waits for something: the clock, the budget, the socket, a logon. */
  async #requestSignedSlow(call: SignedCall): Promise<unknown> {
    const signal = call.options?.signal;
    const { method, deadline, timeoutMs, weight, orders } = call;
    if (call.ownTimestamp && !this.#clock.synced) await this.#clockFor(call);
    let retryAt = this.#signedGate(weight, orders);
    while (retryAt !== 0) {
      await this.#waitToSend(method, retryAt, deadline, timeoutMs, signal);
      retryAt = this.#signedGate(weight, orders);
    }
    call.reservedAt = this.#clock.now();
    return this.#signLoop(call);
  }

  /**
   * Waits for the clock's first measurement (shared, see `syncClock`) within the call's own
   * timeout and signal. The call was not sent when this fails.
   */
  async #clockFor(call: SignedCall): Promise<void> {
    const { method, deadline, timeoutMs } = call;
    const left = Math.max(1, deadline - monotonicMs());
    try {
      await this.#within(this.syncClock(), method, call.options?.signal, left, "notSent");
    } catch (error) {
      if (error instanceof RequestTimeoutError && error.method === "time") {
        throw new RequestTimeoutError({
          method,
          timeoutMs,
          outcome: "notSent",
          advice: "The request was not sent: the clock offset could not be measured in time.",
          cause: error,
        });
      }
      if (error instanceof ConnectionClosedError && error.method === "time") {
        throw new ConnectionClosedError({ method, outcome: "notSent", cause: error });
      }
      throw error;
    }
  }

  /** Its budget reserved: waits for the session and a socket, signs for it, and sends. */
  async #signLoop(call: SignedCall): Promise<unknown> {
    let body: Record<string, unknown>;
    try {
      body = await this.#signedBody(call);
    } catch (error) {
      this.#unreserve(call);
      throw error;
    }
    return this.#sendSigned(call, body);
  }

  /**
   * Waits for the session (within the call's timeout) and a socket, and signs for them: the
   * body to send at once. A logon, renewal or reconnect that starts while signing means
   * signing again.
   */
  async #signedBody(call: SignedCall): Promise<Record<string, unknown>> {
    const signal = call.options?.signal;
    for (;;) {
      if (this.#session.busy) {
        const left = Math.max(1, call.deadline - monotonicMs());
        await this.#within(this.#session.settled(), call.method, signal, left, "notSent");
      }
      signal?.throwIfAborted();
      if (!this.#transport.sendable) {
        await this.#waitToSend(call.method, -1, call.deadline, call.timeoutMs, signal);
        continue;
      }
      // A 429/418 (or -1015) that came while this waited holds it too.
      const held = this.#governor.heldUntil(this.#clock.now(), call.orders);
      if (held !== 0) {
        await this.#waitToSend(call.method, held, call.deadline, call.timeoutMs, signal);
        continue;
      }
      const socket = this.#transport.active;
      const onSession = this.#session.loggedOnOn(socket);
      call.socket = socket;
      call.onSession = onSession;
      let body = this.#signer.sign(call.method, call.params, this.#clock.now(), onSession);
      if (body instanceof Promise) {
        body = await this.#signature(
          call.method,
          body,
          call.deadline,
          call.timeoutMs,
          call.options?.signal,
        );
        if (
          this.#session.busy || this.#transport.active !== socket || !this.#transport.sendable ||
          this.#session.loggedOnOn(socket) !== onSession ||
          this.#governor.heldUntil(this.#clock.now(), call.orders) !== 0
        ) continue;
        signal?.throwIfAborted(); // aborted while signing: not sent
      }
      return body;
    }
  }

  /**
   * Sends the signed body on the call's socket, recording what went out (its `timestamp` and
   * `recvWindow`, for the resolution of an unknown outcome). The call is the request's parser:
   * it settles with the answer (see {@linkcode SignedCall}).
   */
  #sendSigned(call: SignedCall, body: Record<string, unknown>): Promise<unknown> {
    if (call.record) noteSent(call.params, body);
    return this.#sendOn(
      call.socket!,
      this.#nextId++,
      call.method,
      body,
      call.deadline,
      call.timeoutMs,
      call.options?.signal,
      call,
    );
  }

  /** What a SIGNED request does once answered, and once failed (one per connection). */
  readonly #signedHooks: SignedHooks = {
    succeeded: (call, result) => {
      if (call.orders > 0 && call.reservedAt > 0) this.#governor.ordersSettled(call.orders);
      if (ZERO_WEIGHT_ON_SUCCESS.has(call.method)) {
        this.#governor.refund(call.weight, call.reservedAt, this.#clock.now());
      }
      if (call.method === "session.logon") this.#session.loggedOn(call.socket!);
      return call.parser === undefined ? result : call.parser.parse(result);
    },
    failed: (call, error, pending) => {
      if (call.orders > 0 && call.reservedAt > 0) this.#governor.ordersSettled(call.orders);
      const left = call.deadline - monotonicMs();
      if (
        error instanceof BinanceApiError && error.code === -1021 && call.ownTimestamp &&
        !call.retried && left > 0
      ) {
        // Rejected before execution: the clock is measured again and the request re-sent
        // once, with a new timestamp, within what is left of its timeout. Until then nothing
        // of it was executed (an abort meanwhile: not sent).
        if (call.record) forgetSent(call.params);
        // Re-sent only with the clock measured again and time left; else the -1021 stands.
        pending.resolve(
          this.syncClock({ signal: call.options?.signal, timeoutMs: left }).then(
            () => true,
            () => false,
          ).then((measured) => {
            const signal = call.options?.signal;
            if (signal?.aborted) throw signal.reason; // not sent again
            const rest = call.deadline - monotonicMs();
            if (!measured || rest <= 0) throw this.#withAdvice(error);
            return this.#requestSigned(
              new SignedCall(
                this.#signedHooks,
                call.method,
                call.params,
                call.options,
                rest,
                call.weight,
                call.orders,
                call.parser,
                call.record,
                true,
              ),
            );
          }),
        );
        return;
      }
      pending.reject(this.#withAdvice(error));
    },
  };

  /** `session.logout`: on success the session ends and no re-logon follows. */
  async #logout(
    params: Record<string, unknown>,
    signal: AbortSignal | undefined,
    timeoutMs: number,
    weight: number,
  ): Promise<unknown> {
    // No logon starts from now on, and one in progress ends first: its answer would log the
    // session on again after the logout.
    const undo = this.#session.stopLogon();
    // One deadline for the wait for a logon in flight and the logout itself.
    const deadline = monotonicMs() + timeoutMs;
    let result: unknown;
    try {
      await this.#within(this.#session.settled(), "session.logout", signal, timeoutMs, "notSent");
      if (monotonicMs() >= deadline) {
        throw new RequestTimeoutError({ method: "session.logout", timeoutMs, outcome: "notSent" });
      }
      // The logon subscription's `eventStreamTerminated` may come before the answer: it is ours.
      this.#userData?.loggingOut();
      try {
        result = await this.#requestSlow(
          "session.logout",
          params,
          signal,
          timeoutMs,
          weight,
          deadline,
        );
      } catch (error) {
        this.#userData?.logoutFailed();
        throw error;
      }
    } catch (error) {
      undo();
      throw error;
    }
    this.#session.loggedOut();
    this.#userData?.loggedOut();
    return result;
  }

  /** Sends `session.logon` on `socket` (the session's own logon; it waits for nothing). */
  async #logonOn(socket: ApiSocket): Promise<unknown> {
    if (!this.#clock.synced) await this.syncClock();
    const attempt = async () => {
      // A 429 or 418 holds the logon too (signed requests wait for it meanwhile).
      for (
        let now = this.#clock.now();
        now < this.#governor.blockedUntil;
        now = this.#clock.now()
      ) {
        await abortableDelay(this.#governor.blockedUntil - now, this.#transport.signal);
      }
      const body = await this.#signature(
        "session.logon",
        Promise.resolve(this.#signer.sign("session.logon", {}, this.#clock.now())),
        monotonicMs() + this.#timeoutMs,
        this.#timeoutMs,
        undefined,
      );
      this.#governor.charge(2, this.#clock.now());
      return this.#sendOn(
        socket,
        this.#nextId++,
        "session.logon",
        body,
        monotonicMs() + this.#timeoutMs,
        this.#timeoutMs,
        undefined,
        undefined,
      );
    };
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof BinanceApiError && error.code === -1021)) {
        throw this.#withAdvice(error);
      }
      await this.syncClock();
      try {
        return await attempt();
      } catch (again) {
        throw this.#withAdvice(again);
      }
    }
  }

  /**
   * Resolves when requests may be sent again after `error`: at its `retryAfter` (a rate
   * limit or ban; server time), or after a second (a 5xx, or no time given). Rejects when the
   * connection ends first.
   */
  #pause(error: BinanceApiError | RequestTimeoutError): Promise<void> {
    const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
    const waitMs = typeof retryAfter === "number"
      ? Math.max(retryAfter, this.#governor.blockedUntil) - this.#clock.now()
      : 1000;
    return abortableDelay(Math.max(waitMs, 100), this.#transport.signal);
  }

  /** An authentication error with what to check appended (the key redacted). */
  #withAdvice(error: unknown, signer: RequestSigner = this.#signer): unknown {
    if (!(error instanceof BinanceApiError) || error.constructor !== BinanceApiError) return error;
    // A revocation (401) already says what happened and what to check.
    if (error.status === 401) return error;
    const advice = signer.advice(error.code);
    if (advice === undefined) return error;
    const body = { code: error.code, msg: error.msg, ...(error.data ? { data: error.data } : {}) };
    return new BinanceApiError({ method: error.method, status: error.status, error: body }, advice);
  }

  /** The User Data Stream hub and what it asks of the connection. */
  #makeUserDataHub(): UserDataHub {
    return new UserDataHub({
      send: (method, params, auth, options) => this.#hubSend(method, params, auth, options),
      isActive: (s) => this.#transport.active === s,
      active: () => this.#transport.sendable ? this.#transport.active : undefined,
      canLogOn: () =>
        this.#options.credentials !== undefined &&
        (this.#session.wanted || this.#session.busy ||
          this.#session.loggedOnOn(this.#transport.active)),
      apiKey: () => this.#options.credentials?.apiKey,
      signer: (credentials) =>
        credentials === undefined
          ? (this.#options.credentials ? this.#signer : undefined)
          : new RequestSigner(
            credentials,
            this.#options.recvWindow,
            this.#options.timeUnit === "MICROSECOND",
          ),
      settled: (s) => this.#transport.settled(s as ApiSocket),
      renew: () => this.renew("manual"),
      error: (error) => this.#error(error),
    });
  }

  /**
   * A request of the User Data Stream hub: after the session's logon (`auth.kind: "session"`:
   * it must be logged on on the socket it goes on) or signed by `auth.signer` (apiKey and
   * signature always, -1021 re-sent once), within the budget, on the active socket (only on
   * `pin` when given: not sent once another one is active). Resolves with the socket it went on.
   */
  async #hubSend(
    method: string,
    params: Record<string, unknown>,
    auth: UserDataAuth | undefined,
    options: UserDataSendOptions,
  ): Promise<{ socket: object; result: unknown }> {
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const deadline = monotonicMs() + timeoutMs;
    const { signal, pin } = options;
    const notSent = () => new ConnectionClosedError({ method, outcome: "notSent" });
    let retried = false;
    for (;;) {
      signal?.throwIfAborted();
      if (this.#transport.state === "closed") throw notSent();
      if (pin !== undefined && (this.#transport.active !== pin || (pin as ApiSocket).isClosed)) {
        throw notSent();
      }
      if (auth?.kind === "session" && this.#session.busy) {
        // Within the request's own timeout and signal, as a SIGNED request waits for it.
        const left = Math.max(1, deadline - monotonicMs());
        await this.#within(this.#session.settled(), method, signal, left, "notSent");
        continue;
      }
      if (auth?.kind === "signed" && !this.#clock.synced && params.timestamp === undefined) {
        await this.syncClock({ signal, timeoutMs: Math.max(1, deadline - monotonicMs()) });
        continue;
      }
      if (!this.#transport.sendable) {
        if (pin !== undefined) throw notSent();
        await this.#waitToSend(method, -1, deadline, timeoutMs, signal);
        continue;
      }
      const socket = this.#transport.active;
      if (auth?.kind === "session" && !this.#session.loggedOnOn(socket)) {
        throw new ValidationError(method, [{
          param: "",
          message: "needs a logged-on session, and the connection is not logged on (the " +
            "logon was refused, or sessionLogout ended it)",
        }]);
      }
      let body = params;
      if (auth?.kind === "signed") {
        body = await this.#signature(
          method,
          Promise.resolve(auth.signer.sign(method, params, this.#clock.now())),
          deadline,
          timeoutMs,
          signal,
        );
        if (this.#transport.active !== socket || !this.#transport.sendable) continue;
      }
      const retryAt = this.#gate(options.weight);
      if (retryAt !== 0) {
        if (pin !== undefined && retryAt === -1) throw notSent();
        await this.#waitToSend(method, retryAt, deadline, timeoutMs, signal);
        continue;
      }
      options.onSend?.(socket);
      const lateSuccess = options.lateSuccess;
      try {
        const result = await this.#sendOn(
          socket,
          this.#nextId++,
          method,
          body,
          deadline,
          timeoutMs,
          signal,
          lateSuccess === undefined
            ? undefined
            : { parse: (r) => r, lateSuccess: (r) => lateSuccess(r, socket) },
        );
        return { socket, result };
      } catch (error) {
        if (
          auth?.kind === "signed" && error instanceof BinanceApiError && error.code === -1021 &&
          !retried && params.timestamp === undefined && deadline > monotonicMs()
        ) {
          retried = true;
          // Sent again only with the clock measured again and time left (as a SignedCall's
          // re-send); else the -1021 stands.
          const measured = await this.syncClock({
            signal,
            timeoutMs: Math.max(1, deadline - monotonicMs()),
          }).then(() => true, () => false);
          signal?.throwIfAborted();
          if (measured && deadline > monotonicMs()) continue;
        }
        throw auth?.kind === "signed" ? this.#withAdvice(error, auth.signer) : error;
      }
    }
  }

  /** Like {@linkcode WsApiConnection.#gate}, with the ORDERS budget too. */
  #signedGate(weight: number, orders: number): number {
    const now = this.#clock.now();
    if (now < this.#governor.blockedUntil) return this.#governor.blockedUntil;
    if (!this.#transport.sendable) return -1;
    return this.#governor.reserve(weight, now, orders);
  }

  /** Sends request `id` on `socket`; it times out at `deadline` (local ms). */
  #sendOn(
    socket: ApiSocket,
    id: number,
    method: string,
    params: Record<string, unknown>,
    deadline: number,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    parser: ResultParser | undefined,
  ): Promise<unknown> {
    // The socket may have closed while the request was being signed: it was not sent.
    if (socket.ws.readyState !== WireState.OPEN) {
      if (parser instanceof SignedCall && parser.orders > 0) {
        this.#governor.ordersSettled(parser.orders);
      }
      return Promise.reject(new ConnectionClosedError({ method, outcome: "notSent" }));
    }
    const text = stringifyJson({ id, method, params });
    const promise = this.#pending.register(id, socket, method, deadline, timeoutMs, signal, parser);
    try {
      socket.ws.send(text);
    } catch (error) {
      this.#pending.take(id)?.fail(
        new ConnectionClosedError({ method, outcome: "notSent", cause: error }),
      );
    }
    return promise;
  }

  /**
   * Binance revoked the session on `socket` (`{"id":null,"status":401,…}`): the session logs
   * on again or falls back; when the only request in flight there is a session request and
   * none was given up on there, it is the request that found it revoked, and is rejected (it
   * was not executed).
   */
  #onRevoked(socket: ApiSocket, frame: Record<string, unknown>, text: string): void {
    const body = errorBody(frame.error) ??
      { code: -2015, msg: "Invalid API-key, IP, or permissions for action." };
    const advice = "The session was revoked. " + (this.#signer.advice(-2015) ?? "");
    this.#session.revoked(
      socket,
      new BinanceApiError({ method: "session", status: 401, error: body }, advice),
    );
    // The 401 has no id: it is taken as the answer of a request only when that is certain,
    // the one request in flight on the socket (a session request), none given up on there
    // (a timed-out or aborted one may be the one that met it). Otherwise every request waits
    // for its own answer or timeout: an order write then has an unknown outcome, resolved by
    // its client id, never a wrong "not executed".
    const inFlight = this.#pending.allOn(socket);
    const sessionIds = inFlight.filter((p) => p.parser instanceof SignedCall && p.parser.onSession)
      .map((p) => p.id);
    if (sessionIds.length === 0 && !this.#session.wanted) {
      this.#error(new UnexpectedMessageError("Received a session revocation (401)", text));
    }
    if (
      sessionIds.length !== 1 || inFlight.length !== 1 || this.#pending.givenUpOn(socket) > 0
    ) return;
    const pending = this.#pending.take(sessionIds[0]);
    pending?.fail(
      new BinanceApiError({ method: pending.method, status: 401, error: body }, advice),
    );
  }

  /**
   * 0 when the request may go now (its weight is then reserved), the server time to
   * retry at when rate-limited or banned, or -1 when no socket is open.
   */
  #gate(weight: number): number {
    const now = this.#clock.now();
    if (now < this.#governor.blockedUntil) return this.#governor.blockedUntil;
    if (!this.#transport.sendable) return -1;
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
    if (this.#transport.state === "closed") {
      throw new ConnectionClosedError({ method, outcome: "notSent" });
    }
    if (retryAt > 0) {
      const policy = this.#options.rateLimitPolicy ?? "wait";
      const now = this.#clock.now();
      const waitMs = this.#governor.admit(method, retryAt, deadline - monotonicMs(), policy, now);
      try {
        await abortableDelay(waitMs, this.#combined(signal));
      } catch (error) {
        // Closed while waiting out a rate limit: this request was not sent.
        if (signal?.aborted || !this.#transport.signal.aborted) throw error;
        throw new ConnectionClosedError({ method, outcome: "notSent" });
      }
      return;
    }
    // Not connected: wait for the connection to come back, within the deadline.
    await this.#readiness.wait(
      method,
      deadline - monotonicMs(),
      timeoutMs,
      signal,
      this.#transport.signal,
    );
  }

  #combined(...signals: (AbortSignal | undefined)[]): AbortSignal {
    return AbortSignal.any([
      this.#transport.signal,
      ...signals.filter((s): s is AbortSignal => s !== undefined),
    ]);
  }

  /** Sends an unsigned request on the active socket; it times out at `deadline` (local ms). */
  #send(
    method: string,
    params: Record<string, unknown>,
    deadline: number,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    parser?: ResultParser,
  ): Promise<unknown> {
    const socket = this.#transport.active;
    const id = this.#nextId++;
    const text = stringifyJson({ id, method, params });
    const promise = this.#pending.register(id, socket, method, deadline, timeoutMs, signal, parser);
    try {
      socket.ws.send(text);
    } catch (error) {
      this.#pending.take(id)?.fail(
        new ConnectionClosedError({ method, outcome: "notSent", cause: error }),
      );
    }
    return promise;
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
    // One measurement for every caller, made with the connection's timeout and no caller's
    // signal, so that one caller's abort or short timeout fails no other; each waits for it
    // with its own.
    const measured = this.#clock.measure((sent) =>
      this.#requestSlow("time", {}, undefined, this.#timeoutMs, 1, undefined, sent)
    );
    const { signal, timeoutMs } = options;
    if (signal === undefined && timeoutMs === undefined) return measured;
    return this.#within(measured, "time", signal, timeoutMs ?? this.#timeoutMs, "unknown");
  }

  /**
   * `promise`, or the caller's signal's reason, or a `RequestTimeoutError` for `method`
   * after `timeoutMs` (with `outcome`), whichever comes first.
   */
  async #within<T>(
    promise: Promise<T>,
    method: string,
    signal: AbortSignal | undefined,
    timeoutMs: number,
    outcome: "unknown" | "notSent",
  ): Promise<T> {
    promise.catch(() => {});
    const timeout = AbortSignal.timeout(Math.max(1, timeoutMs));
    try {
      return await abortable(promise, signal ? AbortSignal.any([signal, timeout]) : timeout);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted && error === timeout.reason) {
        throw new RequestTimeoutError({ method, timeoutMs, outcome });
      }
      throw error;
    }
  }

  #onMessage(data: unknown, socket: ApiSocket): void {
    const frame = readFrame(data);
    // Once the connection ended (its final `close` event is out), a frame still arriving in the
    // close handshake is reported no more: only an answer settles its request (`#onResponse`).
    if (this.#transport.state === "closed" && (frame instanceof Error || !isResponse(frame))) {
      return;
    }
    if (frame instanceof UnexpectedMessageError) {
      this.#error(frame);
      return;
    }
    if (isResponse(frame)) {
      this.#onResponse(frame, data as string, socket);
      return;
    }
    const event = eventOf(frame)!;
    if (event.e === "serverShutdown") {
      // A draining socket's notice is about that socket, already replaced: the active one stays.
      if (socket === this.#transport.active) void this.renew("serverShutdown");
      return;
    }
    const subscriptionId = subscriptionIdOf(frame);
    this.#transport.emit("event", { event, subscriptionId });
    // User Data Stream events go to their subscription by (socket, subscriptionId).
    if (subscriptionId !== undefined && this.#userData !== undefined) {
      this.#userData.event(socket, subscriptionId, event, data as string);
    }
  }

  #onResponse(frame: Record<string, unknown>, text: string, socket: ApiSocket): void {
    const status = frame.status;
    const id = frame.id;
    const pending = typeof id === "number" ? this.#pending.take(id) : undefined;
    if (status === 429 || status === 418) {
      const body = errorBody(frame.error);
      const now = this.#clock.now();
      this.#governor.block(status, blockedUntilOf(body, now), now, body?.code);
    }
    if (pending !== undefined) {
      if (isSuccess(frame)) pending.settle(frame.result);
      else {
        const error = responseError(pending.method, frame, text);
        if (error instanceof BinanceApiError && error.code === -1021) {
          void this.syncClock().catch(() => {});
        }
        pending.fail(error);
      }
    }
    // The server's counts come after the request's own accounting: the weight of a successful
    // order entry (0 since 2026-04-02) is refunded first, so a count that never had it is not
    // lowered by it again.
    const rateLimits = frame.rateLimits;
    if (rateLimits !== undefined && this.#transport.state !== "closed") {
      this.#onRateLimits(
        rateLimits,
        text,
        pending === undefined ? undefined : Date.now() - pending.sentAt,
      );
    }
    if (pending !== undefined) return;
    // Ended (its final `close` event is out): of the rest, only news of an executed order write
    // is still said.
    const closed = this.#transport.state === "closed";
    if (id === null && status === 401 && !closed) {
      this.#onRevoked(socket, frame, text);
      return;
    }
    // The answer to a request this client gave up on (timeout or abort) is expected; one that
    // says an order write was executed is news, never dropped silently.
    const late = typeof id === "number" ? this.#pending.takeGivenUp(id) : undefined;
    if (late !== undefined) {
      if (isSuccess(frame) && late.parser instanceof SignedCall && isOrderWrite(late.method)) {
        this.#error(lateExecution(late.method, id as number, late.parser.params, text));
      } else if (isSuccess(frame) && !closed) late.parser?.lateSuccess?.(frame.result);
      return;
    }
    if (closed) return;
    const error = errorBody(frame.error);
    const what = error && typeof status === "number"
      ? `: status ${status}, code ${error.code}, ${JSON.stringify(error.msg)}`
      : "";
    this.#error(
      new UnexpectedMessageError(
        `Received a response to no pending request (id ${stringifyJson(id) ?? "none"})${what}`,
        text,
      ),
    );
  }

  /** Records the `rateLimits` of a response; entries of another shape are reported, never used. */
  #onRateLimits(rateLimits: unknown, text: string, sentAgoMs?: number): void {
    if (!Array.isArray(rateLimits)) {
      this.#error(new UnexpectedMessageError('Ignored "rateLimits": it is not an array', text));
      return;
    }
    // The clock is read only if a count needs it.
    const ignored = this.#governor.update(rateLimits, this.#clock, sentAgoMs);
    for (let i = 0; i < ignored.length; i++) {
      this.#error(
        new UnexpectedMessageError(`Ignored a "rateLimits" entry: ${ignored[i].problem}`, text),
      );
    }
  }

  /** A socket closed: every request pending on it fails; its outcome is unknown. */
  #onClose(socket: ApiSocket, code: number, reason: string, byClient: boolean): void {
    for (const [, pending] of this.#pending.takeAllOn(socket)) {
      pending.fail(
        new ConnectionClosedError({
          method: pending.method,
          outcome: "unknown",
          closeCode: code,
          closeReason: byClient ? "closed by the client" : reason,
        }),
      );
    }
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
    return this.#transport.renew(reason);
  }

  /**
   * Closes the connection: pending and waiting requests are rejected with
   * `ConnectionClosedError`, reconnects stop, every socket and timer is released. A dead peer
   * that never answers the close handshake is given 3 s; its socket is then taken as closed
   * (Deno releases it once its TCP connection ends).
   *
   * @returns Resolves once every socket has closed, or was taken as closed.
   */
  close(): Promise<void> {
    return this.#transport.end(1000, "closed by the client");
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
