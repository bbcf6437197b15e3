// web-socket-api.md "Cancel and replace order (TRADE)", the response matrix:
//   STOP_ON_FAILURE | CANCEL_ONLY | Exceeds Limits | ❌ FAILURE | ➖ NOT_ATTEMPTED | 429
//   STOP_ON_FAILURE | CANCEL_ONLY | Exceeds Limits | ✅ SUCCESS | ❌ FAILURE       | 429
//   ALLOW_FAILURE   | CANCEL_ONLY | Exceeds Limits | ✅ SUCCESS | ❌ FAILURE       | 409
// (The prose under the examples says 409 "regardless of cancelReplaceMode"; its example is the
// ALLOW_FAILURE row. The matrix is the per-mode statement, and the ALLOW_FAILURE row agrees
// with the prose, so both are kept where they agree and the matrix decides where they differ.)
import assert from "node:assert/strict";
import { A, type Obj, result, setup } from "./_trading.ts";

const LIMIT = { symbol: "BTCUSDT", type: "LIMIT", timeInForce: "GTC" };
const TOO_MANY = {
  code: -1015,
  msg: "Too many new orders; current limit is 50 orders per 10 SECOND.",
};

async function fill50(a: { call(m: string, p?: Obj): Promise<Obj> }, p: Obj): Promise<Obj[]> {
  if (Date.now() % 10_000 > 9_000) {
    await new Promise((r) => setTimeout(r, 10_050 - (Date.now() % 10_000)));
  }
  const out: Obj[] = [];
  for (let i = 0; i < 50; i++) out.push(result(await a.call("order.place", p)));
  return out;
}

Deno.test("cancelReplace STOP_ON_FAILURE + CANCEL_ONLY over the limit: cancel succeeds, status 429", async () => {
  await using s = await setup();
  const p = { ...LIMIT, side: "BUY", price: "60000", quantity: "0.001", newOrderRespType: "ACK" };
  const [first] = await fill50(s.a, p);
  const r = await s.a.call("order.cancelReplace", {
    ...p,
    cancelOrderId: first.orderId,
    cancelReplaceMode: "STOP_ON_FAILURE",
    orderRateLimitExceededMode: "CANCEL_ONLY",
  });
  assert.equal(r.status, 429, JSON.stringify(r.error));
  const data = (r.error as { data: Obj }).data;
  assert.equal(data.cancelResult, "SUCCESS");
  assert.equal(data.newOrderResult, "FAILURE");
  assert.deepEqual(data.newOrderResponse, TOO_MANY);
  assert.equal(s.fake.trading.openOrders(A).length, 49);
});

Deno.test("cancelReplace STOP_ON_FAILURE + CANCEL_ONLY over the limit, unknown order: status 429", async () => {
  await using s = await setup();
  const p = { ...LIMIT, side: "BUY", price: "60000", quantity: "0.001", newOrderRespType: "ACK" };
  await fill50(s.a, p);
  const r = await s.a.call("order.cancelReplace", {
    ...p,
    cancelOrderId: 999_999,
    cancelReplaceMode: "STOP_ON_FAILURE",
    orderRateLimitExceededMode: "CANCEL_ONLY",
  });
  assert.equal(r.status, 429, JSON.stringify(r.error));
  const data = (r.error as { data: Obj }).data;
  assert.equal(data.cancelResult, "FAILURE");
  assert.equal(data.newOrderResult, "NOT_ATTEMPTED");
  assert.equal(data.newOrderResponse, null);
});

Deno.test("cancelReplace ALLOW_FAILURE + CANCEL_ONLY over the limit: cancel succeeds, status 409", async () => {
  await using s = await setup();
  const p = { ...LIMIT, side: "BUY", price: "60000", quantity: "0.001", newOrderRespType: "ACK" };
  const [first] = await fill50(s.a, p);
  const r = await s.a.call("order.cancelReplace", {
    ...p,
    cancelOrderId: first.orderId,
    cancelReplaceMode: "ALLOW_FAILURE",
    orderRateLimitExceededMode: "CANCEL_ONLY",
  });
  assert.equal(r.status, 409, JSON.stringify(r.error));
  assert.equal((r.error as Obj).code, -2021);
  assert.deepEqual((r.error as { data: Obj }).data.newOrderResponse, TOO_MANY);
});
