// A subscribe given up before its acknowledgement by its signal leaves nothing subscribed at the
// server (the timeout's case is in streams_test.ts).
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";

Deno.test("streams: a subscribe aborted while its SUBSCRIBE waits in the paced queue leaves nothing at the server", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    maxControlMessagesPerSecond: 1,
  });
  await spot.tradeStream(conn, { symbol: "BTCUSDT" }); // this second's message
  const ac = new AbortController();
  const placing = spot.tradeStream(conn, { symbol: "ETHUSDT" }, { signal: ac.signal });
  ac.abort();
  await assert.rejects(() => placing);
  await new Promise((r) => setTimeout(r, 2500)); // the paced SUBSCRIBE, then its UNSUBSCRIBE
  assert.deepEqual(fake.streams.subscriptions(), [["btcusdt@trade"]]);
});
