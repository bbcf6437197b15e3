// When the reconnect policy gives up (`maxAttempts`), the final `close` event must not say the
// client closed the connection: a listener that treats "closed by the client" as intended
// (no alert) would see a connection that stopped on its own as a normal shutdown.
import assert from "node:assert/strict";
import { connectWsApi } from "../../mod.ts";
import { okAnswer, record, startScriptedPeer, waitFor } from "../_helpers.ts";

Deno.test("the close event after a give-up does not claim the client closed", async () => {
  await using peer = startScriptedPeer((r) => okAnswer(r.id, {}));
  await using conn = await connectWsApi({
    url: peer.url,
    reconnect: { maxAttempts: 2, initialDelayMs: 10, jitter: false },
  });
  conn.on("error", () => {});
  const closes = record(conn, "close");
  peer.refusing = true;
  peer.drop();
  await waitFor("the give-up", () => conn.state === "closed", 2_000);
  assert.equal(closes.length, 2);
  assert.equal(closes[1].willReconnect, false);
  assert.notEqual(closes[1].reason, "closed by the client");
  assert.match(closes[1].reason, /gave up/i);
});
