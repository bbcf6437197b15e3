// Aborting the signal while opening rejects with the signal's own reason; close() after an
// abort (or a second close) resolves only once everything stopped.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("an abort while opening rejects openOrderBook with the signal's reason", async () => {
  await using fake = await startFakeBinance();
  await using streams = await spot.connectStreams({ url: fake.streams.baseUrl });
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl });
  fake.setResponseDelay(300);
  const ac = new AbortController();
  const opening = spot.openOrderBook({ streams, api }, "BTCUSDT", { signal: ac.signal });
  await waitFor("snapshot asked", () => fake.received.some((f) => f.text.includes('"depth"')));
  ac.abort(new Error("stop"));
  await assert.rejects(opening, (e: unknown) => e instanceof Error && e.message === "stop");
});

Deno.test("close() after an abort resolves once the stream is unsubscribed", async () => {
  await using fake = await startFakeBinance();
  await using streams = await spot.connectStreams({ url: fake.streams.baseUrl });
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl });
  const ac = new AbortController();
  const book = await spot.openOrderBook({ streams, api }, "BTCUSDT", { signal: ac.signal });
  fake.streams.stall(300); // the UNSUBSCRIBE's answer is held
  ac.abort();
  await book.close();
  assert.deepEqual(fake.streams.subscriptions().flat(), []);
});
