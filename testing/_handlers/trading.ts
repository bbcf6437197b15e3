// Private: the fake's trading and account methods (web-socket-api.md "Trading requests",
// "Account requests"): params as the docs' tables say, with Binance's answers for bad ones,
// over the matching engine (../_exchange/matching.ts). Order lists: ./trading_lists.ts.

import { balancesJson, ratesJson } from "../_exchange/accounts.ts";
import { dec } from "../_exchange/decimal.ts";
import type { OrderSpec } from "../_exchange/matching.ts";
import { isRejection, MSG, type Order, reject, type Rejection } from "../_exchange/orders.ts";
import type { SymbolState } from "../_exchange/market.ts";
import { failure } from "./failure.ts";
import type { Context, Handler, HandlerTable } from "./handler.ts";
import {
  cancelJson,
  listCancelJson,
  placementJson,
  priceFields,
  respType,
  sorJson,
  statusJson,
} from "./_order_json.ts";
import {
  BOOL,
  byValue,
  check,
  DECIMAL,
  enumOf,
  forbids,
  INT,
  oneOf,
  type Param,
  requires,
  type Rule,
  SYMBOL,
  WHOLE_DECIMAL,
} from "./params.ts";
import { listHandlers } from "./trading_lists.ts";
import {
  NEW_CLIENT_ID,
  ORDER_TYPE,
  orderParams,
  ORIG_CLIENT_ID,
  RESP_TYPE,
  SIDE,
  specOf,
  STP_MODE,
  TIF,
  typeRules,
} from "./_order_params.ts";

/** The params of `order.place` (and `order.test`, `order.cancelReplace`'s new order). */
const PLACE_PARAMS: Record<string, Param> = {
  symbol: SYMBOL,
  side: SIDE,
  type: ORDER_TYPE,
  quantity: DECIMAL,
  quoteOrderQty: DECIMAL,
  newClientOrderId: NEW_CLIENT_ID,
  newOrderRespType: RESP_TYPE,
  selfTradePreventionMode: STP_MODE,
  ...orderParams(),
};

/** Rejects a request on an unknown order. */
function unknownOrder(): never {
  reject(-2011, MSG.unknown);
}

/** The order the request names by `orderId` or `origClientOrderId` (unknown: -2011). */
function namedOrder(ctx: Context): { s: SymbolState; o: Order } {
  const p = ctx.params;
  const s = p.symbol as SymbolState;
  const o = ctx.trading.find(
    ctx.trading.account(ctx.apiKey),
    s.spec.symbol,
    p.orderId as number | undefined,
    p.origClientOrderId as string | undefined,
    unknownOrder,
  );
  return { s, o };
}

function noSuchOrder(): never {
  reject(-2013, MSG.notExist);
}

/** Places one order for the request's account: counts it, executes it. */
export function placeOrder(ctx: Context, spec: OrderSpec): Order {
  const a = ctx.trading.account(ctx.apiKey);
  ctx.trading.check(a, spec);
  ctx.trading.countOrders(a, 1, ctx.now);
  return ctx.trading.place(a, spec, ctx.now);
}

function commissionRates(ctx: Context): Record<string, unknown> {
  const a = ctx.trading.account(ctx.apiKey);
  const zero = { maker: dec(0n), taker: dec(0n) };
  return {
    standardCommissionForOrder: { maker: dec(a.commission.maker), taker: dec(a.commission.taker) },
    specialCommissionForOrder: zero,
    taxCommissionForOrder: zero,
    discount: {
      enabledForAccount: false,
      enabledForSymbol: false,
      discountAsset: "BNB",
      discount: "0.25000000",
    },
  };
}

/** A Rejection as `cancelResponse`/`newOrderResponse` carry it. */
function errorJson(e: unknown): { code: number; msg: string } {
  const r = e as Rejection;
  return { code: r.code, msg: r.msg };
}

function cancelOne(
  ctx: Context,
  symbol: SymbolState,
  o: Order,
  cancelId: string,
  restrictions?: string,
): unknown {
  const t = ctx.trading;
  if (o.list) {
    t.lists.cancel(o.list, ctx.now, cancelId);
    return listCancelJson(o.list, cancelId, ctx, ctx.now);
  }
  t.cancel(o, ctx.now, restrictions, cancelId);
  void symbol;
  return cancelJson(o, cancelId, ctx, ctx.now);
}

const CANCEL_RESTRICTIONS = enumOf(
  ["ONLY_NEW", "ONLY_PARTIALLY_FILLED"],
  failure(-1145, "Invalid cancelRestrictions"),
);

/** `order.cancelReplace`'s answer: 200, or 400 / 409 / 429 with `data` (wsapi-spec §9.2). */
function cancelReplace(ctx: Context): unknown {
  const p = ctx.params;
  const t = ctx.trading;
  const a = t.account(ctx.apiKey);
  const s = p.symbol as SymbolState;
  const stopOnFailure = p.cancelReplaceMode === "STOP_ON_FAILURE";
  const cancelOnly = p.orderRateLimitExceededMode === "CANCEL_ONLY";
  const limited = () => reject(-1015, limitMsg(), 429);
  const fits = t.ordersFit(a, 1, ctx.now);
  if (!fits && !cancelOnly) limited();
  // "Filters and order count limits are evaluated before cancellation and order placement
  // occurs": a new order its filters refuse is refused whole, before anything is canceled (the
  // order it replaces makes room for it among the open orders).
  const spec = specOf(p);
  t.check(a, spec, 0, 0, false);
  let cancelResponse: unknown, cancelOk = false;
  try {
    const o = t.find(
      a,
      s.spec.symbol,
      p.cancelOrderId as number | undefined,
      p.cancelOrigClientOrderId as string | undefined,
      unknownOrder,
    );
    // An order of a list cancels the whole list, "like order.cancel".
    cancelResponse = cancelOne(
      ctx,
      s,
      o,
      (p.cancelNewClientOrderId as string | undefined) ?? t.orders.newClientId(),
      p.cancelRestrictions as string | undefined,
    );
    cancelOk = true;
  } catch (e) {
    if (!isRejection(e)) throw e;
    cancelResponse = errorJson(e);
  }
  // The matrix's STOP_ON_FAILURE / CANCEL_ONLY / "Exceeds Limits" rows answer 429 (both
  // outcomes); its ALLOW_FAILURE rows answer 409 / 400 like within the limits.
  const overLimitStop = !fits && stopOnFailure;
  if (!cancelOk && stopOnFailure) {
    // "If new order placement is not attempted, your order count is still incremented."
    if (fits) t.countOrders(a, 1, ctx.now);
    const data = {
      cancelResult: "FAILURE",
      newOrderResult: "NOT_ATTEMPTED",
      cancelResponse,
      newOrderResponse: null,
    };
    throw {
      status: overLimitStop ? 429 : 400,
      code: -2022,
      msg: "Order cancel-replace failed.",
      data,
    } satisfies Rejection;
  }
  let newOrderResponse: unknown, newOk = false;
  try {
    if (!fits) limited();
    const o = placeOrder(ctx, spec);
    newOrderResponse = placementJson(o, respType(p.newOrderRespType, spec.type), ctx);
    newOk = true;
  } catch (e) {
    if (!isRejection(e)) throw e;
    newOrderResponse = errorJson(e);
    // The engine's refusal after a successful cancel is reported as REJECTED (enums.md).
    if (cancelOk && e.code === -2010) t.reportRejected(a, spec, e.msg, ctx.now);
  }
  const data = {
    cancelResult: cancelOk ? "SUCCESS" : "FAILURE",
    newOrderResult: newOk ? "SUCCESS" : "FAILURE",
    cancelResponse,
    newOrderResponse,
  };
  if (cancelOk && newOk) return data;
  if (!cancelOk && !newOk) {
    throw {
      status: 400,
      code: -2022,
      msg: "Order cancel-replace failed.",
      data,
    } satisfies Rejection;
  }
  // Over the limit with CANCEL_ONLY: the matrix says 429 for STOP_ON_FAILURE and 409 for
  // ALLOW_FAILURE (the prose's "409 regardless of cancelReplaceMode" and its example agree
  // with the ALLOW_FAILURE row; the matrix decides the STOP_ON_FAILURE one).
  throw {
    status: overLimitStop ? 429 : 409,
    code: -2021,
    msg: "Order cancel-replace partially failed.",
    data,
  } satisfies Rejection;
}

function limitMsg(): string {
  return "Too many new orders; current limit is 50 orders per 10 SECOND.";
}

const SOR_PARAMS: Record<string, Param> = {
  symbol: SYMBOL,
  side: SIDE,
  type: enumOf(["LIMIT", "MARKET"], failure(-1116, "Invalid orderType.")),
  timeInForce: TIF,
  price: DECIMAL,
  quantity: DECIMAL,
  newClientOrderId: NEW_CLIENT_ID,
  newOrderRespType: RESP_TYPE,
  icebergQty: DECIMAL,
  strategyId: INT,
  strategyType: INT,
  selfTradePreventionMode: STP_MODE,
};

const SOR_RULES: Rule[] = [
  ...byValue("type", {
    LIMIT: [requires("timeInForce", "price")],
    MARKET: [forbids("timeInForce", "price")],
  }),
  check((p) => {
    // SOR routes only symbols of `exchangeInfo`'s `sors`: BTCUSDT on the fake.
    if ((p.symbol as SymbolState).spec.symbol !== "BTCUSDT") {
      throw failure(-1013, "SOR is not enabled for this symbol.");
    }
  }),
];

const SIGNED_ORDER = { security: "TRADE" as const };

/**
 * The trading and account methods of the fake.
 *
 * @returns Method name → handler.
 */
export function tradingHandlers(): HandlerTable {
  const orderPlace: Handler = {
    ...SIGNED_ORDER,
    params: PLACE_PARAMS,
    required: ["symbol", "side", "type"],
    rules: typeRules(),
    weight: () => 1,
    run(ctx) {
      const spec = specOf(ctx.params);
      const o = placeOrder(ctx, spec);
      return placementJson(o, respType(ctx.params.newOrderRespType, spec.type), ctx);
    },
  };
  const sorPlace: Handler = {
    ...SIGNED_ORDER,
    params: SOR_PARAMS,
    required: ["symbol", "side", "type", "quantity"],
    rules: SOR_RULES,
    weight: () => 1,
    run(ctx) {
      const spec = specOf(ctx.params);
      const o = placeOrder(ctx, { ...spec, usedSor: true });
      return sorJson(o, respType(ctx.params.newOrderRespType, spec.type), ctx);
    },
  };
  const test = (base: Handler): Handler => ({
    ...base,
    params: { ...base.params, computeCommissionRates: BOOL },
    weight: (p) => (p.computeCommissionRates ? 20 : 1),
    run(ctx) {
      const a = ctx.trading.account(ctx.apiKey);
      // Validated as the API does, without the matching engine's own checks.
      ctx.trading.check(a, specOf(ctx.params), 1, undefined, false);
      return ctx.params.computeCommissionRates ? commissionRates(ctx) : {};
    },
  });
  return {
    "order.place": orderPlace,
    "order.test": test(orderPlace),
    "sor.order.place": sorPlace,
    "sor.order.test": test(sorPlace),
    "order.cancel": {
      ...SIGNED_ORDER,
      params: {
        symbol: SYMBOL,
        orderId: INT,
        origClientOrderId: ORIG_CLIENT_ID,
        newClientOrderId: NEW_CLIENT_ID,
        cancelRestrictions: CANCEL_RESTRICTIONS,
      },
      required: ["symbol"],
      rules: [oneOf("orderId", "origClientOrderId")],
      weight: () => 1,
      run(ctx) {
        const p = ctx.params;
        const t = ctx.trading;
        const { s, o } = namedOrder(ctx);
        const id = (p.newClientOrderId as string | undefined) ?? t.orders.newClientId();
        return cancelOne(ctx, s, o, id, p.cancelRestrictions as string | undefined);
      },
    },
    "order.cancelReplace": {
      ...SIGNED_ORDER,
      params: {
        ...PLACE_PARAMS,
        // web-socket-api.md: "trailingDelta | DECIMAL" here (INT in order.place).
        trailingDelta: WHOLE_DECIMAL,
        cancelReplaceMode: enumOf(
          ["STOP_ON_FAILURE", "ALLOW_FAILURE"],
          failure(-1130, "Data sent for parameter 'cancelReplaceMode' is not valid."),
        ),
        cancelOrderId: INT,
        cancelOrigClientOrderId: ORIG_CLIENT_ID,
        cancelNewClientOrderId: NEW_CLIENT_ID,
        cancelRestrictions: CANCEL_RESTRICTIONS,
        orderRateLimitExceededMode: enumOf(
          ["DO_NOTHING", "CANCEL_ONLY"],
          failure(-1130, "Data sent for parameter 'orderRateLimitExceededMode' is not valid."),
        ),
      },
      required: ["symbol", "cancelReplaceMode", "side", "type"],
      rules: [oneOf("cancelOrderId", "cancelOrigClientOrderId"), ...typeRules()],
      weight: () => 1,
      run: cancelReplace,
    },
    "order.amend.keepPriority": {
      ...SIGNED_ORDER,
      params: {
        symbol: SYMBOL,
        orderId: INT,
        origClientOrderId: ORIG_CLIENT_ID,
        newClientOrderId: NEW_CLIENT_ID,
        newQty: DECIMAL,
      },
      required: ["symbol", "newQty"],
      rules: [oneOf("orderId", "origClientOrderId")],
      weight: () => 4,
      run(ctx) {
        const p = ctx.params;
        const t = ctx.trading;
        const { o } = namedOrder(ctx);
        const newQty = p.newQty as bigint;
        if (newQty === 0n) reject(-1013, "Filter failure: LOT_SIZE");
        const orig = o.clientOrderId;
        const origQty = o.origQty;
        // The engine renames the order once the amendment is accepted (its report shows both ids).
        const newId = (p.newClientOrderId as string | undefined) ?? t.orders.newClientId();
        const executionId = t.amend(o, newQty, ctx.now, newId);
        t.history.amend(o, executionId, orig, origQty, ctx.now);
        const amendedOrder: Record<string, unknown> = {
          symbol: o.symbol,
          orderId: o.orderId,
          orderListId: o.orderListId,
          origClientOrderId: orig,
          clientOrderId: o.clientOrderId,
          ...priceFields(o),
          qty: dec(o.origQty),
          executedQty: dec(o.executedQty),
          preventedQty: dec(o.preventedQuantity),
          quoteOrderQty: dec(o.origQuoteOrderQty),
          cumulativeQuoteQty: dec(o.cummulativeQuoteQty),
          status: o.status,
          timeInForce: o.timeInForce ?? "GTC",
          type: o.type,
          side: o.side,
          workingTime: o.workingTime === -1 ? -1 : ctx.t(o.workingTime),
          selfTradePreventionMode: o.selfTradePreventionMode,
        };
        const out: Record<string, unknown> = {
          transactTime: ctx.t(ctx.now),
          executionId,
          amendedOrder,
        };
        if (o.list) {
          out.listStatus = {
            orderListId: o.list.orderListId,
            contingencyType: o.list.contingencyType,
            listOrderStatus: o.list.listOrderStatus,
            listClientOrderId: o.list.listClientOrderId,
            symbol: o.list.symbol,
            orders: o.list.orders.map((x) => ({
              symbol: x.symbol,
              orderId: x.orderId,
              clientOrderId: x.clientOrderId,
            })),
          };
        }
        return out;
      },
    },
    "openOrders.cancelAll": {
      ...SIGNED_ORDER,
      params: { symbol: SYMBOL },
      required: ["symbol"],
      weight: () => 1,
      run(ctx) {
        const t = ctx.trading;
        const a = t.account(ctx.apiKey);
        const s = ctx.params.symbol as SymbolState;
        const open = t.orders.open(a, s.spec.symbol);
        if (!open.length) unknownOrder();
        const out: unknown[] = [];
        const seen = new Set<unknown>();
        for (const o of open) {
          if (o.list) {
            if (seen.has(o.list)) continue;
            seen.add(o.list);
          }
          out.push(cancelOne(ctx, s, o, t.orders.newClientId()));
        }
        return out;
      },
    },
    "order.status": {
      security: "USER_DATA",
      params: { symbol: SYMBOL, orderId: INT, origClientOrderId: ORIG_CLIENT_ID },
      required: ["symbol"],
      rules: [oneOf("orderId", "origClientOrderId")],
      weight: () => 4,
      run(ctx) {
        const p = ctx.params;
        const t = ctx.trading;
        const a = t.account(ctx.apiKey);
        const s = p.symbol as SymbolState;
        const o = t.find(
          a,
          s.spec.symbol,
          p.orderId as number | undefined,
          p.orderId === undefined ? p.origClientOrderId as string | undefined : undefined,
          noSuchOrder,
        );
        if (
          p.orderId !== undefined && p.origClientOrderId !== undefined &&
          o.clientOrderId !== p.origClientOrderId
        ) reject(-2039, "Client order ID is not correct for this order ID.");
        return statusJson(o, ctx);
      },
    },
    "account.status": {
      security: "USER_DATA",
      params: { omitZeroBalances: BOOL },
      weight: () => 20,
      run(ctx) {
        const a = ctx.trading.account(ctx.apiKey);
        const r = a.commission;
        const bips = (v: bigint) => Number(v / 10_000n);
        return {
          makerCommission: bips(r.maker),
          takerCommission: bips(r.taker),
          buyerCommission: bips(r.buyer),
          sellerCommission: bips(r.seller),
          canTrade: a.canTrade,
          canWithdraw: true,
          canDeposit: true,
          commissionRates: ratesJson(r),
          brokered: false,
          requireSelfTradePrevention: false,
          preventSor: false,
          updateTime: ctx.t(a.updateTime),
          accountType: "SPOT",
          balances: balancesJson(a, ctx.params.omitZeroBalances === true),
          permissions: a.permissions,
          uid: a.uid,
        };
      },
    },
    ...listHandlers(),
  };
}

/** Methods whose successful answers carry the ORDERS `rateLimits` (they place orders). */
export const ORDER_PLACING: ReadonlySet<string> = new Set([
  "order.place",
  "order.cancelReplace",
  "orderList.place",
  "orderList.place.oco",
  "orderList.place.oto",
  "orderList.place.otoco",
  "orderList.place.opo",
  "orderList.place.opoco",
  "sor.order.place",
]);

/**
 * The methods whose request weight is 0 when they succeed (CHANGELOG 2026-03-27; failed
 * requests are still charged). `order.amend.keepPriority` only when the amendment made the
 * order expire (CHANGELOG 2026-04-02).
 */
const FREE_ON_SUCCESS: ReadonlySet<string> = new Set([
  ...ORDER_PLACING,
  "order.cancel",
  "openOrders.cancelAll",
  "orderList.cancel",
]);

/** Whether the successful `result` of `method` costs no request weight. */
export function freeOnSuccess(method: string, result: unknown): boolean {
  if (FREE_ON_SUCCESS.has(method)) return true;
  return method === "order.amend.keepPriority" &&
    (result as { amendedOrder?: { status?: unknown } }).amendedOrder?.status === "EXPIRED";
}
