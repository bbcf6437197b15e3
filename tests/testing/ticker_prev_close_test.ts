// web-socket-streams.md "Individual Symbol Ticker Streams": `"x": "0.0009", // First
// trade(F)-1 price (first trade before the 24hr rolling window)`: the price of the trade before
// the window's first, not the window's open price (`o`).
import assert from "node:assert/strict";
import { startFakeBinance } from "../../testing/mod.ts";

type Obj = Record<string, unknown>;

async function next(url: string, act: () => void): Promise<Obj> {
  const ws = new WebSocket(url);
  const closed = new Promise((r) => ws.addEventListener("close", r));
  await new Promise((r) => ws.addEventListener("open", r));
  const got = new Promise<Obj>((r) => ws.addEventListener("message", (e) => r(JSON.parse(e.data))));
  act();
  const out = await got;
  ws.close();
  await closed;
  return out;
}

Deno.test("24hrTicker: x is the price of trade F-1", async () => {
  await using fake = await startFakeBinance();
  const ev = await next(`${fake.streams.rawUrl}/btcusdt@ticker`, () => fake.market.advance(1));
  assert.equal(ev.e, "24hrTicker");
  const ws = new WebSocket(fake.wsApiUrl);
  const closed = new Promise((r) => ws.addEventListener("close", r));
  await new Promise((r) => ws.addEventListener("open", r));
  const got = new Promise<Obj>((r) => ws.addEventListener("message", (e) => r(JSON.parse(e.data))));
  ws.send(JSON.stringify({
    id: 1,
    method: "trades.recent",
    params: { symbol: "BTCUSDT", limit: 1000 },
  }));
  const trades = (await got).result as { id: number; price: string }[];
  ws.close();
  await closed;
  const before = trades.find((t) => t.id === (ev.F as number) - 1);
  assert.ok(before, "trade F-1 is among the recent trades");
  assert.equal(ev.x, before.price);
});
