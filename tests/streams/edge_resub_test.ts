import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { delay, startStreamPeer, trade } from "./_stream_peer.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("streams: a resubscribe whose answer is lost is asked again, and the stream goes on after a gap", async () => {
  await using peer = startStreamPeer();
  const subscribed = new Map<number, Set<string>>();
  peer.answer = (s, msg) => {
    const set = subscribed.get(s.n) ?? new Set<string>();
    subscribed.set(s.n, set);
    if (msg.method === "SUBSCRIBE") {
      if (s.n === 2 && s.received.filter((m) => m.method === "SUBSCRIBE").length === 1) {
        return undefined; // the first SUBSCRIBE on socket 2 is lost
      }
      for (const p of msg.params as string[]) set.add(p);
      return { result: null, id: msg.id };
    }
    if (msg.method === "LIST_SUBSCRIPTIONS") return { result: [...set], id: msg.id };
    return { result: null, id: msg.id };
  };
  await using conn = await spot.connectStreams({
    url: peer.url,
    timeoutMs: 200,
    idleTimeoutMs: 100,
    reconnect: { initialDelayMs: 10 },
  });
  const errors: string[] = [];
  conn.on("error", (e) => errors.push(e.error.message));
  const sub = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  const seen: number[] = [];
  const gaps: spot.StreamGap[] = [];
  let ended = false;
  sub.on("data", (t) => seen.push(t.tradeId));
  sub.on("gap", (g) => gaps.push(g));
  sub.on("end", () => (ended = true));
  peer.sockets[0].send(trade("btcusdt@trade", 1));
  await waitFor("trade 1", () => seen.length === 1);
  peer.sockets[0].ws.close(1011, "dropped");
  await waitFor("socket 2", () => peer.sockets.length === 2);
  // The market goes on for 1.5 s; the server streams to whoever is subscribed.
  for (let t = 2; t < 30; t++) {
    await delay(50);
    for (const s of peer.sockets) {
      if (subscribed.get(s.n)?.has("btcusdt@trade")) s.send(trade("btcusdt@trade", t));
    }
  }
  // The lost resubscribe is said, asked again, and the stream goes on after a gap.
  assert.ok(seen.length > 1, `trades after the reconnect: ${seen}`);
  assert.equal(gaps.length, 1);
  assert.equal(ended, false);
  assert.ok(errors.length >= 1, "the failed resubscribe is an error event");
});
