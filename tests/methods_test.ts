// The 19 methods against the fake exchange: results, weights, validation.
import assert from "node:assert/strict";
import * as spot from "../mod.ts";
import { startFakeBinance } from "../testing/mod.ts";

type Call = (conn: spot.WsApiConnection) => Promise<unknown>;

async function withConn(fn: (conn: spot.WsApiConnection) => Promise<void>): Promise<void> {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectWsApi({ url: fake.wsApiUrl });
  await fn(conn);
}

function weightCount(conn: spot.WsApiConnection): number {
  return conn.rateLimits.find((l) => l.rateLimitType === "REQUEST_WEIGHT")?.count ?? 0;
}

/** [method, info, params, call]: the client's declared weight must equal what the exchange charged. */
const weighed: [string, spot.WsApiMethodInfo<never>, unknown, Call][] = [
  ["ping", spot.pingInfo as never, {}, (c) => spot.ping(c)],
  ["time", spot.timeInfo as never, {}, (c) => spot.time(c)],
  ["exchangeInfo", spot.exchangeInfoInfo as never, {}, (c) => spot.exchangeInfo(c)],
  [
    "executionRules symbol",
    spot.executionRulesInfo as never,
    { symbol: "BTCUSDT" },
    (c) => spot.executionRules(c, { symbol: "BTCUSDT" }),
  ],
  [
    "executionRules symbols",
    spot.executionRulesInfo as never,
    { symbols: ["BTCUSDT", "BNBBTC"] },
    (c) => spot.executionRules(c, { symbols: ["BTCUSDT", "BNBBTC"] }),
  ],
  ["executionRules all", spot.executionRulesInfo as never, {}, (c) => spot.executionRules(c)],
  [
    "depth 100",
    spot.depthInfo as never,
    { symbol: "BTCUSDT" },
    (c) => spot.depth(c, { symbol: "BTCUSDT" }),
  ],
  [
    "depth 101",
    spot.depthInfo as never,
    { symbol: "BTCUSDT", limit: 101 },
    (c) => spot.depth(c, { symbol: "BTCUSDT", limit: 101 }),
  ],
  [
    "depth 1000",
    spot.depthInfo as never,
    { symbol: "BTCUSDT", limit: 1000 },
    (c) => spot.depth(c, { symbol: "BTCUSDT", limit: 1000 }),
  ],
  [
    "depth 1001",
    spot.depthInfo as never,
    { symbol: "BTCUSDT", limit: 1001 },
    (c) => spot.depth(c, { symbol: "BTCUSDT", limit: 1001 }),
  ],
  [
    "trades.recent",
    spot.tradesRecentInfo as never,
    {},
    (c) => spot.tradesRecent(c, { symbol: "BTCUSDT" }),
  ],
  [
    "trades.historical",
    spot.tradesHistoricalInfo as never,
    {},
    (c) => spot.tradesHistorical(c, { symbol: "BTCUSDT" }),
  ],
  [
    "blockTrades.historical",
    spot.blockTradesHistoricalInfo as never,
    {},
    (c) => spot.blockTradesHistorical(c, { symbol: "BTCUSDT", fromId: 0 }),
  ],
  [
    "trades.aggregate",
    spot.tradesAggregateInfo as never,
    {},
    (c) => spot.tradesAggregate(c, { symbol: "BTCUSDT" }),
  ],
  [
    "klines",
    spot.klinesInfo as never,
    {},
    (c) => spot.klines(c, { symbol: "BTCUSDT", interval: "1m" }),
  ],
  [
    "uiKlines",
    spot.uiKlinesInfo as never,
    {},
    (c) => spot.uiKlines(c, { symbol: "BTCUSDT", interval: "1M" }),
  ],
  ["avgPrice", spot.avgPriceInfo as never, {}, (c) => spot.avgPrice(c, { symbol: "BTCUSDT" })],
  [
    "ticker.24hr symbol",
    spot.ticker24hrInfo as never,
    { symbol: "BTCUSDT" },
    (c) => spot.ticker24hr(c, { symbol: "BTCUSDT" }),
  ],
  ["ticker.24hr all", spot.ticker24hrInfo as never, {}, (c) => spot.ticker24hr(c)],
  [
    "ticker.tradingDay symbols",
    spot.tickerTradingDayInfo as never,
    { symbols: ["BTCUSDT", "ETHUSDT", "BNBBTC"] },
    (c) => spot.tickerTradingDay(c, { symbols: ["BTCUSDT", "ETHUSDT", "BNBBTC"] }),
  ],
  [
    "ticker symbol",
    spot.tickerInfo as never,
    { symbol: "BTCUSDT" },
    (c) => spot.ticker(c, { symbol: "BTCUSDT" }),
  ],
  ["ticker.price all", spot.tickerPriceInfo as never, {}, (c) => spot.tickerPrice(c)],
  [
    "ticker.book symbol",
    spot.tickerBookInfo as never,
    { symbol: "BTCUSDT" },
    (c) => spot.tickerBook(c, { symbol: "BTCUSDT" }),
  ],
  [
    "referencePrice",
    spot.referencePriceInfo as never,
    {},
    (c) => spot.referencePrice(c, { symbol: "BTCUSDT" }),
  ],
  [
    "referencePrice.calculation",
    spot.referencePriceCalculationInfo as never,
    {},
    (c) => spot.referencePriceCalculation(c, { symbol: "BTCUSDT" }),
  ],
];

Deno.test("each method's declared weight equals what the (independent) fake exchange charges", async () => {
  await withConn(async (conn) => {
    await spot.ping(conn);
    for (const [name, info, params, call] of weighed) {
      const before = weightCount(conn);
      await call(conn);
      assert.equal(weightCount(conn) - before, info.weight(params as never), name);
    }
  });
});

Deno.test("conditional weights follow the documented boundaries", () => {
  const n = (k: number) => Array.from({ length: k }, (_, i) => `S${i}`);
  assert.deepEqual(
    [1, 100, 101, 500, 501, 1000, 1001, 5000].map((limit) =>
      spot.depthInfo.weight({ symbol: "X", limit })
    ),
    [5, 5, 25, 25, 50, 50, 250, 250],
  );
  assert.deepEqual(
    [undefined, 1, 20, 21, 100, 101].map((k) =>
      spot.ticker24hrInfo.weight(k === undefined ? {} : { symbols: n(k) })
    ),
    [80, 2, 2, 40, 40, 80],
  );
  assert.equal(spot.ticker24hrInfo.weight({ symbol: "X" }), 2);
  for (const info of [spot.tickerInfo, spot.tickerTradingDayInfo]) {
    assert.deepEqual([1, 2, 50, 51, 100].map((k) => info.weight({ symbols: n(k) })), [
      4,
      8,
      200,
      200,
      200,
    ]);
    assert.equal(info.weight({ symbol: "X" }), 4);
  }
  assert.deepEqual(
    [{ symbol: "X" }, { symbols: n(3) }, { symbols: n(30) }, {}, { symbolStatus: "HALT" as const }]
      .map((p) => spot.executionRulesInfo.weight(p)),
    [2, 6, 40, 40, 40],
  );
  assert.deepEqual(
    [{ symbol: "X" }, { symbols: n(2) }, {}].map((p) => spot.tickerBookInfo.weight(p)),
    [2, 4, 4],
  );
});

Deno.test("every method declares security NONE and its data source", () => {
  const infos = Object.values(spot).filter((v): v is spot.WsApiMethodInfo<unknown> =>
    typeof v === "object" && v !== null && "weightRule" in v
  );
  assert.equal(infos.length, 19);
  for (const info of infos) {
    assert.equal(info.security, "NONE", info.method);
    assert.ok(["Memory", "Database"].includes(info.dataSource), info.method);
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
    await assert.rejects(
      spot.referencePrice(conn, { symbol: "BNBBTC" }),
      (e: unknown) => e instanceof spot.BinanceApiError && e.code === -2043,
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
