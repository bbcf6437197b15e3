// The local order book against the fake exchange's true book.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { type FakeBinance, startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";
import { BookSide, compareDecimal, isZero } from "../../views/_book_side.ts";

async function setup(fake: FakeBinance, symbols: string[]) {
  const streams = await spot.connectStreams({
    url: fake.streams.baseUrl,
    reconnect: { initialDelayMs: 10 },
  });
  const api = await spot.connectWsApi({ url: fake.wsApiUrl });
  const book = await spot.openOrderBook({ streams, api }, symbols);
  const events: string[] = [];
  book.on("resyncing", (e) => events.push(`resyncing ${e.symbol} ${e.reason}`));
  book.on("synced", (e) => events.push(`synced ${e.symbol}`));
  return {
    streams,
    api,
    book,
    events,
    async [Symbol.asyncDispose]() {
      await book.close();
      await streams.close();
      await api.close();
    },
  };
}

async function inSync(fake: FakeBinance, book: spot.OrderBook, symbol: string): Promise<void> {
  const target = fake.market.orderBook(symbol).lastUpdateId;
  await waitFor(`${symbol} at ${target}`, () => book.lastUpdateId(symbol) === target);
}

function assertSameBook(fake: FakeBinance, book: spot.OrderBook, symbol: string): void {
  const truth = fake.market.orderBook(symbol);
  const mine = book.snapshot(symbol);
  assert.ok(mine, `${symbol} is in sync`);
  assert.equal(mine.lastUpdateId, truth.lastUpdateId);
  assert.deepEqual(mine.bids, truth.bids, `${symbol} bids`);
  assert.deepEqual(mine.asks, truth.asks, `${symbol} asks`);
}

Deno.test("the book syncs from the snapshot and follows the diff stream exactly", async () => {
  await using fake = await startFakeBinance();
  await using t = await setup(fake, ["BTCUSDT", "ethusdt"]);
  assert.deepEqual(t.book.symbols, ["BTCUSDT", "ETHUSDT"]);
  assertSameBook(fake, t.book, "BTCUSDT");
  for (let i = 0; i < 200; i++) fake.market.advance(1 + (i % 3));
  await inSync(fake, t.book, "BTCUSDT");
  await inSync(fake, t.book, "ETHUSDT");
  assertSameBook(fake, t.book, "BTCUSDT");
  assertSameBook(fake, t.book, "ETHUSDT");
  const truth = fake.market.orderBook("BTCUSDT", 5);
  assert.deepEqual(t.book.bestBid("BTCUSDT"), truth.bids[0]);
  assert.deepEqual(t.book.bestAsk("BTCUSDT"), truth.asks[0]);
  assert.deepEqual(t.book.top("BTCUSDT", 5), { symbol: "BTCUSDT", ...truth });
  assert.equal(t.book.stats.resyncs, 0);
  assert.ok(t.book.stats.applied >= 400);
  assert.throws(() => t.book.bestBid("BNBBTC"), spot.ValidationError);
  for (const levels of [0, -1, 2.5, NaN, -Infinity]) {
    assert.throws(() => t.book.top("BTCUSDT", levels), spot.ValidationError, String(levels));
  }
});

Deno.test("a snapshot older than the first buffered event is taken again", async () => {
  await using fake = await startFakeBinance();
  fake.serveStaleDepth(1); // the first snapshot will show the book as it is now…
  fake.market.advance(3); // …which the market then leaves behind
  fake.setResponseDelay(50);
  await using streams = await spot.connectStreams({ url: fake.streams.baseUrl });
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl });
  const opening = spot.openOrderBook({ streams, api }, "BNBBTC");
  await waitFor("the subscription", () => fake.streams.subscriptions()[0]?.length === 1);
  await waitFor("the snapshot request", () => fake.received.some((f) => f.text.includes("depth")));
  fake.market.advance(1); // buffered: its U is beyond the stale snapshot's lastUpdateId
  await using book = await opening;
  const stale = fake.market.orderBook("BNBBTC").lastUpdateId - 4;
  assert.equal(book.stats.snapshots, 2, "the stale snapshot was taken again");
  assert.equal(book.stats.resyncs, 0);
  assert.ok(book.lastUpdateId("BNBBTC")! > stale);
  fake.setResponseDelay(0);
  fake.market.advance(2);
  await inSync(fake, book, "BNBBTC");
  assertSameBook(fake, book, "BNBBTC");
});

Deno.test("an injected gap resyncs the book; duplicates change nothing", async () => {
  await using fake = await startFakeBinance();
  await using t = await setup(fake, ["BTCUSDT"]);
  fake.market.advance(3);
  fake.streams.duplicateNext("btcusdt@depth@100ms");
  fake.market.advance(2);
  await inSync(fake, t.book, "BTCUSDT");
  assert.deepEqual(t.events, []);
  fake.streams.skipNext("btcusdt@depth@100ms");
  fake.market.advance(1);
  fake.market.advance(1);
  await waitFor("the resync", () => t.events.includes("synced BTCUSDT"));
  assert.deepEqual(t.events, ["resyncing BTCUSDT stream gap", "synced BTCUSDT"]);
  await inSync(fake, t.book, "BTCUSDT");
  assertSameBook(fake, t.book, "BTCUSDT");
  assert.equal(t.book.stats.resyncs, 1);
});

Deno.test("while out of sync the book exposes nothing", async () => {
  await using fake = await startFakeBinance();
  await using t = await setup(fake, ["ETHUSDT"]);
  fake.setResponseDelay(100); // the resync's snapshot is slow
  fake.streams.skipNext("ethusdt@depth@100ms");
  fake.market.advance(1);
  fake.market.advance(1);
  await waitFor("resyncing", () => t.events.length === 1);
  assert.equal(t.book.isSynced("ETHUSDT"), false);
  assert.equal(t.book.bestBid("ETHUSDT"), undefined);
  assert.equal(t.book.top("ETHUSDT", 5), undefined);
  assert.equal(t.book.snapshot("ETHUSDT"), undefined);
  fake.setResponseDelay(0);
  await waitFor("synced", () => t.book.isSynced("ETHUSDT"));
  await inSync(fake, t.book, "ETHUSDT");
  assertSameBook(fake, t.book, "ETHUSDT");
});

Deno.test("after thousands of updates with faults injected, the local book equals the true book", async () => {
  await using fake = await startFakeBinance();
  await using t = await setup(fake, ["BTCUSDT", "ETHUSDT", "BNBBTC"]);
  const gaps: string[] = [];
  t.book.on("gap", (g) => gaps.push(g.gap.reason));
  let crossed = 0;
  const check = setInterval(() => {
    for (const s of t.book.symbols) {
      const bid = t.book.bestBid(s);
      const ask = t.book.bestAsk(s);
      if (bid && ask && Number(bid[0]) >= Number(ask[0])) crossed++;
    }
  }, 1);
  try {
    for (let i = 1; i <= 3000; i++) {
      fake.market.advance(1 + (i % 4));
      if (i % 500 === 100) fake.streams.skipNext("btcusdt@depth@100ms");
      if (i % 500 === 200) fake.streams.duplicateNext("ethusdt@depth@100ms");
      if (i % 500 === 300) fake.streams.skipNext("bnbbtc@depth@100ms");
      if (i === 1200) fake.streams.drop();
      if (i === 2200) fake.sendServerShutdown({ closeAfterMs: 300 });
      if (i % 25 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    for (const s of t.book.symbols) await inSync(fake, t.book, s);
  } finally {
    clearInterval(check);
  }
  for (const s of t.book.symbols) assertSameBook(fake, t.book, s);
  assert.equal(crossed, 0, "never exposed a crossed book");
  assert.ok(t.book.stats.resyncs >= 6, `resynced ${t.book.stats.resyncs} times`);
  assert.ok(t.book.stats.applied >= 7000, `applied ${t.book.stats.applied} of 9000 events`);
  assert.ok(gaps.includes("sequence"));
});

Deno.test("book sides: exact decimal order, zero removes, best at the end", () => {
  assert.ok(isZero("0.00000000"));
  assert.ok(isZero("0"));
  assert.ok(!isZero("0.00000001"));
  // Two prices that are the same float but not the same decimal.
  const a = "90071992547409.93";
  const b = "90071992547409.94";
  assert.equal(Number(a), Number(b));
  assert.equal(compareDecimal(a, b, Number(a), Number(b)), -1);
  assert.equal(compareDecimal("010.5", "10.50", 10.5, 10.5), 0);
  const bids = new BookSide(true);
  bids.load([[b, "1"], [a, "2"], ["1.00000000", "3"]]);
  assert.deepEqual(bids.top(3), [[b, "1"], [a, "2"], ["1.00000000", "3"]]);
  bids.set(b, "0.00000000");
  assert.deepEqual(bids.best(), [a, "2"]);
  bids.set("5.5", "7");
  assert.deepEqual(bids.top(2), [[a, "2"], ["5.5", "7"]]);
  const asks = new BookSide(false);
  asks.load([["2.0", "1"], ["3.0", "1"]]);
  asks.set("1.5", "4");
  asks.set("9.0", "0"); // removing an absent level is a no-op
  assert.deepEqual(asks.top(5), [["1.5", "4"], ["2.0", "1"], ["3.0", "1"]]);
});

Deno.test("openOrderBook validates its symbols before anything is sent", async () => {
  await using fake = await startFakeBinance();
  await using streams = await spot.connectStreams({ url: fake.streams.baseUrl });
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl });
  await assert.rejects(
    () => spot.openOrderBook({ streams, api }, "BTC/USDT"),
    spot.ValidationError,
  );
  assert.equal(fake.streams.received.length, 0);
  assert.equal(fake.received.length, 0);
});

Deno.test("order book: a throwing listener is an error event; an aborted signal opens nothing; timeoutMs covers the subscribe", async () => {
  await using fake = await startFakeBinance();
  await using streams = await spot.connectStreams({ url: fake.streams.baseUrl });
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl });
  {
    await using book = await spot.openOrderBook({ streams, api }, "BTCUSDT");
    const errors: Error[] = [];
    book.on("error", ({ error }) => void errors.push(error));
    book.on("resyncing", () => {
      throw new Error("listener bug");
    });
    fake.streams.skipNext("btcusdt@depth@100ms");
    fake.market.advance(1);
    fake.market.advance(1);
    await waitFor("the listener's error", () => errors.some((e) => e.message === "listener bug"));
    await waitFor("in sync again", () => book.isSynced("BTCUSDT"));
  }
  const aborted = AbortSignal.abort(new Error("stop"));
  await assert.rejects(
    spot.openOrderBook({ streams, api }, "BTCUSDT", { signal: aborted }),
    (e: unknown) => e instanceof Error && e.message === "stop",
  );
  fake.streams.stall(3000); // the SUBSCRIBE's answer is held for 3 s
  const started = Date.now();
  await assert.rejects(
    spot.openOrderBook({ streams, api }, "ETHUSDT", { timeoutMs: 300 }),
    spot.RequestTimeoutError,
  );
  assert.ok(Date.now() - started < 1500, `settled after ${Date.now() - started} ms`);
});
