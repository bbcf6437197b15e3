/**
 * Shared public types of the WebSocket API methods.
 *
 * @module
 */
import type { Signer } from "./signing.ts";

/**
 * Binance's security type of a method. `NONE` methods are public; the others are
 * SIGNED and need credentials (or a logged-on session).
 */
export type SecurityType = "NONE" | "TRADE" | "USER_DATA" | "USER_STREAM";

/** Where Binance serves a method's data from. */
export type DataSource = "Memory" | "Database" | "Matching Engine";

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
