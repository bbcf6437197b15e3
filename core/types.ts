/**
 * Public types of the WebSocket API: its connection's options and events, and the shapes its
 * methods share.
 *
 * @module
 */
import type { RateLimitPolicy } from "./rate_limits.ts";
import type { Signer } from "./signing.ts";

/**
 * Binance's security type of a method. `NONE` methods are public; the others are
 * SIGNED and need credentials (or a logged-on session).
 */
export type SecurityType = "NONE" | "TRADE" | "USER_DATA" | "USER_STREAM";

/** Where Binance serves a method's data from. */
export type DataSource = "Memory" | "Database" | "Matching Engine" | "Memory => Database";

/** The API key and the signer of SIGNED requests. */
export interface WsApiCredentials {
  /** The API key. Sent with signed requests; redacted in every message. */
  apiKey: string;
  /** Signs the payload; see `createSigner`. */
  signer: Signer;
}

/** How a connection reconnects after an unexpected close, and retries a renewal. */
export interface ReconnectPolicy {
  /** First delay, in ms. Default 250. */
  initialDelayMs?: number;
  /** Cap of the delay, in ms. Default 30 000. */
  maxDelayMs?: number;
  /** Growth factor per attempt. Default 2. */
  factor?: number;
  /** Randomise each delay within [delay/2, delay]. Default `true`. */
  jitter?: boolean;
  /**
   * Give up (and close the connection) after this many failed reconnect attempts. Default:
   * never. A failing renewal is retried while the old socket lives; when it closes, the
   * reconnect takes over, under this limit.
   */
  maxAttempts?: number;
}

/** Per-call options of every request. */
export interface RequestOptions {
  /** Aborts the request; it rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Rejects with `RequestTimeoutError` after this many ms. Defaults to the connection's. */
  timeoutMs?: number;
  /** Asks for (`true`) or hides (`false`) `rateLimits` in this response only. */
  returnRateLimits?: boolean;
}

/**
 * What the client knows of one WebSocket API method before sending it.
 *
 * @typeParam P The method's parameters.
 */
export interface WsApiMethodInfo<P> {
  /** Binance's method name, e.g. `"ticker.price"`. */
  readonly method: string;
  /** Binance's security type of the method. */
  readonly security: SecurityType;
  /** Where Binance serves the data from. */
  readonly dataSource: DataSource;
  /** The documented REQUEST_WEIGHT rule, as text (e.g. `"limit 1-100: 5; 101-500: 25"`). */
  readonly weightRule: string;
  /**
   * The REQUEST_WEIGHT the request costs, including conditional weights.
   *
   * @param params The request's parameters.
   * @returns The weight.
   */
  weight(params: P): number;
  /**
   * How many orders a successful request places (order.place 1, an OCO 2, an OTOCO 3,
   * order.test 0), for the ORDERS limits. Absent for methods that place none.
   *
   * @param params The request's parameters.
   * @returns The number of orders.
   */
  orders?(params: P): number;
}

/**
 * The factory of a model: turns a raw `result` into the typed model, checking it
 * against the documented shape.
 *
 * @typeParam T The model.
 */
export interface ModelFactory<T> {
  /**
   * Checks a raw value against the documented shape and returns the typed model.
   *
   * @param raw The raw value (for example a response's `result`).
   * @returns The model.
   * @throws {UnexpectedMessageError} when the value does not match the documented shape.
   */
  parse(raw: unknown): T;
}

/** A kline interval, as Binance spells it (case-sensitive: `1m` is a minute, `1M` a month). */
export type KlineInterval =
  | "1s"
  | "1m"
  | "3m"
  | "5m"
  | "15m"
  | "30m"
  | "1h"
  | "2h"
  | "4h"
  | "6h"
  | "8h"
  | "12h"
  | "1d"
  | "3d"
  | "1w"
  | "1M";

/** The window of the rolling window ticker streams. */
export type StreamWindowSize = "1h" | "4h" | "1d";

/** The update speed of the depth streams: every 1000 ms (the default) or every 100 ms. */
export type DepthSpeed = "1000ms" | "100ms";

/** Options of `connectWsApi()`. */
export interface WsApiConnectionOptions {
  /** The endpoint. Default `WS_API_URLS.prod`. */
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
  /**
   * `recvWindow` added to SIGNED requests that do not set one: ms (always ms, even with
   * `timeUnit: "MICROSECOND"`), above 0, at most 60 000, at most 3 decimals (µs). Default:
   * none sent (Binance then uses 5000).
   */
  recvWindow?: number;
  /**
   * Log on (`session.logon`) when the connection opens, and again on every reconnect and
   * renewal before any SIGNED request waiting meanwhile is sent; requests then omit `apiKey`
   * and `signature`. Default `true` with an Ed25519 signer (Binance accepts only Ed25519 keys
   * for sessions), `false` otherwise. A refused logon falls back to signing each request,
   * with a `session` event.
   */
  logon?: boolean;
  /**
   * Generate `newClientOrderId` (and list and leg ids) for order placements that have none,
   * so that each can be found again. Default `true`; a per-call option overrides it.
   */
  generateClientOrderIds?: boolean;
  /**
   * What `orderPlace`, `orderListPlace*`, `sorOrderPlace` and `orderCancelReplace` do when
   * their outcome is unknown (the socket closed or the timeout ran out after the request was
   * sent, a 5xx, -1007): `"resolve"` (default) asks `order.status` / `orderList.status` by
   * the client order id until the truth is known, then resolves with the order found (marked
   * `recovered: true`) or rejects with `OrderNotPlacedError` (or `OrderOutcomeUnknownError`
   * when it cannot tell within `resolveTimeoutMs`); `"throw"` rejects at once with
   * `OrderOutcomeUnknownError`. Nothing is ever placed twice. A per-call option overrides it.
   */
  onUnknownOutcome?: "resolve" | "throw";
  /**
   * How long past the request's window (`timestamp + recvWindow`, on the exchange's clock)
   * an order that is not found is still awaited before `OrderNotPlacedError`, in ms: the
   * matching engine's own delay. Default 10 000 (the documented matching-engine timeout).
   */
  unknownOutcomeMarginMs?: number;
  /**
   * How long the resolution of an unknown outcome may take, in ms, the wait for the window
   * included; past it the call rejects with `OrderOutcomeUnknownError` (`"resolveTimeout"`).
   * Default 60 000.
   */
  resolveTimeoutMs?: number;
  /**
   * The idle watchdog: a socket that sent no frame for this long (checked every half of it) is
   * asked a `ping` (weight 1, with the connection's `timeoutMs`); when that goes unanswered the
   * socket is taken as dead (an `error` event says so): it closes now, its requests fail as
   * unknown outcomes (order writes are then resolved), and the connection reconnects. Deno does
   * not expose Binance's pings, so a half-open socket is found no other way. Default 30 000 ms;
   * `0` turns it off.
   */
  idleTimeoutMs?: number;
  /** Aborting closes the connection. */
  signal?: AbortSignal;
}

/** Per-call options of `WsApiConnection.request()`. */
export interface RawRequestOptions extends RequestOptions {
  /** The method's security type. `NONE` (default) sends the params as given. */
  security?: SecurityType;
  /** The REQUEST_WEIGHT the request costs, for the client-side budget. Default 1. */
  weight?: number;
  /**
   * How many orders the request places when it succeeds, for the client-side `ORDERS` budget
   * (per 10 s and per day, as Binance last reported them). Default 0.
   */
  orders?: number;
}

/** What a `session` event says happened to the connection's session. */
export type WsApiSessionState = "loggedOn" | "loggedOut" | "refused" | "revoked";

/** Payload of the `session` event. */
export interface WsApiSessionEvent {
  /**
   * `loggedOn`: requests are authenticated by the session (after connect, a reconnect, a
   * renewal or `sessionLogon`); `loggedOut`: `sessionLogout` ended it, no re-logon follows;
   * `refused`: Binance refused the logon; `revoked`: Binance revoked the session (status 401).
   */
  state: WsApiSessionState;
  /**
   * What the connection does next, for `refused` and `revoked`: `relogon` (logs on again; after
   * a revocation signed requests wait for it, after a logon refused by a rate limit, an IP ban
   * or a server error, or one that timed out, they are signed each until it is sent again,
   * once sending may resume) or `signEachRequest` (each request carries `apiKey` and
   * `signature`).
   */
  fallback?: "relogon" | "signEachRequest";
  /** Binance's error, for `refused` and `revoked`. */
  error?: Error;
}

/** The state of a `WsApiConnection`. */
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
  /** The session logged on, logged out, was refused or revoked (see `logon`). */
  session: WsApiSessionEvent;
}

/** A listener of one lifecycle event. */
export type WsApiListener<K extends keyof WsApiEventMap> = (payload: WsApiEventMap[K]) => void;
