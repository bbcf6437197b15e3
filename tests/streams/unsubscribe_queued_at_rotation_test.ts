// A stream unsubscribed just before a rotation, its UNSUBSCRIBE still paced in the queue: the
// message goes on the rotation's new socket, while the old one still carries the stream. When
// the new socket dies and the old one goes on, the stream must leave the old socket too.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("a stream whose UNSUBSCRIBE was queued when a rotation started is not left on the old socket", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    maxControlMessagesPerSecond: 2,
    maxOverlapMs: 5_000,
    idleTimeoutMs: 0,
    reconnect: { initialDelayMs: 2_000 },
  });
  conn.on("error", () => {});
  conn.on("gap", () => {});
  const [_btc, eth] = await Promise.all([
    spot.tradeStream(conn, { symbol: "BTCUSDT" }),
    spot.tradeStream(conn, { symbol: "ETHUSDT" }),
  ]); // one SUBSCRIBE
  await conn.listSubscriptions(); // the second message of the window: the next one waits
  const unsubscribing = eth.unsubscribe(); // queued (paced)
  const rotating = conn.rotate();
  await waitFor(
    "the UNSUBSCRIBE sent on the new socket",
    () => fake.streams.received.some((f) => f.text.includes("UNSUBSCRIBE")),
    3_000,
  );
  await unsubscribing;
  fake.streams.dropNewest(); // the rotation's new socket dies: the old one goes on
  await rotating;
  await waitFor("one socket", () => fake.streams.subscriptions().length === 1);
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(fake.streams.subscriptions(), [["btcusdt@trade"]]);
});
