// Private: the fake exchange's order lists (OCO, OTO, OTOCO, OPO, OPOCO) over the matching
// engine: placement of the legs, and their contingencies as the docs describe them. An OCO
// leg that trades or triggers expires the other; an OTO-like list's pending legs start when
// its working order is filled (an OPO's with the quantity the working order received) and
// end with it when it is canceled or expires. A list is ALL_DONE once no leg is open.

import { type Account, unlock } from "./accounts.ts";
import type { Accounts } from "./accounts.ts";
import type { Market, StepChange, SymbolState } from "./market.ts";
import {
  type ListEngine,
  type ListSpec,
  opoQuantity,
  type OrderSpec,
  Trading,
} from "./matching.ts";
import {
  isOpen,
  isStopType,
  MSG,
  type Order,
  type OrderList,
  reject,
  rejectOrder,
} from "./orders.ts";
import { isAlgo } from "./filters.ts";

export type { ListSpec };

function isLimitSide(o: OrderSpec): boolean {
  return o.type === "LIMIT_MAKER" || o.type.startsWith("TAKE_PROFIT");
}

/**
 * The price of an OCO leg its price restriction holds to: the price of a LIMIT_MAKER (and of a
 * SELL's TAKE_PROFIT_LIMIT: "`LIMIT_MAKER/TAKE_PROFIT_LIMIT` `price` > Last Traded Price",
 * web-socket-api.md orderList.place.oco), else the stop price.
 */
function legPrice(o: OrderSpec): bigint | undefined {
  const limit = o.type === "LIMIT_MAKER" || (o.side === "SELL" && o.type === "TAKE_PROFIT_LIMIT");
  return limit ? o.price : o.stopPrice;
}

/** Binance's OCO rules: one limit-like and one stop-loss leg, above and below the last price. */
function checkOco(t: Trading, above: OrderSpec, below: OrderSpec): void {
  const [limitLeg, stopLeg] = isLimitSide(above) ? [above, below] : [below, above];
  if (!isLimitSide(limitLeg) || isLimitSide(stopLeg)) rejectOrder(MSG.badCombo);
  // errors.md -1196/-1197: a BUY OCO's stop loss is above, a SELL's below. (Its take profit
  // is then in the wrong slot too, -1198/-1199; the stop loss is checked first.)
  const buy = above.side === "BUY";
  if (buy && stopLeg === below) reject(-1196, "A stop loss order in a buy OCO must be above.");
  if (!buy && stopLeg === above) reject(-1197, "A stop loss order in a sell OCO must be below.");
  const last = t.lastPrice(above.state);
  const a = legPrice(above), b = legPrice(below);
  if ((a !== undefined && a <= last) || (b !== undefined && b >= last)) {
    if (above.trailingDelta === undefined && below.trailingDelta === undefined) {
      rejectOrder(MSG.priceRelation);
    }
  }
}

/** The order lists, with their contingencies installed on the engine. */
export class OrderLists implements ListEngine {
  /** The new client id of the list cancel under way, for the reports of its legs. */
  #cancelClientId?: string;

  constructor(readonly trading: Trading) {
    trading.onTraded = (o, now) => this.#traded(o, now);
    trading.onTriggered = (o, now) => this.#traded(o, now);
    trading.onDone = (o, now) => this.#done(o, now);
  }

  /**
   * Places a list: checks every leg, locks the active legs' funds, and starts them.
   *
   * @throws {Rejection} The engine's refusal of a leg; nothing placed.
   */
  place(a: Account, spec: ListSpec, now: number, count?: () => void): OrderList {
    const t = this.trading;
    // Pegged legs that enter the book now take their price (both OCO legs, a working order);
    // pending legs when they start (faqs/pegged_orders.md "OCO", "OTO and OTOCO").
    spec = {
      ...spec,
      legs: spec.legs.map((l, i) => spec.kind === "OCO" || i === 0 ? t.pegged(l) : l),
    };
    const n = spec.legs.length;
    const algo = spec.legs.filter((l) => isAlgo(l.type)).length;
    if (spec.listClientOrderId && t.orders.listClientIdInUse(a, spec.listClientOrderId)) {
      rejectOrder(MSG.duplicate);
    }
    const oco = spec.kind === "OCO";
    const working = oco ? undefined : spec.legs[0];
    if (oco) {
      const [x, y] = spec.legs;
      if (spec.belowFirst) checkOco(t, y, x);
      else checkOco(t, x, y);
    }
    if (spec.kind === "OTOCO" || spec.kind === "OPOCO") {
      // The pending pair follows the OCO's rules: one limit-like leg and one stop loss (two
      // LIMIT_MAKER legs are no composition of CHANGELOG.md 2024-12's list either).
      const [x, y] = [spec.legs[1], spec.legs[2]];
      if (isLimitSide(x) === isLimitSide(y)) rejectOrder(MSG.badCombo);
    }
    const opo = spec.kind === "OPO" || spec.kind === "OPOCO";
    for (const [i, leg] of spec.legs.entries()) {
      // Pending legs are checked as orders too; an OPO pending leg has no quantity yet.
      t.check(a, opo && i > 0 ? { ...leg, quantity: undefined } : leg, n, algo);
    }
    // filters.md MAX_NUM_ORDER_LISTS: the open order lists of the account on the symbol.
    const symbol = spec.legs[0].state.spec.symbol;
    const openLists =
      [...t.orders.lists.values()].filter((l) =>
        l.account === a && l.symbol === symbol && l.listOrderStatus === "EXECUTING"
      ).length;
    if (openLists >= 20) reject(-1013, "Filter failure: MAX_NUM_ORDER_LISTS");
    const clientIds = new Set(spec.legs.map((l) => l.newClientOrderId).filter(Boolean));
    if (clientIds.size < spec.legs.filter((l) => l.newClientOrderId).length) {
      rejectOrder(MSG.duplicate);
    }
    count?.();
    const list: OrderList = {
      orderListId: t.orders.nextListId(),
      kind: spec.kind,
      contingencyType: oco ? "OCO" : "OTO",
      listClientOrderId: spec.listClientOrderId ?? t.orders.newClientId(),
      symbol: spec.legs[0].state.spec.symbol,
      account: a,
      listStatusType: "EXEC_STARTED",
      listOrderStatus: "EXECUTING",
      transactionTime: now,
      orders: [],
    };
    const orders = spec.legs.map((leg) => t.newOrder(a, leg, now, list));
    // Lock the active legs: both OCO legs share one lock (only one can execute); a working
    // order's lock alone for OTO-like lists (pending legs lock when they start).
    const first = orders[0];
    if (!t.lockPending(first)) rejectOrder(MSG.insufficient);
    list.orders = orders;
    if (working) {
      list.working = orders[0];
      for (const o of orders.slice(1)) {
        o.status = "PENDING_NEW";
        o.trailingTime = -1; // tracks once it starts
        o.opoPending = opo;
        if (opo) o.origQty = 0n;
      }
    }
    t.orders.addList(list);
    for (const o of orders) t.orders.add(o);
    // The User Data Stream: every leg NEW (pending legs PENDING_NEW), then the list.
    for (const o of orders) t.reportNew(o, now);
    t.observer?.listStatus(list, now);
    list.placing = true;
    if (oco) {
      // The second leg shares the first's lock: give it none, start both.
      t.activate(orders[0], now);
      if (isOpen(orders[1])) t.activate(orders[1], now);
    } else {
      t.activate(orders[0], now);
    }
    t.flush(now);
    list.placing = false;
    return list;
  }

  /** A leg traded or triggered: an OCO's other leg expires. */
  #traded(o: Order, now: number): void {
    const list = o.list;
    if (!list) return;
    const pair = this.#ocoPair(list, o);
    if (!pair) return;
    const other = pair[0] === o ? pair[1] : pair[0];
    if (isOpen(other) && other.status !== "PENDING_NEW") {
      // The surviving leg takes over the shared lock.
      if (other.locked > 0n && o.locked === 0n) {
        o.locked = other.locked;
        other.locked = 0n;
      }
      this.trading.end(other, "EXPIRED", now, { expiryReason: "OCO_TRIGGER" });
    }
  }

  #ocoPair(list: OrderList, o: Order): [Order, Order] | undefined {
    if (list.kind === "OCO") return [list.orders[0], list.orders[1]];
    if ((list.kind === "OTOCO" || list.kind === "OPOCO") && o !== list.working) {
      return [list.orders[1], list.orders[2]];
    }
    return undefined;
  }

  /** A leg ended: OTO-like lists start or end their pending legs; the list may be done. */
  #done(o: Order, now: number): void {
    const list = o.list;
    if (!list) return;
    const t = this.trading;
    if (list.working === o) {
      const pending = list.orders.slice(1);
      if (o.status === "FILLED") {
        if (list.placing) list.placedAs = new Map(pending.map((p) => [p, { ...p }]));
        t.defer(() => this.#startPending(list, pending, now));
      } else {
        // OPO: "If the order list is canceled before the pending order is placed on the
        // Matching Engine then these locked funds are unlocked" (faqs/opo.md).
        this.#releaseReceived(list);
        const status = o.status === "CANCELED" ? "CANCELED" : "EXPIRED";
        for (const p of pending) {
          if (p.status === "PENDING_NEW") {
            p.status = status;
            p.updateTime = now;
            this.#reportEnd(p, now, "OTO_PHASE_ONE_EXPIRED");
          }
        }
      }
    }
    this.#settle(list, now);
  }

  #startPending(list: OrderList, pending: Order[], now: number): void {
    const t = this.trading;
    const working = list.working!;
    const opo = list.kind === "OPO" || list.kind === "OPOCO";
    if (opo) {
      const q = opoQuantity(working);
      for (const p of pending) p.origQty = q;
      // The pending legs lock their quantity now; what the step leaves is free again.
      this.#releaseReceived(list);
    }
    const [first, second] = pending;
    for (const p of pending) {
      p.status = "NEW";
      p.time = now;
    }
    // faqs/opo.md: "The quantity of the pending order(s) are evaluated (e.g. filters) after the
    // working order fully fills."
    if (
      (opo && !pending.every((p) => t.passesFilters(p))) || !t.lockPending(first) ||
      !pending.every((p) => isStopType(p.type) || t.repeg(p))
    ) {
      for (const p of pending) t.end(p, "EXPIRED", now, { expiryReason: "REJECTED" });
      this.#settle(list, now);
      return;
    }
    for (const p of pending) t.reportNew(p, now);
    t.activate(first, now);
    if (second && isOpen(second)) t.activate(second, now);
    if (second && !isStopType(first.type) && !isOpen(first)) return;
    this.#settle(list, now);
  }

  /** Unlocks what an OPO's working order received for its pending legs. */
  #releaseReceived(list: OrderList): void {
    if (!list.received) return;
    unlock(list.account, list.orders[0].state.spec.baseAsset, list.received);
    list.received = 0n;
  }

  #settle(list: OrderList, now: number): void {
    if (list.orders.length && list.orders.every((x) => !isOpen(x))) {
      const was = list.listOrderStatus;
      list.listStatusType = "ALL_DONE";
      list.listOrderStatus = "ALL_DONE";
      list.transactionTime = now;
      if (was !== "ALL_DONE") this.trading.observer?.listStatus(list, now);
    }
  }

  /** Reports a pending leg that ended with its working order (or a list cancel). */
  #reportEnd(p: Order, now: number, expiryReason: string): void {
    const canceled = p.status === "CANCELED";
    this.trading.report(p, {
      x: canceled ? "CANCELED" : "EXPIRED",
      now,
      ...(canceled
        ? { clientOrderId: this.#cancelClientId, origClientOrderId: p.clientOrderId }
        : { expiryReason }),
    });
  }

  /**
   * Cancels every open leg of a list.
   *
   * @throws {Rejection} -2011 when the list is already done.
   */
  cancel(list: OrderList, now: number, cancelClientId?: string): void {
    if (list.listOrderStatus === "ALL_DONE") rejectOrder(MSG.unknown);
    this.#cancelClientId = cancelClientId;
    try {
      for (const o of list.orders) {
        if (o.status === "PENDING_NEW") {
          o.status = "CANCELED";
          o.updateTime = now;
          this.#reportEnd(o, now, "");
        } else {
          this.trading.end(o, "CANCELED", now, {
            clientOrderId: cancelClientId,
            origClientOrderId: o.clientOrderId,
          });
        }
      }
    } finally {
      this.#cancelClientId = undefined;
    }
    this.#settle(list, now);
    this.trading.flush(now);
  }
}

/** The trading state with its order lists installed. */
export function createTrading(
  market: Market,
  accounts: Accounts,
  publish: (changes: Map<SymbolState, StepChange[]>, now: number) => void,
): Trading {
  const t = new Trading(market, accounts, publish);
  t.lists = new OrderLists(t);
  return t;
}
