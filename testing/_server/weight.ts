// Private: the fake exchange's REQUEST_WEIGHT per IP (one IP: the server): a fixed window,
// 429 when a request would pass the limit, and after `banAfter` of those an IP ban (418) of
// `banMs`, which also refuses new connections.

import type { Failure } from "../_handlers/failure.ts";

/** The limits. */
export interface WeightOptions {
  /** REQUEST_WEIGHT limit per window. */
  limit: number;
  /** Window length in ms (reported as 1 MINUTE whatever it is). */
  windowMs: number;
  /** 429 answers before the next excess is a ban. */
  banAfter: number;
  /** Ban length in ms. */
  banMs: number;
}

/** A refusal: the failure, its `data`, and whether it is an IP ban (418) rather than a 429. */
export interface Refusal {
  failure: Failure;
  data: { serverTime: number; retryAfter: number };
  ban: boolean;
}

/** The REQUEST_WEIGHT account of the fake's one IP. */
export interface RequestWeight {
  /** The limit per window. */
  readonly limit: number;
  /** Whether the IP is banned at `now`. */
  isBanned(now: number): boolean;
  /** The answer to any request while banned. */
  banned(now: number): Refusal;
  /** Charges `weight` without a check (connecting, unreadable requests). */
  charge(now: number, weight: number): void;
  /** Gives back the `weight` of a request that turned out free (a successful order entry). */
  refund(now: number, weight: number): void;
  /** Charges a request's `weight` if it fits; else refuses it with 429, or 418 and a ban. */
  admit(now: number, weight: number): Refusal | undefined;
  /** The `rateLimits` of a response, as JSON text. */
  rateLimitsText(): string;
}

/** A new account, nothing used. */
export function createRequestWeight(options: WeightOptions): RequestWeight {
  const { limit, windowMs, banAfter, banMs } = options;
  let windowStart = 0;
  let used = 0;
  let violations = 0;
  let bannedUntil = 0;

  function roll(now: number): void {
    const start = now - (now % windowMs);
    if (start !== windowStart) {
      windowStart = start;
      used = 0;
    }
  }

  function banned(now: number): Refusal {
    return {
      failure: {
        status: 418,
        code: -1003,
        msg:
          `Way too much request weight used; IP banned until ${bannedUntil}. Please use WebSocket Streams for live updates to avoid bans.`,
      },
      data: { serverTime: now, retryAfter: bannedUntil },
      ban: true,
    };
  }

  return {
    limit,
    isBanned: (now: number) => now < bannedUntil,
    banned,
    charge(now: number, weight: number): void {
      roll(now);
      used += weight;
    },
    refund(now: number, weight: number): void {
      // Charged in this window, given back in it (a window that ended took the charge along).
      if (now - (now % windowMs) === windowStart) used = Math.max(0, used - weight);
    },
    admit(now: number, weight: number): Refusal | undefined {
      roll(now);
      if (used + weight <= limit) {
        used += weight;
        return undefined;
      }
      if (violations >= banAfter) {
        bannedUntil = now + banMs;
        return banned(now);
      }
      violations++;
      return {
        failure: {
          status: 429,
          code: -1003,
          msg:
            `Too much request weight used; current limit is ${limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`,
        },
        data: { serverTime: now, retryAfter: windowStart + windowMs },
        ban: false,
      };
    },
    rateLimitsText: () =>
      `[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":${limit},"count":${used}}]`,
  };
}
