import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";

Deno.test("a subscribe aborted while queued does not take a slot of the 1024 at the server", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    maxControlMessagesPerSecond: 1,
  });
  conn.on("error", () => {});
  // 1023 streams: one SUBSCRIBE message, the pacing window is now used.
  await Promise.all(
    Array.from({ length: 1023 }, (_, i) => spot.tradeStream(conn, { symbol: `A${i}USDT` })),
  );
  // x waits in the paced queue; its caller gives up before it is sent.
  const ac = new AbortController();
  const x = spot.tradeStream(conn, { symbol: "XUSDT" }, { signal: ac.signal });
  await new Promise((r) => setTimeout(r, 20));
  ac.abort();
  await x.catch(() => {});
  assert.equal(conn.streams.length, 1023);
  // y takes the free slot: 1024 streams on the client's side, within Binance's cap.
  const y = await spot.tradeStream(conn, { symbol: "YUSDT" }).then(
    () => "subscribed",
    (e) => `${e.name}: ${e.message}`,
  );
  assert.equal(y, "subscribed");
  assert.equal(conn.sockets, 1);
});
