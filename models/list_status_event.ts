/**
 * The `listStatus` event of the User Data Stream: an order list's update.
 *
 * @module
 */
import { eventType, int, object, objects, type Payload, str } from "../core/_check.ts";
import type { ModelFactory } from "../core/types.ts";
import { at, isInt } from "./_user_data_fields.ts";
import type { OrderRejectReason, UnlistedEnumValue } from "./execution_report_event.ts";

/**
 * A contingency type (`c`, `enums.md` "ContingencyType"). Any other string is a value Binance
 * added after this version, passed on as it arrived.
 */
export type ContingencyType = "OCO" | "OTO" | UnlistedEnumValue;

/**
 * An order list status type (`l`, `enums.md` "Order List Status"). Any other string is a value
 * Binance added after this version, passed on as it arrived.
 */
export type ListStatusType =
  | "RESPONSE"
  | "EXEC_STARTED"
  | "UPDATED"
  | "ALL_DONE"
  | UnlistedEnumValue;

/**
 * An order list's order status (`L`, `enums.md` "Order List Order Status"). Any other string
 * is a value Binance added after this version, passed on as it arrived.
 */
export type ListOrderStatus = "EXECUTING" | "ALL_DONE" | "REJECT" | UnlistedEnumValue;

/** One order of a `listStatus` event. */
export interface ListStatusOrder {
  /** Symbol (`s`). */
  symbol: string;
  /** Order id (`i`). */
  orderId: number;
  /** Client order id (`c`). */
  clientOrderId: string;
}

/**
 * An order list's update (`listStatus`), sent beside the `executionReport` events of its
 * orders.
 */
export interface ListStatusEvent {
  /** Event type (`e`). */
  eventType: "listStatus";
  /** Event time (`E`, ms). */
  eventTime: number;
  /** Symbol (`s`). */
  symbol: string;
  /** Order list id (`g`). */
  orderListId: number;
  /** Contingency type (`c`). */
  contingencyType: ContingencyType;
  /** List status type (`l`). */
  listStatusType: ListStatusType;
  /** List order status (`L`). */
  listOrderStatus: ListOrderStatus;
  /** List reject reason (`r`), `"NONE"` when the list was not rejected. */
  listRejectReason: OrderRejectReason;
  /** List client order id (`C`). */
  listClientOrderId: string;
  /** Transaction time (`T`, ms). */
  transactionTime: number;
  /** The orders of the list (`O`). */
  orders: ListStatusOrder[];
  /** The payload as it arrived, for fields this model does not name. */
  raw: Readonly<Record<string, unknown>>;
}

const MODEL = "ListStatusEvent";

/** An order of the list, built with `new` (see models/trade_event.ts). */
const Order = function (this: ListStatusOrder, s: string, i: number, c: string): void {
  this.symbol = s;
  this.orderId = i;
  this.clientOrderId = c;
} as unknown as new (s: string, i: number, c: string) => ListStatusOrder;
Order.prototype = Object.prototype;

/** The model of a checked payload (its orders already built), built with `new`. */
const Model = function (
  this: ListStatusEvent,
  o: Payload,
  orders: ListStatusOrder[],
): void {
  this.eventType = "listStatus";
  this.eventTime = o.E as number;
  this.symbol = o.s as string;
  this.orderListId = o.g as number;
  this.contingencyType = o.c as string;
  this.listStatusType = o.l as string;
  this.listOrderStatus = o.L as string;
  this.listRejectReason = o.r as string;
  this.listClientOrderId = o.C as string;
  this.transactionTime = o.T as number;
  this.orders = orders;
  this.raw = o;
} as unknown as new (o: Payload, orders: ListStatusOrder[]) => ListStatusEvent;
Model.prototype = Object.prototype;

/** The checks one by one: the first field that does not match is named in the error. */
function checkListStatus(raw: unknown): ListStatusEvent {
  const o = object(raw, MODEL);
  eventType(o, "listStatus", MODEL);
  int(o, "E", MODEL);
  str(o, "s", MODEL);
  int(o, "g", MODEL);
  str(o, "c", MODEL);
  str(o, "l", MODEL);
  str(o, "L", MODEL);
  str(o, "r", MODEL);
  str(o, "C", MODEL);
  int(o, "T", MODEL);
  const orders = objects(o, "O", MODEL).map((e, i) =>
    new Order(
      str(at(e, "s", `O.${i}.s`), `O.${i}.s`, MODEL),
      int(at(e, "i", `O.${i}.i`), `O.${i}.i`, MODEL),
      str(at(e, "c", `O.${i}.c`), `O.${i}.c`, MODEL),
    )
  );
  return new Model(o, orders);
}

/**
 * The hot path: every field tested inline, the orders built in one loop; anything unexpected
 * goes to `checkListStatus`, which throws the error naming the field.
 */
function parseListStatus(raw: unknown): ListStatusEvent {
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const o = raw as Payload;
    const O = o.O;
    if (
      o.e === "listStatus" && isInt(o.E) && typeof o.s === "string" && isInt(o.g) &&
      typeof o.c === "string" && typeof o.l === "string" && typeof o.L === "string" &&
      typeof o.r === "string" && typeof o.C === "string" && isInt(o.T) && Array.isArray(O)
    ) {
      const orders = new Array<ListStatusOrder>(O.length);
      let ok = true;
      for (let i = 0; i < O.length; i++) {
        const e = O[i];
        if (
          typeof e !== "object" || e === null || typeof e.s !== "string" || !isInt(e.i) ||
          typeof e.c !== "string"
        ) {
          ok = false;
          break;
        }
        orders[i] = new Order(e.s, e.i, e.c);
      }
      if (ok) return new Model(o, orders);
    }
  }
  return checkListStatus(raw);
}

/**
 * Factory of {@linkcode ListStatusEvent}: checks a payload (the `event` of the frame) against
 * the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/user-data-stream.md#order-update}
 *
 * @example Usage
 * ```ts
 * import { ListStatusEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const l = ListStatusEvent.parse({
 *   e: "listStatus", E: 1564035303637, s: "ETHBTC", g: 2, c: "OCO", l: "EXEC_STARTED",
 *   L: "EXECUTING", r: "NONE", C: "F4QN4G8DlFATFlIUQ0cjdD", T: 1564035303625,
 *   O: [{ s: "ETHBTC", i: 17, c: "AJYsMjErWJesZvqlJCTUgL" }],
 * });
 * assert.equal(l.orders[0].orderId, 17);
 * ```
 */
export const ListStatusEvent: ModelFactory<ListStatusEvent> = { parse: parseListStatus };
