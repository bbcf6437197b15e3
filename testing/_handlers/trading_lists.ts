// Private: the fake's order-list methods: orderList.place (deprecated OCO), .oco, .oto, .otoco,
// .opo, .opoco, orderList.cancel and orderList.status, over ../_exchange/order_lists.ts.
// Leg params by prefix (`above`, `below`, `working`, `pending`, `pendingAbove`,
// `pendingBelow`) with the same per-type rules as `order.place` (wsapi-spec §9.3).

import type { OrderSpec } from "../_exchange/matching.ts";
import type { ListSpec } from "../_exchange/order_lists.ts";
import { type ListKind, MSG, type OrderList, reject } from "../_exchange/orders.ts";
import type { SymbolState } from "../_exchange/market.ts";
import { fail, failure } from "./failure.ts";
import type { Context, Handler, HandlerTable } from "./handler.ts";
import { listCancelJson, listJson, listPlacementJson } from "./_order_json.ts";
import {
  check,
  DECIMAL,
  enumOf,
  INT,
  oneOf,
  type Param,
  type Params,
  type Rule,
  SYMBOL,
  WHOLE_DECIMAL,
} from "./params.ts";
import {
  leg,
  NEW_CLIENT_ID,
  ORDER_TYPE,
  orderParams,
  ORIG_CLIENT_ID,
  RESP_TYPE,
  SIDE,
  specOf,
  STP_MODE,
  typeRules,
} from "./_order_params.ts";

const OCO_TYPES = [
  "STOP_LOSS_LIMIT",
  "STOP_LOSS",
  "LIMIT_MAKER",
  "TAKE_PROFIT",
  "TAKE_PROFIT_LIMIT",
];

/** A leg's params; `trailingDelta` as the method documents it (OCO legs LONG, pending DECIMAL). */
function legParams(
  prefix: string,
  types: Param,
  withQty: boolean,
  withSide: boolean,
  trailingDelta: Param = INT,
) {
  return {
    [leg(prefix, "type")]: types,
    [leg(prefix, "clientOrderId")]: NEW_CLIENT_ID,
    ...(withQty ? { [leg(prefix, "quantity")]: DECIMAL } : {}),
    ...(withSide ? { [leg(prefix, "side")]: SIDE } : {}),
    ...orderParams(prefix, trailingDelta),
  };
}

const COMMON = {
  symbol: SYMBOL,
  listClientOrderId: NEW_CLIENT_ID,
  newOrderRespType: RESP_TYPE,
  selfTradePreventionMode: STP_MODE,
};

const OCO_TYPE: Param = enumOf(OCO_TYPES, failure(-1116, "Invalid orderType."));

/** Places a list for the request's account: counts its orders, then executes it. */
function placeList(
  ctx: Context,
  kind: ListKind,
  legs: OrderSpec[],
  belowFirst = false,
): unknown {
  const t = ctx.trading;
  const a = t.account(ctx.apiKey);
  const spec: ListSpec = {
    kind,
    listClientOrderId: ctx.params.listClientOrderId as string | undefined,
    legs,
    belowFirst,
  };
  const opo = kind === "OPO" || kind === "OPOCO";
  if (opo && legs[0].side !== "BUY") fail(-1222, "Working order in an OPO list must be a bid.");
  if (opo && legs.slice(1).some((l) => l.side !== "SELL")) {
    fail(-1223, "Pending orders in an OPO list must be asks.");
  }
  // Check everything before counting (a refused list counts nothing).
  const list = t.lists.place(a, spec, ctx.now, () => t.countOrders(a, legs.length, ctx.now));
  return listPlacementJson(
    list,
    (ctx.params.newOrderRespType as string | undefined) ?? "FULL",
    ctx,
  );
}

const signed = { security: "TRADE" as const, weight: () => 1 };

function oco(): Handler {
  return {
    ...signed,
    params: {
      ...COMMON,
      side: SIDE,
      quantity: DECIMAL,
      ...legParams("above", OCO_TYPE, false, false),
      ...legParams("below", OCO_TYPE, false, false),
    },
    required: ["symbol", "side", "quantity", "aboveType", "belowType"],
    rules: [
      ...typeRules("above", "aboveType", "quantity"),
      ...typeRules("below", "belowType", "quantity"),
    ],
    run: (ctx) => placeList(ctx, "OCO", [specOf(ctx.params, "above"), specOf(ctx.params, "below")]),
  };
}

/** The deprecated `orderList.place`: a LIMIT_MAKER and a stop leg, in old names. */
function legacyOco(): Handler {
  return {
    ...signed,
    params: {
      ...COMMON,
      side: SIDE,
      price: DECIMAL,
      quantity: DECIMAL,
      limitClientOrderId: NEW_CLIENT_ID,
      limitIcebergQty: DECIMAL,
      limitStrategyId: INT,
      limitStrategyType: INT,
      stopPrice: DECIMAL,
      trailingDelta: INT,
      stopClientOrderId: NEW_CLIENT_ID,
      stopLimitPrice: DECIMAL,
      stopLimitTimeInForce: enumOf(["GTC", "IOC", "FOK"], failure(-1115, "Invalid timeInForce.")),
      stopIcebergQty: DECIMAL,
      stopStrategyId: INT,
      stopStrategyType: INT,
    },
    required: ["symbol", "side", "price", "quantity"],
    rules: [
      oneOf("stopPrice", "trailingDelta"),
      // Without stopLimitPrice the stop leg is a STOP_LOSS: it takes no time in force and no
      // iceberg part.
      check((p) => {
        if (p.stopLimitPrice !== undefined) return;
        for (const name of ["stopLimitTimeInForce", "stopIcebergQty"]) {
          if (p[name] !== undefined) {
            throw failure(-1106, `Parameter '${name}' sent when not required.`);
          }
        }
      }),
    ],
    run(ctx) {
      const p = ctx.params;
      const base = {
        state: p.symbol as SymbolState,
        side: p.side as "BUY" | "SELL",
        quantity: p.quantity as bigint,
      };
      const limitLeg: OrderSpec = {
        ...base,
        type: "LIMIT_MAKER",
        price: p.price as bigint,
        icebergQty: p.limitIcebergQty as bigint | undefined,
        newClientOrderId: p.limitClientOrderId as string | undefined,
        selfTradePreventionMode: p.selfTradePreventionMode as string | undefined,
      };
      const stopLeg: OrderSpec = {
        ...base,
        type: p.stopLimitPrice !== undefined ? "STOP_LOSS_LIMIT" : "STOP_LOSS",
        price: p.stopLimitPrice as bigint | undefined,
        timeInForce: p.stopLimitTimeInForce as string | undefined,
        stopPrice: p.stopPrice as bigint | undefined,
        trailingDelta: p.trailingDelta as number | undefined,
        icebergQty: p.stopIcebergQty as bigint | undefined,
        newClientOrderId: p.stopClientOrderId as string | undefined,
        selfTradePreventionMode: p.selfTradePreventionMode as string | undefined,
      };
      // The documented report order: the stop leg first, then the limit maker; for a SELL the
      // stop is the leg below the price, for a BUY the one above.
      return placeList(ctx, "OCO", [stopLeg, limitLeg], base.side === "SELL");
    },
  };
}

const WORKING_TYPE = enumOf(["LIMIT", "LIMIT_MAKER"], failure(-1116, "Invalid orderType."));

function workingRules(): Rule[] {
  return typeRules("working", "workingType", "workingQuantity");
}

/**
 * The working leg's required params (OTO, OPO, OTOCO, OPOCO). Its price is required by its type's
 * rules, unless pegged ("Any order in OTO can be pegged: both working and pending orders",
 * faqs/pegged_orders.md).
 */
const WORKING_REQUIRED = ["workingType", "workingSide", "workingQuantity"];

function oto(opo: boolean): Handler {
  return {
    ...signed,
    params: {
      ...COMMON,
      ...legParams("working", WORKING_TYPE, true, true),
      ...legParams("pending", ORDER_TYPE, !opo, true, WHOLE_DECIMAL),
    },
    required: [
      "symbol",
      ...WORKING_REQUIRED,
      "pendingType",
      "pendingSide",
      ...(opo ? [] : ["pendingQuantity"]),
    ],
    rules: [
      ...workingRules(),
      ...typeRules("pending", "pendingType", opo ? "workingQuantity" : "pendingQuantity"),
    ],
    run: (ctx) =>
      placeList(ctx, opo ? "OPO" : "OTO", [
        specOf(ctx.params, "working"),
        specOf(ctx.params, "pending"),
      ]),
  };
}

function otoco(opo: boolean): Handler {
  const pendingLeg = (p: Params, prefix: string) =>
    specOf(p, prefix, {
      side: p.pendingSide as "BUY" | "SELL",
      quantity: p.pendingQuantity as bigint | undefined,
    });
  return {
    ...signed,
    params: {
      ...COMMON,
      ...legParams("working", WORKING_TYPE, true, true),
      pendingSide: SIDE,
      ...(opo ? {} : { pendingQuantity: DECIMAL }),
      ...legParams("pendingAbove", OCO_TYPE, false, false, WHOLE_DECIMAL),
      ...legParams("pendingBelow", OCO_TYPE, false, false, WHOLE_DECIMAL),
    },
    required: [
      "symbol",
      ...WORKING_REQUIRED,
      "pendingSide",
      ...(opo ? [] : ["pendingQuantity"]),
      "pendingAboveType",
    ],
    rules: [
      ...workingRules(),
      ...typeRules("pendingAbove", "pendingAboveType", opo ? "workingQuantity" : "pendingQuantity"),
      ...typeRules("pendingBelow", "pendingBelowType", opo ? "workingQuantity" : "pendingQuantity"),
    ],
    // `pendingBelowType` is optional (web-socket-api.md: "NO"): without it the pending side is
    // the one above leg, and the list is the two-leg OTO (OPO) it then is, whose answer reads
    // as the OTOCO's does (`contingencyType` "OTO").
    run: (ctx) =>
      ctx.params.pendingBelowType === undefined
        ? placeList(ctx, opo ? "OPO" : "OTO", [
          specOf(ctx.params, "working"),
          pendingLeg(ctx.params, "pendingAbove"),
        ])
        : placeList(ctx, opo ? "OPOCO" : "OTOCO", [
          specOf(ctx.params, "working"),
          pendingLeg(ctx.params, "pendingAbove"),
          pendingLeg(ctx.params, "pendingBelow"),
        ]),
  };
}

function findList(ctx: Context, unknown: () => never): OrderList {
  const t = ctx.trading;
  const a = t.account(ctx.apiKey);
  const p = ctx.params;
  const byClient = (p.origClientOrderId ?? p.listClientOrderId) as string | undefined;
  const l = byClient !== undefined
    ? t.orders.listByClientId(a, byClient)
    : t.orders.lists.get(p.orderListId as number);
  if (!l || l.account !== a) unknown();
  return l;
}

/**
 * The order-list methods.
 *
 * @returns Method name → handler.
 */
export function listHandlers(): HandlerTable {
  return {
    "orderList.place": legacyOco(),
    "orderList.place.oco": oco(),
    "orderList.place.oto": oto(false),
    "orderList.place.otoco": otoco(false),
    "orderList.place.opo": oto(true),
    "orderList.place.opoco": otoco(true),
    "orderList.cancel": {
      ...signed,
      params: {
        symbol: SYMBOL,
        orderListId: INT,
        listClientOrderId: ORIG_CLIENT_ID,
        newClientOrderId: NEW_CLIENT_ID,
      },
      required: ["symbol"],
      rules: [oneOf("orderListId", "listClientOrderId")],
      run(ctx) {
        const l = findList(ctx, () => reject(-2011, MSG.unknown));
        if (l.symbol !== (ctx.params.symbol as SymbolState).spec.symbol) reject(-2011, MSG.unknown);
        const id = (ctx.params.newClientOrderId as string | undefined) ??
          ctx.trading.orders.newClientId();
        ctx.trading.lists.cancel(l, ctx.now, id);
        return listCancelJson(l, id, ctx, ctx.now);
      },
    },
    "orderList.status": {
      security: "USER_DATA",
      weight: () => 4,
      params: { origClientOrderId: ORIG_CLIENT_ID, orderListId: INT },
      rules: [oneOf("origClientOrderId", "orderListId")],
      run(ctx) {
        // errors.md documents -2013 only as "Order does not exist."
        return listJson(findList(ctx, () => reject(-2013, MSG.notExist)), ctx);
      },
    },
  };
}
