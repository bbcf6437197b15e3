// A SET_PROPERTY the server refused (the caller got the error) is not kept: it is not sent again
// on the sockets opened later.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("a refused setProperty is not re-sent after a reconnect", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    reconnect: { initialDelayMs: 10 },
  });
  await using _t = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  await assert.rejects(conn.setProperty("combined", "yes"), /Invalid value type/);
  const errors: string[] = [];
  conn.on("error", (e) => errors.push(e.error.message));
  let resubscribed = 0;
  conn.on("resubscribed", () => resubscribed++);
  fake.streams.drop();
  await waitFor("resubscribed", () => resubscribed > 0);
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(errors, []);
});
