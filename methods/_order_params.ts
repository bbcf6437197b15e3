// Private: the order rules, written once. The param atoms and enums of every order write, the
// rule of one order by its type (which params it needs, which it does not take), applied to a
// single order (order.place, order.test, order.cancelReplace, sor.*) and to every leg of an
// order list by the leg's param names (above/below, working/pending, pendingAbove/pendingBelow),
// and the cancel-by-id rule. Each method keeps its documented differences through its fields
// (trailingDelta INT, DECIMAL or LONG; OCO's optional prices; SOR's two types). Public param
// types live here too; mod.ts re-exports them as types only.
import { z } from "zod";
import {
  clientOrderId,
  decimalString,
  int,
  long,
  recvWindow,
  symbol,
  timestamp,
} from "../core/_params.ts";
import { compare, parseDecimal } from "../core/_decimal.ts";
import { fastRefinement, type Refinement } from "../core/_fast_schema.ts";
import type { FilterOrder } from "../core/order_filters.ts";
import type {
  CancelRestrictions,
  OcoLegType,
  OrderResponseType,
  OrderSide,
  OrderType,
  PegOffsetType,
  PegPriceType,
  SelfTradePreventionMode,
  TimeInForce,
  WorkingType,
} from "./_order_types.ts";

export type * from "./_order_types.ts";

// ---- Enums ------------------------------------------------------------------------------

export const side: z.ZodType<OrderSide> = z.enum(["BUY", "SELL"]);
export const orderType: z.ZodType<OrderType> = z.enum([
  "LIMIT",
  "MARKET",
  "STOP_LOSS",
  "STOP_LOSS_LIMIT",
  "TAKE_PROFIT",
  "TAKE_PROFIT_LIMIT",
  "LIMIT_MAKER",
]);
export const timeInForce: z.ZodType<TimeInForce> = z.enum(["GTC", "IOC", "FOK"]);
export const responseType: z.ZodType<OrderResponseType> = z.enum(["ACK", "RESULT", "FULL"]);
export const stpMode: z.ZodType<SelfTradePreventionMode> = z.enum([
  "NONE",
  "EXPIRE_MAKER",
  "EXPIRE_TAKER",
  "EXPIRE_BOTH",
  "DECREMENT",
  "TRANSFER",
]);
export const pegPriceType: z.ZodType<PegPriceType> = z.enum(["PRIMARY_PEG", "MARKET_PEG"]);
export const pegOffsetType: z.ZodType<PegOffsetType> = z.enum(["PRICE_LEVEL"]);
export const cancelRestrictions: z.ZodType<CancelRestrictions> = z.enum([
  "ONLY_NEW",
  "ONLY_PARTIALLY_FILLED",
]);
/**
 * An OCO leg's type. `belowType` is documented without `LIMIT_MAKER`, but the docs' own example
 * sends it (wsapi-spec §13.6): both legs take all five, the server decides.
 */
export const ocoLegType: z.ZodType<OcoLegType> = z.enum([
  "STOP_LOSS_LIMIT",
  "STOP_LOSS",
  "LIMIT_MAKER",
  "TAKE_PROFIT",
  "TAKE_PROFIT_LIMIT",
]);
export const workingType: z.ZodType<WorkingType> = z.enum(["LIMIT", "LIMIT_MAKER"]);

/** `pegOffsetValue`: price levels, at most 100. */
export const pegOffsetValue: z.ZodNumber = int(0, 100);
/** `strategyType`: values below 1 000 000 are reserved. */
export const strategyType: z.ZodNumber = int(1_000_000);
/** `trailingDelta` typed INT (order.place, order.test, orderList.place): basis points. */
export const trailingDeltaInt: z.ZodNumber = int(1);

/** The timing params every SIGNED method takes; the connection adds what is missing. */
export const signedShape = {
  recvWindow: recvWindow.optional(),
  timestamp: timestamp.optional(),
};

// ---- The rule of one order by its type --------------------------------------------------

/** The param names of one order (a single order, or one leg of an order list). */
export interface LegNames {
  readonly type: string;
  readonly side: string;
  readonly clientOrderId: string;
  readonly timeInForce: string;
  readonly price: string;
  /** The leg's quantity param; absent for OPO pending legs (no quantity). */
  readonly quantity?: string;
  /** Whether the rule requires `quantity` (a shared, schema-required one is not re-checked). */
  readonly ownQuantity: boolean;
  readonly quoteOrderQty?: string;
  readonly stopPrice: string;
  readonly trailingDelta: string;
  readonly icebergQty: string;
  readonly pegPriceType: string;
  readonly pegOffsetType: string;
  readonly pegOffsetValue: string;
}

/** The names of a leg whose params carry `prefix` (`"above"` → `aboveType`, `abovePrice`…). */
export function legNames(
  prefix: string,
  sideName: string,
  quantity: string | undefined,
  ownQuantity: boolean,
): LegNames {
  const n = (s: string) => `${prefix}${s}`;
  return {
    type: n("Type"),
    side: sideName,
    clientOrderId: n("ClientOrderId"),
    timeInForce: n("TimeInForce"),
    price: n("Price"),
    quantity,
    ownQuantity,
    stopPrice: n("StopPrice"),
    trailingDelta: n("TrailingDelta"),
    icebergQty: n("IcebergQty"),
    pegPriceType: n("PegPriceType"),
    pegOffsetType: n("PegOffsetType"),
    pegOffsetValue: n("PegOffsetValue"),
  };
}

/** The names of a single order (order.place, order.test, order.cancelReplace, sor.*). */
export const SINGLE: LegNames = {
  type: "type",
  side: "side",
  clientOrderId: "newClientOrderId",
  timeInForce: "timeInForce",
  price: "price",
  quantity: "quantity",
  ownQuantity: true,
  quoteOrderQty: "quoteOrderQty",
  stopPrice: "stopPrice",
  trailingDelta: "trailingDelta",
  icebergQty: "icebergQty",
  pegPriceType: "pegPriceType",
  pegOffsetType: "pegOffsetType",
  pegOffsetValue: "pegOffsetValue",
};

const NEEDS_TIME_IN_FORCE = new Set(["LIMIT", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"]);
const PRICED = new Set(["LIMIT", "LIMIT_MAKER", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"]);
const TRIGGERED = new Set(["STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT", "TAKE_PROFIT_LIMIT"]);

/** What a leg's rule may relax. */
export interface LegRules {
  /** `false` where the price of a priced type is documented optional (OCO legs). */
  readonly priceRequired?: boolean;
  /**
   * `true` where a LIMIT_MAKER may carry a time in force (OCO legs: "aboveIcebergQty ... can
   * only be used if aboveTimeInForce is GTC", whatever the leg's type). Elsewhere it takes none
   * (Binance: -1106 "Parameter 'timeInForce' sent when not required."; the OTO docs: an iceberg
   * needs GTC "or if workingType is LIMIT_MAKER").
   */
  readonly makerTimeInForce?: boolean;
}

function issue(ctx: z.RefinementCtx, param: string, message: string): void {
  ctx.addIssue({ code: "custom", path: [param], message });
}

/**
 * The rule of one order by its type (web-socket-api.md, order.place "mandatory parameters"
 * and "Notes on using parameters for Pegged Orders"; faqs/pegged_orders.md), for the params
 * named by `n`:
 * - LIMIT: timeInForce, price, quantity; LIMIT_MAKER: price, quantity; MARKET: exactly one of
 *   quantity and quoteOrderQty; STOP_LOSS, TAKE_PROFIT: quantity and stopPrice or
 *   trailingDelta; STOP_LOSS_LIMIT, TAKE_PROFIT_LIMIT: all of those and timeInForce, price;
 * - a type does not take what it does not use (Binance: -1106 "sent when not required"):
 *   price, timeInForce, icebergQty and peg params on MARKET/STOP_LOSS/TAKE_PROFIT;
 *   timeInForce on LIMIT_MAKER (but for OCO legs, `makerTimeInForce`); stopPrice
 *   and trailingDelta on LIMIT/LIMIT_MAKER/MARKET; quoteOrderQty on anything but MARKET;
 * - icebergQty needs timeInForce GTC (LIMIT_MAKER has none);
 * - pegPriceType makes price optional; pegOffsetType and pegOffsetValue go together;
 *   LIMIT_MAKER pegs only PRIMARY_PEG; LIMIT with PRIMARY_PEG only with timeInForce GTC.
 */
export function checkLeg(
  v: Record<string, unknown>,
  ctx: z.RefinementCtx,
  n: LegNames,
  rules: LegRules = {},
): void {
  const x = n === SINGLE ? readSingle(v) : readLeg(v, n);
  const type = x.type;
  if (typeof type !== "string") return;
  const priced = PRICED.has(type);
  const pegged = x.pegPriceType !== undefined;

  if (NEEDS_TIME_IN_FORCE.has(type)) need(ctx, x.timeInForce, n.timeInForce, n, type);
  else if (type !== "LIMIT_MAKER" || rules.makerTimeInForce !== true) {
    forbid(ctx, x.timeInForce, n.timeInForce, n, type);
  }

  if (priced) {
    if (rules.priceRequired !== false && !pegged) need(ctx, x.price, n.price, n, type);
  } else forbid(ctx, x.price, n.price, n, type);

  if (type === "MARKET" && n.quoteOrderQty !== undefined) {
    if (x.quantity !== undefined && x.quoteOrderQty !== undefined) {
      issue(ctx, n.quoteOrderQty, `cannot be sent with "${n.quantity}": send one of them`);
    } else if (x.quantity === undefined && x.quoteOrderQty === undefined) {
      issue(ctx, n.quantity!, `or "${n.quoteOrderQty}" is required ${of(n, type)}`);
    }
  } else {
    if (n.quantity !== undefined && n.ownQuantity) need(ctx, x.quantity, n.quantity, n, type);
    forbid(ctx, x.quoteOrderQty, n.quoteOrderQty, n, type);
  }

  if (TRIGGERED.has(type)) {
    if (x.stopPrice === undefined && x.trailingDelta === undefined) {
      issue(ctx, n.stopPrice, `or "${n.trailingDelta}" is required ${of(n, type)}`);
    }
  } else {
    forbid(ctx, x.stopPrice, n.stopPrice, n, type);
    forbid(ctx, x.trailingDelta, n.trailingDelta, n, type);
  }

  if (x.icebergQty !== undefined) {
    if (!priced) forbid(ctx, x.icebergQty, n.icebergQty, n, type);
    else if (type !== "LIMIT_MAKER" && x.timeInForce !== undefined && x.timeInForce !== "GTC") {
      issue(ctx, n.icebergQty, `needs "${n.timeInForce}" "GTC"`);
    } else if (n.quantity !== undefined && notBelow(x.icebergQty, x.quantity)) {
      issue(
        ctx,
        n.icebergQty,
        `must be less than "${n.quantity}" (Binance: "IcebergQty exceeds QTY.")`,
      );
    }
  }

  if (!priced) {
    forbid(ctx, x.pegPriceType, n.pegPriceType, n, type);
    forbid(ctx, x.pegOffsetType, n.pegOffsetType, n, type);
    forbid(ctx, x.pegOffsetValue, n.pegOffsetValue, n, type);
    return;
  }
  if ((x.pegOffsetType !== undefined) !== (x.pegOffsetValue !== undefined)) {
    const [missing, given] = x.pegOffsetType !== undefined
      ? [n.pegOffsetValue, n.pegOffsetType]
      : [n.pegOffsetType, n.pegOffsetValue];
    issue(ctx, missing, `must be sent together with "${given}"`);
  }
  if (type === "LIMIT_MAKER" && x.pegPriceType === "MARKET_PEG") {
    issue(ctx, n.pegPriceType, `must be "PRIMARY_PEG" ${of(n, type)}`);
  }
  if (
    type === "LIMIT" && x.pegPriceType === "PRIMARY_PEG" && x.timeInForce !== undefined &&
    x.timeInForce !== "GTC"
  ) {
    issue(ctx, n.timeInForce, `must be "GTC" with ${n.pegPriceType} "PRIMARY_PEG"`);
  }
}

/**
 * Whether both are decimals (a decimal string, or a safe integer: OCO's LONG icebergQty) and
 * `a` is not below `b` (exact).
 */
export function notBelow(a: unknown, b: unknown): boolean {
  const text = (v: unknown) =>
    typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? String(v) : v;
  const x = text(a), y = text(b);
  if (typeof x !== "string" || typeof y !== "string") return false;
  if (!DECIMAL_TEXT.test(x) || !DECIMAL_TEXT.test(y)) return false;
  return compare(parseDecimal(x), parseDecimal(y)) >= 0;
}
const DECIMAL_TEXT = /^\d+(\.\d+)?$/;

/** The params a leg's rule reads, read once (`undefined` for a name the leg does not have). */
interface LegValues {
  type: unknown;
  timeInForce: unknown;
  price: unknown;
  quantity: unknown;
  quoteOrderQty: unknown;
  stopPrice: unknown;
  trailingDelta: unknown;
  icebergQty: unknown;
  pegPriceType: unknown;
  pegOffsetType: unknown;
  pegOffsetValue: unknown;
}

/** A single order's values, by their own names: one load each, of a known name. */
function readSingle(v: Record<string, unknown>): LegValues {
  return {
    type: v.type,
    timeInForce: v.timeInForce,
    price: v.price,
    quantity: v.quantity,
    quoteOrderQty: v.quoteOrderQty,
    stopPrice: v.stopPrice,
    trailingDelta: v.trailingDelta,
    icebergQty: v.icebergQty,
    pegPriceType: v.pegPriceType,
    pegOffsetType: v.pegOffsetType,
    pegOffsetValue: v.pegOffsetValue,
  };
}

/** A list leg's values, by the names `n` gives them. */
function readLeg(v: Record<string, unknown>, n: LegNames): LegValues {
  return {
    type: v[n.type],
    timeInForce: v[n.timeInForce],
    price: v[n.price],
    quantity: n.quantity === undefined ? undefined : v[n.quantity],
    quoteOrderQty: n.quoteOrderQty === undefined ? undefined : v[n.quoteOrderQty],
    stopPrice: v[n.stopPrice],
    trailingDelta: v[n.trailingDelta],
    icebergQty: v[n.icebergQty],
    pegPriceType: v[n.pegPriceType],
    pegOffsetType: v[n.pegOffsetType],
    pegOffsetValue: v[n.pegOffsetValue],
  };
}

/** "for type "LIMIT"" (built only for a message). */
function of(n: LegNames, type: string): string {
  return `for ${n.type} "${type}"`;
}

/** An issue when a param the type needs is absent. */
function need(ctx: z.RefinementCtx, value: unknown, name: string, n: LegNames, type: string): void {
  if (value === undefined) issue(ctx, name, `is required ${of(n, type)}`);
}

/** An issue when a param the type does not take is present (`name` may be one it lacks). */
function forbid(
  ctx: z.RefinementCtx,
  value: unknown,
  name: string | undefined,
  n: LegNames,
  type: string,
): void {
  if (name !== undefined && value !== undefined) {
    issue(ctx, name, `cannot be sent ${of(n, type)} (Binance answers -1106)`);
  }
}

/** A context that only counts the issues added to it (the fast test of a rule). */
const COUNTING = {
  issues: 0,
  addIssue(): void {
    this.issues++;
  },
};

/**
 * The rule of an order by its type, for a single order's params. A fast refinement: the
 * compiled validation runs the same checks, counting their issues, without zod's context.
 */
export const singleOrderRule: Refinement<Record<string, unknown>> = fastRefinement(
  (v) => {
    COUNTING.issues = 0;
    checkLeg(v, COUNTING as unknown as z.RefinementCtx, SINGLE);
    return COUNTING.issues === 0;
  },
  (v, ctx) => checkLeg(v, ctx, SINGLE),
);

const OCO_LIMIT_SIDE = new Set(["LIMIT_MAKER", "TAKE_PROFIT", "TAKE_PROFIT_LIMIT"]);
const OCO_STOP_SIDE = new Set(["STOP_LOSS", "STOP_LOSS_LIMIT"]);

/**
 * The OCO pair rule: one leg LIMIT_MAKER, TAKE_PROFIT or TAKE_PROFIT_LIMIT, the other STOP_LOSS
 * or STOP_LOSS_LIMIT (orderList.place.oco; OTOCO/OPOCO pending legs "follow the OCO rules").
 */
export function checkOcoPair(
  v: Record<string, unknown>,
  ctx: z.RefinementCtx,
  above: string,
  below: string,
): void {
  const a = v[above], b = v[below];
  if (typeof a !== "string" || typeof b !== "string") return;
  const ok = (OCO_LIMIT_SIDE.has(a) && OCO_STOP_SIDE.has(b)) ||
    (OCO_STOP_SIDE.has(a) && OCO_LIMIT_SIDE.has(b));
  if (!ok) {
    issue(
      ctx,
      below,
      `"${b}" cannot pair with ${above} "${a}": one leg must be LIMIT_MAKER, TAKE_PROFIT or ` +
        "TAKE_PROFIT_LIMIT, the other STOP_LOSS or STOP_LOSS_LIMIT",
    );
  }
}

/** Fails when a leg's params are sent without its (optional) type. */
export function checkLegPresent(
  v: Record<string, unknown>,
  ctx: z.RefinementCtx,
  n: LegNames,
): void {
  if (v[n.type] !== undefined) return;
  const prefix = n.type.slice(0, -"Type".length);
  for (const key of Object.keys(v)) {
    if (key !== n.type && key.startsWith(prefix) && v[key] !== undefined) {
      issue(ctx, key, `cannot be sent without "${n.type}"`);
    }
  }
}

/**
 * Fails when the legs' client order ids given in `names` are not distinct: each is "unique
 * among open orders". The list's own id is of another kind ("unique ID among open order
 * lists"), so it may equal a leg's.
 */
export function checkDistinctIds(
  v: Record<string, unknown>,
  ctx: z.RefinementCtx,
  names: readonly string[],
): void {
  const seen = new Map<unknown, string>();
  for (const name of names) {
    const id = v[name];
    if (id === undefined) continue;
    const first = seen.get(id);
    if (first !== undefined) {
      issue(ctx, name, `must differ from "${first}" (each is unique among open orders)`);
    } else seen.set(id, name);
  }
}

/** Fails unless at least one of `a` and `b` is sent (Binance: -1102); names `a`. */
export function eitherRequired(a: string, b: string): Refinement<Record<string, unknown>> {
  // A fast refinement: the compiled validation runs the test, not zod's check around it.
  return fastRefinement<Record<string, unknown>>(
    (v) => v[a] !== undefined || v[b] !== undefined,
    (v, ctx) => checkEitherRequired(v, ctx, a, b),
  );
}

/**
 * The check of {@linkcode eitherRequired}, to call from inside another refinement (calling a
 * fast refinement there would answer the compiler's probe for the whole refinement).
 */
export function checkEitherRequired(
  v: Record<string, unknown>,
  ctx: z.RefinementCtx,
  a: string,
  b: string,
): void {
  if (v[a] === undefined && v[b] === undefined) issue(ctx, a, `or "${b}" is required`);
}

/** Fails unless `name` has `value` (OPO: working BUY, pending SELL). */
export function mustBe(name: string, value: string, code: string) {
  return (v: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    if (v[name] !== undefined && v[name] !== value) {
      issue(ctx, name, `must be "${value}" (Binance answers ${code})`);
    }
  };
}

// ---- Fields -----------------------------------------------------------------------------

/** The params of one order, as order.place takes them (trailingDelta INT). */
export const orderShape = {
  symbol,
  side,
  type: orderType,
  timeInForce: timeInForce.optional(),
  price: decimalString.optional(),
  quantity: decimalString.optional(),
  quoteOrderQty: decimalString.optional(),
  newClientOrderId: clientOrderId.optional(),
  newOrderRespType: responseType.optional(),
  stopPrice: decimalString.optional(),
  trailingDelta: trailingDeltaInt.optional(),
  icebergQty: decimalString.optional(),
  strategyId: long.optional(),
  strategyType: strategyType.optional(),
  selfTradePreventionMode: stpMode.optional(),
  pegPriceType: pegPriceType.optional(),
  pegOffsetValue: pegOffsetValue.optional(),
  pegOffsetType: pegOffsetType.optional(),
  ...signedShape,
};

export const listCommonShape = {
  symbol,
  listClientOrderId: clientOrderId.optional(),
  newOrderRespType: responseType.optional(),
  selfTradePreventionMode: stpMode.optional(),
  ...signedShape,
};

/** The prefixed keys of a leg's shape: `prefixed("above", { price })` → `{ abovePrice }`. */
export function prefixed<P extends string, S extends Record<string, z.ZodType>>(
  prefix: P,
  shape: S,
): { [K in keyof S & string as `${P}${Capitalize<K>}`]: S[K] } {
  return Object.fromEntries(
    Object.entries(shape).map(([k, v]) => [`${prefix}${k[0].toUpperCase()}${k.slice(1)}`, v]),
  ) as { [K in keyof S & string as `${P}${Capitalize<K>}`]: S[K] };
}

/** The fields of a leg that every list leg has (its type aside). */
function legShape<T extends z.ZodType, I extends z.ZodType>(trailingDelta: T, icebergQty: I) {
  return {
    clientOrderId: clientOrderId.optional(),
    price: decimalString.optional(),
    stopPrice: decimalString.optional(),
    trailingDelta: trailingDelta.optional(),
    icebergQty: icebergQty.optional(),
    timeInForce: timeInForce.optional(),
    strategyId: long.optional(),
    strategyType: strategyType.optional(),
    pegPriceType: pegPriceType.optional(),
    pegOffsetType: pegOffsetType.optional(),
    pegOffsetValue: pegOffsetValue.optional(),
  };
}

/** An OCO leg: trailingDelta and icebergQty documented LONG. */
export const ocoLegShape = legShape(int(1), int(0));
/** An OTO/OTOCO/OPO/OPOCO pending leg: trailingDelta documented DECIMAL. */
export const pendingLegShape = legShape(decimalString, decimalString);
/**
 * The working leg of OTO/OTOCO/OPO/OPOCO: a LIMIT or LIMIT_MAKER with quantity, and price unless
 * pegged ("Any order in OTO can be pegged: both working and pending orders", faqs/pegged_orders.md).
 */
export const workingShape = {
  workingType,
  workingSide: side,
  workingPrice: decimalString.optional(),
  workingQuantity: decimalString,
  workingClientOrderId: clientOrderId.optional(),
  workingIcebergQty: decimalString.optional(),
  workingTimeInForce: timeInForce.optional(),
  workingStrategyId: long.optional(),
  workingStrategyType: strategyType.optional(),
  workingPegPriceType: pegPriceType.optional(),
  workingPegOffsetType: pegOffsetType.optional(),
  workingPegOffsetValue: pegOffsetValue.optional(),
};

/** The legs of OTO/OPO (working + pending) and OTOCO/OPOCO (working + above + below). */
export const WORKING: LegNames = legNames("working", "workingSide", "workingQuantity", false);

/** A pending leg's names; `quantity` is `"pendingQuantity"` for OTO/OTOCO, absent for OPO. */
export function pendingNames(prefix: string, quantity: string | undefined): LegNames {
  return legNames(prefix, "pendingSide", quantity, prefix === "pending");
}

/** One order of a placement, as checkOrderFilters reads it. */
export type LegOrder = FilterOrder;

/** The order a leg's params describe. */
export function legOrder(params: object, n: LegNames): LegOrder {
  const v = params as Record<string, unknown>;
  const s = (name: string | undefined) =>
    name === undefined ? undefined : v[name] === undefined ? undefined : String(v[name]);
  const order: LegOrder = {
    side: s(n.side),
    type: String(v[n.type]),
    price: s(n.price),
    quantity: s(n.quantity),
    quoteOrderQty: s(n.quoteOrderQty),
    stopPrice: s(n.stopPrice),
    trailingDelta: v[n.trailingDelta] as number | string | undefined,
    icebergQty: s(n.icebergQty),
  };
  // A list leg's violations name its own params (abovePrice, pendingQuantity…).
  if (n !== SINGLE) {
    order.params = {
      price: n.price,
      quantity: n.quantity,
      stopPrice: n.stopPrice,
      trailingDelta: n.trailingDelta,
      icebergQty: n.icebergQty,
    };
  }
  return order;
}

/** A single order as checkOrderFilters reads it (order.place, order.test, sor.*). */
export function singleOrder(params: object): LegOrder[] {
  return [legOrder(params, SINGLE)];
}

// ---- The legs of an order list ----------------------------------------------------------

/** What an order write needs of a list's legs: their client ids and their orders. */
export interface ListLegs<P> {
  /** `listClientOrderId`, then the client id of each leg placed. */
  readonly clientIds: (params: P) => readonly string[];
  /** Each leg placed, as checkOrderFilters reads it. */
  readonly orders: (params: P) => LegOrder[];
}

/** The legs of a list, in the order they are sent; a leg without its type (OTOCO's optional below) is not placed. */
export function listLegs<P extends object>(legs: readonly LegNames[]): ListLegs<P> {
  const placed = (p: P) => legs.filter((n) => (p as Record<string, unknown>)[n.type] !== undefined);
  return {
    clientIds: (p) => ["listClientOrderId", ...placed(p).map((n) => n.clientOrderId)],
    orders: (p) => placed(p).map((n) => legOrder(p, n)),
  };
}

/** A working-then-pending list (OTO, OPO, OTOCO, OPOCO): its legs and their rule. */
export interface PendingList<P> extends ListLegs<P> {
  /** Each leg by its type; OTOCO/OPOCO: the OCO pair; OPO/OPOCO: working BUY, pending SELL. */
  readonly rule: (v: Record<string, unknown>, ctx: z.RefinementCtx) => void;
}

/** The kind of a working-then-pending list. */
export interface PendingListKind {
  /** OTOCO/OPOCO: two pending legs, above and (optional) below, by the OCO rules. */
  readonly oco: boolean;
  /** OPO/OPOCO: the pending orders have no quantity: they sell what the working order buys. */
  readonly paid: boolean;
}

/** The legs and rule of OTO, OPO, OTOCO or OPOCO. */
export function pendingList<P extends object>(kind: PendingListKind): PendingList<P> {
  const quantity = kind.paid ? undefined : "pendingQuantity";
  const pending = kind.oco
    ? [pendingNames("pendingAbove", quantity), pendingNames("pendingBelow", quantity)]
    : [pendingNames("pending", quantity)];
  const legs = [WORKING, ...pending];
  return {
    ...listLegs<P>(legs),
    rule: (v, ctx) => {
      for (const n of legs) checkLeg(v, ctx, n);
      checkDistinctIds(v, ctx, legs.map((n) => n.clientOrderId));
      if (kind.oco) {
        checkLegPresent(v, ctx, pending[1]);
        checkOcoPair(v, ctx, pending[0].type, pending[1].type);
      }
      if (kind.paid) {
        mustBe("workingSide", "BUY", "-1222")(v, ctx);
        mustBe("pendingSide", "SELL", "-1223")(v, ctx);
      }
    },
  };
}

/** The fields of OTO (`quantity`: its `pendingQuantity`) and OPO (none), in Binance's order. */
export function otoShape<Q extends Record<string, z.ZodType>>(quantity: Q) {
  return {
    ...listCommonShape,
    ...workingShape,
    pendingType: orderType,
    pendingSide: side,
    ...quantity,
    ...prefixed("pending", pendingLegShape),
  };
}

/** The fields of OTOCO (`quantity`: its `pendingQuantity`) and OPOCO (none), in Binance's order. */
export function otocoShape<Q extends Record<string, z.ZodType>>(quantity: Q) {
  return {
    ...listCommonShape,
    ...workingShape,
    pendingSide: side,
    ...quantity,
    pendingAboveType: ocoLegType,
    pendingBelowType: ocoLegType.optional(),
    ...prefixed("pendingAbove", pendingLegShape),
    ...prefixed("pendingBelow", pendingLegShape),
  };
}

/** What order.test and sor.order.test add to their base's params object. */
export const commissionRatesShape = {
  computeCommissionRates: z.boolean().optional(),
};

/** The weight of order.test and sor.order.test: 20 with `computeCommissionRates`, else 1. */
export function testWeight(params: { computeCommissionRates?: boolean }): number {
  return params.computeCommissionRates === true ? 20 : 1;
}

/** The params object of `order.place`, before the rule by type (order.test extends it). */
export const orderPlaceObject = z.strictObject(orderShape);

/** The params object of `sor.order.place`, before the rule by type (sor.order.test extends it). */
export const sorOrderObject = z.strictObject({
  symbol,
  side,
  type: z.enum(["LIMIT", "MARKET"]),
  quantity: decimalString,
  timeInForce: timeInForce.optional(),
  price: decimalString.optional(),
  newClientOrderId: clientOrderId.optional(),
  newOrderRespType: responseType.optional(),
  icebergQty: decimalString.optional(),
  strategyId: long.optional(),
  strategyType: strategyType.optional(),
  selfTradePreventionMode: stpMode.optional(),
  ...signedShape,
});
