// CHANGELOG 2025-08-12 ("Future Changes", 2025-08-28): "New MAX_NUM_ORDER_AMENDS filter will be
// enabled, limiting each order to a maximum of 10 amendments."
// filters.md MAX_NUM_ORDER_AMENDS: "If there are too many order amendments made on a single order,
// you will receive the `-2038` error code." ({"filterType": "MAX_NUM_ORDER_AMENDS",
// "maxNumOrderAmends": 10}); errors.md (-2038 ORDER_AMEND_REJECTED messages):
// "Filter failure: MAX_NUM_ORDER_AMENDS".
import assert from "node:assert/strict";
import { error, result, setup } from "./_trading.ts";

Deno.test("fake: the 11th amendment of an order is -2038 and exchangeInfo reports MAX_NUM_ORDER_AMENDS", async () => {
  await using s = await setup();
  const info = result(await s.a.call("exchangeInfo", { symbol: "BTCUSDT" }));
  const filters = (info.symbols as { filters: { filterType: string }[] }[])[0].filters;
  assert.deepEqual(
    filters.find((f) => f.filterType === "MAX_NUM_ORDER_AMENDS"),
    { filterType: "MAX_NUM_ORDER_AMENDS", maxNumOrderAmends: 10 },
  );
  const placed = result(
    await s.a.call("order.place", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "50000",
      quantity: "0.1",
    }),
  );
  let qty = 100_000; // units of 0.000001 BTC
  for (let i = 0; i < 10; i++) {
    qty -= 1000;
    result(
      await s.a.call("order.amend.keepPriority", {
        symbol: "BTCUSDT",
        orderId: placed.orderId,
        newQty: (qty / 1e6).toFixed(6),
      }),
    );
  }
  assert.deepEqual(
    error(
      await s.a.call("order.amend.keepPriority", {
        symbol: "BTCUSDT",
        orderId: placed.orderId,
        newQty: ((qty - 1000) / 1e6).toFixed(6),
      }),
    ),
    { code: -2038, msg: "Filter failure: MAX_NUM_ORDER_AMENDS" },
  );
});
