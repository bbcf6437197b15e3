import assert from "node:assert/strict";
import { connectWsApi } from "../../mod.ts";

// Aborted right after connectWsApi() is called (before the WebSocket is made): the
// signal's reason, as for an abort later in the handshake.
Deno.test("connectWsApi() aborted just after the call rejects with the signal's reason", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const c of listener) held.push(c);
  })().catch(() => {});
  const url = `ws://127.0.0.1:${(listener.addr as Deno.NetAddr).port}/ws-api/v3`;
  try {
    const controller = new AbortController();
    const reason = new Error("stop");
    const p = connectWsApi({ url, signal: controller.signal });
    controller.abort(reason);
    await assert.rejects(p, (e) => {
      assert.equal(e, reason, `got ${(e as Error).name}: ${(e as Error).message}`);
      return true;
    });
  } finally {
    listener.close();
    for (const c of held) c.close();
    await accepting;
  }
});
