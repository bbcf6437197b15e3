// Private: the implementation of `Subscription`. Built to be cheap at rest and on the hot
// path: an idle subscription is one object with a handful of fields (no buffer, no listener
// table, no closures of its own until something asks for them), and an update costs a few
// field updates plus, for an iterator that waits, one promise.
import { SlowConsumerError } from "./stream_errors.ts";
import { backlog } from "./_backlog.ts";
import { catchAsync, Listeners, throwsAsErrorEvent, toError } from "./_listeners.ts";
import type {
  OverflowPolicy,
  StreamGap,
  SubscribeOptions,
  Subscription,
  SubscriptionEventMap,
  SubscriptionListener,
  SubscriptionStats,
} from "./subscription.ts";

/** What a subscription needs of its connection: one object serves every subscription. */
export interface SubscriptionHost {
  /** Ends the stream's server subscription when `sub` was its last user. */
  unsubscribe<T>(
    sub: SubscriptionImpl<T>,
    options: { signal?: AbortSignal; timeoutMs?: number },
  ): Promise<void>;
  /** A gap nobody listens to on the subscription. */
  gap(gap: StreamGap): void;
  /** An error nobody listens to on the subscription. */
  error(error: Error): void;
}

type DataListener<T> = (value: T) => void;
type Resolve<T> = (result: IteratorResult<T> | PromiseLike<IteratorResult<T>>) => void;

const NO_DATA: readonly DataListener<unknown>[] = Object.freeze([]);
const DONE: IteratorResult<never> = Object.freeze({ value: undefined, done: true }) as never;

/** The buffer grows in chunks of this many slots, up to the subscription's bound. */
const FIRST_CAPACITY = 16;

/** The key of the method behind the iterator's `next()`. */
const NEXT: unique symbol = Symbol("next");

/** A thenable that rejects: settles a waiting `next()` with `error`, tracked by no one. */
function rejecting(error: Error): PromiseLike<never> {
  return { then: (_resolve, reject) => reject?.(error) as never };
}

// One executor for every pending `next()`: no closure per promise.
let captured: Resolve<unknown> | undefined;
function capture(resolve: Resolve<unknown>): void {
  captured = resolve;
}

/** The implementation of {@linkcode Subscription}. */
export class SubscriptionImpl<T> implements Subscription<T> {
  // The fields an update reads first, so that they share the object's first cache line.
  #received = 0;
  #delivered = 0;
  /** The resolver of the iterator's pending `next()`, if it waits. */
  #waiter: Resolve<T> | undefined;
  #iterating = false;
  #ended: { reason: string; error?: Error } | undefined;
  /** The only `data` listener, when there is one (no array to reach per update). */
  #one: DataListener<T> | undefined;
  readonly stream: string;
  /** The connection's record of the stream (its wire). */
  readonly wire: unknown;
  readonly #host: SubscriptionHost;
  readonly #bufferSize: number;
  readonly #policy: OverflowPolicy;
  readonly #signal: AbortSignal | undefined;
  // Counters, as fields (`stats` copies them out).
  #highWaterMark = 0;
  #dropped = 0;
  #duplicates = 0;
  #gaps = 0;
  #malformed = 0;
  /** A ring buffer, allocated on the first update that must wait, grown up to the bound. */
  #ring: (T | undefined)[] | undefined;
  #head = 0;
  #count = 0;
  #overflowing = false;
  #unsubscribing: Promise<void> | undefined;
  /** The `data` listeners: replaced, never mutated, so a dispatch in progress is stable. */
  #data: readonly DataListener<T>[] = NO_DATA as readonly DataListener<T>[];
  /** The other listeners, made on the first `on()` of a gap, error or end. */
  #listeners: Listeners<SubscriptionEventMap<T>> | undefined;
  #onAbort: (() => void) | undefined;

  /**
   * @param stream The stream name.
   * @param options Signal, buffer size and overflow policy (already checked).
   * @param host The connection.
   * @param wire The connection's record of the stream.
   */
  constructor(stream: string, options: SubscribeOptions, host: SubscriptionHost, wire?: unknown) {
    this.stream = stream;
    this.wire = wire;
    this.#host = host;
    this.#bufferSize = Math.max(1, options.bufferSize ?? 10_000);
    this.#policy = options.overflow ?? "dropOldest";
    const signal = options.signal;
    this.#signal = signal;
    if (signal) {
      this.#onAbort = () => void this.unsubscribe().catch(() => {});
      signal.addEventListener("abort", this.#onAbort, { once: true });
    }
  }

  get stats(): Readonly<SubscriptionStats> {
    return {
      received: this.#received,
      delivered: this.#delivered,
      buffered: this.#count,
      highWaterMark: this.#highWaterMark,
      dropped: this.#dropped,
      duplicates: this.#duplicates,
      gaps: this.#gaps,
      malformed: this.#malformed,
    };
  }

  /** Slots of the ring buffer allocated now (0 until an update had to wait): for tests. */
  get bufferCapacity(): number {
    return this.#ring?.length ?? 0;
  }

  get active(): boolean {
    return this.#ended === undefined;
  }

  on<K extends keyof SubscriptionEventMap<T>>(
    type: K,
    listener: SubscriptionListener<T, K>,
  ): () => void {
    if (type === "data") {
      const fn = listener as DataListener<T>;
      this.#data = [...this.#data, fn];
      this.#one = this.#data.length === 1 ? fn : undefined;
      // Updates buffered before the first listener (and with no iterator) go to it now.
      if (!this.#iterating && this.#data.length === 1) {
        while (this.#count > 0) {
          const value = this.#take();
          this.#delivered++;
          this.#call(fn, value);
        }
        this.#ring = undefined;
        this.#head = 0;
        this.#overflowing = false; // drained: a later overflow is a new gap
      }
      return () => {
        const next = this.#data.filter((l) => l !== fn);
        this.#data = next.length === 0 ? NO_DATA as readonly DataListener<T>[] : next;
        this.#one = next.length === 1 ? next[0] : undefined;
      };
    }
    // A throwing listener must not stop the stream: it is reported as an error event.
    this.#listeners ??= new Listeners<SubscriptionEventMap<T>>(
      throwsAsErrorEvent((error) => this.#error(error)),
    );
    return this.#listeners.on(type, listener);
  }

  #emit<K extends Exclude<keyof SubscriptionEventMap<T>, "data">>(
    type: K,
    payload: SubscriptionEventMap<T>[K],
  ): boolean {
    return this.#listeners !== undefined && this.#listeners.emit(type, payload);
  }

  /** An error nobody listens to here goes to the connection (and the console). */
  #error(error: Error): void {
    if (!this.#emit("error", { error })) this.#host.error(error);
  }

  #call(fn: DataListener<T>, value: T): void {
    try {
      const out: unknown = (fn as (value: T) => unknown)(value);
      // An async listener's rejection is an error event too (unhandled, it ends the process).
      catchAsync(out, (error) => this.#error(toError(error)));
    } catch (error) {
      // A throwing listener must not stop the stream.
      this.#error(toError(error));
    }
  }

  /** Hands one update (in order, de-duplicated) to the consumer. Hot path. */
  push(value: T): void {
    if (this.#ended !== undefined) return;
    this.#received++;
    const one = this.#one;
    if (one !== undefined) {
      this.#call(one, value);
      if (!this.#iterating) {
        this.#delivered++;
        return;
      }
    } else if (this.#data.length > 0) {
      const data = this.#data;
      for (let i = 0; i < data.length; i++) this.#call(data[i], value);
      if (!this.#iterating) {
        this.#delivered++;
        return;
      }
    }
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      this.#delivered++;
      waiter({ value, done: false });
      return;
    }
    if (this.#count >= this.#bufferSize) {
      this.#overflow(value);
      return;
    }
    this.#put(value);
    // Nobody was waiting: the socket lets the loop (or the code about to start it) run
    // before the next frame.
    backlog.waiting = true;
    if (this.#count > this.#highWaterMark) this.#highWaterMark = this.#count;
  }

  /** Appends to the ring (room is known to be there, up to the bound). */
  #put(value: T): void {
    let ring = this.#ring;
    if (ring === undefined) {
      ring = this.#ring = new Array(Math.min(FIRST_CAPACITY, this.#bufferSize));
      this.#head = 0;
    } else if (this.#count === ring.length) {
      // Full but under the bound: grow, keeping the order.
      const size = Math.min(ring.length * 2, this.#bufferSize);
      const grown = new Array<T | undefined>(size);
      for (let i = 0; i < this.#count; i++) grown[i] = ring[(this.#head + i) % ring.length];
      ring = this.#ring = grown;
      this.#head = 0;
    }
    let tail = this.#head + this.#count;
    if (tail >= ring.length) tail -= ring.length;
    ring[tail] = value;
    this.#count++;
  }

  /** Removes the oldest buffered update (there is one). */
  #take(): T {
    const ring = this.#ring!;
    const value = ring[this.#head] as T;
    ring[this.#head] = undefined;
    if (++this.#head === ring.length) this.#head = 0;
    this.#count--;
    return value;
  }

  #overflow(value: T): void {
    if (this.#policy === "error") {
      this.end("slow consumer", new SlowConsumerError(this.stream, this.#bufferSize));
      void this.unsubscribe().catch(() => {});
      return;
    }
    this.#dropped++;
    if (this.#policy === "dropOldest") {
      this.#take();
      this.#put(value);
    }
    if (!this.#overflowing) {
      this.#overflowing = true;
      this.gap({ stream: this.stream, reason: "overflow", dropped: this.#dropped });
    }
  }

  /** Counts a duplicate that was removed. */
  duplicate(): void {
    this.#duplicates++;
  }

  /** Reports a frame that did not match the model. */
  malformed(error: Error): boolean {
    this.#malformed++;
    return this.#emit("error", { error });
  }

  /** Emits a gap (to the connection too, when nobody listens here). */
  gap(gap: StreamGap): void {
    this.#gaps++;
    if (!this.#emit("gap", gap)) this.#host.gap(gap);
  }

  /** Ends the subscription; the iterator finishes (or throws `error`). */
  end(reason: string, error?: Error): void {
    if (this.#ended) return;
    this.#ended = { reason, error };
    if (this.#onAbort) {
      this.#signal!.removeEventListener("abort", this.#onAbort);
      this.#onAbort = undefined;
    }
    if (error) {
      this.#ring = undefined;
      this.#head = 0;
      this.#count = 0;
    }
    const waiter = this.#waiter;
    this.#waiter = undefined;
    if (waiter) waiter(error ? rejecting(error) : DONE);
    this.#emit("end", { reason });
  }

  /** The iterator's `next()` (symbol-keyed: not part of the public shape). */
  [NEXT](): Promise<IteratorResult<T>> {
    if (this.#count > 0) {
      const value = this.#take();
      if (this.#count === 0) this.#overflowing = false;
      this.#delivered++;
      return Promise.resolve({ value, done: false });
    }
    if (this.#ended) {
      const error = this.#ended.error;
      if (error) {
        this.#ended = { reason: this.#ended.reason };
        return Promise.reject(error);
      }
      return Promise.resolve(DONE);
    }
    this.#overflowing = false;
    const promise = new Promise<IteratorResult<T>>(capture as never);
    this.#waiter = captured as Resolve<T>;
    captured = undefined;
    return promise;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#iterating) {
      throw new TypeError(
        `Cannot iterate "${this.stream}" again: a subscription has one iterator` +
          (this.#ended ? `, and it ended (${this.#ended.reason})` : ", and it is in use") +
          ". Subscribe again for another loop, or share one loop's values.",
      );
    }
    this.#iterating = true;
    return new SubscriptionIterator(this);
  }

  unsubscribe(options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<void> {
    this.end("unsubscribed");
    return this.#unsubscribing ??= this.#host.unsubscribe(this, options);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.unsubscribe().catch(() => {});
  }
}

/** The one iterator of a subscription: two methods on a prototype, one field. */
class SubscriptionIterator<T> implements AsyncIterator<T> {
  readonly #sub: SubscriptionImpl<T>;

  constructor(sub: SubscriptionImpl<T>) {
    this.#sub = sub;
  }

  next(): Promise<IteratorResult<T>> {
    return this.#sub[NEXT]();
  }

  async return(): Promise<IteratorResult<T>> {
    await this.#sub.unsubscribe().catch(() => {});
    return DONE;
  }
}
