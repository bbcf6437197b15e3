// Private: the zod shapes the order models share (an order report's fields, conditional
// fields included), written once; the public interfaces are in order_result.ts.
import { z } from "zod";
import { decimal, long } from "../core/_model.ts";

/** The conditional fields of order reports ("Conditional fields in Order Responses"). */
export const conditionalShape = {
  icebergQty: decimal.optional(),
  preventedMatchId: long.optional(),
  preventedQuantity: decimal.optional(),
  stopPrice: decimal.optional(),
  strategyId: long.optional(),
  strategyType: long.optional(),
  trailingDelta: long.optional(),
  trailingTime: long.optional(),
  usedSor: z.boolean().optional(),
  workingFloor: z.string().optional(),
  pegPriceType: z.string().optional(),
  pegOffsetType: z.string().optional(),
  pegOffsetValue: long.optional(),
  peggedPrice: decimal.optional(),
  expiryReason: z.string().optional(),
};

/** What every order report says of its order. */
export const orderFieldsShape = {
  symbol: z.string(),
  orderId: long,
  orderListId: long,
  clientOrderId: z.string(),
  price: decimal,
  origQty: decimal,
  executedQty: decimal,
  origQuoteOrderQty: decimal,
  cummulativeQuoteQty: decimal,
  status: z.string(),
  timeInForce: z.string(),
  type: z.string(),
  side: z.string(),
  selfTradePreventionMode: z.string().optional(),
  ...conditionalShape,
};

/** The ACK of a placement. */
export const ackShape = {
  symbol: z.string(),
  orderId: long,
  orderListId: long,
  clientOrderId: z.string(),
  transactTime: long,
};

/** A fill of a FULL response (SOR fills add matchType and allocId). */
export const fillShape = z.object({
  price: decimal,
  qty: decimal,
  commission: decimal,
  commissionAsset: z.string(),
  tradeId: long,
  matchType: z.string().optional(),
  allocId: long.optional(),
});

/** A match the placement's self-trade prevention prevented (CHANGELOG 2023-01-19). */
export const preventedMatchShape = z.object({
  preventedMatchId: long,
  makerOrderId: long,
  price: decimal,
  takerPreventedQuantity: decimal.optional(),
  makerPreventedQuantity: decimal.optional(),
});

/** The RESULT of a placement. */
export const resultShape = {
  ...orderFieldsShape,
  transactTime: long,
  workingTime: long.optional(),
  tradeGroupId: long.optional(),
  preventedMatches: z.array(preventedMatchShape).optional(),
};

/** One order of an order list's `orders`. */
export const listOrderShape = z.object({
  symbol: z.string(),
  orderId: long,
  clientOrderId: z.string(),
});

/** What every order list report says of its list. */
export const listFieldsShape = {
  orderListId: long,
  contingencyType: z.string(),
  listStatusType: z.string(),
  listOrderStatus: z.string(),
  expiryReason: z.string().optional(),
  listClientOrderId: z.string(),
  transactionTime: long,
  symbol: z.string(),
  orders: z.array(listOrderShape),
};

/** An order list's status. */
export const listStatusSchema = z.object(listFieldsShape);

/** A canceled order's report. */
export const canceledOrderSchema = z.object({
  ...orderFieldsShape,
  origClientOrderId: z.string().optional(),
  transactTime: long,
});

/** The three placement responses. */
export const ackSchema = z.object(ackShape);
export const resultSchema = z.object(resultShape);
export const fullSchema = z.object({
  ...resultShape,
  fills: z.array(fillShape),
});
/** Any of the three, read by its fields (FULL has `fills`, RESULT has `status`). */
export const anyOrderSchema = z.union([
  fullSchema,
  resultSchema,
  ackSchema,
]);

/** The list status of an amended order (no listStatusType nor transactionTime in the docs). */
export const amendListStatusSchema = z.object({
  ...listFieldsShape,
  listStatusType: z.string().optional(),
  transactionTime: long.optional(),
});
