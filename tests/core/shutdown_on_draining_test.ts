// A `serverShutdown` that arrives on a socket already renewed away from (draining its last
// requests) is about that old socket: it must not renew the fresh active socket again.
import assert from "node:assert/strict";
import { connectWsApi } from "../../mod.ts";
import { okAnswer, record, startScriptedPeer } from "../_helpers.ts";

Deno.test("a serverShutdown on a draining socket does not renew the new socket", async () => {
  let holdLater: ((frame: string) => void) | undefined;
  await using peer = startScriptedPeer((r, later) => {
    if (r.method === "hold") {
      holdLater = later; // answered by the test, on the socket it came on
      return undefined;
    }
    return okAnswer(r.id, {});
  });
  await using conn = await connectWsApi({ url: peer.url });
  const renewed = record(conn, "renewed");
  const held = conn.request("hold", {}, { timeoutMs: 2_000 });
  held.catch(() => {});
  while (holdLater === undefined) await new Promise((r) => setTimeout(r, 5));
  await conn.renew("manual"); // the old socket drains: "hold" is pending there
  assert.equal(peer.upgrades.length, 2);
  holdLater(JSON.stringify({ event: { e: "serverShutdown" } })); // on the old socket only
  await new Promise((r) => setTimeout(r, 150));
  assert.deepEqual(renewed, [{ reason: "manual" }]);
  assert.equal(peer.upgrades.length, 2, "no further socket was opened");
  holdLater(okAnswer(peer.received.find((q) => q.method === "hold")!.id, {}));
  await held;
});
