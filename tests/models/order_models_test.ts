// Every documented trading response example parses into its model with exact values.
import assert from "node:assert/strict";
import {
  AccountStatus,
  CanceledOrder,
  CanceledOrderList,
  CancelReplaceResult,
  CancelResult,
  CancelResultList,
  EmptyResult,
  type ModelFactory,
  OrderAck,
  OrderAmendResult,
  OrderCommission,
  OrderFull,
  OrderFullList,
  OrderListResult,
  OrderListStatus,
  OrderResult,
  QueriedOrder,
  UnexpectedMessageError,
} from "../../mod.ts";
import { exampleResult as result } from "../_helpers.ts";

const examples: [string, ModelFactory<unknown>][] = [
  ["order.place.response", OrderAck],
  ["order.place.response.result", OrderResult],
  ["order.place.response.full", OrderFull],
  ["order.test.response", EmptyResult],
  ["order.test.response.commission", OrderCommission],
  ["order.cancel.response", CanceledOrder],
  ["order.cancel.response.order-list", CanceledOrderList],
  ["order.cancelReplace.response", CancelReplaceResult],
  ["order.amend.keepPriority.response", OrderAmendResult],
  ["order.amend.keepPriority.response.order-list", OrderAmendResult],
  ["openOrders.cancelAll.response", CancelResultList],
  ["orderList.place.response", OrderListResult],
  ["orderList.place.oco.response", OrderListResult],
  ["orderList.place.oto.response", OrderListResult],
  ["orderList.place.otoco.response", OrderListResult],
  ["orderList.place.opo.response", OrderListResult],
  ["orderList.place.opoco.response", OrderListResult],
  ["orderList.cancel.response", CanceledOrderList],
  ["sor.order.place.response", OrderFullList],
  ["sor.order.test.response", EmptyResult],
  ["sor.order.test.response.commission", OrderCommission],
  ["account.status.response", AccountStatus],
  ["order.status.response", QueriedOrder],
  ["orderList.status.response", OrderListStatus],
];

for (const [name, model] of examples) {
  Deno.test(`order models: ${name} parses and keeps every documented field`, async () => {
    const raw = await result(name);
    const parsed = model.parse(raw);
    // Nothing documented is dropped: the model keeps the example exactly.
    assert.deepEqual(parsed, raw);
  });
}

Deno.test("order models: decimals stay strings, ids exact", async () => {
  const full = OrderFull.parse(await result("order.place.response.full"));
  assert.equal(full.cummulativeQuoteQty, "198.33521500");
  assert.equal(full.fills[1].tradeId, 1650422482);
  const sor = OrderFullList.parse(await result("sor.order.place.response"));
  assert.equal(sor[0].fills[0].matchType, "ONE_PARTY_TRADE_REPORT");
  assert.equal(sor[0].fills[0].allocId, 0);
  assert.equal(sor[0].workingFloor, "SOR");
  const account = AccountStatus.parse(await result("account.status.response"));
  assert.equal(account.balances[1].free, "1.3447112");
});

Deno.test("order models: order.cancel's result is read by its fields", async () => {
  const order = CancelResult.parse(await result("order.cancel.response"));
  const list = CancelResult.parse(await result("order.cancel.response.order-list"));
  assert.ok(!("orderReports" in order));
  assert.ok("orderReports" in list && list.orderReports.length === 2);
  const all = CancelResultList.parse(await result("openOrders.cancelAll.response"));
  assert.deepEqual(all.map((r) => "orderReports" in r), [false, true]);
});

Deno.test("order models: an OPO pending order has no origQty", async () => {
  const list = OrderListResult.parse(await result("orderList.place.opo.response"));
  assert.equal(list.orderReports[1].origQty, undefined);
  assert.equal(list.orderReports[0].origQty, "0.00070000");
});

Deno.test("order models: an id above 2^53 is refused, never rounded", () => {
  const raw = {
    symbol: "BTCUSDT",
    orderId: 2n ** 60n,
    orderListId: -1,
    clientOrderId: "a",
    transactTime: 1,
  };
  assert.throws(() => OrderAck.parse(raw), (e: unknown) => {
    assert.ok(e instanceof UnexpectedMessageError);
    assert.match(e.message, /"orderId".*above 2\^53/);
    return true;
  });
});
