// When the socket of a book's diff depth stream drops, the book misses every update until the
// stream is back: it must not read as in sync meanwhile. The books of the other sockets go on.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("the order book does not read as in sync while its stream's socket is down", async () => {
  await using fake = await startFakeBinance();
  await using streams = await spot.connectStreams({
    url: fake.streams.baseUrl,
    reconnect: { initialDelayMs: 400, maxDelayMs: 400 },
  });
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl });
  await using book = await spot.openOrderBook({ streams, api }, "BTCUSDT");
  const closed = Promise.withResolvers<void>();
  streams.on("close", () => closed.resolve());
  fake.streams.drop();
  await closed.promise;
  fake.market.advance(3); // the exchange's book moves on; the local one cannot see it
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(book.isSynced("BTCUSDT"), false, "in sync while the stream is down");
  assert.equal(book.bestBid("BTCUSDT"), undefined);
  // Back once the stream is.
  await waitFor("in sync again", () => book.isSynced("BTCUSDT"));
  const target = fake.market.orderBook("BTCUSDT").lastUpdateId;
  await waitFor("caught up", () => book.lastUpdateId("BTCUSDT") === target);
});

Deno.test("a dropped socket unsyncs only the books whose stream it carried", async () => {
  await using fake = await startFakeBinance();
  await using streams = await spot.connectStreams({
    url: fake.streams.baseUrl,
    maxStreamsPerConnection: 1,
    reconnect: { initialDelayMs: 400, maxDelayMs: 400 },
  });
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl });
  await using book = await spot.openOrderBook({ streams, api }, ["BTCUSDT", "ETHUSDT"]);
  assert.equal(fake.streams.openConnections, 2);
  const resyncing: string[] = [];
  book.on("resyncing", (e) => resyncing.push(e.symbol));
  const closed = Promise.withResolvers<void>();
  streams.on("close", () => closed.resolve());
  fake.streams.dropNewest(); // ETHUSDT's socket, the second one opened
  await closed.promise;
  assert.deepEqual(resyncing, ["ETHUSDT"]);
  assert.equal(book.isSynced("ETHUSDT"), false);
  assert.equal(book.isSynced("BTCUSDT"), true, "BTCUSDT's socket is up");
  await waitFor("ETHUSDT in sync again", () => book.isSynced("ETHUSDT"));
  fake.market.advance(2);
  for (const symbol of ["BTCUSDT", "ETHUSDT"]) {
    const target = fake.market.orderBook(symbol).lastUpdateId;
    await waitFor(`${symbol} caught up`, () => book.lastUpdateId(symbol) === target);
    const truth = fake.market.orderBook(symbol);
    const mine = book.snapshot(symbol)!;
    assert.deepEqual(
      [mine.bids, mine.asks],
      [truth.bids, truth.asks],
      `${symbol} is the true book`,
    );
  }
  assert.deepEqual(resyncing, ["ETHUSDT"], "BTCUSDT never resynced");
});
