// A signed request that passed the gate and then waits for the session's logon is held by a
// 429 that comes meanwhile (the logon's own): it goes no earlier than the block's retryAfter.
import assert from "node:assert/strict";
import { connectWsApi, createSigner } from "../../mod.ts";
import { FAKE_ACCOUNT } from "../../testing/mod.ts";
import { startScriptedPeer } from "../_helpers.ts";

Deno.test("a signed request waiting for a logon answered 429 is not sent before retryAfter", async () => {
  let retryAfter = 0;
  const sentAt: Record<string, number> = {};
  await using peer = startScriptedPeer((r, later) => {
    sentAt[r.method] ??= Date.now();
    if (r.method === "time") {
      return JSON.stringify({ id: r.id, status: 200, result: { serverTime: Date.now() } });
    }
    if (r.method === "session.logon" && retryAfter === 0) {
      retryAfter = Date.now() + 1000;
      // Answered a little later, so that the request is waiting for it.
      setTimeout(() =>
        later(JSON.stringify({
          id: r.id,
          status: 429,
          error: { code: -1003, msg: "Too much request weight used", data: { retryAfter } },
        })), 100);
      return undefined;
    }
    if (r.method === "session.logon") {
      return JSON.stringify({ id: r.id, status: 200, result: { apiKey: FAKE_ACCOUNT.apiKey } });
    }
    return JSON.stringify({ id: r.id, status: 200, result: {} });
  });
  await using conn = await connectWsApi({
    url: peer.url,
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await createSigner(FAKE_ACCOUNT.ed25519Key),
    },
  });
  conn.on("error", () => {});
  conn.on("session", () => {});
  await new Promise((r) => setTimeout(r, 30)); // the logon is in flight
  await conn.request("account.status", {}, { security: "USER_DATA", timeoutMs: 5000 });
  const at = sentAt["account.status"];
  assert.ok(at >= retryAfter - 5, `sent ${retryAfter - at} ms before retryAfter`);
});
