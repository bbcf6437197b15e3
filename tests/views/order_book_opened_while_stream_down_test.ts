// A second book of a symbol whose (shared) diff depth stream is down must not read as in sync
// until the stream is back: its updates are being missed.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("a book opened while its shared stream is down does not read as in sync until it is back", async () => {
  await using fake = await startFakeBinance();
  await using streams = await spot.connectStreams({
    url: fake.streams.baseUrl,
    reconnect: { initialDelayMs: 600, maxDelayMs: 600 },
  });
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl });
  await using a = await spot.openOrderBook({ streams, api }, "BTCUSDT");
  const closed = Promise.withResolvers<void>();
  streams.on("close", () => closed.resolve());
  fake.streams.drop();
  await closed.promise;
  const opening = spot.openOrderBook({ streams, api }, "BTCUSDT");
  fake.market.advance(3); // missed by the stream that is down
  await new Promise((r) => setTimeout(r, 100));
  // Not resolved (or not in sync) while the stream is down.
  const early = await Promise.race([
    opening,
    new Promise((r) => setTimeout(() => r(undefined), 0)),
  ]);
  if (early) {
    assert.equal((early as spot.OrderBook).isSynced("BTCUSDT"), false, "in sync while down");
  }
  await using b = await opening;
  await waitFor("a in sync", () => a.isSynced("BTCUSDT"), 3000);
  fake.market.advance(1);
  const target = fake.market.orderBook("BTCUSDT").lastUpdateId;
  await waitFor("b caught up", () => b.lastUpdateId("BTCUSDT") === target, 3000);
  assert.deepEqual(b.snapshot("BTCUSDT")!.bids, fake.market.orderBook("BTCUSDT").bids);
});
