// Every documented response example of myPreventedMatches, myAllocations, account.commission,
// order.amendments and myFilters parses into its model with every documented value kept.
import assert from "node:assert/strict";
import {
  AccountCommission,
  AllocationList,
  type ModelFactory,
  MyFilters,
  OrderAmendmentList,
  PreventedMatch,
  PreventedMatchList,
  UnexpectedMessageError,
} from "../../mod.ts";
import { exampleResult as result } from "../_helpers.ts";

const examples: [string, ModelFactory<unknown>][] = [
  ["myPreventedMatches.response", PreventedMatchList],
  ["myAllocations.response", AllocationList],
  ["account.commission.response", AccountCommission],
  ["order.amendments.response", OrderAmendmentList],
  ["myFilters.response", MyFilters],
];

for (const [name, model] of examples) {
  Deno.test(`account read models: ${name} parses and keeps every documented field`, async () => {
    const raw = await result(name);
    // Nothing documented is dropped: the model keeps the example exactly.
    assert.deepEqual(model.parse(raw), raw);
  });
}

Deno.test("account read models: decimals stay strings, ids and times exact", async () => {
  const [m] = PreventedMatchList.parse(await result("myPreventedMatches.response"));
  assert.equal(m.price, "1.100000");
  assert.equal(m.makerPreventedQuantity, "1.300000");
  assert.equal(m.transactTime, 1669101687094);
  const [a] = AllocationList.parse(await result("myAllocations.response"));
  assert.equal(a.quoteQty, "0.10000000");
  assert.equal(a.allocationId, 0);
  const c = AccountCommission.parse(await result("account.commission.response"));
  assert.equal(c.taxCommission.buyer, "0.00000118");
  assert.equal(c.discount.discount, "0.75000000");
  const [x] = OrderAmendmentList.parse(await result("order.amendments.response"));
  assert.equal(x.origQty, "7.00000000");
  assert.equal(x.executionId, 60);
  const f = MyFilters.parse(await result("myFilters.response"));
  assert.equal(f.assetFilters[0].limit, "1000000.00000000");
  assert.equal(f.exchangeFilters[0].maxNumOrders, 1000);
});

Deno.test("account read models: the STP FAQ's sample (taker quantity, no makerSymbol) parses", () => {
  // faqs/stp_faq.md "What is a Prevented Match?", comments removed.
  const raw = {
    symbol: "BTCDUSDT",
    preventedMatchId: 8,
    takerOrderId: 12,
    makerOrderId: 10,
    tradeGroupId: 1,
    selfTradePreventionMode: "EXPIRE_BOTH",
    price: "50.00000000",
    takerPreventedQuantity: "1.00000000",
    makerPreventedQuantity: "10.00000000",
    transactTime: 1663190634060,
  };
  assert.deepEqual(PreventedMatch.parse(raw), raw);
});

Deno.test("account read models: an id above 2^53 is refused, never rounded", async () => {
  const cases: [ModelFactory<unknown>, string, string][] = [
    [PreventedMatchList, "myPreventedMatches.response", "makerOrderId"],
    [AllocationList, "myAllocations.response", "orderId"],
    [OrderAmendmentList, "order.amendments.response", "executionId"],
  ];
  for (const [model, name, field] of cases) {
    const [item] = await result(name) as Record<string, unknown>[];
    const raw = [{ ...item, [field]: 2n ** 60n }];
    assert.throws(() => model.parse(raw), (e: unknown) => {
      assert.ok(e instanceof UnexpectedMessageError);
      assert.match(e.message, new RegExp(`"0\\.${field}".*above 2\\^53`));
      return true;
    }, name);
  }
});

Deno.test("account read models: a decimal as a number is refused", async () => {
  const c = await result("account.commission.response") as Record<string, unknown>;
  const raw = { ...c, discount: { ...(c.discount as object), discount: 0.75 } };
  assert.throws(() => AccountCommission.parse(raw), /"discount\.discount"/);
});
