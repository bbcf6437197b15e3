// The fake's contingent orders, cancel-replace, amend, STP, icebergs and stops, with raw
// frames against hand-computed results. Nothing of the client library is used here.
import assert from "node:assert/strict";
import { type FakeBinance, startFakeBinance } from "../../testing/mod.ts";
import { A, B, type Client, client, error, market, type Obj, result, setup } from "./_trading.ts";

/** Units of 1e-8 of an 8-decimal string, and back. */
const u = (s: string): bigint => {
  const [i, frac = ""] = s.split(".");
  return BigInt(i + frac.padEnd(8, "0"));
};
const f = (n: bigint): string =>
  `${n / 100_000_000n}.${(n % 100_000_000n).toString().padStart(8, "0")}`;

/** Total ask quantity below `price`, plus `extra`: a buy of this much reaches `price`. */
function through(fake: FakeBinance, price: string, extra: string): string {
  let sum = 0n;
  for (const [p, q] of fake.market.orderBook("BTCUSDT").asks) if (u(p) < u(price)) sum += u(q);
  return f(sum + u(extra));
}

function levelAt(fake: FakeBinance, side: "bids" | "asks", price: string): bigint {
  return u(fake.market.orderBook("BTCUSDT")[side].find((l) => l[0] === price)?.[1] ?? "0.00000000");
}

const LIMIT = { symbol: "BTCUSDT", type: "LIMIT", timeInForce: "GTC" };

/**
 * Takes the market's own liquidity off the two prices these tests rest orders at (64999.99 bid,
 * 65000.05 ask): an order placed there is then the first of its level, where time priority
 * would otherwise put it behind the market's makers.
 */
function clearTop(fake: FakeBinance): void {
  fake.market.clearLevel("BTCUSDT", "bids", "64999.99");
  fake.market.clearLevel("BTCUSDT", "asks", "65000.05");
}

/** `b` buys at `price` (IOC LIMIT) every ask below it and `extra` at it; the result. */
function buyThrough(fake: FakeBinance, b: Client, price: string, extra: string): Promise<Obj> {
  return b.call("order.place", {
    ...LIMIT,
    side: "BUY",
    timeInForce: "IOC",
    price,
    quantity: through(fake, price, extra),
  }).then(result);
}

function status(c: Client, orderId: unknown): Promise<Obj> {
  return c.call("order.status", { symbol: "BTCUSDT", orderId }).then(result);
}

Deno.test("OCO: a stop loss in the wrong slot for the side gets its own code (-1196, -1197)", async () => {
  await using s = await setup();
  const { a } = s;
  const oco = (side: string, legs: Obj) =>
    a.call("orderList.place.oco", { symbol: "BTCUSDT", side, quantity: "0.01", ...legs });
  const stopAbove = { aboveType: "STOP_LOSS", aboveStopPrice: "70000" };
  const stopBelow = { belowType: "STOP_LOSS", belowStopPrice: "60000" };
  const tpAbove = { aboveType: "TAKE_PROFIT", aboveStopPrice: "70000" };
  const tpBelow = { belowType: "TAKE_PROFIT", belowStopPrice: "60000" };
  const cases: [string, Obj, number, string][] = [
    ["BUY", { ...tpAbove, ...stopBelow }, -1196, "A stop loss order in a buy OCO must be above."],
    ["SELL", { ...stopAbove, ...tpBelow }, -1197, "A stop loss order in a sell OCO must be below."],
  ];
  for (const [side, legs, code, msg] of cases) {
    assert.deepEqual(
      error(await oco(side, legs)),
      { code, msg },
      `${side} ${JSON.stringify(legs)}`,
    );
  }
  // In the right slots both are accepted.
  result(await oco("BUY", { ...stopAbove, belowType: "LIMIT_MAKER", belowPrice: "60000" }));
  result(await oco("SELL", { ...tpAbove, ...stopBelow }));
});

Deno.test("OCO: the limit leg fills, the stop leg expires, the list is done", async () => {
  await using s = await setup();
  clearTop(s.fake);
  const { fake, a, b } = s;
  const list = result(
    await a.call("orderList.place.oco", {
      symbol: "BTCUSDT",
      side: "SELL",
      quantity: "0.1",
      aboveType: "LIMIT_MAKER",
      abovePrice: "65000.05",
      belowType: "STOP_LOSS_LIMIT",
      belowStopPrice: "64990",
      belowPrice: "64989",
      belowTimeInForce: "GTC",
      listClientOrderId: "oco-1",
    }),
  );
  assert.equal(list.contingencyType, "OCO");
  assert.equal(list.listOrderStatus, "EXECUTING");
  const [above, below] = list.orderReports as Obj[];
  assert.deepEqual([above.type, above.status, below.type, below.status, below.workingTime], [
    "LIMIT_MAKER",
    "NEW",
    "STOP_LOSS_LIMIT",
    "NEW",
    -1,
  ]);
  // One lock for both legs: 0.1 BTC.
  assert.deepEqual(fake.trading.balances(A).BTC, { free: "1.90000000", locked: "0.10000000" });
  await buyThrough(fake, b, "65000.05", "0.1");
  assert.equal((await status(a, above.orderId)).status, "FILLED");
  assert.equal((await status(a, below.orderId)).status, "EXPIRED");
  const st = result(await a.call("orderList.status", { origClientOrderId: "oco-1" }));
  assert.equal(st.listOrderStatus, "ALL_DONE");
  assert.deepEqual(fake.trading.balances(A).BTC, { free: "1.90000000", locked: "0.00000000" });
  // 0.1 × 65000.05 = 6500.005, less 0.1 % maker: 6493.504995.
  assert.deepEqual(fake.trading.balances(A).USDT, {
    free: "206493.50499500",
    locked: "0.00000000",
  });
  assert.deepEqual(
    error(
      await a.call("orderList.place.oco", {
        symbol: "BTCUSDT",
        side: "SELL",
        quantity: "0.1",
        aboveType: "LIMIT_MAKER",
        abovePrice: "64000",
        belowType: "STOP_LOSS",
        belowStopPrice: "63000",
      }),
    ),
    { code: -2010, msg: "The relationship of the prices for the orders is not correct." },
  );
});

Deno.test("OTO: the pending leg starts when the working order fills; list cancel", async () => {
  await using s = await setup();
  clearTop(s.fake);
  const { fake, a, b } = s;
  const list = result(
    await a.call("orderList.place.oto", {
      symbol: "BTCUSDT",
      workingType: "LIMIT",
      workingSide: "BUY",
      workingPrice: "64999.99",
      workingQuantity: "0.1",
      workingTimeInForce: "GTC",
      pendingType: "LIMIT",
      pendingSide: "SELL",
      pendingPrice: "65000.05",
      pendingQuantity: "0.1",
      pendingTimeInForce: "GTC",
    }),
  );
  const [working, pending] = list.orderReports as Obj[];
  assert.equal(working.status, "NEW");
  assert.equal(pending.status, "PENDING_NEW");
  assert.equal(list.contingencyType, "OTO");
  // B sells 0.1: A's working buy is first at 64999.99.
  result(await market(b, "SELL", "0.1"));
  assert.equal((await status(a, working.orderId)).status, "FILLED");
  const p = await status(a, pending.orderId);
  assert.equal(p.status, "NEW");
  assert.equal(p.isWorking, true);
  // Bought 0.1 less 0.0001 maker commission; the pending sell locks 0.1.
  assert.deepEqual(fake.trading.balances(A).BTC, { free: "1.99990000", locked: "0.10000000" });
  const c = result(
    await a.call("orderList.cancel", { symbol: "BTCUSDT", orderListId: list.orderListId }),
  );
  assert.equal(c.listOrderStatus, "ALL_DONE");
  assert.deepEqual((c.orderReports as Obj[]).map((r) => r.status), ["FILLED", "CANCELED"]);
  assert.deepEqual(fake.trading.balances(A).BTC, { free: "2.09990000", locked: "0.00000000" });
  assert.equal(fake.trading.openOrders(A).length, 0);
});

Deno.test("OTO whose working order fills at once: the answer shows it FILLED and the pending PENDING_NEW", async () => {
  await using s = await setup();
  const { fake, a } = s;
  const [ask] = fake.market.orderBook("BTCUSDT", 1).asks[0];
  const list = result(
    await a.call("orderList.place.oto", {
      symbol: "BTCUSDT",
      workingType: "LIMIT",
      workingSide: "BUY",
      workingPrice: ask,
      workingQuantity: "0.001",
      workingTimeInForce: "GTC",
      pendingType: "LIMIT",
      pendingSide: "SELL",
      pendingPrice: "70000",
      pendingQuantity: "0.001",
      pendingTimeInForce: "GTC",
    }),
  );
  const [working, pending] = list.orderReports as Obj[];
  assert.deepEqual([working.status, pending.status], ["FILLED", "PENDING_NEW"]);
  // It did start: asked now, it is NEW.
  assert.equal((await status(a, pending.orderId)).status, "NEW");
});

Deno.test("OTOCO: after the working fill, the pending pair works as an OCO", async () => {
  await using s = await setup();
  clearTop(s.fake);
  const { fake, a, b } = s;
  const list = result(
    await a.call("orderList.place.otoco", {
      symbol: "BTCUSDT",
      workingType: "LIMIT",
      workingSide: "BUY",
      workingPrice: "64999.99",
      workingQuantity: "0.1",
      workingTimeInForce: "GTC",
      pendingSide: "SELL",
      pendingQuantity: "0.1",
      pendingAboveType: "LIMIT_MAKER",
      pendingAbovePrice: "65000.05",
      pendingBelowType: "STOP_LOSS",
      pendingBelowStopPrice: "64990",
    }),
  );
  const [, above, below] = list.orderReports as Obj[];
  assert.deepEqual([above.status, below.status], ["PENDING_NEW", "PENDING_NEW"]);
  result(await market(b, "SELL", "0.1"));
  assert.equal((await status(a, above.orderId)).status, "NEW");
  assert.equal((await status(a, below.orderId)).status, "NEW");
  await buyThrough(fake, b, "65000.05", "0.1");
  assert.equal((await status(a, above.orderId)).status, "FILLED");
  assert.equal((await status(a, below.orderId)).status, "EXPIRED");
  const st = result(await a.call("orderList.status", { orderListId: list.orderListId }));
  assert.equal(st.listOrderStatus, "ALL_DONE");
});

Deno.test("OTOCO without pendingBelowType (documented optional): the one pending leg works after the working fill", async () => {
  await using s = await setup();
  clearTop(s.fake);
  const { a, b } = s;
  const list = result(
    await a.call("orderList.place.otoco", {
      symbol: "BTCUSDT",
      workingType: "LIMIT",
      workingSide: "BUY",
      workingPrice: "64999.99",
      workingQuantity: "0.1",
      workingTimeInForce: "GTC",
      pendingSide: "SELL",
      pendingQuantity: "0.1",
      pendingAboveType: "LIMIT_MAKER",
      pendingAbovePrice: "65000.05",
    }),
  );
  assert.equal(list.contingencyType, "OTO");
  const reports = list.orderReports as Obj[];
  assert.equal(reports.length, 2, "the working order and the one pending leg");
  const [, above] = reports;
  assert.equal(above.status, "PENDING_NEW");
  result(await market(b, "SELL", "0.1"));
  assert.equal((await status(a, above.orderId)).status, "NEW");
});

Deno.test("OPO: the pending sell gets what the working buy received, commission paid from free funds", async () => {
  await using s = await setup();
  clearTop(s.fake);
  const { fake, a, b } = s;
  const list = result(
    await a.call("orderList.place.opo", {
      symbol: "BTCUSDT",
      workingType: "LIMIT",
      workingSide: "BUY",
      workingPrice: "64999.99",
      workingQuantity: "0.1",
      workingTimeInForce: "GTC",
      pendingType: "LIMIT",
      pendingSide: "SELL",
      pendingPrice: "65000.05",
      pendingTimeInForce: "GTC",
    }),
  );
  assert.equal(list.contingencyType, "OTO");
  const [working, pending] = list.orderReports as Obj[];
  assert.equal(pending.status, "PENDING_NEW");
  // Only the working order's funds are locked at placement: 0.1 × 64999.99 USDT.
  assert.deepEqual(fake.trading.balances(A).USDT, {
    free: "193500.00100000",
    locked: "6499.99900000",
  });
  result(await market(b, "SELL", "0.1"));
  assert.equal((await status(a, working.orderId)).status, "FILLED");
  const p = await status(a, pending.orderId);
  assert.equal(p.status, "NEW");
  // A holds 2 BTC free: the 0.0001 maker commission comes from them, the sell gets all 0.1.
  assert.equal(p.origQty, "0.10000000");
  assert.deepEqual(fake.trading.balances(A).BTC, { free: "1.99990000", locked: "0.10000000" });
});

Deno.test("OPOCO: without free funds the commission is deducted; the pending pair works as an OCO", async () => {
  await using fake = await startFakeBinance({
    accounts: [
      {
        apiKey: "accountC",
        key: { type: "HMAC", secretKey: "s" },
        balances: { USDT: { free: "10000" } },
      },
      {
        apiKey: B,
        key: { type: "HMAC", secretKey: "s" },
        balances: { BTC: { free: "2" }, USDT: { free: "200000" } },
      },
    ],
  });
  clearTop(fake);
  await using c = await client(fake.wsApiUrl, "accountC");
  await using b = await client(fake.wsApiUrl, B);
  const list = result(
    await c.call("orderList.place.opoco", {
      symbol: "BTCUSDT",
      workingType: "LIMIT",
      workingSide: "BUY",
      workingPrice: "64999.99",
      workingQuantity: "0.1",
      workingTimeInForce: "GTC",
      pendingSide: "SELL",
      pendingAboveType: "LIMIT_MAKER",
      pendingAbovePrice: "65000.05",
      pendingBelowType: "STOP_LOSS",
      pendingBelowStopPrice: "64990",
    }),
  );
  const [working, above, below] = list.orderReports as Obj[];
  assert.deepEqual([above.status, below.status], ["PENDING_NEW", "PENDING_NEW"]);
  result(await market(b, "SELL", "0.1"));
  assert.equal((await status(c, working.orderId)).status, "FILLED");
  // Received 0.1 less 0.0001 commission (no other BTC to pay it from): both legs get 0.0999.
  const [pa, pb] = [await status(c, above.orderId), await status(c, below.orderId)];
  assert.deepEqual([pa.status, pb.status], ["NEW", "NEW"]);
  assert.deepEqual([pa.origQty, pb.origQty], ["0.09990000", "0.09990000"]);
  assert.deepEqual(fake.trading.balances("accountC").BTC, {
    free: "0.00000000",
    locked: "0.09990000",
  });
  await buyThrough(fake, b, "65000.05", "0.0999");
  assert.equal((await status(c, above.orderId)).status, "FILLED");
  assert.equal((await status(c, below.orderId)).status, "EXPIRED");
  const st = result(await c.call("orderList.status", { orderListId: list.orderListId }));
  assert.equal(st.listOrderStatus, "ALL_DONE");
  assert.deepEqual(fake.trading.balances("accountC").BTC, {
    free: "0.00000000",
    locked: "0.00000000",
  });
});

Deno.test("a stop triggers on any trade of market.advance(n), not only on its last", async () => {
  for (const steps of [[1, 1, 1, 1, 1, 1], [6]]) {
    await using s = await setup();
    const { fake, a } = s;
    const stop = result(
      await a.call("order.place", {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "STOP_LOSS",
        quantity: "0.001",
        stopPrice: "65000.00",
      }),
    );
    for (const n of steps) fake.market.advance(n, ["BTCUSDT"]);
    // The market's walk is the same both ways: one of its six steps trades at 65000.00.
    assert.equal((await status(a, stop.orderId)).status, "FILLED", `advance ${steps}`);
  }
});

Deno.test("a stop-loss triggers on the last trade price and sells at market", async () => {
  await using s = await setup();
  const { fake, a, b } = s;
  // Last price 65000 (B takes the best ask).
  result(await market(b, "BUY", "0.0001"));
  const stop = result(
    await a.call("order.place", {
      symbol: "BTCUSDT",
      side: "SELL",
      type: "STOP_LOSS",
      quantity: "0.01",
      stopPrice: "64999.98",
      newOrderRespType: "RESULT",
    }),
  );
  assert.equal(stop.status, "NEW");
  assert.equal(stop.workingTime, -1);
  assert.equal(stop.stopPrice, "64999.98000000");
  // B sells through two bid levels: the last trade is at 64999.97.
  const bids = fake.market.orderBook("BTCUSDT", 2).bids;
  const qty = f(u(bids[0][1]) + u(bids[1][1]) + 1000n);
  result(
    await b.call("order.place", { symbol: "BTCUSDT", side: "SELL", type: "MARKET", quantity: qty }),
  );
  const st = await status(a, stop.orderId);
  assert.equal(st.status, "FILLED");
  assert.equal(st.isWorking, true);
  assert.equal(st.executedQty, "0.01000000");
  assert.deepEqual(fake.trading.balances(A).BTC, { free: "1.99000000", locked: "0.00000000" });
});

Deno.test("cancelReplace: 200, 400 STOP_ON_FAILURE, 409 both ways, 400 both failed", async () => {
  await using s = await setup();
  const { fake, a } = s;
  const place = (id: string) =>
    a.call("order.place", {
      ...LIMIT,
      side: "BUY",
      price: "64000",
      quantity: "0.01",
      newClientOrderId: id,
    })
      .then(result);
  await place("cr-1");
  const newOrder = { ...LIMIT, side: "BUY", price: "64000.5", quantity: "0.01" };
  const ok = result(
    await a.call("order.cancelReplace", {
      ...newOrder,
      cancelReplaceMode: "STOP_ON_FAILURE",
      cancelOrigClientOrderId: "cr-1",
      newClientOrderId: "cr-2",
    }),
  );
  assert.equal(ok.cancelResult, "SUCCESS");
  assert.equal(ok.newOrderResult, "SUCCESS");
  assert.equal((ok.cancelResponse as Obj).status, "CANCELED");
  assert.equal((ok.newOrderResponse as Obj).status, "NEW");
  // Unknown order, STOP_ON_FAILURE: nothing placed.
  const r400 = await a.call("order.cancelReplace", {
    ...newOrder,
    cancelReplaceMode: "STOP_ON_FAILURE",
    cancelOrigClientOrderId: "nope",
    newClientOrderId: "cr-3",
  });
  assert.equal(r400.status, 400);
  assert.deepEqual(r400.error, {
    code: -2022,
    msg: "Order cancel-replace failed.",
    data: {
      cancelResult: "FAILURE",
      newOrderResult: "NOT_ATTEMPTED",
      cancelResponse: { code: -2011, msg: "Unknown order sent." },
      newOrderResponse: null,
    },
  });
  assert.equal(fake.trading.ordersByClientId(A, "cr-3").length, 0);
  // Unknown order, ALLOW_FAILURE: the new order is placed, 409.
  const r409 = await a.call("order.cancelReplace", {
    ...newOrder,
    cancelReplaceMode: "ALLOW_FAILURE",
    cancelOrigClientOrderId: "nope",
    newClientOrderId: "cr-3",
  });
  assert.equal(r409.status, 409);
  const e409 = r409.error as { code: number; data: Obj };
  assert.equal(e409.code, -2021);
  assert.equal(e409.data.cancelResult, "FAILURE");
  assert.equal(e409.data.newOrderResult, "SUCCESS");
  assert.equal(fake.trading.ordersByClientId(A, "cr-3")[0].status, "NEW");
  // Canceled, but the new LIMIT_MAKER would take: 409 with the -2010.
  const rNew = await a.call("order.cancelReplace", {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT_MAKER",
    price: "65000",
    quantity: "0.01",
    cancelReplaceMode: "STOP_ON_FAILURE",
    cancelOrigClientOrderId: "cr-2",
  });
  assert.equal(rNew.status, 409);
  const eNew = rNew.error as { code: number; msg: string; data: Obj };
  assert.equal(eNew.msg, "Order cancel-replace partially failed.");
  assert.deepEqual(
    [eNew.data.cancelResult, eNew.data.newOrderResult, eNew.data.newOrderResponse],
    ["SUCCESS", "FAILURE", { code: -2010, msg: "Order would immediately match and take." }],
  );
  assert.equal(fake.trading.ordersByClientId(A, "cr-2")[0].status, "CANCELED");
  // Both fail, ALLOW_FAILURE: 400 -2022.
  const both = await a.call("order.cancelReplace", {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT_MAKER",
    price: "65000",
    quantity: "0.01",
    cancelReplaceMode: "ALLOW_FAILURE",
    cancelOrderId: 999_999,
  });
  assert.equal(both.status, 400);
  const eBoth = both.error as { code: number; data: Obj };
  assert.equal(eBoth.code, -2022);
  assert.deepEqual([eBoth.data.cancelResult, eBoth.data.newOrderResult], ["FAILURE", "FAILURE"]);
});

Deno.test("cancelReplace: filters first (nothing canceled), a list's leg cancels its list, NOT_ATTEMPTED counts", async () => {
  await using s = await setup();
  const { fake, a } = s;
  const order = (id: string, price = "64000") =>
    a.call("order.place", { ...LIMIT, side: "BUY", price, quantity: "0.01", newClientOrderId: id })
      .then(result);
  await order("crf-1");
  // The new price is off the tick: refused whole, before the cancel (-1013, no halves).
  const off = await a.call("order.cancelReplace", {
    ...LIMIT,
    side: "BUY",
    price: "64000.005",
    quantity: "0.01",
    cancelReplaceMode: "STOP_ON_FAILURE",
    cancelOrigClientOrderId: "crf-1",
  });
  assert.equal(off.status, 400);
  assert.deepEqual(off.error, { code: -1013, msg: "Filter failure: PRICE_FILTER" });
  assert.equal(fake.trading.ordersByClientId(A, "crf-1")[0].status, "NEW");
  // An order of a list: the whole list is canceled, and the new order placed.
  const list = result(
    await a.call("orderList.place.oco", {
      symbol: "BTCUSDT",
      side: "SELL",
      quantity: "0.01",
      aboveType: "LIMIT_MAKER",
      abovePrice: "70000",
      belowType: "STOP_LOSS",
      belowStopPrice: "60000",
    }),
  );
  const leg = (list.orders as Obj[])[0];
  const replacedRaw = await a.call("order.cancelReplace", {
    ...LIMIT,
    side: "SELL",
    price: "71000",
    quantity: "0.01",
    cancelReplaceMode: "STOP_ON_FAILURE",
    cancelOrderId: leg.orderId,
  });
  const replaced = result(replacedRaw);
  assert.equal(replaced.cancelResult, "SUCCESS");
  assert.equal((replaced.cancelResponse as Obj).listOrderStatus, "ALL_DONE");
  const legs = fake.trading.orders(A, "BTCUSDT").filter((o) => o.orderListId === list.orderListId);
  assert.deepEqual(legs.map((o) => o.status), ["CANCELED", "CANCELED"]);
  // A failed cancel under STOP_ON_FAILURE still counts an order ("your order count is still
  // incremented").
  const before = orders10s(replacedRaw);
  const r400 = await a.call("order.cancelReplace", {
    ...LIMIT,
    side: "BUY",
    price: "64000",
    quantity: "0.01",
    cancelReplaceMode: "STOP_ON_FAILURE",
    cancelOrigClientOrderId: "nope",
  });
  assert.equal(r400.status, 400);
  assert.equal(orders10s(r400), before + 1);
});

/** The ORDERS 10 s count of an answer's rateLimits. */
function orders10s(r: Obj): number {
  const limits = r.rateLimits as { rateLimitType: string; interval: string; count: number }[];
  return limits.find((l) => l.rateLimitType === "ORDERS" && l.interval === "SECOND")!.count;
}

Deno.test("cancelReplace over the unfilled order count: 429 DO_NOTHING, 429 STOP_ON_FAILURE + CANCEL_ONLY", async () => {
  await using s = await setup();
  const { fake, a } = s;
  if (Date.now() % 10_000 > 7_000) {
    await new Promise((r) => setTimeout(r, 10_100 - (Date.now() % 10_000)));
  }
  const p = { ...LIMIT, side: "BUY", price: "60000", quantity: "0.001", newOrderRespType: "ACK" };
  const first = result(await a.call("order.place", p));
  for (let i = 1; i < 50; i++) result(await a.call("order.place", p));
  const cr = { ...p, cancelOrderId: first.orderId, cancelReplaceMode: "STOP_ON_FAILURE" };
  const r429 = await a.call("order.cancelReplace", cr);
  assert.equal(r429.status, 429);
  assert.deepEqual(r429.error, {
    code: -1015,
    msg: "Too many new orders; current limit is 50 orders per 10 SECOND.",
  });
  assert.equal(fake.trading.openOrders(A).length, 50);
  // The matrix: STOP_ON_FAILURE / CANCEL_ONLY / Exceeds Limits / SUCCESS / FAILURE: 429.
  const rCancelOnly = await a.call("order.cancelReplace", {
    ...cr,
    orderRateLimitExceededMode: "CANCEL_ONLY",
  });
  assert.equal(rCancelOnly.status, 429);
  const data = (rCancelOnly.error as { data: Obj }).data;
  assert.equal(data.cancelResult, "SUCCESS");
  assert.deepEqual(data.newOrderResponse, {
    code: -1015,
    msg: "Too many new orders; current limit is 50 orders per 10 SECOND.",
  });
  assert.equal(fake.trading.openOrders(A).length, 49);
});

Deno.test("amend keep-priority: a decrease keeps the order and releases funds; no increase", async () => {
  await using s = await setup();
  const { fake, a } = s;
  const before = levelAt(fake, "bids", "64000.00000000");
  const o = result(
    await a.call("order.place", {
      ...LIMIT,
      side: "BUY",
      price: "64000",
      quantity: "0.05",
      newClientOrderId: "am-1",
    }),
  );
  const r = result(
    await a.call("order.amend.keepPriority", {
      symbol: "BTCUSDT",
      origClientOrderId: "am-1",
      newQty: "0.03",
      newClientOrderId: "am-2",
    }),
  );
  const amended = r.amendedOrder as Obj;
  assert.deepEqual(
    [amended.orderId, amended.qty, amended.origClientOrderId, amended.clientOrderId],
    [
      o.orderId,
      "0.03000000",
      "am-1",
      "am-2",
    ],
  );
  assert.equal(levelAt(fake, "bids", "64000.00000000") - before, 3_000_000n);
  // 64000 × 0.03 = 1920 locked.
  assert.deepEqual(fake.trading.balances(A).USDT, {
    free: "198080.00000000",
    locked: "1920.00000000",
  });
  assert.deepEqual(
    error(
      await a.call("order.amend.keepPriority", {
        symbol: "BTCUSDT",
        orderId: o.orderId,
        newQty: "0.06",
      }),
    ),
    { code: -2038, msg: "Order amend (quantity increase) is not supported." },
  );
});

Deno.test("amend keep-priority: an OCO pair moves together; filters apply; an iceberg's visible part shrinks only below it", async () => {
  await using s = await setup();
  const { fake, a } = s;
  const oco = result(
    await a.call("orderList.place.oco", {
      symbol: "BTCUSDT",
      side: "SELL",
      quantity: "0.02",
      aboveType: "LIMIT_MAKER",
      abovePrice: "70000",
      belowType: "STOP_LOSS",
      belowStopPrice: "60000",
    }),
  );
  const [above] = oco.orders as Obj[];
  result(
    await a.call("order.amend.keepPriority", {
      symbol: "BTCUSDT",
      orderId: above.orderId,
      newQty: "0.01",
    }),
  );
  // "OCO order pairs must have the same quantity … amending either order affects both orders."
  const legs = fake.trading.orders(A, "BTCUSDT").filter((o) => o.orderListId === oco.orderListId);
  assert.deepEqual(legs.map((o) => o.origQty), ["0.01000000", "0.01000000"]);
  // Off the LOT_SIZE step: rejected, the order unchanged.
  assert.deepEqual(
    error(
      await a.call("order.amend.keepPriority", {
        symbol: "BTCUSDT",
        orderId: above.orderId,
        newQty: "0.000015",
      }),
    ),
    { code: -1013, msg: "Filter failure: LOT_SIZE" },
  );
  assert.equal(legs[0].origQty, "0.01000000");
  // An iceberg of 0.05 showing 0.01: amended to 0.03 it still shows 0.01; to 0.005, 0.005.
  const before = levelAt(fake, "bids", "64000.00000000");
  const ice = result(
    await a.call("order.place", {
      ...LIMIT,
      side: "BUY",
      price: "64000",
      quantity: "0.05",
      icebergQty: "0.01",
    }),
  );
  assert.equal(levelAt(fake, "bids", "64000.00000000") - before, 1_000_000n);
  const amend = (newQty: string) =>
    a.call("order.amend.keepPriority", { symbol: "BTCUSDT", orderId: ice.orderId, newQty })
      .then(result);
  await amend("0.03");
  assert.equal(levelAt(fake, "bids", "64000.00000000") - before, 1_000_000n);
  await amend("0.005");
  assert.equal(levelAt(fake, "bids", "64000.00000000") - before, 500_000n);
  // A pending OPO order cannot be amended.
  const opo = result(
    await a.call("orderList.place.opo", {
      symbol: "BTCUSDT",
      workingType: "LIMIT",
      workingSide: "BUY",
      workingPrice: "60000",
      workingQuantity: "0.01",
      workingTimeInForce: "GTC",
      pendingType: "LIMIT",
      pendingSide: "SELL",
      pendingPrice: "70000",
      pendingTimeInForce: "GTC",
    }),
  );
  const pending = (opo.orderReports as Obj[])[1];
  assert.deepEqual(
    error(
      await a.call("order.amend.keepPriority", {
        symbol: "BTCUSDT",
        orderId: pending.orderId,
        newQty: "0.005",
      }),
    ),
    { code: -2038, msg: "Order amend (pending OPO order) is not supported." },
  );
});

Deno.test("STP: EXPIRE_TAKER, EXPIRE_MAKER and DECREMENT between one account's orders", async () => {
  await using s = await setup();
  clearTop(s.fake);
  const { fake, a } = s;
  const rest = result(
    await a.call("order.place", { ...LIMIT, side: "BUY", price: "64999.99", quantity: "0.1" }),
  );
  const taker = result(
    await a.call("order.place", {
      ...LIMIT,
      side: "SELL",
      price: "64999.99",
      quantity: "0.1",
      selfTradePreventionMode: "EXPIRE_TAKER",
    }),
  );
  assert.equal(taker.status, "EXPIRED_IN_MATCH");
  assert.equal(taker.executedQty, "0.00000000");
  assert.equal(taker.preventedQuantity, "0.10000000");
  assert.equal((await status(a, rest.orderId)).status, "NEW");
  // DECREMENT: both lose 0.03; the taker runs out.
  const level = levelAt(fake, "bids", "64999.99000000");
  const dec = result(
    await a.call("order.place", {
      ...LIMIT,
      side: "SELL",
      price: "64999.99",
      quantity: "0.03",
      selfTradePreventionMode: "DECREMENT",
    }),
  );
  assert.equal(dec.status, "EXPIRED_IN_MATCH");
  const maker = await status(a, rest.orderId);
  assert.deepEqual([maker.status, maker.preventedQuantity], ["NEW", "0.03000000"]);
  assert.equal(level - levelAt(fake, "bids", "64999.99000000"), 3_000_000n);
  // EXPIRE_MAKER: the resting order expires, the taker goes on to the market's own quantity
  // a tick lower (its level holds nothing else).
  const em = result(
    await a.call("order.place", {
      ...LIMIT,
      side: "SELL",
      timeInForce: "IOC",
      price: "64999.98",
      quantity: "0.0001",
      selfTradePreventionMode: "EXPIRE_MAKER",
    }),
  );
  assert.equal(em.status, "FILLED");
  assert.equal((await status(a, rest.orderId)).status, "EXPIRED_IN_MATCH");
  assert.equal(fake.trading.openOrders(A).length, 0);
  assert.deepEqual(fake.trading.balances(A).USDT.locked, "0.00000000");
});

Deno.test("iceberg: only the visible part is in the book, refilled as it trades", async () => {
  await using s = await setup();
  clearTop(s.fake);
  const { fake, a, b } = s;
  const before = levelAt(fake, "asks", "65000.05000000");
  const ice = result(
    await a.call("order.place", {
      ...LIMIT,
      side: "SELL",
      price: "65000.05",
      quantity: "0.1",
      icebergQty: "0.02",
    }),
  );
  assert.equal(ice.icebergQty, "0.02000000");
  assert.equal(levelAt(fake, "asks", "65000.05000000") - before, 2_000_000n);
  await buyThrough(fake, b, "65000.05", "0.03");
  const st = await status(a, ice.orderId);
  assert.deepEqual([st.status, st.executedQty], ["PARTIALLY_FILLED", "0.03000000"]);
  // The next part shows 0.01 of its 0.02.
  assert.equal(levelAt(fake, "asks", "65000.05000000") - before, 1_000_000n);
});

Deno.test("openOrders.cancelAll cancels orders and lists", async () => {
  await using s = await setup();
  const { fake, a } = s;
  result(await a.call("order.place", { ...LIMIT, side: "BUY", price: "64000", quantity: "0.01" }));
  result(
    await a.call("orderList.place.oco", {
      symbol: "BTCUSDT",
      side: "SELL",
      quantity: "0.1",
      aboveType: "LIMIT_MAKER",
      abovePrice: "65000.05",
      belowType: "STOP_LOSS",
      belowStopPrice: "64990",
    }),
  );
  const r = result(await a.call("openOrders.cancelAll", { symbol: "BTCUSDT" })) as unknown as Obj[];
  assert.equal(r.length, 2);
  assert.equal(r[0].status, "CANCELED");
  assert.equal(r[1].listOrderStatus, "ALL_DONE");
  assert.equal(fake.trading.openOrders(A).length, 0);
  assert.deepEqual(fake.trading.balances(A).BTC, { free: "2.00000000", locked: "0.00000000" });
  assert.deepEqual(error(await a.call("openOrders.cancelAll", { symbol: "BTCUSDT" })), {
    code: -2011,
    msg: "Unknown order sent.",
  });
  void B;
});

Deno.test("legacy orderList.place: a SELL (limit above, stop below) and a BUY (stop above, limit below) are accepted; crossed prices are not", async () => {
  await using s = await setup();
  const { a } = s;
  const sell = result(
    await a.call("orderList.place", {
      symbol: "BTCUSDT",
      side: "SELL",
      quantity: "0.1",
      price: "66000.00",
      stopPrice: "64000.00",
      stopLimitPrice: "63900.00",
      stopLimitTimeInForce: "GTC",
    }),
  );
  // The documented report order: the stop leg first.
  assert.deepEqual((sell.orderReports as Obj[]).map((o) => o.type), [
    "STOP_LOSS_LIMIT",
    "LIMIT_MAKER",
  ]);
  const buy = result(
    await a.call("orderList.place", {
      symbol: "BTCUSDT",
      side: "BUY",
      quantity: "0.1",
      price: "64000.00",
      stopPrice: "66000.00",
    }),
  );
  assert.equal(buy.listOrderStatus, "EXECUTING");
  const crossed = await a.call("orderList.place", {
    symbol: "BTCUSDT",
    side: "SELL",
    quantity: "0.1",
    price: "64000.00",
    stopPrice: "66000.00",
  });
  assert.deepEqual(error(crossed), {
    code: -2010,
    msg: "The relationship of the prices for the orders is not correct.",
  });
});
