// errors.md, messages for -2010 NEW_ORDER_REJECTED: "Order book liquidity is less than symbol
// minimum quantity." | "Quote quantity market orders cannot be placed when there are no orders
// on the book."
import assert from "node:assert/strict";
import { A, error, result, setup } from "../testing/_trading.ts";

const REJECTED = { code: -2010, msg: "Order book liquidity is less than symbol minimum quantity." };

for (const [side, book] of [["BUY", "asks"], ["SELL", "bids"]] as const) {
  Deno.test(`a quote quantity MARKET ${side} on an empty ${book} side is rejected`, async () => {
    await using s = await setup();
    for (const [p] of s.fake.market.orderBook("BTCUSDT")[book]) {
      s.fake.market.clearLevel("BTCUSDT", book, p);
    }
    const r = await s.a.call("order.place", {
      symbol: "BTCUSDT",
      side,
      type: "MARKET",
      quoteOrderQty: "100",
    });
    assert.deepEqual(error(r), REJECTED);
    assert.equal(s.fake.trading.orders(A).length, 0);
  });
}

Deno.test("a MARKET by quantity on an empty book still expires (market_orders_faq.md)", async () => {
  await using s = await setup();
  for (const [p] of s.fake.market.orderBook("BTCUSDT").asks) {
    s.fake.market.clearLevel("BTCUSDT", "asks", p);
  }
  const r = result(
    await s.a.call("order.place", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "MARKET",
      quantity: "0.01",
    }),
  );
  assert.equal(r.status, "EXPIRED");
});
