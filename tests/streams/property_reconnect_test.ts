// setProperty("combined", false) holds on the sockets opened later: after a reconnect or a
// rotation the new socket gets it again before its streams.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("combined=false survives a reconnect", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    reconnect: { initialDelayMs: 10 },
  });
  await using _t = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  await conn.setProperty("combined", false);
  assert.equal(await conn.getProperty("combined"), false);
  let resubscribed = 0;
  conn.on("resubscribed", () => resubscribed++);
  fake.streams.drop();
  await waitFor("resubscribed", () => resubscribed > 0);
  assert.equal(await conn.getProperty("combined"), false);
});

Deno.test("combined=false survives a rotation", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl, maxOverlapMs: 200 });
  await using _t = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  await conn.setProperty("combined", false);
  await conn.rotate();
  assert.equal(await conn.getProperty("combined"), false);
});
