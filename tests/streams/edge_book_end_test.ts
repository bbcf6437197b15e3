import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("order book: after its diff stream ends, the book is out of sync and says why", async () => {
  await using fake = await startFakeBinance();
  const streams = await spot.connectStreams({ url: fake.streams.baseUrl, reconnect: false });
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl });
  await using book = await spot.openOrderBook({ streams, api }, "BTCUSDT");
  const closes: boolean[] = [];
  streams.on("close", (c) => closes.push(c.willReconnect));
  const errors: spot.OrderBookEventMap["error"][] = [];
  book.on("error", (e) => errors.push(e));
  streams.on("error", () => {});
  fake.streams.drop();
  await waitFor("the stream connection closed", () => streams.state === "closed");
  fake.market.advance(20); // the market moves on; the book never hears of it
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(book.isSynced("BTCUSDT"), false, "a book whose stream ended reads as not synced");
  assert.equal(book.lastUpdateId("BTCUSDT"), undefined);
  assert.equal(errors.length, 1);
  assert.ok(errors[0].error instanceof spot.ConnectionClosedError);
  assert.match(errors[0].error.message, /out of sync/);
});
