// Private: the REQUEST_WEIGHT tracker of one connection.
import { DEFAULT_REQUEST_WEIGHT_LIMIT, type RateLimit } from "./rate_limits.ts";

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

/**
 * Private state of one connection: the latest reported counters, the local
 * REQUEST_WEIGHT estimate and any server-imposed pause (429 / 418).
 */
export class RateLimitTracker {
  #latest = new Map<string, RateLimit>();
  #weightLimit = DEFAULT_REQUEST_WEIGHT_LIMIT;
  #weightWindowMs = 60_000;
  #windowStart = 0;
  #used = 0;
  /** No request may be sent before this server time (ms). */
  blockedUntil = 0;
  /** Whether the block is an IP ban (418) rather than a 429. */
  banned = false;

  /** The latest reported counters, one per type and interval. */
  snapshot(): RateLimit[] {
    return [...this.#latest.values()].map((l) => ({ ...l }));
  }

  /** Records the `rateLimits` of a response. */
  update(limits: readonly RateLimit[], now: number): void {
    for (const limit of limits) {
      this.#latest.set(`${limit.rateLimitType}:${limit.intervalNum}${limit.interval}`, limit);
      if (limit.rateLimitType === "REQUEST_WEIGHT" && limit.count !== undefined) {
        this.#weightLimit = limit.limit;
        this.#weightWindowMs = windowMs(limit);
        this.#roll(now);
        if (limit.count > this.#used) this.#used = limit.count;
      }
    }
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
  reserve(weight: number, now: number): number {
    if (now < this.blockedUntil) return this.blockedUntil;
    this.#roll(now);
    if (this.#used > 0 && this.#used + weight > this.#weightLimit) {
      return this.#windowStart + this.#weightWindowMs;
    }
    this.#used += weight;
    return 0;
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
}
