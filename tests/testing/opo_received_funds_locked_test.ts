// faqs/opo.md: "The received funds from the working order are *locked* for use by the pending
// order(s) and not available for trading or withdrawal. If the order list is canceled before the
// pending order is placed on the Matching Engine then these locked funds are unlocked."
import assert from "node:assert/strict";
import { A, type Obj, result, setup } from "./_trading.ts";

const OPO = {
  symbol: "BTCUSDT",
  workingType: "LIMIT",
  workingSide: "BUY",
  workingPrice: "64999.99",
  workingQuantity: "0.1",
  workingTimeInForce: "GTC",
  pendingType: "LIMIT",
  pendingSide: "SELL",
  pendingPrice: "65000.05",
  pendingTimeInForce: "GTC",
};

Deno.test("OPO: what a partly filled working BUY received is locked, and unlocked when the list is canceled", async () => {
  await using s = await setup();
  const { fake, a, b } = s;
  fake.market.clearLevel("BTCUSDT", "bids", "64999.99");
  fake.market.clearLevel("BTCUSDT", "asks", "65000.05");
  const list = result(await a.call("orderList.place.opo", OPO));
  const [working] = list.orderReports as Obj[];
  // B sells 0.04 into A's working BUY (the best bid, alone at its level).
  const sell = result(
    await b.call("order.place", {
      symbol: "BTCUSDT",
      side: "SELL",
      type: "MARKET",
      quantity: "0.04",
    }),
  );
  assert.equal(sell.executedQty, "0.04000000");
  const st = result(await a.call("order.status", { symbol: "BTCUSDT", orderId: working.orderId }));
  assert.equal(st.status, "PARTIALLY_FILLED");
  // A received 0.04 BTC; the 0.00004 maker commission is paid from A's 2 free BTC: 0.04 locked.
  assert.deepEqual(fake.trading.balances(A).BTC, { free: "1.99996000", locked: "0.04000000" });
  result(
    await a.call("orderList.cancel", { symbol: "BTCUSDT", orderListId: list.orderListId }),
  );
  assert.deepEqual(fake.trading.balances(A).BTC, { free: "2.03996000", locked: "0.00000000" });
  assert.equal(fake.trading.balances(A).USDT.locked, "0.00000000");
});
