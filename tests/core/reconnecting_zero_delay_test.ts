// A reconnect whose policy delay is 0 still says "reconnecting" for each attempt.
import assert from "node:assert/strict";
import { connectWsApi, ping } from "../../mod.ts";
import { nextEvent, record, startScriptedPeer, waitFor } from "../_helpers.ts";

const answer = (r: { id: unknown }) => JSON.stringify({ id: r.id, status: 200, result: {} });

Deno.test("reconnect with initialDelayMs 0 emits reconnecting per attempt", async () => {
  await using peer = startScriptedPeer(answer);
  await using conn = await connectWsApi({
    url: peer.url,
    reconnect: { initialDelayMs: 0, jitter: false },
  });
  conn.on("error", () => {});
  const waits = record(conn, "reconnecting");
  const first = peer.upgrades.length;
  peer.refusing = true;
  peer.drop();
  await waitFor("three attempts", () => peer.upgrades.length >= first + 3);
  peer.refusing = false;
  await nextEvent(conn, "reconnected");
  assert.deepEqual(await ping(conn), {});
  assert.ok(waits.length >= 3, `reconnecting events: ${JSON.stringify(waits)}`);
  assert.deepEqual(waits.slice(0, 3).map((w) => w.attempt), [1, 2, 3]);
});
