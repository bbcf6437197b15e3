// Private: the streams a connection stopped lately. Frames of such a stream may still
// arrive (sent before the server took the UNSUBSCRIBE, which may wait in the paced queue
// and is answered within `timeoutMs`, or by the old socket of a rotation, for up to
// `maxOverlapMs`): they are expected, not reported. Bounded: a name is kept for a window
// after its removal, then forgotten, so a frame of it is reported again.

import { monotonicMs } from "./_clock.ts";

/** How long frames of a stopped stream are expected, in ms. */
export const LATE_FRAMES_MS = 60_000;

/** Stream names removed in the last window, oldest first. */
export class RecentStreams {
  readonly #removedAt: Map<string, number> = new Map();
  readonly #windowMs: number;

  /** @param windowMs How long a removed name is kept. */
  constructor(windowMs: number = LATE_FRAMES_MS) {
    this.#windowMs = windowMs;
  }

  /** How many names are kept now. */
  get size(): number {
    return this.#removedAt.size;
  }

  /** Remembers that `name` was removed at `now`; forgets names older than the window. */
  add(name: string, now: number = monotonicMs()): void {
    this.#removedAt.delete(name); // re-inserted last: the map stays in time order
    this.#removedAt.set(name, now);
    this.#prune(now);
  }

  /** Whether `name` was removed within the window before `now`. */
  has(name: string, now: number = monotonicMs()): boolean {
    this.#prune(now);
    return this.#removedAt.has(name);
  }

  #prune(now: number): void {
    for (const [name, at] of this.#removedAt) {
      if (at > now - this.#windowMs) return;
      this.#removedAt.delete(name);
    }
  }
}
