// Private: the documented JSON shapes of orders in the fake's trading answers: ACK / RESULT /
// FULL placements, cancel reports, `order.status`, order lists, SOR placements.

import { dec } from "../_exchange/decimal.ts";
import type { PreventedMatchRecord } from "../_exchange/history.ts";
import { isStopType, type Order, type OrderList } from "../_exchange/orders.ts";
import type { Context } from "./handler.ts";

/** `newOrderRespType` as sent, or the default: FULL for MARKET and LIMIT, ACK otherwise. */
export function respType(sent: unknown, type: string): string {
  return (sent as string | undefined) ?? (type === "MARKET" || type === "LIMIT" ? "FULL" : "ACK");
}

/** The conditional fields: present only when relevant, as the docs say. */
function conditional(o: Order, out: Record<string, unknown>): void {
  // "Appears for STOP_LOSS, TAKE_PROFIT, STOP_LOSS_LIMIT and TAKE_PROFIT_LIMIT orders": a
  // trailing stop sent without one shows "0.00000000", as `order.status` does.
  if (o.stopPrice !== undefined || isStopType(o.type)) out.stopPrice = dec(o.stopPrice ?? 0n);
  if (o.trailingDelta !== undefined) {
    out.trailingDelta = o.trailingDelta;
    out.trailingTime = o.trailingTime;
  }
  if (o.icebergQty !== undefined) out.icebergQty = dec(o.icebergQty);
  if (o.strategyId !== undefined) out.strategyId = o.strategyId;
  if (o.strategyType !== undefined) out.strategyType = o.strategyType;
  if (o.preventedMatchId !== undefined) {
    out.preventedMatchId = o.preventedMatchId;
    out.preventedQuantity = dec(o.preventedQuantity);
  }
}

/**
 * `price` and a pegged order's fields: "`peggedPrice` reflects the selected price, while `price`
 * is the original order price (zero if not set)" (faqs/pegged_orders.md); `pegOffsetType` and
 * `pegOffsetValue` "if requested", `peggedPrice` "once determined" (web-socket-api.md).
 */
export function priceFields(o: Order): Record<string, unknown> {
  const peg = o.peg;
  if (!peg) return { price: dec(o.price) };
  return {
    price: dec(peg.sentPrice),
    pegPriceType: peg.priceType,
    ...(peg.offsetType === undefined ? {} : { pegOffsetType: peg.offsetType }),
    ...(peg.offsetValue === undefined ? {} : { pegOffsetValue: peg.offsetValue }),
    ...(peg.peggedPrice === undefined ? {} : { peggedPrice: dec(peg.peggedPrice) }),
  };
}

function origQty(o: Order): string | undefined {
  return o.opoPending && o.status === "PENDING_NEW" ? undefined : dec(o.origQty);
}

/** The fields of a RESULT/FULL placement and of a cancel report, after `transactTime`. */
function reportFields(o: Order): Record<string, unknown> {
  return {
    ...priceFields(o),
    origQty: origQty(o),
    executedQty: dec(o.executedQty),
    origQuoteOrderQty: dec(o.origQuoteOrderQty),
    cummulativeQuoteQty: dec(o.cummulativeQuoteQty),
    status: o.status,
    timeInForce: o.timeInForce ?? "GTC",
    type: o.type,
    side: o.side,
  };
}

/** An order placement's result in the shape `newOrderRespType` asks for. */
export function placementJson(o: Order, resp: string, ctx: Context): Record<string, unknown> {
  const out: Record<string, unknown> = {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: o.orderListId,
    clientOrderId: o.clientOrderId,
    transactTime: ctx.t(o.time),
  };
  if (resp === "ACK") return out;
  Object.assign(out, reportFields(o));
  conditional(o, out);
  out.workingTime = o.workingTime === -1 ? -1 : ctx.t(o.workingTime);
  if (o.expiryReason) out.expiryReason = o.expiryReason;
  // The matches it prevented as the taker (faqs/stp_faq.md, "Output of the Taker Order"): the
  // records `myPreventedMatches` reads.
  const prevented = ctx.trading.history.preventedMatches.filter((m) =>
    m.takerOrderId === o.orderId && m.symbol === o.symbol && m.account === o.account
  );
  if (prevented.length > 0) {
    out.preventedMatches = prevented.map((m) => ({
      preventedMatchId: m.preventedMatchId,
      makerOrderId: m.makerOrderId,
      price: dec(m.price),
      ...preventedQuantitiesJson(m),
    }));
  }
  if (resp === "FULL") {
    out.fills = o.fills.map((f) => ({
      price: dec(f.price),
      qty: dec(f.qty),
      commission: dec(f.commission),
      commissionAsset: f.commissionAsset,
      tradeId: f.tradeId,
    }));
  }
  out.selfTradePreventionMode = o.selfTradePreventionMode;
  return out;
}

/** The prevented quantities of a prevented match, those its STP mode gives. */
export function preventedQuantitiesJson(m: PreventedMatchRecord): Record<string, string> {
  return {
    ...(m.takerPreventedQuantity === undefined
      ? {}
      : { takerPreventedQuantity: dec(m.takerPreventedQuantity) }),
    ...(m.makerPreventedQuantity === undefined
      ? {}
      : { makerPreventedQuantity: dec(m.makerPreventedQuantity) }),
  };
}

/** A cancel report (`order.cancel`, and each order of a canceled list). */
export function cancelJson(
  o: Order,
  cancelClientId: string,
  ctx: Context,
  now: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    symbol: o.symbol,
    origClientOrderId: o.clientOrderId,
    orderId: o.orderId,
    orderListId: o.orderListId,
    clientOrderId: cancelClientId,
    transactTime: ctx.t(now),
    ...reportFields(o),
  };
  conditional(o, out);
  out.selfTradePreventionMode = o.selfTradePreventionMode;
  return out;
}

/** `order.status`'s shape. */
export function statusJson(o: Order, ctx: Context): Record<string, unknown> {
  const out: Record<string, unknown> = {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: o.orderListId,
    clientOrderId: o.clientOrderId,
    ...priceFields(o),
    origQty: origQty(o),
    executedQty: dec(o.executedQty),
    cummulativeQuoteQty: dec(o.cummulativeQuoteQty),
    status: o.status,
    timeInForce: o.timeInForce ?? "GTC",
    type: o.type,
    side: o.side,
    stopPrice: dec(o.stopPrice ?? 0n),
    icebergQty: dec(o.icebergQty ?? 0n),
    time: ctx.t(o.time),
    updateTime: ctx.t(o.updateTime),
    isWorking: o.workingTime !== -1,
    workingTime: o.workingTime === -1 ? -1 : ctx.t(o.workingTime),
    origQuoteOrderQty: dec(o.origQuoteOrderQty),
    selfTradePreventionMode: o.selfTradePreventionMode,
  };
  if (o.trailingDelta !== undefined) {
    out.trailingDelta = o.trailingDelta;
    out.trailingTime = o.trailingTime;
  }
  if (o.strategyId !== undefined) out.strategyId = o.strategyId;
  if (o.strategyType !== undefined) out.strategyType = o.strategyType;
  if (o.preventedMatchId !== undefined) {
    out.preventedMatchId = o.preventedMatchId;
    out.preventedQuantity = dec(o.preventedQuantity);
  }
  if (o.expiryReason) out.expiryReason = o.expiryReason;
  if (o.usedSor) out.usedSor = true;
  return out;
}

/** An order list without its reports (`orderList.status`). */
export function listJson(l: OrderList, ctx: Context): Record<string, unknown> {
  return {
    orderListId: l.orderListId,
    contingencyType: l.contingencyType,
    listStatusType: l.listStatusType,
    listOrderStatus: l.listOrderStatus,
    listClientOrderId: l.listClientOrderId,
    transactionTime: ctx.t(l.transactionTime),
    symbol: l.symbol,
    orders: l.orders.map((o) => ({
      symbol: o.symbol,
      orderId: o.orderId,
      clientOrderId: o.clientOrderId,
    })),
  };
}

/** An order list placement's result, with an order report per leg. */
export function listPlacementJson(
  l: OrderList,
  resp: string,
  ctx: Context,
): Record<string, unknown> {
  const as = l.placedAs;
  l.placedAs = undefined; // the placement's own answer only
  return {
    ...listJson(l, ctx),
    orderReports: l.orders.map((o) => placementJson(as?.get(o) ?? o, resp, ctx)),
  };
}

/** A canceled order list, with a cancel report per leg. */
export function listCancelJson(
  l: OrderList,
  cancelClientId: string,
  ctx: Context,
  now: number,
): Record<string, unknown> {
  return {
    ...listJson(l, ctx),
    orderReports: l.orders.map((o) => cancelJson(o, cancelClientId, ctx, now)),
  };
}

/** A SOR placement's result: the order with `workingFloor`, `usedSor` and allocation fills. */
export function sorJson(o: Order, resp: string, ctx: Context): Record<string, unknown>[] {
  const out = placementJson(o, resp === "FULL" ? "RESULT" : resp, ctx);
  if (resp === "ACK") return [out];
  const stp = out.selfTradePreventionMode;
  delete out.selfTradePreventionMode;
  if (resp === "FULL") {
    out.fills = o.fills.map((f, i) => ({
      matchType: "ONE_PARTY_TRADE_REPORT",
      price: dec(f.price),
      qty: dec(f.qty),
      commission: dec(f.commission),
      commissionAsset: f.commissionAsset,
      tradeId: -1,
      allocId: ctx.trading.history.allocationId(o, i) ?? i,
    }));
  }
  out.workingFloor = "SOR";
  out.selfTradePreventionMode = stp;
  out.usedSor = true;
  return [out];
}
