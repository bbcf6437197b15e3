// The 19 methods against the fake exchange: results, weights, validation.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { outsideMinuteBoundary } from "../_helpers.ts";

type Call = (conn: spot.WsApiConnection) => Promise<unknown>;

async function withConn(fn: (conn: spot.WsApiConnection) => Promise<void>): Promise<void> {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectWsApi({ url: fake.wsApiUrl });
  await fn(conn);
}

function weightCount(conn: spot.WsApiConnection): number {
  return conn.rateLimits.find((l) => l.rateLimitType === "REQUEST_WEIGHT")?.count ?? 0;
}

/** One row of the weight table: a call, and the weight the client declares for its params. */
interface Weighed {
  name: string;
  declared(): number;
  call(conn: spot.WsApiConnection): Promise<unknown>;
}

/** A row whose call and declared weight take the same `params`, by construction. */
function weighed<P>(
  name: string,
  info: spot.WsApiMethodInfo<P>,
  method: (conn: spot.WsApiConnection, params: P) => Promise<unknown>,
  params: P,
): Weighed {
  return { name, declared: () => info.weight(params), call: (conn) => method(conn, params) };
}

const symbol = "BTCUSDT";
const three = ["BTCUSDT", "ETHUSDT", "BNBBTC"];
/** The client's declared weight must equal what the (independent) fake exchange charged. */
const weightTable: Weighed[] = [
  weighed("ping", spot.pingInfo, spot.ping, {}),
  weighed("time", spot.timeInfo, spot.time, {}),
  weighed("exchangeInfo", spot.exchangeInfoInfo, spot.exchangeInfo, {}),
  weighed("executionRules symbol", spot.executionRulesInfo, spot.executionRules, { symbol }),
  weighed("executionRules symbols", spot.executionRulesInfo, spot.executionRules, {
    symbols: ["BTCUSDT", "BNBBTC"],
  }),
  weighed("executionRules symbolStatus", spot.executionRulesInfo, spot.executionRules, {
    symbolStatus: "HALT",
  }),
  weighed("executionRules all", spot.executionRulesInfo, spot.executionRules, {}),
  weighed("depth 100", spot.depthInfo, spot.depth, { symbol }),
  weighed("depth 101", spot.depthInfo, spot.depth, { symbol, limit: 101 }),
  weighed("depth 500", spot.depthInfo, spot.depth, { symbol, limit: 500 }),
  weighed("depth 501", spot.depthInfo, spot.depth, { symbol, limit: 501 }),
  weighed("depth 1000", spot.depthInfo, spot.depth, { symbol, limit: 1000 }),
  weighed("depth 1001", spot.depthInfo, spot.depth, { symbol, limit: 1001 }),
  weighed("trades.recent", spot.tradesRecentInfo, spot.tradesRecent, { symbol }),
  weighed("trades.historical", spot.tradesHistoricalInfo, spot.tradesHistorical, { symbol }),
  weighed(
    "blockTrades.historical",
    spot.blockTradesHistoricalInfo,
    spot.blockTradesHistorical,
    { symbol, fromId: 0 },
  ),
  weighed("trades.aggregate", spot.tradesAggregateInfo, spot.tradesAggregate, { symbol }),
  weighed("klines", spot.klinesInfo, spot.klines, { symbol, interval: "1m" }),
  weighed("uiKlines", spot.uiKlinesInfo, spot.uiKlines, { symbol, interval: "1M" }),
  weighed("avgPrice", spot.avgPriceInfo, spot.avgPrice, { symbol }),
  weighed("ticker.24hr symbol", spot.ticker24hrInfo, spot.ticker24hr, { symbol }),
  weighed("ticker.24hr symbols", spot.ticker24hrInfo, spot.ticker24hr, { symbols: three }),
  weighed("ticker.24hr all", spot.ticker24hrInfo, spot.ticker24hr, {}),
  weighed("ticker.tradingDay symbol", spot.tickerTradingDayInfo, spot.tickerTradingDay, {
    symbol,
  }),
  weighed("ticker.tradingDay symbols", spot.tickerTradingDayInfo, spot.tickerTradingDay, {
    symbols: three,
  }),
  weighed("ticker symbol", spot.tickerInfo, spot.ticker, { symbol }),
  weighed("ticker symbols", spot.tickerInfo, spot.ticker, { symbols: three, type: "MINI" }),
  weighed("ticker.price symbol", spot.tickerPriceInfo, spot.tickerPrice, { symbol }),
  weighed("ticker.price symbols", spot.tickerPriceInfo, spot.tickerPrice, { symbols: three }),
  weighed("ticker.price all", spot.tickerPriceInfo, spot.tickerPrice, {}),
  weighed("ticker.book symbol", spot.tickerBookInfo, spot.tickerBook, { symbol }),
  weighed("ticker.book all", spot.tickerBookInfo, spot.tickerBook, {}),
  weighed("referencePrice", spot.referencePriceInfo, spot.referencePrice, { symbol }),
  weighed(
    "referencePrice.calculation",
    spot.referencePriceCalculationInfo,
    spot.referencePriceCalculation,
    { symbol },
  ),
];

Deno.test("each method's declared weight equals what the (independent) fake exchange charges", async () => {
  // Counts compared across calls: a REQUEST_WEIGHT window rolling over in between resets them.
  await outsideMinuteBoundary();
  await withConn(async (conn) => {
    await spot.ping(conn);
    for (const row of weightTable) {
      const before = weightCount(conn);
      await row.call(conn);
      assert.equal(weightCount(conn) - before, row.declared(), row.name);
    }
  });
});

Deno.test("every method declares its security type and data source", () => {
  const infos = Object.values(spot).filter((v): v is spot.WsApiMethodInfo<unknown> =>
    typeof v === "object" && v !== null && "weightRule" in v
  );
  // 40, reads-b's 5 and reads-a's 6 account reads, and the 4 User Data Stream methods.
  assert.equal(infos.length, 55);
  const open = infos.filter((i) => i.security === "NONE");
  assert.equal(
    open.length,
    23,
    "the 19 public methods, session.status, session.logout, session.subscriptions and " +
      "userDataStream.unsubscribe",
  );
  for (const info of open) assert.ok(["Memory", "Database"].includes(info.dataSource), info.method);
  // The 15 trading methods are TRADE; order.status, orderList.status, account.status,
  // session.logon and the 6 account reads of issue 11 USER_DATA.
  const signed = infos.filter((i) => i.security !== "NONE");
  assert.deepEqual(
    signed.filter((i) => i.security === "USER_DATA").map((i) => i.method).sort(),
    [
      "account.commission",
      "account.rateLimits.orders",
      "account.status",
      "allOrderLists",
      "allOrders",
      "myAllocations",
      "myFilters",
      "myPreventedMatches",
      "myTrades",
      "openOrderLists.status",
      "openOrders.status",
      "order.amendments",
      "order.status",
      "orderList.status",
      "session.logon",
    ],
  );
  assert.equal(signed.filter((i) => i.security === "TRADE").length, 15);
  for (const info of signed) {
    assert.ok(
      ["Memory", "Database", "Matching Engine", "Memory => Database"].includes(info.dataSource),
      info.method,
    );
  }
});

const invalid: [string, Call, RegExp][] = [
  ["ping with a param", (c) => spot.ping(c, { x: 1 } as never), /"x" is not a parameter/],
  [
    "exchangeInfo symbol+permissions",
    (c) => spot.exchangeInfo(c, { symbol: "BTCUSDT", permissions: "SPOT" }),
    /"symbol" and "permissions" cannot be sent together/,
  ],
  [
    "exchangeInfo symbolStatus with symbol",
    (c) => spot.exchangeInfo(c, { symbol: "BTCUSDT", symbolStatus: "TRADING" }),
    /"symbolStatus" cannot be sent with "symbol"/,
  ],
  [
    "executionRules two filters",
    (c) => spot.executionRules(c, { symbol: "BTCUSDT", symbolStatus: "HALT" }),
    /cannot be sent together/,
  ],
  [
    "trades.recent limit 1001",
    (c) => spot.tradesRecent(c, { symbol: "BTCUSDT", limit: 1001 }),
    /"limit" must be at most 1000/,
  ],
  [
    "trades.recent limit 0",
    (c) => spot.tradesRecent(c, { symbol: "BTCUSDT", limit: 0 }),
    /"limit" must be at least 1/,
  ],
  [
    "trades.historical negative fromId",
    (c) => spot.tradesHistorical(c, { symbol: "BTCUSDT", fromId: -1 }),
    /"fromId"/,
  ],
  [
    "blockTrades.historical without fromId",
    (c) => spot.blockTradesHistorical(c, { symbol: "BTCUSDT" } as never),
    /"fromId" is required/,
  ],
  [
    "trades.aggregate fromId with startTime",
    (c) => spot.tradesAggregate(c, { symbol: "BTCUSDT", fromId: 1, startTime: 1 }),
    /"fromId" cannot be sent with "startTime"/,
  ],
  [
    "klines start after end",
    (c) => spot.klines(c, { symbol: "BTCUSDT", interval: "1m", startTime: 2, endTime: 1 }),
    /"startTime" must not be after "endTime"/,
  ],
  [
    "klines bad interval",
    (c) => spot.klines(c, { symbol: "BTCUSDT", interval: "1H" as "1h" }),
    /"interval" must be "1s", "1m", .* "1w" or "1M"$/,
  ],
  [
    "uiKlines bad timeZone",
    (c) => spot.uiKlines(c, { symbol: "BTCUSDT", interval: "1h", timeZone: "+15:00" }),
    /"timeZone"/,
  ],
  [
    "avgPrice symbols",
    (c) => spot.avgPrice(c, { symbols: ["BTCUSDT"] } as never),
    /"symbols" is not a parameter/,
  ],
  [
    "ticker.24hr bad type",
    (c) => spot.ticker24hr(c, { symbol: "BTCUSDT", type: "SMALL" as "MINI" }),
    /"type" must be "FULL" or "MINI"$/,
  ],
  [
    "ticker.tradingDay neither",
    (c) => spot.tickerTradingDay(c, {} as never),
    /one of "symbol" or "symbols" is required/,
  ],
  [
    "ticker bad windowSize",
    (c) => spot.ticker(c, { symbol: "BTCUSDT", windowSize: "1h30m" }),
    /"windowSize" must be 1m–59m/,
  ],
  ["ticker 60m", (c) => spot.ticker(c, { symbol: "BTCUSDT", windowSize: "60m" }), /"windowSize"/],
  [
    "ticker 201 symbols",
    (c) => spot.ticker(c, { symbols: Array.from({ length: 201 }, (_, i) => `S${i}`) }),
    /at most 200 symbols/,
  ],
  [
    "ticker.book duplicate symbols",
    (c) => spot.tickerBook(c, { symbols: ["BTCUSDT", "BTCUSDT"] }),
    /must not repeat/,
  ],
  [
    "ticker.price empty symbols",
    (c) => spot.tickerPrice(c, { symbols: [] }),
    /at least one symbol/,
  ],
  [
    "referencePrice missing symbol",
    (c) => spot.referencePrice(c, {} as never),
    /"symbol" is required/,
  ],
  [
    "referencePrice.calculation bad status",
    (c) => spot.referencePriceCalculation(c, { symbol: "BTCUSDT", symbolStatus: "OPEN" as "HALT" }),
    /"symbolStatus" must be "TRADING", "HALT" or "BREAK"$/,
  ],
  ["depth symbol with a space", (c) => spot.depth(c, { symbol: "BTC USDT" }), /"symbol"/],
  [
    "depth limit of the wrong type",
    (c) => spot.depth(c, { symbol: "BTCUSDT", limit: "5" as unknown as number }),
    /"limit" must be a number/,
  ],
];

Deno.test("invalid params of every method throw ValidationError and send nothing", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectWsApi({ url: fake.wsApiUrl });
  for (const [name, call, message] of invalid) {
    await assert.rejects(call(conn), (e: unknown) => {
      assert.ok(e instanceof spot.ValidationError, `${name}: ${e}`);
      assert.match(e.message, message, name);
      return true;
    });
  }
  assert.equal(fake.received.length, 0);
  assert.deepEqual(await spot.ping(conn), {});
});

Deno.test("results follow symbol/symbols and FULL/MINI", async () => {
  await withConn(async (conn) => {
    const one = await spot.ticker24hr(conn, { symbol: "BTCUSDT" });
    assert.ok(!Array.isArray(one) && "prevClosePrice" in one);
    const mini = await spot.ticker24hr(conn, { symbol: "BTCUSDT", type: "MINI" });
    assert.ok(!("priceChange" in mini));
    const all = await spot.ticker24hr(conn);
    assert.deepEqual(
      all.map((t) => t.symbol),
      ["BTCUSDT", "ETHUSDT", "BNBBTC"],
      "all = trading symbols",
    );
    const window = await spot.ticker(conn, {
      symbols: ["BTCUSDT", "ETHUSDT"],
      type: "MINI",
      windowSize: "15m",
    });
    assert.equal(window.length, 2);
    const books = await spot.tickerBook(conn);
    assert.ok(books.length >= 3);
    const rules = await spot.executionRules(conn, { symbolStatus: "HALT" });
    assert.deepEqual(rules.symbolRules.map((r) => r.symbol), ["LTCBTC"]);
  });
});

Deno.test("trades page by fromId with no gap and no overlap", async () => {
  await withConn(async (conn) => {
    const first = await spot.tradesHistorical(conn, {
      symbol: "ETHUSDT",
      fromId: 100_000,
      limit: 50,
    });
    const next = await spot.tradesHistorical(conn, {
      symbol: "ETHUSDT",
      fromId: first.at(-1)!.id + 1,
      limit: 50,
    });
    const ids = [...first, ...next].map((t) => t.id);
    assert.deepEqual(ids, Array.from({ length: 100 }, (_, i) => 100_000 + i));
  });
});

Deno.test("the fake exchange's documented errors reach the caller typed", async () => {
  await withConn(async (conn) => {
    // Answered with status 200 and the error in `result`, as documented: still an error.
    await assert.rejects(
      spot.referencePrice(conn, { symbol: "BNBBTC" }),
      (e: unknown) => e instanceof spot.BinanceApiError && e.code === -2043 && e.status === 200,
    );
    await assert.rejects(
      spot.referencePriceCalculation(conn, { symbol: "BNBBTC" }),
      (e: unknown) => e instanceof spot.BinanceApiError && e.code === -2043 && e.status === 400,
    );
    await assert.rejects(
      spot.depth(conn, { symbol: "BTCUSDT", symbolStatus: "HALT" }),
      (e: unknown) => e instanceof spot.BinanceApiError && e.code === -1220,
    );
  });
});

Deno.test("klines are consecutive and sized as asked", async () => {
  await withConn(async (conn) => {
    const k = await spot.klines(conn, { symbol: "BTCUSDT", interval: "15m", limit: 10 });
    assert.equal(k.length, 10);
    for (let i = 1; i < k.length; i++) assert.equal(k[i].openTime - k[i - 1].openTime, 900_000);
    assert.equal(k[0].closeTime, k[0].openTime + 900_000 - 1);
  });
});

Deno.test("timeUnit MICROSECOND gives µs times and keeps the clock offset in ms", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectWsApi({ url: fake.wsApiUrl, timeUnit: "MICROSECOND" });
  assert.match(conn.url, /timeUnit=MICROSECOND/);
  const { serverTime } = await spot.time(conn);
  assert.ok(serverTime > Date.now() * 999);
  const offset = await conn.syncClock();
  assert.ok(Math.abs(offset) < 1000, `offset ${offset}`);
});
