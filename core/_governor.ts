// Private: the rate-limit governor of one connection: REQUEST_WEIGHT as reported and as spent,
// the ORDERS limits (per 10 s, per day) as reported and as placed, and the pause a 429 or 418
// imposes. It owns all of that state.
import { IpBannedError, RateLimitError } from "./errors.ts";
import {
  DEFAULT_REQUEST_WEIGHT_LIMIT,
  type RateLimit,
  type RateLimitPolicy,
} from "./rate_limits.ts";

const INTERVAL_MS: Record<string, number> = {
  SECOND: 1_000,
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY: 86_400_000,
};

/** The length of a rate-limit window in ms. */
export function windowMs(limit: RateLimit): number {
  return (INTERVAL_MS[limit.interval] ?? 60_000) * limit.intervalNum;
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/**
 * What is wrong with one `rateLimits` entry, or `undefined` when it has the documented
 * shape: `rateLimitType` and `interval` (SECOND, MINUTE, HOUR, DAY) strings, `intervalNum`
 * a positive integer, `limit` and `count` (when present) non-negative integers.
 */
export function rateLimitProblem(entry: unknown): string | undefined {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    return "it is not an object";
  }
  const e = entry as Record<string, unknown>;
  if (typeof e.rateLimitType !== "string") return '"rateLimitType" is not a string';
  if (typeof e.interval !== "string" || !Object.hasOwn(INTERVAL_MS, e.interval)) {
    return '"interval" is not one of SECOND, MINUTE, HOUR, DAY';
  }
  if (!isCount(e.intervalNum) || e.intervalNum === 0) {
    return '"intervalNum" is not a positive integer below 2^53';
  }
  if (!isCount(e.limit)) return '"limit" is not a non-negative integer below 2^53';
  if (e.count !== undefined && !isCount(e.count)) {
    return '"count" is not a non-negative integer below 2^53';
  }
  return undefined;
}

/**
 * The order-entry methods whose REQUEST_WEIGHT is 0 when they succeed (CHANGELOG 2026-03-27):
 * their weight is reserved before sending (a failure costs it) and given back on success.
 * `order.amend.keepPriority` is left out: it is free only when the amendment expires the
 * order (CHANGELOG 2026-04-02), which the client cannot know beforehand.
 */
export const ZERO_WEIGHT_ON_SUCCESS: ReadonlySet<string> = new Set([
  "order.place",
  "sor.order.place",
  "order.cancel",
  "openOrders.cancelAll",
  "order.cancelReplace",
  "orderList.place",
  "orderList.place.oco",
  "orderList.place.oto",
  "orderList.place.otoco",
  "orderList.place.opo",
  "orderList.place.opoco",
  "orderList.cancel",
]);

/** One ORDERS window as reported, and the orders placed in it as counted here. */
interface OrderWindow {
  limit: number;
  windowMs: number;
  label: string;
  start: number;
  used: number;
}

/** A checked `rateLimits` entry: what names it, its key, and its window. */
interface Seen {
  readonly type: string;
  readonly interval: string;
  readonly intervalNum: number;
  readonly limit: number;
  /** The key of `#latest`, e.g. `REQUEST_WEIGHT:1MINUTE`. */
  readonly key: string;
  /** The key of an ORDERS window, e.g. `10SECOND`. */
  readonly ordersKey: string;
  readonly windowMs: number;
}

function seenOf(limit: RateLimit): Seen {
  return {
    type: limit.rateLimitType,
    interval: limit.interval,
    intervalNum: limit.intervalNum,
    limit: limit.limit,
    key: `${limit.rateLimitType}:${limit.intervalNum}${limit.interval}`,
    ordersKey: `${limit.intervalNum}${limit.interval}`,
    windowMs: windowMs(limit),
  };
}

/**
 * Whether `entry` names the same limit as `seen` with the same `limit`, and its `count` (when
 * present) is a count: then it has the documented shape, as `seen` had.
 */
function sameLimit(seen: Seen, entry: unknown): boolean {
  if (typeof entry !== "object" || entry === null) return false;
  const e = entry as Record<string, unknown>;
  if (
    e.rateLimitType !== seen.type || e.interval !== seen.interval ||
    e.intervalNum !== seen.intervalNum || e.limit !== seen.limit || Array.isArray(entry)
  ) return false;
  const count = e.count;
  return count === undefined || isCount(count);
}

const NO_PROBLEMS: readonly { entry: unknown; problem: string }[] = Object.freeze([]);

/** How long an IP ban lasts when the 418 does not say (Binance: 2 minutes to 3 days). */
const DEFAULT_BAN_MS = 120_000;

/**
 * Private state of one connection: the latest reported counters, the local
 * REQUEST_WEIGHT estimate and any server-imposed pause (429 / 418).
 */
export class Governor {
  #latest = new Map<string, RateLimit>();
  #weightLimit = DEFAULT_REQUEST_WEIGHT_LIMIT;
  #weightWindowMs = 60_000;
  #windowStart = 0;
  /** The end of the window `#windowStart` opens (equal to it: not computed yet). */
  #windowEnd = 0;
  #used = 0;
  #blockedUntil = 0;
  /** No order may be placed before this server time (ms): a 429 with -1015 (ORDERS). */
  #ordersBlockedUntil = 0;
  #banned = false;
  readonly #orders = new Map<string, OrderWindow>();
  #refusedBy: OrderWindow | undefined;

  /** No request may be sent before this server time (ms). */
  get blockedUntil(): number {
    return this.#blockedUntil;
  }

  /**
   * The server time a request placing `orders` orders must wait for at `now` (a 429/418
   * block, or -1015's hold on placements), or 0. Reserves nothing: for a request whose budget
   * is reserved already and that waited since (for a logon, a socket, its signature).
   */
  heldUntil(now: number, orders: number): number {
    if (now < this.#blockedUntil) {
      this.#refusedBy = undefined;
      return this.#blockedUntil;
    }
    if (orders > 0 && now < this.#ordersBlockedUntil) {
      this.#refusedBy = ORDERS_BLOCK; // `admit` then refuses with -1015, as `reserve` does
      return this.#ordersBlockedUntil;
    }
    this.#refusedBy = undefined;
    return 0;
  }

  /** Whether an IP ban (418) is in force at server time `now`. */
  banned(now: number): boolean {
    if (this.#banned && now >= this.#blockedUntil) this.#banned = false;
    return this.#banned;
  }

  /** How long, from server time `now`, a reconnect must wait for a ban to be lifted. */
  banDelayMs(now: number): number {
    return this.banned(now) ? this.#blockedUntil - now : 0;
  }

  /**
   * Records a 429 (rate limited) or 418 (IP banned) answer: nothing may be sent before its
   * `retryAfter`, or, when it gives none, the next REQUEST_WEIGHT window (429) or two
   * minutes (418). A 429 with code -1015 is the account's ORDERS limit ("Too many new orders"):
   * only order placements wait, until its `retryAfter` or the end of the full ORDERS window
   * (the next 10 s when none is known full); cancels and reads go on.
   */
  block(status: 429 | 418, retryAfter: number | undefined, now: number, code?: number): void {
    if (status === 429 && code === -1015) {
      const until = retryAfter ?? this.#fullOrdersWindowEnd(now);
      if (until > this.#ordersBlockedUntil) this.#ordersBlockedUntil = until;
      return;
    }
    const until = retryAfter ??
      (status === 418 ? now + DEFAULT_BAN_MS : this.nextWindow(now));
    if (until > this.#blockedUntil) this.#blockedUntil = until;
    if (status === 418) this.#banned = true;
  }

  /** When the first full ORDERS window ends, else the next 10-second boundary. */
  #fullOrdersWindowEnd(now: number): number {
    let end = Infinity;
    for (const w of this.#orders.values()) {
      rollOrders(w, now);
      if (w.used >= w.limit) end = Math.min(end, w.start + w.windowMs);
    }
    return end === Infinity ? now - (now % 10_000) + 10_000 : end;
  }

  /** The latest reported counters, one per type and interval. */
  snapshot(): RateLimit[] {
    return [...this.#latest.values()].map((l) => ({ ...l }));
  }

  /**
   * Records the `rateLimits` of a response. Entries that do not have the documented shape
   * are ignored, never used, and returned so that the caller can report them.
   *
   * `now` is the server time, or a clock read only when an entry has a count (REQUEST_WEIGHT
   * or ORDERS). The window is rolled before a count is taken: a count below the one known may
   * be the first of a new window, which a later roll would otherwise reset to 0. A count of a
   * request sent before the window started (`sentAgoMs` before `now`) may be the previous
   * window's, however high: it is not taken for this one's.
   *
   * @returns The entries that were ignored, each with what is wrong with it.
   */
  update(
    limits: readonly unknown[],
    now: number | { now(): number },
    sentAgoMs?: number,
  ): readonly { entry: unknown; problem: string }[] {
    let time = typeof now === "number" ? now : NaN;
    // Per response: no array is allocated unless an entry is bad, no string is built.
    let bad: { entry: unknown; problem: string }[] | undefined;
    for (let i = 0; i < limits.length; i++) {
      const entry = limits[i];
      // Binance sends the same entries in the same order: an entry that names the i-th limit
      // of the last response, with the same `limit`, needs only its `count` checked.
      let seen = this.#seen[i];
      if (seen === undefined || !sameLimit(seen, entry)) {
        const problem = rateLimitProblem(entry);
        if (problem !== undefined) {
          (bad ??= []).push({ entry, problem });
          continue;
        }
        seen = seenOf(entry as RateLimit);
        if (i < 16) this.#seen[i] = seen;
      }
      const limit = entry as RateLimit;
      this.#latest.set(seen.key, limit);
      const count = limit.count;
      if (count === undefined) continue;
      if (seen.type === "REQUEST_WEIGHT") {
        this.#weightLimit = seen.limit;
        if (seen.windowMs !== this.#weightWindowMs) {
          this.#weightWindowMs = seen.windowMs;
          this.#windowEnd = this.#windowStart; // the next roll recomputes the window
        }
        // The window is rolled first: a count below the one known may be a new window's.
        if (Number.isNaN(time)) time = (now as { now(): number }).now();
        this.#roll(time);
        if (sentAgoMs !== undefined && time - sentAgoMs < this.#windowStart) continue;
        if (count > this.#used) this.#used = count;
      } else if (seen.type === "ORDERS") {
        if (Number.isNaN(time)) time = (now as { now(): number }).now();
        const key = seen.ordersKey;
        const w = this.#orders.get(key) ??
          { limit: seen.limit, windowMs: seen.windowMs, label: key, start: 0, used: 0 };
        w.limit = seen.limit;
        w.windowMs = seen.windowMs;
        rollOrders(w, time);
        this.#orders.set(key, w);
        if (sentAgoMs !== undefined && time - sentAgoMs < w.start) continue;
        // The server's count is the truth for what it processed; filled orders leave it
        // ("Spot Unfilled Order Count Rules"), so it may be lower than the orders placed. What
        // it has not processed yet are at most the orders in flight.
        if (count > w.used) w.used = count;
        else if (count + this.#ordersInFlight < w.used) w.used = count + this.#ordersInFlight;
      }
    }
    return bad ?? NO_PROBLEMS;
  }

  // The i-th entry of the last response, checked, with its key and window.
  #seen: Seen[] = [];

  #roll(now: number): void {
    if (now >= this.#windowStart && now < this.#windowEnd) return;
    const start = now - (now % this.#weightWindowMs);
    this.#windowEnd = start + this.#weightWindowMs;
    if (start !== this.#windowStart) {
      this.#windowStart = start;
      this.#used = 0;
    }
  }

  /** Whether a request of `weight` (no order) could go at server time `now` without waiting. */
  canSendNow(weight: number, now: number): boolean {
    if (now < this.#blockedUntil) return false;
    this.#roll(now);
    return this.#used === 0 || this.#used + weight <= this.#weightLimit;
  }

  /**
   * Reserves `weight` in the current window. Returns 0 when reserved, or the server
   * time (ms) at which the caller may try again.
   */
  reserve(weight: number, now: number, orders = 0): number {
    if (now < this.#blockedUntil) return this.#blockedUntil;
    this.#roll(now);
    this.#refusedBy = undefined;
    if (this.#used > 0 && this.#used + weight > this.#weightLimit) {
      return this.#windowStart + this.#weightWindowMs;
    }
    if (orders > 0) {
      if (now < this.#ordersBlockedUntil) {
        this.#refusedBy = ORDERS_BLOCK;
        return this.#ordersBlockedUntil;
      }
      for (const w of this.#orders.values()) {
        rollOrders(w, now);
        if (w.used + orders > w.limit) {
          this.#refusedBy = w;
          return w.start + w.windowMs;
        }
      }
      for (const w of this.#orders.values()) w.used += orders;
      this.#ordersInFlight += orders;
    }
    this.#used += weight;
    return 0;
  }

  /** Orders reserved by {@linkcode Governor.reserve} whose requests are not answered yet. */
  #ordersInFlight = 0;

  /**
   * The request of `orders` reserved orders was answered or failed: they are no longer in
   * flight (the next ORDERS count of the server includes them, if they were placed).
   */
  ordersSettled(orders: number): void {
    this.#ordersInFlight = Math.max(0, this.#ordersInFlight - orders);
  }

  /**
   * Gives back `weight` reserved at server time `reservedAt` when the server did not count it
   * (a successful order entry), if the window is still the same.
   */
  refund(weight: number, reservedAt: number, now: number): void {
    this.#roll(now);
    if (reservedAt - (reservedAt % this.#weightWindowMs) !== this.#windowStart) return;
    this.#used = Math.max(0, this.#used - weight);
  }

  /** Counts weight that was spent without asking (opening a connection costs 2). */
  charge(weight: number, now: number): void {
    this.#roll(now);
    this.#used += weight;
  }

  /** The start of the next REQUEST_WEIGHT window after `now`. */
  nextWindow(now: number): number {
    return now - (now % this.#weightWindowMs) + this.#weightWindowMs;
  }

  /**
   * What a request refused by {@linkcode Governor.reserve} (or a block) does: the ms to wait
   * before trying again, within its remaining time.
   *
   * @throws {IpBannedError} while an IP ban is in force (nothing is sent before it is lifted).
   * @throws {RateLimitError} (client side) with the `"refuse"` policy, or when the wait would
   * outlast the request's remaining time.
   */
  admit(
    method: string,
    retryAt: number,
    remainingMs: number,
    policy: RateLimitPolicy,
    now: number,
  ): number {
    if (this.banned(now)) {
      throw new IpBannedError({
        method,
        status: 418,
        error: { code: -1003, msg: "IP banned; nothing is sent before the ban is lifted." },
      }, retryAt);
    }
    if (policy === "refuse" || retryAt - now > remainingMs) {
      // A 429/418 block is what it is, whatever an ORDERS refusal left behind.
      const orders = retryAt === this.#blockedUntil ? undefined : this.#refusedBy;
      throw new RateLimitError(
        {
          method,
          status: 429,
          error: orders === ORDERS_BLOCK
            ? {
              code: -1015,
              msg: "Binance answered -1015 (too many new orders): no order is placed before " +
                "it said.",
            }
            : orders && retryAt !== this.#blockedUntil
            ? {
              code: -1015,
              msg: `Sending this request would exceed the ORDERS limit of ${orders.limit} ` +
                `orders per ${orders.label}.`,
            }
            : {
              code: -1003,
              msg: retryAt === this.#blockedUntil
                ? "Binance asked to wait before sending more requests."
                : "Sending this request would exceed the REQUEST_WEIGHT limit.",
            },
        },
        retryAt,
        true,
      );
    }
    return retryAt - now;
  }
}

/** The refusal of an order placement during a -1015 pause (not one of the windows). */
const ORDERS_BLOCK: OrderWindow = { limit: 0, windowMs: 1, label: "-1015", start: 0, used: 0 };

function rollOrders(w: OrderWindow, now: number): void {
  const start = now - (now % w.windowMs);
  if (start !== w.start) {
    w.start = start;
    w.used = 0;
  }
}
