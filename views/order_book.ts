/**
 * A local order book kept from the diff depth stream and WebSocket API `depth` snapshots,
 * following Binance's documented procedure exactly.
 *
 * @module
 */

import { abortable, abortableDelay, backoffDelay, deadline } from "../core/_async.ts";
import { BookSide, compareDecimal } from "./_book_side.ts";
import { Listeners, throwsAsErrorEvent, toError } from "../core/_listeners.ts";
import { isStreamDown } from "../core/_wire.ts";
import type { WsApiConnection } from "../core/connection.ts";
import {
  BinanceApiError,
  ConnectionClosedError,
  IpBannedError,
  RateLimitError,
  RequestTimeoutError,
  ServerError,
  ValidationError,
  type ValidationIssue,
} from "../core/errors.ts";
import { checkOptions, duration, integer, oneOf, signal as signalRule } from "../core/_options.ts";
import type { StreamConnection } from "../core/stream_connection.ts";
import type { StreamGap, Subscription } from "../core/subscription.ts";
import type { DepthSpeed } from "../core/types.ts";
import { depth } from "../methods/depth.ts";
import type { DiffDepthEvent } from "../models/diff_depth_event.ts";
import { diffDepthStream, diffDepthStreamName } from "../streams/diff_depth.ts";

const OPTIONS = {
  speed: oneOf("1000ms", "100ms"),
  snapshotLimit: integer(1, 5000),
  timeoutMs: duration(1),
  signal: signalRule,
};

/** Diff events kept at most while a book waits for its snapshot. */
const MAX_BUFFERED = 10_000;
/**
 * Whether a failed `depth` snapshot can never succeed by asking again: Binance refused the
 * request itself (status 4xx other than 403, 409, 418, 429, with a code of the -1100 to
 * -1199 "request issues" range, such as -1121 invalid symbol, or -1002 unauthorized).
 * Everything else (rate limits, bans, 5xx, -1000, -1001, -1003, -1006, -1007, -1008, timeouts,
 * closed connections) is transient and retried with backoff.
 */
function isPermanentSnapshotError(error: unknown): boolean {
  if (
    !(error instanceof BinanceApiError) || error instanceof RateLimitError ||
    error instanceof IpBannedError || error instanceof ServerError
  ) return false;
  if (error.status < 400 || error.status >= 500 || [403, 409, 418, 429].includes(error.status)) {
    return false;
  }
  return (error.code <= -1100 && error.code >= -1199) || error.code === -1002;
}

/** Checks the symbols and options of `openOrderBook`, naming it (not its streams) in errors. */
function checkOpen(symbols: readonly string[], options: OrderBookOptions): void {
  checkOptions("openOrderBook", options, OPTIONS);
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(symbols) || symbols.length === 0) {
    issues.push({ param: "symbols", message: "must name at least one symbol" });
  }
  for (const [i, symbol] of (Array.isArray(symbols) ? symbols : []).entries()) {
    try {
      diffDepthStreamName({ symbol });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const issue of error.issues) {
        issues.push({
          param: symbols.length === 1 ? "symbol" : `symbols.${i}`,
          message: issue.message,
        });
      }
    }
  }
  const upper = (Array.isArray(symbols) ? symbols : []).map((s) =>
    typeof s === "string" ? s.toUpperCase() : s
  );
  if (new Set(upper).size !== upper.length) {
    issues.push({ param: "symbols", message: "must not repeat a symbol" });
  }
  if (issues.length > 0) throw new ValidationError("openOrderBook", issues);
}

/** The two connections an order book uses. */
export interface OrderBookConnections {
  /** Carries the diff depth streams. */
  streams: StreamConnection;
  /** Answers the `depth` snapshots. */
  api: WsApiConnection;
}

/** Options of {@linkcode openOrderBook}. */
export interface OrderBookOptions {
  /** The diff depth stream's speed. Default `"100ms"`. */
  speed?: DepthSpeed;
  /**
   * Levels per side of each snapshot (1–5000). Default 5000, as the docs' procedure; levels
   * beyond the snapshot are unknown until they change.
   */
  snapshotLimit?: number;
  /** How long `openOrderBook` waits for every book to be in sync, in ms. Default 30 000. */
  timeoutMs?: number;
  /** Aborting closes the order book. */
  signal?: AbortSignal;
}

/** Why a book is being synchronised again. */
export type ResyncReason =
  /** An update's first id is beyond the book's id + 1 (missed updates). */
  | "gap"
  /** The stream reported a possible gap (reconnect, rotation, an update it could not read). */
  | "stream gap"
  /** Applying an update crossed the book (best bid ≥ best ask). */
  | "crossed";

/** Payloads of the order book's events. */
export interface OrderBookEventMap {
  /** A symbol's book is in sync (after the first snapshot, or after a resync). */
  synced: { symbol: string; lastUpdateId: number };
  /** A symbol's book is out of sync and is being rebuilt; reads give `undefined` meanwhile. */
  resyncing: { symbol: string; reason: ResyncReason };
  /** The diff depth stream of a symbol reported a gap (a resync follows). */
  gap: { symbol: string; gap: StreamGap };
  /**
   * A snapshot failed (retried with backoff; one the request itself makes fail stops the
   * symbol's book), the symbol's stream ended for good (its reads stay `undefined`), or a
   * listener threw (`symbol` `""`).
   */
  error: { symbol: string; error: Error };
}

/** A listener of one order book event. */
export type OrderBookListener<K extends keyof OrderBookEventMap> = (
  payload: OrderBookEventMap[K],
) => void;

/** A copy of one symbol's book. */
export interface OrderBookSnapshot {
  /** The symbol. */
  symbol: string;
  /** The update id of the book. */
  lastUpdateId: number;
  /** Bids `[price, quantity]`, best first, as exact decimal strings. */
  bids: [string, string][];
  /** Asks `[price, quantity]`, best first, as exact decimal strings. */
  asks: [string, string][];
}

/** Counters of an order book. */
export interface OrderBookStats {
  /** Diff events applied to a synced book. */
  applied: number;
  /** Stale events ignored (`u` below the book's id). */
  stale: number;
  /** Snapshots taken (including retakes). */
  snapshots: number;
  /** Resyncs started after the first sync. */
  resyncs: number;
}

class SymbolBook {
  readonly symbol: string;
  readonly bids: BookSide = new BookSide(true);
  readonly asks: BookSide = new BookSide(false);
  lastUpdateId = 0;
  synced = false;
  /** Events buffered while the book is being synchronised. */
  buffer: DiffDepthEvent[] = [];
  /** Increases with every resync, so a stale snapshot request is ignored. */
  generation = 0;
  /** Stops the sync in progress (its snapshot request, if not sent yet, is not sent). */
  cancelSync: (() => void) | undefined;
  /**
   * Resyncs for a crossed book since the book was last in sync: past the first, the next
   * snapshot waits a growing pause (a crossed snapshot is not asked for in a loop).
   */
  resyncStreak = 0;
  sub: Subscription<DiffDepthEvent> | undefined;
  firstSync: PromiseWithResolvers<void> = Promise.withResolvers<void>();
  /** Whether the book was in sync once (the first sync's errors go to `openOrderBook`). */
  everSynced = false;
  /**
   * Set while the socket of the book's stream is down: updates are being missed, so the book
   * is out of sync, and a snapshot waits until the stream is back (an update of it, or a
   * resubscribe), else the book would read as in sync with its stream still down.
   */
  streamDown: PromiseWithResolvers<void> | undefined;
  /**
   * The book resynced when its socket dropped: the `reconnect` gap its stream reports with the
   * first update after (which cannot prove continuity) is known already, and the snapshot taken
   * after the stream came back is bridged to the updates by the procedure itself.
   */
  resyncedForDrop = false;
  /** The last error of a snapshot since the book was last in sync (said when opening fails). */
  lastError: Error | undefined;

  constructor(symbol: string) {
    this.symbol = symbol;
    this.firstSync.promise.catch(() => {});
  }
}

/**
 * A local order book of one or more symbols. It follows Binance's procedure exactly:
 * buffer the diff depth events, take a `depth` snapshot (again while its `lastUpdateId` is
 * below the first buffered `U`), drop buffered events with `u ≤ lastUpdateId`, apply the
 * rest, and resynchronise whenever an event's `U` is beyond the book's id + 1, the stream
 * reports a gap, or an update would cross the book. Reads give `undefined` while a book
 * is not in sync: it never exposes a book known to be out of sync, nor a crossed one.
 *
 * Create one with {@linkcode openOrderBook}.
 */
export class OrderBook {
  readonly #books: Map<string, SymbolBook> = new Map();
  readonly #connections: OrderBookConnections;
  readonly #options: OrderBookOptions;
  // A throwing listener is an error event (of no symbol), never an uncaught error.
  readonly #listeners: Listeners<OrderBookEventMap> = new Listeners<OrderBookEventMap>(
    throwsAsErrorEvent((error) => this.#emit("error", { symbol: "", error })),
  );
  readonly #lifecycle = new AbortController();
  readonly #stats: OrderBookStats = { applied: 0, stale: 0, snapshots: 0, resyncs: 0 };
  readonly #tasks: Set<Promise<void>> = new Set();
  readonly #off: (() => void)[] = [];
  #closed = false;
  #closing: Promise<void> | undefined;

  private constructor(connections: OrderBookConnections, options: OrderBookOptions) {
    this.#connections = connections;
    this.#options = options;
  }

  /**
   * Opens the books (used by {@linkcode openOrderBook}).
   *
   * @param connections The stream and WebSocket API connections.
   * @param symbols The symbols.
   * @param options Speed, snapshot size, timeout, signal.
   * @returns The order book, once every symbol is in sync.
   */
  static async open(
    connections: OrderBookConnections,
    symbols: readonly string[],
    options: OrderBookOptions,
  ): Promise<OrderBook> {
    checkOpen(symbols, options);
    options.signal?.throwIfAborted();
    const book = new OrderBook(connections, options);
    const onAbort = () => void book.close();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    book.#lifecycle.signal.addEventListener(
      "abort",
      () => options.signal?.removeEventListener("abort", onAbort),
      { once: true },
    );
    try {
      for (const symbol of symbols) book.#books.set(symbol.toUpperCase(), new SymbolBook(symbol));
      book.#watchStreams();
      const timeoutMs = options.timeoutMs ?? 30_000;
      // The subscriptions are inside the time the books have to be in sync.
      const started = Promise.all([...book.#books.values()].map((b) => book.#start(b)));
      started.catch(() => {}); // a failure after the deadline: the book is closed already
      await deadline(
        started.then(() => Promise.all([...book.#books.values()].map((b) => b.firstSync.promise))),
        timeoutMs,
        () => {
          // The book's error events cannot be heard yet (it is not returned): the error says it.
          const waiting = [...book.#books.values()].filter((b) => !b.everSynced);
          const cause = waiting.find((b) => b.lastError !== undefined)?.lastError;
          const names = waiting.map((b) => `"${b.symbol.toUpperCase()}"`).join(", ");
          return new RequestTimeoutError({
            method: "openOrderBook",
            timeoutMs,
            advice: `Not in sync yet: ${names}` +
              (cause === undefined ? "" : ` (last error: ${cause.message})`) +
              '. Raise "timeoutMs" if the snapshots are large or slow.',
            cause,
          });
        },
      );
    } catch (error) {
      // Aborted meanwhile: the signal's own reason, as web APIs do (not the book's closing).
      const reason = options.signal?.aborted ? options.signal.reason : error;
      await book.close();
      throw reason;
    }
    return book;
  }

  /** The symbols of this book (upper case). */
  get symbols(): string[] {
    return [...this.#books.keys()];
  }

  /** Counters: applied, stale, snapshots, resyncs. */
  get stats(): Readonly<OrderBookStats> {
    return { ...this.#stats };
  }

  /**
   * Listens to an event.
   *
   * @param type The event.
   * @param listener The listener.
   * @returns A function that removes the listener.
   */
  on<K extends keyof OrderBookEventMap>(type: K, listener: OrderBookListener<K>): () => void {
    return this.#listeners.on(type, listener);
  }

  #emit<K extends keyof OrderBookEventMap>(type: K, payload: OrderBookEventMap[K]): void {
    if (this.#listeners.emit(type, payload) || type !== "error") return;
    console.warn(`@binance-ws/spot: ${(payload as { error: Error }).error.message}`);
  }

  #book(symbol: string): SymbolBook {
    const b = this.#books.get(symbol.toUpperCase());
    if (!b) {
      throw new ValidationError("OrderBook", [{
        param: "symbol",
        message: `"${symbol}" is not one of ${this.symbols.map((s) => `"${s}"`).join(", ")}`,
      }]);
    }
    return b;
  }

  /**
   * A socket of the stream connection that drops loses updates until it is back: the books whose
   * stream it carried are out of sync from that moment (reads `undefined`) and resync once their
   * stream is back. The books of the other sockets go on.
   */
  #watchStreams(): void {
    const streams = this.#connections.streams;
    this.#off.push(
      streams.on("close", ({ willReconnect }) => {
        if (this.#closed || !willReconnect) return;
        for (const b of this.#books.values()) {
          // Still subscribing: its first sync covers it.
          if (b.sub === undefined || !isStreamDown(b.sub)) continue;
          b.streamDown ??= Promise.withResolvers<void>();
          this.#resync(b, "stream gap");
          b.resyncedForDrop = true;
        }
      }),
      streams.on("resubscribed", () => {
        for (const b of this.#books.values()) {
          if (b.sub !== undefined && !isStreamDown(b.sub)) this.#streamUp(b);
        }
      }),
    );
  }

  /** The book's stream is back. */
  #streamUp(b: SymbolBook): void {
    const down = b.streamDown;
    b.streamDown = undefined;
    down?.resolve();
  }

  async #start(b: SymbolBook): Promise<void> {
    b.sub = await diffDepthStream(this.#connections.streams, {
      symbol: b.symbol,
      speed: this.#options.speed ?? "100ms",
    }, { signal: this.#lifecycle.signal });
    // A stream acknowledged before (by another subscription) may be down now: updates are
    // being missed, so the snapshot waits until it is back, as after a drop.
    if (isStreamDown(b.sub)) {
      b.streamDown ??= Promise.withResolvers<void>();
      b.resyncedForDrop = true;
    }
    b.sub.on("data", (event) => this.#onEvent(b, event));
    // A frame of the stream that cannot be read is an update missed: resync (said here).
    b.sub.on("error", ({ error }) => {
      if (this.#closed) return;
      this.#emit("error", { symbol: b.symbol.toUpperCase(), error });
      this.#resync(b, "stream gap");
    });
    b.sub.on("gap", (gap) => {
      this.#emit("gap", { symbol: b.symbol.toUpperCase(), gap });
      if (gap.reason === "reconnect" && b.resyncedForDrop) {
        b.resyncedForDrop = false;
        return;
      }
      this.#resync(b, "stream gap");
    });
    // The stream ended (its connection closed for good): the book can no longer follow the
    // exchange. Reads give `undefined` from now on, and an error says why.
    b.sub.on("end", ({ reason }) => {
      if (this.#closed) return;
      const error = new ConnectionClosedError({
        what: `the diff depth stream of "${b.symbol.toUpperCase()}"`,
        advice: `It ended (${reason}); the book is out of sync. Open a new order book.`,
      });
      b.synced = false;
      b.generation++; // a snapshot on its way is not applied
      b.cancelSync?.();
      this.#streamUp(b); // nor one waiting for the stream: it ends
      b.bids.clear();
      b.asks.clear();
      b.buffer = [];
      b.firstSync.reject(error);
      this.#emit("error", { symbol: b.symbol.toUpperCase(), error });
    });
    this.#sync(b);
  }

  /** Takes a snapshot (again while it is older than the buffered events) and applies it. */
  #sync(b: SymbolBook): void {
    const generation = b.generation;
    // A sync superseded (a resync) stops: a snapshot request it still holds (waiting for a
    // 429 to pass, for the socket) would be sent for nothing, its weight spent.
    b.cancelSync?.();
    const own = new AbortController();
    b.cancelSync = () => own.abort();
    const signal = AbortSignal.any([this.#lifecycle.signal, own.signal]);
    const task = (async () => {
      if (b.resyncStreak > 1) {
        await abortableDelay(backoffDelay(b.resyncStreak - 1, 250, 5000, 2, true), signal)
          .catch(() => {});
      }
      for (let attempt = 1; !this.#closed && b.generation === generation; attempt++) {
        if (b.streamDown !== undefined) {
          await abortable(b.streamDown.promise, signal).catch(() => {});
          continue;
        }
        let snap;
        try {
          this.#stats.snapshots++;
          snap = await depth(this.#connections.api, {
            symbol: b.symbol.toUpperCase(),
            limit: this.#options.snapshotLimit ?? 5000,
          }, { signal });
        } catch (error) {
          if (this.#closed || signal.aborted) return;
          if (error instanceof ValidationError || isPermanentSnapshotError(error)) {
            // Asking again cannot help: the first sync fails at once; a later resync stops
            // this symbol's book (its reads stay undefined) and says why.
            if (b.everSynced) {
              this.#emit("error", { symbol: b.symbol.toUpperCase(), error: toError(error) });
            } else b.firstSync.reject(error);
            return;
          }
          b.lastError = toError(error);
          this.#emit("error", { symbol: b.symbol.toUpperCase(), error: b.lastError });
          await abortableDelay(backoffDelay(attempt, 250, 5000, 2, true), signal).catch(() => {});
          continue;
        }
        if (this.#closed || b.generation !== generation) return;
        // Step 4: a snapshot older than the first buffered event is taken again.
        if (b.buffer.length > 0 && snap.lastUpdateId < b.buffer[0].firstUpdateId) {
          await abortableDelay(backoffDelay(attempt, 50, 2000, 2, true), signal).catch(() => {});
          continue;
        }
        // Steps 5–7: drop buffered events with u ≤ lastUpdateId, set the book, apply the rest.
        b.bids.load(snap.bids);
        b.asks.load(snap.asks);
        b.lastUpdateId = snap.lastUpdateId;
        const buffered = b.buffer;
        b.buffer = [];
        b.synced = true;
        for (const event of buffered) {
          if (event.finalUpdateId <= snap.lastUpdateId) continue;
          if (!this.#apply(b, event)) return;
        }
        if (this.#crossed(b)) {
          this.#resync(b, "crossed");
          return;
        }
        this.#emit("synced", { symbol: b.symbol.toUpperCase(), lastUpdateId: b.lastUpdateId });
        b.resyncStreak = 0;
        b.everSynced = true;
        b.lastError = undefined;
        b.firstSync.resolve();
        return;
      }
    })();
    this.#tasks.add(task);
    task.finally(() => this.#tasks.delete(task));
  }

  #onEvent(b: SymbolBook, event: DiffDepthEvent): void {
    if (b.streamDown !== undefined) this.#streamUp(b);
    b.resyncedForDrop = false; // the stream's gap, if any, came before this update
    if (!b.synced) {
      b.buffer.push(event);
      // Bounded while snapshots fail: the oldest events go first. That is safe, since a
      // snapshot older than the first buffered event is taken again anyway (step 4).
      if (b.buffer.length > MAX_BUFFERED) b.buffer.shift();
      return;
    }
    this.#apply(b, event);
  }

  /** The update procedure. Returns `false` when the book went out of sync. */
  #apply(b: SymbolBook, event: DiffDepthEvent): boolean {
    if (event.finalUpdateId < b.lastUpdateId) {
      this.#stats.stale++;
      return true;
    }
    if (event.firstUpdateId > b.lastUpdateId + 1) {
      this.#resync(b, "gap", event);
      return false;
    }
    const bids = event.bids;
    for (let i = 0; i < bids.length; i++) b.bids.set(bids[i][0], bids[i][1]);
    const asks = event.asks;
    for (let i = 0; i < asks.length; i++) b.asks.set(asks[i][0], asks[i][1]);
    b.lastUpdateId = event.finalUpdateId;
    this.#stats.applied++;
    if (this.#crossed(b)) {
      this.#resync(b, "crossed");
      return false;
    }
    return true;
  }

  #crossed(b: SymbolBook): boolean {
    const bid = b.bids.best();
    const ask = b.asks.best();
    if (!bid || !ask) return false;
    return compareDecimal(bid[0], ask[0], b.bids.bestKey()!, b.asks.bestKey()!) >= 0;
  }

  #resync(b: SymbolBook, reason: ResyncReason, pending?: DiffDepthEvent): void {
    if (this.#closed) return;
    const wasSynced = b.synced;
    b.synced = false;
    b.generation++;
    b.bids.clear();
    b.asks.clear();
    b.buffer = pending ? [pending] : [];
    // Only a crossed book backs off: after a gap the docs' procedure starts again at once.
    if (reason === "crossed") b.resyncStreak++;
    if (wasSynced) this.#stats.resyncs++;
    this.#emit("resyncing", { symbol: b.symbol.toUpperCase(), reason });
    this.#sync(b);
  }

  /**
   * Whether a symbol's book is in sync now.
   *
   * @param symbol The symbol.
   * @returns `true` when reads give the book.
   * @throws {ValidationError} when the symbol is not one of this book's.
   */
  isSynced(symbol: string): boolean {
    return this.#book(symbol).synced;
  }

  /**
   * The book's update id.
   *
   * @param symbol The symbol.
   * @returns The id, or `undefined` while the book is not in sync.
   * @throws {ValidationError} when the symbol is not one of this book's.
   */
  lastUpdateId(symbol: string): number | undefined {
    const b = this.#book(symbol);
    return b.synced ? b.lastUpdateId : undefined;
  }

  /**
   * The best bid.
   *
   * @param symbol The symbol.
   * @returns `[price, quantity]`, or `undefined` while not in sync (or no bid).
   * @throws {ValidationError} when the symbol is not one of this book's.
   */
  bestBid(symbol: string): [string, string] | undefined {
    const b = this.#book(symbol);
    return b.synced ? b.bids.best() : undefined;
  }

  /**
   * The best ask.
   *
   * @param symbol The symbol.
   * @returns `[price, quantity]`, or `undefined` while not in sync (or no ask).
   * @throws {ValidationError} when the symbol is not one of this book's.
   */
  bestAsk(symbol: string): [string, string] | undefined {
    const b = this.#book(symbol);
    return b.synced ? b.asks.best() : undefined;
  }

  /**
   * The `levels` best levels of each side.
   *
   * @param symbol The symbol.
   * @param levels Levels per side.
   * @returns A copy, or `undefined` while not in sync.
   * @throws {ValidationError} when the symbol is not one of this book's, or `levels` is neither a
   * positive integer nor `Infinity`.
   */
  top(symbol: string, levels: number): OrderBookSnapshot | undefined {
    const b = this.#book(symbol);
    if (!(Number.isSafeInteger(levels) || levels === Infinity) || levels < 1) {
      throw new ValidationError("OrderBook", [{
        param: "levels",
        message: `${String(levels)} is not a positive integer (or Infinity, for every level)`,
      }]);
    }
    if (!b.synced) return undefined;
    return {
      symbol: b.symbol.toUpperCase(),
      lastUpdateId: b.lastUpdateId,
      bids: b.bids.top(levels),
      asks: b.asks.top(levels),
    };
  }

  /**
   * A copy of the whole book of a symbol.
   *
   * @param symbol The symbol.
   * @returns The copy, or `undefined` while not in sync.
   * @throws {ValidationError} when the symbol is not one of this book's.
   */
  snapshot(symbol: string): OrderBookSnapshot | undefined {
    return this.top(symbol, Infinity);
  }

  /**
   * Stops the books: unsubscribes the diff depth streams and stops pending snapshots. The
   * connections stay open.
   *
   * @returns Resolves once everything stopped.
   */
  close(): Promise<void> {
    // A second call (or one after the signal aborted) waits for the first one's end.
    return this.#closing ??= this.#close();
  }

  async #close(): Promise<void> {
    this.#closed = true;
    const closed = () =>
      new ConnectionClosedError({
        what: "the order book",
        advice: "It was closed; open a new one with openOrderBook().",
      });
    this.#lifecycle.abort(closed());
    for (const off of this.#off.splice(0)) off();
    for (const b of this.#books.values()) {
      b.synced = false;
      b.firstSync.reject(closed());
    }
    await Promise.all(
      [...this.#books.values()].map((b) => b.sub?.unsubscribe().catch(() => {})),
    );
    await Promise.all([...this.#tasks]);
  }

  /** Closes the order book (for `await using`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/**
 * Opens a local order book of one or more symbols, kept from the diff depth stream and
 * WebSocket API `depth` snapshots.
 *
 * @param connections The stream connection and the WebSocket API connection.
 * @param symbols One symbol or several (either case).
 * @param options Speed, snapshot size, timeout and signal.
 * @returns The order book, once every symbol's book is in sync.
 * @throws {ValidationError} when a symbol or an option is invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance refuses a snapshot for good (the request itself is
 *   wrong, e.g. -1121 invalid symbol).
 * @throws {StreamControlError} when the server refuses a diff depth subscription.
 * @throws {RequestTimeoutError} when a book is not in sync within `timeoutMs`.
 * @throws {ConnectionClosedError} when a connection is closed, or a diff depth stream ends.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#how-to-manage-a-local-order-book-correctly}
 *
 * @example Keep the book of the embedded fake exchange
 * ```ts
 * import { connectStreams, connectWsApi, openOrderBook } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using streams = await connectStreams({ url: exchange.streams.baseUrl });
 * await using api = await connectWsApi({ url: exchange.wsApiUrl });
 * await using book = await openOrderBook({ streams, api }, "BTCUSDT");
 * exchange.market.advance(5);
 * const target = exchange.market.orderBook("BTCUSDT").lastUpdateId;
 * while (book.lastUpdateId("BTCUSDT") !== target) {
 *   await new Promise((resolve) => setTimeout(resolve, 5));
 * }
 * assert.deepEqual(book.top("BTCUSDT", 3), {
 *   symbol: "BTCUSDT",
 *   ...exchange.market.orderBook("BTCUSDT", 3),
 * });
 * ```
 */
export function openOrderBook(
  connections: OrderBookConnections,
  symbols: string | readonly string[],
  options: OrderBookOptions = {},
): Promise<OrderBook> {
  return OrderBook.open(connections, typeof symbols === "string" ? [symbols] : symbols, options);
}
