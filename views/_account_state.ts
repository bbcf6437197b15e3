// Private: the account view's state machine. Balances, open orders and open order lists kept
// from three snapshots and the User Data Stream's events, by the rules `account_view.ts`
// documents. Pure and synchronous: no I/O, no timers, no clock (the caller passes every time),
// so every rule is unit-tested with synthetic events (tests/views/account_state_test.ts).
//
// The rules, in one place:
// - Until `load()`, events are buffered (at most `bufferLimit`; more is an overflow: the
//   buffer is dropped and the caller starts over). `load()` sets the snapshots, then applies the
//   buffered events that are newer than each snapshot, by the same rules as later events.
// - Balances: `outboundAccountPosition` carries absolute balances with its own time `u`. An
//   asset's values are replaced when `u` is not older than the asset's time (the account
//   snapshot's `updateTime` at first); a tie is applied (the later event of one millisecond is
//   the newer state, and repeating an absolute value changes nothing). `balanceUpdate` and
//   `externalLockUpdate` carry deltas: they are NOT applied (the `outboundAccountPosition` that
//   Binance sends after each of them is), so a repeated delta can never count twice.
// - Orders: keyed by symbol and orderId. An event older than the order's `updateTime` changes
//   nothing; otherwise it is applied only when it moves the order forward: cumulative filled
//   quantity up, or status up (PENDING_NEW < NEW < PARTIALLY_FILLED < PENDING_CANCEL < closed),
//   or quantity down (an amendment, which also gives the order the new client id of `c`),
//   never one of them backward. Ties of time are resolved by
//   this rule alone, so a repeated or older event changes nothing. Decimals are compared exactly.
// - A closed order (FILLED, CANCELED, EXPIRED, EXPIRED_IN_MATCH, REJECTED) leaves the open set;
//   the last `closedLimit` closed orders are kept to answer `order(clientOrderId)` and to
//   recognize late duplicates.
// - Lists: keyed by orderListId; a listStatus replaces the list when its time is not older and
//   its listOrderStatus does not move backward (EXECUTING < ALL_DONE, REJECT); ALL_DONE and
//   REJECT close it.
// - Contradictions (the view missed events that the ids cannot show): an executionReport that is
//   not NEW (nor REJECTED, which may be an order's only report) for an order the state does not
//   know, unless it is not newer than the orders snapshot (the order then ended before it); a
//   fill beyond the order's quantity; a TRADE whose cumulative quantity skips a fill
//   (`z - l` above the known `z`); a listStatus other than EXEC_STARTED/EXECUTING, RESPONSE or
//   REJECT for an unknown list newer than the lists snapshot. The caller resyncs.
// - Reconcile: the state against fresh snapshots, skipping every item an event changed since
//   the version taken before the snapshots were asked (those are in motion, not wrong).

import { compare, type Decimal, parseDecimal } from "../core/_decimal.ts";
import type { ExecutionReportEvent } from "../models/execution_report_event.ts";
import type { ListStatusEvent } from "../models/list_status_event.ts";
import type { OrderListStatus } from "../models/order_list.ts";
import type { OutboundAccountPositionEvent } from "../models/outbound_account_position_event.ts";

/** An executionReport, the fields the state reads. */
export type ExecutionReportFields = Pick<
  ExecutionReportEvent,
  | "eventType"
  | "symbol"
  | "clientOrderId"
  | "side"
  | "orderType"
  | "origQty"
  | "price"
  | "orderListId"
  | "origClientOrderId"
  | "executionType"
  | "orderStatus"
  | "orderId"
  | "lastExecutedQty"
  | "cumulativeFilledQty"
  | "cumulativeQuoteQty"
  | "transactionTime"
>;

/** An outboundAccountPosition, the fields the state reads. */
export type AccountPositionFields = Pick<
  OutboundAccountPositionEvent,
  "eventType" | "lastUpdateTime" | "balances"
>;

/** A listStatus, the fields the state reads. */
export type ListStatusFields = Pick<
  ListStatusEvent,
  | "eventType"
  | "symbol"
  | "orderListId"
  | "contingencyType"
  | "listStatusType"
  | "listOrderStatus"
  | "listClientOrderId"
  | "transactionTime"
  | "orders"
>;

/** Any user data event (`UserDataEvent` is one): read by `eventType`; the others are counted. */
export interface StateEvent {
  readonly eventType: string;
}

/** One asset's balance. */
export interface BalanceEntry {
  asset: string;
  free: string;
  locked: string;
}

/** One order as the state knows it. */
export interface OrderEntry {
  symbol: string;
  orderId: number;
  clientOrderId: string;
  side: string;
  type: string;
  status: string;
  price: string;
  origQty: string;
  executedQty: string;
  cumulativeQuoteQty: string;
  orderListId: number;
  updateTime: number;
}

/** An open order as `openOrders.status` gives it (`QueriedOrder` is one). */
export interface OrderSnapshot {
  symbol: string;
  orderId: number;
  orderListId: number;
  clientOrderId: string;
  price: string;
  /** Absent for an OPO's pending order (its quantity comes from the working order's fill). */
  origQty?: string;
  executedQty: string;
  cummulativeQuoteQty: string;
  status: string;
  type: string;
  side: string;
  updateTime: number;
}

/** The state's entry of an order snapshot (Binance spells `cummulativeQuoteQty`). */
function entryOf(o: OrderSnapshot): OrderEntry {
  return {
    symbol: o.symbol,
    orderId: o.orderId,
    clientOrderId: o.clientOrderId,
    side: o.side,
    type: o.type,
    status: o.status,
    price: o.price,
    // As its executionReport says it (`q`): zero until the working order fills.
    origQty: o.origQty ?? "0.00000000",
    executedQty: o.executedQty,
    cumulativeQuoteQty: o.cummulativeQuoteQty,
    orderListId: o.orderListId,
    updateTime: o.updateTime,
  };
}

/** The three snapshots. */
export interface AccountSnapshots {
  /** `account.status` (`AccountStatus` is one). */
  account: { updateTime: number; balances: readonly BalanceEntry[] };
  /** `openOrders.status`. */
  orders: readonly OrderSnapshot[];
  /** `openOrderLists.status`. */
  orderLists: readonly OrderListStatus[];
  /**
   * A server time the exchange had surely reached when the orders snapshot was answered: a
   * report of an unknown order not newer than it is of an order that ended before.
   */
  ordersTime: number;
  /** The same for the order lists snapshot. */
  orderListsTime: number;
}

/** What changed. */
export type StateChange =
  | { kind: "balance"; asset: string }
  | { kind: "order"; symbol: string; orderId: number }
  | { kind: "orderList"; symbol: string; orderListId: number };

/** The outcome of `push` or `load`. */
export interface StateResult {
  /** What changed (empty while buffering, and for `load` itself). */
  changes: StateChange[];
  /** Why the state cannot be trusted any more (the caller resyncs), if it cannot. */
  contradiction?: string;
  /** The buffer overflowed and was dropped (the caller starts over). */
  overflow?: boolean;
}

/** One difference found by `reconcile`. */
export interface StateDifference {
  /** What differs. */
  kind: "balance" | "order" | "orderList";
  /** The asset, `SYMBOL:orderId` or `SYMBOL:orderListId`. */
  key: string;
  /** What the state says (`undefined`: it does not have it). */
  view: unknown;
  /** What the snapshot says (`undefined`: the exchange does not have it). */
  exchange: unknown;
}

/** Counters of the state. */
export interface StateStats {
  /** Events that changed the state. */
  applied: number;
  /** Events that changed nothing: older, repeated, deltas, other types, other symbols. */
  ignored: number;
  /** Contradictions found. */
  contradictions: number;
}

interface BalanceRecord {
  entry: BalanceEntry;
  /** The time of the values (`u`, or the snapshot's `updateTime`). */
  time: number;
  /** The state version of the last change. */
  touched: number;
}

interface OrderRecord {
  entry: OrderEntry;
  filled: Decimal;
  qty: Decimal;
  rank: number;
  touched: number;
}

interface ListRecord {
  entry: OrderListStatus;
  rank: number;
  touched: number;
}

const STATUS_RANK: Record<string, number> = {
  PENDING_NEW: 0,
  NEW: 1,
  PARTIALLY_FILLED: 2,
  PENDING_CANCEL: 3,
  FILLED: 4,
  CANCELED: 4,
  REJECTED: 4,
  EXPIRED: 4,
  EXPIRED_IN_MATCH: 4,
};
const CLOSED = 4;

/** An order's status rank (an unknown status counts as an open one after NEW). */
function statusRank(status: string): number {
  return STATUS_RANK[status] ?? 2;
}

/** A list's rank: EXECUTING 0, ALL_DONE and REJECT (closed) 1. */
function listRank(listOrderStatus: string): number {
  return listOrderStatus === "ALL_DONE" || listOrderStatus === "REJECT" ? 1 : 0;
}

function dec(text: string): Decimal {
  return parseDecimal(text);
}

function plus(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  const up = (d: Decimal) => d.units * 10n ** BigInt(scale - d.scale);
  return { units: up(a) + up(b), scale };
}

function sameDecimal(a: string, b: string): boolean {
  return compare(dec(a), dec(b)) === 0;
}

function orderKey(symbol: string, orderId: number): string {
  return `${symbol}:${orderId}`;
}

function sameOrder(a: OrderEntry, b: OrderEntry): boolean {
  return a.status === b.status && a.clientOrderId === b.clientOrderId &&
    sameDecimal(a.executedQty, b.executedQty) && sameDecimal(a.origQty, b.origQty) &&
    sameDecimal(a.cumulativeQuoteQty, b.cumulativeQuoteQty) && sameDecimal(a.price, b.price);
}

function sameList(a: OrderListStatus, b: OrderListStatus): boolean {
  return a.listOrderStatus === b.listOrderStatus && a.orders.length === b.orders.length &&
    a.orders.every((o, i) =>
      o.orderId === b.orders[i].orderId && o.clientOrderId === b.orders[i].clientOrderId
    );
}

function copyList(list: OrderListStatus): OrderListStatus {
  return { ...list, orders: list.orders.map((o) => ({ ...o })) };
}

/** Options of the state. */
export interface AccountStateOptions {
  /** Only orders and lists of these symbols (upper case) are kept; every balance is. */
  symbols?: readonly string[];
  /** Closed orders remembered. Default 10 000. */
  closedLimit?: number;
  /** Events buffered before `load()` at most. Default 100 000. */
  bufferLimit?: number;
}

/** The account's state machine. Starts buffering. */
export class AccountState {
  readonly #symbols: ReadonlySet<string> | undefined;
  readonly #closedLimit: number;
  readonly #bufferLimit: number;
  #loaded = false;
  #buffer: StateEvent[] = [];
  #balances = new Map<string, BalanceRecord>();
  #balanceTime = 0;
  #open = new Map<string, OrderRecord>();
  #closed = new Map<string, OrderRecord>();
  #byClientId = new Map<string, OrderRecord>();
  #lists = new Map<number, ListRecord>();
  #closedLists = new Map<number, ListRecord>();
  #ordersTime = 0;
  #listsTime = 0;
  #version = 0;
  readonly #stats: StateStats = { applied: 0, ignored: 0, contradictions: 0 };

  constructor(options: AccountStateOptions = {}) {
    this.#symbols = options.symbols ? new Set(options.symbols) : undefined;
    this.#closedLimit = options.closedLimit ?? 10_000;
    this.#bufferLimit = options.bufferLimit ?? 100_000;
  }

  /** Whether the snapshots are loaded (reads give the state). */
  get loaded(): boolean {
    return this.#loaded;
  }

  /** Events buffered now. */
  get buffered(): number {
    return this.#buffer.length;
  }

  /** Increases with every change: `reconcile` skips what changed after a version. */
  get version(): number {
    return this.#version;
  }

  /** The counters. */
  get stats(): Readonly<StateStats> {
    return { ...this.#stats };
  }

  /** Forgets everything and buffers again (a resync). */
  reset(): void {
    this.#loaded = false;
    this.#buffer = [];
    this.#balances = new Map();
    this.#open = new Map();
    this.#closed = new Map();
    this.#byClientId = new Map();
    this.#lists = new Map();
    this.#closedLists = new Map();
  }

  /**
   * Takes one event: buffered before `load()`, applied after.
   *
   * @param event A user data event.
   * @returns What changed, a contradiction, or an overflow of the buffer.
   */
  push(event: StateEvent): StateResult {
    if (!this.#loaded) {
      if (this.#buffer.length >= this.#bufferLimit) {
        this.#buffer = [];
        return { changes: [], overflow: true };
      }
      this.#buffer.push(event);
      return { changes: [] };
    }
    const changes: StateChange[] = [];
    const contradiction = this.#apply(event, changes);
    if (contradiction !== undefined) {
      this.#stats.contradictions++;
      return { changes, contradiction };
    }
    return { changes };
  }

  /**
   * Sets the snapshots and applies the buffered events newer than them.
   *
   * @param snapshots The three snapshots and their times.
   * @returns A contradiction found in the buffered events, if any (then the state is not loaded).
   */
  load(snapshots: AccountSnapshots): StateResult {
    const buffered = this.#buffer;
    this.reset();
    this.#version++;
    const v = this.#version;
    this.#balanceTime = snapshots.account.updateTime;
    for (const b of snapshots.account.balances) {
      this.#balances.set(b.asset, {
        entry: { asset: b.asset, free: b.free, locked: b.locked },
        time: snapshots.account.updateTime,
        touched: v,
      });
    }
    for (const o of snapshots.orders) {
      if (!this.#wanted(o.symbol)) continue;
      this.#store(this.#record(entryOf(o), v));
    }
    for (const l of snapshots.orderLists) {
      if (!this.#wanted(l.symbol)) continue;
      const rec = { entry: copyList(l), rank: listRank(l.listOrderStatus), touched: v };
      (rec.rank === 0 ? this.#lists : this.#closedLists).set(l.orderListId, rec);
    }
    this.#ordersTime = snapshots.ordersTime;
    this.#listsTime = snapshots.orderListsTime;
    this.#loaded = true;
    const changes: StateChange[] = [];
    for (const event of buffered) {
      const contradiction = this.#apply(event, changes);
      if (contradiction !== undefined) {
        this.#stats.contradictions++;
        this.reset();
        return { changes: [], contradiction };
      }
    }
    return { changes: [] };
  }

  #wanted(symbol: string): boolean {
    return this.#symbols === undefined || this.#symbols.has(symbol);
  }

  #record(entry: OrderEntry, touched: number): OrderRecord {
    return {
      entry,
      filled: dec(entry.executedQty),
      qty: dec(entry.origQty),
      rank: statusRank(entry.status),
      touched,
    };
  }

  /** Files an order record as open or closed, and indexes its client id. */
  #store(rec: OrderRecord): void {
    const key = orderKey(rec.entry.symbol, rec.entry.orderId);
    const index = this.#byClientId.get(rec.entry.clientOrderId);
    if (rec.rank < CLOSED) {
      this.#open.set(key, rec);
      this.#byClientId.set(rec.entry.clientOrderId, rec);
      return;
    }
    this.#open.delete(key);
    this.#closed.delete(key);
    this.#closed.set(key, rec);
    if (
      index === undefined || index.rank >= CLOSED ||
      orderKey(index.entry.symbol, index.entry.orderId) === key
    ) {
      this.#byClientId.set(rec.entry.clientOrderId, rec);
    }
    while (this.#closed.size > this.#closedLimit) {
      const [oldKey, old] = this.#closed.entries().next().value!;
      this.#closed.delete(oldKey);
      if (this.#byClientId.get(old.entry.clientOrderId) === old) {
        this.#byClientId.delete(old.entry.clientOrderId);
      }
    }
  }

  /** Applies one event to the loaded state; returns a contradiction, if any. */
  #apply(event: StateEvent, changes: StateChange[]): string | undefined {
    switch (event.eventType) {
      case "outboundAccountPosition":
        this.#position(event as AccountPositionFields, changes);
        return undefined;
      case "executionReport":
        return this.#execution(event as ExecutionReportFields, changes);
      case "listStatus":
        return this.#listStatus(event as ListStatusFields, changes);
      default:
        this.#stats.ignored++;
        return undefined;
    }
  }

  #position(e: AccountPositionFields, changes: StateChange[]): void {
    let changed = false;
    for (const b of e.balances) {
      const rec = this.#balances.get(b.asset);
      if (e.lastUpdateTime < (rec?.time ?? this.#balanceTime)) continue;
      if (rec) {
        rec.time = e.lastUpdateTime;
        if (sameDecimal(rec.entry.free, b.free) && sameDecimal(rec.entry.locked, b.locked)) {
          continue;
        }
        rec.entry = { asset: b.asset, free: b.free, locked: b.locked };
        rec.touched = ++this.#version;
      } else {
        this.#balances.set(b.asset, {
          entry: { asset: b.asset, free: b.free, locked: b.locked },
          time: e.lastUpdateTime,
          touched: ++this.#version,
        });
      }
      changed = true;
      changes.push({ kind: "balance", asset: b.asset });
    }
    this.#stats[changed ? "applied" : "ignored"]++;
  }

  #execution(e: ExecutionReportFields, changes: StateChange[]): string | undefined {
    if (!this.#wanted(e.symbol)) {
      this.#stats.ignored++;
      return undefined;
    }
    const key = orderKey(e.symbol, e.orderId);
    const known = this.#open.get(key) ?? this.#closed.get(key);
    const filled = dec(e.cumulativeFilledQty);
    const qty = dec(e.origQty);
    const rank = statusRank(e.orderStatus);
    const where = `the executionReport ${e.executionType}/${e.orderStatus} of order ${e.orderId} ` +
      `("${e.clientOrderId}") of ${e.symbol} at ${e.transactionTime}`;
    if (!known) {
      if (e.executionType !== "NEW" && e.executionType !== "REJECTED") {
        if (e.transactionTime <= this.#ordersTime) {
          this.#stats.ignored++; // the order ended before the snapshot
          return undefined;
        }
        return `${where} is for an order the view does not know`;
      }
      if (e.executionType === "REJECTED" && rank < CLOSED) {
        this.#stats.ignored++;
        return undefined;
      }
    } else {
      if (
        e.transactionTime < known.entry.updateTime || compare(filled, known.filled) < 0 ||
        rank < known.rank || (known.rank >= CLOSED && rank >= CLOSED)
      ) {
        this.#stats.ignored++; // older, repeated, or after the order closed
        return undefined;
      }
      const forward = compare(filled, known.filled) > 0 || rank > known.rank ||
        compare(qty, known.qty) < 0;
      if (!forward) {
        this.#stats.ignored++;
        return undefined;
      }
      if (
        e.executionType === "TRADE" &&
        compare(plus(known.filled, dec(e.lastExecutedQty)), filled) < 0
      ) {
        return `${where} skips a fill: it fills ${e.cumulativeFilledQty} after ${known.entry.executedQty} + ${e.lastExecutedQty}`;
      }
    }
    const limit = known && compare(known.qty, qty) < 0 ? known.qty : qty;
    if (limit.units !== 0n && compare(filled, limit) > 0) {
      return `${where} fills ${e.cumulativeFilledQty}, beyond the order's quantity`;
    }
    const entry: OrderEntry = {
      symbol: e.symbol,
      orderId: e.orderId,
      // A cancel's report carries the cancel request's id in `c` and the order's in `C`; an
      // amendment's (REPLACED) the order's new id in `c`; every other report the order's own.
      clientOrderId: e.executionType !== "CANCELED"
        ? e.clientOrderId
        : known?.entry.clientOrderId ?? (e.origClientOrderId || e.clientOrderId),
      side: e.side,
      type: e.orderType,
      status: e.orderStatus,
      price: e.price,
      origQty: e.origQty,
      executedQty: e.cumulativeFilledQty,
      cumulativeQuoteQty: e.cumulativeQuoteQty,
      orderListId: e.orderListId,
      updateTime: Math.max(e.transactionTime, known?.entry.updateTime ?? 0),
    };
    if (known && known.entry.clientOrderId !== entry.clientOrderId) {
      // The old client id no longer names this order.
      if (this.#byClientId.get(known.entry.clientOrderId) === known) {
        this.#byClientId.delete(known.entry.clientOrderId);
      }
    }
    this.#store(this.#record(entry, ++this.#version));
    this.#stats.applied++;
    changes.push({ kind: "order", symbol: e.symbol, orderId: e.orderId });
    return undefined;
  }

  #listStatus(e: ListStatusFields, changes: StateChange[]): string | undefined {
    if (!this.#wanted(e.symbol)) {
      this.#stats.ignored++;
      return undefined;
    }
    const known = this.#lists.get(e.orderListId) ?? this.#closedLists.get(e.orderListId);
    const rank = listRank(e.listOrderStatus);
    if (!known) {
      const start = e.listStatusType === "EXEC_STARTED" && e.listOrderStatus === "EXECUTING";
      const failed = e.listStatusType === "RESPONSE" || e.listOrderStatus === "REJECT";
      if (failed || (!start && e.transactionTime <= this.#listsTime)) {
        this.#stats.ignored++;
        return undefined;
      }
      if (!start) {
        return `the listStatus ${e.listStatusType}/${e.listOrderStatus} of order list ` +
          `${e.orderListId} ("${e.listClientOrderId}") of ${e.symbol} at ${e.transactionTime} ` +
          "is for a list the view does not know";
      }
    } else if (
      e.transactionTime < known.entry.transactionTime || rank < known.rank ||
      (known.rank === 1 && rank === 1)
    ) {
      this.#stats.ignored++;
      return undefined;
    }
    const entry: OrderListStatus = {
      orderListId: e.orderListId,
      contingencyType: e.contingencyType,
      listStatusType: e.listStatusType,
      listOrderStatus: e.listOrderStatus,
      listClientOrderId: e.listClientOrderId,
      transactionTime: e.transactionTime,
      symbol: e.symbol,
      orders: e.orders.map((o) => ({
        symbol: o.symbol,
        orderId: o.orderId,
        clientOrderId: o.clientOrderId,
      })),
    };
    if (known && sameList(known.entry, entry)) {
      known.entry = entry;
      this.#stats.ignored++;
      return undefined;
    }
    const rec = { entry, rank, touched: ++this.#version };
    if (rank === 0) this.#lists.set(e.orderListId, rec);
    else {
      this.#lists.delete(e.orderListId);
      this.#closedLists.delete(e.orderListId);
      this.#closedLists.set(e.orderListId, rec);
      while (this.#closedLists.size > this.#closedLimit) {
        this.#closedLists.delete(this.#closedLists.keys().next().value!);
      }
    }
    this.#stats.applied++;
    changes.push({ kind: "orderList", symbol: e.symbol, orderListId: e.orderListId });
    return undefined;
  }

  // ---- reads (the caller gives `undefined` while not loaded) -----------------------------

  /** An asset's balance (zero for an asset the account never had). */
  balance(asset: string): BalanceEntry {
    const rec = this.#balances.get(asset);
    return rec ? { ...rec.entry } : { asset, free: "0.00000000", locked: "0.00000000" };
  }

  /** Every balance, by asset name. */
  balances(): BalanceEntry[] {
    return [...this.#balances.values()].map((r) => ({ ...r.entry }))
      .sort((a, b) => a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0);
  }

  /** The open orders (of one symbol), oldest orderId first. */
  openOrders(symbol?: string): OrderEntry[] {
    const out: OrderEntry[] = [];
    for (const r of this.#open.values()) {
      if (symbol === undefined || r.entry.symbol === symbol) out.push({ ...r.entry });
    }
    return out.sort((a, b) =>
      a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : a.orderId - b.orderId
    );
  }

  /** The order with this client id: an open one, else the last closed one remembered. */
  order(clientOrderId: string): OrderEntry | undefined {
    const rec = this.#byClientId.get(clientOrderId);
    return rec ? { ...rec.entry } : undefined;
  }

  /** The open order lists (of one symbol), oldest first. */
  openOrderLists(symbol?: string): OrderListStatus[] {
    const out: OrderListStatus[] = [];
    for (const r of this.#lists.values()) {
      if (symbol === undefined || r.entry.symbol === symbol) out.push(copyList(r.entry));
    }
    return out.sort((a, b) => a.orderListId - b.orderListId);
  }

  // ---- reconcile -------------------------------------------------------------------------

  /**
   * Compares the state with fresh snapshots. Items that an event changed after `since` (the
   * version read before the snapshots were asked) are in motion and skipped.
   *
   * @param snapshots Fresh snapshots (their times are not used).
   * @param since The state's version before the snapshots were asked.
   * @returns The differences (empty when the state equals the snapshots).
   */
  reconcile(snapshots: AccountSnapshots, since: number): StateDifference[] {
    const out: StateDifference[] = [];
    const moved = (touched: number | undefined) => touched !== undefined && touched > since;
    // Balances: an asset missing on one side counts as zero.
    const truth = new Map(snapshots.account.balances.map((b) => [b.asset, b]));
    const zero = (asset: string) => ({ asset, free: "0", locked: "0" });
    for (const asset of new Set([...truth.keys(), ...this.#balances.keys()])) {
      const rec = this.#balances.get(asset);
      if (moved(rec?.touched)) continue;
      const mine = rec?.entry ?? zero(asset);
      const theirs = truth.get(asset) ?? zero(asset);
      if (!sameDecimal(mine.free, theirs.free) || !sameDecimal(mine.locked, theirs.locked)) {
        out.push({ kind: "balance", key: asset, view: rec?.entry, exchange: truth.get(asset) });
      }
    }
    // Orders: the open set, both ways.
    const open = new Map<string, OrderSnapshot>();
    for (const o of snapshots.orders) {
      if (this.#wanted(o.symbol)) open.set(orderKey(o.symbol, o.orderId), o);
    }
    for (const [key, o] of open) {
      const rec = this.#open.get(key) ?? this.#closed.get(key);
      if (moved(rec?.touched)) continue;
      const theirs = this.#record(entryOf(o), 0).entry;
      if (!rec || rec.rank >= CLOSED || !sameOrder(rec.entry, theirs)) {
        out.push({ kind: "order", key, view: rec?.entry, exchange: theirs });
      }
    }
    for (const [key, rec] of this.#open) {
      if (!open.has(key) && !moved(rec.touched)) {
        out.push({ kind: "order", key, view: rec.entry, exchange: undefined });
      }
    }
    // Lists: the open set, both ways.
    const lists = new Map<number, OrderListStatus>();
    for (const l of snapshots.orderLists) if (this.#wanted(l.symbol)) lists.set(l.orderListId, l);
    for (const [id, l] of lists) {
      const rec = this.#lists.get(id) ?? this.#closedLists.get(id);
      if (moved(rec?.touched)) continue;
      if (!rec || rec.rank !== listRank(l.listOrderStatus) || !sameList(rec.entry, l)) {
        out.push({ kind: "orderList", key: `${l.symbol}:${id}`, view: rec?.entry, exchange: l });
      }
    }
    for (const [id, rec] of this.#lists) {
      if (!lists.has(id) && !moved(rec.touched)) {
        out.push({
          kind: "orderList",
          key: `${rec.entry.symbol}:${id}`,
          view: rec.entry,
          exchange: undefined,
        });
      }
    }
    return out;
  }
}
