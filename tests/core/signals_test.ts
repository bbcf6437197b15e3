// Every long-lived thing takes an AbortSignal, and aborting it alone ends it.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { nextEvent, waitFor } from "../_helpers.ts";

Deno.test("aborting connectStreams()'s signal closes every socket", async () => {
  await using fake = await startFakeBinance();
  const controller = new AbortController();
  const conn = await spot.connectStreams({ url: fake.streams.baseUrl, signal: controller.signal });
  const sub = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  const closed = nextEvent(conn, "close", 2_000);
  controller.abort();
  assert.equal((await closed).willReconnect, false);
  assert.equal(conn.state, "closed");
  assert.equal(sub.active, false);
  await waitFor("the server to see the socket close", () => fake.streams.openConnections === 0);
});

Deno.test("aborting a subscription's signal unsubscribes it; an aborted one never subscribes", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  const controller = new AbortController();
  const sub = await spot.tradeStream(conn, { symbol: "BTCUSDT" }, { signal: controller.signal });
  const ended = nextEvent(sub, "end", 2_000);
  controller.abort();
  assert.equal((await ended).reason, "unsubscribed");
  await waitFor(
    "the server to unsubscribe",
    () => fake.streams.subscriptions().flat().length === 0,
  );
  const sent = fake.streams.received.length;
  await assert.rejects(
    spot.tradeStream(conn, { symbol: "ETHUSDT" }, { signal: AbortSignal.abort(new Error("no")) }),
    { message: "no" },
  );
  assert.equal(fake.streams.received.length, sent, "nothing was sent");
});

Deno.test("aborting openOrderBook()'s signal closes the book and unsubscribes its stream", async () => {
  await using fake = await startFakeBinance();
  await using streams = await spot.connectStreams({ url: fake.streams.baseUrl });
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl });
  const controller = new AbortController();
  const book = await spot.openOrderBook({ streams, api }, "BTCUSDT", { signal: controller.signal });
  assert.ok(book.bestBid("BTCUSDT"));
  controller.abort();
  await waitFor("the book to close", () => book.bestBid("BTCUSDT") === undefined, 2_000);
  await waitFor("its stream to go", () => fake.streams.subscriptions().flat().length === 0);
  assert.equal(streams.state, "open", "the connections stay open");
  // Aborted before it is in sync: openOrderBook() rejects with the reason.
  const early = new AbortController();
  const opening = spot.openOrderBook({ streams, api }, "ETHUSDT", { signal: early.signal });
  early.abort(new Error("stop"));
  await assert.rejects(opening);
});
