// The account reads against the fake exchange: openOrders.status, allOrders,
// openOrderLists.status, allOrderLists, myTrades and account.rateLimits.orders return what the
// fake holds after real trading; every documented param rule is refused before anything is
// sent, naming the param; what the rules allow (exactly 24 hours, orderId with fromId) is sent
// and answered; and each conditional weight is the one the fake charges.
import assert from "node:assert/strict";
import {
  accountRateLimitsOrders,
  accountRateLimitsOrdersInfo,
  allOrderLists,
  allOrderListsInfo,
  allOrders,
  allOrdersInfo,
  connectWsApi,
  createSigner,
  depth,
  myTrades,
  myTradesInfo,
  openOrderListsStatus,
  openOrderListsStatusInfo,
  openOrdersStatus,
  openOrdersStatusInfo,
  orderCancel,
  orderListCancel,
  orderListPlaceOco,
  orderListPlaceOto,
  orderPlace,
  ValidationError,
  type WsApiConnection,
  type WsApiMethodInfo,
} from "../../mod.ts";
import { FAKE_ACCOUNT, type FakeBinance, startFakeBinance } from "../../testing/mod.ts";
import { outsideWindowBoundary } from "../_helpers.ts";

const KEY = FAKE_ACCOUNT.apiKey;
const DAY = 86_400_000;

async function open(): Promise<
  { fake: FakeBinance; conn: WsApiConnection } & AsyncDisposable
> {
  const fake = await startFakeBinance();
  const conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: KEY, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  return {
    fake,
    conn,
    async [Symbol.asyncDispose]() {
      await conn.close();
      await fake.close();
    },
  };
}

/** A BUY LIMIT far below the market: it rests. */
function restingBuy(symbol = "BTCUSDT", price = symbol === "BTCUSDT" ? "30000" : "2000") {
  return {
    symbol,
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price,
    quantity: symbol === "BTCUSDT" ? "0.001" : "0.01",
  } as const;
}

const tick = () => new Promise((r) => setTimeout(r, 3));

// ---- results ------------------------------------------------------------------------------

Deno.test("openOrdersStatus: the open orders the fake holds, of a symbol or of all", async () => {
  await using s = await open();
  const a = await orderPlace(s.conn, restingBuy());
  const b = await orderPlace(s.conn, restingBuy("BTCUSDT", "31000"));
  await orderPlace(s.conn, restingBuy("ETHUSDT"));
  await orderPlace(s.conn, { symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.001" });
  await orderCancel(s.conn, { symbol: "BTCUSDT", orderId: b.orderId });

  const btc = await openOrdersStatus(s.conn, { symbol: "BTCUSDT" });
  assert.deepEqual(
    btc.map((o) => [o.orderId, o.status, o.price, o.origQty]),
    s.fake.trading.openOrders(KEY, "BTCUSDT").map((o) => [o.orderId, o.status, o.price, o.origQty]),
  );
  assert.deepEqual(btc.map((o) => o.orderId), [a.orderId]);
  assert.equal(btc[0].isWorking, true);

  const all = await openOrdersStatus(s.conn);
  assert.deepEqual(
    all.map((o) => [o.symbol, o.orderId]),
    s.fake.trading.openOrders(KEY).map((o) => [o.symbol, o.orderId]),
  );
  assert.deepEqual(all.map((o) => o.symbol).sort(), ["BTCUSDT", "ETHUSDT"]);
});

Deno.test("allOrders: every order of the symbol by id, from orderId, in a window, limited", async () => {
  await using s = await open();
  const t0 = Date.now();
  const ids: number[] = [];
  for (let i = 0; i < 5; i++) {
    ids.push((await orderPlace(s.conn, restingBuy("BTCUSDT", String(30000 + i)))).orderId);
    await tick();
  }
  await orderPlace(s.conn, restingBuy("ETHUSDT"));
  await orderCancel(s.conn, { symbol: "BTCUSDT", orderId: ids[1] });
  const filled = await orderPlace(s.conn, {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "MARKET",
    quantity: "0.001",
  });
  ids.push(filled.orderId);

  const every = await allOrders(s.conn, { symbol: "BTCUSDT" });
  assert.deepEqual(every.map((o) => o.orderId), ids);
  assert.deepEqual(
    every.map((o) => [o.orderId, o.status, o.executedQty, o.cummulativeQuoteQty]),
    s.fake.trading.orders(KEY, "BTCUSDT").map((
      o,
    ) => [o.orderId, o.status, o.executedQty, o.cummulativeQuoteQty]),
  );
  assert.equal(every[1].status, "CANCELED");
  assert.equal(every[5].status, "FILLED");

  // orderId: from that id on; limit without a condition: the most recent.
  const from = await allOrders(s.conn, { symbol: "BTCUSDT", orderId: ids[3] });
  assert.deepEqual(from.map((o) => o.orderId), ids.slice(3));
  const recent = await allOrders(s.conn, { symbol: "BTCUSDT", limit: 2 });
  assert.deepEqual(recent.map((o) => o.orderId), ids.slice(-2));

  // A window on the last update: startTime gives the oldest, endTime alone the most recent.
  const t1 = Date.now();
  const inWindow = await allOrders(s.conn, { symbol: "BTCUSDT", startTime: t0, endTime: t1 });
  assert.deepEqual(inWindow.map((o) => o.orderId), ids);
  const oldest = await allOrders(s.conn, { symbol: "BTCUSDT", startTime: t0, limit: 2 });
  assert.deepEqual(oldest.map((o) => o.orderId), ids.slice(0, 2));
  const latest = await allOrders(s.conn, { symbol: "BTCUSDT", endTime: t1, limit: 2 });
  assert.deepEqual(latest.map((o) => o.orderId), ids.slice(-2));
  assert.deepEqual(await allOrders(s.conn, { symbol: "BTCUSDT", startTime: t1 + 1_000 }), []);
  // With a window, orderId is ignored (as documented).
  const ignored = await allOrders(s.conn, {
    symbol: "BTCUSDT",
    orderId: ids[4],
    startTime: t0,
    endTime: t1,
  });
  assert.equal(ignored.length, ids.length);
  // The same window in µs.
  const micro = await allOrders(s.conn, {
    symbol: "BTCUSDT",
    startTime: t0 * 1000,
    endTime: t1 * 1000,
  });
  assert.deepEqual(micro.map((o) => o.orderId), ids);
});

Deno.test("openOrderListsStatus and allOrderLists: the lists the fake holds", async () => {
  await using s = await open();
  const t0 = Date.now();
  const oco = await orderListPlaceOco(s.conn, {
    symbol: "BTCUSDT",
    side: "SELL",
    quantity: "0.001",
    aboveType: "LIMIT_MAKER",
    abovePrice: "70000",
    belowType: "STOP_LOSS_LIMIT",
    belowStopPrice: "60000",
    belowPrice: "59000",
    belowTimeInForce: "GTC",
  });
  await tick();
  const oto = await orderListPlaceOto(s.conn, {
    symbol: "BTCUSDT",
    workingType: "LIMIT",
    workingSide: "BUY",
    workingPrice: "30000",
    workingQuantity: "0.001",
    workingTimeInForce: "GTC",
    pendingType: "LIMIT_MAKER",
    pendingSide: "SELL",
    pendingPrice: "70000",
    pendingQuantity: "0.001",
  });
  const openLists = await openOrderListsStatus(s.conn);
  assert.deepEqual(openLists.map((l) => [l.orderListId, l.contingencyType, l.listOrderStatus]), [
    [oco.orderListId, "OCO", "EXECUTING"],
    [oto.orderListId, "OTO", "EXECUTING"],
  ]);
  assert.deepEqual(openLists[0].orders.map((o) => o.orderId), oco.orders.map((o) => o.orderId));

  await tick();
  const tMid = Date.now();
  await tick();
  await orderListCancel(s.conn, { symbol: "BTCUSDT", orderListId: oco.orderListId });
  const stillOpen = await openOrderListsStatus(s.conn);
  assert.deepEqual(stillOpen.map((l) => l.orderListId), [oto.orderListId]);

  const all = await allOrderLists(s.conn);
  assert.deepEqual(all.map((l) => [l.orderListId, l.listOrderStatus]), [
    [oco.orderListId, "ALL_DONE"],
    [oto.orderListId, "EXECUTING"],
  ]);
  const from = await allOrderLists(s.conn, { fromId: oto.orderListId });
  assert.deepEqual(from.map((l) => l.orderListId), [oto.orderListId]);
  assert.deepEqual((await allOrderLists(s.conn, { limit: 1 })).map((l) => l.orderListId), [
    oto.orderListId,
  ]);
  // Filtered on the last transactionTime: the OCO's cancel is its last update, after tMid.
  const t1 = Date.now();
  const both = await allOrderLists(s.conn, { startTime: t0, endTime: t1 });
  assert.deepEqual(both.map((l) => l.orderListId), [oco.orderListId, oto.orderListId]);
  const oldest = await allOrderLists(s.conn, { startTime: t0, limit: 1 });
  assert.deepEqual(oldest.map((l) => l.orderListId), [oco.orderListId]);
  const updated = await allOrderLists(s.conn, { startTime: tMid, endTime: t1 });
  assert.deepEqual(updated.map((l) => l.orderListId), [oco.orderListId]);
  const before = await allOrderLists(s.conn, { endTime: tMid });
  assert.deepEqual(before.map((l) => l.orderListId), [oto.orderListId]);
  assert.deepEqual(await allOrderLists(s.conn, { startTime: t1 + 1_000 }), []);
});

Deno.test("myTrades: the fills of the account's orders, by trade id, per order, from an id", async () => {
  await using s = await open();
  // A taker buy through several levels of the market's own liquidity.
  const taker = await orderPlace(s.conn, {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "MARKET",
    quantity: "0.5",
  });
  // An own maker: a SELL resting at the best ask, the first of its level (the market's own
  // liquidity there taken away), then an own BUY at that price that takes it.
  const book = await depth(s.conn, { symbol: "BTCUSDT", limit: 5 });
  const price = book.asks[0][0];
  s.fake.market.clearLevel("BTCUSDT", "asks", price);
  const maker = await orderPlace(s.conn, {
    symbol: "BTCUSDT",
    side: "SELL",
    type: "LIMIT",
    timeInForce: "GTC",
    price,
    quantity: "0.002",
  });
  const own = await orderPlace(s.conn, {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price,
    quantity: "0.002",
  });

  const all = await myTrades(s.conn, { symbol: "BTCUSDT" });
  const ofTaker = all.filter((t) => t.orderId === taker.orderId);
  assert.ok(ofTaker.length > 1, "the market buy took several levels");
  assert.ok(ofTaker.every((t) => t.isBuyer && !t.isMaker && t.commissionAsset === "BTC"));
  const sum = (xs: string[]) => xs.reduce((a, x) => a + Math.round(Number(x) * 1e8), 0);
  assert.equal(sum(ofTaker.map((t) => t.qty)), 0.5e8);
  const fakeTaker = s.fake.trading.orders(KEY, "BTCUSDT").find((o) => o.orderId === taker.orderId)!;
  assert.equal(sum(ofTaker.map((t) => t.quoteQty)), sum([fakeTaker.cummulativeQuoteQty]));
  assert.ok("fills" in taker);
  assert.deepEqual(
    ofTaker.map((t) => [t.id, t.price, t.qty, t.commission]),
    taker.fills.map((f) => [f.tradeId, f.price, f.qty, f.commission]),
  );
  // The own trade is two rows with one id: the seller as maker, the buyer as taker.
  const pair = all.filter((t) => t.orderId === maker.orderId || t.orderId === own.orderId);
  assert.equal(pair.length, 2);
  assert.equal(pair[0].id, pair[1].id);
  const sell = pair.find((t) => t.orderId === maker.orderId)!;
  assert.deepEqual([sell.isBuyer, sell.isMaker, sell.price, sell.qty], [
    false,
    true,
    price,
    "0.00200000",
  ]);
  assert.equal(sell.commissionAsset, "USDT");
  // Ascending trade ids.
  const tradeIds = all.map((t) => t.id);
  assert.deepEqual(tradeIds, [...tradeIds].sort((x, y) => x - y));

  const byOrder = await myTrades(s.conn, { symbol: "BTCUSDT", orderId: taker.orderId });
  assert.deepEqual(byOrder, ofTaker);
  const fromId = ofTaker[1].id;
  const from = await myTrades(s.conn, { symbol: "BTCUSDT", fromId });
  assert.deepEqual(from, all.filter((t) => t.id >= fromId));
  const orderFrom = await myTrades(s.conn, { symbol: "BTCUSDT", orderId: taker.orderId, fromId });
  assert.deepEqual(orderFrom, ofTaker.slice(1));
  assert.deepEqual(await myTrades(s.conn, { symbol: "BTCUSDT", limit: 1 }), all.slice(-1));
  const now = Date.now();
  const windowed = await myTrades(s.conn, {
    symbol: "BTCUSDT",
    startTime: now - DAY,
    endTime: now,
  });
  assert.deepEqual(windowed, all);
  assert.deepEqual(await myTrades(s.conn, { symbol: "ETHUSDT" }), []);
});

Deno.test("accountRateLimitsOrders: the fake's unfilled order count", async () => {
  // The counts are those of one ORDERS 10 s window (and day, which ends on a 10 s boundary).
  await outsideWindowBoundary(10_000);
  await using s = await open();
  const before = await accountRateLimitsOrders(s.conn);
  assert.deepEqual(before.map((l) => [l.rateLimitType, l.interval, l.intervalNum, l.count]), [
    ["ORDERS", "SECOND", 10, 0],
    ["ORDERS", "DAY", 1, 0],
  ]);
  await orderPlace(s.conn, restingBuy());
  await orderPlace(s.conn, restingBuy("BTCUSDT", "30001"));
  // A filled order leaves the unfilled count.
  await orderPlace(s.conn, { symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.001" });
  const after = await accountRateLimitsOrders(s.conn);
  assert.deepEqual(after.map((l) => [l.limit, l.count]), [[50, 2], [160000, 2]]);
});

// ---- validation: refused before sending, naming the param ----------------------------------

type Call = (conn: WsApiConnection, params: Record<string, unknown>) => Promise<unknown>;

const refused: [string, Call, Record<string, unknown>, string][] = [
  [
    "openOrders.status: a lower-case symbol",
    openOrdersStatus as unknown as Call,
    { symbol: "btcusdt" },
    "symbol",
  ],
  [
    "openOrders.status: an unknown param",
    openOrdersStatus as unknown as Call,
    { limit: 5 },
    "limit",
  ],
  [
    "openOrders.status: recvWindow above 60000",
    openOrdersStatus as unknown as Call,
    { recvWindow: 60_001 },
    "recvWindow",
  ],
  ["allOrders: no symbol", allOrders as unknown as Call, {}, "symbol"],
  ["allOrders: limit 0", allOrders as unknown as Call, { symbol: "BTCUSDT", limit: 0 }, "limit"],
  [
    "allOrders: limit 1001",
    allOrders as unknown as Call,
    { symbol: "BTCUSDT", limit: 1001 },
    "limit",
  ],
  [
    "allOrders: a negative orderId",
    allOrders as unknown as Call,
    { symbol: "BTCUSDT", orderId: -1 },
    "orderId",
  ],
  [
    "allOrders: a fractional orderId",
    allOrders as unknown as Call,
    { symbol: "BTCUSDT", orderId: 1.5 },
    "orderId",
  ],
  [
    "allOrders: fromId (not a param)",
    allOrders as unknown as Call,
    { symbol: "BTCUSDT", fromId: 1 },
    "fromId",
  ],
  ["allOrders: startTime after endTime", allOrders as unknown as Call, {
    symbol: "BTCUSDT",
    startTime: 1660867200001,
    endTime: 1660867200000,
  }, "startTime"],
  ["allOrders: 24 h and 1 ms", allOrders as unknown as Call, {
    symbol: "BTCUSDT",
    startTime: 1660780800000,
    endTime: 1660780800000 + DAY + 1,
  }, "endTime"],
  ["allOrders: 24 h and 1 ms in µs", allOrders as unknown as Call, {
    symbol: "BTCUSDT",
    startTime: 1660780800000_000,
    endTime: (1660780800000 + DAY) * 1000 + 1000,
  }, "endTime"],
  [
    "allOrders: a negative startTime",
    allOrders as unknown as Call,
    { symbol: "BTCUSDT", startTime: -1 },
    "startTime",
  ],
  [
    "openOrderLists.status: a symbol",
    openOrderListsStatus as unknown as Call,
    { symbol: "BTCUSDT" },
    "symbol",
  ],
  ["allOrderLists: a symbol", allOrderLists as unknown as Call, { symbol: "BTCUSDT" }, "symbol"],
  ["allOrderLists: limit 0", allOrderLists as unknown as Call, { limit: 0 }, "limit"],
  ["allOrderLists: limit 1001", allOrderLists as unknown as Call, { limit: 1001 }, "limit"],
  ["allOrderLists: a negative fromId", allOrderLists as unknown as Call, { fromId: -1 }, "fromId"],
  ["allOrderLists: startTime after endTime", allOrderLists as unknown as Call, {
    startTime: 2,
    endTime: 1,
  }, "startTime"],
  ["allOrderLists: 24 h and 1 ms", allOrderLists as unknown as Call, {
    startTime: 1660780800000,
    endTime: 1660780800000 + DAY + 1,
  }, "endTime"],
  ["myTrades: no symbol", myTrades as unknown as Call, {}, "symbol"],
  ["myTrades: fromId with startTime", myTrades as unknown as Call, {
    symbol: "BTCUSDT",
    fromId: 1,
    startTime: 1,
  }, "fromId"],
  ["myTrades: fromId with endTime", myTrades as unknown as Call, {
    symbol: "BTCUSDT",
    fromId: 1,
    endTime: 1,
  }, "fromId"],
  ["myTrades: orderId with startTime", myTrades as unknown as Call, {
    symbol: "BTCUSDT",
    orderId: 1,
    startTime: 1,
  }, "orderId"],
  ["myTrades: orderId with endTime", myTrades as unknown as Call, {
    symbol: "BTCUSDT",
    orderId: 1,
    endTime: 1,
  }, "orderId"],
  ["myTrades: 24 h and 1 ms", myTrades as unknown as Call, {
    symbol: "BTCUSDT",
    startTime: 1660780800000,
    endTime: 1660780800000 + DAY + 1,
  }, "endTime"],
  ["myTrades: startTime after endTime", myTrades as unknown as Call, {
    symbol: "BTCUSDT",
    startTime: 2,
    endTime: 1,
  }, "startTime"],
  ["myTrades: limit 0", myTrades as unknown as Call, { symbol: "BTCUSDT", limit: 0 }, "limit"],
  [
    "myTrades: limit 1001",
    myTrades as unknown as Call,
    { symbol: "BTCUSDT", limit: 1001 },
    "limit",
  ],
  [
    "myTrades: a negative fromId",
    myTrades as unknown as Call,
    { symbol: "BTCUSDT", fromId: -1 },
    "fromId",
  ],
  ["account.rateLimits.orders: an unknown param", accountRateLimitsOrders as unknown as Call, {
    symbol: "BTCUSDT",
  }, "symbol"],
];

Deno.test("account reads: each param rule is a ValidationError naming the param; nothing is sent", async () => {
  await using s = await open();
  const before = s.fake.received.length;
  for (const [what, call, params, param] of refused) {
    await assert.rejects(call(s.conn, params), (e: unknown) => {
      assert.ok(e instanceof ValidationError, `${what}: expected a ValidationError, got ${e}`);
      const names = e.issues.map((i) => i.param);
      assert.ok(names.includes(param), `${what}: expected "${param}", got ${e.message}`);
      return true;
    });
  }
  assert.equal(s.fake.received.length, before, "the fake received nothing");
});

Deno.test("account reads: what the rules allow is sent and answered (exactly 24 hours, orderId with fromId)", async () => {
  await using s = await open();
  const start = 1660780800000, end = start + DAY; // the docs' own example window
  const accepted: [string, string, () => Promise<unknown>][] = [
    [
      "exactly 24 h",
      "allOrders",
      () => allOrders(s.conn, { symbol: "BTCUSDT", startTime: start, endTime: end, limit: 1000 }),
    ],
    [
      "exactly 24 h in µs",
      "allOrders",
      () => allOrders(s.conn, { symbol: "BTCUSDT", startTime: start * 1000, endTime: end * 1000 }),
    ],
    [
      "an empty window",
      "allOrders",
      () => allOrders(s.conn, { symbol: "BTCUSDT", startTime: start, endTime: start }),
    ],
    [
      "exactly 24 h",
      "allOrderLists",
      () => allOrderLists(s.conn, { startTime: start, endTime: end, limit: 1 }),
    ],
    [
      "exactly 24 h",
      "myTrades",
      () => myTrades(s.conn, { symbol: "BTCUSDT", startTime: start, endTime: end }),
    ],
    [
      "orderId with fromId",
      "myTrades",
      () => myTrades(s.conn, { symbol: "BTCUSDT", orderId: 1, fromId: 1 }),
    ],
    [
      "startTime alone",
      "myTrades",
      () => myTrades(s.conn, { symbol: "BTCUSDT", startTime: start }),
    ],
  ];
  for (const [what, method, call] of accepted) {
    const sent = () => s.fake.received.filter((f) => JSON.parse(f.text).method === method).length;
    const before = sent();
    assert.deepEqual(await call(), [], `${method}, ${what}`);
    assert.equal(sent(), before + 1, `${method}, ${what}: sent`);
  }
});

// ---- weights ------------------------------------------------------------------------------

/** The REQUEST_WEIGHT count the fake reported last. */
function weightCount(conn: WsApiConnection): number {
  return conn.rateLimits.find((l) => l.rateLimitType === "REQUEST_WEIGHT")?.count ?? 0;
}

Deno.test("account reads: weight() at each rule's boundaries is what the fake charges", async () => {
  await using s = await open();
  const cases: [
    string,
    WsApiMethodInfo<never>,
    Record<string, unknown>,
    number,
    () => Promise<unknown>,
  ][] = [
    [
      "openOrders.status with symbol",
      openOrdersStatusInfo,
      { symbol: "BTCUSDT" },
      6,
      () => openOrdersStatus(s.conn, { symbol: "BTCUSDT" }),
    ],
    ["openOrders.status without", openOrdersStatusInfo, {}, 80, () => openOrdersStatus(s.conn)],
    [
      "allOrders",
      allOrdersInfo,
      { symbol: "BTCUSDT", limit: 1000 },
      20,
      () => allOrders(s.conn, { symbol: "BTCUSDT", limit: 1000 }),
    ],
    ["openOrderLists.status", openOrderListsStatusInfo, {}, 6, () => openOrderListsStatus(s.conn)],
    [
      "allOrderLists",
      allOrderListsInfo,
      { limit: 1 },
      20,
      () => allOrderLists(s.conn, { limit: 1 }),
    ],
    [
      "myTrades without orderId",
      myTradesInfo,
      { symbol: "BTCUSDT", fromId: 1 },
      20,
      () => myTrades(s.conn, { symbol: "BTCUSDT", fromId: 1 }),
    ],
    [
      "myTrades with orderId",
      myTradesInfo,
      { symbol: "BTCUSDT", orderId: 1 },
      5,
      () => myTrades(s.conn, { symbol: "BTCUSDT", orderId: 1 }),
    ],
    [
      "myTrades with orderId and fromId",
      myTradesInfo,
      { symbol: "BTCUSDT", orderId: 1, fromId: 1 },
      5,
      () => myTrades(s.conn, { symbol: "BTCUSDT", orderId: 1, fromId: 1 }),
    ],
    [
      "account.rateLimits.orders",
      accountRateLimitsOrdersInfo,
      {},
      40,
      () => accountRateLimitsOrders(s.conn),
    ],
  ];
  await openOrderListsStatus(s.conn); // a first count to start from
  for (const [what, info, params, weight, call] of cases) {
    assert.equal((info.weight as (p: unknown) => number)(params), weight, `${what}: weight()`);
    // The fake's count goes up by the same weight (retried once across a minute's rollover).
    let charged = -1;
    for (let attempt = 0; attempt < 2 && charged !== weight; attempt++) {
      const before = weightCount(s.conn);
      await call();
      charged = weightCount(s.conn) - before;
    }
    assert.equal(charged, weight, `${what}: charged by the fake`);
  }
});
