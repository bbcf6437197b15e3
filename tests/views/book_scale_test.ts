// A level addressed with another scale of the same price ("65000.0" for "65000.00000000").
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";
import { BookSide } from "../../views/_book_side.ts";

Deno.test("zero quantity at the same price written with another scale removes the level", () => {
  const asks = new BookSide(false);
  asks.load([["65000.00000000", "1.00000000"], ["65000.01000000", "2.00000000"]]);
  asks.set("65000.0", "0.00000000");
  assert.deepEqual(asks.best(), ["65000.01000000", "2.00000000"]);
});

Deno.test("a quantity at the same price with another scale replaces the level, never adds one", () => {
  const bids = new BookSide(true);
  bids.load([["1.00000000", "3.00000000"]]);
  bids.set("1.0", "5.00000000");
  assert.equal(bids.top(10).length, 1, JSON.stringify(bids.top(10)));
});

Deno.test("the order book removes a level when the diff writes its price at another scale", async () => {
  await using fake = await startFakeBinance();
  await using streams = await spot.connectStreams({ url: fake.streams.baseUrl });
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl });
  await using book = await spot.openOrderBook({ streams, api }, "BTCUSDT");
  const id = book.lastUpdateId("BTCUSDT")!;
  const [bestAsk] = book.bestAsk("BTCUSDT")!;
  // The same value at another scale: one more trailing zero (or ".0" on an integer).
  const sameValue = bestAsk.includes(".") ? bestAsk + "0" : bestAsk + ".0";
  fake.streams.sendFrame(JSON.stringify({
    stream: "btcusdt@depth@100ms",
    data: {
      e: "depthUpdate",
      E: Date.now(),
      s: "BTCUSDT",
      U: id + 1,
      u: id + 1,
      b: [],
      a: [[sameValue, "0.00000000"]],
    },
  }));
  await waitFor("applied", () => book.lastUpdateId("BTCUSDT") === id + 1);
  assert.equal(book.isSynced("BTCUSDT"), true);
  assert.notDeepEqual(
    book.bestAsk("BTCUSDT")?.[0],
    bestAsk,
    "the level at " + bestAsk + " was removed",
  );
});
