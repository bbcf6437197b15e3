// combined=false, then a rotation; during its overlap combined=true (sent on the new socket
// only). The new socket dies and the old socket, still raw at the server, goes on: it gets the
// last value (combined=true) again with its resubscribe.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { delay, startStreamPeer } from "../streams/_stream_peer.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("the old socket of a failed rotation gets combined back after combined=true", async () => {
  await using peer = startStreamPeer();
  await using conn = await spot.connectStreams({
    url: peer.url,
    idleTimeoutMs: 0,
    maxOverlapMs: 5000,
    reconnect: { initialDelayMs: 5000 },
  });
  conn.on("error", () => {});
  const btc = await spot.partialDepthStream(conn, { symbol: "BTCUSDT", levels: 5 });
  await conn.setProperty("combined", false); // socket 1 is raw now
  const rotating = conn.rotate();
  await waitFor(
    "socket 2 subscribed",
    () => peer.sockets[1]?.received.some((m) => m.method === "SUBSCRIBE") ?? false,
  );
  await conn.setProperty("combined", true); // socket 2 only
  const s1 = peer.sockets[0];
  const before = s1.received.length;
  peer.sockets[1].ws.close(); // the new socket dies: socket 1 goes on
  await waitFor(
    "socket 1 resubscribed",
    () => s1.received.slice(before).some((m) => m.method === "SUBSCRIBE"),
  );
  await delay(50);
  const sentAgain = s1.received.slice(before).filter((m) => m.method === "SET_PROPERTY");
  // Consequence: a second partial depth stream is accepted though socket 1 sends raw frames.
  let refused = false;
  let eth: spot.Subscription<spot.PartialDepthEvent> | undefined;
  try {
    eth = await spot.partialDepthStream(conn, { symbol: "ETHUSDT", levels: 10 });
  } catch {
    refused = true;
  }
  const btcSeen: number[] = [], ethSeen: number[] = [];
  btc.on("data", (d) => btcSeen.push(d.lastUpdateId));
  eth?.on("data", (d) => ethSeen.push(d.lastUpdateId));
  s1.send({ lastUpdateId: 7, bids: [["1.0", "1.0"]], asks: [["2.0", "1.0"]] }); // BTC's, raw
  await delay(100);
  const state = { sentAgain: sentAgain.map((m) => m.params), refused, btcSeen, ethSeen };
  assert.ok(
    state.sentAgain.some((p) => p?.[1] === true) || (refused && btcSeen.length === 1),
    `old raw socket not reset and clash not refused: ${JSON.stringify(state)}`,
  );
  await conn.close();
  await rotating.catch(() => {});
});
