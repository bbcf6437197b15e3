/**
 * The `executionReport` event of the User Data Stream: an order's update.
 *
 * @module
 */
import { bool, dec, eventType, int, isDecimal, object, type Payload, str } from "../core/_check.ts";
import type { ModelFactory } from "../core/types.ts";
import { isInt, isOptInt, isOptStr, optBool, optDec, optInt, optStr } from "./_user_data_fields.ts";

/**
 * A string that is none of the documented values of an enum field: a value Binance added
 * after this version. It is accepted (a new value never breaks parsing); the documented values
 * still complete in an editor, and a `switch` over them needs a `default`.
 */
export type UnlistedEnumValue = string & Record<never, never>;

/**
 * An execution type (`x`, `enums.md` "Execution types"). Any other string is a value Binance
 * added after this version, passed on as it arrived.
 */
export type ExecutionType =
  | "NEW"
  | "CANCELED"
  | "REPLACED"
  | "REJECTED"
  | "TRADE"
  | "EXPIRED"
  | "TRADE_PREVENTION"
  | UnlistedEnumValue;

/**
 * An order status (`X`, `enums.md` "Order status"). Any other string is a value Binance added
 * after this version, passed on as it arrived.
 */
export type OrderStatus =
  | "NEW"
  | "PENDING_NEW"
  | "PARTIALLY_FILLED"
  | "FILLED"
  | "CANCELED"
  | "PENDING_CANCEL"
  | "REJECTED"
  | "EXPIRED"
  | "EXPIRED_IN_MATCH"
  | UnlistedEnumValue;

/**
 * An order reject reason (`r`, `user-data-stream.md` "Order Reject Reason"); `"NONE"` when the
 * order was not rejected. Any other string is a value Binance added after this version.
 */
export type OrderRejectReason =
  | "NONE"
  | "INSUFFICIENT_BALANCES"
  | "STOP_PRICE_WOULD_TRIGGER_IMMEDIATELY"
  | "WOULD_MATCH_IMMEDIATELY"
  | "OCO_BAD_PRICES"
  | UnlistedEnumValue;

/**
 * Why an order expired (`eR`, `enums.md` "Expiry Reasons", `user-data-stream.md` "Order Expiry
 * Reason"). Any other string is a value Binance added after this version.
 */
export type OrderExpiryReason =
  | "NONE"
  | "REJECTED"
  | "EXCHANGE_CANCELED"
  | "OCO_TRIGGER"
  | "OTO_PHASE_ONE_EXPIRED"
  | "UNFILLED_IOC_QUANTITY_EXPIRED"
  | "UNFILLED_FOK_ORDER_EXPIRED"
  | "INSUFFICIENT_LIQUIDITY"
  | "EXECUTION_RULE_PRICE_RANGE_EXCEEDED"
  | UnlistedEnumValue;

/**
 * An order's update, as the User Data Stream pushes it (`executionReport`): every field of
 * `user-data-stream.md` "Order Update" with a readable name, and the conditional fields of
 * "Conditional Fields in Execution Report", `undefined` when Binance did not send them (the
 * key is always there, so that every report has one shape). `M` ("Ignore") is only in `raw`.
 * The average price is `cumulativeQuoteQty / cumulativeFilledQty`.
 */
export interface ExecutionReportEvent {
  /** Event type (`e`). */
  eventType: "executionReport";
  /** Event time (`E`, ms). */
  eventTime: number;
  /** Symbol (`s`). */
  symbol: string;
  /** Client order id (`c`). */
  clientOrderId: string;
  /** Side (`S`). */
  side: "BUY" | "SELL" | UnlistedEnumValue;
  /** Order type (`o`). */
  orderType:
    | "LIMIT"
    | "MARKET"
    | "STOP_LOSS"
    | "STOP_LOSS_LIMIT"
    | "TAKE_PROFIT"
    | "TAKE_PROFIT_LIMIT"
    | "LIMIT_MAKER"
    | UnlistedEnumValue;
  /** Time in force (`f`). */
  timeInForce: "GTC" | "IOC" | "FOK" | UnlistedEnumValue;
  /** Order quantity (`q`). */
  origQty: string;
  /** Order price (`p`). */
  price: string;
  /** Stop price (`P`). */
  stopPrice: string;
  /** Iceberg quantity (`F`). */
  icebergQty: string;
  /** Order list id (`g`), -1 for an order of no list. */
  orderListId: number;
  /** Original client order id (`C`): the id of the order being canceled, `""` when none. */
  origClientOrderId: string;
  /** Current execution type (`x`). */
  executionType: ExecutionType;
  /** Current order status (`X`). */
  orderStatus: OrderStatus;
  /** Order reject reason (`r`). */
  rejectReason: OrderRejectReason;
  /** Order id (`i`). */
  orderId: number;
  /** Last executed quantity (`l`). */
  lastExecutedQty: string;
  /** Cumulative filled quantity (`z`). */
  cumulativeFilledQty: string;
  /** Last executed price (`L`). */
  lastExecutedPrice: string;
  /** Commission amount (`n`). */
  commission: string;
  /** Commission asset (`N`), `null` when no commission was charged. */
  commissionAsset: string | null;
  /** Transaction time (`T`, ms). */
  transactionTime: number;
  /** Trade id (`t`), -1 when the update is not a trade. */
  tradeId: number;
  /** Execution id (`I`). */
  executionId: number;
  /** Whether the order is on the book (`w`). */
  isOrderOnBook: boolean;
  /** Whether this trade is the maker side (`m`). */
  isMaker: boolean;
  /** Order creation time (`O`, ms). */
  orderCreationTime: number;
  /** Cumulative quote asset transacted quantity (`Z`). */
  cumulativeQuoteQty: string;
  /** Last quote asset transacted quantity (`Y`, i.e. last price × last quantity). */
  lastQuoteQty: string;
  /** Quote order quantity (`Q`). */
  quoteOrderQty: string;
  /** Working time (`W`, ms): only when the order has been placed on the book. */
  workingTime: number | undefined;
  /** Self-trade prevention mode (`V`). */
  selfTradePreventionMode:
    | "NONE"
    | "EXPIRE_MAKER"
    | "EXPIRE_TAKER"
    | "EXPIRE_BOTH"
    | "DECREMENT"
    | "TRANSFER"
    | UnlistedEnumValue;
  /** Trailing delta (`d`): trailing stop orders only. */
  trailingDelta: number | undefined;
  /** Trailing time (`D`): trailing stop orders only. */
  trailingTime: number | undefined;
  /** Strategy id (`j`): only if `strategyId` was sent with the order. */
  strategyId: number | undefined;
  /** Strategy type (`J`): only if `strategyType` was sent with the order. */
  strategyType: number | undefined;
  /** Prevented match id (`v`): orders that expired due to STP. */
  preventedMatchId: number | undefined;
  /** Prevented quantity (`A`): orders that expired due to STP. */
  preventedQuantity: string | undefined;
  /** Last prevented quantity (`B`): orders that expired due to STP. */
  lastPreventedQuantity: string | undefined;
  /** Trade group id (`u`): orders that expired due to STP. */
  tradeGroupId: number | undefined;
  /** Counter order id (`U`): orders that expired due to STP. */
  counterOrderId: number | undefined;
  /** Counter symbol (`Cs`): orders that expired due to STP. */
  counterSymbol: string | undefined;
  /** Prevented execution quantity (`pl`): orders that expired due to STP. */
  preventedExecutionQuantity: string | undefined;
  /** Prevented execution price (`pL`): orders that expired due to STP. */
  preventedExecutionPrice: string | undefined;
  /** Prevented execution quote quantity (`pY`): orders that expired due to STP. */
  preventedExecutionQuoteQty: string | undefined;
  /** Match type (`b`), e.g. `"ONE_PARTY_TRADE_REPORT"`: orders that have allocations. */
  matchType: string | undefined;
  /** Allocation id (`a`): orders that have allocations. */
  allocationId: number | undefined;
  /** Working floor (`k`): orders that potentially have allocations. */
  workingFloor: "EXCHANGE" | "SOR" | UnlistedEnumValue | undefined;
  /** Whether the order used SOR (`uS`): orders that used SOR. */
  usedSor: boolean | undefined;
  /** Pegged price type (`gP`): pegged orders only. */
  pegPriceType: "PRIMARY_PEG" | "MARKET_PEG" | UnlistedEnumValue | undefined;
  /** Pegged offset type (`gOT`): pegged orders only. */
  pegOffsetType: "PRICE_LEVEL" | UnlistedEnumValue | undefined;
  /** Pegged offset value (`gOV`): pegged orders only. */
  pegOffsetValue: number | undefined;
  /** Pegged price (`gp`): pegged orders only. */
  peggedPrice: string | undefined;
  /** Expiry reason (`eR`): when the order has expired. */
  expiryReason: OrderExpiryReason | undefined;
  /** The payload as it arrived, for fields this model does not name. */
  raw: Readonly<Record<string, unknown>>;
}

const MODEL = "ExecutionReportEvent";

/**
 * The model of a checked payload, built with `new` (see models/trade_event.ts: a constructor
 * call has no allocation site that V8 would move to the old generation). Every key is set,
 * the conditional ones to `undefined` when absent: one hidden class for every report.
 */
const Model = function (this: ExecutionReportEvent, o: Payload): void {
  this.eventType = "executionReport";
  this.eventTime = o.E as number;
  this.symbol = o.s as string;
  this.clientOrderId = o.c as string;
  this.side = o.S as string;
  this.orderType = o.o as string;
  this.timeInForce = o.f as string;
  this.origQty = o.q as string;
  this.price = o.p as string;
  this.stopPrice = o.P as string;
  this.icebergQty = o.F as string;
  this.orderListId = o.g as number;
  this.origClientOrderId = o.C as string;
  this.executionType = o.x as string;
  this.orderStatus = o.X as string;
  this.rejectReason = o.r as string;
  this.orderId = o.i as number;
  this.lastExecutedQty = o.l as string;
  this.cumulativeFilledQty = o.z as string;
  this.lastExecutedPrice = o.L as string;
  this.commission = o.n as string;
  this.commissionAsset = o.N as string | null;
  this.transactionTime = o.T as number;
  this.tradeId = o.t as number;
  this.executionId = o.I as number;
  this.isOrderOnBook = o.w as boolean;
  this.isMaker = o.m as boolean;
  this.orderCreationTime = o.O as number;
  this.cumulativeQuoteQty = o.Z as string;
  this.lastQuoteQty = o.Y as string;
  this.quoteOrderQty = o.Q as string;
  this.workingTime = o.W as number | undefined;
  this.selfTradePreventionMode = o.V as string;
  this.trailingDelta = o.d as number | undefined;
  this.trailingTime = o.D as number | undefined;
  this.strategyId = o.j as number | undefined;
  this.strategyType = o.J as number | undefined;
  this.preventedMatchId = o.v as number | undefined;
  this.preventedQuantity = o.A as string | undefined;
  this.lastPreventedQuantity = o.B as string | undefined;
  this.tradeGroupId = o.u as number | undefined;
  this.counterOrderId = o.U as number | undefined;
  this.counterSymbol = o.Cs as string | undefined;
  this.preventedExecutionQuantity = o.pl as string | undefined;
  this.preventedExecutionPrice = o.pL as string | undefined;
  this.preventedExecutionQuoteQty = o.pY as string | undefined;
  this.matchType = o.b as string | undefined;
  this.allocationId = o.a as number | undefined;
  this.workingFloor = o.k as string | undefined;
  this.usedSor = o.uS as boolean | undefined;
  this.pegPriceType = o.gP as string | undefined;
  this.pegOffsetType = o.gOT as string | undefined;
  this.pegOffsetValue = o.gOV as number | undefined;
  this.peggedPrice = o.gp as string | undefined;
  this.expiryReason = o.eR as string | undefined;
  this.raw = o;
} as unknown as new (o: Payload) => ExecutionReportEvent;
Model.prototype = Object.prototype;

/** The checks one by one: the first field that does not match is named in the error. */
function checkExecutionReport(raw: unknown): ExecutionReportEvent {
  const o = object(raw, MODEL);
  eventType(o, "executionReport", MODEL);
  int(o, "E", MODEL);
  str(o, "s", MODEL);
  str(o, "c", MODEL);
  str(o, "S", MODEL);
  str(o, "o", MODEL);
  str(o, "f", MODEL);
  dec(o, "q", MODEL);
  dec(o, "p", MODEL);
  dec(o, "P", MODEL);
  dec(o, "F", MODEL);
  int(o, "g", MODEL);
  str(o, "C", MODEL);
  str(o, "x", MODEL);
  str(o, "X", MODEL);
  str(o, "r", MODEL);
  int(o, "i", MODEL);
  dec(o, "l", MODEL);
  dec(o, "z", MODEL);
  dec(o, "L", MODEL);
  dec(o, "n", MODEL);
  if (o.N !== null) str(o, "N", MODEL);
  int(o, "T", MODEL);
  int(o, "t", MODEL);
  int(o, "I", MODEL);
  bool(o, "w", MODEL);
  bool(o, "m", MODEL);
  int(o, "O", MODEL);
  dec(o, "Z", MODEL);
  dec(o, "Y", MODEL);
  dec(o, "Q", MODEL);
  optInt(o, "W", MODEL);
  str(o, "V", MODEL);
  optInt(o, "d", MODEL);
  optInt(o, "D", MODEL);
  optInt(o, "j", MODEL);
  optInt(o, "J", MODEL);
  optInt(o, "v", MODEL);
  optDec(o, "A", MODEL);
  optDec(o, "B", MODEL);
  optInt(o, "u", MODEL);
  optInt(o, "U", MODEL);
  optStr(o, "Cs", MODEL);
  optDec(o, "pl", MODEL);
  optDec(o, "pL", MODEL);
  optDec(o, "pY", MODEL);
  optStr(o, "b", MODEL);
  optInt(o, "a", MODEL);
  optStr(o, "k", MODEL);
  optBool(o, "uS", MODEL);
  optStr(o, "gP", MODEL);
  optStr(o, "gOT", MODEL);
  optInt(o, "gOV", MODEL);
  optDec(o, "gp", MODEL);
  optStr(o, "eR", MODEL);
  return new Model(o);
}

/** Whether `v` is undefined or a decimal string. */
function isOptDec(v: unknown): boolean {
  return v === undefined || isDecimal(v);
}

/**
 * The hot path: every field tested inline as `checkExecutionReport` tests it, the model built
 * by its constructor; anything unexpected goes to `checkExecutionReport`, which throws the error
 * naming the field. Enum fields are any string: a value Binance adds never breaks parsing.
 */
function parseExecutionReport(raw: unknown): ExecutionReportEvent {
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const o = raw as Payload;
    const N = o.N;
    if (
      o.e === "executionReport" && isInt(o.E) && typeof o.s === "string" &&
      typeof o.c === "string" && typeof o.S === "string" && typeof o.o === "string" &&
      typeof o.f === "string" && isDecimal(o.q) && isDecimal(o.p) && isDecimal(o.P) &&
      isDecimal(o.F) && isInt(o.g) && typeof o.C === "string" && typeof o.x === "string" &&
      typeof o.X === "string" && typeof o.r === "string" && isInt(o.i) && isDecimal(o.l) &&
      isDecimal(o.z) && isDecimal(o.L) && isDecimal(o.n) &&
      (N === null || typeof N === "string") && isInt(o.T) && isInt(o.t) && isInt(o.I) &&
      typeof o.w === "boolean" && typeof o.m === "boolean" && isInt(o.O) &&
      isDecimal(o.Z) && isDecimal(o.Y) && isDecimal(o.Q) && isOptInt(o.W) &&
      typeof o.V === "string" &&
      // The conditional fields.
      isOptInt(o.d) && isOptInt(o.D) && isOptInt(o.j) && isOptInt(o.J) && isOptInt(o.v) &&
      isOptDec(o.A) && isOptDec(o.B) && isOptInt(o.u) && isOptInt(o.U) && isOptStr(o.Cs) &&
      isOptDec(o.pl) && isOptDec(o.pL) && isOptDec(o.pY) && isOptStr(o.b) && isOptInt(o.a) &&
      isOptStr(o.k) && (o.uS === undefined || typeof o.uS === "boolean") &&
      isOptStr(o.gP) && isOptStr(o.gOT) && isOptInt(o.gOV) && isOptDec(o.gp) &&
      isOptStr(o.eR)
    ) {
      return new Model(o);
    }
  }
  return checkExecutionReport(raw);
}

/**
 * Factory of {@linkcode ExecutionReportEvent}: checks a payload (the `event` of the frame)
 * against the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/user-data-stream.md#order-update}
 *
 * @example Usage
 * ```ts
 * import { ExecutionReportEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const r = ExecutionReportEvent.parse({
 *   e: "executionReport", E: 1499405658658, s: "ETHBTC", c: "mUvoqJxFIILMdfAW5iGSOW",
 *   S: "BUY", o: "LIMIT", f: "GTC", q: "1.00000000", p: "0.10264410", P: "0.00000000",
 *   F: "0.00000000", g: -1, C: "", x: "NEW", X: "NEW", r: "NONE", i: 4293153,
 *   l: "0.00000000", z: "0.00000000", L: "0.00000000", n: "0", N: null, T: 1499405658657,
 *   t: -1, I: 8641984, w: true, m: false, M: false, O: 1499405658657, Z: "0.00000000",
 *   Y: "0.00000000", Q: "0.00000000", W: 1499405658657, V: "NONE",
 * });
 * assert.equal(r.orderStatus, "NEW");
 * assert.equal(r.price, "0.10264410");
 * assert.equal(r.trailingDelta, undefined);
 * ```
 */
export const ExecutionReportEvent: ModelFactory<ExecutionReportEvent> = {
  parse: parseExecutionReport,
};
