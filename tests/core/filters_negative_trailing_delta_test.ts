// checkOrderFilters documents "@throws {RangeError} when a price or quantity of the order ... is
// negative", and does so for quantity, price and quoteOrderQty: a negative trailingDelta must be
// a RangeError too, never a TRAILING_DELTA verdict, nor a pass when the symbol has no such filter.
import assert from "node:assert/strict";
import { checkOrderFilters } from "../../mod.ts";

const TRAILING = {
  symbol: "BTCUSDT",
  filters: [{
    filterType: "TRAILING_DELTA",
    minTrailingAboveDelta: 10,
    maxTrailingAboveDelta: 2000,
    minTrailingBelowDelta: 10,
    maxTrailingBelowDelta: 2000,
  }],
};
const NONE = { symbol: "BTCUSDT", filters: [] };

Deno.test("checkOrderFilters: a negative trailingDelta is a RangeError, as a negative quantity is", () => {
  for (const info of [TRAILING, NONE]) {
    for (const trailingDelta of [-50, "-50"]) {
      assert.throws(
        () =>
          checkOrderFilters(info, {
            side: "SELL",
            type: "STOP_LOSS",
            quantity: "0.001",
            trailingDelta,
          }),
        (e: unknown) =>
          e instanceof RangeError && /"trailingDelta" "-50" is negative/.test(e.message),
        `filters ${JSON.stringify(info.filters.map((f) => f.filterType))}, ${
          JSON.stringify(trailingDelta)
        }`,
      );
    }
  }
  // A valid one still passes.
  assert.deepEqual(
    checkOrderFilters(TRAILING, {
      side: "SELL",
      type: "STOP_LOSS",
      quantity: "0.001",
      trailingDelta: 100,
    }),
    [],
  );
});
