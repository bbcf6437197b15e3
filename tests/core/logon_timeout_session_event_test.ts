// A `session.logon` that times out on an open socket: the connection says so with a `session`
// event and logs on again on that socket (it is not logged on, and nothing else would make it
// log on before the socket changes, maybe a day later).
import assert from "node:assert/strict";
import { connectWsApi, createSigner, type WsApiSessionEvent } from "../../mod.ts";
import { FAKE_ACCOUNT } from "../../testing/mod.ts";
import { startScriptedPeer, waitFor } from "../_helpers.ts";

Deno.test("a logon that times out is a session event, and the logon is made again", async () => {
  let logons = 0;
  await using peer = startScriptedPeer((r) => {
    if (r.method === "time") {
      return JSON.stringify({ id: r.id, status: 200, result: { serverTime: Date.now() } });
    }
    if (r.method === "session.logon") {
      logons++;
      if (logons === 1) return undefined; // never answered: it times out
      return JSON.stringify({ id: r.id, status: 200, result: { apiKey: FAKE_ACCOUNT.apiKey } });
    }
    return JSON.stringify({ id: r.id, status: 200, result: {} });
  });
  await using conn = await connectWsApi({
    url: peer.url,
    timeoutMs: 200,
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await createSigner(FAKE_ACCOUNT.ed25519Key),
    },
  });
  conn.on("error", () => {});
  const sessions: WsApiSessionEvent[] = [];
  conn.on("session", (e) => sessions.push(e));
  await new Promise((r) => setTimeout(r, 3000));
  assert.ok(sessions.length > 0, "no session event after the logon timed out");
  assert.equal(sessions[0].state, "refused");
  assert.equal(sessions[0].fallback, "relogon");
  await waitFor("the logon again", () => sessions.some((s) => s.state === "loggedOn"));
  assert.equal(logons, 2);
});
