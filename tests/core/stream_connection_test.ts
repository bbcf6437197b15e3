// The stream connection's seams against the fake exchange: a rotation whose new socket dies
// during the overlap is tried again, and frames of a stream just removed are expected while
// frames of a stream never subscribed are reported.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { record, waitFor } from "../_helpers.ts";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function assertContiguous(ids: number[], what: string): void {
  for (let i = 1; i < ids.length; i++) {
    assert.equal(ids[i], ids[i - 1] + 1, `${what}: ${ids[i - 1]} is followed by ${ids[i]}`);
  }
}

Deno.test("a rotation whose new socket dies during the overlap is tried again; no update is lost", async () => {
  const cutAfterMs = 4000;
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    reconnect: { initialDelayMs: 20 },
  });
  const connected = record(conn, "connected");
  const rotated = record(conn, "rotated");
  const closes = record(conn, "close");
  const gaps = record(conn, "gap");
  const trades: number[] = [];
  (await spot.tradeStream(conn, { symbol: "BTCUSDT" })).on("data", (t) => trades.push(t.tradeId));
  let sent = 5;
  fake.market.advance(sent, ["BTCUSDT"]);
  await waitFor("5 trades", () => trades.length === sent);

  // The server announces its shutdown; it would cut the old socket after `cutAfterMs`.
  const shutdownAt = Date.now();
  fake.sendServerShutdown({ closeAfterMs: cutAfterMs });
  // (The first socket connected before `record`: `connected` lists the rotation's sockets.)
  await waitFor("the rotation's new socket", () => connected.length === 1);
  await waitFor("both sockets open on the server", () => fake.streams.openConnections === 2);
  // No trade has moved since, so the new socket cannot have proven the overlap yet.
  fake.streams.dropNewest();
  await waitFor("the new socket's close", () => closes.length === 1);
  assert.equal(rotated.length, 0, "the rotation did not finish on a dead socket");

  // Trades go on while the rotation is tried again.
  while (rotated.length === 0 && Date.now() - shutdownAt < cutAfterMs - 1000) {
    fake.market.advance(1, ["BTCUSDT"]);
    sent++;
    await delay(5);
  }
  assert.equal(rotated.length, 1, "a second rotation happened before the server cut the socket");
  assert.equal(rotated[0].reason, "serverShutdown");
  assert.equal(rotated[0].connection, connected[1].connection, "onto a third socket");
  await waitFor("the old socket closed", () => fake.streams.openConnections === 1);
  assert.ok(Date.now() - shutdownAt < cutAfterMs, "closed by the client, not cut by the server");
  assert.equal(fake.streams.totalConnections, 3);
  assert.equal(conn.sockets, 1);

  fake.market.advance(5, ["BTCUSDT"]);
  sent += 5;
  await waitFor("every trade", () => trades.length === sent);
  assertContiguous(trades, "trade");
  assert.deepEqual(gaps, []);
  assert.deepEqual(
    closes.map((c) => [c.connection, c.code, c.willReconnect]),
    [[connected[0].connection, 1011, true]],
    "only the new socket of the first try closed, and the connection went on",
  );
});

Deno.test("late frames of a stream just unsubscribed are expected; a never-subscribed stream is reported", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  const errors = record(conn, "error");
  const sub = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  await sub.unsubscribe();
  const trade = (symbol: string) =>
    JSON.stringify({
      stream: `${symbol.toLowerCase()}@trade`,
      data: { e: "trade", E: 1, s: symbol, t: 7, p: "1.0", q: "1.0", T: 1, m: true, M: true },
    });
  fake.streams.sendFrame(trade("BTCUSDT")); // sent before the server took the UNSUBSCRIBE
  fake.streams.sendFrame(trade("ETHUSDT")); // never subscribed here
  await waitFor("the report", () => errors.length > 0);
  await delay(50); // a late report of the first frame would come by now
  assert.deepEqual(
    errors.map((e) => e.error.message),
    ['Received an update of no subscribed stream ("ethusdt@trade")'],
  );
});
