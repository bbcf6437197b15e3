// A LIMIT_MAKER takes no timeInForce: its mandatory set is price and quantity (web-socket-api.md
// order.place), Binance answers one sent with -1106 "Parameter 'timeInForce' sent when not
// required." (ccxt/node-binance-api#358), and the fake does too; the OTO docs say a working or
// pending iceberg needs timeInForce GTC "or if workingType is LIMIT_MAKER". The client must
// refuse it before sending, naming the param, as it does for the other types that take none.
import assert from "node:assert/strict";
import {
  BinanceApiError,
  connectWsApi,
  createSigner,
  orderListPlaceOto,
  orderPlace,
  orderTest,
  ValidationError,
} from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

const MAKER = {
  symbol: "BTCUSDT",
  side: "SELL",
  type: "LIMIT_MAKER",
  price: "70000.00",
  quantity: "0.00100",
  timeInForce: "GTC",
} as const;
const OTO = {
  symbol: "BTCUSDT",
  workingType: "LIMIT_MAKER",
  workingSide: "BUY",
  workingPrice: "60000.00",
  workingQuantity: "0.00100",
  workingTimeInForce: "GTC",
  pendingType: "LIMIT_MAKER",
  pendingSide: "SELL",
  pendingQuantity: "0.00100",
  pendingPrice: "70000.00",
} as const;

Deno.test("LIMIT_MAKER with a timeInForce is a ValidationError naming it, nothing sent; the fake answers -1106", async () => {
  await using fake = await startFakeBinance();
  await using conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  const refused = (param: string) => (e: unknown) => {
    assert.ok(e instanceof ValidationError, String(e));
    assert.deepEqual(e.issues.map((i) => i.param), [param]);
    return true;
  };
  const before = fake.received.length;
  await assert.rejects(orderPlace(conn, MAKER), refused("timeInForce"));
  await assert.rejects(orderTest(conn, MAKER), refused("timeInForce"));
  await assert.rejects(orderListPlaceOto(conn, OTO), refused("workingTimeInForce"));
  await assert.rejects(
    orderListPlaceOto(conn, { ...OTO, workingTimeInForce: undefined, pendingTimeInForce: "GTC" }),
    refused("pendingTimeInForce"),
  );
  assert.equal(fake.received.length, before, "nothing was sent");
  // Sent anyway, the fake (as Binance) refuses it.
  await assert.rejects(
    conn.request("order.test", MAKER, { security: "TRADE" }),
    (e: unknown) => e instanceof BinanceApiError && e.code === -1106,
  );
  // Without it, both go.
  const { timeInForce: _, ...maker } = MAKER;
  await orderTest(conn, maker);
  await orderListPlaceOto(conn, { ...OTO, workingTimeInForce: undefined });
});
