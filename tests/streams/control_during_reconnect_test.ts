// Control requests while the only socket is being reopened wait for the new socket (or fail
// in time): listSubscriptions() never answers a silently empty list, getProperty() never "closed".
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { delay, startStreamPeer } from "./_stream_peer.ts";
import { waitFor } from "../_helpers.ts";

/**
 * A connection with one trade stream whose only socket the peer closed: `check` runs while it
 * is being reopened (reconnect delay 300 ms), with `answer` answering control requests.
 */
async function whileReconnecting(
  answer: (msg: { method: string; id: number }) => { result: unknown; id: number },
  check: (conn: spot.StreamConnection) => Promise<void>,
): Promise<void> {
  await using peer = startStreamPeer();
  await using conn = await spot.connectStreams({
    url: peer.url,
    reconnect: { initialDelayMs: 300, jitter: false },
  });
  conn.on("error", () => {});
  conn.on("gap", () => {});
  await using _t = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  peer.answer = (_s, msg) => answer(msg as { method: string; id: number });
  let closed = false;
  conn.on("close", () => (closed = true));
  peer.sockets[0].ws.close();
  await waitFor("close", () => closed);
  assert.equal(conn.state, "open");
  await check(conn);
  await delay(10);
}

Deno.test("listSubscriptions during a reconnect lists the streams, not []", async () => {
  await whileReconnecting(
    (msg) => ({
      result: msg.method === "LIST_SUBSCRIPTIONS" ? ["btcusdt@trade"] : null,
      id: msg.id,
    }),
    async (conn) => assert.deepEqual(await conn.listSubscriptions(), ["btcusdt@trade"]),
  );
});

Deno.test("getProperty during a reconnect asks the new socket, not fails as closed", async () => {
  await whileReconnecting(
    (msg) => ({ result: msg.method === "GET_PROPERTY" ? true : null, id: msg.id }),
    async (conn) => assert.equal(await conn.getProperty("combined"), true),
  );
});
