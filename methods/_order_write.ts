// Private: what every order write does before and around its one request: its options, the
// client order ids it generates when absent (so that every placement can be found again),
// the exchange filters when the call gives them, then one placement path (`place`), and the
// resolution of an unknown outcome (`recover`): by `order.status` / `orderList.status` (the
// one helper that imports method files), through `_outcome.ts`'s `resolveOutcome`. Never a
// second placement: a resolution only asks.
import type { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import {
  boolean,
  checkOptions,
  duration,
  integer,
  oneOf,
  type OptionRule,
  REQUEST_OPTIONS,
} from "../core/_options.ts";
import { validateParams } from "../core/_params.ts";
import { checkOrderFilters, FilterError, type FilterOrder } from "../core/order_filters.ts";
import type { ModelFactory, WsApiMethodInfo } from "../core/types.ts";
import { abortableDelay } from "../core/_async.ts";
import { monotonicMs } from "../core/_clock.ts";
import { requestChecked, sentBody } from "../core/_request.ts";
import { existingUserDataHub, isRejection, type UserDataHub } from "../core/_user_data.ts";
import {
  BinanceApiError,
  type CancelHalfOutcome,
  type CancelReplaceHalfResult,
  ConnectionClosedError,
  isUnknownOutcome,
  type OrderClientIds,
  OrderNotPlacedContradictedError,
  OrderNotPlacedError,
  UnexpectedMessageError,
  UnexpectedOrderResultError,
  unknownOutcomeCause,
  ValidationError,
} from "../core/errors.ts";
import { OrderListStatus } from "../models/order_list.ts";
import { QueriedOrder } from "../models/queried_order.ts";
import type {
  RecoveredCancelReplace,
  RecoveredOrder,
  RecoveredOrderList,
} from "../models/recovered_order.ts";
import type { OrderRequestOptions } from "./_order_types.ts";
import {
  isNotFoundError,
  type ListLegPlacement,
  matchesListLegs,
  matchesOrderList,
  matchesPlacement,
  type Placement,
  requestWindowEndMs,
  resolveOutcome,
  unknownOutcomeError,
} from "./_outcome.ts";
import { orderListStatusInfo } from "./order_list_status.ts";
import { orderStatusInfo } from "./order_status.ts";

export type { OrderRequestOptions } from "./_order_types.ts";

const symbolInfo: OptionRule = (v) => {
  const info = v as { symbol?: unknown; filters?: unknown } | null;
  return typeof info === "object" && info !== null && typeof info.symbol === "string" &&
      Array.isArray(info.filters)
    ? undefined
    : 'must be the symbol\'s exchangeInfo entry (with "symbol" and "filters")';
};

const ORDER_OPTIONS: Readonly<Record<string, OptionRule>> = {
  ...REQUEST_OPTIONS,
  filters: symbolInfo,
  referencePrice: (v) =>
    typeof v === "string" && /^\d+(\.\d+)?$/.test(v)
      ? undefined
      : 'must be a decimal string such as "65000.00"',
  openOrders: integer(0),
  openAlgoOrders: integer(0),
  generateClientOrderIds: boolean,
  onUnknownOutcome: oneOf("resolve", "throw"),
  unknownOutcomeMarginMs: duration(0),
  resolveTimeoutMs: duration(1),
};

/**
 * How a write's unknown outcome is resolved: `"none"` (a test order or a cancel: the error
 * passes as it is), `"order"` (`order.status` by `newClientOrderId`), `"sor"` (the same, the
 * result a list), `"list"` (`orderList.status` by `listClientOrderId`), `"cancelReplace"`
 * (its new order by `order.status`; the error's `data` may already say which half took effect).
 */
export type RecoveryKind = "none" | "order" | "sor" | "list" | "cancelReplace";

/** What a write of each {@linkcode RecoveryKind} resolves with when its order was recovered. */
export interface RecoveredResults {
  /** Nothing is recovered. */
  none: never;
  /** `order.place`. */
  order: RecoveredOrder;
  /** `sor.order.place`: a list of one, like its answer. */
  sor: RecoveredOrder[];
  /** `orderList.place.*`. */
  list: RecoveredOrderList;
  /** `order.cancelReplace`. */
  cancelReplace: RecoveredCancelReplace;
}

/** What an order write is, beside its method info and schema. */
export interface OrderWrite<P, K extends RecoveryKind = "none"> {
  /** The method's info. */
  readonly info: WsApiMethodInfo<P>;
  /** The method's params schema. */
  readonly schema: z.ZodType<P>;
  /** The client-id params of the placement, generated when absent (none for tests and cancels). */
  readonly clientIds: (params: P) => readonly string[];
  /** The orders of the placement, as the filters read them. */
  readonly orders: (params: P) => FilterOrder[];
  /** How an unknown outcome is resolved. Default `"none"`. */
  readonly recovery?: K;
  /**
   * The placement replaces an open order (`order.cancelReplace`): the open order counts are
   * not checked, since the docs do not say whether the order it cancels still counts ("Filters
   * and order count limits are evaluated before cancellation").
   */
  readonly replaces?: boolean;
}

/** The most characters a client order id may have. */
export const CLIENT_ORDER_ID_MAX = 36;

/** Random ids made at a time: one `getRandomValues` call and one hex string for all of them. */
const IDS_PER_POOL = 128;
let idPool = "";
let idNext = IDS_PER_POOL;

/**
 * A new client order id: `bws-` and 32 random hex digits (36 characters, letters, digits and
 * `-` only, as Binance allows: `^[a-zA-Z0-9-_]{1,36}$`).
 */
export function newClientOrderId(): string {
  // The random bytes of 128 ids are drawn in one call (a call per id costs more than the
  // bytes), each id's 32 hex digits are its own part of them, never reused. `join` makes one
  // flat string that holds no part of the pool, where `+` makes a rope that `JSON.stringify`
  // of the request then walks slowly (about 1 µs more per request).
  if (idNext === IDS_PER_POOL) {
    idPool = crypto.getRandomValues(new Uint8Array(16 * IDS_PER_POOL)).toHex();
    idNext = 0;
  }
  const at = 32 * idNext++;
  return ["bws-", idPool.slice(at, at + 32)].join("");
}

/** Whether the ids are generated: the call's option, else the connection's, else `true`. */
function generates(conn: WsApiConnection, options: OrderRequestOptions | undefined): boolean {
  if (options?.generateClientOrderIds !== undefined) return options.generateClientOrderIds;
  // The connection option comes with the session work; read it where it exists.
  const own = (conn as unknown as { generateClientOrderIds?: unknown }).generateClientOrderIds;
  return own !== false;
}

/**
 * Validates an order write (options, params, filters when asked), adds the missing client
 * order ids, and places it. When its outcome is unknown, resolves it (see `recover`).
 *
 * @throws {ValidationError} when an option or a param is invalid (nothing is sent).
 * @throws {FilterError} when `filters` is given and the order breaks one (nothing is sent).
 * @throws {UnexpectedOrderResultError} when the order was accepted but its result does not
 *   fit the model.
 * @throws {OrderNotPlacedError} when the outcome was unknown and the order is established absent.
 * @throws {OrderOutcomeUnknownError} when the outcome is unknown and stays so.
 */
export function writeOrder<P, R, K extends RecoveryKind = "none">(
  conn: WsApiConnection,
  write: OrderWrite<P, K>,
  params: P | undefined,
  model: ModelFactory<R>,
  options: OrderRequestOptions | undefined,
): Promise<R | RecoveredResults[K]> {
  const method = write.info.method;
  let body: Record<string, unknown>;
  let valid: P;
  let names: readonly string[];
  try {
    checkOptions(method, options, ORDER_OPTIONS);
    valid = validateParams(method, write.schema, params);
    if (options?.filters) {
      // The filters are one symbol's rules: another symbol's entry would check the wrong ones.
      const symbol = (valid as { symbol?: unknown }).symbol;
      // Either case names the same symbol (the streams write it in lower case).
      if (
        typeof symbol !== "string" || options.filters.symbol.toUpperCase() !== symbol.toUpperCase()
      ) {
        throw new ValidationError(method, [{
          param: "filters",
          message: `is the exchangeInfo entry of ${JSON.stringify(options.filters.symbol)}, ` +
            `not of the order's symbol ${JSON.stringify(symbol)}`,
        }]);
      }
      const found = checkOrderFilters(options.filters, write.orders(valid), {
        referencePrice: options.referencePrice,
        openOrders: write.replaces ? undefined : options.openOrders,
        openAlgoOrders: write.replaces ? undefined : options.openAlgoOrders,
      });
      if (found.length > 0) throw new FilterError(method, found);
    }
    body = valid as Record<string, unknown>;
    names = write.clientIds(valid);
    if (names.length > 0 && generates(conn, options)) {
      for (const name of names) body[name] ??= newClientOrderId();
    }
    // A placement that reuses a client id given "not placed" before: its reports are its own.
    const hub = names.length > 0 ? existingUserDataHub(conn) : undefined;
    if (hub !== undefined) {
      for (const name of names) if (typeof body[name] === "string") hub.endVerdict(body[name]);
    }
  } catch (error) {
    return Promise.reject(error);
  }
  // With a User Data Stream subscription of the connection's account, the placement's reports
  // are watched from before it is sent: an unknown outcome is then resolved by the first one.
  const kind = write.recovery ?? "none";
  const watch = kind === "none" ? undefined : ReportWatch.start(conn, kind, body);
  // One `.then` for both outcomes; the client ids are read from the body only when needed
  // (an error, a result that does not fit): the ids params are not changed after this.
  return place(conn, write.info, valid, body, options).then(
    (result) => {
      watch?.stop();
      return readAccepted(
        model,
        result,
        method,
        body.symbol,
        () => clientIdsOf(names, body, kind),
      );
    },
    (error) => {
      if (kind === "none") throw error;
      const ids = clientIdsOf(names, body, kind);
      const legCount =
        names.filter((n) => n !== "listClientOrderId" && n !== "newClientOrderId").length;
      // A list's legs, each with its client id: `clientIds` names them in `orders`' order.
      const legs: ListLegPlacement[] | undefined = kind === "list"
        ? write.orders(valid).map((order, i) => {
          const id = body[names[i + 1]];
          return {
            order: order as unknown as Record<string, unknown>,
            clientOrderId: typeof id === "string" ? id : undefined,
          };
        })
        : undefined;
      return recover(
        conn,
        kind,
        method,
        body,
        ids,
        legCount,
        error,
        options,
        watch,
        legs,
      ) as Promise<
        RecoveredResults[K]
      >;
    },
  );
}

/** How long a "not placed" verdict is watched for a contradicting report, in ms. */
const VERDICT_WATCH_MS = 10 * 60_000;

/**
 * The User Data Stream reports of one placement's client id (`executionReport` `c`, or
 * `listStatus` `C` for a list), as the raw `order.status` / `orderList.status` result they
 * stand for: the first one is kept, and resolves `found`.
 */
class ReportWatch {
  readonly hub: UserDataHub;
  readonly clientId: string;
  readonly list: boolean;
  readonly #off: () => void;
  readonly #found = Promise.withResolvers<Record<string, unknown>>();

  private constructor(hub: UserDataHub, clientId: string, list: boolean) {
    this.hub = hub;
    this.clientId = clientId;
    this.list = list;
    this.#off = hub.watchClientId(clientId, (event) => {
      if (list ? event.e !== "listStatus" : event.e !== "executionReport") return;
      // A rejection (a cancel-replace whose new order was refused) places nothing: no evidence.
      if (isRejection(event)) return;
      this.#off();
      this.#found.resolve(list ? listFromReport(event) : orderFromReport(event));
    });
  }

  /** A watch when the connection's own account has a live subscription, else `undefined`. */
  static start(
    conn: WsApiConnection,
    kind: Exclude<RecoveryKind, "none">,
    body: Record<string, unknown>,
  ): ReportWatch | undefined {
    const hub = existingUserDataHub(conn);
    if (hub === undefined || !hub.watchingOwnAccount) return undefined;
    const list = kind === "list";
    const id = list ? body.listClientOrderId : body.newClientOrderId;
    return typeof id === "string" ? new ReportWatch(hub, id, list) : undefined;
  }

  /** The first report, as the raw order (or order list) it says exists. */
  get found(): Promise<Record<string, unknown>> {
    return this.#found.promise;
  }

  stop(): void {
    this.#off();
  }

  /** The verdict "not placed" was given: a report within {@linkcode VERDICT_WATCH_MS} contradicts it. */
  contradicts(verdict: OrderNotPlacedError): void {
    this.hub.watchVerdict(this.clientId, (event) => {
      const id = this.list ? event.g : event.i;
      const status = this.list ? event.L : event.X;
      this.hub.error(
        new OrderNotPlacedContradictedError({
          verdict,
          clientOrderId: this.clientId,
          eventType: String(event.e),
          ...(typeof id === "number" ? { orderId: id } : {}),
          ...(typeof status === "string" ? { status } : {}),
        }),
      );
    }, VERDICT_WATCH_MS);
  }
}

/** An `executionReport` as the raw `order.status` result of its order. */
function orderFromReport(e: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const order: Record<string, unknown> = {
    symbol: e.s,
    orderId: e.i,
    orderListId: e.g,
    clientOrderId: e.c,
    price: e.p,
    origQty: e.q,
    executedQty: e.z,
    cummulativeQuoteQty: e.Z,
    status: e.X,
    timeInForce: e.f,
    type: e.o,
    side: e.S,
    stopPrice: e.P,
    icebergQty: e.F,
    time: e.O,
    updateTime: e.T,
    isWorking: e.w,
    workingTime: e.W ?? -1,
    origQuoteOrderQty: e.Q,
    selfTradePreventionMode: e.V,
  };
  const optional: [string, string][] = [
    ["d", "trailingDelta"],
    ["D", "trailingTime"],
    ["j", "strategyId"],
    ["J", "strategyType"],
    ["uS", "usedSor"],
    ["k", "workingFloor"],
    ["gP", "pegPriceType"],
    ["gOT", "pegOffsetType"],
    ["gOV", "pegOffsetValue"],
    ["gp", "peggedPrice"],
    ["v", "preventedMatchId"],
    ["A", "preventedQuantity"],
    ["eR", "expiryReason"],
  ];
  for (const [from, to] of optional) if (e[from] !== undefined) order[to] = e[from];
  return order;
}

/** A `listStatus` as the raw `orderList.status` result of its list. */
function listFromReport(e: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const orders = Array.isArray(e.O) ? e.O as Record<string, unknown>[] : [];
  return {
    orderListId: e.g,
    contingencyType: e.c,
    listStatusType: e.l,
    listOrderStatus: e.L,
    listClientOrderId: e.C,
    transactionTime: e.T,
    symbol: e.s,
    orders: orders.map((o) => ({ symbol: o?.s, orderId: o?.i, clientOrderId: o?.c })),
  };
}

/**
 * The client ids of a placement, by the names of its client-id params; for
 * `order.cancelReplace` also the ids of its cancel half as the request gave them.
 */
function clientIdsOf(
  names: readonly string[],
  body: Record<string, unknown>,
  kind: RecoveryKind,
): OrderClientIds {
  const ids: OrderClientIds = {};
  const legs: Record<string, string> = {};
  for (const name of names) {
    const id = body[name];
    if (typeof id !== "string") continue;
    if (name === "newClientOrderId") ids.newClientOrderId = id;
    else if (name === "listClientOrderId") ids.listClientOrderId = id;
    else legs[name] = id;
  }
  if (Object.keys(legs).length > 0) ids.legs = legs;
  if (kind === "cancelReplace") {
    if (typeof body.cancelOrderId === "number") ids.cancelOrderId = body.cancelOrderId;
    for (const name of ["cancelOrigClientOrderId", "cancelNewClientOrderId"] as const) {
      if (typeof body[name] === "string") ids[name] = body[name];
    }
  }
  return ids;
}

/**
 * The model of an accepted order's result; a result that does not fit it is an
 * `UnexpectedOrderResultError` (the order was accepted), never a failed order.
 */
function readAccepted<R>(
  model: ModelFactory<R>,
  result: unknown,
  method: string,
  symbol: unknown,
  clientOrderIds: OrderClientIds | (() => OrderClientIds),
): R {
  try {
    return model.parse(result);
  } catch (error) {
    if (!(error instanceof UnexpectedMessageError)) throw error;
    throw new UnexpectedOrderResultError({
      method,
      symbol: String(symbol),
      clientOrderIds: typeof clientOrderIds === "function" ? clientOrderIds() : clientOrderIds,
      result,
      problem: `its result does not fit the model (${error.message})`,
      cause: error,
    });
  }
}

/**
 * The one placement path of every order write: sends the request with the method's security,
 * weight and order count. `returnRateLimits` goes into the params (as `request()` would put
 * it), so that the body the connection signs is recorded for this very object (`sentBody`).
 * The options were checked already (`ORDER_OPTIONS`), so `request()`'s option check is not run
 * twice.
 */
function place<P>(
  conn: WsApiConnection,
  info: WsApiMethodInfo<P>,
  valid: P,
  body: Record<string, unknown>,
  options: OrderRequestOptions | undefined,
): Promise<unknown> {
  let sent = options;
  if (options?.returnRateLimits !== undefined) {
    body.returnRateLimits = options.returnRateLimits;
    sent = { ...options, returnRateLimits: undefined }; // already in the body: no copy of it
  }
  return requestChecked(
    conn,
    info.method,
    body,
    sent,
    info.security,
    info.weight(valid),
    info.orders?.(valid),
    AS_SENT,
  );
}

/** The raw result, as `request()` resolves it (the caller reads it into the model). */
const AS_SENT = { parse: (result: unknown): unknown => result };

/** The results of both halves in a failed `order.cancelReplace`'s `data`, when it has them. */
export function cancelReplaceResults(
  error: BinanceApiError,
): { cancelResult: "SUCCESS" | "FAILURE"; newOrderResult: CancelReplaceHalfResult } | undefined {
  const data = error.data;
  const cancelResult = data?.cancelResult;
  const newOrderResult = data?.newOrderResult;
  if (
    (cancelResult !== "SUCCESS" && cancelResult !== "FAILURE") ||
    (newOrderResult !== "SUCCESS" && newOrderResult !== "FAILURE" &&
      newOrderResult !== "NOT_ATTEMPTED")
  ) return undefined;
  return { cancelResult, newOrderResult };
}

/** Whether a half's response is -1007 / -1006: its execution status is unknown. */
function halfUnknown(response: unknown): boolean {
  const code = (response as { code?: unknown } | null | undefined)?.code;
  return code === -1007 || code === -1006;
}

/**
 * What a failed `order.cancelReplace`'s `data` says of its halves, when it says it: a half
 * answered -1007 / -1006 is unknown (it may have taken effect), whatever its result says.
 */
function cancelReplaceHalves(
  error: unknown,
):
  | { cancelResult: "SUCCESS" | "FAILURE"; cancelUnknown: boolean; newOrderUnknown: boolean }
  | undefined {
  if (!(error instanceof BinanceApiError)) return undefined;
  const results = cancelReplaceResults(error);
  if (results === undefined) return undefined;
  return {
    cancelResult: results.cancelResult,
    cancelUnknown: results.cancelResult === "FAILURE" && halfUnknown(error.data!.cancelResponse),
    newOrderUnknown: results.newOrderResult === "FAILURE" &&
      halfUnknown(error.data!.newOrderResponse),
  };
}

/** Resolves once the connection has an open socket; rejects once it is closed for good. */
function connected(conn: WsApiConnection, signal: AbortSignal): Promise<void> {
  const closed = () => new ConnectionClosedError({ method: "order.status", outcome: "notSent" });
  if (conn.state === "open") return Promise.resolve();
  if (conn.state === "closed") return Promise.reject(closed());
  if (signal.aborted) return Promise.reject(signal.reason);
  const { promise, resolve, reject } = Promise.withResolvers<void>();
  const offs: (() => void)[] = [];
  const done = (error?: unknown) => {
    for (const off of offs) off();
    signal.removeEventListener("abort", onAbort);
    if (error !== undefined) reject(error);
    else if (conn.state === "closed") reject(closed());
    else resolve();
  };
  const onAbort = () => done(signal.reason);
  offs.push(
    conn.on("open", () => done()),
    conn.on("reconnected", () => done()),
    conn.on("close", (e) => {
      if (!e.willReconnect) done();
    }),
  );
  signal.addEventListener("abort", onAbort, { once: true });
  return promise;
}

/**
 * The resolution of a placement whose request failed. A known outcome (a Binance error, a
 * request that provably never left: `outcome: "notSent"`) rejects with its own error. An
 * unknown one (`isUnknownOutcome`; for `order.cancelReplace` also a 4xx whose `data` says a
 * half's own answer was -1007 / -1006) is, with `onUnknownOutcome: "resolve"`, looked up
 * by its client id until `resolveOutcome` establishes the truth (for `order.cancelReplace`,
 * then the cancel half too, also when the new order is not placed):
 * - the window: the `timestamp` and `recvWindow` the request was actually sent with (the
 *   connection records the signed body), `timestamp` in ms or µs (read by its magnitude, as
 *   the exchange does with `timeUnit`), `recvWindow` always ms;
 * - the exchange's clock: local time plus the connection's measured offset, measured again
 *   once the resolution starts;
 * - a found order matches only if it is not older than the request could be (`timestamp`
 *   − 1000 ms: Binance refuses a `timestamp` more than 1 s ahead of its clock), so a reused
 *   client id naming an older order is a mismatch, never the answer.
 */
async function recover(
  conn: WsApiConnection,
  kind: Exclude<RecoveryKind, "none">,
  method: string,
  body: Record<string, unknown>,
  clientOrderIds: OrderClientIds,
  legCount: number,
  error: unknown,
  options: OrderRequestOptions | undefined,
  watch?: ReportWatch,
  legs?: readonly ListLegPlacement[],
): Promise<RecoveredResults[Exclude<RecoveryKind, "none">]> {
  try {
    return await recoverOutcome(
      conn,
      kind,
      method,
      body,
      clientOrderIds,
      legCount,
      error,
      options,
      watch,
      legs,
    );
  } catch (failure) {
    // "Not placed" may yet be contradicted by the stream: said as an `error` event, never silent.
    if (failure instanceof OrderNotPlacedError) watch?.contradicts(failure);
    throw failure;
  } finally {
    watch?.stop();
  }
}

/** {@linkcode recover}, a report of the placement resolving it at once when watched. */
async function recoverOutcome(
  conn: WsApiConnection,
  kind: Exclude<RecoveryKind, "none">,
  method: string,
  body: Record<string, unknown>,
  clientOrderIds: OrderClientIds,
  legCount: number,
  error: unknown,
  options: OrderRequestOptions | undefined,
  watch: ReportWatch | undefined,
  legs: readonly ListLegPlacement[] | undefined,
): Promise<RecoveredResults[Exclude<RecoveryKind, "none">]> {
  // The caller aborted after the request went out: it may have been executed. Not resolved
  // (the caller asked to stop), but reported with every id to resolve it by.
  const signal = options?.signal;
  if (signal?.aborted && error === signal.reason && sentBody(body) !== undefined) {
    const placement = { method, symbol: String(body.symbol), clientOrderIds, error };
    throw unknownOutcomeError(placement, "aborted");
  }
  const resolvingSince = monotonicMs();
  const resolveLimitMs = options?.resolveTimeoutMs ?? conn.resolveTimeoutMs;
  // Never sent (its body was not recorded as sent): whatever failed on the way (the clock's
  // first measurement, a 5xx to it), the order cannot exist. Nothing to resolve.
  if (sentBody(body) === undefined) throw error;
  let cancelFromError: "SUCCESS" | "FAILURE" | undefined;
  if (kind === "cancelReplace") {
    const halves = cancelReplaceHalves(error);
    // A definite answer, unless a half's own answer was -1007 / -1006.
    if (halves !== undefined && !halves.newOrderUnknown && !halves.cancelUnknown) throw error;
    if (halves === undefined && !isUnknownOutcome(error)) throw error;
    cancelFromError = halves?.cancelUnknown ? undefined : halves?.cancelResult;
  } else if (!isUnknownOutcome(error)) throw error;

  const symbol = String(body.symbol);
  const placement: Placement = { method, symbol, clientOrderIds, error };
  const reason = unknownOutcomeCause(error) ?? "executionStatusUnknown";
  if ((options?.onUnknownOutcome ?? conn.onUnknownOutcome) === "throw") {
    throw unknownOutcomeError(placement, reason);
  }
  const list = kind === "list";
  const lookupId = list ? body.listClientOrderId : body.newClientOrderId;
  if (typeof lookupId !== "string") throw unknownOutcomeError(placement, "noClientOrderId");

  // A time the exchange's clock has surely passed: the offset less its measurement's margin.
  const serverNow = () => Date.now() + conn.clockOffsetMs - conn.clockUncertaintyMs;
  const micro = conn.timeUnit === "MICROSECOND";
  const sent = sentBody(body);
  // A request whose outcome is unknown was sent, so its body was recorded; else the server
  // time now is a bound its timestamp cannot exceed.
  const latest = Date.now() + conn.clockOffsetMs + conn.clockUncertaintyMs; // ms, upper bound
  const timestamp = Number(sent?.timestamp ?? body.timestamp ?? latest * (micro ? 1000 : 1));
  const recvWindow = (sent?.recvWindow ?? body.recvWindow) as number | string | undefined;
  const windowEndMs = requestWindowEndMs(timestamp, recvWindow);
  const timestampMs = timestamp >= 1e14 ? timestamp / 1000 : timestamp;
  const earliestTime = (timestampMs - 1000) * (micro ? 1000 : 1);

  const statusInfo = list ? orderListStatusInfo : orderStatusInfo;
  const lookupParams: Record<string, unknown> = list
    ? { origClientOrderId: lookupId }
    : { symbol, origClientOrderId: lookupId };
  let synced = false;
  // A list found by a lookup: each leg's `order.status` (orderList.status names them by id only).
  const legsFound = new WeakMap<object, (Record<string, unknown> | undefined)[]>();
  const matchesList = (found: Record<string, unknown>) =>
    matchesOrderList({
      symbol,
      listClientOrderId: lookupId,
      legCount,
      legClientOrderIds: Object.values(clientOrderIds.legs ?? {}),
      earliestTime,
    }, found);
  const matches = (found: Record<string, unknown>): true | string => {
    if (!list) return matchesPlacement(body, found, { earliestTime });
    const verdict = matchesList(found);
    const details = legsFound.get(found);
    if (verdict !== true || details === undefined || legs === undefined) return verdict;
    return matchesListLegs(symbol, legs, details, earliestTime);
  };
  const ask = (params: Record<string, unknown>, signal: AbortSignal, info = statusInfo) =>
    conn.request(info.method, params, {
      signal,
      security: info.security,
      weight: info.weight(params as never),
    }) as Promise<Record<string, unknown>>;
  // Its ids match: a list's legs' prices and quantities are read from each leg's order.status.
  const readLegs = async (found: Record<string, unknown>, signal: AbortSignal) => {
    const details: (Record<string, unknown> | undefined)[] = [];
    for (const leg of found.orders as Record<string, unknown>[]) {
      try {
        details.push(await ask({ symbol, orderId: leg.orderId }, signal, orderStatusInfo));
      } catch (error) {
        if (!isNotFoundError(error)) throw error;
        details.push(undefined);
      }
    }
    legsFound.set(found, details);
  };
  // A report of the placement (its client id, matching it) is the order found; the lookups stop.
  // A list's report names its legs by id only: they are read (as a lookup would) first.
  const stop = new AbortController();
  const ended = new AbortController();
  const never = () => new Promise<never>(() => {});
  const fromReport = watch?.found.then(async (found) => {
    if (matches(found) !== true) return never();
    if (list) {
      const signal = options?.signal
        ? AbortSignal.any([options.signal, ended.signal])
        : ended.signal;
      const read = await readLegs(found, signal).then(() => true, () => false);
      if (!read || matches(found) !== true) return never();
    }
    return found;
  }).then((found) => {
    stop.abort(); // settled with the order first: the lookups' "aborted" comes after it
    return found;
  });
  const resolution = resolveOutcome<Record<string, unknown>>({
    placement,
    serverNow,
    windowEndMs,
    marginMs: options?.unknownOutcomeMarginMs ?? conn.unknownOutcomeMarginMs,
    resolveTimeoutMs: resolveLimitMs,
    signal: options?.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal,
    async waitUntilConnected(signal) {
      // The verdict reads the exchange's clock: measure it once more before the first lookup.
      while (true) {
        await connected(conn, signal);
        if (synced) return;
        try {
          await conn.syncClock({ signal });
          synced = true;
          return;
        } catch (error) {
          if (signal.aborted) throw signal.reason;
          if (conn.state === "closed") throw error;
          await abortableDelay(250, signal);
        }
      }
    },
    async lookup(signal) {
      let found: Record<string, unknown>;
      try {
        found = await ask({ ...lookupParams }, signal);
      } catch (error) {
        if (isNotFoundError(error)) return undefined;
        throw error;
      }
      if (list && matchesList(found) === true) await readLegs(found, signal);
      return found;
    },
    matches,
  });
  let found: Record<string, unknown>;
  try {
    if (fromReport === undefined) found = await resolution;
    else {
      resolution.catch(() => {}); // lost to the report: its "aborted" is not the answer
      try {
        found = await Promise.race([resolution, fromReport]);
      } finally {
        ended.abort(); // a report's leg lookups still out are not awaited
      }
    }
  } catch (failure) {
    if (kind !== "cancelReplace" || !(failure instanceof OrderNotPlacedError)) throw failure;
    // The new order is not placed, but the order being canceled may be canceled: said typed.
    const leftMs = resolveLimitMs - (monotonicMs() - resolvingSince);
    const cancel = await cancelHalf(conn, body, undefined, cancelFromError, {
      signal: options?.signal,
      timeoutMs: Math.max(1, leftMs),
    });
    throw new OrderNotPlacedError({
      method: failure.method,
      symbol: failure.symbol,
      clientOrderIds: failure.clientOrderIds,
      serverTime: failure.serverTime,
      windowEndMs: failure.windowEndMs,
      marginMs: failure.marginMs,
      cancel: {
        cancelResult: cancel.cancelResult,
        canceled: cancel.canceled,
        ...(cancel.order ? { order: cancel.order } : {}),
      },
      cause: failure.cause,
    });
  }

  const read = <T>(factory: ModelFactory<T>, raw: unknown): T =>
    readAccepted(factory, raw, method, symbol, clientOrderIds);
  if (list) return { ...read(OrderListStatus, found), recovered: true } as RecoveredOrderList;
  const order: RecoveredOrder = { ...read(QueriedOrder, found), recovered: true };
  if (kind === "sor") return [order];
  if (kind === "order") return order;
  // The old order's lookup is bounded by what is left of the resolution, and by the signal.
  const leftMs = resolveLimitMs - (monotonicMs() - resolvingSince);
  return await recoveredCancelReplace(conn, body, order, cancelFromError, {
    signal: options?.signal,
    timeoutMs: Math.max(1, leftMs),
  });
}

/** A recovered `order.cancelReplace`: its new order found; what is known of the cancel. */
async function recoveredCancelReplace(
  conn: WsApiConnection,
  body: Record<string, unknown>,
  order: RecoveredOrder,
  cancelFromError: "SUCCESS" | "FAILURE" | undefined,
  lookup: { signal: AbortSignal | undefined; timeoutMs: number },
): Promise<RecoveredCancelReplace> {
  const recovered = (
    cancelResult: RecoveredCancelReplace["cancelResult"],
    cancelResponse?: QueriedOrder,
  ): RecoveredCancelReplace => ({
    recovered: true,
    cancelResult,
    newOrderResult: "SUCCESS",
    ...(cancelResponse ? { cancelResponse } : {}),
    newOrderResponse: order,
  });
  // STOP_ON_FAILURE places the new order only after the cancel succeeded.
  if (cancelFromError === undefined && body.cancelReplaceMode === "STOP_ON_FAILURE") {
    return recovered("SUCCESS");
  }
  const cancel = await cancelHalf(conn, body, order.orderId, cancelFromError, lookup);
  return recovered(cancel.cancelResult, cancel.queried);
}

/**
 * The cancel half of a cancel-replace whose answer did not say it: `data`'s result when it
 * said it, else the order being canceled read by `order.status` (`CANCELED` → `SUCCESS`,
 * other → `FAILURE`, lookup failed → `UNKNOWN`).
 */
async function cancelHalf(
  conn: WsApiConnection,
  body: Record<string, unknown>,
  newOrderId: number | undefined,
  cancelFromError: "SUCCESS" | "FAILURE" | undefined,
  lookup: { signal: AbortSignal | undefined; timeoutMs: number },
): Promise<CancelHalfOutcome & { queried?: QueriedOrder }> {
  if (cancelFromError !== undefined) {
    return { cancelResult: cancelFromError, canceled: cancelFromError === "SUCCESS" };
  }
  const unknown = { cancelResult: "UNKNOWN", canceled: undefined } as const;
  const params: Record<string, unknown> = body.cancelOrderId !== undefined
    ? { symbol: body.symbol, orderId: body.cancelOrderId }
    : { symbol: body.symbol, origClientOrderId: body.cancelOrigClientOrderId };
  try {
    const raw = await conn.request(orderStatusInfo.method, params, {
      ...lookup,
      security: orderStatusInfo.security,
      weight: orderStatusInfo.weight(params as never),
    }) as Record<string, unknown>;
    const old = QueriedOrder.parse(raw);
    // The new order may have taken the client id the cancel freed (the docs allow reusing
    // it): the lookup then finds the new order, and says nothing of the old one.
    if (newOrderId !== undefined && String(old.orderId) === String(newOrderId)) return unknown;
    const canceled = old.status === "CANCELED";
    return { cancelResult: canceled ? "SUCCESS" : "FAILURE", canceled, order: raw, queried: old };
  } catch {
    return unknown;
  }
}
