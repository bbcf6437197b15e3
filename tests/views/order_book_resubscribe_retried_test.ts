// A book's stream whose resubscribe after a drop is refused once, then made by the retry: the
// stream is back, so the book must sync again (a snapshot), not wait for the symbol's next
// update (a quiet symbol may send none for long).
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { startStreamPeer } from "../streams/_stream_peer.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("order book: a resubscribe refused once then made by its retry syncs the book again", async () => {
  await using fake = await startFakeBinance();
  await using peer = startStreamPeer();
  let refused = 0;
  let answeredAgain = false;
  peer.answer = (s, msg) => {
    if (msg.method === "SUBSCRIBE" && s.n === 2 && refused === 0) {
      refused++;
      return { code: 3, msg: "Internal error", id: msg.id };
    }
    if (msg.method === "SUBSCRIBE" && s.n === 2) answeredAgain = true;
    return { result: null, id: msg.id };
  };
  await using streams = await spot.connectStreams({
    url: peer.url,
    idleTimeoutMs: 0,
    reconnect: { initialDelayMs: 10, maxDelayMs: 10 },
  });
  streams.on("error", () => {});
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl });
  await using book = await spot.openOrderBook({ streams, api }, "BTCUSDT");
  book.on("gap", () => {});
  assert.equal(book.isSynced("BTCUSDT"), true);
  peer.sockets[0].ws.close(1011, "dropped");
  await waitFor("unsynced", () => !book.isSynced("BTCUSDT"), 500);
  await waitFor("the retried SUBSCRIBE answered", () => answeredAgain, 1_500);
  await waitFor("in sync again", () => book.isSynced("BTCUSDT"), 400).catch(() => {});
  assert.equal(
    book.isSynced("BTCUSDT"),
    true,
    "the stream is back but the book waits for an update",
  );
});
