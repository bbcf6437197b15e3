// A cancel-replace that gives its new order the client id it frees (cancelOrigClientOrderId ==
// newClientOrderId, as order.cancel documents: "freeing it up for new orders"), answer lost:
// the recovery finds the new order, and does not take it for the old one.
import assert from "node:assert/strict";
import { connectWsApi, createSigner, orderCancelReplace, orderPlace } from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

Deno.test("a recovered cancel-replace whose new order reuses the freed client id never reports the new order as the canceled one", async () => {
  await using fake = await startFakeBinance();
  const conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
    reconnect: { initialDelayMs: 10, maxDelayMs: 50 },
    recvWindow: 1000,
    unknownOutcomeMarginMs: 300,
    timeoutMs: 3000,
  });
  try {
    await conn.syncClock();
    const old = await orderPlace(conn, {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "40001.00",
      quantity: "0.001",
      newClientOrderId: "keep-me",
    });
    fake.armOrderFault({ kind: "dropAfterExecuting" }, { methods: ["order.cancelReplace"] });
    const r = await orderCancelReplace(conn, {
      symbol: "BTCUSDT",
      cancelReplaceMode: "ALLOW_FAILURE",
      cancelOrigClientOrderId: "keep-me",
      newClientOrderId: "keep-me",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "40002.00",
      quantity: "0.001",
    });
    assert.ok("recovered" in r && r.recovered, JSON.stringify(r));
    const fakeOld = fake.trading.ordersByClientId(FAKE_ACCOUNT.apiKey, "keep-me")
      .find((o) => o.orderId === old.orderId);
    assert.equal(fakeOld?.status, "CANCELED");
    assert.notEqual(
      r.cancelResponse?.orderId,
      r.newOrderResponse.orderId,
      "the cancelResponse is the new order itself",
    );
    // The lookup by the freed id finds the new order: the old one's state is not known from it
    // (under ALLOW_FAILURE the new order is placed even when the cancel failed).
    assert.equal(r.cancelResult, "UNKNOWN");
  } finally {
    await conn.close();
  }
});
