// checkOrderFilters documents "@throws {RangeError} when a price or quantity of the order ... is
// negative": a negative quoteOrderQty must be a RangeError, never a NOTIONAL verdict or a pass.
import assert from "node:assert/strict";
import { checkOrderFilters } from "../../mod.ts";

const NOTIONAL = {
  symbol: "BTCUSDT",
  filters: [{
    filterType: "NOTIONAL",
    minNotional: "10",
    applyMinToMarket: true,
    maxNotional: "1000",
    applyMaxToMarket: true,
    avgPriceMins: 5,
  }],
};
const NONE = { symbol: "BTCUSDT", filters: [] };

Deno.test("checkOrderFilters: a negative quoteOrderQty is a RangeError, as a negative quantity is", () => {
  for (const info of [NOTIONAL, NONE]) {
    assert.throws(
      () => checkOrderFilters(info, { side: "BUY", type: "MARKET", quoteOrderQty: "-50" }),
      (e: unknown) =>
        e instanceof RangeError && /"quoteOrderQty" "-50" is negative/.test(e.message),
      `filters ${JSON.stringify(info.filters.map((f) => f.filterType))}`,
    );
  }
  // The same as quantity does.
  assert.throws(
    () => checkOrderFilters(NONE, { side: "BUY", type: "MARKET", quantity: "-1" }),
    RangeError,
  );
});
