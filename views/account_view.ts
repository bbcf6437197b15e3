/**
 * A local view of the account (balances, open orders, open order lists) kept equal to the
 * exchange's from the User Data Stream and WebSocket API snapshots, the account's equivalent
 * of the local order book.
 *
 * @module
 */

import { abortableDelay, backoffDelay, deadline } from "../core/_async.ts";
import { Listeners, throwsAsErrorEvent, toError } from "../core/_listeners.ts";
import { checkOptions, duration, integer, signal as signalRule } from "../core/_options.ts";
import { symbol as symbolRule } from "../core/_params.ts";
import type { WsApiConnection } from "../core/connection.ts";
import {
  BinanceApiError,
  ConnectionClosedError,
  IpBannedError,
  RateLimitError,
  RequestTimeoutError,
  ServerError,
  ValidationError,
} from "../core/errors.ts";
import type { UserDataGap, UserDataSubscription } from "../core/user_data.ts";
import { accountStatus } from "../methods/account_status.ts";
import { openOrderListsStatus } from "../methods/open_order_lists_status.ts";
import { openOrdersStatus } from "../methods/open_orders_status.ts";
import { userDataStreamSubscribe } from "../methods/user_data_stream_subscribe.ts";
import { userDataStreamSubscribeSignature } from "../methods/user_data_stream_subscribe_signature.ts";
import type { OrderListStatus } from "../models/order_list.ts";
import type { QueriedOrder } from "../models/queried_order.ts";
import type { UserDataEvent } from "../models/user_data_event.ts";
import { type AccountSnapshots, AccountState, type StateChange } from "./_account_state.ts";

const SYMBOLS = (v: unknown): string | undefined => {
  if (!Array.isArray(v) || v.length === 0) return "must name at least one symbol";
  for (const s of v) {
    const ok = typeof s === "string" && symbolRule.safeParse(s.toUpperCase()).success;
    if (!ok) return `must be symbols such as "BTCUSDT", not ${JSON.stringify(s)}`;
  }
  const upper = v.map((s: string) => s.toUpperCase());
  return new Set(upper).size === upper.length ? undefined : "must not repeat a symbol";
};

const OPTIONS = {
  signal: signalRule,
  reconcileMs: integer(0, 2_147_483_647),
  timeoutMs: duration(1),
  symbols: SYMBOLS,
};

/** The longest wait, after fresh snapshots arrived, for events already under way (ms). */
const RECONCILE_SETTLE_MS = 1000;

/**
 * Whether a failed snapshot can never succeed by asking again: Binance refused the request
 * itself (a 4xx other than 403, 409, 418, 429 with a code of the -1100 to -1199 range, or
 * -1002 unauthorized, -2014/-2015 a bad API key or missing permission). Everything else is
 * transient and retried with backoff.
 */
function isPermanentSnapshotError(error: unknown): boolean {
  if (error instanceof ValidationError) return true;
  if (
    !(error instanceof BinanceApiError) || error instanceof RateLimitError ||
    error instanceof IpBannedError || error instanceof ServerError
  ) return false;
  if (error.status < 400 || error.status >= 500 || [403, 409, 418, 429].includes(error.status)) {
    return false;
  }
  return (error.code <= -1100 && error.code >= -1199) || [-1002, -2014, -2015].includes(error.code);
}

/** Options of {@linkcode openAccountView}. */
export interface AccountViewOptions {
  /** Aborting closes the view. */
  signal?: AbortSignal;
  /**
   * How often the view compares itself with fresh snapshots, in ms (a difference is a `gap`
   * event with reason `"reconcile"`, and a resync). Default 60 000; `0` turns it off.
   */
  reconcileMs?: number;
  /** How long `openAccountView` waits for the first sync, in ms. Default 30 000. */
  timeoutMs?: number;
  /**
   * Only the orders and order lists of these symbols are kept (every balance is); the open
   * orders snapshot is then asked per symbol. Default: every symbol.
   */
  symbols?: string[];
}

/** One asset's balance. */
export interface AccountBalance {
  /** The asset, e.g. `"BTC"`. */
  asset: string;
  /** Available. */
  free: string;
  /** Locked (in open orders, or by an external system). */
  locked: string;
}

/** An order as the view knows it. */
export interface AccountViewOrder {
  /** The symbol. */
  symbol: string;
  /** The exchange's id of the order (unique per symbol). */
  orderId: number;
  /** The order's client id (its own, also after a cancel). */
  clientOrderId: string;
  /** `BUY` or `SELL`. */
  side: string;
  /** The order type. */
  type: string;
  /** `PENDING_NEW`, `NEW`, `PARTIALLY_FILLED`; a closed one `FILLED`, `CANCELED`, … */
  status: string;
  /** Limit price. */
  price: string;
  /** Ordered quantity (lowered by an amendment). */
  origQty: string;
  /** Filled quantity. */
  executedQty: string;
  /** Filled quote quantity. */
  cumulativeQuoteQty: string;
  /** The order list's id, -1 for a single order. */
  orderListId: number;
  /** When the order last changed (the exchange's transaction time). */
  updateTime: number;
}

/** Why the view is being synchronised (again). */
export type AccountResyncReason =
  /** The first sync. */
  | "start"
  /** The User Data Stream subscription reported a gap (reconnect, termination, overflow). */
  | "gap"
  /** An event contradicted the view (events were missed that no id can show). */
  | "contradiction"
  /** The periodic compare with fresh snapshots found a difference. */
  | "reconcile"
  /** The socket closed (a resync follows the reconnect), or the subscription ended (none). */
  | "closed";

/** One difference between the view and fresh snapshots. */
export interface AccountDifference {
  /** What differs. */
  kind: "balance" | "order" | "orderList";
  /** The asset, `SYMBOL:orderId` or `SYMBOL:orderListId`. */
  key: string;
  /** What the view said (`undefined`: it did not have it). */
  view: unknown;
  /** What the exchange says (`undefined`: it does not have it). */
  exchange: unknown;
}

/** A gap found by the periodic compare with fresh snapshots. */
export interface AccountReconcileGap {
  /** Always `"reconcile"`. */
  reason: "reconcile";
  /** What differed. */
  differences: AccountDifference[];
}

/** Payloads of the account view's events. */
export interface AccountViewEventMap {
  /** The view is in sync (after the first sync, or a resync); `at` is the local time. */
  synced: { at: number };
  /** The view is out of sync and being rebuilt; reads give `undefined` meanwhile. */
  resyncing: { reason: AccountResyncReason; detail?: string };
  /** Something of the account changed (only while in sync). */
  changed: {
    kind: "balance" | "order" | "orderList";
    asset?: string;
    symbol?: string;
    orderId?: number;
    orderListId?: number;
  };
  /** Events may have been missed: the subscription's gap, or a reconcile difference. */
  gap: UserDataGap | AccountReconcileGap;
  /** A snapshot failed (retried with backoff), or the subscription ended. */
  error: { error: Error };
}

/** A listener of one account view event. */
export type AccountViewListener<K extends keyof AccountViewEventMap> = (
  payload: AccountViewEventMap[K],
) => void;

/** Counters of an account view. */
export interface AccountViewStats {
  /** Events that changed the view. */
  applied: number;
  /** Events that changed nothing (older, repeated, deltas, other types and symbols). */
  ignored: number;
  /** Snapshot rounds taken (three requests each), reconciles included. */
  snapshots: number;
  /** Resyncs after the first sync. */
  resyncs: number;
  /** Gaps seen (the subscription's and the reconcile's). */
  gaps: number;
  /** Contradictions found. */
  contradictions: number;
  /** Reconciles that compared the view with fresh snapshots. */
  reconciles: number;
}

/**
 * A local view of the account. Reads give `undefined` whenever the view is not in sync.
 * Create one with {@linkcode openAccountView}.
 */
export interface AccountView extends AsyncDisposable {
  /** Whether the view is in sync now (reads give the account). */
  readonly synced: boolean;
  /** Counters. */
  readonly stats: Readonly<AccountViewStats>;
  /**
   * One asset's balance.
   *
   * @param asset The asset, e.g. `"BTC"`.
   * @returns A copy (zero for an asset the account does not hold), or `undefined` while not in sync.
   */
  balance(asset: string): AccountBalance | undefined;
  /**
   * Every balance, by asset.
   *
   * @returns Copies, or `undefined` while not in sync.
   */
  balances(): AccountBalance[] | undefined;
  /**
   * The open orders, by symbol then orderId.
   *
   * @param symbol Only this symbol's.
   * @returns Copies, or `undefined` while not in sync.
   */
  openOrders(symbol?: string): AccountViewOrder[] | undefined;
  /**
   * The order with this client id: an open one, else one of the last 10 000 closed ones.
   *
   * @param clientOrderId The client id.
   * @returns A copy, or `undefined` when unknown or while not in sync.
   */
  order(clientOrderId: string): AccountViewOrder | undefined;
  /**
   * The open order lists, by orderListId.
   *
   * @param symbol Only this symbol's.
   * @returns Copies, or `undefined` while not in sync.
   */
  openOrderLists(symbol?: string): OrderListStatus[] | undefined;
  /**
   * Listens to an event.
   *
   * @param type The event.
   * @param listener The listener.
   * @returns A function that removes the listener.
   */
  on<K extends keyof AccountViewEventMap>(type: K, listener: AccountViewListener<K>): () => void;
  /**
   * Stops the view: leaves the subscription (the server's ends when no one else uses it),
   * stops pending snapshots and the reconcile timer. The connection stays open.
   *
   * @returns Resolves once everything stopped.
   */
  close(): Promise<void>;
}

class View implements AccountView {
  readonly #conn: WsApiConnection;
  readonly #state: AccountState;
  readonly #symbols: string[] | undefined;
  readonly #reconcileMs: number;
  // A throwing listener is an error event, never an uncaught error.
  readonly #listeners: Listeners<AccountViewEventMap> = new Listeners<AccountViewEventMap>(
    throwsAsErrorEvent((error) => this.#emit("error", { error })),
  );
  readonly #lifecycle = new AbortController();
  readonly #tasks: Set<Promise<void>> = new Set();
  readonly #off: (() => void)[] = [];
  readonly #stats = { snapshots: 0, resyncs: 0, gaps: 0, reconciles: 0 };
  #sub: UserDataSubscription<UserDataEvent> | undefined;
  #synced = false;
  #everSynced = false;
  #ended = false;
  #closed = false;
  /** Increases with every resync: the snapshots of an older round are dropped. */
  #generation = 0;
  /** The generation whose snapshot round was started (one round per generation). */
  #syncing: number | undefined;
  /** The socket closed: snapshots wait until the subscription is made again on the new one. */
  #awaitingResubscribe = false;
  #reconcileTimer: ReturnType<typeof setTimeout> | undefined;
  readonly firstSync: PromiseWithResolvers<void> = Promise.withResolvers<void>();
  /** The last error of a snapshot round (said by `openAccountView` when it times out). */
  lastError: Error | undefined;

  constructor(conn: WsApiConnection, options: AccountViewOptions) {
    this.#conn = conn;
    this.#symbols = options.symbols?.map((s) => s.toUpperCase());
    this.#state = new AccountState({ symbols: this.#symbols });
    this.#reconcileMs = options.reconcileMs ?? 60_000;
    this.firstSync.promise.catch(() => {});
  }

  get signal(): AbortSignal {
    return this.#lifecycle.signal;
  }

  get synced(): boolean {
    return this.#synced;
  }

  get stats(): Readonly<AccountViewStats> {
    const s = this.#state.stats;
    return {
      applied: s.applied,
      ignored: s.ignored,
      contradictions: s.contradictions,
      ...this.#stats,
    };
  }

  on<K extends keyof AccountViewEventMap>(type: K, listener: AccountViewListener<K>): () => void {
    return this.#listeners.on(type, listener);
  }

  #emit<K extends keyof AccountViewEventMap>(type: K, payload: AccountViewEventMap[K]): void {
    if (this.#listeners.emit(type, payload) || type !== "error") return;
    console.warn(`@binance-ws/spot: ${(payload as { error: Error }).error.message}`);
  }

  /** Starts the view; `close()` waits for it. */
  begin(): Promise<void> {
    const task = this.#start();
    this.#track(task.catch(() => {}));
    return task;
  }

  /** Subscribes (events are buffered from now on), then takes the snapshots. */
  async #start(): Promise<void> {
    this.#off.push(this.#conn.on("close", (e) => {
      if (!e.willReconnect) return this.#end("the connection closed");
      this.#awaitingResubscribe = true;
      this.#resync("closed", "the socket closed");
    }));
    // Closing the view (or its timeout) while the subscription is made rejects at once; the
    // client closes the server subscription nobody wants once Binance answers.
    let sub: UserDataSubscription<UserDataEvent>;
    const signal = this.#lifecycle.signal;
    try {
      // On a logged-on session (Ed25519); else (HMAC, RSA) signed for the connection's account.
      sub = await userDataStreamSubscribe(this.#conn, {}, { signal }).catch((error) => {
        if (!(error instanceof ValidationError)) throw error;
        return userDataStreamSubscribeSignature(this.#conn, {}, { signal });
      });
    } catch (error) {
      if (this.#closed) return;
      throw error;
    }
    if (this.#closed) {
      await sub.unsubscribe().catch(() => {});
      return;
    }
    this.#sub = sub;
    // A socket that closed while the first subscribe waited (unsent, e.g. for the logon) set
    // `#awaitingResubscribe`; the subscribe then went out on the new socket and was answered
    // there: it is the subscription the view waits for, and no `resubscribed` or `gap` follows.
    if (sub.subscriptionId !== undefined) this.#awaitingResubscribe = false;
    this.#off.push(
      sub.on("data", (event) => this.#onEvent(event)),
      sub.on("resubscribed", () => {
        this.#awaitingResubscribe = false;
      }),
      sub.on("gap", (gap) => {
        this.#awaitingResubscribe = false;
        this.#stats.gaps++;
        this.#emit("gap", gap);
        this.#resync("gap", `the subscription reported a gap (${gap.reason})`);
      }),
      sub.on("end", (e) => this.#end(`its User Data Stream subscription ended (${e.reason})`)),
      sub.on("error", (e) => {
        this.#emit("error", e);
        // An event the subscription could not read (counted as malformed) is an event lost:
        // the state may be stale, so the view resyncs, as on a gap.
        const malformed = sub.stats.malformed;
        if (malformed !== this.#malformedSeen) {
          this.#malformedSeen = malformed;
          this.#resync("gap", "an event of the subscription could not be read");
        }
      }),
    );
    this.#malformedSeen = sub.stats.malformed;
    this.#sync();
  }

  /** The subscription's malformed-event count last seen (each new one resyncs). */
  #malformedSeen = 0;

  #onEvent(event: UserDataEvent): void {
    if (this.#closed || this.#ended) return;
    if (event.eventType === "eventStreamTerminated") {
      // No event follows on this subscription: the state is stale from now until the client
      // subscribed again (its gap) or the subscription ended (the view stops).
      this.#awaitingResubscribe = true;
      this.#resync("gap", "the subscription was terminated (eventStreamTerminated)");
      return;
    }
    let result;
    try {
      result = this.#state.push(event);
    } catch (error) {
      // A model guarantees its fields; anything else means the state cannot be trusted.
      this.#emit("error", { error: toError(error) });
      this.#resync("contradiction", `an event could not be applied: ${toError(error).message}`);
      return;
    }
    if (result.overflow) {
      const gap: UserDataGap = { reason: "overflow" };
      this.#stats.gaps++;
      this.#emit("gap", gap);
      this.#resync("gap", "too many events arrived before the snapshots");
      return;
    }
    if (result.contradiction !== undefined) {
      this.#resync("contradiction", result.contradiction);
      return;
    }
    if (!this.#synced) return;
    for (const change of result.changes) this.#emit("changed", changeEvent(change));
  }

  /** Drops the view's state (reads give `undefined` from now on) and syncs again. */
  #resync(reason: AccountResyncReason, detail: string): void {
    if (this.#closed || this.#ended) return;
    if (this.#synced) this.#stats.resyncs++;
    this.#synced = false;
    this.#generation++;
    this.#state.reset();
    clearTimeout(this.#reconcileTimer);
    this.#emit("resyncing", { reason, detail });
    this.#sync();
  }

  /** The view cannot go on: its subscription or connection ended. */
  #end(why: string): void {
    if (this.#closed || this.#ended) return;
    this.#ended = true;
    this.#synced = false;
    this.#generation++;
    this.#state.reset();
    clearTimeout(this.#reconcileTimer);
    const error = new ConnectionClosedError({
      what: "the account view",
      advice: `It stopped: ${why}. Close it and open a new one with openAccountView().`,
    });
    this.#emit("resyncing", { reason: "closed", detail: why });
    if (this.#everSynced) this.#emit("error", { error });
    else this.firstSync.reject(error);
  }

  #track(task: Promise<void>): void {
    this.#tasks.add(task);
    task.finally(() => this.#tasks.delete(task));
  }

  /**
   * A server time the exchange has surely reached (the clock's offset plus its uncertainty), in
   * the connection's unit (µs with `timeUnit: "MICROSECOND"`, as its snapshots and events).
   */
  #serverBound(): number {
    const ms = Date.now() + this.#conn.clockOffsetMs + this.#conn.clockUncertaintyMs + 1;
    return this.#conn.timeUnit === "MICROSECOND" ? ms * 1000 : ms;
  }

  /** Takes the three snapshots at once. */
  async #snapshots(): Promise<AccountSnapshots> {
    const signal = this.#lifecycle.signal;
    this.#stats.snapshots++;
    let ordersTime = 0, orderListsTime = 0;
    const orders = this.#symbols
      ? Promise.all(
        this.#symbols.map((symbol) => openOrdersStatus(this.#conn, { symbol }, { signal })),
      )
        .then((lists) => lists.flat())
      : openOrdersStatus(this.#conn, {}, { signal });
    const [account, open, lists] = await Promise.all([
      accountStatus(this.#conn, {}, { signal }),
      orders.then((o: QueriedOrder[]) => {
        ordersTime = this.#serverBound();
        return o;
      }),
      openOrderListsStatus(this.#conn, {}, { signal }).then((l) => {
        orderListsTime = this.#serverBound();
        return l;
      }),
    ]);
    return { account, orders: open, orderLists: lists, ordersTime, orderListsTime };
  }

  /** Waits until the subscription is active on the server (after a reconnect it is made again). */
  async #subscribed(generation: number): Promise<boolean> {
    while (!this.#closed && !this.#ended && this.#generation === generation) {
      if (!this.#awaitingResubscribe && this.#sub?.subscriptionId !== undefined) return true;
      await abortableDelay(10, this.#lifecycle.signal).catch(() => {});
    }
    return false;
  }

  #sync(): void {
    const generation = this.#generation;
    // One round per generation: a resync during the first subscribe started it already.
    if (this.#syncing === generation) return;
    this.#syncing = generation;
    this.#track((async () => {
      const signal = this.#lifecycle.signal;
      for (let attempt = 1;; attempt++) {
        if (!await this.#subscribed(generation)) return;
        let snapshots: AccountSnapshots;
        try {
          snapshots = await this.#snapshots();
        } catch (error) {
          if (this.#closed || signal.aborted || this.#generation !== generation) return;
          if (isPermanentSnapshotError(error)) {
            if (this.#everSynced) this.#emit("error", { error: toError(error) });
            else this.firstSync.reject(error);
            return;
          }
          this.lastError = toError(error);
          this.#emit("error", { error: this.lastError });
          await abortableDelay(backoffDelay(attempt, 250, 5000, 2, true), signal).catch(() => {});
          continue;
        }
        if (this.#closed || this.#ended || this.#generation !== generation) return;
        const result = this.#state.load(snapshots);
        if (result.contradiction !== undefined) {
          this.#resync("contradiction", result.contradiction);
          return;
        }
        this.#synced = true;
        this.#everSynced = true;
        this.#emit("synced", { at: Date.now() });
        this.firstSync.resolve();
        this.#scheduleReconcile(generation);
        return;
      }
    })());
  }

  #scheduleReconcile(generation: number): void {
    if (this.#reconcileMs === 0 || this.#closed) return;
    clearTimeout(this.#reconcileTimer);
    this.#reconcileTimer = setTimeout(() => {
      this.#reconcileTimer = undefined;
      this.#track(this.#reconcile(generation));
    }, this.#reconcileMs);
  }

  /**
   * Compares the view with fresh snapshots. What an event changed since the snapshots were
   * asked is in motion and not compared; the compare waits a moment after the snapshots
   * arrive, for the events of what they show to arrive too.
   */
  async #reconcile(generation: number): Promise<void> {
    const signal = this.#lifecycle.signal;
    const current = () => !this.#closed && this.#synced && this.#generation === generation;
    if (!current()) return;
    const since = this.#state.version;
    let snapshots: AccountSnapshots;
    try {
      snapshots = await this.#snapshots();
      await abortableDelay(Math.min(RECONCILE_SETTLE_MS, this.#reconcileMs / 2), signal);
    } catch (error) {
      if (!current() || signal.aborted) return;
      this.#emit("error", { error: toError(error) });
      this.#scheduleReconcile(generation);
      return;
    }
    if (!current()) return;
    this.#stats.reconciles++;
    const differences = this.#state.reconcile(snapshots, since);
    if (differences.length === 0) {
      this.#scheduleReconcile(generation);
      return;
    }
    this.#stats.gaps++;
    this.#emit("gap", { reason: "reconcile", differences });
    this.#resync(
      "reconcile",
      `${differences.length} difference(s) with fresh snapshots, first ${differences[0].kind} ` +
        `"${differences[0].key}"`,
    );
  }

  balance(asset: string): AccountBalance | undefined {
    return this.#synced ? this.#state.balance(asset) : undefined;
  }

  balances(): AccountBalance[] | undefined {
    return this.#synced ? this.#state.balances() : undefined;
  }

  openOrders(symbol?: string): AccountViewOrder[] | undefined {
    return this.#synced ? this.#state.openOrders(symbol?.toUpperCase()) : undefined;
  }

  order(clientOrderId: string): AccountViewOrder | undefined {
    return this.#synced ? this.#state.order(clientOrderId) : undefined;
  }

  openOrderLists(symbol?: string): OrderListStatus[] | undefined {
    return this.#synced ? this.#state.openOrderLists(symbol?.toUpperCase()) : undefined;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#synced = false;
    clearTimeout(this.#reconcileTimer);
    const closed = new ConnectionClosedError({
      what: "the account view",
      advice: "It was closed; open a new one with openAccountView().",
    });
    this.#lifecycle.abort(closed);
    this.firstSync.reject(closed);
    for (const off of this.#off.splice(0)) off();
    await this.#sub?.unsubscribe().catch(() => {});
    await Promise.all([...this.#tasks]);
    this.#state.reset();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

function changeEvent(change: StateChange): AccountViewEventMap["changed"] {
  return { ...change };
}

/**
 * Opens a local view of the account: balances, open orders and open order lists, kept equal
 * to the exchange's. The procedure, as `openOrderBook`'s for the market:
 *
 * 1. Subscribe to the User Data Stream and buffer its events: `userDataStreamSubscribe` on a
 *    logged-on session (an Ed25519 key), else `userDataStreamSubscribeSignature` (HMAC, RSA).
 * 2. Take three snapshots: `account.status`, `openOrders.status`, `openOrderLists.status`.
 * 3. Apply the buffered and later events that are newer than the snapshots: a balance event
 *    whose time `u` is older than the balance's (at first the snapshot's `updateTime`) changes
 *    nothing; an order's report older than the order's `updateTime` changes nothing; ties of
 *    time are resolved by the idempotent rule.
 *
 * Events are applied idempotently: an order's status and cumulative filled quantity only move
 * forward (compared as exact decimals), `outboundAccountPosition` carries absolute balances, so
 * a repeated or older event changes nothing. `balanceUpdate` and `externalLockUpdate` carry
 * deltas and are not applied: the `outboundAccountPosition` Binance sends after each of them
 * is. A closed order leaves the open orders; `order(clientOrderId)` still answers for the last
 * 10 000 closed ones.
 *
 * The view never exposes state known to be stale: every read gives `undefined` from the moment
 * the socket closes or a gap is seen until it is in sync again. It resyncs the same way on every
 * `gap` of the subscription, at once on an event that contradicts it (a report that is not NEW
 * for an unknown order, a fill beyond an order's quantity or one that skips a fill, a list
 * status for an unknown list: events the exchange did not send, which no id shows), and when
 * the compare with fresh snapshots every `reconcileMs` finds a difference (a `gap` event with
 * reason `"reconcile"`). When the subscription ends (by `userDataStreamUnsubscribe`, a logout,
 * or the connection's end) the view stops: its reads stay `undefined` and an `error` event says
 * why; close it and open a new one.
 *
 * @param conn A WebSocket API connection with `credentials` (any key type).
 * @param options Reconcile period, first-sync timeout, symbols, signal.
 * @returns The view, once in sync.
 * @throws {ValidationError} when an option is invalid (nothing is sent).
 * @throws {RequestTimeoutError} when the view is not in sync within `timeoutMs`.
 * @throws {BinanceApiError} when the subscription or a snapshot is refused for good.
 *
 * @example Keep the account of the embedded fake exchange
 * ```ts
 * import { connectWsApi, createSigner, openAccountView, orderPlace } from "@binance-ws/spot";
 * import { FAKE_ACCOUNT, startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * const signer = await createSigner(FAKE_ACCOUNT.ed25519Key);
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer }, // Ed25519: the session logs on
 * });
 * await using view = await openAccountView(conn);
 * await orderPlace(conn, {
 *   symbol: "BTCUSDT",
 *   side: "BUY",
 *   type: "LIMIT",
 *   timeInForce: "GTC",
 *   quantity: "0.01",
 *   price: "60000",
 *   newClientOrderId: "my-bid",
 * });
 * // The view follows the User Data Stream: the order, then the 600 USDT it locks.
 * while (view.balance("USDT")?.locked !== "600.00000000") {
 *   await new Promise((resolve) => setTimeout(resolve, 5));
 * }
 * assert.equal(view.order("my-bid")?.status, "NEW");
 * assert.equal(view.openOrders("BTCUSDT")?.length, 1);
 * const usdt = exchange.trading.balances(FAKE_ACCOUNT.apiKey).USDT;
 * assert.deepEqual(view.balance("USDT"), { asset: "USDT", ...usdt });
 * ```
 */
export async function openAccountView(
  conn: WsApiConnection,
  options: AccountViewOptions = {},
): Promise<AccountView> {
  checkOptions("openAccountView", options, OPTIONS);
  const view = new View(conn, options);
  const onAbort = () => void view.close();
  if (options.signal?.aborted) throw options.signal.reason;
  options.signal?.addEventListener("abort", onAbort, { once: true });
  view.signal.addEventListener(
    "abort",
    () => options.signal?.removeEventListener("abort", onAbort),
    { once: true },
  );
  const timeoutMs = options.timeoutMs ?? 30_000;
  try {
    await deadline(
      view.begin().then(() => view.firstSync.promise),
      timeoutMs,
      // The view's error events cannot be heard yet (it is not returned): the error says it.
      () =>
        new RequestTimeoutError({
          method: "openAccountView",
          timeoutMs,
          advice: "The account view is not in sync yet" +
            (view.lastError === undefined ? "" : ` (last error: ${view.lastError.message})`) +
            '. Raise "timeoutMs" if the snapshots are slow.',
          cause: view.lastError,
        }),
    );
  } catch (error) {
    await view.close();
    throw error;
  }
  return view;
}
