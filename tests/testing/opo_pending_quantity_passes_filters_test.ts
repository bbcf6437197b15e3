// faqs/opo.md: "The quantity of the pending order(s) are evaluated (e.g. filters) after the
// working order fully fills." A pending leg whose received quantity breaks a filter is not
// placed on the book.
import assert from "node:assert/strict";
import { startFakeBinance } from "../../testing/mod.ts";
import { B, client, type Obj, result } from "./_trading.ts";

Deno.test("OPO: a pending leg whose received quantity breaks NOTIONAL does not go on the book", async () => {
  await using fake = await startFakeBinance({
    accounts: [
      {
        apiKey: "accountC",
        key: { type: "HMAC", secretKey: "s" },
        balances: { USDT: { free: "100" } },
      },
      { apiKey: B, key: { type: "HMAC", secretKey: "s" }, balances: { BTC: { free: "2" } } },
    ],
  });
  fake.market.clearLevel("BTCUSDT", "bids", "64999.99");
  await using c = await client(fake.wsApiUrl, "accountC");
  await using b = await client(fake.wsApiUrl, B);
  // Working BUY 0.00002 at 64999.99: notional 1.2999998, above NOTIONAL's minNotional 1.
  const list = result(
    await c.call("orderList.place.opo", {
      symbol: "BTCUSDT",
      workingType: "LIMIT",
      workingSide: "BUY",
      workingPrice: "64999.99",
      workingQuantity: "0.00002",
      workingTimeInForce: "GTC",
      pendingType: "LIMIT",
      pendingSide: "SELL",
      pendingPrice: "65000.05",
      pendingTimeInForce: "GTC",
    }),
  );
  const [working, pending] = list.orderReports as Obj[];
  result(
    await b.call("order.place", {
      symbol: "BTCUSDT",
      side: "SELL",
      type: "MARKET",
      quantity: "0.00002",
    }),
  );
  const w = result(await c.call("order.status", { symbol: "BTCUSDT", orderId: working.orderId }));
  assert.equal(w.status, "FILLED");
  // Received 0.00002 less the 0.00000002 maker commission (no other BTC): 0.00001998, to the
  // step 0.00001: a SELL of 0.00001 at 65000.05 is 0.6500005 USDT, below minNotional 1.
  const p = result(await c.call("order.status", { symbol: "BTCUSDT", orderId: pending.orderId }));
  assert.ok(
    !["NEW", "PARTIALLY_FILLED", "PENDING_NEW"].includes(p.status as string),
    JSON.stringify(p),
  );
  assert.equal(fake.trading.openOrders("accountC").length, 0);
  assert.deepEqual(fake.trading.balances("accountC").BTC, {
    free: "0.00001998",
    locked: "0.00000000",
  });
});
