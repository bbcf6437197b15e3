// A renewal (serverShutdown, lifetime, manual) during an IP ban opens no socket before the ban
// is lifted, like a reconnect: the old socket serves meanwhile.
import assert from "node:assert/strict";
import { connectWsApi, IpBannedError } from "../../mod.ts";
import { startScriptedPeer } from "../_helpers.ts";

Deno.test("a serverShutdown during a 418 ban opens no socket before the ban is lifted", async () => {
  let retryAfter = 0;
  await using peer = startScriptedPeer((r) => {
    retryAfter = Date.now() + 3_000;
    return JSON.stringify({
      id: r.id,
      status: 418,
      error: { code: -1003, msg: "IP banned", data: { serverTime: Date.now(), retryAfter } },
    });
  });
  await using conn = await connectWsApi({ url: peer.url });
  conn.on("error", () => {});
  await assert.rejects(conn.request("ping"), (e) => e instanceof IpBannedError);
  const before = peer.upgrades.length;
  peer.send(JSON.stringify({ event: { e: "serverShutdown" } }));
  await new Promise((r) => setTimeout(r, 300));
  const during = peer.upgrades.slice(before).filter((t) => t < retryAfter);
  assert.equal(during.length, 0, `${during.length} connection attempt(s) during the ban`);
});
