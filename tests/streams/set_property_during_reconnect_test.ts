// setProperty "resolves once every socket acknowledged": one called while the only socket is
// being reopened must wait for the new socket's answer (and reject when Binance refuses it),
// not resolve at once, unanswered.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("setProperty during a reconnect waits for the new socket's answer", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    reconnect: { initialDelayMs: 300, maxDelayMs: 300 },
  });
  await using _t = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  const errors: string[] = [];
  conn.on("error", (e) => errors.push(e.error.message));
  let closed = 0;
  conn.on("close", () => closed++);
  let resubscribed = 0;
  conn.on("resubscribed", () => resubscribed++);
  fake.streams.drop();
  await waitFor("the drop", () => closed > 0);
  // Binance refuses this value (code 1 "Invalid value type"): the caller must hear it.
  const outcome = await conn.setProperty("combined", "yes").then(
    () => "resolved",
    (e: Error) => e.message,
  );
  await waitFor("resubscribed", () => resubscribed > 0);
  assert.match(outcome, /Invalid value type/, "setProperty resolved before any socket answered");
  await new Promise((r) => setTimeout(r, 100));
});
