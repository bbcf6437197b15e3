// A `filters` entry written for the same symbol in another case ("btcusdt", as the market
// streams name it) is that symbol's entry: its rules apply, it is not refused as another symbol's.
import assert from "node:assert/strict";
import { connectWsApi, createSigner, FilterError, orderPlace } from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";

Deno.test("filters of the order's symbol in lower case are checked, not refused", async () => {
  await using exchange = await startFakeBinance();
  const signer = await createSigner({ type: "HMAC", secretKey: "test-secret" });
  await using conn = await connectWsApi({
    url: exchange.wsApiUrl,
    credentials: { apiKey: "test-api-key", signer },
  });
  const filters = {
    symbol: "btcusdt",
    filters: [{ filterType: "LOT_SIZE", minQty: "0.001", maxQty: "100", stepSize: "0.001" }],
  };
  await assert.rejects(
    orderPlace(conn, {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "60000",
      quantity: "0.0001",
    }, { filters }),
    (e: unknown) => {
      assert.ok(e instanceof FilterError, String(e));
      assert.equal(e.issues[0].param, "quantity");
      return true;
    },
  );
});
