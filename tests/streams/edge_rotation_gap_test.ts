import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { bookTicker, delay, startStreamPeer } from "./_stream_peer.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("streams: a rotation that cannot prove its overlap, with nothing held, reports a gap for a stream without ids", async () => {
  await using peer = startStreamPeer();
  // Socket 2 (the rotation's) takes 400 ms to act on its SUBSCRIBE.
  peer.answer = (s, msg) => {
    if (s.n === 2 && msg.method === "SUBSCRIBE") {
      setTimeout(() => s.send({ result: null, id: msg.id }), 400);
      return undefined;
    }
    return { result: null, id: msg.id };
  };
  await using conn = await spot.connectStreams({ url: peer.url, maxOverlapMs: 150 });
  const sub = await spot.bookTickerStream(conn, { symbol: "BTCUSDT" });
  const seen: number[] = [];
  const gaps: spot.StreamGap[] = [];
  sub.on("data", (v) => seen.push(v.updateId));
  sub.on("gap", (g) => gaps.push(g));
  const s1 = peer.sockets[0];
  for (let u = 1; u <= 3; u++) s1.send(bookTicker(u));
  await waitFor("3 updates", () => seen.length === 3);
  const rotating = conn.rotate();
  // The market goes on: updates 4..19, each sent on every socket subscribed at the time.
  let u = 4;
  let at2 = Infinity;
  const market = (async () => {
    for (; u < 20; u++) {
      await delay(40);
      if (s1.ws.readyState === WebSocket.OPEN) s1.send(bookTicker(u));
      const s2 = peer.sockets[1];
      if (s2 && s2.received.length > 0 && Date.now() - at2 >= 400) s2.send(bookTicker(u));
    }
  })();
  await waitFor("socket 2", () => peer.sockets.length === 2 && peer.sockets[1].received.length > 0);
  at2 = Date.now();
  await rotating;
  await market;
  await waitFor("last update", () => seen.at(-1) === 19);
  const missing = [];
  for (let i = 1; i <= 19; i++) if (!seen.includes(i)) missing.push(i);
  assert.ok(missing.length > 0, "the scenario loses updates");
  assert.ok(gaps.length > 0, "a lost range is reported by a gap");
});
