// A full shard (1024 streams) rotates; during the overlap one stream leaves and another joins
// (on the new socket). The new socket dies and the old one goes on: the UNSUBSCRIBE of the one
// that left goes before the SUBSCRIBE of the current streams, so the old socket never holds 1025.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("new socket dies in an overlap of a full shard: no 'too many streams'", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    maxOverlapMs: 5000,
    idleTimeoutMs: 0,
    reconnect: { initialDelayMs: 10 },
  });
  const errors: string[] = [];
  conn.on("error", (e) => errors.push(e.error.message));
  conn.on("gap", () => {});
  const subs = await Promise.all(
    Array.from({ length: 1024 }, (_, i) => spot.tradeStream(conn, { symbol: `S${i}USDT` })),
  );
  assert.equal(conn.sockets, 1);
  const rotating = conn.rotate();
  await waitFor("new socket subscribed", () => {
    const s = fake.streams.subscriptions();
    return s.length === 2 && s[1].length === 1024;
  });
  await subs[0].unsubscribe();
  const y = await spot.tradeStream(conn, { symbol: "YUSDT" });
  assert.equal(conn.sockets, 1, "Y joins the same shard");
  fake.streams.dropNewest();
  await waitFor("one connection", () => fake.streams.openConnections === 1);
  await new Promise((r) => setTimeout(r, 500));
  const tooMany = errors.filter((e) => /too many/.test(e));
  assert.equal(tooMany.length, 0, `${tooMany.length} error events, first: ${tooMany[0]}`);
  const live = fake.streams.subscriptions()[0];
  assert.ok(live.includes("yusdt@trade") && !live.includes("s0usdt@trade"));
  await y.unsubscribe();
  await rotating.catch(() => {});
});
