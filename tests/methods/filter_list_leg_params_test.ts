// FilterError of an order list must name the list's own param (filters.md checks each leg; the
// library's FilterViolation.param: "The param that violates it, e.g. "quantity" (a leg's name
// for order lists)"). web-socket-api.md orderList.place.oco has `abovePrice`, `belowStopPrice`,
// no `price`, `stopPrice`; orderList.place.oto has `workingPrice`, `pendingQuantity`.
import assert from "node:assert/strict";
import {
  connectWsApi,
  createSigner,
  FilterError,
  orderListPlace,
  orderListPlaceOco,
  orderListPlaceOto,
} from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";

const info = {
  symbol: "BTCUSDT",
  filters: [
    { filterType: "PRICE_FILTER", minPrice: "0.01", maxPrice: "1000000", tickSize: "0.01" },
    { filterType: "LOT_SIZE", minQty: "0.00001", maxQty: "9000", stepSize: "0.00001" },
  ],
};

Deno.test("a list leg's FilterError names the list's param (abovePrice, belowStopPrice, workingPrice, pendingQuantity)", async () => {
  await using exchange = await startFakeBinance();
  const signer = await createSigner({ type: "HMAC", secretKey: "test-secret" });
  await using conn = await connectWsApi({
    url: exchange.wsApiUrl,
    credentials: { apiKey: "test-api-key", signer },
  });
  const params = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof FilterError, String(e));
      return [...new Set(e.issues.map((i) => i.param))].sort();
    }
    throw new Error("not refused");
  };
  assert.deepEqual(
    await params(orderListPlaceOco(conn, {
      symbol: "BTCUSDT",
      side: "SELL",
      quantity: "0.001",
      aboveType: "LIMIT_MAKER",
      abovePrice: "70000.005",
      belowType: "STOP_LOSS",
      belowStopPrice: "60000.001",
    }, { filters: info })),
    ["abovePrice", "belowStopPrice"],
  );
  assert.deepEqual(
    await params(orderListPlaceOto(conn, {
      symbol: "BTCUSDT",
      workingType: "LIMIT",
      workingSide: "BUY",
      workingTimeInForce: "GTC",
      workingPrice: "60000.001",
      workingQuantity: "0.001",
      pendingType: "MARKET",
      pendingSide: "SELL",
      pendingQuantity: "0.000001",
    }, { filters: info })),
    ["pendingQuantity", "workingPrice"],
  );
  assert.deepEqual(
    await params(orderListPlace(conn, {
      symbol: "BTCUSDT",
      side: "SELL",
      price: "70000",
      quantity: "0.001",
      stopPrice: "60000",
      stopLimitPrice: "59999.999",
      stopLimitTimeInForce: "GTC",
    }, { filters: info })),
    ["stopLimitPrice"],
  );
});
