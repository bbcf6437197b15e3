/**
 * The typed errors of market-stream subscriptions: a control message the server refused,
 * and a consumer that fell too far behind.
 *
 * @module
 */

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
