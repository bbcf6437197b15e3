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
