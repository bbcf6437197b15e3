// Private: the User Data Stream of one WS API connection (web-socket-api.md, "User Data Stream
// subscription"). Server subscriptions are keyed by (socket, subscriptionId) — ids restart at 0
// on every socket, and during a renewal two sockets may both carry id 0 — and by account (the
// API key): one server subscription per account per connection (-2035), shared by every local
// subscription of that account. It makes every subscription again after a reconnect (after the
// session's re-logon where it needs one), hands over make-before-break on a renewal (the old
// socket is held open until the new subscription is acknowledged, and events both deliver are
// removed by their content), resubscribes after an unprompted `eventStreamTerminated`, and says
// `gap` before any event after a pause. The connection (`connection.ts`) sends the requests and
// routes the event frames here; the event model comes from the method files (core imports no
// models).
import type { RequestSigner } from "./_auth.ts";
import { stringifyJson } from "./_json.ts";
import {
  Listeners,
  type Listeners as ListenersT,
  throwsAsErrorEvent,
  toError,
} from "./_listeners.ts";
import { integer, oneOf, type OptionRule, REQUEST_OPTIONS, WS_API_OPTIONS } from "./_options.ts";
import { abortable, deadline } from "./_async.ts";
import { monotonicMs } from "./_clock.ts";
import { SubscriptionImpl } from "./_subscription.ts";
import {
  BinanceApiError,
  ConnectionClosedError,
  redactApiKey,
  RequestTimeoutError,
  UnexpectedMessageError,
  ValidationError,
} from "./errors.ts";
import type { SubscriptionStats } from "./subscription.ts";
import type { WsApiCredentials } from "./types.ts";
import type {
  UserDataGap,
  UserDataGapReason,
  UserDataSubscribeOptions,
  UserDataSubscription,
  UserDataSubscriptionEventMap,
} from "./user_data.ts";

/** How a request of the hub is authenticated. */
export type UserDataAuth =
  /** By the logged-on session of the socket it goes on (`userDataStream.subscribe`). */
  | { kind: "session" }
  /** Signed by `signer` (apiKey and signature always sent). */
  | { kind: "signed"; signer: RequestSigner };

/** Options of one request of the hub. */
export interface UserDataSendOptions {
  /** REQUEST_WEIGHT. */
  weight: number;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Sent on this socket only: rejects (not sent) when another one is active. */
  pin?: object;
  /** Called right before the frame goes out, with the socket it goes on. */
  onSend?: (socket: object) => void;
  /** Called when the request timed out and its answer came later, with success. */
  lateSuccess?: (result: unknown, socket: object) => void;
}

/** What the hub asks of its connection. */
export interface UserDataHost {
  /** Sends a request (waiting for the budget, the socket, the session) and says where it went. */
  send(
    method: string,
    params: Record<string, unknown>,
    auth: UserDataAuth | undefined,
    options: UserDataSendOptions,
  ): Promise<{ socket: object; result: unknown }>;
  /** Whether `socket` is the one new requests go to (open or just closed). */
  isActive(socket: object): boolean;
  /** The socket new requests go to, when it is open; else `undefined`. */
  active(): object | undefined;
  /** Whether the connection can have a logged-on session (logged on, or logs on). */
  canLogOn(): boolean;
  /** The API key of the connection's credentials, if any. */
  apiKey(): string | undefined;
  /**
   * A signer for `credentials` (with the connection's `recvWindow` and time unit), or the
   * connection's own without them; `undefined` when there are none.
   */
  signer(credentials?: WsApiCredentials): RequestSigner | undefined;
  /** Re-checks a draining socket (it closes once nothing holds it). */
  settled(socket: object): void;
  /** Renews the socket (after -2042). */
  renew(): Promise<void>;
  /** An `error` event on the connection. */
  error(error: Error): void;
}

/** The rules of the subscribe methods' options (`UserDataSubscribeOptions`). */
export const USER_DATA_OPTIONS: Readonly<Record<string, OptionRule>> = {
  ...REQUEST_OPTIONS,
  bufferSize: integer(1, 100_000_000),
  overflow: oneOf("dropOldest", "dropNewest", "error"),
};

/** The same, with `credentials` (`userDataStreamSubscribeSignature`). */
export const USER_DATA_SIGNATURE_OPTIONS: Readonly<Record<string, OptionRule>> = {
  ...USER_DATA_OPTIONS,
  credentials: WS_API_OPTIONS.credentials,
};

/** The recent event identities kept while two server subscriptions overlap. */
const RECENT_CAPACITY = 4096;
/** Client ids judged "not placed" watched at once, at most. */
const VERDICTS_MAX = 1000;
/** Events held while a subscribe is in flight on their socket, at most. */
const HELD_MAX = 1000;

/**
 * The occurrences of recent event identities, per socket that delivered them (the oldest
 * identities forgotten first). Both sockets of an overlap carry the same events in the same
 * order, so the n-th occurrence of an identity on one is the n-th on the other: a duplicate
 * only when the other socket has delivered that occurrence already. Two equal events (a
 * balance back to what it was within a millisecond) are two occurrences, both delivered.
 */
class RecentKeys {
  readonly #counts = new Map<string, Map<object, number>>();
  readonly #ring: (string | undefined)[] = new Array(RECENT_CAPACITY);
  #next = 0;
  /** The identities each socket delivered, in order (the last `RECENT_CAPACITY` or more). */
  readonly #order = new Map<object, string[]>();

  /** Counts one occurrence of `key` on `socket`: whether another socket delivered it before. */
  seen(key: string, socket: object): boolean {
    let counts = this.#counts.get(key);
    if (counts === undefined) {
      const old = this.#ring[this.#next];
      if (old !== undefined) this.#counts.delete(old);
      this.#ring[this.#next] = key;
      this.#next = (this.#next + 1) % RECENT_CAPACITY;
      this.#counts.set(key, counts = new Map());
    }
    const n = (counts.get(socket) ?? 0) + 1;
    counts.set(socket, n);
    let order = this.#order.get(socket);
    if (!order) this.#order.set(socket, order = []);
    order.push(key);
    if (order.length >= 2 * RECENT_CAPACITY) order.splice(0, RECENT_CAPACITY);
    for (const [other, m] of counts) if (other !== socket && m >= n) return true;
    return false;
  }

  /**
   * `follower`'s first events (`keys`, waiting while `leader` led) tell where its subscription
   * began among the leader's events: at the first one from which both agree. The leader's
   * occurrences before it were never on the follower: they are no longer counted, so that an
   * equal event of the follower after them is not taken for their copy.
   */
  align(leader: object, keys: readonly string[]): void {
    const order = this.#order.get(leader);
    if (!order || keys.length === 0) return;
    let j = 0;
    for (; j < order.length; j++) {
      const n = Math.min(order.length - j, keys.length);
      let i = 0;
      while (i < n && order[j + i] === keys[i]) i++;
      if (i === n) break;
    }
    for (let i = 0; i < j; i++) {
      const counts = this.#counts.get(order[i]);
      const m = counts?.get(leader);
      if (m !== undefined && m > 0) counts!.set(leader, m - 1);
    }
    order.splice(0, j);
  }
}

function text(value: unknown): string {
  return typeof value === "string" ? value : String(value);
}

/**
 * An event's identity from its own content (user data events carry no sequence number): the
 * same event delivered by two sockets during a renewal has the same identity; two different
 * events of the documented types never do. `undefined` for `eventStreamTerminated` (per
 * subscription, never a duplicate).
 */
export function eventIdentity(event: Readonly<Record<string, unknown>>): string | undefined {
  const e = event.e;
  switch (e) {
    case "executionReport":
      // Symbol, order, execution type and status, cumulative quantity, execution and trade id.
      return `x|${text(event.s)}|${text(event.i)}|${text(event.x)}|${text(event.X)}|` +
        `${text(event.z)}|${text(event.I)}|${text(event.t)}|${text(event.T)}`;
    case "outboundAccountPosition": {
      const balances = Array.isArray(event.B)
        ? (event.B as Record<string, unknown>[]).map((b) =>
          `${text(b?.a)}:${text(b?.f)}:${text(b?.l)}`
        ).join(",")
        : "";
      return `o|${text(event.u)}|${balances}`;
    }
    case "balanceUpdate":
      return `b|${text(event.a)}|${text(event.d)}|${text(event.T)}`;
    case "listStatus":
      return `l|${text(event.s)}|${text(event.g)}|${text(event.l)}|${text(event.L)}|` +
        `${text(event.T)}`;
    case "externalLockUpdate":
      return `e|${text(event.a)}|${text(event.d)}|${text(event.T)}`;
    case "eventStreamTerminated":
      return undefined;
    default: {
      // Unknown types: everything but the event time (set per delivery).
      const { E: _time, ...rest } = event;
      return `?|${JSON.stringify(rest, (_k, v) => typeof v === "bigint" ? String(v) : v)}`;
    }
  }
}

/** A report the §5 order watch receives (`executionReport` or `listStatus`, raw). */
export type OrderReportListener = (event: Readonly<Record<string, unknown>>) => void;

/** One account's subscription on the connection, shared by its local subscriptions. */
class Account {
  // Private, read by a getter: `Deno.inspect`/`console.log` of a subscription (which holds its
  // account) must not print the full API key; the subscription shows `apiKeyHint`.
  readonly #apiKey: string;
  /** The account's API key (never shown by `Deno.inspect`). */
  get apiKey(): string {
    return this.#apiKey;
  }
  /** How its server subscription is made (a logout switches a shared one to `signed`). */
  kind: "session" | "signed";
  signer: RequestSigner | undefined;
  /**
   * A session account that `signed` locals joined: their signer, so that a logout, which ends
   * the session's subscription only, makes theirs again by signature.
   */
  bySignature: RequestSigner | undefined;
  readonly recvWindow: number | string | undefined;
  readonly read: (raw: unknown) => unknown;
  /** The connection's own account (its order writes are watched). */
  readonly own: boolean;
  locals: LocalUserData<unknown>[] = [];
  /** Server subscriptions: socket → subscriptionId. */
  readonly subs = new Map<object, number>();
  /** Sockets a subscribe is in flight on. */
  readonly subscribing = new Set<object>();
  /** The server subscription on the active socket (exposed as `subscriptionId`). */
  current: number | undefined;
  /** The socket of `current`. */
  currentOn: object | undefined;
  /** Set when coverage was lost: the reason of the gap at the next acknowledgement. */
  interrupted: UserDataGapReason | undefined;
  /** Counts losses of coverage (a local joined before the last one gets the gap). */
  losses = 0;
  lastEventTime: number | undefined;
  /** Identities of recent events, while (and shortly after) two subscriptions overlap. */
  recent: RecentKeys | undefined;
  /** Events still checked against `recent` after the overlap ended. */
  checkLeft = 0;
  /**
   * The socket whose events are delivered while two server subscriptions overlap (a renewal):
   * the old one, until it is gone. Each socket delivers in order, but not in step with the
   * other: the new one's events wait in `follower` and follow the old one's (its duplicates
   * removed), so that the account's order holds across the hand-over.
   */
  leader: object | undefined;
  /** The new socket's events while the old one still leads. */
  follower: { socket: object; events: Record<string, unknown>[] } | undefined;
  /** The first subscribe was acknowledged. */
  started = false;
  /** The first subscribe is running (waiting, or sent): a new socket does not make it too. */
  firstRunning = true;
  /**
   * First subscribes in flight (two when a renewal hands an unanswered one over): one that
   * fails while another is still in flight leaves the answer to it.
   */
  firstAttempts = 0;
  /** Ended: no local left, or ended by the user (unsubscribe, logout). */
  ended = false;
  /** Subscribe requests of the account not answered yet (sent, or waiting for the logon). */
  inProgress = 0;
  /** Resolved when no subscribe of the account is in flight any more (see `release`). */
  idle: PromiseWithResolvers<void> | undefined;
  /** The first subscribe, until it is answered (and the answer handled). */
  firstTask: Promise<void> | undefined;
  /** The unsubscribe of a subscription acknowledged after every local left. */
  closing: Promise<void> | undefined;
  /** Why the user ends it, while a logout is in flight (its `eventStreamTerminated` ends it). */
  ending: string | undefined;
  readonly first = Promise.withResolvers<void>();

  constructor(
    apiKey: string,
    kind: "session" | "signed",
    signer: RequestSigner | undefined,
    recvWindow: number | string | undefined,
    read: (raw: unknown) => unknown,
    own: boolean,
  ) {
    this.#apiKey = apiKey;
    this.kind = kind;
    this.signer = signer;
    this.recvWindow = recvWindow;
    this.read = read;
    this.own = own;
    this.first.promise.catch(() => {});
  }

  /** Whether two server subscriptions (made or in flight) may deliver the same events. */
  get overlapping(): boolean {
    let n = this.subs.size;
    for (const s of this.subscribing) if (!this.subs.has(s)) n++;
    return n > 1;
  }
}

/** What the subscription asks to subscribe: the account, how, and the event reader. */
export interface UserDataRequest<T> {
  /** `"session"`: `userDataStream.subscribe`; `"signed"`: `.signature`. */
  kind: "session" | "signed";
  /** For `.signature`: another account's credentials (default: the connection's). */
  credentials?: WsApiCredentials;
  /** The caller's `timestamp` (first subscribe only) and `recvWindow` (every subscribe). */
  timestamp?: number;
  recvWindow?: number | string;
  /** Asked for the first subscribe only. */
  returnRateLimits?: boolean;
  /** Reads a raw event into the model (throws `UnexpectedMessageError` when malformed). */
  read: (raw: unknown) => T;
}

/**
 * Whether a report says what it names was not placed: an `executionReport` of execution type
 * or status `REJECTED` (enums.md: "Cancel Replace Orders wherein the new order placement is
 * rejected but the request to cancel request succeeds"), a `listStatus` of list order status
 * `REJECT`. It is no evidence that an order exists.
 */
export function isRejection(event: Readonly<Record<string, unknown>>): boolean {
  return event.e === "listStatus"
    ? event.L === "REJECT"
    : event.x === "REJECTED" || event.X === "REJECTED";
}

/** The User Data Stream state of one connection. */
export class UserDataHub {
  readonly #host: UserDataHost;
  readonly #accounts = new Map<string, Account>();
  /**
   * Accounts being closed after their last local left, by API key: a new subscribe of the
   * account waits for it, else Binance would refuse it (-2035) while the old one lives.
   */
  readonly #closing = new Map<string, Promise<void>>();
  /** socket → subscriptionId → account. */
  readonly #routes = new Map<object, Map<number, Account>>();
  /** socket → ids this client closed (their late events are dropped quietly). */
  readonly #retired = new Map<object, Set<number>>();
  /** socket → subscribes in flight. */
  readonly #inFlight = new Map<object, number>();
  /** socket → events of unknown ids held while a subscribe is in flight there. */
  readonly #held = new Map<
    object,
    { id: number; event: Record<string, unknown>; text: string }[]
  >();
  /** socket → holds keeping a draining socket open (a renewal's handover). */
  readonly #holds = new Map<object, number>();
  /** Client order id → listeners of its reports (the order writes' §5 hook). */
  readonly #watchers = new Map<string, Set<OrderReportListener>>();
  /** Client ids judged "not placed": a report for one until `until` (ms) is a contradiction. */
  readonly #verdicts = new Map<string, { listener: OrderReportListener; until: number }>();
  #closed = false;

  constructor(host: UserDataHost) {
    this.#host = host;
  }

  /** Holds keeping `socket` open (added to its pending count). */
  holdsOn(socket: object): number {
    return this.#holds.get(socket) ?? 0;
  }

  /** Whether the connection's own account has a live subscription. */
  get watchingOwnAccount(): boolean {
    const key = this.#host.apiKey();
    const account = key === undefined ? undefined : this.#accounts.get(key);
    return account !== undefined && !account.ended;
  }

  /**
   * Listens to the `executionReport` (`c`) and `listStatus` (`C`) events of the connection's own
   * account for one client id.
   *
   * @returns A function that removes the listener.
   */
  watchClientId(clientId: string, listener: OrderReportListener): () => void {
    let set = this.#watchers.get(clientId);
    if (!set) this.#watchers.set(clientId, set = new Set());
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#watchers.get(clientId) === set) this.#watchers.delete(clientId);
    };
  }

  /**
   * Listens once, for `ttlMs`, to a report of a client id judged "not placed" (at most
   * {@linkcode VERDICTS_MAX} at a time, the oldest dropped first; no timer).
   */
  /** A new placement with `clientId` starts: a verdict on an earlier one is no longer watched. */
  endVerdict(clientId: string): void {
    this.#verdicts.delete(clientId);
  }

  watchVerdict(clientId: string, listener: OrderReportListener, ttlMs: number): void {
    const now = monotonicMs();
    for (const [id, v] of this.#verdicts) {
      if (v.until > now && this.#verdicts.size < VERDICTS_MAX) break;
      this.#verdicts.delete(id);
    }
    this.#verdicts.delete(clientId);
    this.#verdicts.set(clientId, { listener, until: now + ttlMs });
  }

  /** Reports an error on the connection. */
  error(error: Error): void {
    this.#host.error(error);
  }

  // ---- Subscribing ---------------------------------------------------------------------------

  /**
   * A local subscription of an account: joins its server subscription, or makes it.
   *
   * @throws {ValidationError} for `"session"` without a session able to log on.
   */
  async subscribe<T>(
    request: UserDataRequest<T>,
    options: UserDataSubscribeOptions,
  ): Promise<UserDataSubscription<T>> {
    const method = request.kind === "session"
      ? "userDataStream.subscribe"
      : "userDataStream.subscribe.signature";
    if (this.#closed) throw new ConnectionClosedError({ method, outcome: "notSent" });
    if (request.kind === "session" && !this.#host.canLogOn()) {
      throw new ValidationError(method, [{
        param: "",
        message: 'needs a logged-on session: pass Ed25519 "credentials" to connectWsApi() ' +
          "(it logs on by itself), or use userDataStreamSubscribeSignature()",
      }]);
    }
    let signer: RequestSigner | undefined;
    if (request.kind === "signed") {
      signer = this.#host.signer(request.credentials);
      if (signer === undefined) {
        throw new ValidationError(method, [{
          param: "",
          message: 'is a SIGNED method; pass "credentials" to connectWsApi() or in the options',
        }]);
      }
    }
    const apiKey = request.credentials?.apiKey ?? this.#host.apiKey()!;
    options.signal?.throwIfAborted();
    const closing = this.#closing.get(apiKey);
    if (closing) await abortable(closing, options.signal);
    let account = this.#accounts.get(apiKey);
    const created = account === undefined || account.ended;
    if (created) {
      account = new Account(
        apiKey,
        request.kind,
        signer,
        request.recvWindow,
        request.read,
        apiKey === this.#host.apiKey(),
      );
      this.#accounts.set(apiKey, account);
    }
    if (!created && request.kind === "signed" && account!.kind === "session") {
      account!.bySignature ??= signer;
    }
    const local = new LocalUserData<T>(this, account!, options, request.kind);
    account!.locals = [...account!.locals, local as LocalUserData<unknown>];
    if (created) {
      const extra: Record<string, unknown> = {};
      if (request.timestamp !== undefined) extra.timestamp = request.timestamp;
      if (request.returnRateLimits !== undefined) extra.returnRateLimits = request.returnRateLimits;
      account!.firstTask = this.#subscribeOn(account!, undefined, extra, options).catch(
        (error) => {
          if (!account!.started) account!.first.reject(error);
        },
      );
    }
    try {
      // An abort while the first subscribe is in flight rejects at once; the local subscription
      // ends with its signal (the last one leaving closes the server subscription once acked).
      await abortable(account!.first.promise, options.signal);
    } catch (error) {
      this.#detach(local as LocalUserData<unknown>);
      if (account!.locals.length === 0 && !account!.started) this.#forget(account!);
      throw error;
    }
    return local;
  }

  /** The params of a subscribe request (`extra`: the first one's `timestamp`, `returnRateLimits`). */
  #params(account: Account, extra: Record<string, unknown> | undefined): Record<string, unknown> {
    const params: Record<string, unknown> = { ...extra };
    if (account.kind === "session") {
      delete params.timestamp;
      return params;
    }
    if (account.recvWindow !== undefined) params.recvWindow = account.recvWindow;
    return params;
  }

  /**
   * Makes the account's server subscription on `pin` (or the active socket). Resolves once it is
   * acknowledged; a failure of the first subscribe rejects; a later one ends the locals (unless
   * the socket closed: the next socket makes it again).
   */
  async #subscribeOn(
    account: Account,
    pin: object | undefined,
    extra: Record<string, unknown> | undefined,
    options: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<void> {
    const method = account.kind === "session"
      ? "userDataStream.subscribe"
      : "userDataStream.subscribe.signature";
    const auth: UserDataAuth = account.kind === "session"
      ? { kind: "session" }
      : { kind: "signed", signer: account.signer! };
    let sentOn: object | undefined;
    const done = () => {
      if (sentOn === undefined) return;
      account.subscribing.delete(sentOn);
      const n = (this.#inFlight.get(sentOn) ?? 1) - 1;
      if (n <= 0) this.#inFlight.delete(sentOn);
      else this.#inFlight.set(sentOn, n);
    };
    const first = !account.started;
    if (first) account.firstAttempts++;
    let socket: object;
    let result: unknown;
    account.inProgress++;
    try {
      ({ socket, result } = await this.#host.send(method, this.#params(account, extra), auth, {
        weight: 2,
        pin,
        // No signal: an abort after the request left would lose the acknowledgement (and leak
        // the server subscription); the local subscription's signal unsubscribes instead.
        timeoutMs: options.timeoutMs,
        onSend: (s) => {
          done(); // a re-send (after -1021) counts once
          sentOn = s;
          account.subscribing.add(s);
          this.#inFlight.set(s, (this.#inFlight.get(s) ?? 0) + 1);
          this.#overlapChanged(account);
        },
        // Timed out, then made after all: nobody holds it, so it is closed again at once
        // (its events until then are dropped quietly), not left to fail the next subscribe
        // with -2035.
        lateSuccess: (late, s) => {
          const id = (late as { subscriptionId?: unknown } | null)?.subscriptionId;
          if (typeof id !== "number") return;
          this.#retire(s, id);
          this.#unsubscribeOn(s, id, {}).catch(() => {});
        },
      }));
    } catch (error) {
      account.inProgress--;
      if (account.inProgress === 0) this.#idle(account);
      done();
      if (sentOn !== undefined) this.#flushHeld(sentOn);
      if (first) {
        // Two first subscribes (a renewal handed one over): one failing while the other is in
        // flight, or after it succeeded, decides nothing.
        const others = --account.firstAttempts;
        if (others > 0 || account.started) return;
      }
      if (first) account.firstRunning = false;
      await this.#subscribeFailed(account, error);
      return;
    }
    account.inProgress--;
    if (account.inProgress === 0) this.#idle(account);
    done();
    if (first) {
      account.firstAttempts--;
      account.firstRunning = false;
    }
    const id = (result as { subscriptionId?: unknown } | null)?.subscriptionId;
    if (typeof id !== "number") {
      const error = new UnexpectedMessageError(
        `Response to "${method}" has no "subscriptionId"`,
        JSON.stringify(result) ?? "",
      );
      this.#flushHeld(socket);
      await this.#subscribeFailed(account, error);
      return;
    }
    this.#acked(account, socket, id);
    // Its events that came before its answer go first, before any later one of it, even while
    // another subscribe is still in flight on the socket.
    this.#deliverHeld(socket, id);
    this.#flushHeld(socket);
  }

  /** No subscribe of `account` is in flight any more. */
  #idle(account: Account): void {
    const idle = account.idle;
    account.idle = undefined;
    idle?.resolve();
  }

  /** A subscribe failed: the first one rejects; a later one ends the locals with the error. */
  async #subscribeFailed(account: Account, error: unknown): Promise<void> {
    if (account.ended) return;
    // Maximum subscription ids reached for this connection: a new connection (socket) is needed.
    if (error instanceof BinanceApiError && error.code === -2042) {
      await this.#host.renew();
      // The renewal's new socket subscribes every live account (see `opened`): its subscribe
      // may still wait for the new socket's logon.
      if (account.started || account.inProgress > 0 || account.subs.size > 0) return;
    }
    if (!account.started) throw error;
    // The socket closed, or the request was not sent on it: the next socket makes it again.
    if (error instanceof ConnectionClosedError) return;
    if (account.subs.size > 0) return; // another socket still carries it
    // Binance's refusal (or the session's absence) as it came: the iterator throws it.
    this.#endAccount(account, "resubscribeFailed", toError(error));
  }

  /** A subscribe was acknowledged with `id` on `socket`. */
  #acked(account: Account, socket: object, id: number): void {
    if (account.ended) {
      // Every local left meanwhile: close it again.
      this.#retire(socket, id);
      account.closing = this.#unsubscribeOn(socket, id, {}).catch(() => {});
      return;
    }
    let routes = this.#routes.get(socket);
    if (!routes) this.#routes.set(socket, routes = new Map());
    routes.set(id, account);
    account.subs.set(socket, id);
    if (account.leader === undefined || !account.subs.has(account.leader)) {
      account.leader = socket;
    } else if (account.leader !== socket) account.follower = { socket, events: [] };
    const previous = account.current;
    const previousOn = account.currentOn;
    if (this.#host.isActive(socket) || account.current === undefined) {
      account.current = id;
      account.currentOn = socket;
    }
    this.#overlapChanged(account);
    const reason = account.interrupted;
    account.interrupted = undefined;
    if (!account.started) {
      account.started = true;
      for (const local of account.locals) local.epoch = account.losses;
      account.first.resolve();
      return;
    }
    if (previousOn === socket && previous === id && reason === undefined) return;
    const gap: UserDataGap | undefined = reason === undefined ? undefined : {
      reason,
      subscriptionId: id,
      ...(account.lastEventTime !== undefined ? { lastEventTime: account.lastEventTime } : {}),
    };
    for (const local of account.locals) {
      if (gap !== undefined && local.epoch < account.losses) local.gap(gap);
      local.epoch = account.losses;
      local.resubscribed(
        previous === undefined
          ? { subscriptionId: id }
          : { subscriptionId: id, previousSubscriptionId: previous },
      );
    }
  }

  #overlapChanged(account: Account): void {
    if (account.overlapping) {
      account.recent ??= new RecentKeys();
      account.checkLeft = RECENT_CAPACITY;
    }
  }

  // ---- Socket life ---------------------------------------------------------------------------

  /**
   * A socket became active (reconnected or renewed): every live account subscribes on it. On a
   * renewal, the old sockets carrying a subscription are held open until the new one is
   * acknowledged, and the new subscriptions are checked with `session.subscriptions`.
   */
  opened(socket: object): void {
    if (this.#closed) return;
    const work: Promise<void>[] = [];
    const held: object[] = [];
    for (const account of this.#accounts.values()) {
      if (account.ended || account.subs.has(socket) || account.subscribing.has(socket)) continue;
      // Its first subscribe makes it, unless that went out on another socket (the one being
      // renewed): then this one subscribes too, make-before-break, the other one held.
      const firstElsewhere = !account.started && account.firstRunning
        ? [...account.subscribing].filter((s) => s !== socket)
        : [];
      if (!account.started && account.firstRunning && firstElsewhere.length === 0) continue;
      for (const old of [...account.subs.keys(), ...firstElsewhere]) {
        this.#holds.set(old, (this.#holds.get(old) ?? 0) + 1);
        held.push(old);
      }
      work.push(
        this.#subscribeOn(account, socket, undefined).catch((error) => {
          if (!account.started) account.first.reject(error);
        }),
      );
    }
    if (work.length === 0) return;
    void Promise.all(work).then(async () => {
      if (held.length > 0) await this.#verify(socket);
    }).finally(() => {
      for (const old of held) {
        const n = (this.#holds.get(old) ?? 1) - 1;
        if (n <= 0) this.#holds.delete(old);
        else this.#holds.set(old, n);
      }
      for (const old of new Set(held)) this.#host.settled(old);
    });
  }

  /**
   * After a renewal: `session.subscriptions` on the new socket must list every subscription made
   * there (`session.status`'s `userDataStream` flag when that method is refused); one missing is
   * made again, with a `gap` (`"renewal"`).
   */
  async #verify(socket: object): Promise<void> {
    let alive: (id: number) => boolean;
    try {
      const { result } = await this.#host.send("session.subscriptions", {}, undefined, {
        weight: 2,
        pin: socket,
      });
      const ids = new Set(
        Array.isArray(result)
          ? result.map((r) => (r as { subscriptionId?: unknown } | null)?.subscriptionId)
          : [],
      );
      alive = (id) => ids.has(id);
    } catch (error) {
      if (!(error instanceof BinanceApiError)) return;
      try {
        const { result } = await this.#host.send("session.status", {}, undefined, {
          weight: 2,
          pin: socket,
        });
        const flag = (result as { userDataStream?: unknown } | null)?.userDataStream;
        if (flag !== false) return;
        alive = () => false;
      } catch {
        return;
      }
    }
    for (const account of this.#accounts.values()) {
      const id = account.subs.get(socket);
      if (account.ended || id === undefined || alive(id)) continue;
      this.error(
        new UnexpectedMessageError(
          `The User Data Stream subscription ${id} of API key "${
            redactApiKey(account.apiKey)
          }" is missing after a renewal; it is made again`,
          "",
        ),
      );
      this.#lost(account, socket, id, "renewal");
    }
  }

  /**
   * A server subscription is gone without the user's doing: unless the active socket carries
   * (or is making) one, it is made again there, with a gap.
   */
  #lost(account: Account, socket: object, id: number, reason: UserDataGapReason): void {
    this.#routes.get(socket)?.delete(id);
    account.subs.delete(socket);
    this.#handOver(account, socket);
    // Ids start at 0 on every socket: only this socket's id is gone.
    if (account.current === id && account.currentOn === socket) account.current = undefined;
    this.#cover(account, this.#host.active(), reason);
  }

  /** Makes sure `active` (when open) carries the account's subscription; a gap is due if not. */
  #cover(account: Account, active: object | undefined, reason: UserDataGapReason): void {
    if (account.ended) return;
    if (active !== undefined && account.subs.has(active)) return;
    if (account.interrupted === undefined) {
      account.interrupted = reason;
      account.losses++;
    }
    // Being made there (sent, not yet acknowledged): its acknowledgement says the gap.
    if (active !== undefined && account.subscribing.has(active)) return;
    // Not open: the next socket makes it (`opened`).
    if (active !== undefined) void this.#subscribeOn(account, active, undefined).catch(() => {});
  }

  /** `socket` closed: its server subscriptions are gone with it. */
  closed(socket: object): void {
    const wasActive = this.#host.isActive(socket);
    this.#routes.delete(socket);
    this.#retired.delete(socket);
    this.#inFlight.delete(socket);
    this.#holds.delete(socket);
    const held = this.#held.get(socket);
    this.#held.delete(socket);
    for (const h of held ?? []) this.#unknown(h.id, h.text);
    for (const account of this.#accounts.values()) {
      const id = account.subs.get(socket);
      account.subscribing.delete(socket);
      if (id === undefined) continue;
      account.subs.delete(socket);
      this.#handOver(account, socket);
      if (account.current === id && account.currentOn === socket) account.current = undefined;
      // A drop: the next socket makes it again; a draining socket closed before the new one's
      // subscription was made: made now on the active socket.
      this.#cover(
        account,
        wasActive ? undefined : this.#host.active(),
        wasActive ? "reconnect" : "renewal",
      );
    }
  }

  /** The connection ended: every local subscription ends. */
  ended(): void {
    this.#closed = true;
    for (const account of [...this.#accounts.values()]) {
      if (!account.started) {
        account.first.reject(new ConnectionClosedError({ outcome: "notSent" }));
      }
      this.#endAccount(account, "closed");
    }
    this.#watchers.clear();
    this.#verdicts.clear();
  }

  // ---- Events --------------------------------------------------------------------------------

  /** An event frame with a `subscriptionId` arrived on `socket`. Hot path. */
  event(socket: object, id: number, event: Record<string, unknown>, text: string): void {
    const account = this.#routes.get(socket)?.get(id);
    if (account !== undefined) {
      this.#deliver(account, socket, id, event);
      return;
    }
    if (this.#retired.get(socket)?.has(id)) return; // closed by this client: late, expected
    if ((this.#inFlight.get(socket) ?? 0) > 0) {
      let held = this.#held.get(socket);
      if (!held) this.#held.set(socket, held = []);
      if (held.length < HELD_MAX) {
        held.push({ id, event, text });
        return;
      }
    }
    this.#unknown(id, text);
  }

  #unknown(id: number, text: string): void {
    this.error(
      new UnexpectedMessageError(
        `Received a User Data Stream event for no known subscription (subscriptionId ${id})`,
        text,
      ),
    );
  }

  /** Routes the events held on `socket` for subscription `id` (just acknowledged). */
  #deliverHeld(socket: object, id: number): void {
    const held = this.#held.get(socket);
    if (!held?.some((h) => h.id === id)) return;
    this.#held.set(socket, held.filter((h) => h.id !== id));
    for (const h of held) if (h.id === id) this.event(socket, h.id, h.event, h.text);
  }

  /** Routes the events held on `socket` once no subscribe is in flight there. */
  #flushHeld(socket: object): void {
    if ((this.#inFlight.get(socket) ?? 0) > 0) return;
    const held = this.#held.get(socket);
    if (!held) return;
    this.#held.delete(socket);
    for (const h of held) this.event(socket, h.id, h.event, h.text);
  }

  #deliver(account: Account, socket: object, id: number, event: Record<string, unknown>): void {
    if (event.e === "eventStreamTerminated") {
      this.#terminated(account, socket, id, event);
      return;
    }
    const follower = account.follower;
    if (follower !== undefined && socket === follower.socket) {
      follower.events.push(event);
      // Bounded: past it the new socket leads (the old one's later events are duplicates).
      if (follower.events.length >= RECENT_CAPACITY) this.#handOver(account, account.leader!);
      return;
    }
    this.#deliverNow(account, socket, event);
  }

  /**
   * `socket`'s subscription of the account is gone (or must give way): when it led, the
   * follower's waiting events are delivered (those the old socket delivered too are removed as
   * duplicates) and the follower leads; a follower gone loses its waiting events (the old
   * socket delivered them, or a gap follows).
   */
  #handOver(account: Account, socket: object): void {
    const follower = account.follower;
    if (follower?.socket === socket) {
      account.follower = undefined;
      return;
    }
    if (account.leader !== socket) return;
    account.follower = undefined;
    account.leader = follower?.socket;
    if (follower !== undefined && account.recent !== undefined) {
      const keys: string[] = [];
      for (const event of follower.events) {
        const key = eventIdentity(event);
        if (key !== undefined) keys.push(key);
      }
      account.recent.align(socket, keys);
    }
    for (const event of follower?.events ?? []) this.#deliverNow(account, follower!.socket, event);
  }

  /**
   * Delivers an event of `socket`, unless another socket delivered it already: a copy is an
   * event whose identity came from another socket (one socket never repeats an event, so the
   * same content twice from one socket, such as balances A, B, A within one millisecond, is
   * two events).
   */
  #deliverNow(account: Account, socket: object, event: Record<string, unknown>): void {
    const recent = account.recent;
    if (recent !== undefined) {
      const key = eventIdentity(event);
      if (key !== undefined && recent.seen(key, socket)) {
        for (const local of account.locals) local.duplicate();
        return;
      }
      if (!account.overlapping && --account.checkLeft <= 0) account.recent = undefined;
    }
    this.#push(account, event);
  }

  #push(account: Account, event: Record<string, unknown>): void {
    let value: unknown;
    try {
      value = account.read(event);
    } catch (error) {
      // The error's frame is the whole event, exactly (an id above 2^53 with its digits), so
      // that the report can still be read by hand; the check's own holds only the bad field.
      const malformed = new UnexpectedMessageError(toError(error).message, stringifyJson(event), {
        cause: error,
        wholeFrame: true,
      });
      for (const local of account.locals) local.malformed(malformed);
      return;
    }
    const time = event.E;
    if (typeof time === "number") account.lastEventTime = time;
    if (account.own && (this.#watchers.size > 0 || this.#verdicts.size > 0)) this.#watch(event);
    const locals = account.locals;
    for (let i = 0; i < locals.length; i++) locals[i].push(value);
  }

  /** The §5 hook: reports of a watched client id go to their listeners. */
  #watch(event: Record<string, unknown>): void {
    const e = event.e;
    const id = e === "executionReport" ? event.c : e === "listStatus" ? event.C : undefined;
    if (typeof id !== "string") return;
    const verdict = isRejection(event) ? undefined : this.#verdicts.get(id);
    if (verdict !== undefined) {
      this.#verdicts.delete(id);
      if (verdict.until > monotonicMs()) verdict.listener(event);
    }
    const set = this.#watchers.get(id);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(event);
      } catch (error) {
        this.error(toError(error));
      }
    }
  }

  /**
   * `eventStreamTerminated` for (socket, id): delivered; then, when the user caused it (a logout
   * in flight), the locals end; else the subscription is made again with a `gap`.
   */
  #terminated(
    account: Account,
    socket: object,
    id: number,
    event: Record<string, unknown>,
  ): void {
    const active = this.#host.active();
    if (
      account.ending === undefined && socket !== active && active !== undefined &&
      account.subs.has(active)
    ) {
      // A socket being retired (a renewal's old one) ends its subscription while the active
      // socket carries the account's: nothing ends for the locals, nothing is missed.
      this.#retire(socket, id);
      this.#lost(account, socket, id, "terminated");
      return;
    }
    this.#push(account, event);
    if (account.ending !== undefined) {
      this.#endAccount(account, account.ending);
      return;
    }
    this.#retire(socket, id);
    this.#lost(account, socket, id, "terminated");
  }

  // ---- Ending --------------------------------------------------------------------------------

  #retire(socket: object, id: number): void {
    this.#routes.get(socket)?.delete(id);
    let set = this.#retired.get(socket);
    if (!set) this.#retired.set(socket, set = new Set());
    set.add(id);
  }

  #detach(local: LocalUserData<unknown>): void {
    const account = local.account;
    account.locals = account.locals.filter((l) => l !== local);
  }

  #forget(account: Account): void {
    account.ended = true;
    if (this.#accounts.get(account.apiKey) === account) this.#accounts.delete(account.apiKey);
  }

  /**
   * Ends the account: its locals end with `reason`, its server subscriptions are retired. A first
   * subscribe still waiting for Binance rejects (its late answer is closed again, see `#acked`).
   */
  #endAccount(account: Account, reason: string, error?: Error): void {
    this.#forget(account);
    if (!account.started) {
      account.first.reject(
        error ?? new ConnectionClosedError({
          method: account.kind === "session"
            ? "userDataStream.subscribe"
            : "userDataStream.subscribe.signature",
          what: "the User Data Stream subscription",
          advice: `It ended ("${reason}") before Binance acknowledged it.`,
        }),
      );
    }
    for (const [socket, id] of account.subs) this.#retire(socket, id);
    account.subs.clear();
    account.leader = account.follower = undefined;
    account.current = undefined;
    const locals = account.locals;
    account.locals = [];
    for (const local of locals) local.finish(reason, error);
  }

  /** A local subscription ended (`unsubscribe()`): the last one of its account closes it. */
  release(
    local: LocalUserData<unknown>,
    options: { signal?: AbortSignal; timeoutMs?: number },
  ): Promise<void> {
    const account = local.account;
    this.#detach(local);
    if (account.locals.length > 0 || account.ended) return Promise.resolve();
    this.#forget(account);
    const work: Promise<void>[] = [];
    // Sent whatever the signal says: the account is forgotten here, so it must go at the
    // server too (else the next subscribe gets -2035). The options bound the caller's wait.
    for (const [socket, id] of account.subs) {
      this.#retire(socket, id);
      work.push(this.#unsubscribeOn(socket, id, {}));
    }
    account.subs.clear();
    account.leader = account.follower = undefined;
    account.current = undefined;
    const done = Promise.all(work).then(() => {});
    this.#closingAfter(account, done);
    return waitFor(done, "userDataStream.unsubscribe", options);
  }

  /**
   * The next subscribe of an ended account's API key waits for `done` (its unsubscribes) and
   * for a subscribe of it still in flight (the first, one made again after a drop, a
   * renewal's), which is closed once answered (`#acked`): else Binance refuses it (-2035).
   */
  #closingAfter(account: Account, done: Promise<unknown>): void {
    let inFlight: Promise<void> | undefined;
    if (account.inProgress > 0) {
      account.idle ??= Promise.withResolvers<void>();
      inFlight = account.idle.promise.then(() => account.closing);
    }
    const closed: Promise<void> = Promise.all([
      done.catch(() => {}),
      inFlight,
    ]).then(() => {
      if (this.#closing.get(account.apiKey) === closed) this.#closing.delete(account.apiKey);
    });
    this.#closing.set(account.apiKey, closed);
  }

  /** `userDataStream.unsubscribe` of `id` on `socket`; -2036 (not active) and a closed socket are fine. */
  async #unsubscribeOn(
    socket: object,
    id: number,
    options: { signal?: AbortSignal; timeoutMs?: number },
  ): Promise<void> {
    try {
      await this.#host.send("userDataStream.unsubscribe", { subscriptionId: id }, undefined, {
        weight: 2,
        pin: socket,
        signal: options.signal,
        timeoutMs: options.timeoutMs,
      });
    } catch (error) {
      if (error instanceof ConnectionClosedError) return;
      if (error instanceof BinanceApiError && error.code === -2036) return;
      throw error;
    }
  }

  /**
   * `userDataStreamUnsubscribe(conn, params)`: without an id every subscription of the session
   * closes and every local one ends (none is made again); with the id a subscription shows,
   * that account ends and its server subscriptions close on their own sockets; with another
   * id, the account on the active socket with that id ends, and the request goes.
   */
  async unsubscribe(
    subscriptionId: number | undefined,
    options: { signal?: AbortSignal; timeoutMs?: number },
  ): Promise<unknown> {
    // The id a subscription shows (`subscriptionId`, the one of its socket while a renewal's
    // new subscribe is unanswered): that account ends, and each of its server subscriptions
    // is closed on its own socket, where the id means it.
    const shown = subscriptionId === undefined
      ? undefined
      : [...this.#accounts.values()].find((a) => !a.ended && a.current === subscriptionId);
    if (shown !== undefined) {
      const subs = [...shown.subs];
      this.#endAccount(shown, "unsubscribed");
      const work = Promise.all(subs.map(([socket, id]) => this.#unsubscribeOn(socket, id, {})));
      work.catch(() => {});
      this.#closingAfter(shown, work);
      await waitFor(work, "userDataStream.unsubscribe", options);
      return {};
    }
    const ended: Account[] = [];
    for (const account of [...this.#accounts.values()]) {
      if (account.ended) continue;
      if (subscriptionId === undefined) {
        this.#endAccount(account, "unsubscribed");
        ended.push(account);
        continue;
      }
      for (const [socket, id] of account.subs) {
        if (id === subscriptionId && this.#host.isActive(socket)) {
          this.#endAccount(account, "unsubscribed");
          ended.push(account);
          break;
        }
      }
    }
    const params = subscriptionId === undefined ? {} : { subscriptionId };
    // Sent whatever the signal says (the accounts ended here); the options bound the wait.
    const sent = this.#host.send("userDataStream.unsubscribe", params, undefined, { weight: 2 });
    sent.catch(() => {});
    for (const account of ended) this.#closingAfter(account, sent);
    const { result } = await waitFor(sent, "userDataStream.unsubscribe", options);
    return result;
  }

  /** A `session.logout` is about to go: the logon subscription's termination is the user's. */
  loggingOut(): void {
    for (const account of this.#accounts.values()) {
      if (account.kind !== "session" || account.ended) continue;
      if (account.bySignature !== undefined && account.locals.some((l) => l.kind === "signed")) {
        // The logout ends the session's subscription only (web-socket-api.md): the signature
        // locals go on, their subscription made again by signature once it ends (with a gap).
        account.kind = "signed";
        account.signer = account.bySignature;
      } else account.ending = "loggedOut";
    }
  }

  /** The `session.logout` succeeded: the logon subscription ends, and is not made again. */
  loggedOut(): void {
    for (const account of [...this.#accounts.values()]) {
      if (account.ended) continue;
      if (account.kind === "session") this.#endAccount(account, "loggedOut");
      else if (account.bySignature !== undefined) {
        // Switched by `loggingOut`: the session's own locals end.
        account.bySignature = undefined;
        for (const local of account.locals.filter((l) => l.kind === "session")) {
          this.#detach(local);
          local.finish("loggedOut");
        }
      }
    }
  }

  /** The `session.logout` failed: the logon subscription goes on. */
  logoutFailed(): void {
    for (const account of this.#accounts.values()) {
      account.ending = undefined;
      if (account.bySignature !== undefined && account.kind === "signed") {
        account.kind = "session";
        account.signer = undefined;
      }
    }
  }
}

/** A local subscription: the shared account's events, with its own buffer and listeners. */
export class LocalUserData<T> implements UserDataSubscription<T> {
  readonly apiKeyHint: string;
  readonly account: Account;
  /** The account's loss count when this last caught up (a gap is due when it is behind). */
  epoch: number;
  readonly #hub: UserDataHub;
  readonly #inner: SubscriptionImpl<T>;
  #listeners: ListenersT<UserDataSubscriptionEventMap<T>> | undefined;
  #nextGap: UserDataGap | undefined;

  /** How it was asked for (`userDataStream.subscribe`, or `.signature`). */
  readonly kind: "session" | "signed";

  constructor(
    hub: UserDataHub,
    account: Account,
    options: UserDataSubscribeOptions,
    kind: "session" | "signed",
  ) {
    this.#hub = hub;
    this.kind = kind;
    this.account = account;
    // Joining while the account's subscription is being made again (after a drop): what
    // happens until it is live again is missed by this one too, so its gap is due as well.
    this.epoch = account.interrupted !== undefined ? account.losses - 1 : account.losses;
    this.apiKeyHint = redactApiKey(account.apiKey);
    this.#inner = new SubscriptionImpl<T>(`userData ${this.apiKeyHint}`, {
      signal: options.signal,
      bufferSize: options.bufferSize,
      overflow: options.overflow,
    }, {
      unsubscribe: (_sub, opts) => hub.release(this as LocalUserData<unknown>, opts),
      gap: () => {},
      error: (error) => hub.error(error),
    });
    this.#inner.on("gap", (g) => {
      const gap = this.#nextGap ?? {
        reason: "overflow",
        ...(this.subscriptionId !== undefined ? { subscriptionId: this.subscriptionId } : {}),
        ...(g.dropped !== undefined ? { dropped: g.dropped } : {}),
      };
      this.#nextGap = undefined;
      // Never silent: with no listener (a `for await` alone), the gap goes to the console, as a
      // market stream's does; `stats.gaps` counts it either way.
      if (!this.#emit("gap", gap)) {
        console.warn(
          `@binance-ws/spot: possible gap in the User Data Stream of ${this.apiKeyHint} ` +
            `(${gap.reason})`,
        );
      }
    });
    this.#inner.on("error", ({ error }) => {
      if (!this.#emit("error", { error })) hub.error(error);
    });
    this.#inner.on("end", (payload) => this.#emit("end", payload));
  }

  get subscriptionId(): number | undefined {
    return this.account.ended ? undefined : this.account.current;
  }

  get stats(): Readonly<SubscriptionStats> {
    return this.#inner.stats;
  }

  get active(): boolean {
    return this.#inner.active;
  }

  on<K extends keyof UserDataSubscriptionEventMap<T>>(
    type: K,
    listener: (payload: UserDataSubscriptionEventMap<T>[K]) => void,
  ): () => void {
    if (type === "data") return this.#inner.on("data", listener as (value: T) => void);
    this.#listeners ??= new Listeners<UserDataSubscriptionEventMap<T>>(
      throwsAsErrorEvent((error) => this.#hub.error(error)),
    );
    return this.#listeners.on(type, listener);
  }

  #emit<K extends Exclude<keyof UserDataSubscriptionEventMap<T>, "data">>(
    type: K,
    payload: UserDataSubscriptionEventMap<T>[K],
  ): boolean {
    return this.#listeners !== undefined && this.#listeners.emit(type, payload);
  }

  /** An event (hot path). */
  push(value: unknown): void {
    this.#inner.push(value as T);
  }

  duplicate(): void {
    this.#inner.duplicate();
  }

  malformed(error: Error): void {
    if (!this.#inner.malformed(error)) this.#hub.error(error);
  }

  /** A gap (counted as the market subscriptions count theirs). */
  gap(gap: UserDataGap): void {
    this.#nextGap = gap;
    this.#inner.gap({ stream: this.#inner.stream, reason: "reconnect" });
    this.#nextGap = undefined;
  }

  resubscribed(payload: { subscriptionId: number; previousSubscriptionId?: number }): void {
    this.#emit("resubscribed", payload);
  }

  /** Ends the local subscription (the iterator finishes, or throws `error`). */
  finish(reason: string, error?: Error): void {
    if (error !== undefined && this.#inner.active) {
      if (!this.#emit("error", { error })) this.#hub.error(error);
    }
    this.#inner.end(reason, error);
  }

  unsubscribe(options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<void> {
    return this.#inner.unsubscribe(options);
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.#inner[Symbol.asyncIterator]();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.#inner[Symbol.asyncDispose]();
  }
}

// ---- The connection's hub, for the method files and the order writes ------------------------

let hubOf: ((conn: object, create: boolean) => UserDataHub | undefined) | undefined;

/** Installed once by `WsApiConnection` (it alone can reach its hub). */
export function setUserDataHub(
  accessor: (conn: object, create: boolean) => UserDataHub | undefined,
): void {
  hubOf = accessor;
}

/** The connection's User Data Stream hub (made on first use). */
export function userDataHub(conn: object): UserDataHub {
  return hubOf!(conn, true)!;
}

/** The connection's hub when one was made (the order writes' §5 hook reads it), else `undefined`. */
export function existingUserDataHub(conn: object): UserDataHub | undefined {
  return hubOf?.(conn, false);
}

/** Waits for `work` within the caller's `signal` and `timeoutMs` (`work` goes on regardless). */
function waitFor<T>(
  work: Promise<T>,
  method: string,
  options: { signal?: AbortSignal; timeoutMs?: number },
): Promise<T> {
  const timeoutMs = options.timeoutMs;
  if (timeoutMs === undefined) return abortable(work, options.signal);
  return deadline(
    work,
    timeoutMs,
    () => new RequestTimeoutError({ method, timeoutMs }),
    options.signal,
  );
}
