/**
 * Rate-limit state as Binance reports it in `rateLimits`, and the client's own budget
 * for REQUEST_WEIGHT.
 *
 * @module
 */

/** One rate-limit counter, as reported in a response's `rateLimits`. */
export interface RateLimit {
  /** `REQUEST_WEIGHT` or `ORDERS` (`CONNECTIONS` and `RAW_REQUESTS` appear in `exchangeInfo`). */
  rateLimitType: string;
  /** `SECOND`, `MINUTE`, `HOUR` or `DAY`. */
  interval: string;
  /** How many `interval`s the window spans. */
  intervalNum: number;
  /** The limit per window. */
  limit: number;
  /** The usage in the current window, as of the latest response that reported it. */
  count?: number;
}

/** What the client does when a request would exceed the known REQUEST_WEIGHT budget. */
export type RateLimitPolicy = "wait" | "refuse";

/** The default REQUEST_WEIGHT limit of the WebSocket API (per IP, per minute). */
export const DEFAULT_REQUEST_WEIGHT_LIMIT: number = 6000;
