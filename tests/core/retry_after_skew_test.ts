// retryAfter is a server time. On a connection whose clock offset was never measured (no
// SIGNED request), a local clock 5 s ahead of the exchange must not end the block early: the
// 429/418 carries data.serverTime, and the block lasts retryAfter − serverTime.
import assert from "node:assert/strict";
import { connectWsApi, IpBannedError, RateLimitError } from "../../mod.ts";
import { startScriptedPeer } from "../_helpers.ts";

const SKEW_MS = 5_000; // the exchange's clock is 5 s behind the local one
const serverNow = () => Date.now() - SKEW_MS;

for (const status of [429, 418] as const) {
  Deno.test(`a ${status}'s retryAfter is honoured on the exchange's clock, not the local one`, async () => {
    let retryAfterServer = 0;
    let blockedAtLocal = 0;
    let first = true;
    const sentAt: number[] = [];
    await using peer = startScriptedPeer((r) => {
      if (!first) {
        sentAt.push(Date.now());
        return JSON.stringify({ id: r.id, status: 200, result: {} });
      }
      first = false;
      const serverTime = serverNow();
      retryAfterServer = serverTime + 1_000;
      blockedAtLocal = Date.now();
      return JSON.stringify({
        id: r.id,
        status,
        error: {
          code: -1003,
          msg: "Too much request weight used",
          data: { serverTime, retryAfter: retryAfterServer },
        },
      });
    });
    await using conn = await connectWsApi({ url: peer.url, reconnect: false });
    await assert.rejects(
      conn.request("ping"),
      (e) => e instanceof RateLimitError || e instanceof IpBannedError,
    );
    if (status === 418) {
      // During a ban nothing is sent: refused here at once, then sent once the ban is lifted.
      await assert.rejects(conn.request("ping"), (e) => e instanceof IpBannedError);
      assert.equal(sentAt.length, 0, "nothing sent during the ban");
      await new Promise((r) => setTimeout(r, blockedAtLocal + 1_050 - Date.now()));
    }
    await conn.request("ping", {}, { timeoutMs: 5_000 });
    assert.ok(sentAt.length > 0);
    const waited = sentAt[0] - blockedAtLocal;
    assert.ok(
      waited >= 990,
      `the next request went ${waited} ms after the ${status}; retryAfter was 1000 ms after it`,
    );
  });
}
