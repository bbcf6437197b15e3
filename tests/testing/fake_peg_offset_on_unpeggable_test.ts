// web-socket-api.md "Pegged Orders": "These parameters [pegPriceType, pegOffsetValue,
// pegOffsetType] are allowed for LIMIT, LIMIT_MAKER, STOP_LOSS_LIMIT, TAKE_PROFIT_LIMIT orders."
// faqs/pegged_orders.md: "All order types, with the exception of MARKET orders, are supported"
// and "STOP_LOSS and TAKE_PROFIT orders ... cannot be pegged". errors.md: "This order type may
// not use pegged price." The fake must refuse pegOffsetType / pegOffsetValue on MARKET,
// STOP_LOSS and TAKE_PROFIT even without pegPriceType, as the client refuses them.
import assert from "node:assert/strict";
import { type Obj, setup } from "../testing/_trading.ts";

const SYMBOL = "BTCUSDT";
const REFUSED = { code: -2010, msg: "This order type may not use pegged price." };

Deno.test("the fake refuses peg offsets on MARKET, STOP_LOSS and TAKE_PROFIT", async () => {
  await using s = await setup();
  const place = (p: Obj) =>
    s.a.call("order.place", { symbol: SYMBOL, side: "SELL", quantity: "0.001", ...p });
  const types: Obj[] = [
    { type: "MARKET" },
    { type: "STOP_LOSS", stopPrice: "50000.00" },
    { type: "TAKE_PROFIT", stopPrice: "80000.00" },
  ];
  const offsets: Obj[] = [
    { pegOffsetType: "PRICE_LEVEL", pegOffsetValue: 1 },
    { pegOffsetType: "PRICE_LEVEL" },
    { pegOffsetValue: 1 },
  ];
  for (const t of types) {
    for (const o of offsets) {
      const r = await place({ ...t, ...o });
      assert.deepEqual(r.error, REFUSED, `${JSON.stringify({ ...t, ...o })}: ${JSON.stringify(r)}`);
    }
  }
  // An OCO leg the same.
  const oco = await s.a.call("orderList.place.oco", {
    symbol: SYMBOL,
    side: "SELL",
    quantity: "0.001",
    aboveType: "LIMIT_MAKER",
    abovePrice: "80000.00",
    belowType: "STOP_LOSS",
    belowStopPrice: "50000.00",
    belowPegOffsetType: "PRICE_LEVEL",
    belowPegOffsetValue: 1,
  });
  assert.deepEqual(oco.error, REFUSED, JSON.stringify(oco));
});
