// A stream whose SUBSCRIBE was already sent on the old socket (answer not yet in) when a rotation
// starts stays the old socket's until the overlap is proven: its updates there are delivered.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { delay, startStreamPeer, trade } from "../streams/_stream_peer.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("updates after the ack of a sent-but-unanswered SUBSCRIBE are not lost in a rotation", async () => {
  await using peer = startStreamPeer();
  const held: { s: number; id: number }[] = [];
  peer.answer = (s, msg) => {
    if (msg.method === "SUBSCRIBE" && msg.params?.includes("busdt@trade")) {
      held.push({ s: s.n, id: msg.id }); // answered by the test
      return undefined;
    }
    return { result: null, id: msg.id };
  };
  await using conn = await spot.connectStreams({
    url: peer.url,
    idleTimeoutMs: 0,
    maxOverlapMs: 3000,
  });
  const gaps: unknown[] = [];
  conn.on("gap", (g) => gaps.push(g));
  const a = await spot.tradeStream(conn, { symbol: "AUSDT" });
  const bPromise = spot.tradeStream(conn, { symbol: "BUSDT" });
  await waitFor("B's SUBSCRIBE sent on socket 1", () => held.some((h) => h.s === 1));
  const rotating = conn.rotate();
  await waitFor("B's SUBSCRIBE on socket 2", () => held.some((h) => h.s === 2));
  const s1 = peer.sockets[0], s2 = peer.sockets[1];
  // Socket 1 acknowledges B: the subscription resolves, then socket 1 delivers trades 1..3.
  s1.send({ result: null, id: held.find((h) => h.s === 1)!.id });
  const b = await bPromise;
  const seen: number[] = [];
  b.on("data", (t) => seen.push(t.tradeId));
  for (let t = 1; t <= 3; t++) s1.send(trade("busdt@trade", t));
  await delay(100);
  // Socket 2 acknowledges later and starts (overlapping) at 3.
  s2.send({ result: null, id: held.find((h) => h.s === 2)!.id });
  for (let t = 3; t <= 5; t++) s2.send(trade("busdt@trade", t));
  await waitFor("trade 5", () => seen.includes(5), 3000);
  assert.deepEqual({ seen, gaps }, { seen: [1, 2, 3, 4, 5], gaps: [] });
  await a.unsubscribe();
  await b.unsubscribe();
  await rotating;
});
