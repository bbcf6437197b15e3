/**
 * Subscriptions to market streams: async iterables with callbacks, a bounded buffer with
 * an explicit overflow policy, counters, and `gap` events.
 *
 * @module
 */

/**
 * What a subscription does when its consumer falls `bufferSize` updates behind:
 * - `"dropOldest"`: drop the oldest buffered update, count it, and emit a `gap` (reason
 *   `"overflow"`) once per overflow episode;
 * - `"dropNewest"`: drop the arriving update, same counting and `gap`;
 * - `"error"`: end the subscription; the iterator throws {@linkcode SlowConsumerError}.
 */
export type OverflowPolicy = "dropOldest" | "dropNewest" | "error";

/** Options of every stream function. */
export interface SubscribeOptions {
  /** Aborting ends the subscription (and unsubscribes). */
  signal?: AbortSignal;
  /**
   * How long to wait for the server's acknowledgement, in ms. Default: the connection's
   * `timeoutMs` (10 000).
   */
  timeoutMs?: number;
  /** Updates buffered for a slow consumer of the iterator. Default 10 000. */
  bufferSize?: number;
  /** What happens when the buffer is full. Default `"dropOldest"`. */
  overflow?: OverflowPolicy;
}

/** Why a subscription may have missed updates. */
export type StreamGapReason =
  /** The ids of two consecutive updates are not contiguous. */
  | "sequence"
  /** The connection was re-established after a hard drop. */
  | "reconnect"
  /** The consumer was too slow and updates were dropped from the buffer. */
  | "overflow"
  /** A make-before-break rotation could not prove an overlap. */
  | "rotation";

/**
 * A range of updates a subscription may have missed. Emitted whenever a gap cannot be
 * excluded; what is known of the range is given.
 */
export interface StreamGap {
  /** The stream name, as on the wire (e.g. `"btcusdt@depth"`). */
  stream: string;
  /** Why. */
  reason: StreamGapReason;
  /** The sequence (trade id, update id, event time…) of the last update delivered before. */
  lastSequence?: number;
  /** The sequence of the first update delivered after. */
  nextSequence?: number;
  /** For contiguous ids: how many updates are missing. */
  missed?: number;
  /** For `"overflow"`: how many updates were dropped so far. */
  dropped?: number;
}

/** Counters of a subscription. */
export interface SubscriptionStats {
  /** Updates that arrived for this subscription (after de-duplication). */
  received: number;
  /** Updates handed to the consumer (iterator or `data` listeners). */
  delivered: number;
  /** Updates buffered now, waiting for the iterator. */
  buffered: number;
  /** The most updates ever buffered at once. */
  highWaterMark: number;
  /** Updates dropped by the overflow policy. */
  dropped: number;
  /** Duplicate updates removed (same or older sequence). */
  duplicates: number;
  /** `gap` events emitted. */
  gaps: number;
  /** Frames whose payload did not match the documented shape (reported as `error`). */
  malformed: number;
}

/** Payloads of a subscription's events. */
export interface SubscriptionEventMap<T> {
  /** An update, in order, once. */
  data: T;
  /** Updates may have been missed. */
  gap: StreamGap;
  /** A frame of this stream could not be read; the subscription goes on. */
  error: { error: Error };
  /** The subscription ended (unsubscribed, aborted, connection closed, or slow consumer). */
  end: { reason: string };
}

/** A listener of one subscription event. */
export type SubscriptionListener<T, K extends keyof SubscriptionEventMap<T>> = (
  payload: SubscriptionEventMap<T>[K],
) => void;

/**
 * A live subscription to one market stream. Iterate it (`for await`), or listen with
 * `on("data", …)`; both see every update in order and at most once. Breaking out of the
 * loop unsubscribes.
 *
 * @typeParam T The model of the stream's updates.
 */
export interface Subscription<T> extends AsyncIterable<T>, AsyncDisposable {
  /** The stream name, as on the wire (e.g. `"btcusdt@trade"`). */
  readonly stream: string;
  /** Counters: received, delivered, buffered, dropped, duplicates, gaps. */
  readonly stats: Readonly<SubscriptionStats>;
  /** Whether the subscription still receives updates. */
  readonly active: boolean;
  /**
   * Listens to an event. A `data` listener takes updates as they arrive; once one is
   * added, updates are buffered only for an iterator that was started.
   *
   * @param type The event.
   * @param listener The listener.
   * @returns A function that removes the listener.
   */
  on<K extends keyof SubscriptionEventMap<T>>(
    type: K,
    listener: SubscriptionListener<T, K>,
  ): () => void;
  /**
   * Ends the subscription and unsubscribes from the stream (when no other subscription of
   * the same connection uses it).
   *
   * @param options A signal and a timeout for the server's acknowledgement.
   * @returns Resolves once the server acknowledged, or at once when the socket is down.
   */
  unsubscribe(options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<void>;
  /**
   * The one iterator of the subscription. Leaving its `for await` loop (`break`, `return`,
   * a throw) unsubscribes; to read on after that, subscribe again.
   *
   * @returns The iterator.
   * @throws {TypeError} when the subscription was iterated before (a second loop, or a new
   * loop after `break`): it has one iterator.
   */
  [Symbol.asyncIterator](): AsyncIterator<T>;
}
