// errors.md: "IcebergQty exceeds QTY." | `icebergQty` must be less than the order quantity.
// wsDesignDoc.md (one set of order rules, applied to every order-list leg): "icebergQty needs
// timeInForce GTC and must be less than the quantity". OCO legs take icebergQty as a LONG number
// (web-socket-api.md `aboveIcebergQty` LONG), the deprecated orderList.place as a DECIMAL
// (`limitIcebergQty`, `stopIcebergQty`): each must be refused before sending when it is not
// below the list's `quantity`.
import assert from "node:assert/strict";
import {
  connectWsApi,
  createSigner,
  orderListPlace,
  orderListPlaceOco,
  ValidationError,
} from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";

async function refusedParams(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ValidationError, String(e));
    return e.issues.map((i) => i.param);
  }
  throw new Error("not refused");
}

Deno.test("an OCO leg's icebergQty (a LONG) not below the quantity is refused before sending", async () => {
  await using exchange = await startFakeBinance();
  const signer = await createSigner({ type: "HMAC", secretKey: "test-secret" });
  await using conn = await connectWsApi({
    url: exchange.wsApiUrl,
    credentials: { apiKey: "test-api-key", signer },
  });
  assert.deepEqual(
    await refusedParams(orderListPlaceOco(conn, {
      symbol: "BTCUSDT",
      side: "SELL",
      quantity: "2.000",
      aboveType: "LIMIT_MAKER",
      abovePrice: "70000",
      aboveIcebergQty: 5,
      belowType: "STOP_LOSS_LIMIT",
      belowPrice: "59000",
      belowStopPrice: "60000",
      belowTimeInForce: "GTC",
      belowIcebergQty: 2,
    })),
    ["aboveIcebergQty", "belowIcebergQty"],
  );
});

Deno.test("orderList.place's limitIcebergQty and stopIcebergQty not below the quantity are refused", async () => {
  await using exchange = await startFakeBinance();
  const signer = await createSigner({ type: "HMAC", secretKey: "test-secret" });
  await using conn = await connectWsApi({
    url: exchange.wsApiUrl,
    credentials: { apiKey: "test-api-key", signer },
  });
  assert.deepEqual(
    await refusedParams(orderListPlace(conn, {
      symbol: "BTCUSDT",
      side: "SELL",
      price: "70000",
      quantity: "1",
      limitIcebergQty: "1.5",
      stopPrice: "60000",
      stopLimitPrice: "59000",
      stopLimitTimeInForce: "GTC",
      stopIcebergQty: "1.00",
    })),
    ["limitIcebergQty", "stopIcebergQty"],
  );
});
