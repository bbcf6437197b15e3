// Private: the implementation of `Subscription`.
import { SlowConsumerError } from "./stream_errors.ts";
import { Listeners, toError } from "./_listeners.ts";
import type {
  OverflowPolicy,
  StreamGap,
  SubscribeOptions,
  Subscription,
  SubscriptionEventMap,
  SubscriptionListener,
  SubscriptionStats,
} from "./subscription.ts";

/** The implementation of {@linkcode Subscription}. */
export class SubscriptionImpl<T> implements Subscription<T> {
  readonly stream: string;
  readonly #bufferSize: number;
  readonly #policy: OverflowPolicy;
  readonly #stats: SubscriptionStats = {
    received: 0,
    delivered: 0,
    buffered: 0,
    highWaterMark: 0,
    dropped: 0,
    duplicates: 0,
    gaps: 0,
    malformed: 0,
  };
  #buffer: (T | undefined)[] = [];
  #head = 0;
  #waiter: PromiseWithResolvers<IteratorResult<T>> | undefined;
  #iterating = false;
  #overflowing = false;
  #ended: { reason: string; error?: Error } | undefined;
  #unsubscribing: Promise<void> | undefined;
  #data: ((value: T) => void)[] = [];
  // A throwing listener must not stop the stream: it is reported as an error event.
  readonly #listeners: Listeners<SubscriptionEventMap<T>> = new Listeners<
    SubscriptionEventMap<T>
  >((error, type) => {
    if (type !== "error") this.#error(toError(error));
  });
  readonly #onUnsubscribe: (sub: SubscriptionImpl<T>, options: {
    signal?: AbortSignal;
    timeoutMs?: number;
  }) => Promise<void>;
  readonly #unheard: { gap(gap: StreamGap): void; error(error: Error): void };
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = () => void this.unsubscribe().catch(() => {});

  constructor(
    stream: string,
    options: SubscribeOptions,
    onUnsubscribe: (
      sub: SubscriptionImpl<T>,
      options: { signal?: AbortSignal; timeoutMs?: number },
    ) => Promise<void>,
    unheard: { gap(gap: StreamGap): void; error(error: Error): void },
  ) {
    this.stream = stream;
    this.#bufferSize = Math.max(1, options.bufferSize ?? 10_000);
    this.#policy = options.overflow ?? "dropOldest";
    this.#onUnsubscribe = onUnsubscribe;
    this.#unheard = unheard;
    this.#signal = options.signal;
    this.#signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  get stats(): Readonly<SubscriptionStats> {
    this.#stats.buffered = this.#buffer.length - this.#head;
    return { ...this.#stats };
  }

  get active(): boolean {
    return this.#ended === undefined;
  }

  on<K extends keyof SubscriptionEventMap<T>>(
    type: K,
    listener: SubscriptionListener<T, K>,
  ): () => void {
    if (type === "data") {
      const fn = listener as (value: T) => void;
      this.#data = [...this.#data, fn];
      // Updates buffered before the first listener (and with no iterator) go to it now.
      if (!this.#iterating && this.#data.length === 1) {
        while (this.#head < this.#buffer.length) {
          const value = this.#buffer[this.#head] as T;
          this.#buffer[this.#head++] = undefined;
          this.#stats.delivered++;
          this.#call(fn, value);
        }
        this.#buffer = [];
        this.#head = 0;
      }
      return () => (this.#data = this.#data.filter((l) => l !== fn));
    }
    return this.#listeners.on(type, listener);
  }

  #emit<K extends Exclude<keyof SubscriptionEventMap<T>, "data">>(
    type: K,
    payload: SubscriptionEventMap<T>[K],
  ): boolean {
    return this.#listeners.emit(type, payload);
  }

  /** An error nobody listens to here goes to the connection (and the console). */
  #error(error: Error): void {
    if (!this.#emit("error", { error })) this.#unheard.error(error);
  }

  #call(fn: (value: T) => void, value: T): void {
    try {
      fn(value);
    } catch (error) {
      // A throwing listener must not stop the stream.
      this.#error(toError(error));
    }
  }

  /** Hands one update (in order, de-duplicated) to the consumer. Hot path. */
  push(value: T): void {
    if (this.#ended) return;
    this.#stats.received++;
    const data = this.#data;
    for (let i = 0; i < data.length; i++) this.#call(data[i], value);
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      this.#stats.delivered++;
      waiter.resolve({ value, done: false });
      return;
    }
    if (data.length > 0 && !this.#iterating) {
      this.#stats.delivered++;
      return;
    }
    const buffered = this.#buffer.length - this.#head;
    if (buffered >= this.#bufferSize) {
      this.#overflow(value);
      return;
    }
    this.#buffer.push(value);
    if (buffered + 1 > this.#stats.highWaterMark) this.#stats.highWaterMark = buffered + 1;
  }

  #overflow(value: T): void {
    if (this.#policy === "error") {
      this.end("slow consumer", new SlowConsumerError(this.stream, this.#bufferSize));
      void this.unsubscribe().catch(() => {});
      return;
    }
    this.#stats.dropped++;
    if (this.#policy === "dropOldest") {
      this.#buffer[this.#head++] = undefined;
      this.#buffer.push(value);
      if (this.#head > 4096 && this.#head * 2 > this.#buffer.length) {
        this.#buffer = this.#buffer.slice(this.#head);
        this.#head = 0;
      }
    }
    if (!this.#overflowing) {
      this.#overflowing = true;
      this.gap({ stream: this.stream, reason: "overflow", dropped: this.#stats.dropped });
    }
  }

  /** Counts a duplicate that was removed. */
  duplicate(): void {
    this.#stats.duplicates++;
  }

  /** Reports a frame that did not match the model. */
  malformed(error: Error): boolean {
    this.#stats.malformed++;
    return this.#emit("error", { error });
  }

  /** Emits a gap (to the connection too, when nobody listens here). */
  gap(gap: StreamGap): void {
    this.#stats.gaps++;
    if (!this.#emit("gap", gap)) this.#unheard.gap(gap);
  }

  /** Ends the subscription; the iterator finishes (or throws `error`). */
  end(reason: string, error?: Error): void {
    if (this.#ended) return;
    this.#ended = { reason, error };
    this.#signal?.removeEventListener("abort", this.#onAbort);
    if (error) {
      this.#buffer = [];
      this.#head = 0;
    }
    const waiter = this.#waiter;
    this.#waiter = undefined;
    if (waiter) {
      if (error) waiter.reject(error);
      else waiter.resolve({ value: undefined, done: true });
    }
    this.#emit("end", { reason });
  }

  #next(): Promise<IteratorResult<T>> {
    if (this.#head < this.#buffer.length) {
      const value = this.#buffer[this.#head] as T;
      this.#buffer[this.#head++] = undefined;
      if (this.#head === this.#buffer.length) {
        this.#buffer.length = 0;
        this.#head = 0;
        this.#overflowing = false;
      } else if (this.#head > 4096 && this.#head * 2 > this.#buffer.length) {
        this.#buffer = this.#buffer.slice(this.#head);
        this.#head = 0;
      }
      this.#stats.delivered++;
      return Promise.resolve({ value, done: false });
    }
    if (this.#ended) {
      const error = this.#ended.error;
      if (error) {
        this.#ended = { reason: this.#ended.reason };
        return Promise.reject(error);
      }
      return Promise.resolve({ value: undefined, done: true });
    }
    this.#overflowing = false;
    this.#waiter = Promise.withResolvers<IteratorResult<T>>();
    return this.#waiter.promise;
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
    return {
      next: () => this.#next(),
      return: async (): Promise<IteratorResult<T>> => {
        await this.unsubscribe().catch(() => {});
        return { value: undefined, done: true };
      },
    };
  }

  unsubscribe(options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<void> {
    this.end("unsubscribed");
    return this.#unsubscribing ??= this.#onUnsubscribe(this, options);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.unsubscribe().catch(() => {});
  }
}
