// Control requests while the only socket is being reopened wait for the new socket (or fail
// in time): listSubscriptions() never answers a silently empty list, getProperty() never "closed".
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { delay, startStreamPeer } from "./_stream_peer.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("listSubscriptions during a reconnect lists the streams, not []", async () => {
  await using peer = startStreamPeer();
  await using conn = await spot.connectStreams({
    url: peer.url,
    reconnect: { initialDelayMs: 300, jitter: false },
  });
  conn.on("error", () => {});
  conn.on("gap", () => {});
  await using _t = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  peer.answer = (_s, msg) =>
    msg.method === "LIST_SUBSCRIPTIONS"
      ? { result: ["btcusdt@trade"], id: msg.id }
      : { result: null, id: msg.id };
  let closed = false;
  conn.on("close", () => (closed = true));
  peer.sockets[0].ws.close();
  await waitFor("close", () => closed);
  assert.equal(conn.state, "open");
  const list = await conn.listSubscriptions();
  assert.deepEqual(list, ["btcusdt@trade"]);
  await delay(10);
});

Deno.test("getProperty during a reconnect asks the new socket, not fails as closed", async () => {
  await using peer = startStreamPeer();
  await using conn = await spot.connectStreams({
    url: peer.url,
    reconnect: { initialDelayMs: 300, jitter: false },
  });
  conn.on("error", () => {});
  conn.on("gap", () => {});
  await using _t = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  peer.answer = (_s, msg) =>
    msg.method === "GET_PROPERTY" ? { result: true, id: msg.id } : { result: null, id: msg.id };
  let closed = false;
  conn.on("close", () => (closed = true));
  peer.sockets[0].ws.close();
  await waitFor("close", () => closed);
  assert.equal(conn.state, "open");
  assert.equal(await conn.getProperty("combined"), true);
  await delay(10);
});
