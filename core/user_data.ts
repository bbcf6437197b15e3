/**
 * User Data Stream subscriptions on a WebSocket API connection: async iterables with callbacks,
 * the same bounded buffer, overflow policy and counters as market subscriptions, and `gap` and
 * `resubscribed` events that say when events may have been missed and when the server
 * subscription changed. Generic over the event type (the methods bind it to `UserDataEvent`).
 *
 * @module
 */
import type { OverflowPolicy, SubscriptionStats } from "./subscription.ts";
import type { RequestOptions } from "./types.ts";

/**
 * Why a User Data Stream subscription may have missed events:
 * - `"reconnect"`: the socket dropped; the subscription was made again on the new socket;
 * - `"terminated"`: Binance ended the server subscription unprompted (`eventStreamTerminated`
 *   that neither `unsubscribe` nor `sessionLogout` caused); it was made again;
 * - `"overflow"`: the consumer was too slow and events were dropped from the buffer;
 * - `"renewal"`: a make-before-break renewal could not hand over without a pause (the old socket
 *   closed before the new subscription was acknowledged, or the new one was found missing).
 */
export type UserDataGapReason = "reconnect" | "terminated" | "overflow" | "renewal";

/**
 * Events may have been missed. Emitted before any event that follows the gap; user data events
 * carry no sequence number, so what was missed is unknown: take a fresh snapshot.
 */
export interface UserDataGap {
  /** Why. */
  reason: UserDataGapReason;
  /** The server subscription events resume on (after a resubscribe), or the current one. */
  subscriptionId?: number;
  /** The event time (`E`) of the last event delivered before the gap, if any. */
  lastEventTime?: number;
  /** For `"overflow"`: how many events were dropped so far. */
  dropped?: number;
}

/** Payloads of a User Data Stream subscription's events. */
export interface UserDataSubscriptionEventMap<T> {
  /** An event, in order, once. */
  data: T;
  /** Events may have been missed (comes before any event after it). */
  gap: UserDataGap;
  /** The server subscription was made again (after a reconnect, a renewal or a termination). */
  resubscribed: { subscriptionId: number; previousSubscriptionId?: number };
  /** An event could not be read, or the subscription could not be made again. */
  error: { error: Error };
  /**
   * The subscription ended: `"unsubscribed"`, `"loggedOut"` (`sessionLogout` closed the logon
   * subscription), `"closed"` (the connection closed), `"resubscribeFailed"` (with an `error`
   * event first), `"slow consumer"`.
   */
  end: { reason: string };
}

/** Options of `userDataStreamSubscribe` and `userDataStreamSubscribeSignature`. */
export interface UserDataSubscribeOptions extends RequestOptions {
  /** Events buffered for a slow consumer of the iterator. Default 10 000. */
  bufferSize?: number;
  /** What happens when the buffer is full. Default `"dropOldest"` (with a `gap`). */
  overflow?: OverflowPolicy;
}

/**
 * A live User Data Stream subscription of one account. Iterate it (`for await`), or listen with
 * `on("data", …)`. Several subscriptions of one account on one connection share one server
 * subscription (Binance allows one per account per connection); each sees every event once. A
 * subscribe call of an account that already has one joins it: its `timestamp`, `recvWindow`
 * and `credentials` signer are not used.
 *
 * @typeParam T The model of the events.
 */
export interface UserDataSubscription<T> extends AsyncIterable<T>, AsyncDisposable {
  /** The current server subscription id; `undefined` while it is being made again. */
  readonly subscriptionId: number | undefined;
  /** The account's API key, redacted (e.g. `"vmPU…Eh8A"`). */
  readonly apiKeyHint: string;
  /** Counters, as market subscriptions have them. */
  readonly stats: Readonly<SubscriptionStats>;
  /** Whether the subscription still receives events. */
  readonly active: boolean;
  /**
   * Listens to an event.
   *
   * @param type The event.
   * @param listener The listener.
   * @returns A function that removes the listener.
   */
  on<K extends keyof UserDataSubscriptionEventMap<T>>(
    type: K,
    listener: (payload: UserDataSubscriptionEventMap<T>[K]) => void,
  ): () => void;
  /**
   * Ends this subscription; the server subscription is closed when no other subscription of
   * the same account on the connection uses it.
   *
   * @param options A signal and a timeout for the server's acknowledgement.
   * @returns Resolves once the server acknowledged, or at once when the socket is down.
   */
  unsubscribe(options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<void>;
}
