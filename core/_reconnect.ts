// Private: the one backoff loop of both connections, for reconnects and renewals alike.
import { abortableDelay, backoffDelay } from "./_async.ts";
import type { ReconnectPolicy } from "./types.ts";

/** What one run of {@linkcode withBackoff} needs to know. */
export interface BackoffLoop {
  /** The user's policy (`false` is treated as the defaults: the caller decides not to loop). */
  policy: ReconnectPolicy | false | undefined;
  /** Aborts the loop (the connection's lifecycle). */
  signal: AbortSignal;
  /** Whether the first attempt waits a delay (a reconnect) or goes at once (a renewal). */
  delayFirst: boolean;
  /** Checked before each attempt: `false` ends the loop. */
  wanted(): boolean;
  /** A lower bound of the next delay (an IP ban), in ms. */
  minDelayMs?(): number;
  /** Called before each wait. */
  onWait?(attempt: number, delayMs: number): void;
  /** Called with each failed attempt's error. */
  onError(error: unknown): void;
  /** Called once when `maxAttempts` attempts failed (the loop then ends). */
  onGiveUp?(attempts: number): void;
}

/**
 * Runs `attempt` until it succeeds, with the policy's exponential backoff and jitter
 * between tries (and before the first one when `delayFirst`).
 *
 * @returns The attempt's result, or `undefined` when the loop ended without one (no longer
 * wanted, aborted, or given up after `maxAttempts`).
 */
export async function withBackoff<T>(
  attempt: (n: number) => Promise<T>,
  loop: BackoffLoop,
): Promise<T | undefined> {
  const policy = loop.policy || {};
  for (let n = 1; loop.wanted() && !loop.signal.aborted; n++) {
    if (policy.maxAttempts !== undefined && n > policy.maxAttempts) {
      loop.onGiveUp?.(policy.maxAttempts);
      return undefined;
    }
    const tries = loop.delayFirst ? n : n - 1;
    // The lower bound (an IP ban) holds a first attempt without backoff too.
    const delayMs = Math.max(
      tries > 0
        ? backoffDelay(
          tries,
          policy.initialDelayMs ?? 250,
          policy.maxDelayMs ?? 30_000,
          policy.factor ?? 2,
          policy.jitter ?? true,
        )
        : 0,
      loop.minDelayMs?.() ?? 0,
    );
    if (tries > 0 || delayMs > 0) {
      loop.onWait?.(n, Math.round(delayMs));
      try {
        await abortableDelay(delayMs, loop.signal);
      } catch {
        return undefined;
      }
      if (!loop.wanted()) return undefined;
    }
    try {
      return await attempt(n);
    } catch (error) {
      if (loop.signal.aborted) return undefined;
      loop.onError(error);
    }
  }
  return undefined;
}
