// Private: the control messages of one shard of a stream connection (SUBSCRIBE,
// UNSUBSCRIBE, LIST_SUBSCRIPTIONS, GET_PROPERTY, SET_PROPERTY): batched (SUBSCRIBE and
// UNSUBSCRIBE merge up to 1024 params), paced (at most `perSecond` messages per socket in a
// 1.1 s window), sent with a timeout each, and answered.
import { ConnectionClosedError, RequestTimeoutError, UnexpectedMessageError } from "./errors.ts";
import { StreamControlError } from "./stream_errors.ts";
import { monotonicMs } from "./_clock.ts";
import { type WireSocket, WireState } from "./_wire_socket.ts";

/** How soon the queue looks again for an open socket, in ms. */
const RETRY_MS = 50;

/** The pacing window, in ms: 1.1 s absorbs jitter between our clock and the server's. */
export const CONTROL_WINDOW_MS = 1100;

/** Params of one `SUBSCRIBE` or `UNSUBSCRIBE` at most. */
export const MAX_PARAMS = 1024;

/** A control request, queued or sent. */
export interface Control {
  method: string;
  params: unknown[] | undefined;
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer?: ReturnType<typeof setTimeout>;
}

/** One caller of a (merged) control message: its own params, and its promise. */
interface Waiter {
  /** The caller's own params (its array: a withdrawn name is taken out of it too). */
  readonly params: unknown[] | undefined;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/** A queued control message: one or more callers, merged. */
interface QueuedControl extends Control {
  readonly waiters: Waiter[];
}

/** What a socket keeps of its control messages. */
export interface ControlSocket {
  readonly ws: WireSocket;
  /** The requests sent on this socket and not answered yet, by id. */
  readonly pending: Map<number, Control>;
  /** When the messages of the current pacing window were sent. */
  readonly sent: number[];
  /** Requests given up on (their timeout) whose late answer is still acted on, by id. */
  readonly late: Map<number, () => void>;
}

/** The settings of a connection's control queues. */
export interface ControlSettings {
  /** Messages per socket and pacing window. */
  readonly perSecond: number;
  /** Timeout of each request, in ms. */
  readonly timeoutMs: number;
  /** The next request id (unique over the connection). */
  nextId(): number;
  /**
   * A request that timed out was answered after all, with success: what the server then did
   * (a SUBSCRIBE: streams nobody waits for any more) is undone here.
   */
  lateSuccess?(method: string, params: unknown[] | undefined): void;
}

/** How many timed-out requests a socket keeps for their late answers. */
const LATE_MAX = 256;

/** The control messages of one shard, sent on its active socket. */
export class ControlQueue {
  #queue: QueuedControl[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #socket: () => ControlSocket | undefined;
  readonly #settings: ControlSettings;

  /**
   * @param socket The socket to send on now (the shard's active one), if any.
   * @param settings Pacing, timeout and ids.
   */
  constructor(socket: () => ControlSocket | undefined, settings: ControlSettings) {
    this.#socket = socket;
    this.#settings = settings;
  }

  /** Set by `close()`: later messages are refused with it. */
  #closed: ((method: string) => Error) | undefined;

  /** Queues a control message; SUBSCRIBE and UNSUBSCRIBE merge with a queued one. */
  request(method: string, params: unknown[] | undefined): Promise<unknown> {
    if (this.#closed !== undefined) return Promise.reject(this.#closed(method));
    const { promise, resolve, reject } = Promise.withResolvers<unknown>();
    const waiter: Waiter = { params, resolve, reject };
    const last = this.#queue[this.#queue.length - 1];
    if (
      last && last.method === method && (method === "SUBSCRIBE" || method === "UNSUBSCRIBE") &&
      last.params!.length + params!.length <= MAX_PARAMS
    ) {
      last.params!.push(...params!);
      last.waiters.push(waiter);
      return promise;
    }
    const waiters = [waiter];
    this.#queue.push({
      method,
      // The message's own list: merging adds to it, never to a caller's.
      params: params === undefined ? undefined : [...params],
      waiters,
      resolve: (r) => {
        for (const w of waiters) w.resolve(r);
      },
      reject: (e) => {
        for (const w of waiters) w.reject(e);
      },
    });
    this.#flush();
    return promise;
  }

  /**
   * Takes `name` out of the queued (unsent) messages of `method`, and out of the caller that
   * asked for it: the message's answer no longer covers it. A caller left with no name
   * rejects at once with `error()` and leaves the message; a message left with no caller
   * leaves the queue.
   */
  withdraw(method: string, name: string, error: () => Error): void {
    let found = false;
    for (const item of this.#queue) {
      if (item.method !== method || item.params === undefined) continue;
      const at = item.params.indexOf(name);
      if (at < 0) continue;
      item.params.splice(at, 1);
      found = true;
      const waiters = item.waiters;
      for (let k = 0; k < waiters.length; k++) {
        const own = waiters[k].params;
        const j = own === undefined ? -1 : own.indexOf(name);
        if (j < 0) continue;
        own!.splice(j, 1);
        if (own!.length === 0) {
          waiters.splice(k, 1)[0].reject(error());
        }
        break;
      }
    }
    if (found) this.#queue = this.#queue.filter((c) => c.params?.length !== 0);
  }

  /** Whether `name` waits in a queued (unsent) message of `method`. */
  queued(method: string, name: string): boolean {
    return this.#queue.some((c) => c.method === method && c.params?.includes(name) === true);
  }

  /** The params of every queued (unsent) message of `method`. */
  queuedParams(method: string): unknown[] {
    return this.#queue.flatMap((c) => (c.method === method ? c.params ?? [] : []));
  }

  /** Rejects and removes every queued message of `method` (nothing of them was sent). */
  drop(method: string, error: () => Error): void {
    for (const c of this.#queue) if (c.method === method) c.reject(error());
    this.#queue = this.#queue.filter((c) => c.method !== method);
  }

  /** Stops sending; every queued message is rejected with `error(method)`. */
  close(error: (method: string) => Error): void {
    this.#closed = error;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const item of this.#queue) item.reject(error(item.method));
    this.#queue = [];
  }

  /** Sends queued messages, at most `perSecond` per socket and window. */
  #flush(): void {
    if (this.#timer !== undefined || this.#queue.length === 0) return;
    const sock = this.#socket();
    if (!sock || sock.ws.readyState !== WireState.OPEN) {
      // No open socket yet (one is opening): look again shortly, so nothing waits for a later
      // message to be sent.
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#flush();
      }, RETRY_MS);
      return;
    }
    const now = monotonicMs();
    while (sock.sent.length && sock.sent[0] <= now - CONTROL_WINDOW_MS) sock.sent.shift();
    if (sock.sent.length >= this.#settings.perSecond) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#flush();
      }, sock.sent[0] + CONTROL_WINDOW_MS - now + 1);
      return;
    }
    // Yield a tick first so that calls made together share one message.
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const item = this.#queue.shift();
      if (!item) return;
      if (this.#socket() !== sock || sock.ws.readyState !== WireState.OPEN) {
        // The active socket changed meanwhile: the message goes on the new one.
        this.#queue.unshift(item);
        this.#flush();
        return;
      }
      this.#send(sock, item);
      this.#flush();
    }, 0);
  }

  #send(sock: ControlSocket, item: Control): void {
    const id = this.#settings.nextId();
    sock.pending.set(id, item);
    sock.sent.push(monotonicMs());
    const timeoutMs = this.#settings.timeoutMs;
    item.timer = setTimeout(() => {
      sock.pending.delete(id);
      const lateSuccess = this.#settings.lateSuccess;
      if (lateSuccess !== undefined) {
        sock.late.set(id, () => lateSuccess(item.method, item.params));
        if (sock.late.size > LATE_MAX) sock.late.delete(sock.late.keys().next().value!);
      }
      item.reject(new RequestTimeoutError({ method: item.method, timeoutMs }));
    }, timeoutMs);
    sock.ws.send(
      JSON.stringify(
        item.params === undefined ? { method: item.method, id } : {
          method: item.method,
          params: item.params,
          id,
        },
      ),
    );
  }
}

/**
 * Settles the request a control answer belongs to. An error answer without an id settles
 * the oldest request of the socket (Binance gives the id with code 0 only).
 *
 * @returns An error to report when the answer belongs to no pending request.
 */
export function answer(
  sock: ControlSocket,
  frame: Record<string, unknown>,
  text: string,
): Error | undefined {
  let id = frame.id;
  if (typeof id === "number" && !sock.pending.has(id)) {
    const late = sock.late.get(id);
    if (late !== undefined) {
      // The answer to a request that timed out: expected, and undone when it succeeded.
      sock.late.delete(id);
      if (!("code" in frame)) late();
      return undefined;
    }
  }
  if (typeof id !== "number" || !sock.pending.has(id)) {
    if (id === undefined && "code" in frame && sock.pending.size > 0) {
      id = sock.pending.keys().next().value; // no id: the oldest request failed
    } else {
      return new UnexpectedMessageError("Received a response to no pending request", text);
    }
  }
  const item = sock.pending.get(id as number)!;
  sock.pending.delete(id as number);
  clearTimeout(item.timer);
  if (!("code" in frame)) item.resolve(frame.result);
  else if (Number.isSafeInteger(frame.code) && typeof frame.msg === "string") {
    item.reject(new StreamControlError(item.method, frame.code as number, frame.msg));
  } else {
    item.reject(
      new UnexpectedMessageError(`The error answer to "${item.method}" is malformed`, text),
    );
  }
  return undefined;
}

/** Rejects every request of a closed socket: whether the server acted on it is unknown. */
export function failPending(sock: ControlSocket, code: number, reason: string): void {
  for (const item of sock.pending.values()) {
    clearTimeout(item.timer);
    item.reject(
      new ConnectionClosedError({
        method: item.method,
        outcome: "unknown",
        closeCode: code,
        closeReason: reason,
      }),
    );
  }
  sock.pending.clear();
}
