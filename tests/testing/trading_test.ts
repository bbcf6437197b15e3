// The fake exchange's matching engine, checked with raw frames (apiKey params) against
// hand-computed results. Nothing of the client library is used here.
import assert from "node:assert/strict";
import { startFakeBinance } from "../../testing/mod.ts";
import { FAKE_ACCOUNT } from "../../testing/mod.ts";
const DEFAULT_API_KEY = FAKE_ACCOUNT.apiKey;

import { A, B, client, error, market, type Obj, result, setup, top } from "./_trading.ts";
import { dec, parseUnits } from "../../testing/_exchange/decimal.ts";

const u = (text: string): bigint => parseUnits(text)!;

Deno.test("a default account exists with balances for the fake's symbols", async () => {
  await using fake = await startFakeBinance();
  await using c = await client(fake.wsApiUrl);
  const r = result(await c.call("account.status", { omitZeroBalances: true }));
  const assets = (r.balances as Obj[]).map((b) => b.asset);
  for (const asset of ["BTC", "USDT", "ETH", "BNB", "LTC"]) assert.ok(assets.includes(asset));
  assert.deepEqual(r.commissionRates, {
    maker: "0.00100000",
    taker: "0.00100000",
    buyer: "0.00000000",
    seller: "0.00000000",
  });
  assert.deepEqual(fake.trading.apiKeys(), [DEFAULT_API_KEY]);
});

Deno.test("LIMIT resting: FULL result, book and balances lock; cancel releases", async () => {
  await using s = await setup();
  const { fake, a } = s;
  const bestBid = top(fake).bids[0];
  // A buy one tick below the best bid rests (user orders come first at their level).
  const price = "64999.98000000";
  assert.equal(fake.market.orderBook("BTCUSDT").bids[1][0], price);
  const before = fake.market.orderBook("BTCUSDT").bids[1][1];
  const r = result(
    await a.call("order.place", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "64999.98",
      quantity: "0.01",
      newClientOrderId: "rest-1",
    }),
  );
  assert.equal(r.status, "NEW");
  assert.equal(r.clientOrderId, "rest-1");
  assert.deepEqual(r.fills, []);
  assert.equal(r.origQty, "0.01000000");
  assert.equal(r.selfTradePreventionMode, "NONE");
  const after = fake.market.orderBook("BTCUSDT").bids[1][1];
  assert.equal(BigInt(after.replace(".", "")) - BigInt(before.replace(".", "")), 1_000_000n);
  assert.equal(top(fake).bids[0][0], bestBid[0]);
  // 64999.98 × 0.01 = 649.9998 USDT locked.
  assert.deepEqual(fake.trading.balances(A).USDT, {
    free: "199350.00020000",
    locked: "649.99980000",
  });
  assert.equal(fake.trading.ordersByClientId(A, "rest-1").length, 1);
  // Duplicate client id while open.
  const dup = error(
    await a.call("order.place", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "64999.98",
      quantity: "0.01",
      newClientOrderId: "rest-1",
    }),
  );
  assert.deepEqual(dup, { code: -2010, msg: "Duplicate order sent." });
  const c = result(
    await a.call("order.cancel", { symbol: "BTCUSDT", origClientOrderId: "rest-1" }),
  );
  assert.equal(c.status, "CANCELED");
  assert.equal(c.origClientOrderId, "rest-1");
  assert.deepEqual(fake.trading.balances(A).USDT, {
    free: "200000.00000000",
    locked: "0.00000000",
  });
  assert.equal(fake.market.orderBook("BTCUSDT").bids[1][1], before);
  // A canceled order's client id may be reused.
  result(
    await a.call("order.place", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "64999.98",
      quantity: "0.01",
      newClientOrderId: "rest-1",
      newOrderRespType: "ACK",
    }),
  );
  assert.equal(fake.trading.ordersByClientId(A, "rest-1").length, 2);
  assert.deepEqual(error(await a.call("order.cancel", { symbol: "BTCUSDT", orderId: 999 })), {
    code: -2011,
    msg: "Unknown order sent.",
  });
  assert.deepEqual(
    error(await a.call("order.status", { symbol: "BTCUSDT", origClientOrderId: "nope" })),
    { code: -2013, msg: "Order does not exist." },
  );
});

Deno.test("user orders trade with each other: maker and taker commissions, exact balances", async () => {
  await using s = await setup();
  const { fake, a, b } = s;
  // A sells 0.5 at the best ask (65000), the level's first: its market quantity taken away
  // (time priority would put A behind it).
  fake.market.clearLevel("BTCUSDT", "asks", "65000");
  const sell = result(
    await a.call("order.place", {
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "65000",
      quantity: "0.5",
      newOrderRespType: "RESULT",
    }),
  );
  assert.equal(sell.status, "NEW");
  assert.equal(sell.fills, undefined);
  assert.deepEqual(fake.trading.balances(A).BTC, { free: "1.50000000", locked: "0.50000000" });
  // B buys 0.2 at market: fills 0.2 against A at 65000.
  const buy = result(await market(b, "BUY", "0.2"));
  assert.equal(buy.status, "FILLED");
  assert.equal(buy.executedQty, "0.20000000");
  assert.equal(buy.cummulativeQuoteQty, "13000.00000000");
  const fills = buy.fills as Obj[];
  assert.equal(fills.length, 1);
  // B's taker rate is the default 0.001: 0.2 × 0.001 = 0.0002 BTC.
  assert.deepEqual(
    {
      price: fills[0].price,
      qty: fills[0].qty,
      c: fills[0].commission,
      ca: fills[0].commissionAsset,
    },
    { price: "65000.00000000", qty: "0.20000000", c: "0.00020000", ca: "BTC" },
  );
  assert.deepEqual(fake.trading.balances(B).BTC, { free: "2.19980000", locked: "0.00000000" });
  assert.deepEqual(fake.trading.balances(B).USDT, {
    free: "187000.00000000",
    locked: "0.00000000",
  });
  // A (maker 0.001): receives 13000 − 13 USDT; 0.3 BTC still locked.
  assert.deepEqual(fake.trading.balances(A).USDT, {
    free: "212987.00000000",
    locked: "0.00000000",
  });
  assert.deepEqual(fake.trading.balances(A).BTC, { free: "1.50000000", locked: "0.30000000" });
  const st = result(await a.call("order.status", { symbol: "BTCUSDT", orderId: sell.orderId }));
  assert.equal(st.status, "PARTIALLY_FILLED");
  assert.equal(st.executedQty, "0.20000000");
  assert.equal(st.isWorking, true);
  // B buys 0.30001 more at 65000: the 0.3 left of A (the level holds nothing else); the rest
  // of the IOC expires.
  const buy2 = result(
    await b.call("order.place", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "IOC",
      price: "65000",
      quantity: "0.30001",
    }),
  );
  assert.equal(buy2.status, "EXPIRED");
  assert.deepEqual((buy2.fills as Obj[]).map((f) => f.qty), ["0.30000000"]);
  assert.equal(
    result(await a.call("order.status", { symbol: "BTCUSDT", orderId: sell.orderId })).status,
    "FILLED",
  );
  assert.deepEqual(fake.trading.balances(A).BTC, { free: "1.50000000", locked: "0.00000000" });
  // 0.3 × 65000 = 19500, less 19.5 maker commission.
  assert.deepEqual(fake.trading.balances(A).USDT, {
    free: "232467.50000000",
    locked: "0.00000000",
  });
});

Deno.test("time priority: a resting order trades after the market's liquidity that was at its price first", async () => {
  await using s = await setup();
  const { fake, a, b } = s;
  const [[price, qty]] = fake.market.orderBook("BTCUSDT", 1).asks;
  const ahead = u(qty);
  const sell = result(
    await a.call("order.place", {
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      timeInForce: "GTC",
      price,
      quantity: "0.01",
    }),
  );
  // A buy of what the market had there takes only that: A's order waits behind it.
  const first = result(
    await b.call("order.place", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "IOC",
      price,
      quantity: dec(ahead),
    }),
  );
  assert.equal(first.executedQty, dec(ahead));
  const waiting = result(
    await a.call("order.status", { symbol: "BTCUSDT", orderId: sell.orderId }),
  );
  assert.equal(waiting.executedQty, "0.00000000");
  // The next buy at that price meets A's order.
  const next = result(
    await b.call("order.place", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "IOC",
      price,
      quantity: "0.004",
    }),
  );
  assert.equal(next.executedQty, "0.00400000");
  const filled = result(await a.call("order.status", { symbol: "BTCUSDT", orderId: sell.orderId }));
  assert.equal(filled.executedQty, "0.00400000");
});

Deno.test("fills appear in the trade stream and the diff depth stream", async () => {
  await using s = await setup();
  const { fake, a } = s;
  const ws = new WebSocket(`${fake.streams.combinedUrl}?streams=btcusdt@trade/btcusdt@depth`);
  const events: Obj[] = [];
  const got = Promise.withResolvers<void>();
  ws.onmessage = (e) => {
    events.push(JSON.parse(e.data).data);
    if (events.length === 3) got.resolve();
  };
  await new Promise((r) => (ws.onopen = r));
  const ask = top(fake).asks[0];
  const bookBefore = fake.market.orderBook("BTCUSDT").lastUpdateId;
  // Sell 0.001 at market: one trade at the best bid.
  const bid = top(fake).bids[0];
  const r = result(await market(a, "SELL", "0.001"));
  const fill = (r.fills as Obj[])[0];
  // And a resting buy one tick under the best bid: a depth change without a trade.
  result(
    await a.call("order.place", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "64990",
      quantity: "0.001",
    }),
  );
  const timer = setTimeout(() => got.reject(new Error(`only ${JSON.stringify(events)}`)), 3000);
  await got.promise.finally(() => clearTimeout(timer));
  ws.close();
  await new Promise((r) => (ws.onclose = r));
  const trade = events.find((e) => e.e === "trade")!;
  assert.equal(trade.p, bid[0]);
  assert.equal(trade.q, "0.00100000");
  assert.equal(trade.t, fill.tradeId);
  assert.equal(trade.m, true);
  const depth = events.filter((e) => e.e === "depthUpdate");
  assert.equal(depth.length, 2);
  assert.equal(depth[0].U, bookBefore + 1);
  assert.equal(depth[1].u, bookBefore + 2);
  const book = fake.market.orderBook("BTCUSDT");
  assert.deepEqual(
    (depth[0].b as string[][])[0],
    book.bids[0].slice(0, 1).concat(
      [(depth[0].b as string[][])[0][1]],
    ),
  );
  assert.equal(top(fake).asks[0][0], ask[0]);
  // The depth method answers with the same book, the resting order included.
  const d = result(await a.call("depth", { symbol: "BTCUSDT", limit: 5000 }));
  const level = (d.bids as string[][]).find((l) => l[0] === "64990.00000000")!;
  assert.equal(level[1], book.bids.find((l) => l[0] === "64990.00000000")![1]);
  assert.equal(d.lastUpdateId, book.lastUpdateId);
});

Deno.test("LIMIT_MAKER would take: -2010; FOK expires unfilled; IOC expires the rest", async () => {
  await using s = await setup();
  const { fake, a } = s;
  assert.deepEqual(
    error(
      await a.call("order.place", {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "LIMIT_MAKER",
        price: "65000",
        quantity: "0.01",
      }),
    ),
    { code: -2010, msg: "Order would immediately match and take." },
  );
  // FOK for more than the asks up to the price hold.
  const asks = fake.market.orderBook("BTCUSDT", 1).asks[0];
  const tooMuch = (BigInt(asks[1].replace(".", "")) + 100000n).toString();
  const qty = `${tooMuch.slice(0, -8) || "0"}.${tooMuch.slice(-8).padStart(8, "0")}`;
  const fok = result(
    await a.call("order.place", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "FOK",
      price: asks[0],
      quantity: qty,
    }),
  );
  assert.equal(fok.status, "EXPIRED");
  assert.equal(fok.executedQty, "0.00000000");
  assert.deepEqual(fok.fills, []);
  assert.deepEqual(fake.trading.balances(A).USDT, {
    free: "200000.00000000",
    locked: "0.00000000",
  });
  const ioc = result(
    await a.call("order.place", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "IOC",
      price: asks[0],
      quantity: qty,
    }),
  );
  assert.equal(ioc.status, "EXPIRED");
  assert.equal(ioc.executedQty, asks[1]);
  assert.equal(fake.market.orderBook("BTCUSDT", 1).asks[0][0] > asks[0], true);
  assert.equal(fake.trading.openOrders(A).length, 0);
});

Deno.test("MARKET by quoteOrderQty: the quantity whose notional is closest below", async () => {
  await using s = await setup();
  const { fake, a } = s;
  const [price] = fake.market.orderBook("BTCUSDT", 1).asks[0];
  assert.equal(price, "65000.00000000");
  const r = result(
    await a.call("order.place", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "MARKET",
      quoteOrderQty: "100",
    }),
  );
  // 100 / 65000 = 0.0015384…, to the step 0.00001: 0.00153 BTC for 99.45 USDT.
  assert.equal(r.status, "FILLED");
  assert.equal(r.executedQty, "0.00153000");
  assert.equal(r.cummulativeQuoteQty, "99.45000000");
  assert.equal(r.origQuoteOrderQty, "100.00000000");
  // Taker 0.002 of 0.00153 = 0.00000306 BTC.
  assert.deepEqual(fake.trading.balances(A).BTC, { free: "2.00152694", locked: "0.00000000" });
  assert.deepEqual(fake.trading.balances(A).USDT, {
    free: "199900.55000000",
    locked: "0.00000000",
  });
});

Deno.test("MARKET SELL by quoteOrderQty locks the base it needs, walking the bids; short of it, rejected", async () => {
  await using s = await setup();
  const { fake, a } = s;
  const [bid, bidQty] = fake.market.orderBook("BTCUSDT", 1).bids[0];
  assert.equal(bid, "64999.99000000");
  assert.ok(Number(bidQty) >= 0.001);
  const r = result(
    await a.call("order.place", {
      symbol: "BTCUSDT",
      side: "SELL",
      type: "MARKET",
      quoteOrderQty: "65",
    }),
  );
  // 65 / 64999.99 = 0.00100000…, to the step 0.00001: 0.001 BTC for 64.99999 USDT.
  assert.equal(r.status, "FILLED");
  assert.equal(r.executedQty, "0.00100000");
  assert.equal(r.cummulativeQuoteQty, "64.99999000");
  // Taker 0.002 of 64.99999 = 0.12999998 USDT.
  assert.deepEqual(fake.trading.balances(A).BTC, { free: "1.99900000", locked: "0.00000000" });
  assert.deepEqual(fake.trading.balances(A).USDT, {
    free: "200064.86999002",
    locked: "0.00000000",
  });
  // Far more than 1.999 BTC buys: rejected, nothing moves.
  const short = await a.call("order.place", {
    symbol: "BTCUSDT",
    side: "SELL",
    type: "MARKET",
    quoteOrderQty: "200000",
  });
  assert.deepEqual(error(short), {
    code: -2010,
    msg: "Account has insufficient balance for requested action.",
  });
  assert.deepEqual(fake.trading.balances(A).BTC, { free: "1.99900000", locked: "0.00000000" });
});

Deno.test("MARKET SELL by quoteOrderQty locks what its fill takes, no more: the fill stops at a level it leaves", async () => {
  await using fake = await startFakeBinance({
    accounts: [{
      apiKey: "exact",
      key: { type: "HMAC", secretKey: "s" },
      balances: { BTC: { free: "0.001" }, USDT: { free: "0" } },
    }],
  });
  const [[bid, bidQty]] = fake.market.orderBook("BTCUSDT", 1).bids;
  assert.equal(bid, "64999.99000000");
  assert.ok(Number(bidQty) > 0.002);
  await using c = await client(fake.wsApiUrl, "exact");
  // 100 steps at the best bid (64.99999) and 0.64999985 more: less than one step there.
  const r = result(
    await c.call("order.place", {
      symbol: "BTCUSDT",
      side: "SELL",
      type: "MARKET",
      quoteOrderQty: "65.64998985",
    }),
  );
  assert.equal(r.executedQty, "0.00100000");
});

Deno.test("filters: each violation names its filter; insufficient balance; bad params", async () => {
  await using s = await setup();
  const { a } = s;
  const limit = { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", timeInForce: "GTC" };
  const cases: [Obj, number, string][] = [
    [{ ...limit, price: "64999.985", quantity: "0.01" }, -1013, "Filter failure: PRICE_FILTER"],
    [{ ...limit, price: "64999.98", quantity: "0.000015" }, -1013, "Filter failure: LOT_SIZE"],
    [{ ...limit, price: "64999.98", quantity: "9001" }, -1013, "Filter failure: LOT_SIZE"],
    [{ ...limit, price: "1000", quantity: "0.01" }, -1013, "Filter failure: PERCENT_PRICE_BY_SIDE"],
    [{ ...limit, price: "64999.98", quantity: "0.00001" }, -1013, "Filter failure: NOTIONAL"],
    [
      { ...limit, price: "64999.98", quantity: "0.1", icebergQty: "0.0009" }, // 112 parts > 100
      -1013,
      "Filter failure: ICEBERG_PARTS",
    ],
    [
      { symbol: "BTCUSDT", side: "SELL", type: "MARKET", quantity: "101" },
      -1013,
      "Filter failure: MARKET_LOT_SIZE",
    ],
    [
      { symbol: "BTCUSDT", side: "SELL", type: "STOP_LOSS", quantity: "0.01", trailingDelta: 5 },
      -1013,
      "Filter failure: TRAILING_DELTA",
    ],
    [
      { ...limit, price: "64999.98", quantity: "5" },
      -2010,
      "Account has insufficient balance for requested action.",
    ],
    [
      { ...limit, quantity: "0.01" },
      -1102,
      "Mandatory parameter 'price' was not sent, was empty/null, or malformed.",
    ],
    [
      { symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.01", price: "1" },
      -1106,
      "Parameter 'price' sent when not required.",
    ],
    [
      { symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.01", timeInForce: "GTC" },
      -1106,
      "Parameter 'timeInForce' sent when not required.",
    ],
    [
      { ...limit, price: "64999.981234567", quantity: "0.01" },
      -1111,
      "Parameter 'price' has too much precision.",
    ],
    [{ ...limit, type: "LIMITED", price: "1", quantity: "1" }, -1116, "Invalid orderType."],
    [{ ...limit, side: "HOLD", price: "1", quantity: "1" }, -1117, "Invalid side."],
    [
      { ...limit, price: "64999.98", quantity: "0.01", newClientOrderId: "" },
      -1118,
      "New client order ID was empty.",
    ],
    [
      { symbol: "BTCUSDT", side: "SELL", type: "STOP_LOSS", quantity: "0.01" },
      -1102,
      "Param 'stopPrice' or 'trailingDelta' must be sent, but both were empty/null!",
    ],
    [
      { symbol: "BTCUSDT", side: "SELL", type: "STOP_LOSS", quantity: "0.01", stopPrice: "70000" },
      -2010,
      "Order would trigger immediately.",
    ],
    [{ ...limit, symbol: "LTCBTC", price: "0.0012", quantity: "1" }, -2010, "Market is closed."],
  ];
  for (const [params, code, msg] of cases) {
    assert.deepEqual(
      error(await a.call("order.place", params)),
      { code, msg },
      JSON.stringify(params),
    );
    // order.test gives the same answers, but for the matching engine's (-2010).
    const test = await a.call("order.test", params);
    if (code === -2010) assert.deepEqual(result(test), {});
    else assert.deepEqual(error(test), { code, msg }, JSON.stringify(params));
  }
  assert.equal(s.fake.trading.orders(A).length, 0);
});

Deno.test("order.test: empty result, or the commission rates", async () => {
  await using s = await setup();
  const p = {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "64999.98",
    quantity: "0.01",
  };
  assert.deepEqual(result(await s.a.call("order.test", p)), {});
  const r = result(await s.a.call("order.test", { ...p, computeCommissionRates: true }));
  assert.deepEqual(r.standardCommissionForOrder, { maker: "0.00100000", taker: "0.00200000" });
  assert.deepEqual(Object.keys(r), [
    "standardCommissionForOrder",
    "specialCommissionForOrder",
    "taxCommissionForOrder",
    "discount",
  ]);
  assert.equal(s.fake.trading.orders(A).length, 0);
});

Deno.test("ORDERS rate limits: counted in responses; -1015 at 50 unfilled per 10 s", async () => {
  // Stay inside one 10 s window from the first order on: the counts asserted below are that
  // window's (a window rolling over between the first two orders would reset them).
  if (Date.now() % 10_000 > 8_000) {
    await new Promise((r) => setTimeout(r, 10_000 - (Date.now() % 10_000)));
  }
  await using s = await setup();
  const p = {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "60000",
    quantity: "0.001",
    newOrderRespType: "ACK",
  };
  const first = await s.a.call("order.place", p);
  const limits = first.rateLimits as Obj[];
  assert.deepEqual(limits[0], {
    rateLimitType: "ORDERS",
    interval: "SECOND",
    intervalNum: 10,
    limit: 50,
    count: 1,
  });
  assert.equal(limits[1].interval, "DAY");
  assert.equal(limits[2].rateLimitType, "REQUEST_WEIGHT");
  // A taker fill lowers the unfilled count again.
  const taker = await s.a.call("order.place", {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "MARKET",
    quantity: "0.001",
  });
  assert.equal((taker.rateLimits as Obj[])[0].count, 1);
  const start = ((await s.a.call("order.place", p)).rateLimits as Obj[])[0].count as number;
  for (let i = start; i < 50; i++) result(await s.a.call("order.place", p));
  const r = await s.a.call("order.place", p);
  assert.equal(r.status, 429);
  assert.deepEqual(r.error, {
    code: -1015,
    msg: "Too many new orders; current limit is 50 orders per 10 SECOND.",
  });
});

Deno.test("fake: a successful order entry or cancel costs no request weight; a failed one costs it (CHANGELOG 2026-03-27)", async () => {
  await using s = await setup();
  const weight = (r: Obj) =>
    ((r.rateLimits as Obj[]).find((l) => l.rateLimitType === "REQUEST_WEIGHT")!).count as number;
  // Inside one window of a minute.
  if (Date.now() % 60_000 > 58_000) {
    await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000)));
  }
  const before = weight(await s.a.call("ticker.price", { symbol: "BTCUSDT" }));
  const placed = await s.a.call("order.place", {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "60000",
    quantity: "0.001",
    newOrderRespType: "ACK",
  });
  assert.equal(weight(placed), before, "a placed order is free");
  const canceled = await s.a.call("order.cancel", {
    symbol: "BTCUSDT",
    orderId: result(placed).orderId,
  });
  assert.equal(weight(canceled), before, "a successful cancel is free");
  const failed = await s.a.call("order.cancel", { symbol: "BTCUSDT", orderId: 999_999 });
  assert.equal(failed.status, 400);
  assert.equal(weight(failed), before + 1, "a failed cancel costs its weight");
});
