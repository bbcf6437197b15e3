// web-socket-api.md orderList.place.oco, "Price restrictions": "If the OCO is on the `SELL` side:
// `LIMIT_MAKER/TAKE_PROFIT_LIMIT` `price` > Last Traded Price > `STOP_LOSS/STOP_LOSS_LIMIT`
// `stopPrice`" — a TAKE_PROFIT_LIMIT leg is held to its limit price, not its stop price.
import assert from "node:assert/strict";
import { error, type Obj, result, setup } from "../testing/_trading.ts";

const OCO = {
  symbol: "BTCUSDT",
  side: "SELL",
  quantity: "0.01",
  aboveType: "TAKE_PROFIT_LIMIT",
  aboveTimeInForce: "GTC",
  belowType: "STOP_LOSS",
  belowStopPrice: "60000",
};

Deno.test("SELL OCO: a TAKE_PROFIT_LIMIT price below the last price is refused", async () => {
  await using s = await setup();
  // Last price about 65000: stop price above it, limit price below it.
  const r = await s.a.call("orderList.place.oco", {
    ...OCO,
    aboveStopPrice: "66000",
    abovePrice: "64000",
  });
  assert.deepEqual(error(r), {
    code: -2010,
    msg: "The relationship of the prices for the orders is not correct.",
  });
});

Deno.test("SELL OCO: a TAKE_PROFIT_LIMIT price above the last price is accepted", async () => {
  await using s = await setup();
  const list = result(
    await s.a.call("orderList.place.oco", { ...OCO, aboveStopPrice: "66000", abovePrice: "66500" }),
  ) as Obj;
  assert.equal(list.listOrderStatus, "EXECUTING");
});
