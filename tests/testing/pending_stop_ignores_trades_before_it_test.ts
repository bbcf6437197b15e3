// web-socket-api.md (OTO): "The pending order is only placed on the order book when the working
// order gets fully filled." A pending stop starts waiting then: the working order's own earlier
// fills are trades of before, and do not trigger it.
import assert from "node:assert/strict";
import { dec, parseUnits } from "../../testing/_exchange/decimal.ts";
import { type Obj, result, setup } from "./_trading.ts";

const u = (t: string): bigint => parseUnits(t)!;

Deno.test("an OTO's pending stop is not triggered by the working order's fills before its own start", async () => {
  await using s = await setup();
  const { fake, a, b } = s;
  const asks = fake.market.orderBook("BTCUSDT", 4).asks;
  assert.deepEqual(asks.map((l) => l[0]), [
    "65000.00000000",
    "65000.01000000",
    "65000.02000000",
    "65000.03000000",
  ]);
  // B takes the asks up to 65000.02 and 0.001 at 65000.03: the last price is 65000.03.
  const qty = u(asks[0][1]) + u(asks[1][1]) + u(asks[2][1]) + 100_000n;
  result(
    await b.call("order.place", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "MARKET",
      quantity: dec(qty),
    }),
  );
  // B offers 0.001 at 65000.01, now the best ask (below the last price).
  result(
    await b.call("order.place", {
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "65000.01",
      quantity: "0.001",
    }),
  );
  // A's OTO: the working BUY 0.002 at 65000.03 fills at once (0.001 at 65000.01, 0.001 at
  // 65000.03); its pending SELL STOP_LOSS at 65000.02 starts then, the last price 65000.03 above.
  const list = result(
    await a.call("orderList.place.oto", {
      symbol: "BTCUSDT",
      workingType: "LIMIT",
      workingSide: "BUY",
      workingPrice: "65000.03",
      workingQuantity: "0.002",
      workingTimeInForce: "GTC",
      pendingType: "STOP_LOSS",
      pendingSide: "SELL",
      pendingQuantity: "0.001",
      pendingStopPrice: "65000.02",
    }),
  );
  const [working, pending] = list.orderReports as Obj[];
  assert.equal(working.status, "FILLED");
  const st = result(
    await a.call("order.status", { symbol: "BTCUSDT", orderId: pending.orderId }),
  );
  assert.equal(st.status, "NEW", JSON.stringify(st));
  assert.equal(st.isWorking, false);
});
