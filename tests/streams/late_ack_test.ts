import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { delay, startStreamPeer, trade } from "../streams/_stream_peer.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("a SUBSCRIBE acknowledged after the connection's timeoutMs is unsubscribed at the server", async () => {
  await using peer = startStreamPeer();
  const subscribed = new Set<string>();
  peer.answer = (s, msg) => {
    if (msg.method === "SUBSCRIBE" && (msg.params as string[]).includes("ethusdt@trade")) {
      // The server takes the stream, but its answer comes late.
      for (const p of msg.params as string[]) subscribed.add(p);
      setTimeout(() => s.send({ result: null, id: msg.id }), 600);
      return undefined;
    }
    if (msg.method === "SUBSCRIBE") { for (const p of msg.params as string[]) subscribed.add(p); }
    if (msg.method === "UNSUBSCRIBE") {
      for (const p of msg.params as string[]) {
        subscribed.delete(p);
      }
    }
    return { result: null, id: msg.id };
  };
  await using conn = await spot.connectStreams({ url: peer.url, timeoutMs: 300 });
  const errors: string[] = [];
  conn.on("error", (e) => errors.push(e.error.message));
  await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  const late = await spot.tradeStream(conn, { symbol: "ETHUSDT" }).then(() => "ok", (e) => e.name);
  assert.equal(late, "RequestTimeoutError");
  await delay(1_000); // the late answer has come
  peer.sockets[0].send(trade("ethusdt@trade", 1));
  await delay(100);
  assert.deepEqual(errors, [], "the late answer is expected, not an error");
  assert.deepEqual(conn.streams, ["btcusdt@trade"]);
  await waitFor(
    "ethusdt@trade unsubscribed at the server",
    () => !subscribed.has("ethusdt@trade"),
    1_500,
  );
});
