/**
 * The public shapes of the market-stream connection: its endpoints, what it needs to know of
 * a stream, its options and its events.
 *
 * @module
 */

import type { ReconnectPolicy } from "./types.ts";
import type { StreamGap } from "./subscription.ts";

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
   * The idle watchdog. It looks at each socket that carries streams every
   * `idleTimeoutMs / 2`; the second look in a row that finds no new frame sends a
   * `LIST_SUBSCRIPTIONS` probe, so the probe leaves between `idleTimeoutMs` and
   * 1.5 × `idleTimeoutMs` after the socket's last frame. If the probe is not answered
   * within `timeoutMs`, the socket is taken as dead and replaced (reconnect, resubscribe,
   * `gap` where updates may be missing). A dead socket is thus detected up to about
   * 1.5 × `idleTimeoutMs` + `timeoutMs` after its last frame (55 s with the defaults).
   * Default 30 000 ms; `0` turns the watchdog off.
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
  /**
   * After a reconnect, every stream of the socket was subscribed again (or, later, `streams`
   * of them whose resubscribe failed were, by its retry).
   */
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
