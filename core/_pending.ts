// Private: the requests of a connection waiting for their answer, the one timer that rejects
// those past their deadline, and the ids given up on (whose late answers are expected).
import { RequestTimeoutError } from "./errors.ts";

/** How many ids of requests given up on (timeout, abort) are remembered for their late answer. */
const LATE_IDS = 10_000;

/** One request waiting for its answer. */
export interface Pending {
  /** The method, for errors. */
  readonly method: string;
  /** The socket it was sent on. */
  readonly socket: object;
  /** When it times out (`Date.now()` ms). */
  readonly deadline: number;
  /** Its timeout, for the error. */
  readonly timeoutMs: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** Releases what the request holds (its abort listener). */
  cleanup: (() => void) | undefined;
}

/**
 * The pending requests of one connection, by id. One timer serves every deadline: armed for
 * the earliest one, so with equal timeouts it is re-armed about once per timeout, not once
 * per request.
 */
export class PendingTable {
  readonly #byId = new Map<number, Pending>();
  readonly #perSocket = new Map<object, number>();
  readonly #onSettled: (socket: object) => void;
  readonly #late = new Set<number>();
  #lateResponses = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Infinity;

  /** @param onSettled Called after a request left the table (to close a drained socket). */
  constructor(onSettled: (socket: object) => void) {
    this.#onSettled = onSettled;
  }

  /** How many answers came for requests given up on. */
  get lateResponses(): number {
    return this.#lateResponses;
  }

  /**
   * Registers request `id`, about to be sent on `socket`, and returns its promise. It ends
   * with the answer ({@linkcode PendingTable.take}), its deadline (`RequestTimeoutError`),
   * or `signal` (its reason). With `parse`, it resolves with `parse(result)` (or rejects with
   * what `parse` throws).
   */
  register(
    id: number,
    socket: object,
    method: string,
    deadline: number,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    parse?: (result: unknown) => unknown,
  ): Promise<unknown> {
    const { promise, resolve, reject } = Promise.withResolvers<unknown>();
    const pending: Pending = {
      method,
      socket,
      // With `parse`, the answer resolves with the parsed result (or rejects with what parse
      // threw) at once, without a further promise.
      resolve: parse === undefined ? resolve : (result) => {
        let value: unknown;
        try {
          value = parse(result);
        } catch (error) {
          reject(error);
          return;
        }
        resolve(value);
      },
      reject,
      deadline,
      timeoutMs,
      cleanup: undefined,
    };
    if (signal) {
      const onAbort = () => {
        if (this.take(id)) this.#giveUp(id);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      pending.cleanup = () => signal.removeEventListener("abort", onAbort);
    }
    this.add(id, pending);
    return promise;
  }

  /**
   * Whether `id` belongs to a request given up on (timed out or aborted); its late answer
   * is then counted and forgotten.
   */
  wasGivenUp(id: number): boolean {
    if (!this.#late.delete(id)) return false;
    this.#lateResponses++;
    return true;
  }

  #giveUp(id: number): void {
    this.#late.add(id);
    if (this.#late.size > LATE_IDS) this.#late.delete(this.#late.values().next().value!);
  }

  /** How many requests wait. */
  get size(): number {
    return this.#byId.size;
  }

  /** How many requests wait on `socket`. */
  countOn(socket: object): number {
    return this.#perSocket.get(socket) ?? 0;
  }

  /** Adds a request and arms the timer for its deadline if it is the earliest. */
  add(id: number, pending: Pending): void {
    this.#byId.set(id, pending);
    this.#perSocket.set(pending.socket, (this.#perSocket.get(pending.socket) ?? 0) + 1);
    if (pending.deadline < this.#timerAt) this.#arm(pending.deadline);
  }

  /** Removes and returns the request `id` (releasing its abort listener), if it waits. */
  take(id: number): Pending | undefined {
    const pending = this.#byId.get(id);
    if (pending === undefined) return undefined;
    this.#byId.delete(id);
    const left = this.#perSocket.get(pending.socket)! - 1;
    if (left === 0) this.#perSocket.delete(pending.socket);
    else this.#perSocket.set(pending.socket, left);
    pending.cleanup?.();
    this.#onSettled(pending.socket);
    return pending;
  }

  /** Removes and returns every request sent on `socket`. */
  takeAllOn(socket: object): [number, Pending][] {
    const taken: [number, Pending][] = [];
    if (!this.#perSocket.has(socket)) return taken;
    for (const [id, pending] of this.#byId) {
      if (pending.socket === socket) taken.push([id, this.take(id)!]);
    }
    return taken;
  }

  /** Stops the timer (the requests themselves are rejected by their sockets' closes). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
  }

  #arm(deadline: number): void {
    clearTimeout(this.#timer);
    this.#timerAt = deadline;
    this.#timer = setTimeout(() => this.#sweep(), Math.max(0, deadline - Date.now()));
  }

  #sweep(): void {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const [id, pending] of this.#byId) {
      if (pending.deadline <= now) {
        this.take(id);
        this.#giveUp(id);
        pending.reject(
          new RequestTimeoutError({ method: pending.method, timeoutMs: pending.timeoutMs }),
        );
      } else if (pending.deadline < next) next = pending.deadline;
    }
    if (next !== Infinity) this.#arm(next);
  }
}
