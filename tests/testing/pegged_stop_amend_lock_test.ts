// An amend (order.amend.keepPriority) of a pegged BUY stop-limit not yet triggered (no price
// sent, pegged price not determined: `price` 0) must keep the smaller order's funds locked; the
// fake released them all (price 0 × quantity), and the triggered order then worked with nothing
// locked.
import assert from "node:assert/strict";
import { type Obj, setup } from "./_trading.ts";

const SYMBOL = "BTCUSDT";

Deno.test("amending a pegged BUY TAKE_PROFIT_LIMIT keeps its funds locked", async () => {
  await using s = await setup();
  const usdt = () => s.fake.trading.balances("accountA").USDT;
  const book = s.fake.market.orderBook(SYMBOL, 2);
  const r = await s.a.call("order.place", {
    symbol: SYMBOL,
    side: "BUY",
    type: "TAKE_PROFIT_LIMIT",
    timeInForce: "GTC",
    quantity: "0.01",
    stopPrice: book.bids[1][0],
    pegPriceType: "PRIMARY_PEG",
  });
  assert.equal(r.status, 200, JSON.stringify(r));
  assert.notEqual(Number(usdt().locked), 0);
  const id = (r.result as Obj).orderId;
  const am = await s.a.call("order.amend.keepPriority", {
    symbol: SYMBOL,
    orderId: id,
    newQty: "0.005",
  });
  assert.equal(am.status, 200, JSON.stringify(am));
  assert.notEqual(
    Number(usdt().locked),
    0,
    `an open BUY of 0.005 locks nothing: ${JSON.stringify(usdt())}`,
  );
  // Triggered (the last price falls to the stop price): it works at its pegged price, locked.
  const sell = await s.b.call("order.place", {
    symbol: SYMBOL,
    side: "SELL",
    type: "MARKET",
    quantity: "0.04",
  });
  assert.equal(sell.status, 200, JSON.stringify(sell));
  const st = (await s.a.call("order.status", { symbol: SYMBOL, orderId: id })).result as Obj;
  assert.equal(st.status, "NEW");
  assert.equal(st.isWorking, true);
  const pegged = Number(st.peggedPrice);
  assert.equal(
    Number(usdt().locked).toFixed(4),
    (pegged * 0.005).toFixed(4),
    JSON.stringify(usdt()),
  );
  assert.equal((await s.a.call("order.cancel", { symbol: SYMBOL, orderId: id })).status, 200);
  assert.equal(Number(usdt().locked), 0);
  assert.equal(Number(usdt().free), 200000);
});
