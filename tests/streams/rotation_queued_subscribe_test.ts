// A stream whose SUBSCRIBE is still queued (paced) when a rotation starts is subscribed only on
// the new socket; with nothing delivered to overlap, it is the new socket's at once: its updates
// are not held until maxOverlapMs.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { delay, startStreamPeer, trade } from "../streams/_stream_peer.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("a stream subscribed just before a rotation is not held for maxOverlapMs", async () => {
  await using peer = startStreamPeer();
  await using conn = await spot.connectStreams({
    url: peer.url,
    idleTimeoutMs: 0,
    maxControlMessagesPerSecond: 1,
    maxOverlapMs: 4000,
  });
  const a = await spot.tradeStream(conn, { symbol: "AUSDT" });
  const bPromise = spot.tradeStream(conn, { symbol: "BUSDT" }); // paced: queued
  await delay(20);
  const rotating = conn.rotate();
  const b = await bPromise;
  const socket2 = () => peer.sockets[1];
  await waitFor(
    "B subscribed on socket 2",
    () => socket2()?.received.some((m) => m.params?.includes("busdt@trade")) ?? false,
  );
  assert.ok(!peer.sockets[0].received.some((m) => m.params?.includes("busdt@trade")));
  const seen: number[] = [];
  b.on("data", (t) => seen.push(t.tradeId));
  const t0 = Date.now();
  for (let t = 1; t <= 10 && seen.length === 0; t++) {
    socket2().send(trade("busdt@trade", t));
    await delay(100);
  }
  assert.ok(seen.length > 0, `no update of B within ${Date.now() - t0} ms of its first frame`);
  await a.unsubscribe();
  await b.unsubscribe();
  await rotating;
});
