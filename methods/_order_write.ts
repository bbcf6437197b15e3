// Private: what every order write does before and around its one request: its options, the
// client order ids it generates when absent (so that every placement can be found again),
// the exchange filters when the call gives them, then one placement path (`place`), where the
// next round resolves unknown outcomes.
import type { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import {
  boolean,
  checkOptions,
  integer,
  type OptionRule,
  REQUEST_OPTIONS,
} from "../core/_options.ts";
import { validateParams } from "../core/_params.ts";
import { requestChecked } from "../core/_request.ts";
import { checkOrderFilters, FilterError, type FilterOrder } from "../core/order_filters.ts";
import type { ModelFactory, WsApiMethodInfo } from "../core/types.ts";
import type { OrderRequestOptions } from "./_order_types.ts";

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
};

/** What an order write is, beside its method info and schema. */
export interface OrderWrite<P> {
  /** The method's info. */
  readonly info: WsApiMethodInfo<P>;
  /** The method's params schema. */
  readonly schema: z.ZodType<P>;
  /** The client-id params of the placement, generated when absent (none for tests and cancels). */
  readonly clientIds: (params: P) => readonly string[];
  /** The orders of the placement, as the filters read them. */
  readonly orders: (params: P) => FilterOrder[];
}

/** The most characters a client order id may have. */
export const CLIENT_ORDER_ID_MAX = 36;

const ID_BYTES = new Uint8Array(16);

/**
 * A new client order id: `bws-` and 32 random hex digits (36 characters, letters, digits and
 * `-` only, as Binance allows: `^[a-zA-Z0-9-_]{1,36}$`).
 */
export function newClientOrderId(): string {
  // One buffer for every id (a new Uint8Array costs more than the random bytes); the hex
  // string is a copy, so reusing the buffer at once is safe.
  return "bws-" + crypto.getRandomValues(ID_BYTES).toHex();
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
 * order ids, and places it.
 *
 * @throws {ValidationError} when an option or a param is invalid (nothing is sent).
 * @throws {FilterError} when `filters` is given and the order breaks one (nothing is sent).
 */
export function writeOrder<P, R>(
  conn: WsApiConnection,
  write: OrderWrite<P>,
  params: P | undefined,
  model: ModelFactory<R>,
  options: OrderRequestOptions | undefined,
): Promise<R> {
  const method = write.info.method;
  let body: Record<string, unknown>;
  let valid: P;
  try {
    checkOptions(method, options, ORDER_OPTIONS);
    valid = validateParams(method, write.schema, params);
    if (options?.filters) {
      const found = checkOrderFilters(options.filters, write.orders(valid), {
        referencePrice: options.referencePrice,
        openOrders: options.openOrders,
        openAlgoOrders: options.openAlgoOrders,
      });
      if (found.length > 0) throw new FilterError(method, found);
    }
    body = valid as Record<string, unknown>;
    if (generates(conn, options)) {
      for (const name of write.clientIds(valid)) body[name] ??= newClientOrderId();
    }
  } catch (error) {
    return Promise.reject(error);
  }
  return place(conn, write.info, valid, body, options, model.parse);
}

/**
 * The one placement path of every order write: sends the request with the method's security,
 * weight and order count, and resolves with `parse(result)` (the model, read when the answer
 * arrives, with no further promise). The options were checked already (`ORDER_OPTIONS`), so
 * `request()`'s option check is not run twice. (The resolution of unknown outcomes goes here.)
 */
function place<P, R>(
  conn: WsApiConnection,
  info: WsApiMethodInfo<P>,
  valid: P,
  body: Record<string, unknown>,
  options: OrderRequestOptions | undefined,
  parse: (result: unknown) => R,
): Promise<R> {
  return requestChecked(conn, info.method, body, {
    signal: options?.signal,
    timeoutMs: options?.timeoutMs,
    returnRateLimits: options?.returnRateLimits,
    security: info.security,
    weight: info.weight(valid),
    orders: info.orders?.(valid),
  }, parse);
}
