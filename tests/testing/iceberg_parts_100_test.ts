// CHANGELOG 2026-02-24: "ICEBERG_PARTS will be increased to 100 for all symbols at
// **2026-03-12 07:00 UTC**." (after 25 on 2025-12-18 and 50 on 2026-02-11).
// filters.md: "The number of `ICEBERG_PARTS` is defined as `CEIL(qty / icebergQty)`."
import assert from "node:assert/strict";
import { error, result, setup } from "./_trading.ts";

const ICEBERG = {
  symbol: "BTCUSDT",
  side: "BUY",
  type: "LIMIT",
  timeInForce: "GTC",
  price: "50000",
  quantity: "0.1",
};

Deno.test("fake: ICEBERG_PARTS is 100: exchangeInfo says so, 100 parts pass, 101 do not", async () => {
  await using s = await setup();
  const info = result(await s.a.call("exchangeInfo", { symbol: "BTCUSDT" }));
  const filters = (info.symbols as { filters: { filterType: string }[] }[])[0].filters;
  assert.deepEqual(filters.find((f) => f.filterType === "ICEBERG_PARTS"), {
    filterType: "ICEBERG_PARTS",
    limit: 100,
  });
  result(await s.a.call("order.place", { ...ICEBERG, icebergQty: "0.001" })); // 100 parts
  assert.deepEqual(error(await s.a.call("order.place", { ...ICEBERG, icebergQty: "0.00099" })), {
    code: -1013,
    msg: "Filter failure: ICEBERG_PARTS",
  }); // 102 parts
});
