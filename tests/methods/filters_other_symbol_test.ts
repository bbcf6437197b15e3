// `filters` is "The symbol's exchangeInfo entry" (OrderRequestOptions.filters); filters.md: "Filters
// define trading rules on a symbol". An ETHUSDT order given BTCUSDT's entry must be refused as a
// bad option naming `filters`, not checked against another symbol's rules (which refuses a valid
// order with a FilterError, or lets a bad one through).
import assert from "node:assert/strict";
import { connectWsApi, createSigner, FilterError, orderPlace, ValidationError } from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";

const btc = {
  symbol: "BTCUSDT",
  filters: [{ filterType: "LOT_SIZE", minQty: "0.001", maxQty: "100", stepSize: "0.001" }],
};

Deno.test("filters of another symbol are refused as the option `filters`, nothing sent", async () => {
  await using exchange = await startFakeBinance();
  const signer = await createSigner({ type: "HMAC", secretKey: "test-secret" });
  await using conn = await connectWsApi({
    url: exchange.wsApiUrl,
    credentials: { apiKey: "test-api-key", signer },
  });
  const before = exchange.received.length;
  await assert.rejects(
    orderPlace(conn, {
      symbol: "ETHUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "3000",
      quantity: "0.0001",
    }, { filters: btc }),
    (e: unknown) => {
      assert.ok(e instanceof ValidationError && !(e instanceof FilterError), String(e));
      assert.equal(e.issues[0].param, "filters");
      return true;
    },
  );
  assert.equal(exchange.received.length, before, "nothing was sent");
});
