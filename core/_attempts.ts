// Private: Binance's limit of 300 connection attempts per 5 minutes per IP, kept per host for
// every connection of this process (WS API and streams, first opens, reconnects, renewals).
import { abortableDelay } from "./_async.ts";
import { monotonicMs } from "./_clock.ts";

/** The window of the limit, in ms. */
export const ATTEMPT_WINDOW_MS: number = 5 * 60_000;
/** Attempts allowed per window and host. */
export const MAX_ATTEMPTS: number = 300;

const attempts = new Map<string, number[]>();

/**
 * Takes one connection attempt for `host`, waiting (abortably) until the window has room.
 *
 * @param host The host and port, e.g. `"ws-api.binance.com:443"`.
 * @param signal Aborts the wait.
 */
export async function takeAttempt(host: string, signal?: AbortSignal): Promise<void> {
  for (;;) {
    const now = monotonicMs();
    let list = attempts.get(host);
    if (!list) attempts.set(host, list = []);
    while (list.length && list[0] <= now - ATTEMPT_WINDOW_MS) list.shift();
    if (list.length < MAX_ATTEMPTS) {
      list.push(now);
      return;
    }
    await abortableDelay(list[0] + ATTEMPT_WINDOW_MS - now + 1, signal);
  }
}

/** Forgets the attempts of `host` (for tests that exhaust the limit on a loopback port). */
export function forgetAttempts(host: string): void {
  attempts.delete(host);
}
