import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("close() during a rotation's overlap returns promptly and emits nothing after", async () => {
  await using fake = await startFakeBinance();
  const conn = await spot.connectStreams({ url: fake.streams.baseUrl, maxOverlapMs: 5_000 });
  const events: string[] = [];
  conn.on("rotated", () => events.push(`rotated (state=${conn.state})`));
  await spot.tradeStream(conn, { symbol: "BTCUSDT" }); // quiet: no update proves the overlap
  const rotating = conn.rotate();
  await waitFor(
    "the rotation's socket subscribed",
    () =>
      fake.streams.subscriptions().length === 2 &&
      fake.streams.subscriptions().every((s) => s.length === 1),
  );
  const t0 = Date.now();
  await conn.close();
  const took = Date.now() - t0;
  await rotating;
  assert.ok(took < 1_000, `close() took ${took} ms (maxOverlapMs is 5000)`);
  assert.deepEqual(events, [], "no event after close()");
});
