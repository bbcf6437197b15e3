// After `combined` is set to false, a stream whose payloads cannot be told from one already
// subscribed is refused, as on a raw connection.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";

Deno.test("streams: after setProperty combined false, a stream that cannot be told apart is refused", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  await using _a = await spot.diffDepthStream(conn, { symbol: "BTCUSDT" });
  await conn.setProperty("combined", false);
  await assert.rejects(
    () => spot.diffDepthStream(conn, { symbol: "BTCUSDT", speed: "100ms" }),
    spot.ValidationError,
  );
  // Combined again: both can be told apart by their stream names.
  await conn.setProperty("combined", true);
  await using _b = await spot.diffDepthStream(conn, { symbol: "BTCUSDT", speed: "100ms" });
  assert.deepEqual(conn.streams.sort(), ["btcusdt@depth", "btcusdt@depth@100ms"]);
});
