// Private: what a WS API method handler of the fake is, and how a request meets its handler.
// A handler knows params, weight and result; it never sees a socket.

import type { Market } from "../_exchange/market.ts";
import type { Trading } from "../_exchange/matching.ts";
import type { UdsConnection, UserDataStreams } from "../_exchange/user_data.ts";
import { fail } from "./failure.ts";
import { checkRules, type Params, type ParamSpec, readParams } from "./params.ts";

/** What a handler's `run` gets. */
export interface Context {
  /** The params as read (./params.ts). */
  params: Params;
  /** The market to answer from. */
  market: Market;
  /** The time of the request (`Date.now()`). */
  now: number;
  /** Converts a ms timestamp to the connection's `timeUnit`. */
  t(ms: number): number;
  /**
   * The authenticated account of a signed handler (its API key), set by the server after the
   * signature or session check. Handlers never verify.
   */
  apiKey?: string;
  /** The key type whose signature authenticated the request; absent when the session did. */
  keyType?: "HMAC" | "RSA" | "Ed25519";
  /** The connection's session (session.logon/status/logout read and change it). */
  session?: SessionState;
  /** The trading state: accounts, orders, the matching engine (../_exchange/matching.ts). */
  trading: Trading;
  /** The User Data Stream's subscriptions (../_exchange/user_data.ts). */
  userData?: UserDataStreams;
  /** The request's connection, as the User Data Stream sees it. */
  connection?: UdsConnection;
}

/** The session of one WS API connection, as `session.status` reports it. */
export interface SessionState {
  /** The logged-on API key, or `null`. */
  apiKey: string | null;
  /** When it logged on (ms), or `null`. */
  authorizedSince: number | null;
  /** When the connection opened (ms). */
  connectedSince: number;
  /** Whether responses show `rateLimits` by default. */
  returnRateLimits: boolean;
  /** Whether a `userDataStream.subscribe` subscription is active. */
  userDataStream: boolean;
  /** Revoked by the hook: the next session-authenticated request gets the documented 401. */
  revoked: boolean;
}

/** A method: its params, its weight for valid params, and its result. */
export interface Handler extends ParamSpec {
  /**
   * Binance's security type. Other than NONE, the server checks timing, key and signature (or
   * the session) first, and strips `apiKey`, `timestamp`, `recvWindow` and `signature` before
   * the params are read. Default NONE.
   */
  security?: "NONE" | "USER_STREAM" | "TRADE" | "USER_DATA";
  /** The method always needs `apiKey` and `signature`, even on a logged-on session. */
  alwaysSigned?: boolean;
  /**
   * The method is authenticated by the logged-on session only (`userDataStream.subscribe`):
   * without one it is refused, and `apiKey`/`signature` are not taken.
   */
  sessionOnly?: boolean;
  /** Weight when the params are read. */
  weight(p: Params): number;
  /** The result. Throws a Failure. */
  run(ctx: Context): unknown;
}

/** Method name → handler. */
export type HandlerTable = Record<string, Handler>;

/** A request whose params were read: its weight, and a runner for its rules and result. */
export interface Prepared {
  weight: number;
  /** Checks the rules and runs the handler, for the authenticated account if any. */
  run(auth?: Pick<Context, "apiKey" | "keyType">): unknown;
}

/** The handler of a method as sent (a `v3/` prefix is accepted), if any. */
export function lookup(table: HandlerTable, method: string): Handler | undefined {
  const name = method.startsWith("v3/") ? method.slice(3) : method;
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/**
 * Finds a request's handler and reads its params.
 *
 * @param table The handlers.
 * @param method The method as sent (a `v3/` prefix is accepted).
 * @param params The params as sent.
 * @param ctx The market, time and time unit.
 * @returns The weight, and a runner that checks the rules and makes the result.
 * @throws {Failure} For an unknown method or unreadable params.
 */
export function prepare(
  table: HandlerTable,
  method: string,
  params: Record<string, unknown>,
  ctx: Omit<Context, "params">,
): Prepared {
  const m = lookup(table, method);
  // Unknown (or SIGNED, which the fake does not serve) methods: the docs do not document
  // the answer; -1000 UNKNOWN with status 400 is what the fake gives.
  if (!m) fail(-1000, "An unknown error occurred while processing the request.");
  const valid = readParams(m, params, ctx.market);
  return {
    weight: m.weight(valid),
    run(auth) {
      checkRules(m.rules ?? [], valid);
      return m.run({ ...ctx, ...auth, params: valid });
    },
  };
}
