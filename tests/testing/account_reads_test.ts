// The fake exchange's account reads, checked with raw frames: Binance's errors for params the
// client would refuse (-1127 over 24 hours, -1128 for myTrades' combinations, -1130 for a limit
// out of range, -1102/-1103/-1121), the documented shapes, hand-computed trades with their
// commissions, and one account never seeing another's orders. Nothing of the client is used.
import assert from "node:assert/strict";
import { A, B, error, market, type Obj, result, setup } from "./_trading.ts";

const DAY = 86_400_000;
const START = 1660780800000;

Deno.test("fake account reads: Binance's errors for params out of the rules", async () => {
  await using s = await setup();
  const cases: [string, string, Obj, number, string][] = [
    [
      "allOrders",
      "over 24 h",
      {
        symbol: "BTCUSDT",
        startTime: START,
        endTime: START + DAY + 1,
      },
      -1127,
      "More than 24 hours between startTime and endTime.",
    ],
    [
      "allOrders",
      "over 24 h in µs",
      {
        symbol: "BTCUSDT",
        startTime: START * 1000,
        endTime: (START + DAY + 1) * 1000,
      },
      -1127,
      "More than 24 hours between startTime and endTime.",
    ],
    [
      "allOrderLists",
      "over 24 h",
      { startTime: START, endTime: START + DAY + 1 },
      -1127,
      "More than 24 hours between startTime and endTime.",
    ],
    [
      "myTrades",
      "over 24 h",
      {
        symbol: "BTCUSDT",
        startTime: START,
        endTime: START + DAY + 1,
      },
      -1127,
      "More than 24 hours between startTime and endTime.",
    ],
    [
      "myTrades",
      "fromId with startTime",
      { symbol: "BTCUSDT", fromId: 1, startTime: START },
      -1128,
      "Combination of optional parameters invalid.",
    ],
    [
      "myTrades",
      "fromId with endTime",
      { symbol: "BTCUSDT", fromId: 1, endTime: START },
      -1128,
      "Combination of optional parameters invalid.",
    ],
    [
      "myTrades",
      "orderId with startTime",
      { symbol: "BTCUSDT", orderId: 1, startTime: START },
      -1128,
      "Combination of optional parameters invalid.",
    ],
    [
      "myTrades",
      "orderId with endTime",
      { symbol: "BTCUSDT", orderId: 1, endTime: START },
      -1128,
      "Combination of optional parameters invalid.",
    ],
    [
      "allOrders",
      "limit 0",
      { symbol: "BTCUSDT", limit: 0 },
      -1130,
      "Data sent for parameter 'limit' is not valid.",
    ],
    [
      "allOrderLists",
      "limit 1001",
      { limit: 1001 },
      -1130,
      "Data sent for parameter 'limit' is not valid.",
    ],
    [
      "myTrades",
      "limit 1001",
      { symbol: "BTCUSDT", limit: 1001 },
      -1130,
      "Data sent for parameter 'limit' is not valid.",
    ],
    [
      "allOrders",
      "no symbol",
      {},
      -1102,
      "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.",
    ],
    [
      "myTrades",
      "no symbol",
      { orderId: 1 },
      -1102,
      "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.",
    ],
    [
      "openOrderLists.status",
      "a symbol",
      { symbol: "BTCUSDT" },
      -1103,
      "An unknown parameter was sent.",
    ],
    [
      "account.rateLimits.orders",
      "a symbol",
      { symbol: "BTCUSDT" },
      -1103,
      "An unknown parameter was sent.",
    ],
    ["openOrders.status", "an unknown symbol", { symbol: "NOPEUSDT" }, -1121, "Invalid symbol."],
  ];
  for (const [method, what, params, code, msg] of cases) {
    const e = error(await s.a.call(method, params));
    assert.deepEqual([e.code, e.msg], [code, msg], `${method}, ${what}`);
  }
  // Exactly 24 hours passes (the docs' own example window), in ms and in µs.
  for (
    const [method, params] of [
      ["allOrders", { symbol: "BTCUSDT", startTime: START, endTime: START + DAY }],
      ["allOrders", { symbol: "BTCUSDT", startTime: START * 1000, endTime: (START + DAY) * 1000 }],
      ["allOrderLists", { startTime: START, endTime: START + DAY }],
      ["myTrades", { symbol: "BTCUSDT", startTime: START, endTime: START + DAY }],
      ["myTrades", { symbol: "BTCUSDT", orderId: 1, fromId: 1 }],
    ] as [string, Obj][]
  ) {
    assert.deepEqual(
      result(await s.a.call(method, params)),
      [],
      `${method} ${JSON.stringify(params)}`,
    );
  }
});

Deno.test("fake account reads: trades hand-computed from the fills, commissions by side", async () => {
  await using s = await setup();
  const buy = result(await market(s.a, "BUY", "0.01"));
  const fills = buy.fills as Obj[];
  const trades = result(
    await s.a.call("myTrades", { symbol: "BTCUSDT", orderId: buy.orderId }),
  ) as unknown as Obj[];
  assert.equal(trades.length, fills.length);
  for (const [i, t] of trades.entries()) {
    const f = fills[i];
    // Account A's taker commission is 0.002, of the base asset on a buy.
    const units = (d: unknown) => BigInt(String(d).replace(".", ""));
    const quote = units(f.price) * units(f.qty) / 100_000_000n;
    assert.deepEqual(Object.keys(t), [
      "symbol",
      "id",
      "orderId",
      "orderListId",
      "price",
      "qty",
      "quoteQty",
      "commission",
      "commissionAsset",
      "time",
      "isBuyer",
      "isMaker",
      "isBestMatch",
    ]);
    assert.equal(t.id, f.tradeId);
    assert.equal(t.price, f.price);
    assert.equal(t.qty, f.qty);
    assert.equal(units(t.quoteQty), quote);
    assert.equal(units(t.commission), units(f.qty) * 2n / 1000n);
    assert.equal(t.commissionAsset, "BTC");
    assert.deepEqual([t.isBuyer, t.isMaker, t.isBestMatch, t.orderListId], [true, false, true, -1]);
    assert.equal(t.time, buy.transactTime);
  }
  const sell = result(await market(s.a, "SELL", "0.01"));
  const sold = result(
    await s.a.call("myTrades", { symbol: "BTCUSDT", orderId: sell.orderId }),
  ) as unknown as Obj[];
  assert.ok(sold.every((t) => t.commissionAsset === "USDT" && t.isBuyer === false));
  // Without orderId: both orders' trades, by trade id.
  const all = result(await s.a.call("myTrades", { symbol: "BTCUSDT" })) as unknown as Obj[];
  assert.equal(all.length, trades.length + sold.length);
  const ids = all.map((t) => t.id as number);
  assert.deepEqual(ids, [...ids].sort((x, y) => x - y));
});

Deno.test("fake account reads: one account never sees another's orders, lists or trades", async () => {
  await using s = await setup();
  await market(s.a, "BUY", "0.01");
  result(
    await s.a.call("order.place", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "30000",
      quantity: "0.01",
    }),
  );
  result(
    await s.a.call("orderList.place.oco", {
      symbol: "BTCUSDT",
      side: "SELL",
      quantity: "0.01",
      aboveType: "LIMIT_MAKER",
      abovePrice: "70000",
      belowType: "STOP_LOSS_LIMIT",
      belowStopPrice: "60000",
      belowPrice: "59000",
      belowTimeInForce: "GTC",
    }),
  );
  const reads: [string, Obj][] = [
    ["openOrders.status", {}],
    ["allOrders", { symbol: "BTCUSDT" }],
    ["openOrderLists.status", {}],
    ["allOrderLists", {}],
    ["myTrades", { symbol: "BTCUSDT" }],
  ];
  for (const [method, params] of reads) {
    const mine = result(await s.a.call(method, params)) as unknown as Obj[];
    assert.ok(mine.length > 0, `${A} ${method}`);
    assert.deepEqual(result(await s.b.call(method, params)), [], `${B} ${method}`);
  }
  // openOrders.status: the LIMIT and the OCO's two legs (above, then below), by order id.
  const open = result(await s.a.call("openOrders.status", {})) as unknown as Obj[];
  assert.deepEqual(open.map((o) => o.type), ["LIMIT", "LIMIT_MAKER", "STOP_LOSS_LIMIT"]);
  const counts = result(await s.b.call("account.rateLimits.orders", {})) as unknown as Obj[];
  assert.deepEqual(counts.map((c) => c.count), [0, 0]);
});
