// Review 87: the unknown-outcome errors of an order.cancelReplace must carry, beside the new
// order's client id, the order being canceled (cancelOrderId / cancelOrigClientOrderId) and a
// user-given cancelNewClientOrderId: what the bot needs to find both halves again.
import assert from "node:assert/strict";
import {
  connectWsApi,
  createSigner,
  orderCancelReplace,
  OrderNotPlacedError,
  OrderOutcomeUnknownError,
  orderPlace,
} from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

Deno.test("a cancel-replace's OrderOutcomeUnknownError and OrderNotPlacedError carry the cancel half's ids", async () => {
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
      newClientOrderId: "old-1",
    });
    const replace = {
      symbol: "BTCUSDT",
      cancelReplaceMode: "ALLOW_FAILURE",
      cancelNewClientOrderId: "cancel-1",
      newClientOrderId: "new-1",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "40002.00",
      quantity: "0.001",
    } as const;
    fake.armOrderFault({ kind: "timeout", executed: false }, { methods: ["order.cancelReplace"] });
    const unknown = await orderCancelReplace(conn, { ...replace, cancelOrderId: old.orderId }, {
      onUnknownOutcome: "throw",
    }).catch((e) => e);
    assert.ok(unknown instanceof OrderOutcomeUnknownError, String(unknown));
    assert.deepEqual(unknown.clientOrderIds, {
      newClientOrderId: "new-1",
      cancelOrderId: old.orderId,
      cancelNewClientOrderId: "cancel-1",
    });
    assert.match(unknown.message, /cancelNewClientOrderId "cancel-1"/);

    fake.armOrderFault({ kind: "dropBeforeExecuting" }, { methods: ["order.cancelReplace"] });
    const notPlaced = await orderCancelReplace(conn, {
      ...replace,
      newClientOrderId: "new-2",
      cancelOrigClientOrderId: "old-1",
    }).catch((e) => e);
    assert.ok(notPlaced instanceof OrderNotPlacedError, String(notPlaced));
    assert.deepEqual(notPlaced.clientOrderIds, {
      newClientOrderId: "new-2",
      cancelOrigClientOrderId: "old-1",
      cancelNewClientOrderId: "cancel-1",
    });
  } finally {
    await conn.close();
  }
});
