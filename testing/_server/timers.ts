// Private: the fake exchange's one-shot timers (delayed answers, closes after
// `serverShutdown`, the end of a stall), all released when the exchange closes.

/** A set of one-shot timers that can be released at once. */
export interface Timers {
  /** Runs `fn` in `ms`. */
  later(ms: number, fn: () => void): void;
  /** Cancels every timer not yet run. */
  clear(): void;
}

/** A new, empty set of timers. */
export function createTimers(): Timers {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  return {
    later(ms: number, fn: () => void): void {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    },
    clear(): void {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
