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
  #used = 0;
  #blockedUntil = 0;
  #banned = false;
  readonly #orders = new Map<string, OrderWindow>();
  #refusedBy: OrderWindow | undefined;

  /** No request may be sent before this server time (ms). */
  get blockedUntil(): number {
    return this.#blockedUntil;
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
   * minutes (418).
   */
  block(status: 429 | 418, retryAfter: number | undefined, now: number): void {
    const until = retryAfter ??
      (status === 418 ? now + DEFAULT_BAN_MS : this.nextWindow(now));
    if (until > this.#blockedUntil) this.#blockedUntil = until;
    if (status === 418) this.#banned = true;
  }

  /** The latest reported counters, one per type and interval. */
  snapshot(): RateLimit[] {
    return [...this.#latest.values()].map((l) => ({ ...l }));
  }

  /**
   * Records the `rateLimits` of a response. Entries that do not have the documented shape
   * are ignored, never used, and returned so that the caller can report them.
   *
   * @returns The entries that were ignored, each with what is wrong with it.
   */
  update(limits: readonly unknown[], now: number): { entry: unknown; problem: string }[] {
    // Per response: no array is allocated unless an entry is bad.
    let bad: { entry: unknown; problem: string }[] | undefined;
    for (let i = 0; i < limits.length; i++) {
      const entry = limits[i];
      const problem = rateLimitProblem(entry);
      if (problem !== undefined) {
        (bad ??= []).push({ entry, problem });
        continue;
      }
      const limit = entry as RateLimit;
      this.#latest.set(this.#keyOf(limit, i), limit);
      if (limit.rateLimitType === "REQUEST_WEIGHT" && limit.count !== undefined) {
        this.#weightLimit = limit.limit;
        this.#weightWindowMs = windowMs(limit);
        this.#roll(now);
        if (limit.count > this.#used) this.#used = limit.count;
      } else if (limit.rateLimitType === "ORDERS" && limit.count !== undefined) {
        const key = `${limit.intervalNum}${limit.interval}`;
        const ms = windowMs(limit);
        const w = this.#orders.get(key) ??
          { limit: limit.limit, windowMs: ms, label: key, start: 0, used: 0 };
        w.limit = limit.limit;
        w.windowMs = ms;
        rollOrders(w, now);
        if (limit.count > w.used) w.used = limit.count;
        this.#orders.set(key, w);
      }
    }
    return bad ?? [];
  }

  // The key of the i-th entry of the last response, reused while the entry names the same
  // limit (Binance sends the same entries in the same order): no string is built per response.
  #keys: { limit: RateLimit; key: string }[] = [];

  #keyOf(limit: RateLimit, i: number): string {
    const last = this.#keys[i];
    if (
      last !== undefined && last.limit.rateLimitType === limit.rateLimitType &&
      last.limit.interval === limit.interval && last.limit.intervalNum === limit.intervalNum
    ) {
      return last.key;
    }
    const key = `${limit.rateLimitType}:${limit.intervalNum}${limit.interval}`;
    if (i < 16) this.#keys[i] = { limit, key };
    return key;
  }

  #roll(now: number): void {
    const start = now - (now % this.#weightWindowMs);
    if (start !== this.#windowStart) {
      this.#windowStart = start;
      this.#used = 0;
    }
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
      for (const w of this.#orders.values()) {
        rollOrders(w, now);
        if (w.used + orders > w.limit) {
          this.#refusedBy = w;
          return w.start + w.windowMs;
        }
      }
      for (const w of this.#orders.values()) w.used += orders;
    }
    this.#used += weight;
    return 0;
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
      const orders = this.#refusedBy;
      throw new RateLimitError(
        {
          method,
          status: 429,
          error: orders && retryAt !== this.#blockedUntil
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

function rollOrders(w: OrderWindow, now: number): void {
  const start = now - (now % w.windowMs);
  if (start !== w.start) {
    w.start = start;
    w.used = 0;
  }
}
