import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startStreamPeer } from "../streams/_stream_peer.ts";

async function outcomeWithin(p: Promise<unknown>, ms: number): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const out = await Promise.race([
    p.then(() => "resolved", (e) => `rejected: ${(e as Error).name}`),
    new Promise<string>((r) => (timer = setTimeout(() => r(`still pending after ${ms} ms`), ms))),
  ]);
  clearTimeout(timer);
  return out;
}

Deno.test("unsubscribe({ signal }) honours a signal that aborts while waiting", async () => {
  await using peer = startStreamPeer();
  peer.answer = (_s, msg) =>
    msg.method === "UNSUBSCRIBE" ? undefined : { result: null, id: msg.id };
  await using conn = await spot.connectStreams({ url: peer.url, timeoutMs: 3_000 });
  const sub = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  const out = await outcomeWithin(sub.unsubscribe({ signal: AbortSignal.timeout(200) }), 1_500);
  assert.match(out, /^rejected/);
});

Deno.test("unsubscribe({ timeoutMs }) honours its timeout", async () => {
  await using peer = startStreamPeer();
  peer.answer = (_s, msg) =>
    msg.method === "UNSUBSCRIBE" ? undefined : { result: null, id: msg.id };
  await using conn = await spot.connectStreams({ url: peer.url, timeoutMs: 3_000 });
  const sub = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  const out = await outcomeWithin(sub.unsubscribe({ timeoutMs: 200 }), 1_500);
  assert.match(out, /^rejected: RequestTimeoutError/);
});
