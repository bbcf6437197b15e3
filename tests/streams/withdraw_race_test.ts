import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { delay, startStreamPeer } from "../streams/_stream_peer.ts";
import { waitFor } from "../_helpers.ts";

// A peer that keeps the server's list and answers every control message (after `lag` ms).
function trackingPeer() {
  const peer = startStreamPeer();
  const subscribed = new Set<string>();
  const lag = new Map<string, number>(); // stream -> answer delay of a SUBSCRIBE holding it
  peer.answer = (s, msg) => {
    const params = (msg.params ?? []) as string[];
    if (msg.method === "SUBSCRIBE") {
      for (const p of params) subscribed.add(p);
      const ms = Math.max(0, ...params.map((p) => lag.get(p) ?? 0));
      if (ms > 0) {
        setTimeout(() => s.send({ result: null, id: msg.id }), ms);
        return undefined;
      }
    }
    if (msg.method === "UNSUBSCRIBE") { for (const p of params) subscribed.delete(p); }
    return { result: null, id: msg.id };
  };
  return { peer, subscribed, lag };
}

Deno.test("withdrawn, then subscribed again: the subscribe resolves only once the server has the stream", async () => {
  const { peer, subscribed, lag } = trackingPeer();
  await using _p = peer;
  await using conn = await spot.connectStreams({ url: peer.url, maxControlMessagesPerSecond: 1 });
  conn.on("error", () => {});
  await spot.tradeStream(conn, { symbol: "AUSDT" }); // the pacing window is used
  lag.set("xusdt@trade", 400);
  // X and B share one queued SUBSCRIBE; B's caller gives up while it is queued (withdrawn).
  const x = spot.tradeStream(conn, { symbol: "XUSDT" });
  const ac = new AbortController();
  const b = spot.tradeStream(conn, { symbol: "BUSDT" }, { signal: ac.signal });
  await delay(20);
  ac.abort();
  await b.catch(() => {});
  // The SUBSCRIBE [X] leaves; B is asked for again meanwhile (a new message, paced).
  await waitFor("X sent", () =>
    peer.sockets[0].received.some((m) =>
      m.method === "SUBSCRIBE" &&
      (m.params as string[]).includes("xusdt@trade")
    ), 3_000);
  let serverHadB: boolean | undefined;
  const b2 = spot.tradeStream(conn, { symbol: "BUSDT" }).then((sub) => {
    serverHadB = subscribed.has("busdt@trade");
    return sub;
  });
  await x;
  await b2;
  assert.equal(serverHadB, true, "b2 resolved before its SUBSCRIBE reached the server");
});

Deno.test("withdrawn, then subscribed again: a later given-up subscribe of it is still unsubscribed at the server", async () => {
  const { peer, subscribed, lag } = trackingPeer();
  await using _p = peer;
  await using conn = await spot.connectStreams({ url: peer.url, maxControlMessagesPerSecond: 1 });
  conn.on("error", () => {});
  await spot.tradeStream(conn, { symbol: "AUSDT" });
  const x = spot.tradeStream(conn, { symbol: "XUSDT" });
  const ac = new AbortController();
  const b = spot.tradeStream(conn, { symbol: "BUSDT" }, { signal: ac.signal });
  await delay(20);
  ac.abort();
  await b.catch(() => {});
  // Subscribed again while [X] is still queued: it joins that message.
  const b2 = await spot.tradeStream(conn, { symbol: "BUSDT" });
  await x;
  await b2.unsubscribe();
  await delay(1_200); // pacing window
  assert.equal(subscribed.has("busdt@trade"), false);
  // Now B is asked for again, sent, and given up before its (late) answer.
  lag.set("busdt@trade", 400);
  const ac2 = new AbortController();
  const b3 = spot.tradeStream(conn, { symbol: "BUSDT" }, { signal: ac2.signal });
  await waitFor("B sent", () => subscribed.has("busdt@trade"), 3_000);
  ac2.abort();
  await b3.catch(() => {});
  // Its answer comes: the server has B, nobody holds it: it must be unsubscribed.
  await waitFor("B unsubscribed at the server", () => !subscribed.has("busdt@trade"), 3_000);
});
