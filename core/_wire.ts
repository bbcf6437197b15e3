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
  /** The stream's model check (`spec.parse`), kept here: one object less to reach per frame. */
  readonly parse: (raw: unknown) => T;
  /** The subscriptions of the stream; `#sole` is the only one, when there is one. */
  #subs: readonly SubscriptionImpl<T>[] = [];
  #sole: SubscriptionImpl<T> | undefined;
  /** Whether the server acknowledged the stream's `SUBSCRIBE` once. */
  acked = false;
  /**
   * Until the first acknowledgement: resolves on it, rejects when the stream cannot be
   * subscribed. Released once acknowledged (nothing waits on an acknowledged stream).
   */
  ready: PromiseWithResolvers<void> | undefined = Promise.withResolvers<void>();
  /** The socket whose updates are delivered. */
  primary: unknown;
  /** Updates from the new socket during a rotation, until it proves an overlap. */
  pending: T[] | undefined;
  /** While two sockets overlap, an equal snapshot key is a duplicate too. */
  overlap = false;
  /** The stream was re-established after a hard drop: the next update may follow a gap. */
  resumed = false;
  /** Why `resumed`: a hard drop, or a rotation whose overlap could not be proven. */
  resumedBy: "reconnect" | "rotation" = "reconnect";
  /**
   * The stream's socket dropped and the stream is not subscribed again yet: set on the drop,
   * cleared when a SUBSCRIBE of it is acknowledged (a socket that opened again carries
   * nothing of it before that).
   */
  down = false;
  // The sequence of the last update delivered, as a number field that is never `undefined`
  // (so it stays an unboxed double on the hot path), and whether there is one.
  #last = 0;
  #hasLast = false;
  readonly #contiguous: boolean;
  readonly #snapshot: boolean;
  readonly #sequence: (value: T) => number;
  readonly #firstSequence: ((value: T) => number) | undefined;

  constructor(spec: StreamSpec<T>, shard: S) {
    this.spec = spec;
    this.shard = shard;
    this.parse = spec.parse;
    this.#sequence = spec.sequence;
    this.#firstSequence = spec.firstSequence;
    this.#contiguous = spec.order === "contiguous";
    this.#snapshot = spec.order === "snapshot";
    this.ready!.promise.catch(() => {});
  }

  /** The subscriptions of the stream: replaced, never mutated, so a delivery is stable. */
  get subs(): readonly SubscriptionImpl<T>[] {
    return this.#subs;
  }

  set subs(subs: readonly SubscriptionImpl<T>[]) {
    this.#subs = subs;
    this.#sole = subs.length === 1 ? subs[0] : undefined;
  }

  /** The sequence of the last update delivered. */
  get last(): number | undefined {
    return this.#hasLast ? this.#last : undefined;
  }

  /** Reports a gap to every subscription. */
  gap(gap: StreamGap): void {
    for (const s of this.subs) s.gap(gap);
  }

  /** Delivers `value` once, in order, after checking its sequence. Hot path. */
  accept(value: T): void {
    const seq = this.#sequence(value);
    if (this.#hasLast) {
      const last = this.#last;
      if (seq <= last && (seq < last || !this.#snapshot || this.overlap)) {
        const subs = this.#subs;
        for (let i = 0; i < subs.length; i++) subs[i].duplicate();
        return;
      }
      if (this.#contiguous) {
        const firstSequence = this.#firstSequence;
        const first = firstSequence === undefined ? seq : firstSequence(value);
        if (first > last + 1) {
          const spec = this.spec;
          this.gap({
            stream: spec.name,
            reason: this.resumed ? this.resumedBy : "sequence",
            lastSequence: last,
            nextSequence: first,
            missed: first - last - 1,
          });
        }
      } else if (this.resumed) {
        this.gap({
          stream: this.spec.name,
          reason: this.resumedBy,
          lastSequence: last,
          nextSequence: seq,
        });
      }
    } else if (this.resumed) {
      this.gap({ stream: this.spec.name, reason: this.resumedBy, nextSequence: seq });
    }
    if (this.resumed) {
      this.resumed = false;
      this.resumedBy = "reconnect";
    }
    this.#last = seq;
    this.#hasLast = true;
    const sole = this.#sole;
    if (sole !== undefined) sole.push(value);
    else {
      const subs = this.#subs;
      for (let i = 0; i < subs.length; i++) subs[i].push(value);
    }
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
    if (!pending || pending.length === 0 || !this.#hasLast) return false;
    const head = pending[0];
    const first = this.spec.firstSequence
      ? this.spec.firstSequence(head)
      : this.spec.sequence(head);
    return first <= this.#last || (this.#contiguous && first === this.#last + 1);
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
    if (!proven && pending.length > 0 && this.#hasLast) {
      const first = this.spec.sequence(pending[0]);
      if (!this.#contiguous && first > this.#last) {
        this.gap({
          stream: this.spec.name,
          reason: "rotation",
          lastSequence: this.#last,
          nextSequence: first,
        });
      }
    } else if (!proven && this.#hasLast && !this.#contiguous) {
      // Nothing came on the new socket yet: whatever the old one missed since is unknown, so
      // the next update comes after a gap (a contiguous stream tells by its ids).
      this.resumed = true;
      this.resumedBy = "rotation";
    }
    for (const v of pending) this.accept(v);
  }
}

/**
 * Whether the stream a subscription reads is down: acknowledged once, its socket closed, and
 * not yet subscribed again (acknowledged) on a new one (its updates are being missed meanwhile). `false` for
 * a subscription of no stream connection.
 */
export function isStreamDown(sub: object): boolean {
  const wire = (sub as { wire?: unknown }).wire;
  return wire instanceof Wire && wire.acked && (wire.primary === undefined || wire.down);
}
