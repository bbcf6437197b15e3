// A snapshot that is itself crossed (best bid >= best ask) cannot be synced to; asking again
// at once, forever, would spend 250 weight per 5000-level snapshot as fast as answers come. The
// book asks again after a growing pause, and stays unreadable meanwhile.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { okAnswer, startScriptedPeer } from "../_helpers.ts";

Deno.test("a crossed snapshot is asked for again after a growing pause, not in a tight loop", async () => {
  await using fake = await startFakeBinance();
  let depthRequests = 0;
  await using peer = startScriptedPeer((req) => {
    if (req.method !== "depth") return okAnswer(req.id, {});
    depthRequests++;
    // Crossed, and newer than every update the stream will send.
    return okAnswer(req.id, {
      lastUpdateId: 1_000_000_000_000,
      bids: [["101.00000000", "1.00000000"]],
      asks: [["100.00000000", "1.00000000"]],
    });
  });
  await using streams = await spot.connectStreams({ url: fake.streams.baseUrl });
  await using api = await spot.connectWsApi({ url: peer.url });
  const opening = spot.openOrderBook({ streams, api }, "BTCUSDT", { timeoutMs: 1_500 });
  const outcome = await opening.then(() => "opened", (error: Error) => error);
  assert.ok(outcome instanceof Error, "a crossed book never reads as in sync");
  // Immediate retries took one round trip each (tens in 1.5 s, until the weight ran out);
  // with pauses of 250 ms doubling, a handful.
  assert.ok(depthRequests >= 2, `asked ${depthRequests} times`);
  assert.ok(depthRequests <= 6, `asked ${depthRequests} times in 1.5 s`);
});
