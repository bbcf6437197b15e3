// Every documented response example of the account reads (openOrders.status, allOrders,
// openOrderLists.status, allOrderLists, myTrades, account.rateLimits.orders) parses into its
// model with every documented value kept; ids above 2^53 are refused, never rounded.
import assert from "node:assert/strict";
import {
  AccountTrade,
  AccountTradeList,
  type ModelFactory,
  OrderListStatusList,
  OrderRateLimitList,
  QueriedOrderList,
  UnexpectedMessageError,
} from "../../mod.ts";
import { exampleResult as result } from "../_helpers.ts";

const examples: [string, ModelFactory<unknown>][] = [
  ["openOrders.status.response", QueriedOrderList],
  ["allOrders.response", QueriedOrderList],
  ["openOrderLists.status.response", OrderListStatusList],
  ["allOrderLists.response", OrderListStatusList],
  ["myTrades.response", AccountTradeList],
  ["account.rateLimits.orders.response", OrderRateLimitList],
];

for (const [name, model] of examples) {
  Deno.test(`account read models: ${name} parses and keeps every documented field`, async () => {
    const raw = await result(name);
    assert.ok(Array.isArray(raw) && raw.length > 0, "the example has items");
    assert.deepEqual(model.parse(raw), raw);
  });
}

Deno.test("account read models: decimals stay strings, ids exact, conditional fields kept", async () => {
  const trades = AccountTradeList.parse(await result("myTrades.response"));
  assert.equal(trades[1].id, 1650422482);
  assert.equal(trades[1].orderId, 12569099453);
  assert.equal(trades[1].quoteQty, "49.64298000");
  assert.equal(trades[0].commissionAsset, "BNB");
  assert.equal(trades[0].isMaker, true);
  const orders = QueriedOrderList.parse(await result("allOrders.response"));
  assert.equal(orders[0].preventedMatchId, 0);
  assert.equal(orders[0].preventedQuantity, "1.200000");
  assert.equal(orders[0].cummulativeQuoteQty, "198.33521500");
  // The docs' example repeats "origQuoteOrderQty"; JSON keeps the last value.
  const open = QueriedOrderList.parse(await result("openOrders.status.response"));
  assert.equal(open[0].origQuoteOrderQty, "0.00000000");
  assert.equal(open[0].status, "PARTIALLY_FILLED");
  const lists = OrderListStatusList.parse(await result("openOrderLists.status.response"));
  assert.deepEqual(lists[0].orders.map((o) => o.orderId), [4, 5]);
  const limits = OrderRateLimitList.parse(await result("account.rateLimits.orders.response"));
  assert.deepEqual(limits.map((l) => [l.interval, l.intervalNum, l.limit]), [
    ["SECOND", 10, 50],
    ["DAY", 1, 160000],
  ]);
});

Deno.test("account read models: an id above 2^53 is refused, never rounded", async () => {
  const [first] = await result("myTrades.response") as Record<string, unknown>[];
  for (const field of ["id", "orderId"]) {
    assert.throws(() => AccountTrade.parse({ ...first, [field]: 2n ** 60n }), (e: unknown) => {
      assert.ok(e instanceof UnexpectedMessageError);
      assert.match(e.message, new RegExp(`"${field}".*above 2\\^53`));
      return true;
    });
  }
  const [order] = await result("allOrders.response") as Record<string, unknown>[];
  assert.throws(
    () => QueriedOrderList.parse([{ ...order, orderId: 2n ** 60n }]),
    (e: unknown) =>
      e instanceof UnexpectedMessageError && /"0\.orderId".*above 2\^53/.test(e.message),
  );
});

Deno.test("account read models: a missing documented field is refused, naming it", async () => {
  const [first] = await result("myTrades.response") as Record<string, unknown>[];
  const { isBuyer: _, ...withoutIsBuyer } = first;
  assert.throws(() => AccountTrade.parse(withoutIsBuyer), /"isBuyer"/);
  assert.throws(() => AccountTrade.parse({ ...first, price: 23416.1 }), /"price"/);
});
