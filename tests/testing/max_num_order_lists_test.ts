// CHANGELOG 2025-08-12 ("Future Changes", 2025-08-28): "New MAX_NUM_ORDER_LISTS filter will be
// enabled, limiting the number of order lists to 20 per symbol."
// filters.md: "The `MAX_NUM_ORDER_LISTS` filter defines the maximum number of open order lists an
// account can have on a symbol." ({"filterType": "MAX_NUM_ORDER_LISTS", "maxNumOrderLists": 20})
// errors.md: "Filter failure: MAX_NUM_ORDER_LISTS" | Account has too many open order lists on the symbol.
import assert from "node:assert/strict";
import { error, result, setup } from "./_trading.ts";

// No stop legs: MAX_NUM_ALGO_ORDERS (5) is not what is tested.
const OTO = {
  symbol: "BTCUSDT",
  workingType: "LIMIT",
  workingSide: "BUY",
  workingPrice: "50000",
  workingQuantity: "0.001",
  workingTimeInForce: "GTC",
  pendingType: "LIMIT",
  pendingSide: "SELL",
  pendingPrice: "90000",
  pendingQuantity: "0.001",
  pendingTimeInForce: "GTC",
};

Deno.test("fake: exchangeInfo reports MAX_NUM_ORDER_LISTS and the 21st open order list is refused", async () => {
  await using s = await setup();
  const info = result(await s.a.call("exchangeInfo", { symbol: "BTCUSDT" }));
  const filters = (info.symbols as { filters: { filterType: string }[] }[])[0].filters;
  assert.deepEqual(
    filters.find((f) => f.filterType === "MAX_NUM_ORDER_LISTS"),
    { filterType: "MAX_NUM_ORDER_LISTS", maxNumOrderLists: 20 },
  );
  for (let i = 0; i < 20; i++) result(await s.a.call("orderList.place.oto", OTO));
  assert.deepEqual(error(await s.a.call("orderList.place.oto", OTO)), {
    code: -1013,
    msg: "Filter failure: MAX_NUM_ORDER_LISTS",
  });
  // Another account is not concerned.
  result(await s.b.call("orderList.place.oto", OTO));
});
