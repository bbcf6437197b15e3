// Private: the public param types of the order methods (types only; mod.ts re-exports them).
// The rules that use them are in _order_params.ts.
import type { FilterSymbolInfo } from "../core/order_filters.ts";
import type { RequestOptions } from "../core/types.ts";

/** The side of an order. */
export type OrderSide = "BUY" | "SELL";
/** An order type (`enums.md#ordertypes`). */
export type OrderType =
  | "LIMIT"
  | "MARKET"
  | "STOP_LOSS"
  | "STOP_LOSS_LIMIT"
  | "TAKE_PROFIT"
  | "TAKE_PROFIT_LIMIT"
  | "LIMIT_MAKER";
/** How long an order stays active: Good 'til Canceled, Immediate or Cancel, Fill or Kill. */
export type TimeInForce = "GTC" | "IOC" | "FOK";
/** The response format of an order placement. */
export type OrderResponseType = "ACK" | "RESULT" | "FULL";
/** A self-trade prevention mode (the symbol's `allowedSelfTradePreventionModes` apply). */
export type SelfTradePreventionMode =
  | "NONE"
  | "EXPIRE_MAKER"
  | "EXPIRE_TAKER"
  | "EXPIRE_BOTH"
  | "DECREMENT"
  | "TRANSFER";
/** A pegged order's price: the best price on the same side, or on the opposite side. */
export type PegPriceType = "PRIMARY_PEG" | "MARKET_PEG";
/** A pegged order's offset type: price levels. */
export type PegOffsetType = "PRICE_LEVEL";
/** Cancel only when the order has this status. */
export type CancelRestrictions = "ONLY_NEW" | "ONLY_PARTIALLY_FILLED";
/** The order types of an OCO leg (and of OTOCO's pending legs). */
export type OcoLegType =
  | "STOP_LOSS_LIMIT"
  | "STOP_LOSS"
  | "LIMIT_MAKER"
  | "TAKE_PROFIT"
  | "TAKE_PROFIT_LIMIT";
/** The order types of an OTO/OTOCO/OPO/OPOCO working order. */
export type WorkingType = "LIMIT" | "LIMIT_MAKER";
/** The timing params of every SIGNED method. */
export interface SignedParams {
  /**
   * How long the request stays valid after `timestamp`, in ms: at most 60 000, up to three
   * decimals (µs). Default: the connection's `recvWindow`, else Binance's 5000.
   */
  recvWindow?: number | string;
  /** The request time (ms, or µs with `timeUnit`). Default: the server-synced clock. */
  timestamp?: number;
}
/** The params of one order (order.place, order.test; order.cancelReplace types two apart). */
export interface OrderParams extends SignedParams {
  /** The symbol, e.g. `"BTCUSDT"`. */
  symbol: string;
  /** `BUY` or `SELL`. */
  side: OrderSide;
  /** The order type; it decides which of the other params are required or refused. */
  type: OrderType;
  /** Required for LIMIT, STOP_LOSS_LIMIT, TAKE_PROFIT_LIMIT; refused for MARKET and stops. */
  timeInForce?: TimeInForce;
  /** Limit price, a decimal string. Required for the limit types unless pegged. */
  price?: string;
  /** Base quantity, a decimal string. Required but for MARKET with `quoteOrderQty`. */
  quantity?: string;
  /** MARKET only: the quote amount to spend or receive (instead of `quantity`). */
  quoteOrderQty?: string;
  /** Your id of the order (non-empty). Generated when absent (see `generateClientOrderIds`). */
  newClientOrderId?: string;
  /** `ACK`, `RESULT` or `FULL`. Default: FULL for MARKET and LIMIT, ACK otherwise. */
  newOrderRespType?: OrderResponseType;
  /** Trigger price of the stop and take-profit types. */
  stopPrice?: string;
  /** Trailing stop delta in basis points (INT), instead of or with `stopPrice`. */
  trailingDelta?: number;
  /** Visible part of an iceberg order (limit types; needs `timeInForce` GTC). */
  icebergQty?: string;
  /** Your numeric label of the order within a strategy. */
  strategyId?: number;
  /** Your numeric label of the strategy: 1 000 000 or more. */
  strategyType?: number;
  /** Self-trade prevention mode. */
  selfTradePreventionMode?: SelfTradePreventionMode;
  /** Peg the price to the book (limit types only); makes `price` optional. */
  pegPriceType?: PegPriceType;
  /** Price levels of the peg's offset, at most 100; sent with `pegOffsetType`. */
  pegOffsetValue?: number;
  /** `PRICE_LEVEL`; sent with `pegOffsetValue`. */
  pegOffsetType?: PegOffsetType;
}
/** The params every order list shares. */
export interface OrderListCommonParams extends SignedParams {
  /** The symbol, e.g. `"BTCUSDT"`. */
  symbol: string;
  /** Your id of the list, distinct from the legs' ids. Generated when absent. */
  listClientOrderId?: string;
  /** `ACK`, `RESULT` or `FULL` (no default documented). */
  newOrderRespType?: OrderResponseType;
  /** Self-trade prevention mode. */
  selfTradePreventionMode?: SelfTradePreventionMode;
}
/** The working order of OTO, OTOCO, OPO and OPOCO: placed on the book first. */
export interface WorkingLegParams {
  /** `LIMIT` or `LIMIT_MAKER`. */
  workingType: WorkingType;
  /** The working order's side. */
  workingSide: OrderSide;
  /** The working order's price (optional when `workingPegPriceType` is set). */
  workingPrice?: string;
  /** The working order's quantity. */
  workingQuantity: string;
  /** Your id of the working order. Generated when absent. */
  workingClientOrderId?: string;
  /** Iceberg part (needs `workingTimeInForce` GTC, or LIMIT_MAKER). */
  workingIcebergQty?: string;
  /** Required for LIMIT. */
  workingTimeInForce?: TimeInForce;
  /** Strategy id of the working order. */
  workingStrategyId?: number;
  /** Strategy type of the working order (1 000 000 or more). */
  workingStrategyType?: number;
  /** Peg of the working order's price. */
  workingPegPriceType?: PegPriceType;
  /** `PRICE_LEVEL`, with `workingPegOffsetValue`. */
  workingPegOffsetType?: PegOffsetType;
  /** Peg offset in price levels (at most 100), with `workingPegOffsetType`. */
  workingPegOffsetValue?: number;
}
/** The pending order of OTO and OPO, placed once the working order is fully filled. */
export interface PendingLegParams {
  /** Any order type (MARKET without quoteOrderQty). */
  pendingType: OrderType;
  /** The pending order's side. */
  pendingSide: OrderSide;
  /** Your id of the pending order. Generated when absent. */
  pendingClientOrderId?: string;
  /** Required for the limit types. */
  pendingPrice?: string;
  /** Stop price of the stop and take-profit types. */
  pendingStopPrice?: string;
  /** Trailing delta (documented DECIMAL), instead of or with `pendingStopPrice`. */
  pendingTrailingDelta?: string;
  /** Iceberg part (needs `pendingTimeInForce` GTC, or LIMIT_MAKER). */
  pendingIcebergQty?: string;
  /** Required for LIMIT, STOP_LOSS_LIMIT, TAKE_PROFIT_LIMIT. */
  pendingTimeInForce?: TimeInForce;
  /** Strategy id of the pending order. */
  pendingStrategyId?: number;
  /** Strategy type of the pending order (1 000 000 or more). */
  pendingStrategyType?: number;
  /** Peg of the pending order's price. */
  pendingPegPriceType?: PegPriceType;
  /** `PRICE_LEVEL`, with `pendingPegOffsetValue`. */
  pendingPegOffsetType?: PegOffsetType;
  /** Peg offset in price levels, with `pendingPegOffsetType`. */
  pendingPegOffsetValue?: number;
}
/** The pending above order of OTOCO and OPOCO. */
export interface PendingAboveLegParams {
  /** The above order's type. */
  pendingAboveType: OcoLegType;
  /** Your id of the above order. Generated when absent. */
  pendingAboveClientOrderId?: string;
  /** Required for LIMIT_MAKER and the stop-limit types. */
  pendingAbovePrice?: string;
  /** Stop price of the stop and take-profit types. */
  pendingAboveStopPrice?: string;
  /** Trailing delta (documented DECIMAL). */
  pendingAboveTrailingDelta?: string;
  /** Iceberg part (needs `pendingAboveTimeInForce` GTC, or LIMIT_MAKER). */
  pendingAboveIcebergQty?: string;
  /** Required for STOP_LOSS_LIMIT and TAKE_PROFIT_LIMIT. */
  pendingAboveTimeInForce?: TimeInForce;
  /** Strategy id of the above order. */
  pendingAboveStrategyId?: number;
  /** Strategy type of the above order (1 000 000 or more). */
  pendingAboveStrategyType?: number;
  /** Peg of the above order's price. */
  pendingAbovePegPriceType?: PegPriceType;
  /** `PRICE_LEVEL`, with `pendingAbovePegOffsetValue`. */
  pendingAbovePegOffsetType?: PegOffsetType;
  /** Peg offset in price levels, with `pendingAbovePegOffsetType`. */
  pendingAbovePegOffsetValue?: number;
}
/** The pending below order of OTOCO and OPOCO (documented optional). */
export interface PendingBelowLegParams {
  /** The below order's type; its other params need it. */
  pendingBelowType?: OcoLegType;
  /** Your id of the below order. Generated when absent. */
  pendingBelowClientOrderId?: string;
  /** Required for LIMIT_MAKER and the stop-limit types. */
  pendingBelowPrice?: string;
  /** Stop price of the stop and take-profit types. */
  pendingBelowStopPrice?: string;
  /** Trailing delta (documented DECIMAL). */
  pendingBelowTrailingDelta?: string;
  /** Iceberg part (needs `pendingBelowTimeInForce` GTC, or LIMIT_MAKER). */
  pendingBelowIcebergQty?: string;
  /** Required for STOP_LOSS_LIMIT and TAKE_PROFIT_LIMIT. */
  pendingBelowTimeInForce?: TimeInForce;
  /** Strategy id of the below order. */
  pendingBelowStrategyId?: number;
  /** Strategy type of the below order (1 000 000 or more). */
  pendingBelowStrategyType?: number;
  /** Peg of the below order's price. */
  pendingBelowPegPriceType?: PegPriceType;
  /** `PRICE_LEVEL`, with `pendingBelowPegOffsetValue`. */
  pendingBelowPegOffsetType?: PegOffsetType;
  /** Peg offset in price levels, with `pendingBelowPegOffsetType`. */
  pendingBelowPegOffsetValue?: number;
}

/** Per-call options of the order methods that take orders. */
export interface OrderRequestOptions extends RequestOptions {
  /**
   * The symbol's `exchangeInfo` entry: the order is checked against its filters before it is
   * sent, and refused with a `FilterError` naming each violated filter (as Binance's -1013).
   */
  filters?: FilterSymbolInfo;
  /** For the filters: the reference (or average) price PERCENT_PRICE_BY_SIDE and MARKET notionals use. */
  referencePrice?: string;
  /**
   * For the filters: your open orders on the symbol (MAX_NUM_ORDERS). Not checked by
   * `order.cancelReplace`: whether the order it cancels still counts is not documented.
   */
  openOrders?: number;
  /** For the filters: your open algo orders on the symbol (MAX_NUM_ALGO_ORDERS); as `openOrders`. */
  openAlgoOrders?: number;
  /**
   * `false` sends the client order ids as given (Binance then picks the missing ones, and the
   * placement cannot be found again by id). Default: the connection's
   * `generateClientOrderIds`, else `true`.
   */
  generateClientOrderIds?: boolean;
  /**
   * When the outcome of a placement is unknown (the socket closed or the timeout ran out
   * after it was sent, a 5xx, -1007): `"resolve"` finds the truth by `order.status` /
   * `orderList.status` (never placing again) and resolves with the order found, marked
   * `recovered: true`, or rejects with `OrderNotPlacedError` / `OrderOutcomeUnknownError`;
   * `"throw"` rejects at once with `OrderOutcomeUnknownError`. Default: the connection's
   * `onUnknownOutcome`, else `"resolve"`. `order.test` and `sor.order.test` place nothing and
   * ignore it.
   */
  onUnknownOutcome?: "resolve" | "throw";
  /**
   * How long past the request's window an order not found is still awaited before
   * `OrderNotPlacedError`, in ms. Default: the connection's `unknownOutcomeMarginMs`, else 10 000.
   */
  unknownOutcomeMarginMs?: number;
  /**
   * How long the resolution may take, in ms. Default: the connection's `resolveTimeoutMs`,
   * else 60 000.
   */
  resolveTimeoutMs?: number;
}
