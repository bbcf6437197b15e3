// icebergQty "0" is not an iceberg (filters.md MAX_NUM_ICEBERG_ORDERS: "An `ICEBERG` order is
// any order where the `icebergQty` is > 0"; responses echo `"icebergQty": "0.00000000"`): the
// exchange (and the fake) accept a GTC LIMIT with icebergQty "0", so `checkOrderFilters` and the
// `filters` option must not refuse it as a LOT_SIZE violation of icebergQty.
import assert from "node:assert/strict";
import {
  checkOrderFilters,
  connectWsApi,
  createSigner,
  exchangeInfo,
  orderPlace,
} from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

Deno.test('checkOrderFilters: icebergQty "0" (no iceberg) is not a LOT_SIZE violation; the fake accepts it', async () => {
  await using fake = await startFakeBinance();
  await using conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  const info = (await exchangeInfo(conn, { symbol: "BTCUSDT" })).symbols[0];
  const order = {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "60000.00",
    quantity: "0.00100",
    icebergQty: "0",
  } as const;
  // The fake (as Binance) takes it.
  const placed = await orderPlace(conn, order);
  assert.equal((placed as { status?: string }).status, "NEW");
  assert.deepEqual(checkOrderFilters(info, order), []);
  // And the `filters` option does not refuse it before sending.
  await orderPlace(conn, { ...order, newClientOrderId: "second" }, { filters: info });
  // A real iceberg below minQty is still a LOT_SIZE violation.
  assert.ok(
    checkOrderFilters(info, { ...order, icebergQty: "0.000001" }).some((v) =>
      v.filterType === "LOT_SIZE" && v.param === "icebergQty"
    ),
  );
});
