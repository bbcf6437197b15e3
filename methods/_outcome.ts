// Private: the resolution of an order write whose outcome is unknown (the socket closed or
// the timeout ran out after it was sent, a 5xx, -1007). Pure of sockets and of method files:
// the caller (methods/_order_write.ts) gives the lookup (order.status / orderList.status by
// client id), the server clock and the request's window; this file decides when the truth
// is established. It never places anything: a resolution only asks.
import { abortableDelay, backoffDelay } from "../core/_async.ts";
import {
  BinanceApiError,
  ConnectionClosedError,
  IpBannedError,
  type OrderClientIds,
  OrderNotPlacedError,
  OrderOutcomeUnknownError,
  RateLimitError,
  RequestTimeoutError,
  unknownOutcomeCause,
  type UnknownOutcomeReason,
} from "../core/errors.ts";

/** The default margin past the request's window: the documented matching-engine timeout. */
export const DEFAULT_UNKNOWN_OUTCOME_MARGIN_MS = 10_000;
/** The default time a resolution may take, the wait for the window included. */
export const DEFAULT_RESOLVE_TIMEOUT_MS = 60_000;
/** `recvWindow` when the request sent none (the docs' default). */
export const DEFAULT_RECV_WINDOW_MS = 5_000;

/** The placement being resolved: what the errors carry. */
export interface Placement {
  /** The WebSocket API method, e.g. `"order.place"`. */
  method: string;
  /** The symbol of the placement. */
  symbol: string;
  /** Every client id of the placement. */
  clientOrderIds: OrderClientIds;
  /** What the placement rejected with (its outcome unknown); the errors' `cause`. */
  error: unknown;
}

/** Time for a resolution: the local monotonic clock and its sleeps (a fake one in tests). */
export interface OutcomeClock {
  /** Local time in ms (monotonic); only differences are used. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts; leaves no timer. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** The real clock: `performance.now()` and `setTimeout`. */
export const REAL_CLOCK: OutcomeClock = {
  now: () => performance.now(),
  sleep: (ms, signal) => abortableDelay(ms, signal),
};

/** The backoff between lookups: `initialMs` doubling (`factor`) up to `maxMs`, jitter in [d/2, d]. */
export interface OutcomeBackoff {
  /** Default 250. */
  initialMs?: number;
  /** Default 5000. */
  maxMs?: number;
  /** Default 2. */
  factor?: number;
  /** Default `true`. */
  jitter?: boolean;
}

/** One lookup, as {@linkcode OutcomeSpec.onLookup} reports it. */
export interface OutcomeLookupEvent {
  /** 1 for the first lookup. */
  attempt: number;
  /** The server time (ms) just before the lookup was sent. */
  serverTime: number;
  /** What it gave. */
  result: "found" | "notFound" | "error";
  /** The lookup's error, for `"error"`. */
  error?: unknown;
}

/** What {@linkcode resolveOutcome} needs. `F` is the raw order (or order list) the lookup gives. */
export interface OutcomeSpec<F> {
  /** The placement: method, symbol, client ids, and the error that made its outcome unknown. */
  placement: Placement;
  /**
   * Asks the exchange once (`order.status` / `orderList.status` by client id), honouring
   * `signal`. Resolves with the raw order, with `undefined` when the exchange says there is
   * no such order (see {@linkcode isNotFoundError}), or rejects with the lookup's error.
   */
  lookup(signal: AbortSignal): Promise<F | undefined>;
  /** `true` when `found` is this placement, else what differs (see {@linkcode matchesPlacement}). */
  matches(found: F): true | string;
  /** The exchange's time now, in ms: local time plus the connection's measured offset. */
  serverNow(): number;
  /** When the request's window closed, in ms (see {@linkcode requestWindowEndMs}). */
  windowEndMs: number;
  /** How long past the window "not found" is awaited before the verdict. Default 10 000. */
  marginMs?: number;
  /** How long the whole resolution may take (local time). Default 60 000. */
  resolveTimeoutMs?: number;
  /**
   * Resolves once the connection has an open socket (at once when it has one); rejects
   * only when none will come (the connection was closed): that ends the resolution.
   */
  waitUntilConnected?(signal: AbortSignal): Promise<void>;
  /** Whether a lookup error is worth a retry. Default {@linkcode isTransientLookupError}. */
  isTransient?(error: unknown): boolean;
  /** The backoff between lookups. */
  backoff?: OutcomeBackoff;
  /** The caller's signal: an abort ends the resolution with reason `"aborted"`. */
  signal?: AbortSignal;
  /** The clock. Default {@linkcode REAL_CLOCK}. */
  clock?: OutcomeClock;
  /** Called after each lookup (diagnostics, tests). */
  onLookup?(event: OutcomeLookupEvent): void;
}

/** The reason the internal controller aborts with when the resolve timeout passes. */
const EXPIRED: unique symbol = Symbol("resolveTimeout");
/** The reason the internal controller aborts with when the resolution has ended. */
const DONE: unique symbol = Symbol("done");

/** Settles as `promise`, or rejects with the signal's reason when it aborts first. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  const { promise: aborted, reject } = Promise.withResolvers<never>();
  const onAbort = () => reject(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  return Promise.race([promise, aborted]).finally(() => {
    signal.removeEventListener("abort", onAbort);
  });
}

/**
 * Finds the truth about a placement whose outcome is unknown, asking the exchange by client
 * id (never placing anything):
 * - found and `matches` → resolves with it (the caller marks it recovered);
 * - found and not matching → `OrderOutcomeUnknownError` `"mismatch"` carrying it;
 * - not found → asks again with backoff until a lookup sent at a server time T past
 *   `windowEndMs + marginMs` finds nothing → `OrderNotPlacedError` (T, T − windowEndMs);
 * - transient lookup errors → retried with backoff (at least until a 429's `retryAfter`);
 *   any other → `OrderOutcomeUnknownError` `"lookupFailed"`;
 * - `resolveTimeoutMs` passed first → `"resolveTimeout"` (its `cause`: the last lookup error,
 *   else the placement's error); the caller's signal aborted → `"aborted"` (its `cause`: the
 *   signal's reason). An abort does not reject with the bare reason: that would lose the
 *   client ids of an order that may exist.
 *
 * Every timer and listener is released when it settles.
 */
export async function resolveOutcome<F>(spec: OutcomeSpec<F>): Promise<F> {
  const clock = spec.clock ?? REAL_CLOCK;
  const marginMs = spec.marginMs ?? DEFAULT_UNKNOWN_OUTCOME_MARGIN_MS;
  const limitMs = spec.resolveTimeoutMs ?? DEFAULT_RESOLVE_TIMEOUT_MS;
  const cutoff = spec.windowEndMs + marginMs;
  const isTransient = spec.isTransient ?? isTransientLookupError;
  const backoff = spec.backoff ?? {};
  const { placement } = spec;
  const unknown = (
    reason: UnknownOutcomeReason,
    cause: unknown,
    extra: { found?: F; mismatch?: string; detail?: string } = {},
  ) =>
    new OrderOutcomeUnknownError({
      method: placement.method,
      symbol: placement.symbol,
      clientOrderIds: placement.clientOrderIds,
      reason,
      cause,
      found: extra.found as Readonly<Record<string, unknown>> | undefined,
      mismatch: extra.mismatch,
      detail: extra.detail,
      lastNotFoundServerTime: lastNotFound,
    });

  let lastNotFound: number | undefined;
  let lastError: unknown;
  if (spec.signal?.aborted) throw unknown("aborted", spec.signal.reason);

  const control = new AbortController();
  const signal = control.signal;
  const onUserAbort = () => control.abort(spec.signal!.reason);
  spec.signal?.addEventListener("abort", onUserAbort, { once: true });
  const started = clock.now();
  clock.sleep(limitMs, signal).then(() => control.abort(EXPIRED), () => {});

  let attempt = 0;
  const delayOf = (n: number) =>
    backoffDelay(
      n,
      backoff.initialMs ?? 250,
      backoff.maxMs ?? 5_000,
      backoff.factor ?? 2,
      backoff.jitter ?? true,
    );
  try {
    while (true) {
      if (spec.waitUntilConnected) {
        try {
          await untilAborted(spec.waitUntilConnected(signal), signal);
        } catch (error) {
          if (signal.aborted) throw error;
          throw unknown("lookupFailed", error, { detail: "no connection will come" });
        }
      }
      attempt++;
      const serverTime = spec.serverNow();
      let found: F | undefined;
      try {
        found = await untilAborted(spec.lookup(signal), signal);
      } catch (error) {
        if (signal.aborted) throw error;
        spec.onLookup?.({ attempt, serverTime, result: "error", error });
        if (!isTransient(error)) throw unknown("lookupFailed", error);
        lastError = error;
        const retryAfter = error instanceof RateLimitError || error instanceof IpBannedError
          ? error.retryAfter
          : undefined;
        const waitMs = retryAfter === undefined ? 0 : retryAfter - spec.serverNow();
        await clock.sleep(Math.max(delayOf(attempt), waitMs), signal);
        continue;
      }
      if (found !== undefined) {
        spec.onLookup?.({ attempt, serverTime, result: "found" });
        const verdict = spec.matches(found);
        if (verdict === true) return found;
        throw unknown("mismatch", placement.error, { found, mismatch: verdict });
      }
      spec.onLookup?.({ attempt, serverTime, result: "notFound" });
      lastNotFound = serverTime;
      if (serverTime > cutoff) {
        throw new OrderNotPlacedError({
          method: placement.method,
          symbol: placement.symbol,
          clientOrderIds: placement.clientOrderIds,
          serverTime,
          windowEndMs: spec.windowEndMs,
          marginMs,
          cause: placement.error,
        });
      }
      // Not before the cut-off: back off, but wake just past it for the deciding lookup.
      const untilCutoff = Math.max(1, cutoff - spec.serverNow() + 1);
      await clock.sleep(Math.min(delayOf(attempt), untilCutoff), signal);
    }
  } catch (error) {
    if (error instanceof OrderOutcomeUnknownError || error instanceof OrderNotPlacedError) {
      throw error;
    }
    if (signal.aborted && signal.reason === EXPIRED) {
      const elapsed = Math.round(clock.now() - started);
      throw unknown("resolveTimeout", lastError ?? placement.error, {
        detail: lastNotFound === undefined
          ? `no lookup answered within ${limitMs} ms (${elapsed} ms)`
          : `not found at server time ${lastNotFound}, but the request's window closes ` +
            `at ${spec.windowEndMs} (margin ${marginMs} ms) and ${limitMs} ms passed`,
      });
    }
    if (signal.aborted) throw unknown("aborted", signal.reason);
    throw unknown("lookupFailed", error);
  } finally {
    control.abort(DONE);
    spec.signal?.removeEventListener("abort", onUserAbort);
  }
}

/**
 * Whether a lookup error is worth another try: the connection closed or the lookup timed
 * out, a 5xx, -1006/-1007 (execution status unknown), -1008 (server busy), -1001 (internal
 * disconnect), -1021 (timestamp outside recvWindow; the clock is re-measured), a 429 or the
 * client's own rate-limit refusal, a 418 ban (waited out until `retryAfter`, within the
 * resolve timeout).
 */
export function isTransientLookupError(error: unknown): boolean {
  if (error instanceof ConnectionClosedError || error instanceof RequestTimeoutError) return true;
  if (error instanceof RateLimitError || error instanceof IpBannedError) return true;
  if (unknownOutcomeCause(error) !== undefined) return true;
  return error instanceof BinanceApiError &&
    (error.code === -1008 || error.code === -1001 || error.code === -1021);
}

/**
 * Whether a lookup's error means "no such order": -2013 "Order does not exist." (what
 * `order.status` and `orderList.status` answer), or -2011 "Unknown order sent.".
 */
export function isNotFoundError(error: unknown): boolean {
  return error instanceof BinanceApiError &&
    (error.code === -2013 || (error.code === -2011 && /unknown order/i.test(error.msg)));
}

/**
 * The end of a request's window in ms: `timestamp` (ms, or µs when `timeUnit` says so, or
 * when it is at least 10^14 and no unit is given) plus `recvWindow` (always ms, up to three
 * decimals; default 5000).
 */
export function requestWindowEndMs(
  timestamp: number | bigint,
  recvWindow?: number | string,
  timeUnit?: "MILLISECOND" | "MICROSECOND",
): number {
  const t = Number(timestamp);
  const micro = timeUnit === undefined ? t >= 1e14 : timeUnit === "MICROSECOND";
  const window = recvWindow === undefined ? DEFAULT_RECV_WINDOW_MS : Number(recvWindow);
  return (micro ? t / 1000 : t) + window;
}

/** A decimal string (or an integer) in a canonical form: no leading or trailing zeros. */
function canonicalDecimal(value: unknown): string | undefined {
  const text = typeof value === "number"
    ? (Number.isSafeInteger(value) ? String(value) : undefined)
    : typeof value === "bigint"
    ? String(value)
    : typeof value === "string"
    ? value
    : undefined;
  const m = text === undefined ? null : /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  const int = m[2].replace(/^0+/, "") || "0";
  const frac = (m[3] ?? "").replace(/0+$/, "");
  const body = frac === "" ? int : `${int}.${frac}`;
  return body === "0" ? "0" : `${m[1]}${body}`;
}

/** Whether two decimals (strings or integers) are the same number, exactly. */
export function decimalEquals(a: unknown, b: unknown): boolean {
  const x = canonicalDecimal(a);
  return x !== undefined && x === canonicalDecimal(b);
}

/** Compared as text: request param → response field. */
const TEXT_FIELDS: readonly (readonly [string, string])[] = [
  ["symbol", "symbol"],
  ["side", "side"],
  ["type", "type"],
  ["timeInForce", "timeInForce"],
  ["newClientOrderId", "clientOrderId"],
  ["pegPriceType", "pegPriceType"],
  ["pegOffsetType", "pegOffsetType"],
];

/** Compared as exact decimals: request param → response field. */
const DECIMAL_FIELDS: readonly (readonly [string, string])[] = [
  ["price", "price"],
  ["quantity", "origQty"],
  ["quoteOrderQty", "origQuoteOrderQty"],
  ["stopPrice", "stopPrice"],
  ["icebergQty", "icebergQty"],
  ["trailingDelta", "trailingDelta"],
  ["strategyId", "strategyId"],
  ["strategyType", "strategyType"],
  ["pegOffsetValue", "pegOffsetValue"],
];

/**
 * Whether an order the exchange reports (raw `order.status` result) is the placement made
 * with `params` (the request's params, decimals as strings). Each param the request sent
 * among symbol, side, type, timeInForce, newClientOrderId (→ clientOrderId), price,
 * quantity (→ origQty), quoteOrderQty (→ origQuoteOrderQty), stopPrice, icebergQty,
 * trailingDelta, strategyId, strategyType and the peg fields must equal the order's field,
 * decimals exactly ("1.5" equals "1.50000000"). Params the request did not send are not
 * compared: a MARKET order by `quoteOrderQty` has an `origQty` the request never named.
 * With `earliestTime`, an order whose `time` is earlier (a reused client id naming an older
 * order) does not match.
 *
 * @returns `true`, or what differs.
 */
export function matchesPlacement(
  params: Readonly<Record<string, unknown>>,
  found: Readonly<Record<string, unknown>>,
  options: {
    /** The earliest `time` an order of this placement can have, in the unit of the responses' times. */
    earliestTime?: number;
  } = {},
): true | string {
  const diffs: string[] = [];
  for (const [param, field] of TEXT_FIELDS) {
    const want = params[param];
    if (want === undefined) continue;
    if (String(want) !== found[field]) {
      diffs.push(`${field} ${JSON.stringify(found[field])} is not ${JSON.stringify(want)}`);
    }
  }
  for (const [param, field] of DECIMAL_FIELDS) {
    const want = params[param];
    if (want === undefined) continue;
    if (!decimalEquals(want, found[field])) {
      diffs.push(`${field} ${JSON.stringify(textOf(found[field]))} is not "${textOf(want)}"`);
    }
  }
  if (options.earliestTime !== undefined) {
    const time = Number(found.time);
    if (!(time >= options.earliestTime)) {
      diffs.push(`time ${textOf(found.time)} is before the request (${options.earliestTime})`);
    }
  }
  return diffs.length === 0 ? true : diffs.join(", ");
}

/** The expected shape of an order list placement, for {@linkcode matchesOrderList}. */
export interface OrderListPlacement {
  /** The symbol of the list. */
  symbol: string;
  /** The list's client id. */
  listClientOrderId: string;
  /** How many orders the list has (OCO 2, OTO 2, OTOCO 3, OPO 2, OPOCO 3). */
  legCount: number;
  /** The legs' client order ids the request sent (or had generated), in any order. */
  legClientOrderIds?: readonly string[];
  /** The documented `contingencyType` (`"OCO"`, `"OTO"`), if known. */
  contingencyType?: string;
  /**
   * The earliest `transactionTime` a list of this placement can have, in the unit of the
   * responses' times: a list found with the same client ids but placed before (a finished
   * list whose ids the placement reused, as Binance allows) is not the placement.
   */
  earliestTime?: number;
}

/**
 * Whether an order list the exchange reports (raw `orderList.status` result) is the
 * placement. `orderList.status` gives each order only `symbol`, `orderId` and
 * `clientOrderId`, so what is compared is: `listClientOrderId`, `symbol`,
 * `contingencyType` (when given), the number of orders, every order's symbol, and each
 * leg's `clientOrderId` against those the request sent. A leg's prices and quantities
 * need an `order.status` per leg (then {@linkcode matchesPlacement}). With `earliestTime`, a
 * list placed before the request (reused client ids) does not match.
 *
 * @returns `true`, or what differs.
 */
export function matchesOrderList(
  placement: OrderListPlacement,
  found: Readonly<Record<string, unknown>>,
): true | string {
  const diffs: string[] = [];
  if (found.listClientOrderId !== placement.listClientOrderId) {
    diffs.push(
      `listClientOrderId ${
        JSON.stringify(found.listClientOrderId)
      } is not "${placement.listClientOrderId}"`,
    );
  }
  if (found.symbol !== placement.symbol) {
    diffs.push(`symbol ${JSON.stringify(found.symbol)} is not "${placement.symbol}"`);
  }
  if (
    placement.contingencyType !== undefined && found.contingencyType !== placement.contingencyType
  ) {
    diffs.push(
      `contingencyType ${
        JSON.stringify(found.contingencyType)
      } is not "${placement.contingencyType}"`,
    );
  }
  const orders = Array.isArray(found.orders) ? found.orders as Record<string, unknown>[] : [];
  if (orders.length !== placement.legCount) {
    diffs.push(`${orders.length} orders, not ${placement.legCount}`);
  }
  if (orders.some((o) => o?.symbol !== placement.symbol)) diffs.push("an order of another symbol");
  const ids = new Set(orders.map((o) => o?.clientOrderId));
  for (const id of placement.legClientOrderIds ?? []) {
    if (!ids.has(id)) diffs.push(`no order with clientOrderId "${id}"`);
  }
  if (placement.earliestTime !== undefined) {
    const time = Number(found.transactionTime);
    if (!(time >= placement.earliestTime)) {
      diffs.push(
        `transactionTime ${
          textOf(found.transactionTime)
        } is before the request (${placement.earliestTime})`,
      );
    }
  }
  return diffs.length === 0 ? true : diffs.join(", ");
}

/** One leg of a list placement, for {@linkcode matchesListLegs}. */
export interface ListLegPlacement {
  /** The leg's client id as sent, if any. */
  clientOrderId?: string;
  /** The leg's order: side, type, prices and quantities as the request gave them. */
  order: Readonly<Record<string, unknown>>;
}

/**
 * Whether the legs of a found order list (each leg's raw `order.status` result, `undefined`
 * for a leg not found) are the placement's legs: each leg by its client id (else any leg of
 * the placement without one) must match by {@linkcode matchesPlacement}, with `earliestTime`.
 * `orderList.status` names a list's orders by id only: a list that reuses a finished list's
 * client ids is told apart by its legs' prices and quantities.
 *
 * @returns `true`, or what differs.
 */
export function matchesListLegs(
  symbol: string,
  legs: readonly ListLegPlacement[],
  found: readonly (Readonly<Record<string, unknown>> | undefined)[],
  earliestTime?: number,
): true | string {
  const left = [...legs];
  const diffs: string[] = [];
  for (const order of found) {
    if (order === undefined) {
      diffs.push("a leg is not found by order.status");
      continue;
    }
    const own = left.findIndex((l) => l.clientOrderId === order.clientOrderId);
    const candidates = own >= 0
      ? [own]
      : left.flatMap((l, i) => (l.clientOrderId === undefined ? [i] : []));
    let verdict: true | string = "no leg of the placement has its clientOrderId";
    for (const i of candidates) {
      verdict = matchesPlacement({ ...left[i].order, symbol }, order, { earliestTime });
      if (verdict === true) {
        left.splice(i, 1);
        break;
      }
    }
    if (verdict !== true) diffs.push(`leg ${JSON.stringify(order.clientOrderId)}: ${verdict}`);
  }
  return diffs.length === 0 ? true : diffs.join("; ");
}

/** A field's value for a message. */
function textOf(value: unknown): string {
  return typeof value === "string" ? value : String(value);
}

/**
 * The error for a placement whose outcome is unknown and not resolved
 * (`onUnknownOutcome: "throw"`, or no client order id): the reason is the placement
 * error's own cause unless given.
 */
export function unknownOutcomeError(
  placement: Placement,
  reason?: UnknownOutcomeReason,
): OrderOutcomeUnknownError {
  return new OrderOutcomeUnknownError({
    method: placement.method,
    symbol: placement.symbol,
    clientOrderIds: placement.clientOrderIds,
    reason: reason ?? unknownOutcomeCause(placement.error) ?? "lookupFailed",
    cause: placement.error,
  });
}
