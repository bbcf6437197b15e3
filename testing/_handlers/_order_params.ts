// Private: the order params of the fake's trading methods, written once: the enums with
// Binance's codes for bad values, a leg's params by prefix, the per-type rules
// (wsapi-spec §9.1) and the order spec made from read params.

import type { OrderSpec } from "../_exchange/matching.ts";
import { MSG, type OrderType, type Side } from "../_exchange/orders.ts";
import type { SymbolState } from "../_exchange/market.ts";
import { failure, mandatory } from "./failure.ts";
import {
  byValue,
  check,
  clientId,
  DECIMAL,
  enumOf,
  forbids,
  INT,
  oneOf,
  type Param,
  type Params,
  requires,
  type Rule,
} from "./params.ts";

/** Every order type, in the order exchangeInfo lists them. */
export const ORDER_TYPES: readonly string[] = [
  "LIMIT",
  "LIMIT_MAKER",
  "MARKET",
  "STOP_LOSS",
  "STOP_LOSS_LIMIT",
  "TAKE_PROFIT",
  "TAKE_PROFIT_LIMIT",
];

/** The shared enums. */
export const SIDE: Param = enumOf(["BUY", "SELL"], failure(-1117, "Invalid side."));
/** Order type. */
export const ORDER_TYPE: Param = enumOf(ORDER_TYPES, failure(-1116, "Invalid orderType."));
/** timeInForce. */
export const TIF: Param = enumOf(["GTC", "IOC", "FOK"], failure(-1115, "Invalid timeInForce."));
/** newOrderRespType. */
export const RESP_TYPE: Param = enumOf(
  ["ACK", "RESULT", "FULL"],
  failure(-1130, "Data sent for parameter 'newOrderRespType' is not valid."),
);
/**
 * selfTradePreventionMode; TRANSFER "will be allowed on all symbols on 2026-04-02" (CHANGELOG.md
 * 2026-03-27): between orders of one account it is DECREMENT (faqs/stp_faq.md).
 */
export const STP_MODE: Param = enumOf(
  ["NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH", "DECREMENT", "TRANSFER"],
  failure(-1130, "Data sent for parameter 'selfTradePreventionMode' is not valid."),
);
/** A new client order id (empty: -1118). */
export const NEW_CLIENT_ID: Param = clientId(failure(-1118, "New client order ID was empty."));
/** An original client order id (empty: -1119). */
export const ORIG_CLIENT_ID: Param = clientId(
  failure(-1119, "Original client order ID was empty."),
);

/** The name of a leg's param: `price` or `abovePrice`. */
export function leg(prefix: string, name: string): string {
  return prefix ? prefix + name[0].toUpperCase() + name.slice(1) : name;
}

/**
 * The order params of one order (or one list leg with `prefix`); `trailingDelta` as the
 * method documents it (INT or LONG; DECIMAL: `WHOLE_DECIMAL`).
 */
export function orderParams(prefix = "", trailingDelta: Param = INT): Record<string, Param> {
  const n = (name: string) => leg(prefix, name);
  return {
    [n("timeInForce")]: TIF,
    [n("price")]: DECIMAL,
    [n("stopPrice")]: DECIMAL,
    [n("trailingDelta")]: trailingDelta,
    [n("icebergQty")]: DECIMAL,
    [n("strategyId")]: INT,
    [n("strategyType")]: INT,
    // errors.md: "-1210 INVALID_PEG_PRICE_TYPE", "-1211 INVALID_PEG_OFFSET_TYPE".
    [n("pegPriceType")]: enumOf(
      ["PRIMARY_PEG", "MARKET_PEG"],
      failure(-1210, "Invalid pegPriceType."),
    ),
    [n("pegOffsetValue")]: INT,
    [n("pegOffsetType")]: enumOf(["PRICE_LEVEL"], failure(-1211, "Invalid pegOffsetType.")),
  };
}

/**
 * The docs' conditional mandatory params by order type (wsapi-spec §9.1): each type's
 * mandatory set (-1102), the params it does not take (-1106), and `icebergQty` only with GTC.
 */
export function typeRules(
  prefix = "",
  typeParam = leg(prefix, "type"),
  qtyParam = leg(prefix, "quantity"),
): Rule[] {
  const n = (name: string) => leg(prefix, name);
  const [tif, price, qty, quote, stop, trail, ice] = [
    n("timeInForce"),
    n("price"),
    qtyParam,
    "quoteOrderQty",
    n("stopPrice"),
    n("trailingDelta"),
    n("icebergQty"),
  ];
  const stopOrTrail = oneOf(stop, trail);
  // "If pegPriceType is specified, price becomes optional. Otherwise, it is still mandatory."
  const priced = check((p) => {
    if (p[n("pegPriceType")] !== undefined || p[price] !== undefined) return;
    mandatory(price);
  });
  return [
    // Pegged orders (web-socket-api.md "Pegged Orders", errors.md): "These parameters are
    // allowed for LIMIT, LIMIT_MAKER, STOP_LOSS_LIMIT, TAKE_PROFIT_LIMIT orders" (all three:
    // pegPriceType, pegOffsetType, pegOffsetValue); a LIMIT_MAKER only with PRIMARY_PEG, a
    // PRIMARY_PEG LIMIT only GTC (faqs/pegged_orders.md).
    check((p) => {
      const peg = p[n("pegPriceType")];
      const [ot, ov] = [n("pegOffsetType"), n("pegOffsetValue")];
      if (peg === undefined && p[ot] === undefined && p[ov] === undefined) return;
      const type = p[typeParam];
      if (!PEGGABLE.includes(type as string)) throw failure(-2010, MSG.pegType);
      if (type === "LIMIT_MAKER" && peg === "MARKET_PEG") throw failure(-2010, MSG.pegKind);
      if (type === "LIMIT" && peg === "PRIMARY_PEG" && p[tif] !== undefined && p[tif] !== "GTC") {
        throw failure(-2010, MSG.badCombo);
      }
      // "These parameters must be specified together."
      if ((p[ot] === undefined) !== (p[ov] === undefined)) mandatory(p[ot] === undefined ? ot : ov);
    }),
    ...byValue(typeParam, {
      LIMIT: [requires(tif), priced, requires(qty), forbids(quote, stop, trail)],
      LIMIT_MAKER: [priced, requires(qty), forbids(tif, quote, stop, trail)],
      MARKET: [
        forbids(tif, price, stop, trail, ice),
        oneOf(qty, quote),
        check((p) => {
          if (p[qty] !== undefined && p[quote] !== undefined) {
            throw failure(-1106, `Parameter '${quote}' sent when not required.`);
          }
        }),
      ],
      STOP_LOSS: [requires(qty), stopOrTrail, forbids(tif, price, quote, ice)],
      TAKE_PROFIT: [requires(qty), stopOrTrail, forbids(tif, price, quote, ice)],
      STOP_LOSS_LIMIT: [requires(tif), priced, requires(qty), stopOrTrail, forbids(quote)],
      TAKE_PROFIT_LIMIT: [requires(tif), priced, requires(qty), stopOrTrail, forbids(quote)],
    }),
    check((p) => {
      if (p[ice] !== undefined && p[tif] !== undefined && p[tif] !== "GTC") {
        throw failure(-2010, MSG.badCombo);
      }
    }),
  ];
}

/** The order types that may be pegged. */
const PEGGABLE = ["LIMIT", "LIMIT_MAKER", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"];

/** An order spec from read params (`prefix` for a list leg). */
export function specOf(p: Params, prefix = "", overrides: Partial<OrderSpec> = {}): OrderSpec {
  const n = (name: string) => leg(prefix, name);
  return {
    state: p.symbol as SymbolState,
    side: (p[n("side")] ?? p.side) as Side,
    type: p[n("type")] as OrderType,
    timeInForce: p[n("timeInForce")] as string | undefined,
    price: p[n("price")] as bigint | undefined,
    quantity: (p[n("quantity")] ?? p.quantity) as bigint | undefined,
    quoteOrderQty: prefix ? undefined : p.quoteOrderQty as bigint | undefined,
    stopPrice: p[n("stopPrice")] as bigint | undefined,
    trailingDelta: p[n("trailingDelta")] as number | undefined,
    icebergQty: p[n("icebergQty")] as bigint | undefined,
    newClientOrderId: p[n("clientOrderId")] as string | undefined ??
      (prefix ? undefined : p.newClientOrderId as string | undefined),
    strategyId: p[n("strategyId")] as number | undefined,
    strategyType: p[n("strategyType")] as number | undefined,
    selfTradePreventionMode: p.selfTradePreventionMode as string | undefined,
    ...(p[n("pegPriceType")] === undefined ? {} : {
      peg: {
        priceType: p[n("pegPriceType")] as string,
        offsetType: p[n("pegOffsetType")] as string | undefined,
        offsetValue: p[n("pegOffsetValue")] as number | undefined,
        sentPrice: (p[n("price")] as bigint | undefined) ?? 0n,
      },
    }),
    ...overrides,
  };
}
