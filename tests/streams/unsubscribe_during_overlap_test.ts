import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("a stream unsubscribed during a rotation that fails is not left on the old socket", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    maxOverlapMs: 5_000,
    reconnect: { initialDelayMs: 2_000 },
  });
  conn.on("error", () => {});
  await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  const eth = await spot.tradeStream(conn, { symbol: "ETHUSDT" });
  const rotating = conn.rotate(); // quiet streams: the overlap lasts
  await waitFor(
    "the rotation's socket subscribed",
    () =>
      fake.streams.subscriptions().length === 2 &&
      fake.streams.subscriptions().every((s) => s.length === 2),
  );
  await eth.unsubscribe();
  assert.deepEqual(conn.streams, ["btcusdt@trade"]);
  fake.streams.dropNewest(); // the rotation's new socket dies: the old one goes on
  await rotating;
  await waitFor("one socket", () => fake.streams.subscriptions().length === 1);
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(fake.streams.subscriptions(), [["btcusdt@trade"]]);
});
