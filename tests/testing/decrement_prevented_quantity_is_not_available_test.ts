// faqs/stp_faq.md: "While an order is open, the following equation holds true: original order
// quantity - executed quantity - prevented quantity = quantity available for further
// execution", and "When an order's available quantity goes to zero, the order will be removed
// from the order book". Scenario H shows the maker's lock shrinking to what it can still buy
// (BUY 0.6 at 0.2, 0.2 prevented: locked 0.08 = 0.4 × 0.2).
import assert from "node:assert/strict";
import { parseUnits } from "../../testing/_exchange/decimal.ts";
import type { FakeBinance } from "../../testing/mod.ts";
import { A, error, type Obj, result, setup } from "./_trading.ts";

const u = (t: string): bigint => parseUnits(t)!;
const LIMIT = { symbol: "BTCUSDT", type: "LIMIT", timeInForce: "GTC" };

function bidAt(fake: FakeBinance, price: string): bigint {
  return u(fake.market.orderBook("BTCUSDT").bids.find((l) => l[0] === price)?.[1] ?? "0");
}

/** A's BUY 0.06 at 64999.99 (alone at its level), then A's SELL 0.02 DECREMENT against it. */
async function decremented(s: Awaited<ReturnType<typeof setup>>): Promise<Obj> {
  s.fake.market.clearLevel("BTCUSDT", "bids", "64999.99");
  const maker = result(
    await s.a.call("order.place", { ...LIMIT, side: "BUY", price: "64999.99", quantity: "0.06" }),
  );
  const taker = result(
    await s.a.call("order.place", {
      ...LIMIT,
      side: "SELL",
      price: "64999.99",
      quantity: "0.02",
      selfTradePreventionMode: "DECREMENT",
    }),
  );
  assert.equal(taker.status, "EXPIRED_IN_MATCH");
  return maker;
}

Deno.test("DECREMENT: the maker's lock is released for its prevented quantity", async () => {
  await using s = await setup();
  await decremented(s);
  // 0.06 - 0.02 = 0.04 left to buy at 64999.99: 2599.9996 USDT locked, the rest free.
  assert.deepEqual(s.fake.trading.balances(A).USDT, {
    free: "197400.00040000",
    locked: "2599.99960000",
  });
  assert.deepEqual(s.fake.trading.balances(A).BTC, { free: "2.00000000", locked: "0.00000000" });
});

Deno.test("amend keepPriority of a DECREMENT survivor: what is available is newQty less executed and prevented", async () => {
  await using s = await setup();
  const { fake, a, b } = s;
  const maker = await decremented(s);
  assert.equal(bidAt(fake, "64999.99000000"), 4_000_000n);
  // newQty 0.03: 0.03 - 0 - 0.02 = 0.01 available; the book shows 0.01.
  const r = result(
    await a.call("order.amend.keepPriority", {
      symbol: "BTCUSDT",
      orderId: maker.orderId,
      newQty: "0.03",
    }),
  );
  assert.equal((r.amendedOrder as Obj).qty, "0.03000000");
  assert.equal((r.amendedOrder as Obj).preventedQty, "0.02000000");
  assert.equal(bidAt(fake, "64999.99000000"), 1_000_000n);
  // 0.01 × 64999.99 = 649.9999 USDT stays locked.
  assert.equal(fake.trading.balances(A).USDT.locked, "649.99990000");
  // B sells 0.03 IOC at 64999.99: only 0.01 of A's order can trade.
  const sell = result(
    await b.call("order.place", {
      ...LIMIT,
      side: "SELL",
      timeInForce: "IOC",
      price: "64999.99",
      quantity: "0.03",
    }),
  );
  assert.equal(sell.executedQty, "0.01000000");
  const st = result(await a.call("order.status", { symbol: "BTCUSDT", orderId: maker.orderId }));
  assert.equal(st.executedQty, "0.01000000");
  assert.ok(!["NEW", "PARTIALLY_FILLED"].includes(st.status as string), JSON.stringify(st));
  assert.equal(fake.trading.balances(A).USDT.locked, "0.00000000");
});

Deno.test("amend keepPriority down to the prevented quantity leaves nothing available: the order is off the book", async () => {
  await using s = await setup();
  const { fake, a } = s;
  const maker = await decremented(s);
  result(
    await a.call("order.amend.keepPriority", {
      symbol: "BTCUSDT",
      orderId: maker.orderId,
      newQty: "0.02",
    }),
  );
  const st = result(await a.call("order.status", { symbol: "BTCUSDT", orderId: maker.orderId }));
  assert.ok(!["NEW", "PARTIALLY_FILLED"].includes(st.status as string), JSON.stringify(st));
  assert.equal(bidAt(fake, "64999.99000000"), 0n);
  assert.equal(fake.trading.openOrders(A).length, 0);
  assert.equal(fake.trading.balances(A).USDT.locked, "0.00000000");
  // Nothing left to cancel.
  assert.equal(
    error(await a.call("order.cancel", { symbol: "BTCUSDT", orderId: maker.orderId })).code,
    -2011,
  );
});
