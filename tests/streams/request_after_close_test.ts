import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";

Deno.test("listSubscriptions() after close() settles (rejects) instead of hanging", async () => {
  await using fake = await startFakeBinance();
  const conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  await conn.close();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    conn.listSubscriptions().then(() => "resolved", (e) => `rejected: ${e.name}`),
    new Promise<string>((r) => (timer = setTimeout(() => r("still pending after 2 s"), 2_000))),
  ]);
  clearTimeout(timer);
  assert.match(outcome, /^rejected: ConnectionClosedError/);
});
