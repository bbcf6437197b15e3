// A resync that supersedes a snapshot request still waiting to be sent (held by a 429 until its
// retryAfter) must not send it anyway: its answer would be ignored, and its weight (250 for
// 5000 levels) spent when the budget is short.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

const WINDOW = 3000;

Deno.test("a superseded snapshot request that waits for a 429 to pass is not sent", async () => {
  await using fake = await startFakeBinance({
    requestWeightLimit: 600,
    requestWeightWindowMs: WINDOW,
  });
  await using streams = await spot.connectStreams({ url: fake.streams.baseUrl });
  // Without counts (returnRateLimits false) the book's client knows only its own weight.
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl, returnRateLimits: false });
  await using other = await spot.connectWsApi({ url: fake.wsApiUrl });
  api.on("error", () => {});
  await using book = await spot.openOrderBook({ streams, api }, "BTCUSDT");
  const errors: string[] = [];
  book.on("error", (e) => errors.push(e.error.name));
  book.on("gap", () => {});
  // A new server window: another client of the IP uses 500 of its 600.
  await new Promise((r) => setTimeout(r, WINDOW - (Date.now() % WINDOW) + 20));
  for (let i = 0; i < 2; i++) {
    await other.request("depth", { symbol: "BTCUSDT", limit: 5000 }, { weight: 250 });
  }
  // A gap: the book's snapshot (250) is answered 429 (retryAfter: the window's end).
  const from = fake.received.length;
  fake.streams.skipNext("btcusdt@depth@100ms");
  fake.market.advance(1);
  fake.market.advance(1);
  await waitFor("the 429", () => errors.includes("RateLimitError"));
  await new Promise((r) => setTimeout(r, 500)); // its retry waits for the retryAfter
  // Another gap meanwhile: a new snapshot is needed, the waiting one is superseded.
  fake.streams.skipNext("btcusdt@depth@100ms");
  fake.market.advance(1);
  fake.market.advance(1);
  await waitFor("in sync again", () => book.isSynced("BTCUSDT"), 8000);
  await new Promise((r) => setTimeout(r, 200));
  const depths = fake.received.slice(from).filter((f) => f.text.includes('"method":"depth"'));
  assert.equal(depths.length, 2, "the 429'd one and one after the block, no more");
});
