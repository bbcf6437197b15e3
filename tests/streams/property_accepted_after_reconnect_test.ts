// A SET_PROPERTY whose socket dropped before its answer is kept and re-sent (and acknowledged)
// on the next socket; a later refused call must go back to it, not to Binance's default.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("a refused setProperty goes back to a value re-applied on a reconnect", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    reconnect: { initialDelayMs: 10 },
  });
  await using _t = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  conn.on("error", () => {});
  let resubscribed = 0;
  conn.on("resubscribed", () => resubscribed++);
  fake.streams.stall(1000); // the answer to SET_PROPERTY is held
  const a = conn.setProperty("combined", false);
  await waitFor("sent", () => fake.streams.received.some((f) => f.text.includes("SET_PROPERTY")));
  fake.streams.drop(); // before its answer
  await assert.rejects(a, spot.ConnectionClosedError);
  await waitFor("resubscribed", () => resubscribed === 1);
  const onSecond = fake.streams.received.filter((f) =>
    f.connectionId === 2 && f.text.includes('"SET_PROPERTY","params":["combined",false]')
  );
  assert.equal(onSecond.length, 1, "re-applied on the new socket");
  await assert.rejects(conn.setProperty("combined", "yes"), /Invalid value type/);
  fake.streams.drop();
  await waitFor("resubscribed", () => resubscribed === 2);
  await new Promise((r) => setTimeout(r, 100));
  const onThird = fake.streams.received.filter((f) =>
    f.connectionId === 3 && f.text.includes('"combined",false')
  );
  assert.equal(onThird.length, 1, "combined=false (what Binance has) re-applied on socket 3");
});
