// web-socket-api.md orderList.place.otoco: "The rules of the pending above and pending below
// follow the same rules as the Order list OCO": "One of the orders must be a
// `LIMIT_MAKER/TAKE_PROFIT/TAKE_PROFIT_LIMIT` order and the other must be `STOP_LOSS` or
// `STOP_LOSS_LIMIT` order" (CHANGELOG.md 2024-12: the compositions, for `orderList.place.oco`
// and `orderList.place.otoco`, have no `LIMIT_MAKER` + `LIMIT_MAKER`).
import assert from "node:assert/strict";
import { error, setup } from "../testing/_trading.ts";

const OTOCO = {
  symbol: "BTCUSDT",
  workingType: "LIMIT",
  workingSide: "BUY",
  workingPrice: "60000",
  workingQuantity: "0.01",
  workingTimeInForce: "GTC",
  pendingSide: "SELL",
  pendingQuantity: "0.01",
  pendingAboveType: "LIMIT_MAKER",
  pendingAbovePrice: "70000",
};

for (const method of ["orderList.place.otoco", "orderList.place.opoco"]) {
  Deno.test(`${method}: two LIMIT_MAKER pending legs are an unsupported combination`, async () => {
    await using s = await setup();
    const params: Record<string, unknown> = {
      ...OTOCO,
      pendingBelowType: "LIMIT_MAKER",
      pendingBelowPrice: "66000",
    };
    if (method.endsWith("opoco")) delete params.pendingQuantity;
    const r = await s.a.call(method, params);
    assert.deepEqual(error(r), { code: -2010, msg: "Unsupported order combination" });
  });
}
