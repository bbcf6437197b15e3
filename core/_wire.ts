// Private: one stream of a stream connection as its updates arrive: sequence, de-duplication,
// gaps, and what a make-before-break rotation needs (updates held from the new socket until
// they overlap, then the switch). Pure: no sockets, no timers; a socket is only compared.
import type { SubscriptionImpl } from "./_subscription.ts";
import type { StreamSpec } from "./stream_types.ts";
import type { StreamGap } from "./subscription.ts";

/** Updates held from the new socket of a rotation at most; older ones are dropped. */
export const MAX_HELD = 100_000;

/**
 * One stream of a connection, shared by every subscription of it.
 *
 * @typeParam T The model of the stream's updates.
 * @typeParam S The shard (group of streams on one socket) the stream belongs to.
 */
export class Wire<T, S = unknown> {
  readonly spec: StreamSpec<T>;
  readonly shard: S;
  subs: SubscriptionImpl<T>[] = [];
  /** Whether the server acknowledged the stream's `SUBSCRIBE` once. */
  acked = false;
  /** Resolves on the first acknowledgement; rejects when the stream cannot be subscribed. */
  readonly ready: PromiseWithResolvers<void> = Promise.withResolvers<void>();
  /** The sequence of the last update delivered. */
  last: number | undefined;
  /** The socket whose updates are delivered. */
  primary: unknown;
  /** Updates from the new socket during a rotation, until it proves an overlap. */
  pending: T[] | undefined;
  /** While two sockets overlap, an equal snapshot key is a duplicate too. */
  overlap = false;
  /** The stream was re-established after a hard drop: the next update may follow a gap. */
  resumed = false;

  constructor(spec: StreamSpec<T>, shard: S) {
    this.spec = spec;
    this.shard = shard;
    this.ready.promise.catch(() => {});
  }

  /** Reports a gap to every subscription. */
  gap(gap: StreamGap): void {
    for (const s of this.subs) s.gap(gap);
  }

  /** Delivers `value` once, in order, after checking its sequence. Hot path. */
  accept(value: T): void {
    const spec = this.spec;
    const seq = spec.sequence(value);
    const last = this.last;
    if (last !== undefined) {
      if (seq < last || (seq === last && (spec.order !== "snapshot" || this.overlap))) {
        for (const s of this.subs) s.duplicate();
        return;
      }
      if (spec.order === "contiguous") {
        const first = spec.firstSequence ? spec.firstSequence(value) : seq;
        if (first > last + 1) {
          this.gap({
            stream: spec.name,
            reason: this.resumed ? "reconnect" : "sequence",
            lastSequence: last,
            nextSequence: first,
            missed: first - last - 1,
          });
        }
      } else if (this.resumed) {
        this.gap({ stream: spec.name, reason: "reconnect", lastSequence: last, nextSequence: seq });
      }
    } else if (this.resumed) {
      this.gap({ stream: spec.name, reason: "reconnect", nextSequence: seq });
    }
    this.resumed = false;
    this.last = seq;
    const subs = this.subs;
    for (let i = 0; i < subs.length; i++) subs[i].push(value);
  }

  /** During a rotation: holds an update of the new socket (at most {@linkcode MAX_HELD}). */
  hold(value: T): void {
    const pending = this.pending!;
    pending.push(value);
    if (pending.length > MAX_HELD) pending.shift();
  }

  /** During a rotation: whether the new socket's held updates overlap what was delivered. */
  overlapProven(): boolean {
    const pending = this.pending;
    if (!pending || pending.length === 0 || this.last === undefined) return false;
    const head = pending[0];
    const first = this.spec.firstSequence
      ? this.spec.firstSequence(head)
      : this.spec.sequence(head);
    return first <= this.last ||
      (this.spec.order === "contiguous" && first === this.last + 1);
  }

  /**
   * Makes `source` the socket of this stream, delivering what it held. Without a proven
   * overlap, a stream that is not contiguous reports a `rotation` gap (a contiguous one
   * proves or excludes it by its ids in `accept`).
   */
  switchTo(source: unknown, proven: boolean): void {
    const pending = this.pending ?? [];
    this.pending = undefined;
    this.primary = source;
    this.overlap = true;
    if (!proven && pending.length > 0 && this.last !== undefined) {
      const first = this.spec.sequence(pending[0]);
      if (this.spec.order !== "contiguous" && first > this.last) {
        this.gap({
          stream: this.spec.name,
          reason: "rotation",
          lastSequence: this.last,
          nextSequence: first,
        });
      }
    }
    for (const v of pending) this.accept(v);
  }
}
