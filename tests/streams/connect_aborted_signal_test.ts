// connectStreams with a signal that is already aborted: nothing is opened, and it rejects with
// the signal's reason (as an abort during the handshake does), rather than returning an open
// connection that the signal can no longer close.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startStreamPeer } from "./_stream_peer.ts";

Deno.test("connectStreams() with an already aborted signal does not return an open connection", async () => {
  await using peer = startStreamPeer();
  const controller = new AbortController();
  const reason = new Error("stop");
  controller.abort(reason);
  let outcome: unknown;
  let conn: spot.StreamConnection | undefined;
  try {
    conn = await spot.connectStreams({
      url: peer.url,
      idleTimeoutMs: 0,
      signal: controller.signal,
    });
    outcome = `a connection in state "${conn.state}" over ${conn.sockets} socket(s)`;
  } catch (error) {
    outcome = error;
  } finally {
    await conn?.close();
  }
  assert.equal(outcome, reason);
  assert.equal(peer.sockets.length, 0, "a socket was opened");
});
