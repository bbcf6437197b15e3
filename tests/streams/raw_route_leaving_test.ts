// On a raw connection a partial depth payload names no symbol. A stream that leaves while its
// last frames are still in flight, and another of the same raw route subscribed right after on
// the same socket: those late frames belong to the one that left (the server answers the
// UNSUBSCRIBE after them, and the new SUBSCRIBE after that), never to the new stream.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startStreamPeer } from "./_stream_peer.ts";
import { waitFor } from "../_helpers.ts";

const depth = (lastUpdateId: number, price: string) => ({
  lastUpdateId,
  bids: [[price, "1.0"]],
  asks: [[price, "1.0"]],
});

Deno.test("raw: a late frame of a removed stream is not delivered to a new stream of its route", async () => {
  await using peer = startStreamPeer();
  peer.answer = (s, msg) => {
    // The BTC book's last frame was on its way when the UNSUBSCRIBE arrived.
    if (msg.method === "UNSUBSCRIBE") s.send(depth(900, "60000.00"));
    return { result: null, id: msg.id };
  };
  await using conn = await spot.connectStreams({
    url: peer.url,
    combined: false,
    idleTimeoutMs: 0,
  });
  const errors: string[] = [];
  conn.on("error", (e) => errors.push(e.error.message));
  const btc = await spot.partialDepthStream(conn, { symbol: "BTCUSDT", levels: 5 });
  const leaving = btc.unsubscribe();
  const eth = await spot.partialDepthStream(conn, { symbol: "ETHUSDT", levels: 5 });
  await leaving;
  const seen: string[] = [];
  eth.on("data", (d) => seen.push(d.bids[0][0]));
  peer.sockets[0].send(depth(7, "3000.00"));
  await waitFor("the ETH update", () => seen.includes("3000.00"), 300).catch(() => {});
  assert.deepEqual(
    seen,
    ["3000.00"],
    `ETH's updates: ${JSON.stringify(seen)}, ${JSON.stringify(eth.stats)}`,
  );
  assert.deepEqual(errors, []);
  await eth.unsubscribe();
});
