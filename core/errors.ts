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

/** No response arrived within the request's timeout. The connection stays usable. */
export class RequestTimeoutError extends Error {
  /** The WebSocket API method of the request. */
  readonly method: string;
  /** The timeout that elapsed, in ms. */
  readonly timeoutMs: number;

  /**
   * Creates the error.
   *
   * @param method The WebSocket API method.
   * @param timeoutMs The timeout that elapsed, in ms.
   * @param sent Whether the request had been sent.
   */
  constructor(method: string, timeoutMs: number, sent = true) {
    super(
      `Cannot complete "${method}": no response within ${timeoutMs} ms. ` +
        (sent
          ? 'The execution status is unknown; raise "timeoutMs" or query the state before retrying.'
          : "The request was not sent: no connection was open in time. Retry it later."),
    );
    this.name = "RequestTimeoutError";
    this.method = method;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The connection closed (or was closed by the user) before the request was answered,
 * or the request was made on a closed connection.
 */
export class ConnectionClosedError extends Error {
  /** The WebSocket API method of the request, if the error belongs to one. */
  readonly method: string | undefined;
  /** The WebSocket close code, if known. */
  readonly closeCode: number | undefined;
  /** The WebSocket close reason, if any. */
  readonly closeReason: string;

  /**
   * Creates the error.
   *
   * @param method The WebSocket API method of the request, if any.
   * @param closeCode The WebSocket close code, if known.
   * @param closeReason The WebSocket close reason.
   * @param sent Whether the request had been sent before the close.
   */
  constructor(method: string | undefined, closeCode?: number, closeReason = "", sent = true) {
    let message: string;
    if (method === undefined && closeCode === undefined && closeReason) {
      message = `Cannot open the connection: ${closeReason}. ` +
        "Check the URL, the network and the --allow-net permission.";
    } else {
      const what = method ? `Cannot complete "${method}"` : "Cannot use the connection";
      const close = closeCode === undefined
        ? "the connection is closed"
        : `the connection closed (code ${closeCode}${closeReason ? `, "${closeReason}"` : ""})`;
      const advice = method && sent
        ? " The execution status is unknown; query the state before retrying."
        : method
        ? " The request was not sent; retry it once the connection is back."
        : " Open a new connection with connectWsApi().";
      message = `${what}: ${close}.${advice}`;
    }
    super(message);
    this.name = "ConnectionClosedError";
    this.method = method;
    this.closeCode = closeCode;
    this.closeReason = closeReason;
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
  /** The raw text of the frame, cut to 500 characters. */
  readonly frame: string;

  /**
   * Creates the error.
   *
   * @param message What was unexpected.
   * @param frame The raw text of the frame.
   * @param options `cause`: the error that made the frame unusable, if any.
   */
  constructor(message: string, frame: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UnexpectedMessageError";
    this.frame = frame.length > 500 ? `${frame.slice(0, 500)}…` : frame;
  }
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
  return apiKey.length <= 12 ? "…" : `${apiKey.slice(0, 4)}…${apiKey.slice(-4)}`;
}

/** What a market-stream control error code means (web-socket-streams.md, "Error Messages"). */
export type StreamControlErrorKind =
  | "unknownProperty"
  | "invalidValueType"
  | "invalidRequest"
  | "invalidJson"
  | "unknown";

/**
 * The stream server refused a control message (`SUBSCRIBE`, `UNSUBSCRIBE`,
 * `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`). Its `code` is one of the
 * documented stream error codes: 0 unknown property, 1 invalid value type, 2 invalid
 * request, 3 invalid JSON.
 *
 * @example Usage
 * ```ts
 * import { StreamControlError } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const err = new StreamControlError("GET_PROPERTY", 0, "Unknown property");
 * assert.equal(err.kind, "unknownProperty");
 * assert.equal(err.message, 'Cannot complete "GET_PROPERTY": code 0, Unknown property');
 * ```
 */
export class StreamControlError extends Error {
  /** The control method. */
  readonly method: string;
  /** The stream error code (0–3). */
  readonly code: number;
  /** The server's message. */
  readonly msg: string;
  /** What the code means. */
  readonly kind: StreamControlErrorKind;

  /**
   * Creates the error.
   *
   * @param method The control method.
   * @param code The stream error code.
   * @param msg The server's message.
   */
  constructor(method: string, code: number, msg: string) {
    super(`Cannot complete "${method}": code ${code}, ${msg}`);
    this.name = "StreamControlError";
    this.method = method;
    this.code = code;
    this.msg = msg;
    this.kind = code === 0
      ? "unknownProperty"
      : code === 1
      ? "invalidValueType"
      : code === 2
      ? "invalidRequest"
      : code === 3
      ? "invalidJson"
      : "unknown";
  }
}

/**
 * A subscription with the `"error"` overflow policy ended because its consumer fell
 * `bufferSize` updates behind.
 *
 * @example Usage
 * ```ts
 * import { SlowConsumerError } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const err = new SlowConsumerError("btcusdt@trade", 100);
 * assert.match(err.message, /fell 100 updates behind/);
 * ```
 */
export class SlowConsumerError extends Error {
  /** The stream. */
  readonly stream: string;
  /** The buffer size that was exceeded. */
  readonly bufferSize: number;

  /**
   * Creates the error.
   *
   * @param stream The stream name.
   * @param bufferSize The buffer size that was exceeded.
   */
  constructor(stream: string, bufferSize: number) {
    super(
      `Cannot keep "${stream}": the consumer fell ${bufferSize} updates behind. ` +
        'Consume faster, raise "bufferSize", or choose the "dropOldest" overflow policy.',
    );
    this.name = "SlowConsumerError";
    this.stream = stream;
    this.bufferSize = bufferSize;
  }
}
