// Private: what a WS API method handler of the fake is, and how a request meets its handler.
// A handler knows params, weight and result; it never sees a socket.

import type { Market } from "../_exchange/market.ts";
import type { Trading } from "../_exchange/matching.ts";
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
   * The authenticated account's apiKey: set by the server for signed handlers after the
   * signature or session check (handlers never verify).
   */
  apiKey?: string;
  /** The trading state: accounts, orders, the matching engine (../_exchange/matching.ts). */
  trading: Trading;
}

/** A method: its params, its weight for valid params, and its result. */
export interface Handler extends ParamSpec {
  /** Weight when the params are read. */
  weight(p: Params): number;
  /** The result. Throws a Failure. */
  run(ctx: Context): unknown;
  /** The method's security type, as the docs list it. Default `"NONE"`. */
  security?: "NONE" | "USER_STREAM" | "TRADE" | "USER_DATA";
}

/** Method name → handler. */
export type HandlerTable = Record<string, Handler>;

/** A request whose params were read: its weight, and a runner for its rules and result. */
export interface Prepared {
  weight: number;
  run(): unknown;
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
  const name = method.startsWith("v3/") ? method.slice(3) : method;
  const m = Object.hasOwn(table, name) ? table[name] : undefined;
  // Unknown (or SIGNED, which the fake does not serve) methods: the docs do not document
  // the answer; -1000 UNKNOWN with status 400 is what the fake gives.
  if (!m) fail(-1000, "An unknown error occurred while processing the request.");
  const valid = readParams(m, params, ctx.market);
  return {
    weight: m.weight(valid),
    run() {
      checkRules(m.rules ?? [], valid);
      return m.run({ ...ctx, params: valid });
    },
  };
}
