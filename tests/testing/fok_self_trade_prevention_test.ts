// enums.md "Time in force": "FOK | Fill or Kill | An order will expire if the full order cannot
// be filled upon execution." With self-trade prevention, the taker's own resting orders cannot
// fill it (faqs/stp_faq.md: "no orders will match"): a FOK that only their quantity would
// complete is not filled at all — never partly filled, never left on the book.
import assert from "node:assert/strict";
import { A, type Obj, result, setup } from "../testing/_trading.ts";

const LIMIT = { symbol: "BTCUSDT", type: "LIMIT" };

/**
 * A's SELL 0.01 rests at 65000.01 behind the market's 0.04711 there; the market has 0.01405
 * at 65000.00: 0.06116 of others' liquidity up to 65000.01, 0.07116 with A's own.
 */
async function fok(stp: string): Promise<{ taker: Obj; s: Awaited<ReturnType<typeof setup>> }> {
  const s = await setup();
  result(
    await s.a.call("order.place", {
      ...LIMIT,
      timeInForce: "GTC",
      side: "SELL",
      price: "65000.01",
      quantity: "0.01",
    }),
  );
  const taker = result(
    await s.a.call("order.place", {
      ...LIMIT,
      timeInForce: "FOK",
      side: "BUY",
      price: "65000.01",
      quantity: "0.065",
      selfTradePreventionMode: stp,
    }),
  );
  return { taker, s };
}

for (const stp of ["EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH", "DECREMENT"]) {
  Deno.test(`FOK ${stp}: own resting quantity does not make it fillable`, async () => {
    const { taker, s } = await fok(stp);
    await using _ = s;
    assert.equal(taker.executedQty, "0.00000000", JSON.stringify(taker));
    assert.equal(taker.status, "EXPIRED", JSON.stringify(taker));
    assert.equal(s.fake.trading.openOrders(A).filter((o) => o.side === "BUY").length, 0);
  });
}

Deno.test("FOK EXPIRE_TAKER: filled by others' liquidity ahead of an own order", async () => {
  const s = await setup();
  await using _ = s;
  result(
    await s.a.call("order.place", {
      ...LIMIT,
      timeInForce: "GTC",
      side: "SELL",
      price: "65000.01",
      quantity: "0.01",
    }),
  );
  const taker = result(
    await s.a.call("order.place", {
      ...LIMIT,
      timeInForce: "FOK",
      side: "BUY",
      price: "65000.01",
      quantity: "0.06",
      selfTradePreventionMode: "EXPIRE_TAKER",
    }),
  );
  assert.equal(taker.status, "FILLED", JSON.stringify(taker));
});
