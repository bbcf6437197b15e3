// Private: the fake exchange's matching engine over the market's order book (./market.ts).
// Resting user orders are part of the book's levels (`SymbolState.user`); at a price each one
// rests behind what was there when it came (time priority): the market's liquidity of that
// level then (`Order.ahead`, lowered as it trades or the market takes it away) trades first.
// Every change is one book update id and is published to the streams with its trades.
// Amounts are bigints in units of 1e-8; the book keeps numbers of the same units.

import { type Account, type Accounts, balanceOf, lock, unlock } from "./accounts.ts";
import { minUnits, mulUnits } from "./decimal.ts";
import { checkFilters, type FilterInput, isAlgo, roundToStep } from "./filters.ts";
import {
  levelQty,
  type Market,
  setLevel,
  type StepChange,
  type SymbolState,
  type TradeRecord,
} from "./market.ts";
import {
  type Fill,
  isOpen,
  isRejection,
  isStopType,
  type ListKind,
  MSG,
  type Order,
  type OrderList,
  OrderStore,
  type OrderType,
  type Peg,
  reject,
  rejectOrder,
  type Side,
} from "./orders.ts";
import type { PreventedMatch, ReportInfo, TradingObserver } from "./user_data.ts";
import { History } from "./history.ts";

/** What a placement asks for (read and checked by the handler). */
export interface OrderSpec extends FilterInput {
  state: SymbolState;
  timeInForce?: string;
  newClientOrderId?: string;
  strategyId?: number;
  strategyType?: number;
  selfTradePreventionMode?: string;
  /** `sor.order.place`: the order uses SOR, and each fill it takes as it is placed is an allocation. */
  usedSor?: boolean;
  /** Peg instructions; `peggedPrice` set (and `price` the pegged price) once resolved. */
  peg?: Peg;
}

/** What a list placement asks for; legs in the documented order of `orderReports`. */
export interface ListSpec {
  kind: ListKind;
  listClientOrderId?: string;
  /** OCO: [above, below]. OTO/OPO: [working, pending]. OTOCO/OPOCO: [working, above, below]. */
  legs: OrderSpec[];
  /**
   * OCO only: the legs are [below, above] (the legacy `orderList.place` of a SELL, which
   * reports its stop leg, below the price, first).
   */
  belowFirst?: boolean;
}

/** What the engine's users see of the order lists (./order_lists.ts implements it). */
export interface ListEngine {
  /** Places a list; `count` runs once every leg passed its checks. */
  place(a: Account, spec: ListSpec, now: number, count?: () => void): OrderList;
  /** Cancels every open leg of a list (`cancelClientId`: the cancel's new client id). */
  cancel(list: OrderList, now: number, cancelClientId?: string): void;
}

/** The ORDERS limits: 50 per 10 s and 160 000 per day, as `exchangeInfo` reports them. */
export const ORDER_LIMITS = { perTenSeconds: 50, perDay: 160_000 } as const;

interface Counter {
  tenStart: number;
  ten: number;
  dayStart: number;
  day: number;
}

interface Pending {
  bids: Map<number, number>;
  asks: Map<number, number>;
  fills: TradeRecord[];
}

/** `r` of a rejected order, by the engine's message (user-data-stream.md "Order Reject Reason"). */
const REJECT_REASONS: Record<string, string> = {
  [MSG.insufficient]: "INSUFFICIENT_BALANCES",
  [MSG.wouldTrigger]: "STOP_PRICE_WOULD_TRIGGER_IMMEDIATELY",
  [MSG.wouldTake]: "WOULD_MATCH_IMMEDIATELY",
  [MSG.priceRelation]: "OCO_BAD_PRICES",
};

/** The default STP mode, as `exchangeInfo` reports it. */
export const DEFAULT_STP = "NONE";

/** The trading state of the fake exchange: accounts, orders, the engine, the ORDERS limits. */
export class Trading {
  readonly orders: OrderStore = new OrderStore();
  /** Prevented matches, SOR allocations and amendments, for the account reads. */
  readonly history: History = new History();
  /** The order lists (set by {@linkcode createTrading}). */
  lists!: ListEngine;
  readonly #queues = new Map<
    SymbolState,
    { bids: Map<number, Order[]>; asks: Map<number, Order[]> }
  >();
  readonly #stops = new Map<SymbolState, Order[]>();
  readonly #counters = new Map<Account, Counter>();
  #pending = new Map<SymbolState, Pending>();
  #preventedMatchId = 0;
  #deferred: (() => void)[] = [];
  #executionId = 0;

  // ---- the User Data Stream's observer (./user_data.ts) ---------------------------------
  /** Told of every order transition and of the end of every operation. */
  observer?: TradingObserver;
  /** The prevented match that will expire an order (self-trade prevention). */
  readonly #stp = new Map<Order, PreventedMatch>();
  /** Triggered stops executing as another type, with their own type. */
  readonly #firing = new Map<Order, OrderType>();

  /** Reports an order transition to the observer, with a new execution id. */
  report(o: Order, info: Omit<ReportInfo, "executionId"> & { executionId?: number }): void {
    const executionId = info.executionId ?? ++this.#executionId;
    this.observer?.report(o, { ...info, executionId, type: info.type ?? this.#firing.get(o) });
  }

  /**
   * Reports a placement the engine rejected: `x` and `X` REJECTED, `r` its reason (enums.md:
   * "Cancel Replace Orders wherein the new order placement is rejected but the request to
   * cancel request succeeds").
   */
  reportRejected(a: Account, spec: OrderSpec, msg: string, now: number): void {
    const o = this.newOrder(a, spec, now);
    o.status = "REJECTED";
    this.report(o, { x: "REJECTED", now, rejectReason: REJECT_REASONS[msg] ?? "NONE" });
    this.flush(now);
  }

  /** Reports a placed order as NEW (working at once unless a stop or a pending leg). */
  reportNew(o: Order, now: number): void {
    const works = o.status === "NEW" && !isStopType(o.type);
    this.report(o, { x: "NEW", now, workingTime: works ? now : undefined });
  }

  /**
   * @param market The market whose books the engine trades on.
   * @param accounts The accounts.
   * @param publish Receives what each operation changed, for the streams.
   */
  constructor(
    readonly market: Market,
    readonly accounts: Accounts,
    readonly publish: (changes: Map<SymbolState, StepChange[]>, now: number) => void,
  ) {
    for (const s of market.values()) {
      s.marketChanged = (isBid, price, qty) => this.#marketChanged(s, isBid, price, qty);
    }
  }

  // ---- accounts and limits -------------------------------------------------------------

  /** The account of an apiKey, or -2015 as Binance refuses an unknown key. */
  account(apiKey: string | undefined): Account {
    return this.accounts.get(apiKey) ??
      reject(-2015, "Invalid API-key, IP, or permissions for action.", 401);
  }

  #counter(a: Account, now: number): Counter {
    let c = this.#counters.get(a);
    if (!c) this.#counters.set(a, c = { tenStart: 0, ten: 0, dayStart: 0, day: 0 });
    const ten = now - (now % 10_000), day = now - (now % 86_400_000);
    if (c.tenStart !== ten) [c.tenStart, c.ten] = [ten, 0];
    if (c.dayStart !== day) [c.dayStart, c.day] = [day, 0];
    return c;
  }

  /**
   * Counts `n` new orders for the unfilled order count.
   *
   * @throws {Rejection} 429 / -1015 when a limit would be exceeded (nothing counted).
   */
  countOrders(a: Account, n: number, now: number): void {
    const c = this.#counter(a, now);
    if (c.ten + n > ORDER_LIMITS.perTenSeconds) {
      reject(
        -1015,
        `Too many new orders; current limit is ${ORDER_LIMITS.perTenSeconds} orders per 10 SECOND.`,
        429,
      );
    }
    if (c.day + n > ORDER_LIMITS.perDay) {
      reject(
        -1015,
        `Too many new orders; current limit is ${ORDER_LIMITS.perDay} orders per DAY.`,
        429,
      );
    }
    c.ten += n;
    c.day += n;
  }

  /** Whether `n` more orders fit in the unfilled order count now. */
  ordersFit(a: Account, n: number, now: number): boolean {
    const c = this.#counter(a, now);
    return c.ten + n <= ORDER_LIMITS.perTenSeconds && c.day + n <= ORDER_LIMITS.perDay;
  }

  /** The `rateLimits` entries of the ORDERS limits for an account (none for an unknown key). */
  orderRateLimits(apiKey: string | undefined, now: number): Record<string, unknown>[] {
    const a = this.accounts.get(apiKey);
    if (!a) return [];
    const c = this.#counter(a, now);
    return [
      {
        rateLimitType: "ORDERS",
        interval: "SECOND",
        intervalNum: 10,
        limit: ORDER_LIMITS.perTenSeconds,
        count: c.ten,
      },
      {
        rateLimitType: "ORDERS",
        interval: "DAY",
        intervalNum: 1,
        limit: ORDER_LIMITS.perDay,
        count: c.day,
      },
    ];
  }

  #firstFill(o: Order, now: number): void {
    if (o.traded) return;
    o.traded = true;
    const c = this.#counter(o.account, now);
    if (c.ten > 0) c.ten--;
    if (c.day > 0) c.day--;
  }

  // ---- checks -------------------------------------------------------------------------

  /**
   * Checks a placement as the engine would, without executing it: symbol status, account,
   * client id, combination, filters, stop prices. Used by `order.test` and before placing.
   *
   * @param adding How many orders the whole request adds (MAX_NUM_ORDERS).
   */
  check(
    a: Account,
    o: OrderSpec,
    adding = 1,
    addingAlgo = isAlgo(o.type) ? 1 : 0,
    engine = true,
  ): void {
    if (engine && o.state.spec.status !== "TRADING") rejectOrder(MSG.marketClosed);
    if (engine && !a.canTrade) rejectOrder(MSG.noTrading);
    if (engine) o = this.pegged(o);
    if (
      engine && o.newClientOrderId &&
      this.orders.clientIdInUse(a, o.state.spec.symbol, o.newClientOrderId)
    ) {
      rejectOrder(MSG.duplicate);
    }
    if (o.icebergQty !== undefined && o.icebergQty > 0n) {
      if (o.type !== "LIMIT" && o.type !== "LIMIT_MAKER" && !o.type.endsWith("_LIMIT")) {
        rejectOrder(MSG.badCombo);
      }
      if (o.timeInForce !== undefined && o.timeInForce !== "GTC") rejectOrder(MSG.badCombo);
      if (o.quantity !== undefined && o.icebergQty >= o.quantity) rejectOrder(MSG.icebergExceeds);
    }
    const open = this.orders.open(a, o.state.spec.symbol);
    const counts = {
      open: open.length,
      openAlgo: open.filter((x) => isStopType(x.type)).length,
      adding,
      addingAlgo,
    };
    checkFilters(o.state, o, counts);
    // "If a pegged order specifies `price`, it must pass validation at both `price` and
    // `peggedPrice`" (faqs/pegged_orders.md).
    if (o.peg?.peggedPrice !== undefined && o.peg.sentPrice > 0n) {
      checkFilters(o.state, { ...o, price: o.peg.sentPrice }, counts);
    }
    if (!engine) return;
    if (o.stopPrice !== undefined && o.trailingDelta === undefined && isStopType(o.type)) {
      if (stopCondition(o.type, o.side, o.stopPrice, this.lastPrice(o.state))) {
        rejectOrder(MSG.wouldTrigger);
      }
    }
    if (o.type === "LIMIT_MAKER" && this.#crosses(o.state, o.side, o.price!)) {
      rejectOrder(MSG.wouldTake);
    }
    // errors.md: "Quote quantity market orders cannot be placed when there are no orders on
    // the book."
    if (o.type === "MARKET" && o.quoteOrderQty !== undefined) {
      const opp = o.side === "BUY" ? o.state.book.asks : o.state.book.bids;
      if (!opp.length) rejectOrder(MSG.quoteNoLiquidity);
    }
  }

  // ---- pegged orders (faqs/pegged_orders.md) ---------------------------------------------

  /**
   * The price a peg selects on the book now: `PRIMARY_PEG` the order's own side, `MARKET_PEG`
   * the other side, `pegOffsetValue` levels deeper than the best; undefined when the book has
   * no such level.
   */
  pegPrice(s: SymbolState, side: Side, peg: Peg): bigint | undefined {
    const ownSide = peg.priceType === "PRIMARY_PEG";
    const levels = (side === "BUY") === ownSide ? s.book.bids : s.book.asks;
    const level = levels[peg.offsetValue ?? 0];
    return level ? BigInt(level[0]) : undefined;
  }

  /**
   * A pegged limit-type spec with its price resolved ("Pegged limit orders immediately enter
   * the market at the current best price"); a stop-limit's resolves when it triggers.
   *
   * @throws {Rejection} -2010 when the book has not the level to peg to.
   */
  pegged(spec: OrderSpec): OrderSpec {
    const peg = spec.peg;
    if (!peg || peg.peggedPrice !== undefined || isStopType(spec.type)) return spec;
    const price = this.pegPrice(spec.state, spec.side, peg) ?? rejectOrder(MSG.pegLiquidity);
    return { ...spec, price, peg: { ...peg, peggedPrice: price } };
  }

  /**
   * Pegs an order that starts working now (a triggered stop-limit, a pending leg), locking a
   * buy's funds at the pegged price; false when the book has not the level or funds lack.
   */
  repeg(o: Order): boolean {
    if (!o.peg || o.type === "STOP_LOSS" || o.type === "TAKE_PROFIT") return true;
    const price = this.pegPrice(o.state, o.side, o.peg);
    if (price === undefined) return false;
    o.price = price;
    o.peg.peggedPrice = price;
    if (o.side === "BUY" && o.locked > 0n) {
      unlock(o.account, o.lockAsset, o.locked);
      o.locked = 0n;
      const need = mulUnits(price, left(o));
      if (!lock(o.account, o.lockAsset, need)) return false;
      o.locked = need;
    }
    return true;
  }

  /** The last trade price of a symbol. */
  lastPrice(s: SymbolState): bigint {
    return BigInt(s.trades[s.trades.length - 1].price);
  }

  #crosses(s: SymbolState, side: Side, price: bigint): boolean {
    const opp = side === "BUY" ? s.book.asks : s.book.bids;
    if (!opp.length) return false;
    const best = BigInt(opp[0][0]);
    return side === "BUY" ? best <= price : best >= price;
  }

  // ---- placement ------------------------------------------------------------------------

  /**
   * Places an order: checks it, locks its funds, and executes it (or parks a stop order
   * until its trigger). Publishes what changed.
   *
   * @throws {Rejection} The engine's refusal; nothing changed.
   */
  place(a: Account, spec: OrderSpec, now: number, list?: OrderList): Order {
    spec = this.pegged(spec);
    this.check(a, spec);
    const o = this.newOrder(a, spec, now, list);
    this.#lockFor(o, spec);
    this.orders.add(o);
    this.reportNew(o, now);
    this.activate(o, now);
    this.flush(now);
    return o;
  }

  /** A new order record, not yet locked or booked. */
  newOrder(a: Account, spec: OrderSpec, now: number, list?: OrderList): Order {
    return {
      symbol: spec.state.spec.symbol,
      state: spec.state,
      account: a,
      orderId: this.orders.nextOrderId(),
      orderListId: list?.orderListId ?? -1,
      clientOrderId: spec.newClientOrderId ?? this.orders.newClientId(),
      side: spec.side,
      type: spec.type,
      timeInForce: spec.timeInForce,
      price: spec.price ?? 0n,
      origQty: spec.quantity ?? 0n,
      origQuoteOrderQty: spec.quoteOrderQty ?? 0n,
      executedQty: 0n,
      cummulativeQuoteQty: 0n,
      stopPrice: spec.stopPrice,
      trailingDelta: spec.trailingDelta,
      // A trailing stop sent without a stopPrice tracks from the next trade on: active from its
      // placement, in its answer and in its NEW report alike.
      trailingTime: spec.trailingDelta !== undefined && spec.stopPrice === undefined ? now : -1,
      waitingSince: 0,
      icebergQty: spec.icebergQty,
      strategyId: spec.strategyId,
      strategyType: spec.strategyType,
      selfTradePreventionMode: spec.selfTradePreventionMode ?? DEFAULT_STP,
      status: "NEW",
      time: now,
      updateTime: now,
      workingTime: -1,
      visible: 0n,
      ahead: 0n,
      lockAsset: spec.side === "BUY" ? spec.state.spec.quoteAsset : spec.state.spec.baseAsset,
      locked: 0n,
      preventedQuantity: 0n,
      fills: [],
      traded: false,
      amendments: 0,
      list,
      ...(spec.usedSor ? { usedSor: true } : {}),
      ...(spec.peg ? { peg: { ...spec.peg } } : {}),
    };
  }

  /** How much a placement locks: base quantity to sell, quote amount to buy. */
  #lockAmount(o: Order, spec: OrderSpec): bigint {
    // A MARKET SELL by quoteOrderQty "will sell as much available BTC as needed": that much,
    // walking the bids as the fill will (faqs/market_orders_faq.md: short of it, rejected).
    if (o.side === "SELL" && spec.type === "MARKET" && spec.quoteOrderQty !== undefined) {
      return this.#marketSellQty(o.state, spec.quoteOrderQty);
    }
    if (o.side === "SELL") return spec.quantity ?? 0n;
    if (spec.type === "MARKET") {
      return spec.quoteOrderQty ?? this.#marketCost(o.state, spec.quantity ?? 0n);
    }
    const price = spec.price ?? spec.stopPrice ?? this.lastPrice(o.state);
    return mulUnits(price, spec.quantity ?? 0n);
  }

  #lockFor(o: Order, spec: OrderSpec): void {
    const amount = this.#lockAmount(o, spec);
    if (!lock(o.account, o.lockAsset, amount)) rejectOrder(MSG.insufficient);
    o.locked = amount;
  }

  /** Locks the funds of a pending leg as it activates; false when short. */
  lockPending(o: Order): boolean {
    const amount = this.#lockAmount(o, {
      state: o.state,
      side: o.side,
      type: o.type,
      quantity: o.origQty,
      price: o.price === 0n ? undefined : o.price,
      stopPrice: o.stopPrice,
    });
    if (!lock(o.account, o.lockAsset, amount)) return false;
    o.locked = amount;
    return true;
  }

  /** How much base selling for `quote` at market takes now, walking the bids by step. */
  #marketSellQty(s: SymbolState, quote: bigint): bigint {
    const step = BigInt(s.spec.step);
    let quoteLeft = quote, qty = 0n;
    for (const [p, q] of s.book.bids) {
      const price = BigInt(p);
      const want = ((quoteLeft * 100_000_000n / price) / step) * step;
      if (want <= 0n) break;
      const take = minUnits(want, BigInt(q));
      qty += take;
      quoteLeft -= mulUnits(price, take);
      if (take < BigInt(q)) break; // the fill stops at a level it does not use up
    }
    return qty;
  }

  /** What buying `qty` at market costs now, walking the book. */
  #marketCost(s: SymbolState, qty: bigint): bigint {
    let left = qty, cost = 0n;
    for (const [p, q] of s.book.asks) {
      if (left === 0n) break;
      const take = minUnits(left, BigInt(q));
      cost += mulUnits(BigInt(p), take);
      left -= take;
    }
    return cost;
  }

  /**
   * Starts an order that was recorded: a stop waits for its trigger (or tracking), anything
   * else executes now.
   */
  activate(o: Order, now: number): void {
    if (isStopType(o.type)) {
      o.workingTime = -1;
      if (o.trailingDelta !== undefined && o.stopPrice === undefined) {
        o.trailingTime = now;
        o.extreme = this.lastPrice(o.state);
      }
      o.waitingSince = o.state.trades[o.state.trades.length - 1]?.id ?? 0;
      let list = this.#stops.get(o.state);
      if (!list) this.#stops.set(o.state, list = []);
      list.push(o);
      return;
    }
    o.workingTime = now;
    this.#execute(o, now);
  }

  // ---- the book -------------------------------------------------------------------------

  #queue(o: Order): Order[] {
    let q = this.#queues.get(o.state);
    if (!q) this.#queues.set(o.state, q = { bids: new Map(), asks: new Map() });
    const side = o.side === "BUY" ? q.bids : q.asks;
    const price = Number(o.price);
    let list = side.get(price);
    if (!list) side.set(price, list = []);
    return list;
  }

  #pendingOf(s: SymbolState): Pending {
    let p = this.#pending.get(s);
    if (!p) this.#pending.set(s, p = { bids: new Map(), asks: new Map(), fills: [] });
    return p;
  }

  /** The market's own liquidity at a level (the level less the resting user orders). */
  #marketQty(s: SymbolState, isBid: boolean, price: number): bigint {
    const users = (isBid ? s.user.bids : s.user.asks).get(price) ?? 0;
    return BigInt(Math.max(0, levelQty(s, isBid, price) - users));
  }

  /**
   * A market step set the market's part of a level: what was ahead of a resting order is at
   * most what is left of it (the rest is new, and rests behind).
   */
  #marketChanged(s: SymbolState, isBid: boolean, price: number, marketQty: number): void {
    const queue = this.#queues.get(s)?.[isBid ? "bids" : "asks"].get(price);
    for (const o of queue ?? []) if (o.ahead > BigInt(marketQty)) o.ahead = BigInt(marketQty);
  }

  /** Takes the market's own liquidity off a level (`market.clearLevel()`), published. */
  clearMarketLevel(s: SymbolState, isBid: boolean, price: number, now: number): void {
    const qty = this.#marketQty(s, isBid, price);
    if (qty === 0n) return;
    this.#changeLevel(s, isBid, price, 0, -Number(qty));
    this.#marketChanged(s, isBid, price, 0);
    this.flush(now);
  }

  /** Changes a level by `delta` of user quantity (`others` of the market's own). */
  #changeLevel(s: SymbolState, isBid: boolean, price: number, user: number, others = 0): void {
    const users = isBid ? s.user.bids : s.user.asks;
    const mine = (users.get(price) ?? 0) + user;
    if (mine > 0) users.set(price, mine);
    else users.delete(price);
    const qty = levelQty(s, isBid, price) + user + others;
    setLevel(s, isBid, price, qty);
    (isBid ? this.#pendingOf(s).bids : this.#pendingOf(s).asks).set(price, Math.max(qty, 0));
  }

  #rest(o: Order): void {
    const remaining = left(o);
    o.visible = o.icebergQty ? minUnits(o.icebergQty, remaining) : remaining;
    // Behind what rests at its price already: the market's own liquidity there now.
    o.ahead = this.#marketQty(o.state, o.side === "BUY", Number(o.price));
    this.#queue(o).push(o);
    this.#changeLevel(o.state, o.side === "BUY", Number(o.price), Number(o.visible));
  }

  /** Takes an order off the book (its visible part). */
  #unrest(o: Order): void {
    if (o.visible === 0n && !this.#queue(o).includes(o)) return;
    const q = this.#queue(o);
    const i = q.indexOf(o);
    if (i >= 0) q.splice(i, 1);
    this.#changeLevel(o.state, o.side === "BUY", Number(o.price), -Number(o.visible));
    o.visible = 0n;
  }

  /** Publishes the pending changes: one book update id per symbol touched. */
  flush(now: number): void {
    for (let fn = this.#deferred.shift(); fn; fn = this.#deferred.shift()) fn();
    this.observer?.commit(now);
    if (!this.#pending.size) return;
    const changes = new Map<SymbolState, StepChange[]>();
    for (const [s, p] of this.#pending) {
      if (!p.bids.size && !p.asks.size && !p.fills.length) continue;
      s.book.lastUpdateId++;
      changes.set(s, [{ bids: p.bids, asks: p.asks, fills: p.fills }]);
    }
    this.#pending = new Map();
    if (changes.size) this.publish(changes, now);
    // Trades may trigger stops, whose trades may trigger more: each trade of the change counts
    // (a sweep's trades before its last too, as for `market.advance(n)`).
    for (const [s, c] of changes) {
      const fills = c[0].fills!;
      if (fills.length) this.trigger(s, now, fills);
    }
  }

  // ---- execution ------------------------------------------------------------------------

  #available(o: Order, limit: bigint | undefined): bigint {
    // How much of the opposite side the order could take, for FOK, in the order #execute takes
    // it. Under self-trade prevention its own orders fill nothing: EXPIRE_MAKER passes them,
    // any other mode stops there (the taker expires, or loses quantity to DECREMENT).
    const s = o.state, isBid = o.side === "BUY";
    const opp = isBid ? s.book.asks : s.book.bids;
    const queues = this.#queues.get(s)?.[isBid ? "asks" : "bids"];
    const stp = o.selfTradePreventionMode !== "NONE";
    let sum = 0n;
    for (const [p, q] of opp) {
      const price = BigInt(p);
      if (limit !== undefined && (isBid ? price > limit : price < limit)) break;
      if (!stp) {
        sum += BigInt(q);
        continue;
      }
      const market = this.#marketQty(s, !isBid, p);
      let taken = 0n; // of the market's liquidity at this level
      for (const maker of queues?.get(p) ?? []) {
        const ahead = minUnits(maker.ahead, market);
        if (ahead > taken) [sum, taken] = [sum + ahead - taken, ahead];
        if (sum >= o.origQty) return sum;
        if (maker.account !== o.account) sum += maker.visible;
        else if (o.selfTradePreventionMode !== "EXPIRE_MAKER") return sum;
      }
      sum += market - taken;
      if (sum >= o.origQty) return sum;
    }
    return sum;
  }

  #execute(o: Order, now: number): void {
    const s = o.state;
    const isMarket = o.type === "MARKET" || o.type === "STOP_LOSS" || o.type === "TAKE_PROFIT";
    const limit = isMarket ? undefined : o.price;
    const tif = isMarket ? undefined : o.timeInForce ?? "GTC";
    if (tif === "FOK" && this.#available(o, limit) < o.origQty) {
      this.#finish(o, "EXPIRED", now, "UNFILLED_FOK_ORDER_EXPIRED");
      return;
    }
    const byQuote = o.origQuoteOrderQty > 0n && o.origQty === 0n;
    const isBid = o.side === "BUY";
    const opp = isBid ? s.book.asks : s.book.bids;
    const oppQueues = this.#queues.get(s)?.[isBid ? "asks" : "bids"];
    const step = BigInt(s.spec.step);
    let expiredInMatch = false;
    outer: while (opp.length) {
      const priceN = opp[0][0];
      const price = BigInt(priceN);
      if (limit !== undefined && (isBid ? price > limit : price < limit)) break;
      const want = () => {
        if (!byQuote) return left(o);
        const quoteLeft = o.origQuoteOrderQty - o.cummulativeQuoteQty;
        return ((quoteLeft * 100_000_000n / price) / step) * step;
      };
      if (want() <= 0n) break;
      const queue = oppQueues?.get(priceN) ?? [];
      while (queue.length && want() > 0n) {
        const maker = queue[0];
        // The market's liquidity that rests ahead of the first user order trades first.
        const ahead = minUnits(maker.ahead, this.#marketQty(s, !isBid, priceN));
        if (ahead > 0n) {
          const qty = minUnits(want(), ahead);
          this.#trade(o, undefined, price, qty, now);
          this.#changeLevel(s, !isBid, priceN, 0, -Number(qty));
          for (const u of queue) u.ahead = u.ahead > qty ? u.ahead - qty : 0n;
          continue;
        }
        if (maker.account === o.account && o.selfTradePreventionMode !== "NONE") {
          if (this.#prevent(o, maker, want(), priceN, now)) {
            expiredInMatch = true;
            break outer;
          }
          continue;
        }
        const qty = minUnits(want(), maker.visible);
        this.#trade(o, maker, price, qty, now);
      }
      const others = BigInt(levelQty(s, !isBid, priceN)) -
        BigInt((isBid ? s.user.asks : s.user.bids).get(priceN) ?? 0);
      if (want() > 0n && others > 0n) {
        const qty = minUnits(want(), others);
        this.#trade(o, undefined, price, qty, now);
        this.#changeLevel(s, !isBid, priceN, 0, -Number(qty));
      }
      if (want() > 0n && levelQty(s, !isBid, priceN) > 0) break; // Nothing left it can take.
    }
    if (expiredInMatch || (!byQuote && left(o) === 0n && o.executedQty < o.origQty)) {
      this.#finish(o, "EXPIRED_IN_MATCH", now);
      return;
    }
    const filled = byQuote
      ? o.origQuoteOrderQty - o.cummulativeQuoteQty < this.#minStepCost(o)
      : o.executedQty === o.origQty;
    if (filled) {
      if (byQuote) o.origQty = o.executedQty;
      this.#finish(o, "FILLED", now);
    } else if (isMarket || tif === "IOC") {
      if (byQuote) o.origQty = o.executedQty;
      this.#finish(
        o,
        "EXPIRED",
        now,
        tif === "IOC" ? "UNFILLED_IOC_QUANTITY_EXPIRED" : "INSUFFICIENT_LIQUIDITY",
      );
    } else {
      o.status = o.executedQty > 0n ? "PARTIALLY_FILLED" : "NEW";
      this.#rest(o);
      // A buy rests with its remaining quantity locked at its price; better fills release.
      const need = isBid ? mulUnits(o.price, left(o)) : left(o);
      if (o.locked > need) {
        unlock(o.account, o.lockAsset, o.locked - need);
        o.locked = need;
      }
    }
  }

  #minStepCost(o: Order): bigint {
    const opp = o.side === "BUY" ? o.state.book.asks : o.state.book.bids;
    if (!opp.length) return 0n;
    return mulUnits(BigInt(opp[0][0]), BigInt(o.state.spec.step));
  }

  /**
   * Self-trade prevention between a taker and a maker of the same account, by the taker's
   * mode. Returns whether the taker expired.
   */
  #prevent(taker: Order, maker: Order, want: bigint, price: number, now: number): boolean {
    const mode = taker.selfTradePreventionMode;
    const prevented = minUnits(want, maker.visible);
    const id = ++this.#preventedMatchId;
    this.history.prevent(taker, maker, id, BigInt(price), now, left, prevented);
    const mark = (x: Order, q: bigint) => {
      x.preventedMatchId = id;
      x.preventedQuantity += q;
      const counterOrderId = (x === taker ? maker : taker).orderId;
      this.#stp.set(x, {
        matchId: id,
        qty: q,
        counterOrderId,
        price: BigInt(price),
        executionQty: prevented,
      });
    };
    // A DECREMENT survivor is reported at once; an expiring order when it expires (#finish).
    const survives = (x: Order) => {
      const match = this.#stp.get(x);
      if (!match || !isOpen(x) || left(x) === 0n) return;
      this.#stp.delete(x);
      this.report(x, { x: "TRADE_PREVENTION", now, prevented: match });
    };
    if (mode === "EXPIRE_TAKER") {
      mark(taker, left(taker));
      return true;
    }
    if (mode === "EXPIRE_MAKER" || mode === "EXPIRE_BOTH") {
      mark(maker, left(maker));
      this.#finish(maker, "EXPIRED_IN_MATCH", now);
      if (mode === "EXPIRE_BOTH") {
        mark(taker, left(taker));
        return true;
      }
      return false;
    }
    // DECREMENT: both lose the smaller quantity; whichever runs out expires. (TRANSFER too: "If
    // orders are from the same account, then the behavior is the same as DECREMENT", and the
    // fake's accounts have no tradeGroupId, faqs/stp_faq.md.)
    mark(taker, prevented);
    mark(maker, prevented);
    // The maker keeps locked only what it can still trade (faqs/stp_faq.md, Scenario H: BUY
    // 0.6 at 0.2 with 0.2 prevented keeps 0.08 locked); an OCO leg's lock is its pair's too.
    const need = maker.side === "BUY" ? mulUnits(maker.price, left(maker)) : left(maker);
    if (maker.locked > need && this.#ocoPartner(maker) === undefined) {
      unlock(maker.account, maker.lockAsset, maker.locked - need);
      maker.locked = need;
    }
    maker.visible -= prevented;
    this.#changeLevel(maker.state, maker.side === "BUY", price, -Number(prevented));
    if (left(maker) === 0n) {
      this.#queue(maker).shift();
      this.#finish(maker, "EXPIRED_IN_MATCH", now);
    } else if (maker.visible === 0n) {
      this.#queue(maker).shift();
      this.#rest(maker);
    }
    survives(maker);
    survives(taker);
    return left(taker) === 0n;
  }

  /** One trade of a taker against a user maker (or the market's own liquidity). */
  #trade(taker: Order, maker: Order | undefined, price: bigint, qty: bigint, now: number): void {
    const s = taker.state;
    const quote = mulUnits(price, qty);
    const tradeId = this.orders.nextTradeId(s);
    const trade: TradeRecord = {
      id: tradeId,
      price: Number(price),
      qty: Number(qty),
      time: now,
      isBuyerMaker: taker.side === "SELL",
    };
    s.trades.push(trade);
    this.#pendingOf(s).fills.push(trade);
    taker.fills.push(this.#settle(taker, price, qty, quote, false, tradeId, now));
    if (maker) {
      maker.fills.push(this.#settle(maker, price, qty, quote, true, tradeId, now)); // its commission, for OPO
      maker.visible -= qty;
      this.#changeLevel(s, maker.side === "BUY", Number(price), -Number(qty));
      if (left(maker) === 0n) {
        this.#queue(maker).shift();
        this.#finish(maker, "FILLED", now);
      } else {
        maker.status = "PARTIALLY_FILLED";
        if (maker.visible === 0n) {
          // An iceberg shows its next part, at the back of the level's user queue.
          this.#queue(maker).shift();
          this.#rest(maker);
        }
      }
    }
  }

  /** Moves the funds of one fill and charges the commission; returns the fill. */
  #settle(
    o: Order,
    price: bigint,
    qty: bigint,
    quote: bigint,
    maker: boolean,
    tradeId: number,
    now: number,
  ): Fill {
    const { baseAsset, quoteAsset } = o.state.spec;
    const a = o.account;
    const rate = maker ? a.commission.maker : a.commission.taker;
    // An OCO leg that trades first ends its pair (and takes over the pair's lock).
    this.onTraded?.(o, now);
    let commission: bigint, commissionAsset: string;
    if (o.side === "BUY") {
      const spent = minUnits(quote, o.locked);
      balanceOf(a, quoteAsset).locked -= spent;
      o.locked -= spent;
      commission = mulUnits(qty, rate);
      commissionAsset = baseAsset;
      const base = balanceOf(a, baseAsset);
      const list = o.list;
      if (list && o === list.working && (list.kind === "OPO" || list.kind === "OPOCO")) {
        // faqs/opo.md: the received funds are locked for the pending orders; "The commission
        // is taken from the available funds instead (i.e. `free` balances) if the received
        // asset is not BNB and there are enough available funds", else from what is received.
        const fromFree = baseAsset !== "BNB" && base.free >= commission;
        const kept = fromFree ? qty : qty - commission;
        if (fromFree) base.free -= commission;
        base.locked += kept;
        list.received = (list.received ?? 0n) + kept;
      } else base.free += qty - commission;
    } else {
      balanceOf(a, baseAsset).locked -= qty;
      o.locked -= qty;
      commission = mulUnits(quote, rate);
      commissionAsset = quoteAsset;
      balanceOf(a, quoteAsset).free += quote - commission;
    }
    o.executedQty += qty;
    o.cummulativeQuoteQty += quote;
    o.updateTime = now;
    a.updateTime = now;
    this.#firstFill(o, now);
    // An SOR order's fills as it is placed (it takes them: never the maker) are allocations.
    const allocationId = o.usedSor && !maker
      ? this.history.allocate(o, { price, qty, commission, commissionAsset }, now)
      : undefined;
    this.report(o, {
      x: "TRADE",
      now,
      fill: { price, qty, quote, commission, commissionAsset, tradeId, maker, allocationId },
    });
    return { price, qty, commission, commissionAsset, tradeId, time: now, isMaker: maker };
  }

  /** Ends an order: off the book, funds released, reported, its list told. */
  #finish(
    o: Order,
    status: string,
    now: number,
    expiryReason?: string,
    report?: Pick<ReportInfo, "clientOrderId" | "origClientOrderId" | "expiryReason">,
  ): void {
    this.#unrest(o);
    this.#unstop(o);
    o.status = status;
    o.updateTime = now;
    if (expiryReason) o.expiryReason = expiryReason;
    if (o.locked > 0n) {
      unlock(o.account, o.lockAsset, o.locked);
      o.locked = 0n;
    }
    if (status === "FILLED") this.observer?.filled(o);
    else if (status === "EXPIRED_IN_MATCH") {
      const prevented = this.#stp.get(o);
      this.#stp.delete(o);
      this.report(o, { x: "TRADE_PREVENTION", now, prevented });
    } else {
      this.report(o, { ...report, x: status === "CANCELED" ? "CANCELED" : "EXPIRED", now });
    }
    this.onDone?.(o, now);
  }

  /** Runs `fn` once the current operation is over (before its changes are published). */
  defer(fn: () => void): void {
    this.#deferred.push(fn);
  }

  /** Hooks for the order lists (./order_lists.ts): an order ended. */
  onDone?: (o: Order, now: number) => void;
  /** A leg traded (as maker or taker). */
  onTraded?: (o: Order, now: number) => void;

  #unstop(o: Order): void {
    const list = this.#stops.get(o.state);
    const i = list?.indexOf(o) ?? -1;
    if (i >= 0) list!.splice(i, 1);
  }

  /** Ends an open order as the given status (cancel, expiry by a list); `report`: for its report. */
  end(
    o: Order,
    status: "CANCELED" | "EXPIRED",
    now: number,
    report?: Pick<ReportInfo, "clientOrderId" | "origClientOrderId" | "expiryReason">,
  ): void {
    if (!isOpen(o)) return;
    this.#finish(o, status, now, undefined, report);
  }

  // ---- stops ---------------------------------------------------------------------------

  /**
   * Checks the stop orders of a symbol against its last trade price, and triggers them;
   * `trades` are the trades just made, in order (the last is the last price).
   */
  trigger(
    s: SymbolState,
    now: number,
    trades: readonly Pick<TradeRecord, "id" | "price">[] = [],
  ): void {
    // The trades before the last, in order: a stop whose condition one of them met fires too
    // (and a trailing stop tracks each of them); only the stops already waiting at that trade.
    for (let i = 0; i < trades.length - 1; i++) {
      const { id, price } = trades[i];
      const due = (this.#stops.get(s) ?? []).filter((o) =>
        o.waitingSince < id && this.#due(o, BigInt(price), now)
      );
      for (const o of due) {
        this.#unstop(o);
        this.#fire(o, now);
      }
      if (due.length) this.#flushQuiet(now);
    }
    for (let round = 0; round < 100; round++) {
      const last = this.lastPrice(s);
      const due: Order[] = [];
      for (const o of this.#stops.get(s) ?? []) if (this.#due(o, last, now)) due.push(o);
      if (!due.length) break;
      for (const o of due) {
        this.#unstop(o);
        this.#fire(o, now);
      }
      this.#flushQuiet(now);
    }
    this.observer?.commit(now);
  }

  #flushQuiet(now: number): void {
    const before = this.#pending.size;
    if (before) this.flush(now);
  }

  #due(o: Order, last: bigint, now: number): boolean {
    if (o.trailingDelta === undefined) {
      return stopCondition(o.type, o.side, o.stopPrice!, last);
    }
    if (o.extreme === undefined) {
      if (!stopCondition(o.type, o.side, o.stopPrice!, last)) return false;
      o.extreme = last;
      o.trailingTime = now;
      return false;
    }
    // Trailing: BUY-like triggers on a rise from the lowest, SELL-like on a fall from the highest.
    const d = BigInt(o.trailingDelta);
    if (o.side === "BUY") {
      if (last < o.extreme) o.extreme = last;
      return last * 10_000n >= o.extreme * (10_000n + d);
    }
    if (last > o.extreme) o.extreme = last;
    return last * 10_000n <= o.extreme * (10_000n - d);
  }

  #fire(o: Order, now: number): void {
    o.workingTime = now;
    o.updateTime = now;
    this.onTriggered?.(o, now);
    if (!isOpen(o)) return;
    // "Pegged stop-limit orders enter the market at the best price when price movement
    // triggers the stop order" (faqs/pegged_orders.md); revalidated then, "may be rejected".
    if (!this.repeg(o)) {
      this.#finish(o, "EXPIRED", now, "REJECTED");
      return;
    }
    // A triggered stop is reported NEW again, now working.
    this.report(o, { x: "NEW", now, workingTime: now });
    const asType: OrderType = o.type.endsWith("_LIMIT") ? "LIMIT" : "MARKET";
    // A market-type buy re-locks at the book's cost now.
    if (o.side === "BUY" && asType === "MARKET") {
      unlock(o.account, o.lockAsset, o.locked);
      o.locked = 0n;
      const cost = this.#marketCost(o.state, o.origQty);
      if (!lock(o.account, o.lockAsset, cost)) {
        this.#finish(o, "EXPIRED", now, "INSUFFICIENT_LIQUIDITY");
        return;
      }
      o.locked = cost;
    }
    const type = o.type;
    o.type = asType;
    this.#firing.set(o, type);
    try {
      this.#execute(o, now);
    } finally {
      o.type = type;
      this.#firing.delete(o);
    }
  }

  /** A stop leg is triggered (OCO cancels the other leg). */
  onTriggered?: (o: Order, now: number) => void;

  // ---- cancel and amend -----------------------------------------------------------------

  /** Finds an order of an account by id or client id, as `order.cancel`/`order.status` do. */
  find(
    a: Account,
    symbol: string,
    orderId: number | undefined,
    clientId: string | undefined,
    unknown: () => never,
  ): Order {
    let o: Order | undefined;
    if (orderId !== undefined) {
      o = this.orders.byId.get(orderId);
      if (!o || o.account !== a || o.symbol !== symbol) unknown();
      if (clientId !== undefined && o.clientOrderId !== clientId) unknown();
    } else if (clientId !== undefined) {
      o = this.orders.latestByClientId(a, symbol, clientId);
    }
    return o ?? unknown();
  }

  /**
   * Cancels an open order (not a list's: the handler cancels the list).
   *
   * @throws {Rejection} -2011 for an order that is not open or breaks `cancelRestrictions`.
   */
  cancel(o: Order, now: number, restrictions?: string, cancelClientId?: string): void {
    if (!isOpen(o)) reject(-2011, MSG.unknown);
    if (
      (restrictions === "ONLY_NEW" && o.status !== "NEW") ||
      (restrictions === "ONLY_PARTIALLY_FILLED" && o.status !== "PARTIALLY_FILLED")
    ) reject(-2011, MSG.cancelRestricted);
    this.#finish(o, "CANCELED", now, undefined, {
      clientOrderId: cancelClientId,
      origClientOrderId: o.clientOrderId,
    });
    this.flush(now);
  }

  /**
   * Reduces an open order's quantity keeping its place in the queue, and gives it
   * `newClientOrderId` (when given) once the amendment is accepted.
   *
   * @returns The execution id of the amendment.
   * @throws {Rejection} -2038 for an increase or no change; -2011 for an order not open.
   */
  amend(o: Order, newQty: bigint, now: number, newClientOrderId?: string): number {
    if (!isOpen(o)) reject(-2011, MSG.unknown);
    // errors.md: "You cannot amend the pending quantity of an OPO order".
    if (o.opoPending && o.status === "PENDING_NEW") reject(-2038, MSG.amendOpoPending);
    if (newQty > o.origQty) reject(-2038, MSG.amendIncrease);
    if (newQty === o.origQty) reject(-2038, MSG.noChange);
    // filters.md MAX_NUM_ORDER_AMENDS: "you will receive the `-2038` error code".
    if (o.amendments >= 10) reject(-2038, "Filter failure: MAX_NUM_ORDER_AMENDS");
    // "If the request fails for any reason (e.g. fails the filters …) then the order amend
    // request is rejected and the order remains unchanged."
    this.check(o.account, this.#specOf(o, newQty), 0, 0, false);
    // "OCO order pairs must have the same quantity … amending either order affects both."
    const pair = this.#ocoPartner(o);
    const origClientOrderId = o.clientOrderId;
    if (newClientOrderId !== undefined) this.orders.rename(o, newClientOrderId);
    const executionId = this.#amendOne(o, newQty, now, origClientOrderId);
    if (pair !== undefined) this.#amendOne(pair, newQty, now, pair.clientOrderId);
    // faqs/order_amend_keep_priority.md: a list's order with a new client id: listStatus UPDATED.
    if (o.list && o.clientOrderId !== origClientOrderId) {
      this.observer?.listStatus(o.list, now, "UPDATED");
    }
    this.flush(now);
    return executionId;
  }

  /** Amends one order to `newQty` and reports it REPLACED; returns the execution id. */
  #amendOne(o: Order, newQty: bigint, now: number, origClientOrderId: string): number {
    o.amendments++;
    o.updateTime = now;
    const isBid = o.side === "BUY";
    const wasVisible = o.visible;
    // faqs/stp_faq.md: "original order quantity - executed quantity - prevented quantity =
    // quantity available for further execution".
    const remaining = newQty - o.executedQty - o.preventedQuantity;
    if (newQty <= o.executedQty) {
      o.origQty = newQty;
      this.#finish(o, "FILLED", now);
    } else if (remaining <= 0n) {
      // Nothing available any more: "removed from the order book".
      o.origQty = newQty;
      this.#finish(o, "EXPIRED", now);
    } else {
      o.origQty = newQty;
      // "An iceberg order's visible quantity will only change if newQty is below the
      // pre-amended visible quantity."
      if (wasVisible > 0n && remaining < wasVisible) {
        this.#changeLevel(o.state, isBid, Number(o.price), Number(remaining - wasVisible));
        o.visible = remaining;
      }
      // Release what the smaller order no longer needs.
      // A pegged stop-limit not yet triggered has no price yet (0): its lock stays at the
      // stop price it was placed with (`#lockAmount`), re-pegged when it triggers.
      const unit = o.price > 0n ? o.price : o.stopPrice ?? this.lastPrice(o.state);
      const need = isBid ? mulUnits(unit, remaining) : remaining;
      if (o.locked > need) {
        unlock(o.account, o.lockAsset, o.locked - need);
        o.locked = need;
      }
    }
    const executionId = ++this.#executionId;
    this.report(o, { x: "REPLACED", now, executionId, origClientOrderId });
    return executionId;
  }

  /** The other open order of `o`'s OCO pair (an OCO, or the pending pair of OTOCO/OPOCO). */
  #ocoPartner(o: Order): Order | undefined {
    const list = o.list;
    if (!list || (list.kind !== "OCO" && list.kind !== "OTOCO" && list.kind !== "OPOCO")) {
      return undefined;
    }
    if (o === list.working) return undefined;
    return list.orders.find((x) => x !== o && x !== list.working && isOpen(x));
  }

  /** Whether an order passes its symbol's filters as it is now (an OPO leg's quantity set). */
  passesFilters(o: Order): boolean {
    try {
      this.check(o.account, this.#specOf(o, o.origQty), 0, 0, false);
      return true;
    } catch (e) {
      if (isRejection(e)) return false;
      throw e;
    }
  }

  /**
   * The spec of an order with another quantity, for its filters (an iceberg may go below its
   * visible part: its icebergQty is not the new order's).
   */
  #specOf(o: Order, quantity: bigint): OrderSpec {
    return {
      state: o.state,
      side: o.side,
      type: o.type,
      quantity,
      price: o.price === 0n ? undefined : o.price,
      stopPrice: o.stopPrice,
      trailingDelta: o.trailingDelta,
      timeInForce: o.timeInForce,
    };
  }
}

/** What an order can still trade: neither executed nor prevented. */
export function left(o: Order): bigint {
  return o.origQty - o.executedQty - o.preventedQuantity;
}

/** Whether a stop's price condition holds at the last price (docs: stop price rules). */
export function stopCondition(type: OrderType, side: Side, stop: bigint, last: bigint): boolean {
  const stopLoss = type.startsWith("STOP_LOSS");
  const up = stopLoss ? side === "BUY" : side === "SELL";
  return up ? last >= stop : last <= stop;
}

/**
 * The quantity an OPO pending leg gets: what the working (BUY) order received, to the step.
 * faqs/opo.md: "The received quantity will have commission deducted as appropriate. The
 * commission is taken from the available funds instead (i.e. `free` balances) if the received
 * asset is not BNB and there are enough available funds." The fills locked what was received
 * (`OrderList.received`): the gross quantity when the commission was paid from free funds, else
 * the net.
 */
export function opoQuantity(working: Order): bigint {
  return roundToStep(working.state, working.list?.received ?? 0n);
}
