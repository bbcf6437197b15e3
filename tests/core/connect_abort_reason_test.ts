import assert from "node:assert/strict";
import { connectWsApi } from "../../mod.ts";

// An already-aborted signal rejects connectWsApi() with the signal's reason (as every signal of
// the module does); the same signal aborting while the handshake is under way rejects with a
// ConnectionOpenError("aborted") instead, so `error === signal.reason` checks fail.
Deno.test("connectWsApi() aborted during the handshake rejects with the signal's reason", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 }); // accepts, never answers
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const c of listener) held.push(c);
  })().catch(() => {});
  const url = `ws://127.0.0.1:${(listener.addr as Deno.NetAddr).port}/ws-api/v3`;
  try {
    const before = new Error("stop");
    await assert.rejects(
      connectWsApi({ url, signal: AbortSignal.abort(before) }),
      (e) => e === before,
    );
    const controller = new AbortController();
    const reason = new Error("stop");
    setTimeout(() => controller.abort(reason), 100);
    await assert.rejects(connectWsApi({ url, signal: controller.signal }), (e) => {
      assert.equal(e, reason, `got ${(e as Error).name}: ${(e as Error).message}`);
      return true;
    });
  } finally {
    listener.close();
    for (const c of held) c.close();
    await accepting;
  }
});
