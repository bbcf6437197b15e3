import assert from "node:assert/strict";
import { connectWsApi } from "../../mod.ts";
import { nextEvent, startScriptedPeer } from "../_helpers.ts";

// The peer's clock is the local clock: the true offset is ~0. syncClock() called while the
// connection is reconnecting waits ~1 s before `time` is sent; the midpoint of that wait and
// the round trip is taken as the moment of serverTime, so the offset comes out ~-500 ms.
Deno.test("syncClock() while reconnecting measures the round trip, not the wait for a socket", async () => {
  await using peer = startScriptedPeer((req) =>
    JSON.stringify({
      id: req.id,
      status: 200,
      result: req.method === "time" ? { serverTime: Date.now() } : {},
    })
  );
  const conn = await connectWsApi({
    url: peer.url,
    reconnect: { initialDelayMs: 1000, jitter: false },
    idleTimeoutMs: 0,
  });
  try {
    assert.ok(Math.abs(await conn.syncClock()) < 50);
    const closed = nextEvent(conn, "close");
    peer.drop();
    await closed;
    assert.equal(conn.state, "reconnecting");
    const offset = await conn.syncClock();
    assert.ok(
      Math.abs(offset) < 100,
      `offset ${offset} ms, uncertainty ${conn.clockUncertaintyMs} ms`,
    );
  } finally {
    await conn.close();
  }
});
