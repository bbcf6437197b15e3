// Private: the fake exchange's User Data Stream (user-data-stream.md; web-socket-api.md "User
// Data Stream requests"): the subscriptions of each connection and the events of each account.
//
// Subscriptions: ids start at 0 on every connection and only grow; one active subscription per
// account per connection (-2035); at most 1000 active (-1191, the docs name no code) and 65 535
// over a connection's life (-2042). A subscription is `logon` (userDataStream.subscribe, ended
// by session.logout) or `signature` (userDataStream.subscribe.signature).
//
// Events: the matching engine (./matching.ts) tells this observer of every order transition as
// it happens; the reports are built at once (a snapshot of the order then) and buffered. At the
// end of each engine operation (`commit`) every account's events go out in the order they were
// recorded, then one `outboundAccountPosition` with the assets whose free or locked changed
// since the last commit (absolute values, `u` = the operation's time). An account's events go to
// each of its subscriptions on every connection. Event times (`E`) are the exchange clock's.
// Frames: `{"subscriptionId":N,"event":{…}}`. The exchange state never touches a socket: a
// connection is a `send` function given by the server.

import { type Account, type Accounts, balanceOf } from "./accounts.ts";
import { dec, SCALE } from "./decimal.ts";
import {
  isOpen,
  isStopType,
  type Order,
  type OrderList,
  type OrderType,
  reject,
} from "./orders.ts";

/** The execution types of an `executionReport` (enums.md) that the engine produces. */
export type ExecutionType =
  | "NEW"
  | "TRADE"
  | "CANCELED"
  | "REPLACED"
  | "EXPIRED"
  | "TRADE_PREVENTION"
  | "REJECTED";

/** A prevented match of an order (self-trade prevention), for `v`, `A`, `B`, `U`, `pl`, `pL`. */
export interface PreventedMatch {
  matchId: number;
  /** The quantity this match expired of the order (`B`). */
  qty: bigint;
  /** The other order of the match (`U`). */
  counterOrderId: number;
  /** The price it would have traded at (`pL`). */
  price: bigint;
  /** The quantity that would have traded (`pl`). */
  executionQty: bigint;
}

/** What the engine says of one order transition. */
export interface ReportInfo {
  /** `x`. */
  x: ExecutionType;
  /** The transaction time (`T`), on the exchange clock. */
  now: number;
  /** The execution id (`I`). */
  executionId: number;
  /** The order's own type when it executes as another (a triggered stop). */
  type?: OrderType;
  /** For NEW: the time it starts working (`W`), when it works at once. */
  workingTime?: number;
  /** For TRADE: the fill. */
  fill?: {
    price: bigint;
    qty: bigint;
    quote: bigint;
    commission: bigint;
    commissionAsset: string;
    tradeId: number;
    maker: boolean;
    /** An SOR order's allocation: `a`, with `b` (its match type). */
    allocationId?: number;
  };
  /** For TRADE_PREVENTION: the match. */
  prevented?: PreventedMatch;
  /** `c` when not the order's own (a cancel's new client id). */
  clientOrderId?: string;
  /** `C`: the client id of the order canceled or amended. */
  origClientOrderId?: string;
  /** `eR` when the order record has none (set by a list's contingency). */
  expiryReason?: string;
  /** For REJECTED: `r`, the reason (user-data-stream.md "Order Reject Reason"). */
  rejectReason?: string;
}

/** What the matching engine tells the User Data Stream. */
export interface TradingObserver {
  /** An order changed (see {@linkcode ReportInfo}). */
  report(o: Order, info: ReportInfo): void;
  /** An order became FILLED (its last TRADE report says so, even for a quote-quantity order). */
  filled(o: Order): void;
  /** An order list was placed, updated (`UPDATED`) or is done. */
  listStatus(l: OrderList, now: number, type?: "UPDATED"): void;
  /** An operation ended at `now`: the recorded events go out. */
  commit(now: number): void;
}

/** A WS API connection as the User Data Stream sees it (the server gives it). */
export interface UdsConnection {
  /** The connection's number (1, 2, … in order of opening). */
  readonly id: number;
  /** Its session: `userDataStream` is kept true while it has an active subscription. */
  readonly session: { userDataStream: boolean };
  /** Sends a text frame on it (nothing once it closed). */
  send(text: string): void;
  /** Whether it was opened with `timeUnit=MICROSECOND`: its events' times are then in µs. */
  readonly micro?: boolean;
}

/** The time fields of the events (user-data-stream.md), in ms; `D` is -1 until it is set. */
const TIME_FIELDS = ["E", "T", "O", "W", "u", "D"] as const;

/** An event with its times in µs, for a connection opened with `timeUnit=MICROSECOND`. */
function inMicroseconds(event: Event): Event {
  const out: Event = { ...event };
  for (const key of TIME_FIELDS) {
    const v = out[key];
    if (typeof v === "number" && v > 0) out[key] = v * 1000;
  }
  return out;
}

/** An active subscription. */
export interface Subscription {
  readonly connection: UdsConnection;
  readonly subscriptionId: number;
  readonly apiKey: string;
  /** `logon`: userDataStream.subscribe; `signature`: userDataStream.subscribe.signature. */
  readonly kind: "logon" | "signature";
}

/** What the User Data Stream works with. */
export interface UserDataDeps {
  /** The accounts. */
  accounts: Accounts;
  /** The exchange clock (ms). */
  clock: () => number;
  /** Whether an account's events are being dropped now (a fault). */
  dropped?: (apiKey: string, now: number) => boolean;
}

/** The documented limits of a connection's subscriptions. */
export const SUBSCRIPTION_LIMITS = { active: 1000, total: 65_535 } as const;

type Event = Record<string, unknown>;
type Snapshot = Map<string, { free: bigint; locked: bigint }>;

interface Pending {
  account: Account;
  event: Event;
  order?: Order;
}

/** The `executionReport` of an order transition (user-data-stream.md "Order Update"). */
export function executionReport(o: Order, info: ReportInfo): Event {
  const fill = info.fill;
  const type = info.type ?? o.type;
  const status = info.x === "TRADE"
    ? (o.origQty > 0n && o.executedQty >= o.origQty ? "FILLED" : "PARTIALLY_FILLED")
    : o.status;
  const open = status === "NEW" || status === "PARTIALLY_FILLED";
  const canRest = type !== "MARKET" && type !== "STOP_LOSS" && type !== "TAKE_PROFIT" &&
    o.timeInForce !== "IOC" && o.timeInForce !== "FOK";
  const onBook = info.x === "NEW"
    ? info.workingTime !== undefined || (open && o.workingTime !== -1)
    : open && o.workingTime !== -1 && canRest;
  const workingTime = info.workingTime ?? o.workingTime;
  const ev: Event = {
    e: "executionReport",
    E: 0,
    s: o.symbol,
    c: info.clientOrderId ?? o.clientOrderId,
    S: o.side,
    o: type,
    f: o.timeInForce ?? "GTC",
    q: dec(o.origQty),
    // A pegged order's `p` is its price as sent, `gp` the pegged one (faqs/pegged_orders.md).
    p: dec(o.peg ? o.peg.sentPrice : o.price),
    P: dec(o.stopPrice ?? 0n),
    F: dec(o.icebergQty ?? 0n),
    g: o.orderListId,
    C: info.origClientOrderId ?? "",
    x: info.x,
    X: status,
    r: info.rejectReason ?? "NONE",
    i: o.orderId,
    l: dec(fill?.qty ?? 0n),
    z: dec(o.executedQty),
    L: dec(fill?.price ?? 0n),
    // As the docs' examples: "0" and null when the report has no fill.
    n: fill ? dec(fill.commission) : "0",
    N: fill ? fill.commissionAsset : null,
    T: info.now,
    t: fill ? fill.tradeId : -1,
  };
  if (info.prevented) ev.v = info.prevented.matchId;
  ev.I = info.executionId;
  ev.w = onBook;
  ev.m = fill?.maker ?? false;
  ev.M = fill !== undefined;
  ev.O = o.time;
  ev.Z = dec(o.cummulativeQuoteQty);
  ev.Y = dec(fill?.quote ?? 0n);
  ev.Q = dec(o.origQuoteOrderQty);
  if (workingTime !== -1) ev.W = workingTime;
  ev.V = o.selfTradePreventionMode;
  // The conditional fields, in the order of the docs' table.
  if (o.trailingDelta !== undefined) {
    ev.d = o.trailingDelta;
    ev.D = o.trailingTime;
  }
  if (o.strategyId !== undefined) ev.j = o.strategyId;
  if (o.strategyType !== undefined) ev.J = o.strategyType;
  const p = info.prevented;
  if (p) {
    ev.A = dec(o.preventedQuantity);
    ev.B = dec(p.qty);
    ev.u = -1; // No trade group on the fake (stp_faq.md: -1 when not set).
    ev.U = p.counterOrderId;
    ev.Cs = o.symbol;
    ev.pl = dec(p.executionQty);
    ev.pL = dec(p.price);
    ev.pY = dec((p.executionQty * p.price) / SCALE);
  }
  if (fill?.allocationId !== undefined) {
    ev.b = "ONE_PARTY_TRADE_REPORT";
    ev.a = fill.allocationId;
  }
  if (o.usedSor) {
    ev.k = "SOR";
    ev.uS = true;
  }
  // "Appears only for Pegged Orders": gP, gOT, gOV, gp.
  if (o.peg) {
    ev.gP = o.peg.priceType;
    if (o.peg.offsetType !== undefined) ev.gOT = o.peg.offsetType;
    if (o.peg.offsetValue !== undefined) ev.gOV = o.peg.offsetValue;
    if (o.peg.peggedPrice !== undefined) ev.gp = dec(o.peg.peggedPrice);
  }
  const expiry = info.expiryReason ?? o.expiryReason;
  if (expiry && (status === "EXPIRED" || status === "EXPIRED_IN_MATCH")) ev.eR = expiry;
  return ev;
}

/** The `listStatus` of an order list (user-data-stream.md). */
export function listStatusEvent(l: OrderList, now: number, type?: "UPDATED"): Event {
  return {
    e: "listStatus",
    E: 0,
    s: l.symbol,
    g: l.orderListId,
    c: l.contingencyType,
    l: type ?? l.listStatusType,
    L: l.listOrderStatus,
    r: "NONE",
    C: l.listClientOrderId,
    T: now,
    O: l.orders.map((o) => ({ s: o.symbol, i: o.orderId, c: o.clientOrderId })),
  };
}

function snapshot(a: Account): Snapshot {
  const out: Snapshot = new Map();
  for (const [asset, b] of a.balances) out.set(asset, { free: b.free, locked: b.locked });
  return out;
}

/** Reads a signed decimal text (`"-1.5"`) as units of 1e-8. */
function signedUnits(text: string, what: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,8}))?$/.exec(text);
  if (!m) throw new RangeError(`Cannot apply ${what}: "${text}" is not a decimal`);
  const units = BigInt(m[2]) * SCALE + BigInt((m[3] ?? "").padEnd(8, "0") || "0");
  return m[1] ? -units : units;
}

/** The User Data Stream of the fake exchange: subscriptions, and the observer of the engine. */
export class UserDataStreams implements TradingObserver {
  readonly #conns = new Map<UdsConnection, { next: number; subs: Subscription[] }>();
  readonly #byKey = new Map<string, Subscription[]>();
  #pending: Pending[] = [];
  readonly #baseline = new Map<Account, Snapshot>();
  /** User data event frames sent. */
  sent = 0;

  constructor(readonly deps: UserDataDeps) {
    for (const a of deps.accounts.byKey.values()) this.#baseline.set(a, snapshot(a));
  }

  // ---- subscriptions --------------------------------------------------------------------

  #of(conn: UdsConnection): { next: number; subs: Subscription[] } {
    let c = this.#conns.get(conn);
    if (!c) this.#conns.set(conn, c = { next: 0, subs: [] });
    return c;
  }

  /**
   * Subscribes a connection to an account's events.
   *
   * @returns The new subscription id.
   * @throws {Rejection} -2035 when that account already has one on the connection; -1191 over
   *   1000 active; -2042 once the connection made 65 535.
   */
  subscribe(conn: UdsConnection, apiKey: string, kind: "logon" | "signature"): number {
    const c = this.#of(conn);
    if (c.subs.some((s) => s.apiKey === apiKey)) {
      reject(-2035, "User Data Stream subscription already active.");
    }
    if (c.subs.length >= SUBSCRIPTION_LIMITS.active) {
      reject(
        -1191,
        `Too many subscriptions. Connection may create up to '${SUBSCRIPTION_LIMITS.active}' subscriptions at a time.`,
      );
    }
    if (c.next >= SUBSCRIPTION_LIMITS.total) {
      reject(-2042, "Maximum subscription ID reached for this connection.");
    }
    const sub: Subscription = { connection: conn, subscriptionId: c.next++, apiKey, kind };
    c.subs.push(sub);
    const list = this.#byKey.get(apiKey);
    if (list) list.push(sub);
    else this.#byKey.set(apiKey, [sub]);
    conn.session.userDataStream = true;
    return sub.subscriptionId;
  }

  /** Ends subscriptions, sending each an `eventStreamTerminated` first (unless `quiet`). */
  #close(subs: readonly Subscription[], quiet = false): void {
    for (const sub of subs) {
      if (!quiet) {
        const E = this.deps.clock() * (sub.connection.micro ? 1000 : 1);
        this.#send(sub, JSON.stringify({ e: "eventStreamTerminated", E }));
      }
      const c = this.#conns.get(sub.connection);
      if (c) {
        c.subs.splice(c.subs.indexOf(sub), 1);
        sub.connection.session.userDataStream = c.subs.length > 0;
      }
      const list = this.#byKey.get(sub.apiKey);
      const i = list?.indexOf(sub) ?? -1;
      if (i >= 0) list!.splice(i, 1);
      if (list && !list.length) this.#byKey.delete(sub.apiKey);
    }
  }

  /**
   * `userDataStream.unsubscribe`: one subscription, or every one of the connection.
   *
   * @throws {Rejection} -2036 for an id that is not active on the connection.
   */
  unsubscribe(conn: UdsConnection, subscriptionId?: number): void {
    const subs = this.#conns.get(conn)?.subs ?? [];
    if (subscriptionId === undefined) {
      this.#close([...subs]);
      return;
    }
    const sub = subs.find((s) => s.subscriptionId === subscriptionId);
    if (!sub) reject(-2036, "User Data Stream subscription not active.");
    this.#close([sub]);
  }

  /** `session.logout`: ends the connection's `logon` subscription, if any. */
  logout(conn: UdsConnection): void {
    this.#close((this.#conns.get(conn)?.subs ?? []).filter((s) => s.kind === "logon"));
  }

  /** The active subscription ids of a connection (`session.subscriptions`). */
  list(conn: UdsConnection): { subscriptionId: number }[] {
    return (this.#conns.get(conn)?.subs ?? []).map((s) => ({ subscriptionId: s.subscriptionId }));
  }

  /** A connection closed: its subscriptions are gone (nothing is sent). */
  drop(conn: UdsConnection): void {
    const c = this.#conns.get(conn);
    if (!c) return;
    this.#close([...c.subs], true);
    this.#conns.delete(conn);
  }

  /** Every active subscription, by connection then id. */
  subscriptions(): Subscription[] {
    return [...this.#conns.values()].flatMap((c) => c.subs);
  }

  /**
   * Ends the subscriptions of an account (or all), unprompted, with `eventStreamTerminated`.
   *
   * @returns How many ended.
   */
  terminate(apiKey?: string): number {
    const subs = this.subscriptions().filter((s) => apiKey === undefined || s.apiKey === apiKey);
    this.#close(subs);
    return subs.length;
  }

  // ---- events ---------------------------------------------------------------------------

  #send(sub: Subscription, eventText: string): void {
    sub.connection.send(`{"subscriptionId":${sub.subscriptionId},"event":${eventText}}`);
    this.sent++;
  }

  /** Sends an event to every subscription of an account (unless its events are dropped now). */
  #deliver(apiKey: string, event: Event): void {
    const subs = this.#byKey.get(apiKey);
    if (!subs?.length) return;
    const now = this.deps.clock();
    if (this.deps.dropped?.(apiKey, now)) return;
    event.E = now;
    const text = JSON.stringify(event);
    let micro: string | undefined;
    for (const sub of subs) {
      this.#send(
        sub,
        sub.connection.micro ? micro ??= JSON.stringify(inMicroseconds(event)) : text,
      );
    }
  }

  report(o: Order, info: ReportInfo): void {
    this.#pending.push({ account: o.account, event: executionReport(o, info), order: o });
  }

  filled(o: Order): void {
    for (let i = this.#pending.length - 1; i >= 0; i--) {
      const p = this.#pending[i];
      if (p.order !== o) continue;
      if (p.event.x === "TRADE" && p.event.X !== "FILLED") {
        // A quote-quantity order learns it is filled after its last trade.
        p.event.X = "FILLED";
        p.event.q = dec(o.origQty);
        p.event.w = false;
      }
      return;
    }
  }

  listStatus(l: OrderList, now: number, type?: "UPDATED"): void {
    this.#pending.push({ account: l.account, event: listStatusEvent(l, now, type) });
  }

  commit(now: number): void {
    if (!this.#pending.length) return;
    const pending = this.#pending;
    this.#pending = [];
    const byAccount = new Map<Account, Event[]>();
    for (const p of pending) {
      const list = byAccount.get(p.account);
      if (list) list.push(p.event);
      else byAccount.set(p.account, [p.event]);
    }
    for (const [account, events] of byAccount) {
      for (const event of events) this.#deliver(account.apiKey, event);
      this.#position(account, now);
    }
  }

  /** Sends the account's changed balances, if any changed since the last time. */
  #position(a: Account, now: number): void {
    const before = this.#baseline.get(a) ?? new Map();
    const changed: { a: string; f: string; l: string }[] = [];
    for (const [asset, b] of a.balances) {
      const was = before.get(asset);
      if (was && was.free === b.free && was.locked === b.locked) continue;
      if (!was && b.free === 0n && b.locked === 0n) continue;
      changed.push({ a: asset, f: dec(b.free), l: dec(b.locked) });
    }
    this.#baseline.set(a, snapshot(a));
    if (!changed.length) return;
    a.updateTime = now;
    this.#deliver(a.apiKey, { e: "outboundAccountPosition", E: 0, u: now, B: changed });
  }

  /**
   * A deposit (positive) or withdrawal (negative): `balanceUpdate`, then
   * `outboundAccountPosition`.
   *
   * @throws {RangeError} For an unknown account, a bad delta or a withdrawal above free.
   */
  balanceUpdate(apiKey: string, asset: string, delta: string, now: number): void {
    const a = this.#account(apiKey, "a balance update");
    const d = signedUnits(delta, "a balance update");
    const b = balanceOf(a, asset);
    if (b.free + d < 0n) {
      throw new RangeError(`Cannot apply a balance update: "${delta}" exceeds the free "${asset}"`);
    }
    b.free += d;
    this.#pending.push({
      account: a,
      event: { e: "balanceUpdate", E: 0, a: asset, d: dec(d), T: now },
    });
    this.commit(now);
  }

  /**
   * An external lock (positive: free → locked) or unlock (negative): `externalLockUpdate`,
   * then `outboundAccountPosition`.
   *
   * @throws {RangeError} For an unknown account, a bad delta or more than is there.
   */
  externalLockUpdate(apiKey: string, asset: string, delta: string, now: number): void {
    const a = this.#account(apiKey, "an external lock update");
    const d = signedUnits(delta, "an external lock update");
    const b = balanceOf(a, asset);
    if (b.free - d < 0n || b.locked + d < 0n) {
      throw new RangeError(
        `Cannot apply an external lock update: "${delta}" exceeds the balance of "${asset}"`,
      );
    }
    b.free -= d;
    b.locked += d;
    this.#pending.push({
      account: a,
      event: { e: "externalLockUpdate", E: 0, a: asset, d: dec(d), T: now },
    });
    this.commit(now);
  }

  #account(apiKey: string, what: string): Account {
    const a = this.deps.accounts.get(apiKey);
    if (!a) throw new RangeError(`Cannot apply ${what}: unknown apiKey "${apiKey.slice(0, 6)}…"`);
    return a;
  }
}

/** Whether an order reported NEW starts working at once (not a stop, not a pending leg). */
export function worksAtOnce(o: Order): boolean {
  return isOpen(o) && o.status !== "PENDING_NEW" && !isStopType(o.type);
}
