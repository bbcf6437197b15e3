// myPreventedMatches, myAllocations, account.commission, order.amendments and myFilters against
// the fake exchange: prevented matches made with STP, allocations with SOR, amendments with
// orderAmendKeepPriority, all through the trading methods; each read returns what the engine
// did; each documented rule is refused before sending (the fake receives nothing); the weights
// the client declares are what the (independent) fake charges, at each boundary of the rules;
// and the fake's own answers to what the client refuses carry Binance's codes.
import assert from "node:assert/strict";
import {
  accountCommission,
  accountCommissionInfo,
  BinanceApiError,
  connectWsApi,
  createSigner,
  exchangeInfo,
  myAllocations,
  myAllocationsInfo,
  myFilters,
  myFiltersInfo,
  myPreventedMatches,
  myPreventedMatchesInfo,
  orderAmendKeepPriority,
  orderAmendments,
  orderAmendmentsInfo,
  type OrderFull,
  orderPlace,
  sorOrderPlace,
  ValidationError,
  type WsApiConnection,
  type WsApiMethodInfo,
} from "../../mod.ts";
import { FAKE_ACCOUNT, type FakeBinance, startFakeBinance } from "../../testing/mod.ts";

const symbol = "BTCUSDT";
const DAY = 86_400_000;

interface Setup extends AsyncDisposable {
  fake: FakeBinance;
  conn: WsApiConnection;
}

async function setup(commission?: { maker?: string; taker?: string }): Promise<Setup> {
  const fake = await startFakeBinance(
    commission
      ? { accounts: [{ apiKey: FAKE_ACCOUNT.apiKey, key: FAKE_ACCOUNT.hmacKey, commission }] }
      : {},
  );
  const conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
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

/** The best ask of the fake's book now: a sell placed there rests first in its queue. */
/**
 * The best ask, its market liquidity taken away: an order resting there is the first of its
 * level (time priority would otherwise put it behind the market's makers).
 */
function bestAsk(fake: FakeBinance): string {
  const price = fake.market.orderBook(symbol, 1).asks[0][0];
  fake.market.clearLevel(symbol, "asks", price);
  return price;
}

function restingSell(price: string, quantity = "0.00100000") {
  return { symbol, side: "SELL", type: "LIMIT", timeInForce: "GTC", price, quantity } as const;
}

function weightCount(conn: WsApiConnection): number {
  return conn.rateLimits.find((l) => l.rateLimitType === "REQUEST_WEIGHT")?.count ?? 0;
}

async function rejectsNaming(promise: Promise<unknown>, param: string): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof ValidationError, `expected a ValidationError, got ${e}`);
    assert.ok(
      e.issues.some((i) => i.param === param),
      `expected an issue on "${param}", got ${e.message}`,
    );
    return true;
  });
}

async function rejectsWithCode(promise: Promise<unknown>, code: number): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof BinanceApiError, `expected a BinanceApiError, got ${e}`);
    assert.equal(e.code, code, e.msg);
    return true;
  });
}

// ---- myPreventedMatches -------------------------------------------------------------------

Deno.test("myPreventedMatches: an EXPIRE_MAKER match, by the maker's id, the taker's id and its own id", async () => {
  await using s = await setup();
  const price = bestAsk(s.fake);
  const maker = await orderPlace(s.conn, restingSell(price));
  const before = Date.now();
  const taker = await orderPlace(s.conn, {
    ...restingSell(price),
    side: "BUY",
    selfTradePreventionMode: "EXPIRE_MAKER",
  });
  const after = Date.now();
  const byMaker = await myPreventedMatches(s.conn, { symbol, orderId: maker.orderId });
  assert.equal(byMaker.length, 1);
  const [m] = byMaker;
  assert.deepEqual({ ...m, preventedMatchId: 0, transactTime: 0 }, {
    symbol,
    preventedMatchId: 0,
    takerOrderId: taker.orderId,
    makerSymbol: symbol,
    makerOrderId: maker.orderId,
    tradeGroupId: -1,
    selfTradePreventionMode: "EXPIRE_MAKER",
    price,
    makerPreventedQuantity: "0.00100000",
    transactTime: 0,
  });
  assert.ok(m.transactTime >= before && m.transactTime <= after, "the expiry's time");
  // The taker's own placement lists the match (faqs/stp_faq.md, "Output of the Taker Order").
  assert.deepEqual((taker as OrderFull).preventedMatches, [{
    preventedMatchId: m.preventedMatchId,
    makerOrderId: maker.orderId,
    price,
    makerPreventedQuantity: "0.00100000",
  }]);
  // The maker expired as the record says; the taker went on and rests (its level holds nothing
  // else).
  const orders = s.fake.trading.orders(FAKE_ACCOUNT.apiKey, symbol);
  assert.equal(orders.find((o) => o.orderId === maker.orderId)?.status, "EXPIRED_IN_MATCH");
  assert.equal(orders.find((o) => o.orderId === taker.orderId)?.status, "NEW");
  assert.deepEqual(await myPreventedMatches(s.conn, { symbol, orderId: taker.orderId }), byMaker);
  assert.deepEqual(
    await myPreventedMatches(s.conn, { symbol, preventedMatchId: m.preventedMatchId }),
    byMaker,
  );
  assert.deepEqual(
    await myPreventedMatches(s.conn, { symbol: "ETHUSDT", orderId: maker.orderId }),
    [],
  );
});

Deno.test("myPreventedMatches: EXPIRE_TAKER reports the taker's quantity, EXPIRE_BOTH both", async () => {
  await using s = await setup();
  const price = bestAsk(s.fake);
  const maker = await orderPlace(s.conn, restingSell(price, "0.00300000"));
  const taker = await orderPlace(s.conn, {
    ...restingSell(price, "0.00200000"),
    side: "BUY",
    selfTradePreventionMode: "EXPIRE_TAKER",
  });
  const [t] = await myPreventedMatches(s.conn, { symbol, orderId: taker.orderId });
  assert.equal(t.selfTradePreventionMode, "EXPIRE_TAKER");
  assert.equal(t.takerPreventedQuantity, "0.00200000");
  assert.equal(t.makerPreventedQuantity, undefined);
  const both = await orderPlace(s.conn, {
    ...restingSell(price, "0.00100000"),
    side: "BUY",
    selfTradePreventionMode: "EXPIRE_BOTH",
  });
  const [b] = await myPreventedMatches(s.conn, { symbol, orderId: both.orderId });
  assert.equal(b.takerPreventedQuantity, "0.00100000");
  assert.equal(b.makerPreventedQuantity, "0.00300000");
  assert.deepEqual((taker as OrderFull).preventedMatches, [{
    preventedMatchId: t.preventedMatchId,
    makerOrderId: maker.orderId,
    price,
    takerPreventedQuantity: "0.00200000",
  }]);
  assert.deepEqual((both as OrderFull).preventedMatches?.map((x) => Object.keys(x).sort()), [[
    "makerOrderId",
    "makerPreventedQuantity",
    "preventedMatchId",
    "price",
    "takerPreventedQuantity",
  ]]);
  assert.ok(b.preventedMatchId > t.preventedMatchId, "ids increase");
  // The maker took part in both: its prevented matches, oldest first.
  const ofMaker = await myPreventedMatches(s.conn, { symbol, orderId: maker.orderId });
  assert.deepEqual(ofMaker.map((x) => x.preventedMatchId), [
    t.preventedMatchId,
    b.preventedMatchId,
  ]);
});

Deno.test("myPreventedMatches: fromPreventedMatchId and limit page through one order's matches", async () => {
  await using s = await setup();
  const price = bestAsk(s.fake);
  for (let i = 0; i < 3; i++) await orderPlace(s.conn, restingSell(price));
  const taker = await orderPlace(s.conn, {
    ...restingSell(price, "0.00500000"),
    side: "BUY",
    selfTradePreventionMode: "EXPIRE_MAKER",
  });
  const all = await myPreventedMatches(s.conn, { symbol, orderId: taker.orderId });
  assert.equal(all.length, 3, "one prevented match per resting sell");
  const ids = all.map((m) => m.preventedMatchId);
  assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
  const from = { symbol, orderId: taker.orderId, fromPreventedMatchId: ids[1] };
  assert.deepEqual(await myPreventedMatches(s.conn, from), all.slice(1));
  assert.deepEqual(await myPreventedMatches(s.conn, { ...from, limit: 1 }), all.slice(1, 2));
});

// ---- myAllocations ------------------------------------------------------------------------

Deno.test("myAllocations: an SOR order's allocations are its fills, with the same ids", async () => {
  await using s = await setup();
  // A first SOR order takes the first allocation ids of the symbol.
  await sorOrderPlace(s.conn, { symbol, side: "BUY", type: "MARKET", quantity: "0.01" });
  const before = Date.now();
  const [order] = await sorOrderPlace(s.conn, {
    symbol,
    side: "BUY",
    type: "MARKET",
    quantity: "0.2",
    newOrderRespType: "FULL",
  });
  const fills = (order as {
    fills: {
      price: string;
      qty: string;
      commission: string;
      commissionAsset: string;
      allocId: number;
    }[];
  }).fills;
  assert.ok(fills.length > 1, "a market order of 0.2 BTC walks several levels");
  assert.ok(fills[0].allocId > 0, "ids per symbol, not per order");
  const list = await myAllocations(s.conn, { symbol, orderId: order.orderId });
  assert.deepEqual(
    list.map((a) => [a.allocationId, a.price, a.qty, a.commission, a.commissionAsset]),
    fills.map((f) => [f.allocId, f.price, f.qty, f.commission, f.commissionAsset]),
  );
  for (const a of list) {
    assert.equal(a.allocationType, "SOR");
    assert.equal(a.symbol, symbol);
    assert.equal(a.orderListId, -1);
    assert.equal(a.isBuyer, true);
    assert.equal(a.isMaker, false);
    assert.equal(a.isAllocator, false);
    assert.ok(a.time >= before && a.time <= Date.now());
    // quoteQty = price × qty, exactly (8 decimals).
    const units = (d: string) => BigInt(d.replace(".", ""));
    assert.equal(units(a.quoteQty), units(a.price) * units(a.qty) / 100_000_000n);
  }
  assert.equal(list.reduce((n, a) => n + Number(a.qty), 0).toFixed(8), "0.20000000");
});

Deno.test("myAllocations: by symbol, fromAllocationId, orderId, time window and limit", async () => {
  await using s = await setup();
  const place = () =>
    sorOrderPlace(s.conn, { symbol, side: "BUY", type: "MARKET", quantity: "0.1" });
  const [first] = await place();
  await new Promise((r) => setTimeout(r, 5));
  const [second] = await place();
  const all = await myAllocations(s.conn, { symbol });
  const ofFirst = all.filter((a) => a.orderId === first.orderId);
  const ofSecond = all.filter((a) => a.orderId === second.orderId);
  assert.ok(ofFirst.length > 0 && ofSecond.length > 0);
  assert.equal(ofFirst.length + ofSecond.length, all.length);
  const ids = all.map((a) => a.allocationId);
  assert.deepEqual(ids, ids.map((_, i) => ids[0] + i), "per-symbol ids, oldest first, no gap");
  assert.deepEqual(await myAllocations(s.conn, { symbol, orderId: second.orderId }), ofSecond);
  assert.deepEqual(
    await myAllocations(s.conn, { symbol, fromAllocationId: ofSecond[0].allocationId }),
    ofSecond,
  );
  assert.deepEqual(
    await myAllocations(s.conn, {
      symbol,
      orderId: first.orderId,
      fromAllocationId: ofFirst.at(-1)!.allocationId,
    }),
    ofFirst.slice(-1),
  );
  assert.deepEqual(await myAllocations(s.conn, { symbol, limit: 1 }), all.slice(0, 1));
  const t1 = ofFirst[0].time, t2 = ofSecond[0].time;
  assert.ok(t2 > t1);
  assert.deepEqual(await myAllocations(s.conn, { symbol, startTime: t2 }), ofSecond);
  assert.deepEqual(await myAllocations(s.conn, { symbol, endTime: t2 - 1 }), ofFirst);
  // endTime alone: the newest until then.
  assert.deepEqual(await myAllocations(s.conn, { symbol, endTime: t2, limit: 1 }), all.slice(-1));
  // Exactly 24 hours is allowed (the docs' examples send it).
  assert.deepEqual(
    await myAllocations(s.conn, { symbol, startTime: t2 - DAY, endTime: t2 }),
    all,
  );
  assert.deepEqual(await myAllocations(s.conn, { symbol: "ETHUSDT" }), []);
});

// ---- account.commission -------------------------------------------------------------------

Deno.test("account.commission: the account's rates, the ones its fills are charged", async () => {
  await using s = await setup({ maker: "0.00020000", taker: "0.00040000" });
  const c = await accountCommission(s.conn, { symbol });
  const zero = {
    maker: "0.00000000",
    taker: "0.00000000",
    buyer: "0.00000000",
    seller: "0.00000000",
  };
  assert.deepEqual(c, {
    symbol,
    standardCommission: {
      maker: "0.00020000",
      taker: "0.00040000",
      buyer: "0.00000000",
      seller: "0.00000000",
    },
    specialCommission: zero,
    taxCommission: zero,
    discount: {
      enabledForAccount: false,
      enabledForSymbol: false,
      discountAsset: "BNB",
      discount: "0.25000000",
    },
  });
  // A taker buy pays the taker rate on what it receives.
  const order = await orderPlace(s.conn, {
    symbol,
    side: "BUY",
    type: "MARKET",
    quantity: "0.01",
    newOrderRespType: "FULL",
  });
  assert.ok("fills" in order && order.fills.length > 0, "answered with its fills");
  for (const f of order.fills) {
    const units = (d: string) => BigInt(d.replace(".", ""));
    assert.equal(
      units(f.commission),
      units(f.qty) * units(c.standardCommission.taker) / 100_000_000n,
    );
  }
});

// ---- order.amendments ---------------------------------------------------------------------

Deno.test("order.amendments: each amendment of an order, oldest first, paged by execution id", async () => {
  await using s = await setup();
  const order = await orderPlace(s.conn, {
    symbol,
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "60000",
    quantity: "0.005",
    newClientOrderId: "amend-a",
  });
  const one = await orderAmendKeepPriority(s.conn, {
    symbol,
    orderId: order.orderId,
    newQty: "0.004",
    newClientOrderId: "amend-b",
  });
  const two = await orderAmendKeepPriority(s.conn, {
    symbol,
    origClientOrderId: "amend-b",
    newQty: "0.003",
  });
  const list = await orderAmendments(s.conn, { symbol, orderId: order.orderId });
  assert.deepEqual(list, [
    {
      symbol,
      orderId: order.orderId,
      executionId: one.executionId,
      origClientOrderId: "amend-a",
      newClientOrderId: "amend-b",
      origQty: "0.00500000",
      newQty: "0.00400000",
      time: one.transactTime,
    },
    {
      symbol,
      orderId: order.orderId,
      executionId: two.executionId,
      origClientOrderId: "amend-b",
      newClientOrderId: two.amendedOrder.clientOrderId,
      origQty: "0.00400000",
      newQty: "0.00300000",
      time: two.transactTime,
    },
  ]);
  const page = { symbol, orderId: order.orderId };
  assert.deepEqual(
    await orderAmendments(s.conn, { ...page, fromExecutionId: two.executionId }),
    list.slice(1),
  );
  assert.deepEqual(await orderAmendments(s.conn, { ...page, limit: 1 }), list.slice(0, 1));
  const other = await orderPlace(s.conn, { ...restingSell("70000"), quantity: "0.001" });
  assert.deepEqual(await orderAmendments(s.conn, { symbol, orderId: other.orderId }), []);
  await rejectsWithCode(orderAmendments(s.conn, { symbol, orderId: 999_999 }), -2013);
  await rejectsWithCode(
    orderAmendments(s.conn, { symbol: "ETHUSDT", orderId: order.orderId }),
    -2013,
  );
});

// ---- myFilters ----------------------------------------------------------------------------

Deno.test("myFilters: the symbol's filters as exchangeInfo reports them, no exchange or asset filters", async () => {
  await using s = await setup();
  const info = await exchangeInfo(s.conn, { symbol });
  const f = await myFilters(s.conn, { symbol });
  assert.deepEqual(f.symbolFilters, info.symbols[0].filters);
  assert.deepEqual(f.exchangeFilters, info.exchangeFilters);
  assert.deepEqual(f.assetFilters, []);
  const eth = await myFilters(s.conn, { symbol: "ETHUSDT" });
  assert.notDeepEqual(eth.symbolFilters, f.symbolFilters, "per symbol");
});

// ---- validation: refused before sending ----------------------------------------------------

type Call = (conn: WsApiConnection, params: Record<string, unknown>) => Promise<unknown>;

const invalid: [string, Call, Record<string, unknown>, string][] = [
  // myPreventedMatches: the documented combinations only.
  ["neither id", myPreventedMatches as unknown as Call, { symbol }, "orderId"],
  [
    "both ids",
    myPreventedMatches as unknown as Call,
    { symbol, orderId: 1, preventedMatchId: 1 },
    "orderId",
  ],
  [
    "fromPreventedMatchId without orderId",
    myPreventedMatches as unknown as Call,
    { symbol, preventedMatchId: 1, fromPreventedMatchId: 1 },
    "fromPreventedMatchId",
  ],
  ["limit without fromPreventedMatchId", myPreventedMatches as unknown as Call, {
    symbol,
    orderId: 1,
    limit: 10,
  }, "limit"],
  ["limit 1001", myPreventedMatches as unknown as Call, {
    symbol,
    orderId: 1,
    fromPreventedMatchId: 1,
    limit: 1001,
  }, "limit"],
  ["limit 0", myPreventedMatches as unknown as Call, {
    symbol,
    orderId: 1,
    fromPreventedMatchId: 1,
    limit: 0,
  }, "limit"],
  ["a negative orderId", myPreventedMatches as unknown as Call, { symbol, orderId: -1 }, "orderId"],
  ["no symbol", myPreventedMatches as unknown as Call, { orderId: 1 }, "symbol"],
  [
    "a lower-case symbol",
    myPreventedMatches as unknown as Call,
    { symbol: "btcusdt", orderId: 1 },
    "symbol",
  ],
  [
    "an unknown param",
    myPreventedMatches as unknown as Call,
    { symbol, orderId: 1, fromId: 1 },
    "fromId",
  ],
  // myAllocations: time window, exclusions, limit.
  ["a window of 24 h + 1 ms", myAllocations as unknown as Call, {
    symbol,
    startTime: 1_700_000_000_000,
    endTime: 1_700_000_000_000 + DAY + 1,
  }, "endTime"],
  ["startTime after endTime", myAllocations as unknown as Call, {
    symbol,
    startTime: 1_700_000_000_001,
    endTime: 1_700_000_000_000,
  }, "startTime"],
  ["fromAllocationId with startTime", myAllocations as unknown as Call, {
    symbol,
    fromAllocationId: 1,
    startTime: 1,
  }, "fromAllocationId"],
  ["fromAllocationId with endTime", myAllocations as unknown as Call, {
    symbol,
    fromAllocationId: 1,
    endTime: 1,
  }, "fromAllocationId"],
  [
    "orderId with startTime",
    myAllocations as unknown as Call,
    { symbol, orderId: 1, startTime: 1 },
    "orderId",
  ],
  [
    "orderId with endTime",
    myAllocations as unknown as Call,
    { symbol, orderId: 1, endTime: 1 },
    "orderId",
  ],
  ["limit 1001", myAllocations as unknown as Call, { symbol, limit: 1001 }, "limit"],
  ["limit 0", myAllocations as unknown as Call, { symbol, limit: 0 }, "limit"],
  [
    "a negative fromAllocationId",
    myAllocations as unknown as Call,
    { symbol, fromAllocationId: -1 },
    "fromAllocationId",
  ],
  [
    "a fractional startTime",
    myAllocations as unknown as Call,
    { symbol, startTime: 1.5 },
    "startTime",
  ],
  [
    "recvWindow above 60000",
    myAllocations as unknown as Call,
    { symbol, recvWindow: 60_001 },
    "recvWindow",
  ],
  // account.commission and myFilters: a symbol, nothing else.
  ["no symbol", accountCommission as unknown as Call, {}, "symbol"],
  ["an unknown param", accountCommission as unknown as Call, { symbol, orderId: 1 }, "orderId"],
  ["no symbol", myFilters as unknown as Call, {}, "symbol"],
  ["a symbol list", myFilters as unknown as Call, { symbol, symbols: [symbol] }, "symbols"],
  // order.amendments: orderId mandatory; limit range.
  ["no orderId", orderAmendments as unknown as Call, { symbol }, "orderId"],
  ["origClientOrderId instead of orderId", orderAmendments as unknown as Call, {
    symbol,
    origClientOrderId: "a",
  }, "origClientOrderId"],
  ["limit 1001", orderAmendments as unknown as Call, { symbol, orderId: 1, limit: 1001 }, "limit"],
  ["limit 0", orderAmendments as unknown as Call, { symbol, orderId: 1, limit: 0 }, "limit"],
  ["a string orderId", orderAmendments as unknown as Call, { symbol, orderId: "23" }, "orderId"],
  ["a negative fromExecutionId", orderAmendments as unknown as Call, {
    symbol,
    orderId: 1,
    fromExecutionId: -1,
  }, "fromExecutionId"],
];

Deno.test("account reads: each documented rule is a ValidationError naming the param, nothing sent", async () => {
  await using s = await setup();
  await accountCommission(s.conn, { symbol }); // the clock is synced: nothing else goes out
  const before = s.fake.received.length;
  for (const [what, call, params, param] of invalid) {
    await rejectsNaming(call(s.conn, params), param).catch((e: Error) => {
      throw new Error(`${what}: ${e.message}`);
    });
  }
  assert.equal(s.fake.received.length, before, "the fake received nothing");
});

Deno.test("account reads: the boundaries the docs allow are sent, and the fake accepts them", async () => {
  await using s = await setup();
  const t = Date.now();
  const ok: [Call, Record<string, unknown>][] = [
    [myPreventedMatches as unknown as Call, { symbol, preventedMatchId: 0 }],
    [myPreventedMatches as unknown as Call, {
      symbol,
      orderId: 1,
      fromPreventedMatchId: 0,
      limit: 1000,
    }],
    [myPreventedMatches as unknown as Call, {
      symbol,
      orderId: 1,
      fromPreventedMatchId: 0,
      limit: 1,
    }],
    [myAllocations as unknown as Call, { symbol, startTime: t - DAY, endTime: t }],
    [myAllocations as unknown as Call, { symbol, startTime: t, endTime: t }],
    [myAllocations as unknown as Call, { symbol, orderId: 1, fromAllocationId: 0, limit: 1000 }],
    [myAllocations as unknown as Call, { symbol, limit: 1 }],
    [myAllocations as unknown as Call, { symbol, endTime: t }],
    [myFilters as unknown as Call, { symbol, recvWindow: 60_000 }],
  ];
  for (const [call, params] of ok) {
    const result = await call(s.conn, params);
    assert.ok(Array.isArray(result) || typeof result === "object", JSON.stringify(params));
  }
});

// ---- weights ------------------------------------------------------------------------------

Deno.test("account reads: the declared weights are what the fake charges, at each boundary", async () => {
  await using s = await setup();
  const order = await orderPlace(s.conn, {
    ...restingSell("70000"),
    quantity: "0.002",
  });
  await orderAmendKeepPriority(s.conn, { symbol, orderId: order.orderId, newQty: "0.001" });
  const rows: [WsApiMethodInfo<never>, Call, Record<string, unknown>, number][] = [
    [
      myPreventedMatchesInfo,
      myPreventedMatches as unknown as Call,
      { symbol, preventedMatchId: 1 },
      2,
    ],
    [myPreventedMatchesInfo, myPreventedMatches as unknown as Call, {
      symbol,
      orderId: order.orderId,
    }, 20],
    [myPreventedMatchesInfo, myPreventedMatches as unknown as Call, {
      symbol,
      orderId: order.orderId,
      fromPreventedMatchId: 0,
      limit: 1000,
    }, 20],
    [myAllocationsInfo, myAllocations as unknown as Call, { symbol }, 20],
    [myAllocationsInfo, myAllocations as unknown as Call, { symbol, orderId: 1, limit: 1000 }, 20],
    [accountCommissionInfo, accountCommission as unknown as Call, { symbol }, 20],
    [
      orderAmendmentsInfo,
      orderAmendments as unknown as Call,
      { symbol, orderId: order.orderId },
      4,
    ],
    [orderAmendmentsInfo, orderAmendments as unknown as Call, {
      symbol,
      orderId: order.orderId,
      fromExecutionId: 0,
      limit: 1000,
    }, 4],
    [myFiltersInfo, myFilters as unknown as Call, { symbol }, 40],
  ];
  for (const [info, call, params, weight] of rows) {
    const declared = (info as WsApiMethodInfo<Record<string, unknown>>).weight(params);
    assert.equal(declared, weight, `${info.method} ${JSON.stringify(params)}: declared`);
    const before = weightCount(s.conn);
    await call(s.conn, params);
    assert.equal(
      weightCount(s.conn) - before,
      weight,
      `${info.method} ${JSON.stringify(params)}: charged`,
    );
  }
});

// ---- the fake's own answers ---------------------------------------------------------------

Deno.test("the fake's account reads answer what the client refuses with Binance's codes", async () => {
  await using s = await setup();
  const raw = (method: string, params: Record<string, unknown>) =>
    s.conn.request(method, params, { security: "USER_DATA" });
  const t = Date.now();
  const cases: [string, Record<string, unknown>, number][] = [
    ["myPreventedMatches", { symbol }, -1102],
    ["myPreventedMatches", { symbol, orderId: 1, preventedMatchId: 1 }, -1128],
    ["myPreventedMatches", { symbol, preventedMatchId: 1, fromPreventedMatchId: 1 }, -1128],
    ["myPreventedMatches", { symbol, orderId: 1, limit: 5 }, -1128],
    ["myPreventedMatches", { symbol, orderId: 1, fromPreventedMatchId: 1, limit: 1001 }, -1130],
    ["myPreventedMatches", { symbol: "NOPE", orderId: 1 }, -1121],
    ["myAllocations", { symbol, startTime: t - DAY - 1, endTime: t }, -1127],
    ["myAllocations", { symbol, fromAllocationId: 1, startTime: t }, -1128],
    ["myAllocations", { symbol, orderId: 1, endTime: t }, -1128],
    ["myAllocations", { symbol, limit: 0 }, -1130],
    ["order.amendments", { symbol }, -1102],
    ["order.amendments", { symbol, orderId: 1, limit: 1001 }, -1130],
    ["account.commission", {}, -1102],
    ["myFilters", { symbol, orderId: 1 }, -1103],
  ];
  for (const [method, params, code] of cases) {
    await rejectsWithCode(raw(method, params), code).catch((e: Error) => {
      throw new Error(`${method} ${JSON.stringify(params)}: ${e.message}`);
    });
  }
  // Exactly 24 hours is accepted.
  assert.deepEqual(await raw("myAllocations", { symbol, startTime: t - DAY, endTime: t }), []);
});
