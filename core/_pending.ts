// Private: the requests of a connection waiting for their answer, the one timer that rejects
// those past their deadline, and the ids given up on (whose late answers are expected).
import { RequestTimeoutError } from "./errors.ts";
import { monotonicMs } from "./_clock.ts";

/** How many ids of requests given up on (timeout, abort) are remembered for their late answer. */
const LATE_IDS = 10_000;

/** Turns a response's raw `result` into the value its request resolves with (may throw). */
export interface ResultParser {
  /** The value the request resolves with; what it throws, the request rejects with. */
  parse(result: unknown): unknown;
  /**
   * Optional: the request failed (an error answer, its timeout, its signal, its socket's
   * close) with `error`; settles `pending` itself (with another error, or a retry's promise).
   * Without it, the request rejects with `error`.
   */
  failed?(error: unknown, pending: Pending): void;
  /**
   * Optional: the request was given up on (its timeout, its signal), and its answer came
   * later, with success: what the server then did is undone here.
   */
  lateSuccess?(result: unknown): void;
}

/** One request waiting for its answer (a class: one shape, no closure per request). */
export class Pending {
  /** The request's id. */
  readonly id: number;
  /** The method, for errors. */
  readonly method: string;
  /** The socket it was sent on. */
  readonly socket: object;
  /** When it times out (`monotonicMs()`, ms). */
  readonly deadline: number;
  /** Its timeout, for the error. */
  readonly timeoutMs: number;
  /**
   * When it was sent (`Date.now()`, ms: no op call, unlike `monotonicMs()`; a step of the
   * system clock misplaces one answer's counts at most): the window its answer's counts are of.
   */
  readonly sentAt: number = Date.now();
  /** Turns the result into the resolved value (`undefined`: the result itself). */
  readonly parser: ResultParser | undefined;
  /** Settles the promise with a value (set by the promise's executor). */
  resolve: (value: unknown) => void = noop;
  /** Settles the promise with an error (set by the promise's executor). */
  reject: (error: unknown) => void = noop;
  /** Releases what the request holds (its abort listener). */
  cleanup: (() => void) | undefined = undefined;

  constructor(
    id: number,
    method: string,
    socket: object,
    deadline: number,
    timeoutMs: number,
    parser: ResultParser | undefined,
  ) {
    this.id = id;
    this.method = method;
    this.socket = socket;
    this.deadline = deadline;
    this.timeoutMs = timeoutMs;
    this.parser = parser;
  }

  /**
   * Ends the request with `error` (its parser's `failed` decides how, when it has one).
   */
  fail(error: unknown): void {
    const parser = this.parser;
    if (parser !== undefined && parser.failed !== undefined) parser.failed(error, this);
    else this.reject(error);
  }

  /**
   * Resolves with the answer's `result`, parsed when a parser was given (what it throws
   * rejects the request instead), at once, without a further promise.
   */
  settle(result: unknown): void {
    const parser = this.parser;
    if (parser === undefined) {
      this.resolve(result);
      return;
    }
    let value: unknown;
    try {
      value = parser.parse(result);
    } catch (error) {
      this.reject(error);
      return;
    }
    this.resolve(value);
  }
}

function noop(): void {}

/** The ring's first size; it doubles up to `MAX_RING` while a quarter of it is in use. */
const FIRST_RING = 256;
const MAX_RING = 65_536;

/**
 * Requests by id. Ids are sequential, so request `id` sits in slot `id & mask` of a ring
 * (no hashing, nothing allocated per request); one still waiting when its slot comes round
 * again, `mask + 1` ids later, leaves the next one to a map.
 */
class ById {
  #ring: (Pending | undefined)[] = new Array(FIRST_RING).fill(undefined);
  #mask = FIRST_RING - 1;
  readonly #more = new Map<number, Pending>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  add(pending: Pending): void {
    let slot = pending.id & this.#mask;
    if (
      this.#ring[slot] !== undefined && this.#ring.length < MAX_RING &&
      this.#size * 4 >= this.#ring.length
    ) {
      this.#grow();
      slot = pending.id & this.#mask;
    }
    if (this.#ring[slot] === undefined) this.#ring[slot] = pending;
    else this.#more.set(pending.id, pending);
    this.#size++;
  }

  /** Removes and returns request `id`, if it waits. */
  take(id: number): Pending | undefined {
    const slot = id & this.#mask;
    const pending = this.#ring[slot];
    if (pending !== undefined && pending.id === id) {
      this.#ring[slot] = undefined;
      this.#size--;
      return pending;
    }
    if (this.#more.size === 0) return undefined;
    const more = this.#more.get(id);
    if (more !== undefined) {
      this.#more.delete(id);
      this.#size--;
    }
    return more;
  }

  /** Every request, by id. */
  all(): Pending[] {
    const all: Pending[] = [...this.#more.values()];
    for (const pending of this.#ring) if (pending !== undefined) all.push(pending);
    return all.sort((a, b) => a.id - b.id);
  }

  #grow(): void {
    const all = this.all();
    this.#ring = new Array(this.#ring.length * 2).fill(undefined);
    this.#mask = this.#ring.length - 1;
    this.#more.clear();
    for (const pending of all) {
      const slot = pending.id & this.#mask;
      if (this.#ring[slot] === undefined) this.#ring[slot] = pending;
      else this.#more.set(pending.id, pending);
    }
  }
}

// The record the promise executor below fills in: one shared executor, no closure per request.
let filling: Pending | undefined;
function capture(resolve: (value: unknown) => void, reject: (error: unknown) => void): void {
  filling!.resolve = resolve;
  filling!.reject = reject;
}

/**
 * The pending requests of one connection, by id. One timer serves every deadline: armed for
 * the earliest one, so with equal timeouts it is re-armed about once per timeout, not once
 * per request. The count per socket is kept for one socket in fields (the common case: one
 * socket), for the others (a renewal's old socket, draining) in a map.
 */
export class PendingTable {
  readonly #byId = new ById();
  #socket: object | undefined;
  #socketCount = 0;
  readonly #perSocket = new Map<object, number>();
  readonly #onSettled: (socket: object) => void;
  /** Requests given up on (timeout, abort), by id: their late answers are expected. */
  readonly #late = new Map<number, Pending>();
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
   * with the answer ({@linkcode PendingTable.take}, then {@linkcode Pending.settle}), its
   * deadline (`RequestTimeoutError`), or `signal` (its reason). With `parser`, it resolves
   * with `parser.parse(result)` (or rejects with what that throws).
   */
  register(
    id: number,
    socket: object,
    method: string,
    deadline: number,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    parser?: ResultParser,
  ): Promise<unknown> {
    const pending = new Pending(id, method, socket, deadline, timeoutMs, parser);
    filling = pending;
    const promise = new Promise<unknown>(capture);
    filling = undefined;
    if (signal) {
      const onAbort = () => {
        if (this.take(id)) this.#giveUp(pending);
        pending.fail(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      pending.cleanup = () => signal.removeEventListener("abort", onAbort);
    }
    this.add(pending);
    return promise;
  }

  /**
   * The request given up on (timed out or aborted) that `id` belongs to, if any: its late
   * answer is then counted, and the request forgotten.
   */
  takeGivenUp(id: number): Pending | undefined {
    const pending = this.#late.get(id);
    if (pending === undefined) return undefined;
    this.#late.delete(id);
    this.#lateResponses++;
    return pending;
  }

  /** How many requests given up on (whose late answers are still expected) were sent on `socket`. */
  givenUpOn(socket: object): number {
    let n = 0;
    for (const pending of this.#late.values()) if (pending.socket === socket) n++;
    return n;
  }

  #giveUp(pending: Pending): void {
    this.#late.set(pending.id, pending);
    if (this.#late.size > LATE_IDS) this.#late.delete(this.#late.keys().next().value!);
  }

  /** How many requests wait. */
  get size(): number {
    return this.#byId.size;
  }

  /** How many requests wait on `socket`. */
  countOn(socket: object): number {
    return socket === this.#socket ? this.#socketCount : this.#perSocket.get(socket) ?? 0;
  }

  /** Adds a request and arms the timer for its deadline if it is the earliest. */
  add(pending: Pending): void {
    this.#byId.add(pending);
    const socket = pending.socket;
    if (socket === this.#socket) this.#socketCount++;
    else if (this.#socketCount === 0) {
      // The socket of the fields has none left: this one takes them (with its count so far).
      this.#socket = socket;
      this.#socketCount = (this.#perSocket.get(socket) ?? 0) + 1;
      this.#perSocket.delete(socket);
    } else this.#perSocket.set(socket, (this.#perSocket.get(socket) ?? 0) + 1);
    if (pending.deadline < this.#timerAt) this.#arm(pending.deadline);
  }

  /** Removes and returns the request `id` (releasing its abort listener), if it waits. */
  take(id: number): Pending | undefined {
    const pending = this.#byId.take(id);
    if (pending === undefined) return undefined;
    const socket = pending.socket;
    if (socket === this.#socket) this.#socketCount--;
    else {
      const left = this.#perSocket.get(socket)! - 1;
      if (left === 0) this.#perSocket.delete(socket);
      else this.#perSocket.set(socket, left);
    }
    if (pending.cleanup !== undefined) pending.cleanup();
    this.#onSettled(pending.socket);
    return pending;
  }

  /** Every request waiting on `socket`, by id (they stay in the table). */
  allOn(socket: object): Pending[] {
    if (this.countOn(socket) === 0) return [];
    return this.#byId.all().filter((pending) => pending.socket === socket);
  }

  /** Removes and returns every request sent on `socket`. */
  takeAllOn(socket: object): [number, Pending][] {
    const taken: [number, Pending][] = [];
    if (this.countOn(socket) === 0) return taken;
    for (const pending of this.#byId.all()) {
      if (pending.socket === socket && this.take(pending.id)) taken.push([pending.id, pending]);
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
    this.#timer = setTimeout(() => this.#sweep(), Math.max(0, deadline - monotonicMs()));
  }

  #sweep(): void {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = monotonicMs();
    let next = Infinity;
    for (const pending of this.#byId.all()) {
      if (pending.deadline <= now) {
        if (this.take(pending.id) === undefined) continue;
        this.#giveUp(pending);
        pending.fail(
          new RequestTimeoutError({ method: pending.method, timeoutMs: pending.timeoutMs }),
        );
      } else if (pending.deadline < next) next = pending.deadline;
    }
    if (next !== Infinity) this.#arm(next);
  }
}
