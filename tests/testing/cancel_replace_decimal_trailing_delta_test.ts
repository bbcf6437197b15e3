// web-socket-api.md: `order.cancelReplace` "trailingDelta | DECIMAL"; OTO "pendingTrailingDelta
// |DECIMAL"; OTOCO "pendingAboveTrailingDelta|DECIMAL" (INT in order.place, LONG in OCO). A
// DECIMAL param takes the decimal form ("^([0-9]{1,20})(\.[0-9]{1,20})?$").
import assert from "node:assert/strict";
import { type Obj, result, setup } from "../testing/_trading.ts";

Deno.test("order.cancelReplace takes trailingDelta in decimal form", async () => {
  await using s = await setup();
  const old = result(
    await s.a.call("order.place", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "60000",
      quantity: "0.01",
    }),
  );
  const r = await s.a.call("order.cancelReplace", {
    symbol: "BTCUSDT",
    cancelReplaceMode: "STOP_ON_FAILURE",
    cancelOrderId: old.orderId,
    side: "SELL",
    type: "STOP_LOSS",
    quantity: "0.01",
    trailingDelta: "100.0",
    newOrderRespType: "RESULT",
  });
  const out = result(r);
  assert.equal(out.cancelResult, "SUCCESS");
  assert.equal(out.newOrderResult, "SUCCESS");
  assert.equal((out.newOrderResponse as Obj).trailingDelta, 100);
});

Deno.test("orderList.place.oto takes pendingTrailingDelta in decimal form", async () => {
  await using s = await setup();
  const r = await s.a.call("orderList.place.oto", {
    symbol: "BTCUSDT",
    workingType: "LIMIT",
    workingSide: "BUY",
    workingPrice: "60000",
    workingQuantity: "0.01",
    workingTimeInForce: "GTC",
    pendingType: "STOP_LOSS",
    pendingSide: "SELL",
    pendingQuantity: "0.01",
    pendingTrailingDelta: "100.0",
  });
  const list = result(r);
  assert.equal(list.listOrderStatus, "EXECUTING");
});

Deno.test("a DECIMAL trailingDelta with a fraction: -1111 too much precision", async () => {
  await using s = await setup();
  const r = await s.a.call("order.cancelReplace", {
    symbol: "BTCUSDT",
    cancelReplaceMode: "STOP_ON_FAILURE",
    cancelOrderId: 1,
    side: "SELL",
    type: "STOP_LOSS",
    quantity: "0.01",
    trailingDelta: "100.5",
  });
  assert.deepEqual(r.error, {
    code: -1111,
    msg: "Parameter 'trailingDelta' has too much precision.",
  });
});
