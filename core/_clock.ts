// Private: the server clock as the connection knows it: local time plus a measured offset,
// measured before the first SIGNED request and again after error -1021.
import { UnexpectedMessageError } from "./errors.ts";
import { stringifyJson } from "./_json.ts";

/**
 * Milliseconds on the monotonic clock (`performance.now()`). Local deadlines, timeouts and
 * pacing windows are measured with it, so that a step of the system clock (NTP, a manual
 * change) neither stalls them for the size of the step nor ends them early. Server times stay
 * the system clock plus the measured offset: that is what the offset is measured against.
 */
export function monotonicMs(): number {
  return performance.now();
}

/**
 * Asks the server for `time`; resolves with its raw `result`. Calls `sent()` as the frame goes
 * out, so that a wait before it (for a socket, a rate limit) is not taken for the round trip.
 */
export type TimeRequest = (sent: () => void) => Promise<unknown>;

/** The server clock of one connection. */
export class ServerClock {
  #offset = 0;
  #uncertainty = 0;
  #synced = false;
  #sync: Promise<number> | undefined;
  readonly #micro: boolean;

  /** @param micro Whether the server reports times in microseconds (`timeUnit`). */
  constructor(micro: boolean) {
    this.#micro = micro;
  }

  /** Server time minus local time, in ms (0 before any measurement). */
  get offsetMs(): number {
    return this.#offset;
  }

  /** Half the round trip of the last measurement, in ms: the offset is known within ± this. */
  get uncertaintyMs(): number {
    return this.#uncertainty;
  }

  /** Whether the offset was measured at least once. */
  get synced(): boolean {
    return this.#synced;
  }

  /** Server time now, in ms. */
  now(): number {
    return Date.now() + this.#offset;
  }

  /**
   * Measures the offset from one `time` round trip (the midpoint of the trip is taken as
   * the moment of `serverTime`). Concurrent calls share one measurement.
   *
   * @throws {UnexpectedMessageError} when `time` returns no numeric `serverTime`.
   */
  measure(request: TimeRequest): Promise<number> {
    this.#sync ??= (async () => {
      try {
        let t0 = Date.now();
        const result = await request(() => (t0 = Date.now()));
        const t1 = Date.now();
        const raw = (result as { serverTime?: unknown } | null)?.serverTime;
        if (typeof raw !== "number" || !Number.isFinite(raw)) {
          throw new UnexpectedMessageError(
            'Cannot measure the clock offset: "time" returned no numeric "serverTime"',
            stringifyJson(result) ?? "",
          );
        }
        const serverTime = this.#micro ? raw / 1000 : raw;
        this.#offset = Math.round(serverTime - (t0 + t1) / 2);
        this.#uncertainty = Math.ceil((t1 - t0) / 2);
        this.#synced = true;
        return this.#offset;
      } finally {
        this.#sync = undefined;
      }
    })();
    return this.#sync;
  }
}
