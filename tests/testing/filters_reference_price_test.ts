// CHANGELOG 2026-05-06: "PERCENT_PRICE, PERCENT_PRICE_BY_SIDE, MIN_NOTIONAL, and NOTIONAL filters
// now use reference price when it exists and is non-null. The filters fall back to their previous
// behavior when the reference price does not exist or is null."
// filters.md PERCENT_PRICE_BY_SIDE: "When a non-null reference price for the symbol exists, it is
// used in the filter evaluation."
import assert from "node:assert/strict";
import { type Obj, result, setup } from "./_trading.ts";

const u = (s: string): bigint => {
  const [i, frac = ""] = s.split(".");
  return BigInt(i + frac.padEnd(8, "0"));
};
const f = (n: bigint): string =>
  `${n / 100_000_000n}.${(n % 100_000_000n).toString().padStart(8, "0")}`;

async function publicCall(url: string, method: string, params: Obj): Promise<Obj> {
  const ws = new WebSocket(url);
  await new Promise((r, j) => {
    ws.onopen = r;
    ws.onerror = j;
  });
  const closed = new Promise((r) => ws.addEventListener("close", r));
  const answer = new Promise<string>((r) => ws.onmessage = (e) => r(e.data));
  ws.send(JSON.stringify({ id: 1, method, params }));
  const out = JSON.parse(await answer);
  ws.close();
  await closed;
  return out;
}

Deno.test("fake: PERCENT_PRICE_BY_SIDE measures a LIMIT price against the reference price when there is one", async () => {
  await using s = await setup();
  const url = s.fake.wsApiUrl;
  const ref = result(await publicCall(url, "referencePrice", { symbol: "BTCUSDT" }));
  const avg = result(await publicCall(url, "avgPrice", { symbol: "BTCUSDT" }));
  const r = u(ref.referencePrice as string), a = u(avg.price as string);
  assert.notEqual(r, a, "the fake's reference and average prices differ here");
  const tick = 1_000_000n; // 0.01
  // bidMultiplierUp 5: a price between 5 × one and 5 × the other, on the tick.
  const [lo, hi] = r < a ? [5n * r, 5n * a] : [5n * a, 5n * r];
  const price = (hi / tick) * tick;
  assert.ok(price > lo, `no tick between ${f(lo)} and ${f(hi)}`);
  const answer = await s.a.call("order.test", {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: f(price),
    quantity: "0.001",
  });
  const byReference = price <= 5n * r; // what Binance decides since 2026-05-06
  assert.equal(
    answer.status === 200,
    byReference,
    `price ${f(price)}, reference ${f(r)}, average ${f(a)}: ${JSON.stringify(answer)}`,
  );
});
