import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startStreamPeer } from "./_stream_peer.ts";

Deno.test("streams: a new shard whose first socket fails to open opens again, and later streams reach it", async () => {
  await using peer = startStreamPeer();
  await using conn = await spot.connectStreams({
    url: peer.url,
    maxStreamsPerConnection: 1,
    timeoutMs: 300,
    connectTimeoutMs: 300,
  });
  const errors: Error[] = [];
  conn.on("error", (e) => errors.push(e.error));
  await spot.tradeStream(conn, { symbol: "BTCUSDT" }); // shard 1 full
  peer.refusing = true; // a transient refusal while shard 2 opens
  await assert.rejects(
    () => spot.tradeStream(conn, { symbol: "ETHUSDT" }, { timeoutMs: 500 }),
    spot.RequestTimeoutError,
  );
  peer.refusing = false; // the server is back
  await new Promise((r) => setTimeout(r, 1500));
  // A later stream beyond the first shard goes to that shard, which opened again meanwhile.
  const later = await spot.tradeStream(conn, { symbol: "BNBUSDT" }, { timeoutMs: 2000 });
  assert.equal(later.active, true);
});
