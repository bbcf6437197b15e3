// Two SET_PROPERTY calls in flight, both refused: neither value may be kept (re-sent on the
// sockets opened later).
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("two refused setProperty calls in flight: neither is re-sent after a reconnect", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    reconnect: { initialDelayMs: 10 },
  });
  await using _t = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  const results = await Promise.allSettled([
    conn.setProperty("combined", "yes"),
    conn.setProperty("combined", "no"),
  ]);
  assert.deepEqual(results.map((r) => r.status), ["rejected", "rejected"]);
  const errors: string[] = [];
  conn.on("error", (e) => errors.push(e.error.message));
  let resubscribed = 0;
  conn.on("resubscribed", () => resubscribed++);
  fake.streams.drop();
  await waitFor("resubscribed", () => resubscribed > 0);
  await new Promise((r) => setTimeout(r, 100));
  const resent = fake.streams.received.filter((f) => f.text.includes("SET_PROPERTY"))
    .map((f) => f.text.replace(/,"id":.*/, ""));
  assert.deepEqual({ errors, resent: resent.length }, { errors: [], resent: 2 });
});
