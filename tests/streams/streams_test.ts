// Market streams against the fake exchange: subscriptions, continuity, sharding, pacing,
// backpressure and validation.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { type FakeBinance, startFakeBinance } from "../../testing/mod.ts";
import { collect, record, waitFor } from "../_helpers.ts";

/** The most control messages any connection sent within one second. */
function maxPerSecond(fake: FakeBinance): number {
  const byConn = new Map<number, number[]>();
  for (const f of fake.streams.received) {
    const list = byConn.get(f.connectionId) ?? [];
    list.push(f.at);
    byConn.set(f.connectionId, list);
  }
  let max = 0;
  for (const times of byConn.values()) {
    for (let i = 0; i < times.length; i++) {
      let n = 0;
      for (let j = i; j < times.length && times[j] - times[i] < 1000; j++) n++;
      max = Math.max(max, n);
    }
  }
  return max;
}

function assertContiguous(ids: number[], what: string): void {
  for (let i = 1; i < ids.length; i++) {
    assert.equal(ids[i], ids[i - 1] + 1, `${what}: ${ids[i - 1]} is followed by ${ids[i]}`);
  }
}

Deno.test("every stream kind delivers its typed model, symbols in either case", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  const subs = await Promise.all([
    spot.tradeStream(conn, { symbol: "btcusdt" }),
    spot.aggTradeStream(conn, { symbol: "BTCUSDT" }),
    spot.blockTradeStream(conn, { symbol: "BTCUSDT" }),
    spot.klineStream(conn, { symbol: "BTCUSDT", interval: "1m" }),
    spot.klineStream(conn, { symbol: "BTCUSDT", interval: "1m", timeZone: "+08:00" }),
    spot.miniTickerStream(conn, { symbol: "BTCUSDT" }),
    spot.allMiniTickersStream(conn),
    spot.tickerStream(conn, { symbol: "BTCUSDT" }),
    spot.rollingWindowTickerStream(conn, { symbol: "BTCUSDT", windowSize: "4h" }),
    spot.allRollingWindowTickersStream(conn, { windowSize: "1d" }),
    spot.bookTickerStream(conn, { symbol: "BTCUSDT" }),
    spot.avgPriceStream(conn, { symbol: "BTCUSDT" }),
    spot.referencePriceStream(conn, { symbol: "BTCUSDT" }),
    spot.partialDepthStream(conn, { symbol: "BTCUSDT", levels: 10, speed: "100ms" }),
    spot.diffDepthStream(conn, { symbol: "BTCUSDT", speed: "100ms" }),
  ] as Promise<spot.Subscription<unknown>>[]);
  assert.deepEqual(subs.map((s) => s.stream), [
    "btcusdt@trade",
    "btcusdt@aggTrade",
    "btcusdt@blockTrade",
    "btcusdt@kline_1m",
    "btcusdt@kline_1m@+08:00",
    "btcusdt@miniTicker",
    "!miniTicker@arr",
    "btcusdt@ticker",
    "btcusdt@ticker_4h",
    "!ticker_1d@arr",
    "btcusdt@bookTicker",
    "btcusdt@avgPrice",
    "btcusdt@referencePrice",
    "btcusdt@depth10@100ms",
    "btcusdt@depth@100ms",
  ]);
  const seen = subs.map((s) => collect(s));
  fake.market.advance(10);
  await waitFor("one update of every stream", () => seen.every((l) => l.length > 0));
  const [
    trade,
    agg,
    block,
    kline,
    kline8,
    mini,
    minis,
    ticker,
    win,
    wins,
    book,
    avg,
    ref,
    part,
    diff,
  ] = seen.map((l) => l[0]) as [
    spot.TradeEvent,
    spot.AggTradeEvent,
    spot.BlockTradeEvent,
    spot.KlineEvent,
    spot.KlineEvent,
    spot.MiniTickerEvent,
    spot.MiniTickerEvent[],
    spot.TickerEvent,
    spot.RollingWindowTickerEvent,
    spot.RollingWindowTickerEvent[],
    spot.BookTickerEvent,
    spot.AvgPriceEvent,
    spot.ReferencePriceEvent,
    spot.PartialDepthEvent,
    spot.DiffDepthEvent,
  ];
  assert.equal(trade.symbol, "BTCUSDT");
  assert.match(trade.price, /^\d+\.\d{8}$/);
  assert.equal(agg.firstTradeId, trade.tradeId);
  assert.equal(block.tradeTime > 0, true);
  assert.equal(kline.kline.interval, "1m");
  assert.notEqual(kline.kline.openTime, kline8.kline.openTime + 1); // both are valid klines
  assert.equal(mini.symbol, "BTCUSDT");
  assert.ok(minis.some((m) => m.symbol === "ETHUSDT"));
  assert.equal(typeof ticker.bidPrice, "string");
  assert.equal(win.eventType, "4hTicker");
  assert.ok(wins.every((w) => w.eventType === "1dTicker"));
  assert.equal(book.symbol, "BTCUSDT");
  assert.equal(avg.interval, "5m");
  assert.match(ref.referencePrice!, /^\d+\.\d{8}$/);
  assert.equal(part.bids.length, 10);
  assert.equal(diff.finalUpdateId - diff.firstUpdateId, 9, "one diff event spans the 10 steps");
  assert.equal(trade.raw.e, "trade", "the raw payload is kept");
  const truth = fake.market.orderBook("BTCUSDT", 10);
  const lastPart = seen[13].at(-1) as spot.PartialDepthEvent;
  assert.deepEqual(
    { lastUpdateId: lastPart.lastUpdateId, bids: lastPart.bids, asks: lastPart.asks },
    truth,
  );
});

Deno.test("for await delivers in order; breaking out unsubscribes", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  const sub = await spot.aggTradeStream(conn, { symbol: "ETHUSDT" });
  fake.market.advance(5);
  const ids: number[] = [];
  for await (const t of sub) {
    ids.push(t.aggTradeId);
    if (ids.length === 5) break;
  }
  assertContiguous(ids, "aggTrade");
  assert.equal(sub.active, false);
  await waitFor("the UNSUBSCRIBE", () => fake.streams.subscriptions()[0]?.length === 0);
  assert.deepEqual(conn.streams, []);
});

Deno.test("two subscriptions of one stream share one server subscription", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  const a = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  const b = await spot.tradeStream(conn, { symbol: "btcusdt" });
  const ta = collect(a);
  const tb = collect(b);
  fake.market.advance(3);
  await waitFor("both", () => ta.length === 3 && tb.length === 3);
  await a.unsubscribe();
  assert.deepEqual(await conn.listSubscriptions(), ["btcusdt@trade"], "b still needs it");
  await b.unsubscribe();
  assert.deepEqual(await conn.listSubscriptions(), []);
});

Deno.test("after a dropped connection every stream is resubscribed; contiguous ids prove no gap", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    reconnect: { initialDelayMs: 20 },
  });
  const resubscribed = record(conn, "resubscribed");
  const gaps = record(conn, "gap");
  const trades = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  const tickers = await spot.tickerStream(conn, { symbol: "BTCUSDT" });
  const depth = await spot.diffDepthStream(conn, { symbol: "ETHUSDT" });
  const tradeList = collect(trades);
  collect(tickers);
  collect(depth);
  fake.market.advance(3);
  await waitFor("3 trades", () => tradeList.length === 3);
  fake.streams.drop();
  await waitFor("the resubscription", () => resubscribed.length === 1);
  assert.deepEqual(resubscribed[0].streams, 3);
  assert.deepEqual(
    fake.streams.subscriptions()[0].sort(),
    ["btcusdt@ticker", "btcusdt@trade", "ethusdt@depth"],
  );
  fake.market.advance(3);
  await waitFor("6 trades", () => tradeList.length === 6);
  assertContiguous(tradeList.map((t) => t.tradeId), "trade");
  // Nothing moved while down: trades and depth prove it; the ticker cannot, so it says so.
  assert.deepEqual(gaps.map((g) => [g.stream, g.reason]), [["btcusdt@ticker", "reconnect"]]);
});

Deno.test("updates missed while reconnecting give a gap event with the missing range", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    reconnect: { initialDelayMs: 200, jitter: false },
  });
  const trades = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  const gaps: spot.StreamGap[] = [];
  trades.on("gap", (g) => gaps.push(g));
  const list = collect(trades);
  fake.market.advance(2);
  await waitFor("2 trades", () => list.length === 2);
  const closed = new Promise((r) => conn.on("close", r));
  fake.streams.drop();
  await closed;
  fake.market.advance(4); // while the client is away
  const resubscribed = new Promise((r) => conn.on("resubscribed", r));
  await resubscribed;
  fake.market.advance(1);
  await waitFor("the next trade", () => list.length === 3);
  assert.equal(gaps.length, 1);
  assert.deepEqual(gaps[0], {
    stream: "btcusdt@trade",
    reason: "reconnect",
    lastSequence: list[1].tradeId,
    nextSequence: list[1].tradeId + 5,
    missed: 4,
  });
});

Deno.test("an injected gap gives a gap event; an injected duplicate is removed and counted", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  const trades = await spot.tradeStream(conn, { symbol: "BNBBTC" });
  const gaps: spot.StreamGap[] = [];
  trades.on("gap", (g) => gaps.push(g));
  const list = collect(trades);
  fake.market.advance(1);
  fake.streams.skipNext("bnbbtc@trade");
  fake.market.advance(1);
  fake.streams.duplicateNext("bnbbtc@trade");
  fake.market.advance(2);
  await waitFor("3 trades", () => list.length === 3);
  const first = list[0].tradeId;
  assert.deepEqual(list.map((t) => t.tradeId), [first, first + 2, first + 3]);
  assert.deepEqual(gaps, [{
    stream: "bnbbtc@trade",
    reason: "sequence",
    lastSequence: first,
    nextSequence: first + 2,
    missed: 1,
  }]);
  assert.equal(trades.stats.duplicates, 1);
  assert.equal(trades.stats.gaps, 1);
});

async function pump(fake: FakeBinance, updates: number, symbols: string[]): Promise<void> {
  for (let i = 0; i < updates; i++) {
    fake.market.advance(1, symbols);
    if (i % 20 === 19) await new Promise((r) => setTimeout(r, 1));
  }
}

Deno.test("rotation under the lifetime cap, during thousands of updates, delivers each update exactly once", async () => {
  await using fake = await startFakeBinance({ connectionLifetimeMs: 400 });
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    renewAfterMs: 150,
    reconnect: { initialDelayMs: 10 },
  });
  const rotated = record(conn, "rotated");
  const closes = record(conn, "close");
  const gaps = record(conn, "gap");
  const tradeSub = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  const trades = collect(tradeSub);
  const diffs = collect(await spot.diffDepthStream(conn, { symbol: "BTCUSDT", speed: "100ms" }));
  const books = collect(await spot.bookTickerStream(conn, { symbol: "BTCUSDT" }));
  await pump(fake, 4000, ["BTCUSDT"]);
  const lastId = fake.market.orderBook("BTCUSDT").lastUpdateId;
  await waitFor("every update", () => diffs.at(-1)?.finalUpdateId === lastId);
  await waitFor("every trade", () => trades.length === 4000);
  assert.ok(rotated.length >= 3, `rotated ${rotated.length} times`);
  assert.ok(tradeSub.stats.duplicates > 0, "the sockets overlapped; duplicates were removed");
  assert.deepEqual(closes.filter((c) => c.reason !== "rotated"), [], "no socket died");
  assert.deepEqual(gaps, []);
  assertContiguous(trades.map((t) => t.tradeId), "trade");
  assert.equal(diffs.length, 4000);
  for (let i = 1; i < diffs.length; i++) {
    assert.equal(diffs[i].firstUpdateId, diffs[i - 1].finalUpdateId + 1);
  }
  assert.equal(books.length, 4000);
  assertContiguous(books.map((b) => b.updateId), "bookTicker");
});

Deno.test("serverShutdown rotates make-before-break with no duplicate and no gap", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  const rotated = record(conn, "rotated");
  const gaps = record(conn, "gap");
  const sub = await spot.aggTradeStream(conn, { symbol: "ETHUSDT" });
  const list = collect(sub);
  const pumping = pump(fake, 1500, ["ETHUSDT"]);
  await new Promise((r) => setTimeout(r, 20));
  fake.sendServerShutdown({ closeAfterMs: 400 });
  await pumping;
  await waitFor("the rotation", () => rotated.length === 1);
  await waitFor("every trade", () => list.length === 1500);
  assert.equal(rotated[0].reason, "serverShutdown");
  assertContiguous(list.map((t) => t.aggTradeId), "aggTrade");
  assert.deepEqual(gaps, []);
  assert.ok(sub.stats.duplicates > 0, "both sockets overlapped and the duplicates were removed");
  assert.equal(conn.sockets, 1);
  await waitFor("the old socket closed", () => fake.streams.openConnections === 1);
});

Deno.test("a serverShutdown on a rotation's new socket rotates again once the rotation ends", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl, maxOverlapMs: 300 });
  const rotated = record(conn, "rotated");
  const closes = record(conn, "close");
  const gaps = record(conn, "gap");
  await spot.aggTradeStream(conn, { symbol: "ETHUSDT" });
  const rotating = conn.rotate();
  await waitFor("the new socket", () => fake.streams.openConnections === 2);
  // Both sockets hear it: the old one is being rotated away already, the new one must go too.
  // (The fake does not close them here: how long a rotation takes depends on the machine.)
  fake.sendServerShutdown();
  await rotating;
  await waitFor("a second rotation", () => rotated.length === 2);
  assert.deepEqual(rotated.map((r) => r.reason), ["manual", "serverShutdown"]);
  await waitFor("one socket left", () => fake.streams.openConnections === 1);
  assert.deepEqual(closes.filter((c) => c.reason !== "rotated"), [], "no socket died");
  assert.deepEqual(gaps, []);
});

Deno.test("3000 streams shard over 3 sockets and pacing never trips 5 messages a second", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  const symbols = Array.from({ length: 3000 }, (_, i) => `S${String(i).padStart(4, "0")}USDT`);
  const subs = await Promise.all(symbols.map((symbol) => spot.tradeStream(conn, { symbol })));
  assert.equal(subs.length, 3000);
  assert.equal(conn.sockets, 3);
  const perSocket = fake.streams.subscriptions().map((s) => s.length).sort((a, b) => b - a);
  assert.deepEqual(perSocket, [1024, 1024, 952]);
  assert.equal(new Set(fake.streams.subscriptions().flat()).size, 3000);
  assert.equal(fake.streams.rateLimitDisconnects, 0);
  assert.ok(maxPerSecond(fake) <= 5);
  // One at a time: each is its own message, paced at 4 a second.
  const started = Date.now();
  for (const symbol of ["BTCUSDT", "ETHUSDT", "BNBBTC", "LTCBTC", "XRPUSDT", "ADAUSDT"]) {
    await spot.bookTickerStream(conn, { symbol });
  }
  assert.ok(Date.now() - started >= 1000, "6 sequential subscriptions take over a second");
  assert.equal(fake.streams.rateLimitDisconnects, 0);
  assert.ok(maxPerSecond(fake) <= 4, `at most 4 a second, saw ${maxPerSecond(fake)}`);
});

Deno.test("the fake disconnects a client that sends over 5 messages a second (code 1008)", async () => {
  await using fake = await startFakeBinance();
  const ws = new WebSocket(fake.streams.rawUrl);
  await new Promise((r) => (ws.onopen = r));
  const closed = new Promise<CloseEvent>((r) => (ws.onclose = r));
  for (let i = 1; i <= 6; i++) ws.send(JSON.stringify({ method: "LIST_SUBSCRIPTIONS", id: i }));
  const ev = await closed;
  assert.equal(ev.code, 1008);
  assert.equal(fake.streams.rateLimitDisconnects, 1);
});

Deno.test("a slow consumer meets the overflow policy, visible in the counters", async (t) => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  const connGaps = record(conn, "gap");

  await t.step("dropOldest keeps the newest and emits one gap", async () => {
    const sub = await spot.tradeStream(conn, { symbol: "BTCUSDT" }, { bufferSize: 10 });
    const gaps: spot.StreamGap[] = [];
    sub.on("gap", (g) => gaps.push(g));
    fake.market.advance(50, ["BTCUSDT"]);
    await waitFor("50 received", () => sub.stats.received === 50);
    assert.equal(sub.stats.dropped, 40);
    assert.equal(sub.stats.buffered, 10);
    assert.equal(sub.stats.highWaterMark, 10);
    assert.deepEqual(gaps.map((g) => [g.reason, g.dropped]), [["overflow", 1]]);
    const ids: number[] = [];
    for await (const trade of sub) {
      ids.push(trade.tradeId);
      if (ids.length === 10) break;
    }
    const last = fake.market.orderBook("BTCUSDT").lastUpdateId; // one trade per step
    assert.equal(ids.length, 10);
    assertContiguous(ids, "kept");
    assert.ok(last > 0);
  });

  await t.step("dropNewest keeps the oldest", async () => {
    const sub = await spot.aggTradeStream(conn, { symbol: "ETHUSDT" }, {
      bufferSize: 5,
      overflow: "dropNewest",
    });
    fake.market.advance(8, ["ETHUSDT"]);
    await waitFor("8 received", () => sub.stats.received === 8);
    assert.equal(sub.stats.dropped, 3);
    assert.deepEqual(connGaps.map((g) => [g.stream, g.reason]), [["ethusdt@aggTrade", "overflow"]]);
    const it = sub[Symbol.asyncIterator]();
    const first = (await it.next()).value as spot.AggTradeEvent;
    const second = (await it.next()).value as spot.AggTradeEvent;
    assert.equal(second.aggTradeId, first.aggTradeId + 1);
    await sub.unsubscribe();
  });

  await t.step("error ends the subscription with SlowConsumerError", async () => {
    const sub = await spot.tradeStream(conn, { symbol: "BNBBTC" }, {
      bufferSize: 3,
      overflow: "error",
    });
    fake.market.advance(4, ["BNBBTC"]);
    await waitFor("the end", () => !sub.active);
    await assert.rejects(async () => {
      for await (const _ of sub) { /* nothing is left */ }
    }, spot.SlowConsumerError);
    await waitFor("the UNSUBSCRIBE", () => !conn.streams.includes("bnbbtc@trade"));
  });
});

Deno.test("bad stream parameters throw ValidationError before anything is sent", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  const before = fake.streams.received.length;
  const bad: [string, () => Promise<unknown>, RegExp][] = [
    ["no symbol", () => spot.tradeStream(conn, {} as never), /"symbol" is required/],
    ["symbol with a space", () => spot.aggTradeStream(conn, { symbol: "BTC USDT" }), /"symbol"/],
    ["symbol too long", () => spot.bookTickerStream(conn, { symbol: "X".repeat(21) }), /"symbol"/],
    [
      "interval 1H",
      () => spot.klineStream(conn, { symbol: "BTCUSDT", interval: "1H" as "1h" }),
      /"interval" must be "1s", "1m", .* "1w" or "1M"$/,
    ],
    [
      "time zone +09:00",
      () =>
        spot.klineStream(conn, { symbol: "BTCUSDT", interval: "1m", timeZone: "+09:00" as never }),
      /"timeZone"/,
    ],
    [
      "window 2h",
      () => spot.rollingWindowTickerStream(conn, { symbol: "BTCUSDT", windowSize: "2h" as "1h" }),
      /"windowSize" must be "1h", "4h" or "1d"$/,
    ],
    [
      "all-market window 15m",
      () => spot.allRollingWindowTickersStream(conn, { windowSize: "15m" as "1h" }),
      /"windowSize"/,
    ],
    [
      "levels 15",
      () => spot.partialDepthStream(conn, { symbol: "BTCUSDT", levels: 15 as 5 }),
      /"levels" must be 5, 10 or 20$/,
    ],
    [
      "speed 10ms",
      () => spot.diffDepthStream(conn, { symbol: "BTCUSDT", speed: "10ms" as "100ms" }),
      /"speed" must be "1000ms" or "100ms"$/,
    ],
    [
      "unknown parameter",
      () => spot.tickerStream(conn, { symbol: "BTCUSDT", windowSize: "1h" } as never),
      /"windowSize" is not a parameter/,
    ],
  ];
  for (const [name, call, message] of bad) {
    await assert.rejects(call, (e: unknown) => {
      assert.ok(e instanceof spot.ValidationError, name);
      assert.match(e.message, message, name);
      return true;
    });
  }
  assert.equal(fake.streams.received.length, before, "nothing was sent");
  // The connection is untouched.
  const ok = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  assert.equal(ok.stream, "btcusdt@trade");
});

Deno.test("retired streams are refused with their replacement named", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  const spec = (name: string): spot.StreamSpec<unknown> => ({
    name,
    parse: (raw) => raw,
    order: "snapshot",
    sequence: () => 0,
  });
  await assert.rejects(
    () => conn.subscribe(spec("!ticker@arr")),
    /"!ticker@arr": is retired by Binance; use "!ticker_<window>@arr" \(allRollingWindowTickersStream\)/,
  );
  await assert.rejects(
    () => conn.subscribe(spec("!bookTicker")),
    /is retired by Binance; use "<symbol>@bookTicker" \(bookTickerStream\)/,
  );
  assert.equal(fake.streams.received.length, 0);
});

Deno.test("control errors map to StreamControlError with the documented codes", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  await assert.rejects(() => conn.getProperty("colour"), (e: unknown) => {
    assert.ok(e instanceof spot.StreamControlError);
    assert.equal(e.code, 0);
    assert.equal(e.kind, "unknownProperty");
    return true;
  });
  await assert.rejects(() => conn.setProperty("combined", "yes"), (e: unknown) => {
    assert.ok(e instanceof spot.StreamControlError);
    assert.equal(e.code, 1);
    assert.equal(e.msg, "Invalid value type: expected Boolean");
    return true;
  });
  assert.equal(await conn.getProperty("combined"), true);
  // Switching to raw payloads keeps the subscription flowing: frames are routed by shape.
  const trades = collect(await spot.tradeStream(conn, { symbol: "BTCUSDT" }));
  await conn.setProperty("combined", false);
  assert.equal(await conn.getProperty("combined"), false);
  fake.market.advance(2);
  await waitFor("2 trades", () => trades.length === 2);
  // Raw payloads of these two cannot be told apart: refused before anything is sent.
  await conn.setProperty("combined", true);
  await spot.partialDepthStream(conn, { symbol: "BTCUSDT", levels: 5 });
  await spot.partialDepthStream(conn, { symbol: "ETHUSDT", levels: 5 });
  const sent = fake.streams.received.length;
  await assert.rejects(
    () => conn.setProperty("combined", false),
    /"combined" cannot be false while "btcusdt@depth5" and "ethusdt@depth5" are subscribed/,
  );
  assert.equal(fake.streams.received.length, sent);
});

Deno.test("a raw connection routes by payload and refuses streams it cannot tell apart", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl, combined: false });
  assert.match(conn.url, /\/ws$/);
  const trades = collect(await spot.tradeStream(conn, { symbol: "BTCUSDT" }));
  const klines = collect(await spot.klineStream(conn, { symbol: "BTCUSDT", interval: "1h" }));
  const parts = collect(await spot.partialDepthStream(conn, { symbol: "ETHUSDT", levels: 5 }));
  await assert.rejects(
    () => spot.klineStream(conn, { symbol: "BTCUSDT", interval: "1h", timeZone: "+08:00" }),
    /cannot be told from "btcusdt@kline_1h" on a raw connection/,
  );
  await assert.rejects(
    () => spot.partialDepthStream(conn, { symbol: "BTCUSDT", levels: 5 }),
    /cannot be told from "ethusdt@depth5"/,
  );
  fake.market.advance(2);
  await waitFor("updates", () => trades.length === 2 && klines.length > 0 && parts.length > 0);
  assert.equal(parts[0].bids.length, 5);
});

Deno.test("a malformed frame or payload is reported as an error and the stream goes on", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  const errors = record(conn, "error");
  const sub = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  const subErrors: Error[] = [];
  sub.on("error", ({ error }) => subErrors.push(error));
  const list = collect(sub);
  fake.streams.sendFrame("{not json");
  fake.streams.sendFrame(
    JSON.stringify({ stream: "btcusdt@trade", data: { e: "trade", E: 1, s: "BTCUSDT", t: "x" } }),
  );
  fake.streams.sendFrame(JSON.stringify({ stream: "zzz@trade", data: {} }));
  fake.market.advance(1);
  await waitFor("the trade", () => list.length === 1);
  assert.equal(errors.length, 2);
  assert.ok(errors.every((e) => e.error instanceof spot.UnexpectedMessageError));
  assert.match(errors[0].error.message, /not JSON/);
  assert.match(errors[1].error.message, /no subscribed stream \("zzz@trade"\)/);
  assert.equal(subErrors.length, 1);
  assert.match(
    subErrors[0].message,
    /"t" does not match the documented shape: expected an integer/,
  );
  assert.equal(sub.stats.malformed, 1);
});

Deno.test("an id above 2^53 is refused with an error naming it, never delivered rounded", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  const sub = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  const errors: Error[] = [];
  sub.on("error", ({ error }) => errors.push(error));
  const list = collect(sub);
  fake.streams.sendFrame(
    '{"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":9007199254740993,' +
      '"p":"1.0","q":"1.0","T":1,"m":true,"M":true}}',
  );
  fake.market.advance(1);
  await waitFor("the next trade", () => list.length === 1);
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /"t" .* an integer below 2\^53/);
  assert.ok(list[0].tradeId < 2 ** 53);
});

Deno.test("timeUnit MICROSECOND gives µs event times", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    timeUnit: "MICROSECOND",
  });
  assert.match(conn.url, /timeUnit=MICROSECOND/);
  const list = collect(await spot.tradeStream(conn, { symbol: "BTCUSDT" }));
  const before = Date.now();
  fake.market.advance(1);
  await waitFor("a trade", () => list.length === 1);
  assert.ok(list[0].eventTime >= before * 1000 - 1000, "µs");
});

Deno.test("a subscribe that is never acknowledged times out and leaves nothing behind", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  fake.streams.stall(300);
  await assert.rejects(
    () => spot.tradeStream(conn, { symbol: "BTCUSDT" }, { timeoutMs: 100 }),
    spot.RequestTimeoutError,
  );
  assert.deepEqual(conn.streams, []);
  // Its late acknowledgement unsubscribes it at the server too.
  await new Promise((r) => setTimeout(r, 600));
  assert.deepEqual(fake.streams.subscriptions(), [[]]);
});

Deno.test("a stalled socket is detected by the idle probe, replaced, and the missed range reported", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    idleTimeoutMs: 100,
    timeoutMs: 150,
    reconnect: { initialDelayMs: 10 },
  });
  const errors = record(conn, "error");
  const resubscribed = record(conn, "resubscribed");
  const trades = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  const gaps: spot.StreamGap[] = [];
  trades.on("gap", (g) => gaps.push(g));
  const list = collect(trades);
  fake.market.advance(2);
  await waitFor("2 trades", () => list.length === 2);
  fake.streams.stall(2000);
  fake.market.advance(3); // held on the stalled socket, never delivered
  await waitFor("the replacement", () => resubscribed.length === 1, 3000);
  assert.match(errors[0].error.message, /sent nothing, not even an answer to a probe/);
  fake.market.advance(1);
  await waitFor("the next trade", () => list.length === 3);
  assert.deepEqual(gaps.map((g) => [g.reason, g.missed]), [["reconnect", 3]]);
  assertContiguous(list.slice(0, 2).map((t) => t.tradeId), "before");
});

Deno.test("a quiet socket that answers the probe is kept", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    idleTimeoutMs: 60,
    timeoutMs: 500,
  });
  const closes = record(conn, "close");
  await spot.blockTradeStream(conn, { symbol: "LTCBTC" }); // never trades: a halted symbol
  await new Promise((r) => setTimeout(r, 400));
  const probes = fake.streams.received.filter((f) => f.text.includes("LIST_SUBSCRIPTIONS"));
  assert.ok(probes.length >= 2, `probed ${probes.length} times`);
  assert.deepEqual(closes, []);
  assert.equal(fake.streams.totalConnections, 1);
});

Deno.test("closing the connection ends every subscription and the iterators finish", async () => {
  const fake = await startFakeBinance();
  const conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  const sub = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  const done = (async () => {
    let n = 0;
    for await (const _ of sub) n++;
    return n;
  })();
  await conn.close();
  assert.equal(await done, 0);
  assert.equal(sub.active, false);
  await assert.rejects(
    () => spot.tradeStream(conn, { symbol: "BTCUSDT" }),
    spot.ConnectionClosedError,
  );
  await fake.close();
});
