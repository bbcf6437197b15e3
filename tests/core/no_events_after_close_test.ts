// After `close()` has emitted the final `close` event (`willReconnect: false`), frames still
// arriving during the close handshake are no longer reported: no `event`, no `error`. An answer
// to a request still in flight settles it.
import assert from "node:assert/strict";
import { connectWsApi } from "../../mod.ts";
import { okAnswer, startScriptedPeer } from "../_helpers.ts";

Deno.test("no event or error is emitted after the final close event", async () => {
  await using peer = startScriptedPeer((r) => okAnswer(r.id, {}));
  const conn = await connectWsApi({ url: peer.url });
  const log: string[] = [];
  conn.on("close", (p) => log.push(`close ${p.willReconnect}`));
  conn.on("event", (p) => log.push(`event ${p.event.e}`));
  conn.on("error", (p) => log.push(`error ${p.error.message}`));
  await conn.request("ping");
  // Sent before the client's close frame reaches the peer: they arrive during the handshake.
  peer.send(JSON.stringify({ event: { e: "outboundAccountPosition" }, subscriptionId: 0 }));
  peer.send("not json");
  peer.send(okAnswer(999, {}));
  await conn.close();
  assert.deepEqual(log, ["close false"]);
});

Deno.test("an answer arriving during the close handshake still settles its request", async () => {
  let answer: (() => void) | undefined;
  await using peer = startScriptedPeer((r, later) => {
    answer = () => later(okAnswer(r.id, { ok: 1 }));
    return undefined;
  });
  const conn = await connectWsApi({ url: peer.url });
  const pending = conn.request("slow", {}, { timeoutMs: 1_000 });
  while (answer === undefined) await new Promise((r) => setTimeout(r, 5));
  answer();
  const closed = conn.close();
  assert.deepEqual(await pending, { ok: 1 });
  await closed;
});
