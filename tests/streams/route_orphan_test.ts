// Two streams of one raw route on a combined connection; the later one leaves; combined is set
// to false: the remaining stream's raw payloads still reach it.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startStreamPeer } from "../streams/_stream_peer.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("after the later of two same-route streams leaves, combined=false still routes the other", async () => {
  await using peer = startStreamPeer();
  await using conn = await spot.connectStreams({ url: peer.url, idleTimeoutMs: 0 });
  const errors: string[] = [];
  conn.on("error", (e) => errors.push(e.error.message));
  const a = await spot.partialDepthStream(conn, { symbol: "BTCUSDT", levels: 5 });
  const b = await spot.partialDepthStream(conn, { symbol: "ETHUSDT", levels: 10 });
  await b.unsubscribe();
  await conn.setProperty("combined", false); // allowed: one partial depth stream is left
  const seen: number[] = [];
  a.on("data", (d) => seen.push(d.lastUpdateId));
  peer.sockets[0].send({ lastUpdateId: 7, bids: [["1.0", "1.0"]], asks: [["2.0", "1.0"]] });
  await waitFor("update or error", () => seen.length > 0 || errors.length > 0);
  assert.deepEqual(errors, []);
  assert.deepEqual(seen, [7]);
  await a.unsubscribe();
});
