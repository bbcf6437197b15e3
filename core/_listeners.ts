// Private: typed event listeners, shared by the connections, subscriptions and order books.

/** Throws `error` from a fresh microtask: it surfaces as uncaught without unwinding the caller. */
export function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

/** An `Error` for any thrown value. */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * What a connection or subscription does with a throwing listener: it becomes an `error` event
 * through `report`; a throwing `error` listener is written to the console (never silent, and no
 * loop of errors).
 */
export function throwsAsErrorEvent<M>(
  report: (error: Error) => void,
): (error: unknown, type: keyof M) => void {
  return (error, type) => {
    if (type !== "error") report(toError(error));
    else console.warn(`@binance-ws/spot: an "error" listener threw: ${toError(error).message}`);
  };
}

/**
 * A listener's return value: when it is a promise (an async listener), its rejection goes to
 * `onError` (unhandled, it would end a Deno process). Hot path: one comparison otherwise.
 */
export function catchAsync(out: unknown, onError: (error: unknown) => void): void {
  if (out != null && typeof (out as Promise<unknown>).then === "function") {
    (out as Promise<unknown>).then(undefined, onError);
  }
}

/** Listeners of the events of `M` (event name → payload). */
export class Listeners<M> {
  readonly #map = new Map<keyof M, Set<(payload: never) => void>>();
  readonly #onThrow: (error: unknown, type: keyof M) => void;

  /** @param onThrow What to do when a listener throws. Default: rethrow later. */
  constructor(onThrow: (error: unknown, type: keyof M) => void = rethrowLater) {
    this.#onThrow = onThrow;
  }

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof M>(type: K, listener: (payload: M[K]) => void): () => void {
    let set = this.#map.get(type);
    if (!set) this.#map.set(type, set = new Set());
    const fn = listener as (payload: never) => void;
    set.add(fn);
    return () => void set.delete(fn);
  }

  /**
   * Calls every listener of `type`; a throwing listener, or an async one whose promise
   * rejects, goes to `onThrow` (an unhandled rejection would end a Deno process).
   */
  emit<K extends keyof M>(type: K, payload: M[K]): boolean {
    const set = this.#map.get(type);
    if (!set || set.size === 0) return false;
    for (const listener of [...set]) {
      try {
        const out: unknown = (listener as (payload: M[K]) => unknown)(payload);
        catchAsync(out, (error) => this.#onThrow(error, type));
      } catch (error) {
        this.#onThrow(error, type);
      }
    }
    return true;
  }
}
