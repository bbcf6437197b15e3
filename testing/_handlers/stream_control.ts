// Private: the five control methods of the fake's market streams (web-socket-streams.md) and
// the stream-name rule, as a table of method → handler over a connection's state. No sockets:
// the stream server parses the frame, checks the id and writes the answer.

const INTERVALS = "1s|1m|3m|5m|15m|30m|1h|2h|4h|6h|8h|12h|1d|3d|1w|1M";
const SYMBOL_STREAM = new RegExp(
  "^([\\p{Ll}\\p{Lo}\\p{N}]+)@(aggTrade|trade|blockTrade|miniTicker|ticker|bookTicker|avgPrice|referencePrice|" +
    `kline_(?:${INTERVALS})(?:@\\+08:00)?|ticker_(?:1h|4h|1d)|depth(?:5|10|20)?(?:@100ms)?)$`,
  "u",
);
const MARKET_STREAM = /^!(miniTicker@arr|ticker_(?:1h|4h|1d)@arr)$/;

/** At most this many streams per connection. */
export const MAX_STREAMS = 1024;

/**
 * Whether `name` is a well-formed stream name. Like Binance, any lower-case symbol is
 * accepted; only listed symbols ever carry data.
 */
export function isStreamName(name: string): boolean {
  return MARKET_STREAM.test(name) || SYMBOL_STREAM.test(name);
}

/** What a control method sees of its connection. */
export interface ControlState {
  /** The streams the connection listens to. */
  streams: Set<string>;
  /** Whether payloads are wrapped as `{"stream":…,"data":…}`. */
  combined: boolean;
}

/** A control error: Binance's code (0–3) and message. */
export interface ControlFailure {
  code: number;
  msg: string;
}

/** A control method's answer: its result, or an error. */
export type ControlAnswer = { result: unknown } | { error: ControlFailure };

type ControlHandler = (state: ControlState, params: unknown) => ControlAnswer;

function error(code: number, msg: string): ControlAnswer {
  return { error: { code, msg } };
}

function subscription(method: "SUBSCRIBE" | "UNSUBSCRIBE"): ControlHandler {
  return (state, params) => {
    if (!Array.isArray(params) || params.some((p) => typeof p !== "string")) {
      return error(2, "Invalid request: stream names must be strings");
    }
    const bad = (params as string[]).find((p) => !isStreamName(p));
    if (bad !== undefined) return error(2, `Invalid request: unknown stream name "${bad}"`);
    if (method === "SUBSCRIBE") {
      const after = new Set([...state.streams, ...(params as string[])]);
      if (after.size > MAX_STREAMS) {
        return error(2, `Invalid request: too many streams (at most ${MAX_STREAMS})`);
      }
      for (const p of params as string[]) state.streams.add(p);
    } else for (const p of params as string[]) state.streams.delete(p);
    return { result: null };
  };
}

function property(method: "SET_PROPERTY" | "GET_PROPERTY"): ControlHandler {
  const want = method === "SET_PROPERTY" ? 2 : 1;
  return (state, params) => {
    if (!Array.isArray(params) || params.length === 0 || typeof params[0] !== "string") {
      return error(2, "Invalid request: property name must be a string");
    }
    if (params.length > want) return error(2, "Invalid request: too many parameters");
    if (params[0] !== "combined") return error(0, "Unknown property");
    if (method === "GET_PROPERTY") return { result: state.combined };
    if (typeof params[1] !== "boolean") return error(1, "Invalid value type: expected Boolean");
    state.combined = params[1];
    return { result: null };
  };
}

/** Control method → handler. */
export const CONTROL_METHODS: Readonly<Record<string, ControlHandler>> = {
  SUBSCRIBE: subscription("SUBSCRIBE"),
  UNSUBSCRIBE: subscription("UNSUBSCRIBE"),
  LIST_SUBSCRIPTIONS(state, params) {
    if (params !== undefined && !(Array.isArray(params) && params.length === 0)) {
      return error(2, "Invalid request: too many parameters");
    }
    return { result: [...state.streams] };
  },
  SET_PROPERTY: property("SET_PROPERTY"),
  GET_PROPERTY: property("GET_PROPERTY"),
};

/**
 * Runs a control request on a connection's state.
 *
 * @param state The connection's streams and `combined` property.
 * @param method The request's `method` (any JSON value).
 * @param params The request's `params`.
 * @returns The result, or the documented error.
 */
export function control(state: ControlState, method: unknown, params: unknown): ControlAnswer {
  if (method === undefined) {
    return error(2, "Invalid request: missing field `method` at line 1 column 73");
  }
  const handler = typeof method === "string" && Object.hasOwn(CONTROL_METHODS, method)
    ? CONTROL_METHODS[method]
    : undefined;
  if (handler) return handler(state, params);
  return error(
    2,
    `Invalid request: unknown variant ${
      JSON.stringify(method)
    }, expected one of \`SUBSCRIBE\`, \`UNSUBSCRIBE\`, \`LIST_SUBSCRIPTIONS\`, \`SET_PROPERTY\`, \`GET_PROPERTY\` at line 1 column 28`,
  );
}
