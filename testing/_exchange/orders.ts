// Private: the fake exchange's order records: ids, client ids, open and closed orders, order
// lists, and the matching engine's refusals. Amounts are bigints in units of 1e-8.

import type { Account } from "./accounts.ts";
import type { SymbolState } from "./market.ts";

/** A refusal of the exchange: Binance's status, code and message (and `data` when it has one). */
export interface Rejection {
  status: number;
  code: number;
  msg: string;
  data?: Record<string, unknown>;
}

/** Throws a refusal (status 400 unless given). */
export function reject(code: number, msg: string, status = 400): never {
  throw { status, code, msg } satisfies Rejection;
}

/** Whether a thrown value is a refusal. */
export function isRejection(e: unknown): e is Rejection {
  return typeof e === "object" && e !== null && typeof (e as Rejection).code === "number" &&
    typeof (e as Rejection).msg === "string";
}

/** -2010 with one of the matching engine's messages. */
export function rejectOrder(msg: string): never {
  reject(-2010, msg);
}

/** The messages of errors.md's -2010/-2011/-2013 table that the engine uses. */
export const MSG = {
  duplicate: "Duplicate order sent.",
  insufficient: "Account has insufficient balance for requested action.",
  wouldTake: "Order would immediately match and take.",
  wouldTrigger: "Order would trigger immediately.",
  unknown: "Unknown order sent.",
  notExist: "Order does not exist.",
  marketClosed: "Market is closed.",
  noTrading: "This account may not place or cancel orders.",
  badCombo: "Unsupported order combination",
  icebergExceeds: "IcebergQty exceeds QTY.",
  priceRelation: "The relationship of the prices for the orders is not correct.",
  cancelRestricted: "Order was not canceled due to cancel restrictions.",
  amendIncrease: "Order amend (quantity increase) is not supported.",
  amendOpoPending: "Order amend (pending OPO order) is not supported.",
  noChange: "The requested action would change no state; rejecting",
  pegType: "This order type may not use pegged price.",
  pegKind: "This price peg cannot be used with this order type.",
  pegLiquidity: "Order book liquidity is too low for this pegged order.",
  quoteNoLiquidity: "Order book liquidity is less than symbol minimum quantity.",
} as const;

/** A pegged order's instructions (faqs/pegged_orders.md; web-socket-api.md "Pegged Orders"). */
export interface Peg {
  /** `PRIMARY_PEG` (best price of the order's side) or `MARKET_PEG` (of the other side). */
  priceType: string;
  /** `PRICE_LEVEL`, when sent. */
  offsetType?: string;
  /** How many price levels deeper than the best, when sent. */
  offsetValue?: number;
  /** The `price` sent (0 if not set): what `price` and `p` report. */
  sentPrice: bigint;
  /** The price the order is pegged at, once determined (`peggedPrice`, `gp`). */
  peggedPrice?: bigint;
}

/** BUY or SELL. */
export type Side = "BUY" | "SELL";

/** The order types of the docs. */
export type OrderType =
  | "LIMIT"
  | "LIMIT_MAKER"
  | "MARKET"
  | "STOP_LOSS"
  | "STOP_LOSS_LIMIT"
  | "TAKE_PROFIT"
  | "TAKE_PROFIT_LIMIT";

/** One fill of an order, as `fills` of a FULL response reports it. */
export interface Fill {
  price: bigint;
  qty: bigint;
  commission: bigint;
  commissionAsset: string;
  tradeId: number;
  /** When it traded (ms), for `myTrades`. */
  time: number;
  /** Whether the order was the maker of the trade, for `myTrades`. */
  isMaker: boolean;
}

/** An order as the engine keeps it. */
export interface Order {
  symbol: string;
  state: SymbolState;
  account: Account;
  orderId: number;
  orderListId: number;
  clientOrderId: string;
  side: Side;
  type: OrderType;
  timeInForce?: string;
  /** Limit price (0 for market types); a pegged order's pegged price once determined. */
  price: bigint;
  /** A pegged order's instructions and prices. */
  peg?: Peg;
  origQty: bigint;
  origQuoteOrderQty: bigint;
  executedQty: bigint;
  cummulativeQuoteQty: bigint;
  stopPrice?: bigint;
  trailingDelta?: number;
  /** When a trailing stop started tracking (-1 before). */
  trailingTime: number;
  /** A stop's: the id of the last trade when it started waiting for its trigger. */
  waitingSince: number;
  /** Best price since tracking started (trailing stops). */
  extreme?: bigint;
  icebergQty?: bigint;
  strategyId?: number;
  strategyType?: number;
  selfTradePreventionMode: string;
  status: string;
  time: number;
  updateTime: number;
  /** When the order went on the book or started working (-1 while pending or untriggered). */
  workingTime: number;
  /** Quantity shown in the book now (an iceberg's visible part), 0 when not resting. */
  visible: bigint;
  /**
   * The market's own liquidity at its price that rests ahead of it (time priority: "The new
   * order executes after existing orders at the same price"), in units; 0 when not resting.
   */
  ahead: bigint;
  /** Asset locked for the order, and how much of it is still locked. */
  lockAsset: string;
  locked: bigint;
  preventedMatchId?: number;
  preventedQuantity: bigint;
  expiryReason?: string;
  /** Fills of the request that placed (or triggered) it. */
  fills: Fill[];
  /** Whether its first fill was seen (the unfilled order count drops once). */
  traded: boolean;
  amendments: number;
  /** Whether `usedSor`. */
  usedSor?: boolean;
  list?: OrderList;
  /** Pending leg of an OPO list: its quantity comes from the working order. */
  opoPending?: boolean;
}

/** Order-list kinds. */
export type ListKind = "OCO" | "OTO" | "OTOCO" | "OPO" | "OPOCO";

/** An order list. */
export interface OrderList {
  orderListId: number;
  kind: ListKind;
  contingencyType: "OCO" | "OTO";
  listClientOrderId: string;
  symbol: string;
  account: Account;
  listStatusType: "EXEC_STARTED" | "ALL_DONE";
  listOrderStatus: "EXECUTING" | "ALL_DONE";
  transactionTime: number;
  orders: Order[];
  /** The working order of OTO-like lists. */
  working?: Order;
  /** Set while the list is being placed (its placement is not answered yet). */
  placing?: boolean;
  /**
   * The pending legs as the placement's answer shows them, when the working order filled at
   * once: still PENDING_NEW ("the placement response will show the working order as FILLED but
   * the pending order will still appear as PENDING_NEW").
   */
  placedAs?: Map<Order, Order>;
  /**
   * OPO: what the working order received so far, locked for the pending legs (faqs/opo.md: "The
   * received funds from the working order are *locked* for use by the pending order(s)").
   */
  received?: bigint;
}

/** Whether an order is open (counts for MAX_NUM_ORDERS, can be canceled). */
export function isOpen(o: Order): boolean {
  return o.status === "NEW" || o.status === "PARTIALLY_FILLED" || o.status === "PENDING_NEW";
}

/** Whether an order is a stop or take-profit type. */
export function isStopType(type: OrderType): boolean {
  return type.startsWith("STOP_LOSS") || type.startsWith("TAKE_PROFIT");
}

/** Every order and order list of the exchange, with their ids. */
export class OrderStore {
  #nextOrderId = 1;
  #nextListId = 1;
  readonly byId: Map<number, Order> = new Map();
  readonly lists: Map<number, OrderList> = new Map();
  /** Orders by account, symbol and client id, newest last. */
  readonly #byClient = new Map<string, Order[]>();
  readonly #listsByClient = new Map<string, OrderList[]>();

  /** A new order id. */
  nextOrderId(): number {
    return this.#nextOrderId++;
  }

  /** A new order list id. */
  nextListId(): number {
    return this.#nextListId++;
  }

  /** A new client order id, 22 characters as Binance makes them. */
  newClientId(): string {
    const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let s = "";
    for (let i = 0; i < 22; i++) s += abc[Math.floor(Math.random() * abc.length)];
    return s;
  }

  /** Records an order. */
  add(o: Order): void {
    this.byId.set(o.orderId, o);
    const k = key(o.account, o.symbol, o.clientOrderId);
    const list = this.#byClient.get(k);
    if (list) list.push(o);
    else this.#byClient.set(k, [o]);
  }

  /** Gives an order a new client id (an amendment does). */
  rename(o: Order, clientOrderId: string): void {
    const old = this.#byClient.get(key(o.account, o.symbol, o.clientOrderId));
    const i = old?.indexOf(o) ?? -1;
    if (i >= 0) old!.splice(i, 1);
    o.clientOrderId = clientOrderId;
    const k = key(o.account, o.symbol, clientOrderId);
    const list = this.#byClient.get(k);
    if (list) list.push(o);
    else this.#byClient.set(k, [o]);
  }

  /** Records an order list. */
  addList(l: OrderList): void {
    this.lists.set(l.orderListId, l);
    const k = key(l.account, "", l.listClientOrderId);
    const list = this.#listsByClient.get(k);
    if (list) list.push(l);
    else this.#listsByClient.set(k, [l]);
  }

  /** The orders of an account and symbol with this client id, oldest first. */
  byClientId(a: Account, symbol: string, clientOrderId: string): Order[] {
    return this.#byClient.get(key(a, symbol, clientOrderId)) ?? [];
  }

  /** The newest order of an account and symbol with this client id. */
  latestByClientId(a: Account, symbol: string, clientOrderId: string): Order | undefined {
    return this.byClientId(a, symbol, clientOrderId).at(-1);
  }

  /** The newest list of an account with this client id. */
  listByClientId(a: Account, listClientOrderId: string): OrderList | undefined {
    return this.#listsByClient.get(key(a, "", listClientOrderId))?.at(-1);
  }

  /** Whether an open order of the account and symbol already has this client id. */
  clientIdInUse(a: Account, symbol: string, clientOrderId: string): boolean {
    return this.byClientId(a, symbol, clientOrderId).some(isOpen);
  }

  /** Whether an open list of the account already has this client id. */
  listClientIdInUse(a: Account, listClientOrderId: string): boolean {
    const l = this.listByClientId(a, listClientOrderId);
    return l !== undefined && l.listOrderStatus === "EXECUTING";
  }

  /** The open orders of an account (on a symbol). */
  open(a: Account, symbol?: string): Order[] {
    return [...this.byId.values()].filter((o) =>
      o.account === a && isOpen(o) && (symbol === undefined || o.symbol === symbol)
    );
  }

  /** A new trade id for a symbol's trade list: ids continue the market's. */
  nextTradeId(state: SymbolState): number {
    return (state.trades[state.trades.length - 1]?.id ?? 0) + 1;
  }
}

function key(a: Account, symbol: string, clientId: string): string {
  return `${a.apiKey}\u0000${symbol}\u0000${clientId}`;
}
