// Two books on two sockets, both dropped: the first socket's resubscribe is answered, the
// second's not yet. The second book's stream is still down (not subscribed at the server): it
// must not read as in sync on a snapshot taken meanwhile.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { startStreamPeer } from "../streams/_stream_peer.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("order book: another socket's resubscribe does not bring back a book whose stream is not resubscribed", async () => {
  await using fake = await startFakeBinance();
  await using peer = startStreamPeer();
  const held: (() => void)[] = [];
  peer.answer = (s, msg) => {
    const eth = msg.params?.some((p) => String(p).startsWith("ethusdt")) ?? false;
    if (msg.method === "SUBSCRIBE" && s.n > 2 && eth) {
      held.push(() => s.send({ result: null, id: msg.id }));
      return undefined;
    }
    return { result: null, id: msg.id };
  };
  await using streams = await spot.connectStreams({
    url: peer.url,
    idleTimeoutMs: 0,
    maxStreamsPerConnection: 1,
    reconnect: { initialDelayMs: 10, maxDelayMs: 10 },
  });
  streams.on("error", () => {});
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl });
  await using book = await spot.openOrderBook({ streams, api }, ["BTCUSDT", "ETHUSDT"]);
  book.on("gap", () => {});
  assert.equal(peer.sockets.length, 2);
  for (const s of peer.sockets) s.ws.close(1011, "dropped");
  await waitFor("both unsynced", () => !book.isSynced("BTCUSDT") && !book.isSynced("ETHUSDT"), 500);
  await waitFor("BTCUSDT in sync again", () => book.isSynced("BTCUSDT"), 800);
  await waitFor("ETH's SUBSCRIBE held", () => held.length > 0, 500);
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(book.isSynced("ETHUSDT"), false, "in sync while its stream is not subscribed");
  for (const answer of held) answer();
  await waitFor("ETHUSDT in sync once subscribed", () => book.isSynced("ETHUSDT"), 800);
});
