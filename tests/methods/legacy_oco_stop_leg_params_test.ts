// The deprecated `orderList.place`: without `stopLimitPrice` its stop leg is a STOP_LOSS, which
// takes no time in force and no iceberg part. Binance answers `stopLimitTimeInForce` without
// `stopLimitPrice` with -1106 "Parameter 'stopLimitTimeInForce' sent when not required."
// (reported against the same OCO: python-binance #827/#1300, node-binance-api #618), and
// rest-api.md documents `stopIcebergQty` as "Used with `STOP_LOSS_LIMIT` leg". The client must
// refuse both before sending, as its rule does for a STOP_LOSS order (-1106).
import assert from "node:assert/strict";
import { connectWsApi, createSigner, orderListPlace, ValidationError } from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

const BASE = {
  symbol: "BTCUSDT",
  side: "SELL",
  price: "70000.00",
  quantity: "0.00100",
  stopPrice: "60000.00",
} as const;

Deno.test("orderList.place: stopLimitTimeInForce or stopIcebergQty without stopLimitPrice is refused, nothing sent", async () => {
  await using fake = await startFakeBinance();
  await using conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  const before = fake.received.length;
  for (
    const [params, param] of [
      [{ ...BASE, stopLimitTimeInForce: "GTC" }, "stopLimitTimeInForce"],
      [{ ...BASE, stopLimitTimeInForce: "GTC", stopIcebergQty: "0.00010" }, "stopIcebergQty"],
    ] as const
  ) {
    await assert.rejects(orderListPlace(conn, params), (e: unknown) => {
      assert.ok(e instanceof ValidationError, String(e));
      assert.ok(e.issues.some((i) => i.param === param), JSON.stringify(e.issues));
      return true;
    });
  }
  assert.equal(fake.received.length, before, "nothing was sent");
  // The same OCO with a STOP_LOSS_LIMIT leg still goes.
  await orderListPlace(conn, {
    ...BASE,
    stopLimitPrice: "59000.00",
    stopLimitTimeInForce: "GTC",
    stopIcebergQty: "0.00010",
  });
  // And the fake answers the STOP_LOSS leg's time in force as Binance does.
  await assert.rejects(
    conn.request("orderList.place", { ...BASE, stopLimitTimeInForce: "GTC" }, {
      security: "TRADE",
    }),
    /-1106|stopLimitTimeInForce/,
  );
});
