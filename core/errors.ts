/**
 * The typed errors of `@binance-ws/spot`.
 *
 * Every error a request can end with is one of these classes (or the `reason` of the
 * caller's own aborted `AbortSignal`). Each message says what happened and what to do.
 * No error ever carries an API secret, a private key or a signature; an API key appears
 * only redacted.
 *
 * @module
 */
import { redactFrame, shortApiKey } from "./_redact.ts";

/** The `error` object of a failed Binance WebSocket API response. */
export interface BinanceErrorBody {
  /** Binance error code, e.g. `-1121`. See Binance's `errors.md`. */
  code: number;
  /** Binance's message for the code. */
  msg: string;
  /** Extra data some errors carry (for example `retryAfter` on 429 and 418). */
  data?: Record<string, unknown>;
}

/** What every error that came from a Binance response carries. */
export interface BinanceApiErrorInit {
  /** The WebSocket API method, e.g. `"depth"`. */
  method: string;
  /** The HTTP-like status of the response (400, 403, 409, 418, 429, 5xx). */
  status: number;
  /** The `error` object of the response. */
  error: BinanceErrorBody;
}

/**
 * A request that Binance answered with an error.
 *
 * @example Usage
 * ```ts
 * import { BinanceApiError } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const err = new BinanceApiError({ method: "depth", status: 400, error: { code: -1121, msg: "Invalid symbol." } });
 * assert.equal(err.code, -1121);
 * assert.match(err.message, /Invalid symbol/);
 * ```
 */
export class BinanceApiError extends Error {
  /** The WebSocket API method of the request. */
  readonly method: string;
  /** The HTTP-like status of the response. */
  readonly status: number;
  /** Binance error code. */
  readonly code: number;
  /** Binance's message. */
  readonly msg: string;
  /** Extra data of the error, if any. */
  readonly data: Record<string, unknown> | undefined;

  /**
   * Builds the error from a failed response.
   *
   * @param init The method, status and `error` object of the response.
   * @param advice What the user should do, appended to the message.
   */
  constructor(init: BinanceApiErrorInit, advice?: string) {
    super(
      `Binance rejected "${init.method}" (status ${init.status}, code ${init.error.code}): ${init.error.msg}` +
        (advice ? ` ${advice}` : ""),
    );
    this.name = "BinanceApiError";
    this.method = init.method;
    this.status = init.status;
    this.code = init.error.code;
    this.msg = init.error.msg;
    this.data = init.error.data;
  }
}

/**
 * The request weight or order rate limit was exceeded (status 429), or the client
 * refused to send because the request would exceed the known budget.
 *
 * Nothing is sent on the connection before {@linkcode RateLimitError.retryAfter}.
 */
export class RateLimitError extends BinanceApiError {
  /** When sending may resume, in ms since the epoch (server time), if known. */
  readonly retryAfter: number | undefined;
  /** `true` when the client refused before sending; `false` when Binance answered 429. */
  readonly clientSide: boolean;

  /**
   * Creates the error.
   *
   * @param init The failed response (or the client's own refusal in the same shape).
   * @param retryAfter When sending may resume, in ms since the epoch.
   * @param clientSide Whether the client refused before sending.
   */
  constructor(init: BinanceApiErrorInit, retryAfter: number | undefined, clientSide = false) {
    super(
      init,
      retryAfter === undefined
        ? "Back off before sending more requests."
        : `Wait until ${new Date(retryAfter).toISOString()} before sending more requests.`,
    );
    this.name = "RateLimitError";
    this.retryAfter = retryAfter;
    this.clientSide = clientSide;
  }
}

/**
 * The IP address is banned (status 418) for not backing off after 429 answers.
 * The connection sends nothing before {@linkcode IpBannedError.retryAfter}.
 */
export class IpBannedError extends BinanceApiError {
  /** When the ban is lifted, in ms since the epoch, if known. */
  readonly retryAfter: number | undefined;

  /**
   * Creates the error.
   *
   * @param init The failed response.
   * @param retryAfter When the ban is lifted, in ms since the epoch.
   */
  constructor(init: BinanceApiErrorInit, retryAfter: number | undefined) {
    super(
      init,
      retryAfter === undefined
        ? "Stop sending requests from this IP until the ban is lifted."
        : `Stop sending requests from this IP until ${new Date(retryAfter).toISOString()}.`,
    );
    this.name = "IpBannedError";
    this.retryAfter = retryAfter;
  }
}

/**
 * Binance answered with a 5xx status: the request may or may not have been executed.
 * Query the state (for example the order status) before retrying anything that trades.
 */
export class ServerError extends BinanceApiError {
  /**
   * Creates the error.
   *
   * @param init The failed response.
   */
  constructor(init: BinanceApiErrorInit) {
    super(
      init,
      "The execution status is unknown: the request may have been executed. Query the state before retrying.",
    );
    this.name = "ServerError";
  }
}

/**
 * Whether a request that failed had left the machine:
 * - `"notSent"`: it provably never left (no socket was open, the connection was closed, it
 *   was refused before sending); retrying it cannot duplicate anything;
 * - `"unknown"`: it was sent and no answer came (the socket closed, the time ran out); the
 *   exchange may have executed it, so query the state before retrying anything that trades.
 */
export type RequestOutcome = "notSent" | "unknown";

/** Options of {@linkcode RequestTimeoutError}. */
export interface RequestTimeoutErrorOptions extends ErrorOptions {
  /** The WebSocket API method (or control method) of the request. */
  method: string;
  /** The timeout that elapsed, in ms. */
  timeoutMs: number;
  /** Whether the request was sent. Default `"unknown"` (it was sent). */
  outcome?: RequestOutcome;
  /** What to do, replacing the default advice. */
  advice?: string;
}

/**
 * No response arrived within the request's timeout. The connection stays usable.
 *
 * @example Usage
 * ```ts
 * import { RequestTimeoutError } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const err = new RequestTimeoutError({ method: "depth", timeoutMs: 500 });
 * assert.equal(err.outcome, "unknown");
 * assert.match(err.message, /^Cannot complete "depth": no response within 500 ms/);
 * ```
 */
export class RequestTimeoutError extends Error {
  /** The WebSocket API method of the request. */
  readonly method: string;
  /** The timeout that elapsed, in ms. */
  readonly timeoutMs: number;
  /** Whether the request had been sent (`"unknown"`: it was, and may have been executed). */
  readonly outcome: RequestOutcome;

  /**
   * Creates the error.
   *
   * @param options The method, the timeout, whether the request was sent, and `cause`.
   */
  constructor(options: RequestTimeoutErrorOptions) {
    const outcome = options.outcome ?? "unknown";
    super(
      `Cannot complete "${options.method}": no response within ${options.timeoutMs} ms. ` +
        (options.advice ??
          (outcome === "unknown"
            ? 'The execution status is unknown; raise "timeoutMs" or query the state before retrying.'
            : "The request was not sent: no connection was open in time. Retry it later.")),
      options,
    );
    this.name = "RequestTimeoutError";
    this.method = options.method;
    this.timeoutMs = options.timeoutMs;
    this.outcome = outcome;
  }
}

/** Options of {@linkcode ConnectionClosedError}. */
export interface ConnectionClosedErrorOptions extends ErrorOptions {
  /** The method of the request the error belongs to, if any. */
  method?: string;
  /** Whether that request was sent. Default `"unknown"` when `method` is given. */
  outcome?: RequestOutcome;
  /** The WebSocket close code, if known. */
  closeCode?: number;
  /** The WebSocket close reason, if any. */
  closeReason?: string;
  /** What was closed, for the message. Default `"the connection"`. */
  what?: string;
  /** What to do, replacing the default advice of the context. */
  advice?: string;
}

/**
 * The connection closed (or was closed by the user) before a request was answered, or
 * something was asked of a closed connection, subscription or order book. Its
 * {@linkcode ConnectionClosedError.outcome} says whether the request was sent.
 *
 * @example Usage
 * ```ts
 * import { ConnectionClosedError } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const err = new ConnectionClosedError({ method: "ping", outcome: "notSent" });
 * assert.equal(err.outcome, "notSent");
 * assert.match(err.message, /The request was not sent/);
 * ```
 */
export class ConnectionClosedError extends Error {
  /** The method of the request, if the error belongs to one. */
  readonly method: string | undefined;
  /** The WebSocket close code, if known. */
  readonly closeCode: number | undefined;
  /** The WebSocket close reason, if any. */
  readonly closeReason: string;
  /**
   * Whether the request was sent: `"notSent"` (safe to retry) or `"unknown"` (it may have
   * been executed). `undefined` when the error belongs to no request.
   */
  readonly outcome: RequestOutcome | undefined;

  /**
   * Creates the error.
   *
   * @param options The request's method and outcome, the close code and reason, what was
   * closed, advice, and `cause`.
   */
  constructor(options: ConnectionClosedErrorOptions = {}) {
    const { method, closeCode, closeReason = "" } = options;
    const outcome = method === undefined ? options.outcome : options.outcome ?? "unknown";
    const what = options.what ?? "the connection";
    const state = closeCode === undefined
      ? `${what} is closed`
      : `${what} closed (code ${closeCode}${closeReason ? `, "${closeReason}"` : ""})`;
    const advice = options.advice ??
      (outcome === "unknown"
        ? "The execution status is unknown; query the state before retrying."
        : outcome === "notSent"
        ? "The request was not sent; retry it once the connection is back."
        : "");
    const head = method === undefined
      ? `Cannot use ${what}`
      : outcome === "notSent"
      ? `Cannot send "${method}"`
      : `Cannot complete "${method}"`;
    super(`${head}: ${state}.${advice ? ` ${advice}` : ""}`, options);
    this.name = "ConnectionClosedError";
    this.method = method;
    this.closeCode = closeCode;
    this.closeReason = closeReason;
    this.outcome = outcome;
  }
}

/**
 * A socket could not be opened: the URL is wrong, the host unreachable, the permission
 * missing, or no answer came in time. Thrown by `connectWsApi()` and `connectStreams()`
 * for the first socket; later failures are retried by the reconnect policy and reported
 * as `error` events.
 *
 * @example Usage
 * ```ts
 * import { ConnectionOpenError } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const err = new ConnectionOpenError({ url: "wss://example.invalid/ws", reason: "dns error" });
 * assert.match(err.message, /^Cannot open "wss:\/\/example.invalid\/ws": dns error\./);
 * ```
 */
export class ConnectionOpenError extends Error {
  /** The URL that could not be opened. */
  readonly url: string;
  /** Why, as the platform said it. */
  readonly reason: string;

  /**
   * Creates the error.
   *
   * @param options The URL, the reason, advice replacing the default one, and `cause`.
   */
  constructor(options: { url: string; reason: string; advice?: string } & ErrorOptions) {
    super(
      `Cannot open "${options.url}": ${options.reason}. ` +
        (options.advice ?? "Check the URL, the network and the --allow-net permission."),
      options,
    );
    this.name = "ConnectionOpenError";
    this.url = options.url;
    this.reason = options.reason;
  }
}

/** One problem found in the parameters of a request. */
export interface ValidationIssue {
  /** The parameter's name (dotted path for nested values), or `""` for the whole object. */
  param: string;
  /** What is wrong with it. */
  message: string;
}

/**
 * The parameters of a request are invalid. Thrown before anything is sent; the
 * connection is untouched and stays usable.
 *
 * @example Usage
 * ```ts
 * import { ValidationError } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const err = new ValidationError("depth", [{ param: "limit", message: "must be at most 5000" }]);
 * assert.ok(err instanceof TypeError);
 * assert.equal(err.message, 'Cannot send "depth": "limit" must be at most 5000');
 * ```
 */
export class ValidationError extends TypeError {
  /** The WebSocket API method (or stream) whose parameters are invalid. */
  readonly method: string;
  /** Every problem found. */
  readonly issues: readonly ValidationIssue[];
  /** A request refused by validation never left the machine: retrying it cannot duplicate anything. */
  readonly outcome: "notSent" = "notSent";

  /**
   * Creates the error.
   *
   * @param method The WebSocket API method.
   * @param issues Every problem found.
   */
  constructor(method: string, issues: readonly ValidationIssue[]) {
    super(
      `Cannot send "${method}": ` +
        issues.map((i) => (i.param ? `"${i.param}" ${i.message}` : i.message)).join("; "),
    );
    this.name = "ValidationError";
    this.method = method;
    this.issues = issues;
  }
}

/**
 * The server sent a message the client cannot understand: malformed JSON, an unknown
 * shape, a response to no pending request, or a result that does not match the
 * documented model. Reported as an `error` event (or as the request's rejection when it
 * belongs to one); the connection stays usable.
 */
export class UnexpectedMessageError extends Error {
  /**
   * The raw text of the frame, cut to 500 characters unless made with `wholeFrame` (a User Data
   * Stream event its model refuses keeps all of it, to be read by hand); an `apiKey` in it (the
   * session methods' results carry the key) is redacted, a `signature` removed.
   */
  readonly frame: string;

  /**
   * Creates the error.
   *
   * @param message What was unexpected.
   * @param frame The raw text of the frame.
   * @param options `cause`: the error that made the frame unusable, if any; `wholeFrame`: keep
   * the frame whole (default: cut to 500 characters).
   */
  constructor(message: string, frame: string, options?: UnexpectedMessageErrorOptions) {
    super(message, options);
    this.name = "UnexpectedMessageError";
    const safe = redactFrame(frame);
    // A copy of its own: a frame may be a slice of the text of a whole read (see
    // core/_tcp_socket.ts), which a kept error would otherwise keep alive.
    this.frame = ownCopy(
      safe.length > 500 && options?.wholeFrame !== true ? `${safe.slice(0, 500)}…` : safe,
    );
  }
}

/** A string with the same text that shares no memory with `text` (a slice would). */
function ownCopy(text: string): string {
  return JSON.parse(JSON.stringify(text));
}

/** Options of {@linkcode UnexpectedMessageError}. */
export interface UnexpectedMessageErrorOptions extends ErrorOptions {
  /** Keep the frame whole instead of cutting it to 500 characters. */
  wholeFrame?: boolean;
}

/**
 * Redacts an API key for logs and messages: the first and last 4 characters survive.
 *
 * @param apiKey The API key.
 * @returns The redacted key, e.g. `"vmPU…Eh8A"`.
 *
 * @example Usage
 * ```ts
 * import { redactApiKey } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(redactApiKey("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"), "vmPU…Eh8A");
 * ```
 */
export function redactApiKey(apiKey: string): string {
  return shortApiKey(apiKey);
}

// ---- Order outcomes: unknown, resolved, not placed ---------------------------------------

/**
 * Why a request's execution status is unknown, as {@linkcode unknownOutcomeCause} reads it
 * from the request's error:
 * - `"connectionClosed"`: the socket closed after the request was sent;
 * - `"timeout"`: no response came within the request's timeout after it was sent;
 * - `"serverError"`: Binance answered with a 5xx status;
 * - `"executionStatusUnknown"`: Binance answered -1007 ("Timeout waiting for response from
 *   backend server. Send status unknown; execution status unknown.") or -1006 ("An unexpected
 *   response was received from the message bus. Execution status unknown."), whatever the status.
 */
export type UnknownOutcomeCause =
  | "connectionClosed"
  | "timeout"
  | "serverError"
  | "executionStatusUnknown";

/**
 * Why the outcome of an order write is still unknown when it rejects with
 * {@linkcode OrderOutcomeUnknownError}: the request's own cause (with
 * `onUnknownOutcome: "throw"`), or why the resolution could not establish the truth:
 * - `"resolveTimeout"`: the truth could not be had within `resolveTimeoutMs`;
 * - `"mismatch"`: the order found by the client order id is not this placement (a reused id);
 * - `"noClientOrderId"`: the placement has no client order id to look it up by;
 * - `"lookupFailed"`: looking it up failed in a way a retry would not fix;
 * - `"aborted"`: the caller's signal aborted the resolution.
 */
export type UnknownOutcomeReason =
  | UnknownOutcomeCause
  | "resolveTimeout"
  | "mismatch"
  | "noClientOrderId"
  | "lookupFailed"
  | "aborted";

/**
 * The client order ids of one placement: what to look it up by later.
 * A single order has `newClientOrderId`; an order list has `listClientOrderId` and its legs' ids.
 */
export interface OrderClientIds {
  /** The client order id of a single order (`order.place`, `sor.order.place`, the new order of `order.cancelReplace`). */
  newClientOrderId?: string;
  /** The client id of an order list (`orderList.place.*`). */
  listClientOrderId?: string;
  /** Each leg's client order id, by its parameter name (e.g. `aboveClientOrderId`, `workingClientOrderId`). */
  legs?: Readonly<Record<string, string>>;
  /** `order.cancelReplace`: the `orderId` of the order being canceled, when the request named it so. */
  cancelOrderId?: number;
  /** `order.cancelReplace`: the client id of the order being canceled, when the request named it so. */
  cancelOrigClientOrderId?: string;
  /** `order.cancelReplace`: the new client id the request gave the canceled order, when it gave one. */
  cancelNewClientOrderId?: string;
}

/**
 * What a resolution established of the cancel half of an `order.cancelReplace` whose answer
 * did not say it (lost, or the cancel half answered -1007 / -1006): from the error's `data`
 * when it said it, else from `order.status` of the order being canceled, read once the new
 * order's outcome was established.
 */
export interface CancelHalfOutcome {
  /**
   * `SUCCESS`: the order being canceled is canceled (`data` said so, or `order.status` reads
   * `CANCELED`); `FAILURE`: it is not (another status, or `data` said the cancel failed);
   * `UNKNOWN`: its state could not be read.
   */
  readonly cancelResult: "SUCCESS" | "FAILURE" | "UNKNOWN";
  /** Whether the order being canceled was canceled; `undefined` when `UNKNOWN`. */
  readonly canceled: boolean | undefined;
  /** The order being canceled as `order.status` reported it (raw), when it was read. */
  readonly order?: Readonly<Record<string, unknown>>;
}

/** Options of {@linkcode OrderOutcomeUnknownError}. */
export interface OrderOutcomeUnknownErrorOptions extends ErrorOptions {
  /** The WebSocket API method of the placement, e.g. `"order.place"`. */
  method: string;
  /** The symbol of the placement. */
  symbol: string;
  /** Every client id of the placement. */
  clientOrderIds: OrderClientIds;
  /** Why the outcome is unknown. */
  reason: UnknownOutcomeReason;
  /** The order the lookup found that does not match the placement, as the exchange sent it. */
  found?: Readonly<Record<string, unknown>>;
  /** What differs between the placement and `found`. */
  mismatch?: string;
  /** The exchange's time (ms) of the last lookup that did not find the order, if any. */
  lastNotFoundServerTime?: number;
  /** Facts to add to the message. */
  detail?: string;
}

/** Text of the client ids for messages: `newClientOrderId "x"`, `listClientOrderId "y"` … */
function describeIds(ids: OrderClientIds): string {
  const parts: string[] = [];
  if (ids.newClientOrderId !== undefined) parts.push(`newClientOrderId "${ids.newClientOrderId}"`);
  if (ids.listClientOrderId !== undefined) {
    parts.push(`listClientOrderId "${ids.listClientOrderId}"`);
  }
  for (const [name, id] of Object.entries(ids.legs ?? {})) parts.push(`${name} "${id}"`);
  if (ids.cancelOrderId !== undefined) parts.push(`cancelOrderId ${ids.cancelOrderId}`);
  for (const name of ["cancelOrigClientOrderId", "cancelNewClientOrderId"] as const) {
    if (ids[name] !== undefined) parts.push(`${name} "${ids[name]}"`);
  }
  return parts.length === 0 ? "no client order id" : parts.join(", ");
}

const UNKNOWN_REASON_TEXT: Record<UnknownOutcomeReason, string> = {
  connectionClosed: "the connection closed after the request was sent",
  timeout: "no response came within the request's timeout",
  serverError: "Binance answered with a server error (5xx)",
  executionStatusUnknown: "Binance answered that the execution status is unknown",
  resolveTimeout: "the exchange could not tell within the resolve timeout",
  mismatch: "the order found by that client id is not this placement",
  noClientOrderId: "the placement has no client order id to look it up by",
  lookupFailed: "looking the order up failed",
  aborted: "the resolution was aborted",
};

/**
 * The outcome of an order write is unknown: the order may or may not exist. Nothing was
 * re-sent. Its fields carry every client id of the placement, so it can be asked for later
 * (`order.status` / `orderList.status` by client id).
 *
 * @example Usage
 * ```ts
 * import { OrderOutcomeUnknownError } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const err = new OrderOutcomeUnknownError({
 *   method: "order.place",
 *   symbol: "BTCUSDT",
 *   clientOrderIds: { newClientOrderId: "bot-1" },
 *   reason: "resolveTimeout",
 * });
 * assert.equal(err.outcome, "unknown");
 * assert.match(err.message, /^Cannot tell whether "order.place" on "BTCUSDT" placed an order/);
 * ```
 */
export class OrderOutcomeUnknownError extends Error {
  /** The WebSocket API method of the placement. */
  readonly method: string;
  /** The symbol of the placement. */
  readonly symbol: string;
  /** Every client id of the placement. */
  readonly clientOrderIds: OrderClientIds;
  /** Why the outcome is unknown. */
  readonly reason: UnknownOutcomeReason;
  /** The order found that does not match the placement (reason `"mismatch"`), raw. */
  readonly found: Readonly<Record<string, unknown>> | undefined;
  /** What differs between the placement and {@linkcode OrderOutcomeUnknownError.found}. */
  readonly mismatch: string | undefined;
  /** The exchange's time (ms) of the last lookup that did not find the order, if any. */
  readonly lastNotFoundServerTime: number | undefined;
  /** The request may have been executed. */
  readonly outcome: "unknown" = "unknown";

  /**
   * Creates the error.
   *
   * @param options The placement (method, symbol, client ids), the reason, the order found
   * if it did not match, and `cause`.
   */
  constructor(options: OrderOutcomeUnknownErrorOptions) {
    super(
      `Cannot tell whether "${options.method}" on "${options.symbol}" placed an order ` +
        `(${describeIds(options.clientOrderIds)}): ${UNKNOWN_REASON_TEXT[options.reason]}` +
        (options.mismatch !== undefined ? ` (${options.mismatch})` : "") +
        (options.detail !== undefined ? `; ${options.detail}` : "") +
        (options.reason === "noClientOrderId"
          ? ". Query the open orders or the order history before placing it again."
          : ". Nothing was re-sent; query the order by its client id before placing it again."),
      options,
    );
    this.name = "OrderOutcomeUnknownError";
    this.method = options.method;
    this.symbol = options.symbol;
    this.clientOrderIds = options.clientOrderIds;
    this.reason = options.reason;
    this.found = options.found;
    this.mismatch = options.mismatch;
    this.lastNotFoundServerTime = options.lastNotFoundServerTime;
  }
}

/** Options of {@linkcode OrderNotPlacedError}. */
export interface OrderNotPlacedErrorOptions extends ErrorOptions {
  /** The WebSocket API method of the placement, e.g. `"order.place"`. */
  method: string;
  /** The symbol of the placement. */
  symbol: string;
  /** Every client id of the placement. */
  clientOrderIds: OrderClientIds;
  /** The exchange's time (ms) at which the last lookup, which found nothing, was sent. */
  serverTime: number;
  /** When the request's window closed: its `timestamp` (in ms) plus its `recvWindow`. */
  windowEndMs: number;
  /** The margin waited past the window before the verdict, in ms. */
  marginMs: number;
  /** `order.cancelReplace`: what was established of its cancel half. */
  cancel?: CancelHalfOutcome;
}

/** The message's sentence on a cancel-replace's cancel half. */
function describeCancel(cancel: CancelHalfOutcome | undefined): string {
  if (cancel === undefined) return "";
  const status = typeof cancel.order?.status === "string" ? ` (status ${cancel.order.status})` : "";
  return cancel.cancelResult === "SUCCESS"
    ? ` The order to cancel was canceled${status}.`
    : cancel.cancelResult === "FAILURE"
    ? ` The order to cancel was not canceled${status}.`
    : " Whether the order to cancel was canceled could not be read: query it.";
}

/**
 * An order write whose answer was lost did not place an order: looked up by its client id,
 * it was not found at server time {@linkcode OrderNotPlacedError.serverTime}, which is
 * {@linkcode OrderNotPlacedError.msAfterWindow} ms after the request's window closed
 * (`timestamp + recvWindow`), more than the margin for the matching engine's own delay.
 *
 * This is strong evidence, not proof (see "Outcome certainty" in the design doc).
 *
 * @example Usage
 * ```ts
 * import { OrderNotPlacedError } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const err = new OrderNotPlacedError({
 *   method: "order.place",
 *   symbol: "BTCUSDT",
 *   clientOrderIds: { newClientOrderId: "bot-1" },
 *   serverTime: 1_700_000_015_250,
 *   windowEndMs: 1_700_000_005_000,
 *   marginMs: 10_000,
 * });
 * assert.equal(err.msAfterWindow, 10_250);
 * assert.match(err.message, /not found at server time 1700000015250 \(.*\), 10250 ms after/);
 * ```
 */
export class OrderNotPlacedError extends Error {
  /** The WebSocket API method of the placement. */
  readonly method: string;
  /** The symbol of the placement. */
  readonly symbol: string;
  /** Every client id of the placement. */
  readonly clientOrderIds: OrderClientIds;
  /** The exchange's time (ms) at which the last lookup, which found nothing, was sent. */
  readonly serverTime: number;
  /** When the request's window closed (ms): its `timestamp` plus its `recvWindow`. */
  readonly windowEndMs: number;
  /** How many ms after the window closed the order was last not found (more than the margin). */
  readonly msAfterWindow: number;
  /** The margin waited past the window, in ms. */
  readonly marginMs: number;
  /**
   * `order.cancelReplace`: what was established of its cancel half (the order being canceled
   * may be canceled although the new order was not placed); `undefined` for other methods.
   */
  readonly cancel: CancelHalfOutcome | undefined;

  /**
   * Creates the error.
   *
   * @param options The placement, the server time of the last lookup, the window, the
   * margin, for `order.cancelReplace` its cancel half, and `cause` (the error that made the
   * outcome unknown).
   */
  constructor(options: OrderNotPlacedErrorOptions) {
    const msAfterWindow = options.serverTime - options.windowEndMs;
    super(
      `Cannot place an order with "${options.method}" on "${options.symbol}": ` +
        `${describeIds(options.clientOrderIds)} not found at server time ${options.serverTime} ` +
        `(${new Date(options.serverTime).toISOString()}), ${msAfterWindow} ms after the ` +
        `request's window closed (margin ${options.marginMs} ms). ` +
        "The answer was lost and the exchange does not hold the order." +
        describeCancel(options.cancel),
      options,
    );
    this.name = "OrderNotPlacedError";
    this.method = options.method;
    this.symbol = options.symbol;
    this.clientOrderIds = options.clientOrderIds;
    this.serverTime = options.serverTime;
    this.windowEndMs = options.windowEndMs;
    this.msAfterWindow = msAfterWindow;
    this.marginMs = options.marginMs;
    this.cancel = options.cancel;
  }
}

/**
 * Reads why a failed request's execution status is unknown: the socket closed or the
 * timeout ran out after it was sent, a 5xx answer, or code -1007 / -1006 (whatever the
 * status). A request that provably never left (`outcome: "notSent"`), or any other
 * answer from Binance, has a known outcome.
 *
 * @param error What the request rejected with.
 * @returns The cause, or `undefined` when the outcome is known.
 *
 * @example Usage
 * ```ts
 * import { BinanceApiError, ConnectionClosedError, unknownOutcomeCause } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const timeout = new BinanceApiError({ method: "order.place", status: 400, error: { code: -1007, msg: "Timeout waiting for response from backend server." } });
 * assert.equal(unknownOutcomeCause(timeout), "executionStatusUnknown");
 * assert.equal(unknownOutcomeCause(new ConnectionClosedError({ method: "order.place", outcome: "notSent" })), undefined);
 * ```
 */
export function unknownOutcomeCause(error: unknown): UnknownOutcomeCause | undefined {
  if (error instanceof ConnectionClosedError) {
    return error.outcome === "unknown" ? "connectionClosed" : undefined;
  }
  if (error instanceof RequestTimeoutError) {
    return error.outcome === "unknown" ? "timeout" : undefined;
  }
  if (error instanceof BinanceApiError) {
    if (error.code === -1007 || error.code === -1006) return "executionStatusUnknown";
    if (error instanceof ServerError || error.status >= 500) return "serverError";
  }
  return undefined;
}

/**
 * Whether a failed request may have been executed, so that it must be resolved (or
 * queried) rather than retried: see {@linkcode unknownOutcomeCause}.
 *
 * @param error What the request rejected with.
 * @returns `true` when the execution status is unknown.
 *
 * @example Usage
 * ```ts
 * import { isUnknownOutcome, RequestTimeoutError, ValidationError } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isUnknownOutcome(new RequestTimeoutError({ method: "order.place", timeoutMs: 10_000 })), true);
 * assert.equal(isUnknownOutcome(new ValidationError("order.place", [{ param: "price", message: "is required" }])), false);
 * ```
 */
export function isUnknownOutcome(error: unknown): boolean {
  return unknownOutcomeCause(error) !== undefined;
}

// ---- order.cancelReplace ----------------------------------------------------------------

/** What Binance says of one half of an `order.cancelReplace`. */
export type CancelReplaceHalfResult = "SUCCESS" | "FAILURE" | "NOT_ATTEMPTED";

/** An order report of a cancel-replace half, as far as the core reads it. */
export interface CancelReplaceOrderReport {
  /** The symbol. */
  symbol: string;
  /** The order's id. */
  orderId: number;
  /** The order's client id. */
  clientOrderId: string;
  /** The report's other fields. */
  [field: string]: unknown;
}

/**
 * The two halves of a failed `order.cancelReplace` (its error's `data`): whether each
 * succeeded, and each one's response, an order report or Binance's error.
 *
 * @typeParam C The report of the canceled order.
 * @typeParam N The report of the new order.
 */
export interface CancelReplaceOutcome<
  C = CancelReplaceOrderReport,
  N = CancelReplaceOrderReport,
> {
  /** `SUCCESS` when the old order was canceled. */
  readonly cancelResult: "SUCCESS" | "FAILURE";
  /** `SUCCESS` when the new order was placed; `NOT_ATTEMPTED` after a failed cancel. */
  readonly newOrderResult: CancelReplaceHalfResult;
  /** The canceled order, or why the cancel failed. */
  readonly cancelResponse: C | BinanceErrorBody;
  /** The new order, why it failed, or `null` when it was not attempted. */
  readonly newOrderResponse: N | BinanceErrorBody | null;
  /** Whether the old order was canceled. */
  readonly canceled: boolean;
  /** Whether the new order was placed. */
  readonly placed: boolean;
  /** Whether Binance refused the new order for the order rate limit (status 429, -1015). */
  readonly rateLimited: boolean;
}

const CANCEL_REPLACE = Symbol("CancelReplaceError");

/** The outcome's fields as both cancel-replace errors carry them (`rateLimited` aside). */
function outcomeFields<C, N>(
  outcome: Omit<CancelReplaceOutcome<C, N>, "canceled" | "placed" | "rateLimited">,
): Omit<CancelReplaceOutcome<C, N>, "rateLimited"> {
  return {
    cancelResult: outcome.cancelResult,
    newOrderResult: outcome.newOrderResult,
    cancelResponse: outcome.cancelResponse,
    newOrderResponse: outcome.newOrderResponse,
    canceled: outcome.cancelResult === "SUCCESS",
    placed: outcome.newOrderResult === "SUCCESS",
  };
}

function halves<C, N>(
  outcome: Omit<CancelReplaceOutcome<C, N>, "canceled" | "placed" | "rateLimited">,
): string {
  const half = (r: string) =>
    r === "SUCCESS" ? "succeeded" : r === "FAILURE" ? "failed" : "was not attempted";
  return `the cancel ${half(outcome.cancelResult)}, the new order ${half(outcome.newOrderResult)}.`;
}

/**
 * `order.cancelReplace` failed in one half or both (status 400 -2022, 409 -2021): its typed
 * fields say which half succeeded and carry both halves' responses. The operation is not
 * transactional; a 409 means one half took effect. Under
 * `orderRateLimitExceededMode: "CANCEL_ONLY"` a 429 is a {@linkcode CancelReplaceRateLimitError},
 * which is both a `RateLimitError` and (by `instanceof`) a `CancelReplaceError`.
 *
 * @typeParam C The report of the canceled order.
 * @typeParam N The report of the new order.
 *
 * @example Usage
 * ```ts
 * import { BinanceApiError, CancelReplaceError } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const err = new CancelReplaceError(
 *   { method: "order.cancelReplace", status: 409, error: { code: -2021, msg: "Order cancel-replace partially failed." } },
 *   {
 *     cancelResult: "SUCCESS",
 *     newOrderResult: "FAILURE",
 *     cancelResponse: { symbol: "BTCUSDT", orderId: 1, clientOrderId: "a" },
 *     newOrderResponse: { code: -2010, msg: "Order would immediately match and take." },
 *   },
 * );
 * assert.ok(err instanceof BinanceApiError);
 * assert.equal(err.canceled, true);
 * assert.equal(err.placed, false);
 * ```
 */
export class CancelReplaceError<C = CancelReplaceOrderReport, N = CancelReplaceOrderReport>
  extends BinanceApiError
  implements CancelReplaceOutcome<C, N> {
  /** `SUCCESS` when the old order was canceled. */
  readonly cancelResult!: "SUCCESS" | "FAILURE";
  /** `SUCCESS` when the new order was placed; `NOT_ATTEMPTED` after a failed cancel. */
  readonly newOrderResult!: CancelReplaceHalfResult;
  /** The canceled order, or why the cancel failed. */
  readonly cancelResponse!: C | BinanceErrorBody;
  /** The new order, why it failed, or `null` when it was not attempted. */
  readonly newOrderResponse!: N | BinanceErrorBody | null;
  /** Whether the old order was canceled. */
  readonly canceled!: boolean;
  /** Whether the new order was placed. */
  readonly placed!: boolean;
  /** `false` here; `true` on a {@linkcode CancelReplaceRateLimitError}. */
  readonly rateLimited: boolean = false;
  /** @internal */
  readonly [CANCEL_REPLACE] = true;

  /**
   * Creates the error.
   *
   * @param init The failed response.
   * @param outcome Both halves, as the error's `data` gives them.
   * @param options `cause`: the error it was read from.
   */
  constructor(
    init: BinanceApiErrorInit,
    outcome: Omit<CancelReplaceOutcome<C, N>, "canceled" | "placed" | "rateLimited">,
    options?: ErrorOptions,
  ) {
    super(init, `Not transactional: ${halves(outcome)}`);
    if (options?.cause !== undefined) this.cause = options.cause;
    this.name = "CancelReplaceError";
    Object.assign(this, outcomeFields(outcome));
  }

  /** `true` for a `CancelReplaceError` and for a {@linkcode CancelReplaceRateLimitError}. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== CancelReplaceError) {
      return Function.prototype[Symbol.hasInstance].call(this, value);
    }
    return typeof value === "object" && value !== null && CANCEL_REPLACE in value;
  }
}

/**
 * `order.cancelReplace` answered 429 under `orderRateLimitExceededMode: "CANCEL_ONLY"`: the
 * order rate limit refused the new order; the cancel's outcome is in the fields. It is a
 * `RateLimitError` (nothing is sent before `retryAfter`) and, by `instanceof`, a
 * {@linkcode CancelReplaceError}.
 *
 * @typeParam C The report of the canceled order.
 * @typeParam N The report of the new order.
 */
export class CancelReplaceRateLimitError<C = CancelReplaceOrderReport, N = CancelReplaceOrderReport>
  extends RateLimitError
  implements CancelReplaceOutcome<C, N> {
  /** `SUCCESS` when the old order was canceled. */
  readonly cancelResult!: "SUCCESS" | "FAILURE";
  /** `FAILURE` or `NOT_ATTEMPTED`. */
  readonly newOrderResult!: CancelReplaceHalfResult;
  /** The canceled order, or why the cancel failed. */
  readonly cancelResponse!: C | BinanceErrorBody;
  /** Why the new order failed (-1015), or `null` when it was not attempted. */
  readonly newOrderResponse!: N | BinanceErrorBody | null;
  /** Whether the old order was canceled. */
  readonly canceled!: boolean;
  /** Whether the new order was placed. */
  readonly placed!: boolean;
  /** Always `true`. */
  readonly rateLimited: boolean = true;
  /** @internal */
  readonly [CANCEL_REPLACE] = true;

  /**
   * Creates the error.
   *
   * @param init The failed response.
   * @param retryAfter When sending may resume, in ms since the epoch, if known.
   * @param outcome Both halves, as the error's `data` gives them.
   * @param options `cause`: the error it was read from.
   */
  constructor(
    init: BinanceApiErrorInit,
    retryAfter: number | undefined,
    outcome: Omit<CancelReplaceOutcome<C, N>, "canceled" | "placed" | "rateLimited">,
    options?: ErrorOptions,
  ) {
    super(init, retryAfter);
    if (options?.cause !== undefined) this.cause = options.cause;
    this.name = "CancelReplaceRateLimitError";
    Object.assign(this, outcomeFields(outcome));
  }
}

// ---- An accepted order whose result cannot be read ----------------------------------------

/** Options of {@linkcode UnexpectedOrderResultError}. */
export interface UnexpectedOrderResultErrorOptions extends ErrorOptions {
  /** The WebSocket API method of the placement, e.g. `"order.place"`. */
  method: string;
  /** The symbol of the placement. */
  symbol: string;
  /** Every client id of the placement. */
  clientOrderIds: OrderClientIds;
  /** The result exactly as Binance sent it (integers above 2^53 as `bigint`). */
  result: unknown;
  /** What does not fit the model. */
  problem: string;
}

/**
 * Binance **accepted** an order write (a success answer, or the order found by the
 * resolution of an unknown outcome), but its result does not fit the documented model (an
 * id above 2^53, a field of an unknown type). The order exists: this is not a failed
 * order, and placing it again would place a second one. The exact result is in
 * {@linkcode UnexpectedOrderResultError.result} (ids as `bigint`), with the client ids.
 * It is an {@linkcode UnexpectedMessageError}.
 *
 * @example Usage
 * ```ts
 * import { UnexpectedMessageError, UnexpectedOrderResultError } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const err = new UnexpectedOrderResultError({
 *   method: "order.place",
 *   symbol: "BTCUSDT",
 *   clientOrderIds: { newClientOrderId: "bot-1" },
 *   result: { symbol: "BTCUSDT", orderId: 2n ** 60n },
 *   problem: '"orderId" is above 2^53',
 * });
 * assert.ok(err instanceof UnexpectedMessageError);
 * assert.equal(err.accepted, true);
 * assert.equal((err.result as { orderId: bigint }).orderId, 2n ** 60n);
 * ```
 */
export class UnexpectedOrderResultError extends UnexpectedMessageError {
  /** The WebSocket API method of the placement. */
  readonly method: string;
  /** The symbol of the placement. */
  readonly symbol: string;
  /** Every client id of the placement. */
  readonly clientOrderIds: OrderClientIds;
  /** The result exactly as Binance sent it (integers above 2^53 as `bigint`). */
  readonly result: unknown;
  /** Binance accepted the order: it exists. */
  readonly accepted: true = true;

  /**
   * Creates the error.
   *
   * @param options The placement, the raw result, what does not fit, and `cause` (the
   * model's error).
   */
  constructor(options: UnexpectedOrderResultErrorOptions) {
    let frame = "";
    try {
      frame = JSON.stringify(
        options.result,
        (_k, v) => typeof v === "bigint" ? v.toString() : v,
      ) ?? "";
    } catch { /* unserialisable */ }
    super(
      `Cannot read the result of "${options.method}" on "${options.symbol}": the order was ` +
        `accepted (${describeIds(options.clientOrderIds)}), but ${options.problem}. ` +
        'Do not place it again; its exact result is in "result".',
      frame,
      options,
    );
    this.name = "UnexpectedOrderResultError";
    this.method = options.method;
    this.symbol = options.symbol;
    this.clientOrderIds = options.clientOrderIds;
    this.result = options.result;
  }
}

// ---- User Data Stream: a verdict the stream contradicts (uds-client) ----------------------

/** What {@linkcode OrderNotPlacedContradictedError} is made with. */
export interface OrderNotPlacedContradictedErrorOptions extends ErrorOptions {
  /** The verdict the event contradicts (also the `cause`). */
  verdict: OrderNotPlacedError;
  /** The client id the event names (`c` of an `executionReport`, `C` of a `listStatus`). */
  clientOrderId: string;
  /** The event's type (`"executionReport"` or `"listStatus"`). */
  eventType: string;
  /** The exchange's order id (or order list id), when the event has it. */
  orderId?: number;
  /** The order's (or list's) status in the event. */
  status?: string;
}

/**
 * A User Data Stream event names an order that an order write rejected with
 * {@linkcode OrderNotPlacedError}: the verdict was wrong (the residual risk the design doc
 * describes), and the order exists. Emitted as an `error` event on the connection, never
 * thrown; look the order up (`orderStatus`) and cancel or keep it.
 *
 * @example Usage
 * ```ts
 * import { OrderNotPlacedContradictedError, OrderNotPlacedError } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const verdict = new OrderNotPlacedError({
 *   method: "order.place",
 *   symbol: "BTCUSDT",
 *   clientOrderIds: { newClientOrderId: "bot-1" },
 *   serverTime: 1_700_000_015_250,
 *   windowEndMs: 1_700_000_005_000,
 *   marginMs: 10_000,
 * });
 * const err = new OrderNotPlacedContradictedError({
 *   verdict,
 *   clientOrderId: "bot-1",
 *   eventType: "executionReport",
 *   orderId: 12,
 *   status: "NEW",
 * });
 * assert.match(err.message, /"bot-1"/);
 * assert.equal(err.cause, verdict);
 * ```
 */
export class OrderNotPlacedContradictedError extends Error {
  /** The WebSocket API method of the placement. */
  readonly method: string;
  /** The symbol of the placement. */
  readonly symbol: string;
  /** The client id the event names. */
  readonly clientOrderId: string;
  /** The exchange's order id (or order list id), when known. */
  readonly orderId: number | undefined;
  /** The status the event reports. */
  readonly status: string | undefined;
  /** The verdict that was wrong. */
  readonly verdict: OrderNotPlacedError;

  /**
   * Creates the error.
   *
   * @param options The verdict, and what the event says.
   */
  constructor(options: OrderNotPlacedContradictedErrorOptions) {
    const v = options.verdict;
    super(
      `Cannot keep the verdict "not placed" of "${v.method}" on "${v.symbol}": an ` +
        `${options.eventType} names client id "${options.clientOrderId}"` +
        (options.orderId !== undefined ? ` (orderId ${options.orderId}` : " (") +
        (options.status !== undefined
          ? `${options.orderId !== undefined ? ", " : ""}status ` +
            `${options.status})`
          : ")") +
        ". The order exists: look it up with orderStatus() and cancel or keep it.",
      { cause: options.cause ?? v },
    );
    this.name = "OrderNotPlacedContradictedError";
    this.method = v.method;
    this.symbol = v.symbol;
    this.clientOrderId = options.clientOrderId;
    this.orderId = options.orderId;
    this.status = options.status;
    this.verdict = v;
  }
}
