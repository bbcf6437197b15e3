// Private: small async helpers on web standards (what @std/async would give).

/**
 * Resolves after `ms`, or rejects with the signal's reason when it aborts first.
 * The timer is always cleared.
 */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  const { promise, resolve, reject } = Promise.withResolvers<void>();
  const onAbort = () => {
    clearTimeout(timer);
    reject(signal!.reason);
  };
  const timer = setTimeout(() => {
    signal?.removeEventListener("abort", onAbort);
    resolve();
  }, Math.max(0, ms));
  signal?.addEventListener("abort", onAbort, { once: true });
  return promise;
}

/** Exponential backoff with full jitter in [delay/2, delay], capped. */
export function backoffDelay(
  attempt: number,
  initialMs: number,
  maxMs: number,
  factor: number,
  jitter: boolean,
): number {
  const base = Math.min(maxMs, initialMs * factor ** Math.max(0, attempt - 1));
  return jitter ? base / 2 + Math.random() * (base / 2) : base;
}

/**
 * Settles as `promise` does, unless `ms` pass first (it rejects with `timeout()`) or
 * `signal` aborts first (it rejects with the signal's reason). The timer and the abort
 * listener are always released.
 */
export async function deadline<T>(
  promise: Promise<T>,
  ms: number,
  timeout: () => Error,
  signal?: AbortSignal,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeout()), ms);
  });
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal!.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, expired, aborted]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}

/**
 * Settles as `promise` does, unless `signal` aborts first (it rejects with the signal's
 * reason). The abort listener is always released; `promise` goes on unobserved.
 */
export async function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return await promise;
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort!);
  }
}

/** One wait watched by a {@linkcode DeadlineWatch}. */
export interface WatchedWait {
  /** When it expires (`monotonicMs()`-like local ms). */
  readonly deadline: number;
  /** Called once when the deadline passed before it was removed. */
  expire(): void;
}

/**
 * Deadlines of many waits under one timer, armed for the earliest: with equal timeouts it is
 * re-armed about once per timeout, not once per wait (a timer per wait costs a hot path).
 * `now` reads the clock the deadlines are on.
 */
export class DeadlineWatch {
  readonly #waits = new Set<WatchedWait>();
  readonly #now: () => number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Infinity;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Watches `wait` until {@linkcode DeadlineWatch.delete} or its expiry. */
  add(wait: WatchedWait): void {
    this.#waits.add(wait);
    if (wait.deadline < this.#timerAt) this.#arm(wait.deadline);
  }

  /** Stops watching `wait`; the timer stops with the last one. */
  delete(wait: WatchedWait): void {
    this.#waits.delete(wait);
    if (this.#waits.size === 0 && this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#timerAt = Infinity;
    }
  }

  #arm(at: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => this.#fire(), Math.max(1, Math.ceil(at - this.#now())));
  }

  #fire(): void {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = this.#now();
    let next = Infinity;
    for (const wait of [...this.#waits]) {
      if (wait.deadline <= now) {
        this.#waits.delete(wait);
        wait.expire();
      } else if (wait.deadline < next) next = wait.deadline;
    }
    if (next !== Infinity && this.#waits.size > 0) this.#arm(next);
  }
}
