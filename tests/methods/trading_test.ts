// The order rules, before anything is sent: for every order type and every order-list kind a
// complete valid set is sent (signed), and each mandatory param left out, each param the type
// does not take and each conflicting pair is a ValidationError naming it, with nothing sent.
import assert from "node:assert/strict";
import {
  accountStatus,
  BinanceApiError,
  CancelReplaceError,
  CancelReplaceRateLimitError,
  connectWsApi,
  createSigner,
  openOrdersCancelAll,
  orderAmendKeepPriority,
  orderCancel,
  orderCancelReplace,
  orderListCancel,
  orderListPlace,
  orderListPlaceOco,
  orderListPlaceOpo,
  orderListPlaceOpoco,
  orderListPlaceOto,
  orderListPlaceOtoco,
  orderListStatus,
  orderPlace,
  orderStatus,
  orderTest,
  RateLimitError,
  sorOrderPlace,
  sorOrderTest,
  ValidationError,
  type WsApiConnection,
} from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";
import { startScriptedPeer } from "../_helpers.ts";

type Call = (
  conn: WsApiConnection,
  params: Record<string, unknown>,
  options?: object,
) => Promise<unknown>;

async function fixture(
  name: string,
): Promise<{ status: number; result?: unknown; error?: unknown }> {
  return JSON.parse(
    await Deno.readTextFile(new URL(`../fixtures/wsapi/${name}.json`, import.meta.url)),
  );
}

/** A signed connection to a scripted peer that answers each method with `answers[method]`. */
async function signedPeer(
  answers: Record<string, { status: number; result?: unknown; error?: unknown }>,
) {
  const peer = startScriptedPeer((req) => {
    if (req.method === "time") {
      return JSON.stringify({ id: req.id, status: 200, result: { serverTime: Date.now() } });
    }
    const a = answers[req.method] ?? { status: 200, result: {} };
    return JSON.stringify({ ...a, id: req.id });
  });
  const signer = await createSigner({ type: "HMAC", secretKey: "test-secret" });
  const conn = await connectWsApi({
    url: peer.url,
    credentials: { apiKey: "test-api-key", signer },
  });
  return {
    peer,
    conn,
    sent: () => peer.received.filter((r) => r.method !== "time"),
    async [Symbol.asyncDispose]() {
      await conn.close();
      await peer.close();
    },
  };
}

async function rejectsNaming(promise: Promise<unknown>, param: string, pattern?: RegExp) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof ValidationError, `expected ValidationError, got ${e}`);
    const names = e.issues.map((i) => i.param);
    assert.ok(names.includes(param), `expected an issue on "${param}", got ${e.message}`);
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

interface Case {
  name: string;
  call: Call;
  valid: Record<string, unknown>;
  /** [what is changed, the params, the param the error must name] */
  invalid: [string, Record<string, unknown>, string][];
}

const LIMIT = {
  symbol: "BTCUSDT",
  side: "BUY",
  type: "LIMIT",
  timeInForce: "GTC",
  price: "65000",
  quantity: "0.001",
};
const without = (o: Record<string, unknown>, ...keys: string[]) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

const singleTypes: Case[] = [
  {
    name: "LIMIT",
    call: orderPlace as unknown as Call,
    valid: LIMIT,
    invalid: [
      ["no timeInForce", without(LIMIT, "timeInForce"), "timeInForce"],
      ["no price", without(LIMIT, "price"), "price"],
      ["no quantity", without(LIMIT, "quantity"), "quantity"],
      ["stopPrice", { ...LIMIT, stopPrice: "60000" }, "stopPrice"],
      ["trailingDelta", { ...LIMIT, trailingDelta: 100 }, "trailingDelta"],
      ["quoteOrderQty", { ...LIMIT, quoteOrderQty: "10" }, "quoteOrderQty"],
      ["icebergQty with IOC", { ...LIMIT, timeInForce: "IOC", icebergQty: "0.0001" }, "icebergQty"],
      ["icebergQty not below quantity", { ...LIMIT, icebergQty: "0.00100" }, "icebergQty"],
      ["pegOffsetType without pegOffsetValue", {
        ...LIMIT,
        pegPriceType: "MARKET_PEG",
        pegOffsetType: "PRICE_LEVEL",
      }, "pegOffsetValue"],
      ["PRIMARY_PEG with IOC", {
        ...without(LIMIT, "price"),
        timeInForce: "IOC",
        pegPriceType: "PRIMARY_PEG",
      }, "timeInForce"],
      ["a price as a number", { ...LIMIT, price: 65000 }, "price"],
      ["a price with an exponent", { ...LIMIT, price: "6.5e4" }, "price"],
      ["an empty newClientOrderId", { ...LIMIT, newClientOrderId: "" }, "newClientOrderId"],
      ["an unknown side", { ...LIMIT, side: "HOLD" }, "side"],
      ["recvWindow above 60000", { ...LIMIT, recvWindow: 60001 }, "recvWindow"],
      ["recvWindow with 4 decimals", { ...LIMIT, recvWindow: 6000.3461 }, "recvWindow"],
      ["strategyType below 1000000", { ...LIMIT, strategyType: 999_999 }, "strategyType"],
      ["pegOffsetValue above 100", {
        ...LIMIT,
        pegPriceType: "MARKET_PEG",
        pegOffsetType: "PRICE_LEVEL",
        pegOffsetValue: 101,
      }, "pegOffsetValue"],
      ["an unknown param", { ...LIMIT, quantitty: "1" }, "quantitty"],
    ],
  },
  {
    name: "LIMIT (pegged: price optional)",
    call: orderPlace as unknown as Call,
    valid: {
      ...without(LIMIT, "price"),
      pegPriceType: "PRIMARY_PEG",
      pegOffsetType: "PRICE_LEVEL",
      pegOffsetValue: 2,
    },
    invalid: [],
  },
  {
    name: "LIMIT_MAKER",
    call: orderPlace as unknown as Call,
    valid: {
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT_MAKER",
      price: "66000",
      quantity: "0.001",
      icebergQty: "0.0002",
    },
    invalid: [
      [
        "no price",
        { symbol: "BTCUSDT", side: "SELL", type: "LIMIT_MAKER", quantity: "0.001" },
        "price",
      ],
      [
        "no quantity",
        { symbol: "BTCUSDT", side: "SELL", type: "LIMIT_MAKER", price: "66000" },
        "quantity",
      ],
      ["MARKET_PEG", {
        symbol: "BTCUSDT",
        side: "SELL",
        type: "LIMIT_MAKER",
        quantity: "1",
        pegPriceType: "MARKET_PEG",
      }, "pegPriceType"],
      ["stopPrice", {
        symbol: "BTCUSDT",
        side: "SELL",
        type: "LIMIT_MAKER",
        price: "1",
        quantity: "1",
        stopPrice: "1",
      }, "stopPrice"],
    ],
  },
  {
    name: "MARKET by quantity",
    call: orderPlace as unknown as Call,
    valid: { symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.001" },
    invalid: [
      [
        "neither quantity nor quoteOrderQty",
        { symbol: "BTCUSDT", side: "BUY", type: "MARKET" },
        "quantity",
      ],
      ["both quantity and quoteOrderQty", {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "MARKET",
        quantity: "1",
        quoteOrderQty: "10",
      }, "quoteOrderQty"],
      [
        "price",
        { symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "1", price: "1" },
        "price",
      ],
      ["timeInForce", {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "MARKET",
        quantity: "1",
        timeInForce: "GTC",
      }, "timeInForce"],
      ["icebergQty", {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "MARKET",
        quantity: "1",
        icebergQty: "0.1",
      }, "icebergQty"],
      ["pegPriceType", {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "MARKET",
        quantity: "1",
        pegPriceType: "PRIMARY_PEG",
      }, "pegPriceType"],
      ["stopPrice", {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "MARKET",
        quantity: "1",
        stopPrice: "1",
      }, "stopPrice"],
    ],
  },
  {
    name: "MARKET by quoteOrderQty",
    call: orderPlace as unknown as Call,
    valid: { symbol: "BTCUSDT", side: "BUY", type: "MARKET", quoteOrderQty: "100.00" },
    invalid: [],
  },
  ...(["STOP_LOSS", "TAKE_PROFIT"] as const).map((type): Case => {
    const valid = { symbol: "BTCUSDT", side: "SELL", type, quantity: "0.001", stopPrice: "60000" };
    return {
      name: type,
      call: orderPlace as unknown as Call,
      valid,
      invalid: [
        ["neither stopPrice nor trailingDelta", without(valid, "stopPrice"), "stopPrice"],
        ["no quantity", without(valid, "quantity"), "quantity"],
        ["price", { ...valid, price: "1" }, "price"],
        ["timeInForce", { ...valid, timeInForce: "GTC" }, "timeInForce"],
        ["icebergQty", { ...valid, icebergQty: "0.0001" }, "icebergQty"],
        ["pegPriceType", { ...valid, pegPriceType: "PRIMARY_PEG" }, "pegPriceType"],
      ],
    };
  }),
  ...(["STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"] as const).map((type): Case => {
    const valid = {
      symbol: "BTCUSDT",
      side: "SELL",
      type,
      quantity: "0.001",
      price: "59000",
      timeInForce: "GTC",
      trailingDelta: 100,
    };
    return {
      name: type,
      call: orderPlace as unknown as Call,
      valid,
      invalid: [
        ["neither stopPrice nor trailingDelta", without(valid, "trailingDelta"), "stopPrice"],
        ["no timeInForce", without(valid, "timeInForce"), "timeInForce"],
        ["no price", without(valid, "price"), "price"],
        ["no quantity", without(valid, "quantity"), "quantity"],
        ["quoteOrderQty", { ...valid, quoteOrderQty: "1" }, "quoteOrderQty"],
        [
          "trailingDelta as a string (INT here)",
          { ...valid, trailingDelta: "100" },
          "trailingDelta",
        ],
      ],
    };
  }),
];

const OCO = {
  symbol: "LTCBNB",
  side: "BUY",
  quantity: "1",
  aboveType: "STOP_LOSS_LIMIT",
  abovePrice: "1.5",
  aboveStopPrice: "1.50000001",
  aboveTimeInForce: "GTC",
  belowType: "LIMIT_MAKER",
  belowPrice: "1.49999999",
};
const WORKING = {
  symbol: "LTCBNB",
  workingType: "LIMIT",
  workingSide: "BUY",
  workingPrice: "1",
  workingQuantity: "1",
  workingTimeInForce: "GTC",
};
const OTO = {
  ...WORKING,
  pendingType: "LIMIT",
  pendingSide: "SELL",
  pendingQuantity: "1",
  pendingPrice: "2",
  pendingTimeInForce: "GTC",
};
const OTOCO = {
  ...WORKING,
  pendingSide: "SELL",
  pendingQuantity: "5",
  pendingAboveType: "LIMIT_MAKER",
  pendingAbovePrice: "5",
  pendingBelowType: "STOP_LOSS",
  pendingBelowStopPrice: "0.5",
};

const others: Case[] = [
  {
    name: "order.test (with computeCommissionRates)",
    call: orderTest as unknown as Call,
    valid: { ...LIMIT, computeCommissionRates: true },
    invalid: [["no price", without(LIMIT, "price"), "price"]],
  },
  {
    name: "order.cancelReplace",
    call: orderCancelReplace as unknown as Call,
    valid: {
      ...LIMIT,
      cancelReplaceMode: "STOP_ON_FAILURE",
      cancelOrderId: 125690984230,
      trailingDelta: undefined,
    },
    invalid: [
      ["no cancel id", { ...LIMIT, cancelReplaceMode: "STOP_ON_FAILURE" }, "cancelOrderId"],
      ["no cancelReplaceMode", { ...LIMIT, cancelOrderId: 1 }, "cancelReplaceMode"],
      [
        "an unknown cancelReplaceMode",
        { ...LIMIT, cancelOrderId: 1, cancelReplaceMode: "MAYBE" },
        "cancelReplaceMode",
      ],
      ["an unknown orderRateLimitExceededMode", {
        ...LIMIT,
        cancelOrderId: 1,
        cancelReplaceMode: "ALLOW_FAILURE",
        orderRateLimitExceededMode: "RETRY",
      }, "orderRateLimitExceededMode"],
      ["a new MARKET order with a price", {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "MARKET",
        quantity: "1",
        price: "1",
        cancelOrderId: 1,
        cancelReplaceMode: "ALLOW_FAILURE",
      }, "price"],
      ["trailingDelta as a number (DECIMAL here)", {
        symbol: "BTCUSDT",
        side: "SELL",
        type: "STOP_LOSS",
        quantity: "1",
        trailingDelta: 100,
        cancelOrderId: 1,
        cancelReplaceMode: "ALLOW_FAILURE",
      }, "trailingDelta"],
    ],
  },
  {
    name: "order.cancel",
    call: orderCancel as unknown as Call,
    valid: { symbol: "BTCUSDT", origClientOrderId: "my-order" },
    invalid: [
      ["no id", { symbol: "BTCUSDT" }, "orderId"],
      ["an unknown cancelRestrictions", {
        symbol: "BTCUSDT",
        orderId: 1,
        cancelRestrictions: "ONLY_OLD",
      }, "cancelRestrictions"],
    ],
  },
  {
    name: "order.amend.keepPriority",
    call: orderAmendKeepPriority as unknown as Call,
    valid: { symbol: "BTCUSDT", orderId: 12, newQty: "0.5" },
    invalid: [
      ["no id", { symbol: "BTCUSDT", newQty: "0.5" }, "orderId"],
      ["no newQty", { symbol: "BTCUSDT", orderId: 12 }, "newQty"],
      ["newQty 0", { symbol: "BTCUSDT", orderId: 12, newQty: "0.00000000" }, "newQty"],
    ],
  },
  {
    name: "openOrders.cancelAll",
    call: openOrdersCancelAll as unknown as Call,
    valid: { symbol: "BTCUSDT" },
    invalid: [["no symbol", {}, "symbol"]],
  },
  {
    name: "orderList.cancel",
    call: orderListCancel as unknown as Call,
    valid: { symbol: "BTCUSDT", orderListId: 1274512 },
    invalid: [["no id", { symbol: "BTCUSDT" }, "orderListId"]],
  },
  {
    name: "sor.order.place LIMIT",
    call: sorOrderPlace as unknown as Call,
    valid: {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      quantity: "0.5",
      timeInForce: "GTC",
      price: "31000",
    },
    invalid: [
      ["no price", {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "LIMIT",
        quantity: "0.5",
        timeInForce: "GTC",
      }, "price"],
      ["STOP_LOSS", {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "STOP_LOSS",
        quantity: "0.5",
        stopPrice: "1",
      }, "type"],
      ["quoteOrderQty", {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "MARKET",
        quantity: "0.5",
        quoteOrderQty: "1",
      }, "quoteOrderQty"],
      ["pegPriceType", {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "LIMIT",
        quantity: "0.5",
        timeInForce: "GTC",
        price: "1",
        pegPriceType: "PRIMARY_PEG",
      }, "pegPriceType"],
    ],
  },
  {
    name: "sor.order.place LIMIT with icebergQty (documented for SOR too)",
    call: sorOrderPlace as unknown as Call,
    valid: {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      quantity: "0.5",
      timeInForce: "GTC",
      price: "31000",
      icebergQty: "0.1",
    },
    invalid: [],
  },
  {
    name: "sor.order.place MARKET",
    call: sorOrderPlace as unknown as Call,
    valid: { symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.5" },
    invalid: [
      ["timeInForce", {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "MARKET",
        quantity: "0.5",
        timeInForce: "GTC",
      }, "timeInForce"],
      ["no quantity", { symbol: "BTCUSDT", side: "BUY", type: "MARKET" }, "quantity"],
    ],
  },
  {
    name: "sor.order.test",
    call: sorOrderTest as unknown as Call,
    valid: {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "MARKET",
      quantity: "0.5",
      computeCommissionRates: false,
    },
    invalid: [["price on MARKET", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "MARKET",
      quantity: "0.5",
      price: "1",
    }, "price"]],
  },
  {
    name: "orderList.place (deprecated OCO)",
    call: orderListPlace as unknown as Call,
    valid: {
      symbol: "BTCUSDT",
      side: "SELL",
      price: "23420",
      quantity: "0.0065",
      stopPrice: "23410",
      stopLimitPrice: "23405",
      stopLimitTimeInForce: "GTC",
    },
    invalid: [
      ["neither stopPrice nor trailingDelta", {
        symbol: "BTCUSDT",
        side: "SELL",
        price: "23420",
        quantity: "0.0065",
      }, "stopPrice"],
      [
        "no price",
        { symbol: "BTCUSDT", side: "SELL", quantity: "0.0065", stopPrice: "1" },
        "price",
      ],
      ["stopLimitPrice without stopLimitTimeInForce", {
        symbol: "BTCUSDT",
        side: "SELL",
        price: "2",
        quantity: "1",
        stopPrice: "1",
        stopLimitPrice: "1",
      }, "stopLimitTimeInForce"],
      ["stopIcebergQty without GTC", {
        symbol: "BTCUSDT",
        side: "SELL",
        price: "2",
        quantity: "1",
        stopPrice: "1",
        stopLimitPrice: "1",
        stopLimitTimeInForce: "IOC",
        stopIcebergQty: "0.1",
      }, "stopIcebergQty"],
    ],
  },
  {
    name: "orderList.place.oco (the list's id may equal a leg's: another kind of id)",
    call: orderListPlaceOco as unknown as Call,
    valid: { ...OCO, listClientOrderId: "same-1", aboveClientOrderId: "same-1" },
    invalid: [[
      "the legs' ids equal",
      { ...OCO, aboveClientOrderId: "same-1", belowClientOrderId: "same-1" },
      "belowClientOrderId",
    ]],
  },
  {
    name: "orderList.place.oto (pegged working order: workingPrice optional)",
    call: orderListPlaceOto as unknown as Call,
    valid: { ...without(OTO, "workingPrice"), workingPegPriceType: "PRIMARY_PEG" },
    invalid: [
      ["no workingPrice, not pegged", without(OTO, "workingPrice"), "workingPrice"],
      [
        "the legs' ids equal",
        { ...OTO, workingClientOrderId: "same-1", pendingClientOrderId: "same-1" },
        "pendingClientOrderId",
      ],
    ],
  },
  {
    name: "orderList.place.oco",
    call: orderListPlaceOco as unknown as Call,
    valid: OCO,
    invalid: [
      [
        "no aboveTimeInForce for STOP_LOSS_LIMIT",
        without(OCO, "aboveTimeInForce"),
        "aboveTimeInForce",
      ],
      [
        "neither aboveStopPrice nor aboveTrailingDelta",
        without(OCO, "aboveStopPrice"),
        "aboveStopPrice",
      ],
      ["belowStopPrice on LIMIT_MAKER", { ...OCO, belowStopPrice: "1.4" }, "belowStopPrice"],
      ["two stop legs", {
        ...OCO,
        belowType: "STOP_LOSS",
        belowStopPrice: "1.4",
        belowPrice: undefined,
      }, "belowType"],
      ["no quantity", without(OCO, "quantity"), "quantity"],
      [
        "aboveIcebergQty with IOC",
        { ...OCO, aboveTimeInForce: "IOC", aboveIcebergQty: 1 },
        "aboveIcebergQty",
      ],
      [
        "aboveTrailingDelta as a string (LONG here)",
        { ...OCO, aboveTrailingDelta: "100" },
        "aboveTrailingDelta",
      ],
    ],
  },
  {
    name: "orderList.place.oto",
    call: orderListPlaceOto as unknown as Call,
    valid: OTO,
    invalid: [
      ["no workingTimeInForce for LIMIT", without(OTO, "workingTimeInForce"), "workingTimeInForce"],
      ["no pendingPrice for LIMIT", without(OTO, "pendingPrice"), "pendingPrice"],
      ["no pendingTimeInForce for LIMIT", without(OTO, "pendingTimeInForce"), "pendingTimeInForce"],
      ["a MARKET working order", { ...OTO, workingType: "MARKET" }, "workingType"],
      ["no pendingQuantity", without(OTO, "pendingQuantity"), "pendingQuantity"],
      ["pendingPrice on a MARKET pending", {
        ...OTO,
        pendingType: "MARKET",
        pendingTimeInForce: undefined,
      }, "pendingPrice"],
      ["no pendingStopPrice for STOP_LOSS", {
        ...without(OTO, "pendingPrice", "pendingTimeInForce"),
        pendingType: "STOP_LOSS",
      }, "pendingStopPrice"],
    ],
  },
  {
    name: "orderList.place.otoco",
    call: orderListPlaceOtoco as unknown as Call,
    valid: OTOCO,
    invalid: [
      [
        "no pendingAbovePrice for LIMIT_MAKER",
        without(OTOCO, "pendingAbovePrice"),
        "pendingAbovePrice",
      ],
      [
        "no stop for the below STOP_LOSS",
        without(OTOCO, "pendingBelowStopPrice"),
        "pendingBelowStopPrice",
      ],
      [
        "below params without pendingBelowType",
        without(OTOCO, "pendingBelowType"),
        "pendingBelowStopPrice",
      ],
      ["two limit legs", {
        ...OTOCO,
        pendingBelowType: "LIMIT_MAKER",
        pendingBelowStopPrice: undefined,
        pendingBelowPrice: "0.5",
      }, "pendingBelowType"],
      ["no pendingQuantity", without(OTOCO, "pendingQuantity"), "pendingQuantity"],
    ],
  },
  {
    name: "orderList.place.opo",
    call: orderListPlaceOpo as unknown as Call,
    valid: without(OTO, "pendingQuantity"),
    invalid: [
      ["pendingQuantity", OTO, "pendingQuantity"],
      [
        "a SELL working order",
        { ...without(OTO, "pendingQuantity"), workingSide: "SELL" },
        "workingSide",
      ],
      [
        "a BUY pending order",
        { ...without(OTO, "pendingQuantity"), pendingSide: "BUY" },
        "pendingSide",
      ],
    ],
  },
  {
    name: "orderList.place.opoco",
    call: orderListPlaceOpoco as unknown as Call,
    valid: without(OTOCO, "pendingQuantity"),
    invalid: [
      ["pendingQuantity", OTOCO, "pendingQuantity"],
      [
        "a BUY pending pair",
        { ...without(OTOCO, "pendingQuantity"), pendingSide: "BUY" },
        "pendingSide",
      ],
      [
        "no pendingAboveType",
        without(OTOCO, "pendingQuantity", "pendingAboveType"),
        "pendingAboveType",
      ],
    ],
  },
  {
    name: "order.status",
    call: orderStatus as unknown as Call,
    valid: { symbol: "BTCUSDT", orderId: 12569099453 },
    invalid: [["no id", { symbol: "BTCUSDT" }, "orderId"]],
  },
  {
    name: "orderList.status",
    call: orderListStatus as unknown as Call,
    valid: { origClientOrderId: "08985fedd9ea2cf6b28996" },
    invalid: [["no id", {}, "origClientOrderId"]],
  },
  {
    name: "account.status",
    call: accountStatus as unknown as Call,
    valid: { omitZeroBalances: true, recvWindow: "6000.346" },
    invalid: [["omitZeroBalances as a string", { omitZeroBalances: "true" }, "omitZeroBalances"]],
  },
];

for (const c of [...singleTypes, ...others]) {
  Deno.test(`trading rules: ${c.name}: a complete set is sent, signed; each fault is refused before sending`, async () => {
    await using s = await signedPeer({});
    const valid = Object.fromEntries(Object.entries(c.valid).filter(([, v]) => v !== undefined));
    await c.call(s.conn, valid).catch((e) => {
      // The peer answers `{}`: a model mismatch is fine here, a refusal is not.
      if (e instanceof ValidationError) throw e;
    });
    const sent = s.sent();
    assert.equal(sent.length, 1, "the valid set was sent once");
    for (const [k, v] of Object.entries(valid)) assert.deepEqual(sent[0].params[k], v, k);
    assert.equal(sent[0].params.apiKey, "test-api-key");
    assert.match(String(sent[0].params.signature), /^[0-9a-f]{64}$/);
    assert.equal(typeof sent[0].params.timestamp, "number");
    for (const [what, params, param] of c.invalid) {
      const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
      await rejectsNaming(c.call(s.conn, clean), param).catch((e) => {
        throw new Error(`${c.name}, ${what}: ${e.message}`);
      });
    }
    assert.equal(s.sent().length, 1, "nothing more was sent");
  });
}

Deno.test("trading rules: a refusal message says why, in Binance's terms", async () => {
  await using s = await signedPeer({});
  await rejectsNaming(
    orderPlace(s.conn, {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "MARKET",
      quantity: "1",
      price: "1",
    }),
    "price",
    /"price" cannot be sent for type "MARKET" \(Binance answers -1106\)/,
  );
  await rejectsNaming(
    orderPlace(s.conn, {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      quantity: "1",
      timeInForce: "GTC",
    }),
    "price",
    /"price" is required for type "LIMIT"/,
  );
  assert.equal(s.sent().length, 0);
});

Deno.test("client order ids: generated for every id of a placement, unique, <= 36 legal characters", async () => {
  await using s = await signedPeer({});
  const quiet = (p: Promise<unknown>) => p.catch(() => {});
  await quiet(orderPlace(s.conn, LIMIT as never));
  await quiet(orderPlace(s.conn, LIMIT as never));
  await quiet(orderListPlaceOtoco(s.conn, OTOCO as never));
  await quiet(orderTest(s.conn, LIMIT as never));
  const [a, b, list, test] = s.sent();
  const ids = [
    a.params.newClientOrderId,
    b.params.newClientOrderId,
    list.params.listClientOrderId,
    list.params.workingClientOrderId,
    list.params.pendingAboveClientOrderId,
    list.params.pendingBelowClientOrderId,
  ];
  for (const id of ids) assert.match(String(id), /^[A-Za-z0-9_-]{1,36}$/);
  assert.equal(new Set(ids).size, ids.length, "unique");
  assert.equal(test.params.newClientOrderId, undefined, "order.test places nothing");
});

Deno.test("client order ids: a given id is kept; generateClientOrderIds: false sends none", async () => {
  await using s = await signedPeer({});
  const quiet = (p: Promise<unknown>) => p.catch(() => {});
  await quiet(orderPlace(s.conn, { ...LIMIT, newClientOrderId: "mine-1" } as never));
  await quiet(orderPlace(s.conn, LIMIT as never, { generateClientOrderIds: false }));
  await quiet(orderListPlaceOco(s.conn, OCO as never, { generateClientOrderIds: false }));
  const [given, off, oco] = s.sent();
  assert.equal(given.params.newClientOrderId, "mine-1");
  assert.equal("newClientOrderId" in off.params, false);
  assert.equal("listClientOrderId" in oco.params, false);
  assert.equal("aboveClientOrderId" in oco.params, false);
  await assert.rejects(
    orderPlace(s.conn, LIMIT as never, { generateClientOrderIds: "no" as never }),
    ValidationError,
  );
});

Deno.test("order results: picked by newOrderRespType, by default FULL for LIMIT and ACK for stops", async () => {
  const full = await fixture("order.place.response.full");
  const ack = await fixture("order.place.response");
  await using s = await signedPeer({ "order.place": full });
  const order = await orderPlace(s.conn, LIMIT as never);
  assert.ok(!("recovered" in order), "a direct answer");
  assert.equal((order as { fills: unknown[] }).fills.length, 2);
  await using t = await signedPeer({ "order.place": ack });
  const stop = await orderPlace(t.conn, {
    symbol: "BTCUSDT",
    side: "SELL",
    type: "STOP_LOSS",
    quantity: "1",
    stopPrice: "1",
  });
  assert.equal(stop.orderId, 12569099453);
  assert.equal("status" in stop, false);
});

Deno.test("order.test: the empty result, or commission rates with computeCommissionRates", async () => {
  await using s = await signedPeer({
    "order.test": await fixture("order.test.response.commission"),
  });
  const rates = await orderTest(s.conn, { ...LIMIT, computeCommissionRates: true } as never);
  assert.equal((rates as { discount: { discount: string } }).discount.discount, "0.25000000");
  assert.equal(s.sent()[0].params.computeCommissionRates, true);
});

Deno.test("order.cancelReplace: success gives both halves", async () => {
  await using s = await signedPeer({
    "order.cancelReplace": await fixture("order.cancelReplace.response"),
  });
  const r = await orderCancelReplace(s.conn, {
    symbol: "BTCUSDT",
    cancelReplaceMode: "STOP_ON_FAILURE",
    cancelOrderId: 1,
    side: "SELL",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "23416.10",
    quantity: "0.00847",
  });
  assert.ok(!("recovered" in r), "a direct answer");
  assert.equal(r.cancelResponse.status, "CANCELED");
  assert.equal(r.newOrderResponse.clientOrderId, "bX5wROblo6YeDwa9iTLeyY");
  assert.equal(r.newOrderResponse.status, "NEW");
});

for (
  const [file, canceled, placed, status] of [
    ["order.cancelReplace.response.stop-on-failure-400", false, false, 400],
    ["order.cancelReplace.response.both-failed-400", false, false, 400],
    ["order.cancelReplace.response.allow-failure-409-cancel-failed", false, true, 409],
    ["order.cancelReplace.response.allow-failure-409-new-failed", true, false, 409],
    ["order.cancelReplace.response.cancel-only-409", true, false, 409],
  ] as const
) {
  Deno.test(`order.cancelReplace: ${file} is a CancelReplaceError saying which half succeeded`, async () => {
    const answer = await fixture(file);
    await using s = await signedPeer({ "order.cancelReplace": answer });
    await assert.rejects(
      orderCancelReplace(
        s.conn,
        { ...LIMIT, cancelReplaceMode: "ALLOW_FAILURE", cancelOrderId: 1 } as never,
      ),
      (e: unknown) => {
        assert.ok(e instanceof CancelReplaceError);
        assert.equal(e.status, status);
        assert.equal(e.canceled, canceled);
        assert.equal(e.placed, placed);
        assert.equal(e.rateLimited, false);
        assert.equal(e instanceof RateLimitError, false);
        const data = (answer.error as { data: Record<string, unknown> }).data;
        assert.equal(e.cancelResult, data.cancelResult);
        assert.equal(e.newOrderResult, data.newOrderResult);
        if (canceled) assert.equal((e.cancelResponse as { status: string }).status, "CANCELED");
        else assert.equal((e.cancelResponse as { code: number }).code, -2011);
        if (data.newOrderResponse === null) assert.equal(e.newOrderResponse, null);
        return true;
      },
    );
  });
}

Deno.test("order.cancelReplace: a 429 under CANCEL_ONLY is a RateLimitError and a CancelReplaceError", async () => {
  const answer = await fixture("order.cancelReplace.response.cancel-only-409");
  const rateLimited = { ...answer, status: 429 };
  await using s = await signedPeer({ "order.cancelReplace": rateLimited });
  await assert.rejects(
    orderCancelReplace(s.conn, {
      ...LIMIT,
      cancelReplaceMode: "STOP_ON_FAILURE",
      cancelOrderId: 1,
      orderRateLimitExceededMode: "CANCEL_ONLY",
    } as never),
    (e: unknown) => {
      assert.ok(e instanceof RateLimitError);
      assert.ok(e instanceof CancelReplaceError);
      assert.ok(e instanceof CancelReplaceRateLimitError);
      assert.equal(e.rateLimited, true);
      assert.equal(e.canceled, true);
      assert.equal((e.newOrderResponse as { code: number }).code, -1015);
      return true;
    },
  );
});

Deno.test("order.cancelReplace: a 429 without halves (DO_NOTHING) stays a plain RateLimitError", async () => {
  await using s = await signedPeer({
    "order.cancelReplace": await fixture("order.cancelReplace.response.do-nothing-429"),
  });
  await assert.rejects(
    orderCancelReplace(
      s.conn,
      { ...LIMIT, cancelReplaceMode: "STOP_ON_FAILURE", cancelOrderId: 1 } as never,
    ),
    (e: unknown) => e instanceof RateLimitError && !(e instanceof CancelReplaceError),
  );
});

// The same cases against the fake exchange: each valid set is accepted there at the param level
// (status 200, or a business refusal such as a filter, a balance or an unknown order, never a
// -11xx param error), and each fault is refused before sending: the fake receives nothing.
// This holds the client's rules and the fake's (written apart) to the same docs. The fake lists
// no LTCBNB: those cases go to its BNBBTC.
for (const c of [...singleTypes, ...others]) {
  Deno.test(`trading rules against the fake: ${c.name}: the valid set passes its param checks; faults send nothing`, async () => {
    await using fake = await startFakeBinance();
    await using conn = await connectWsApi({
      url: fake.wsApiUrl,
      credentials: {
        apiKey: FAKE_ACCOUNT.apiKey,
        signer: await createSigner(FAKE_ACCOUNT.hmacKey),
      },
    });
    const onFake = (p: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(p).filter(([, v]) => v !== undefined).map((
          [k, v],
        ) => [k, k === "symbol" && v === "LTCBNB" ? "BNBBTC" : v]),
      );
    const valid = onFake(c.valid);
    const answer = await c.call(conn, valid).then(() => "200", (e: unknown) => e);
    if (answer !== "200") {
      assert.ok(answer instanceof BinanceApiError, `${c.name}: ${answer}`);
      assert.ok(
        answer.code > -1100 || answer.code <= -1200,
        `${c.name}: the fake refused the valid set's params: ${answer.code} ${answer.msg}`,
      );
    }
    const before = fake.received.length;
    for (const [what, params, param] of c.invalid) {
      await rejectsNaming(c.call(conn, onFake(params)), param).catch((e) => {
        throw new Error(`${c.name}, ${what}: ${e.message}`);
      });
    }
    assert.equal(fake.received.length, before, "the fake received nothing of the faults");
  });
}
