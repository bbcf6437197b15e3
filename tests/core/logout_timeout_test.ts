// sessionLogout waits for a logon in flight within its own timeoutMs (one deadline for that
// wait and the logout), and says "not sent" when it runs out there.
import assert from "node:assert/strict";
import { connectWsApi, createSigner, RequestTimeoutError, sessionLogout } from "../../mod.ts";
import { FAKE_ACCOUNT } from "../../testing/mod.ts";
import { startScriptedPeer } from "../_helpers.ts";

Deno.test("sessionLogout's timeoutMs bounds its wait for a logon in flight", async () => {
  await using peer = startScriptedPeer((r) => {
    if (r.method === "time") {
      return JSON.stringify({ id: r.id, status: 200, result: { serverTime: Date.now() } });
    }
    if (r.method === "session.logon") return undefined; // never answered
    return JSON.stringify({ id: r.id, status: 200, result: {} });
  });
  await using conn = await connectWsApi({
    url: peer.url,
    timeoutMs: 3_000,
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await createSigner(FAKE_ACCOUNT.ed25519Key),
    },
  });
  conn.on("session", () => {});
  conn.on("error", () => {});
  await new Promise((r) => setTimeout(r, 50));
  const t0 = performance.now();
  const err = await sessionLogout(conn, {}, { timeoutMs: 300 }).then(() => undefined, (e) => e);
  const took = performance.now() - t0;
  assert.ok(
    took < 1_000,
    `sessionLogout({ timeoutMs: 300 }) settled after ${Math.round(took)} ms (${err})`,
  );
  assert.ok(err instanceof RequestTimeoutError && err.outcome === "notSent");
});
