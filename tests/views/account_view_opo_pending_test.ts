// An open OPO whose pending order has no quantity yet: openOrders.status gives that order
// without `origQty` (as the OPO placement's report does), and the account view must still sync.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

const KEY = FAKE_ACCOUNT.apiKey;

Deno.test("the account view syncs while an OPO's pending order (no quantity yet) is open", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: KEY, signer: await spot.createSigner(FAKE_ACCOUNT.ed25519Key) },
  });
  const bid = Number(fake.market.orderBook("BTCUSDT", 1).bids[0][0]);
  await spot.orderListPlaceOpo(conn, {
    symbol: "BTCUSDT",
    workingType: "LIMIT",
    workingSide: "BUY",
    workingPrice: (bid - 100).toFixed(2),
    workingQuantity: "0.01",
    workingTimeInForce: "GTC",
    pendingType: "LIMIT",
    pendingSide: "SELL",
    pendingPrice: (bid + 100).toFixed(2),
    pendingTimeInForce: "GTC",
    pendingClientOrderId: "opo-pending",
  });
  const view = await spot.openAccountView(conn, { timeoutMs: 700, reconcileMs: 0 });
  try {
    assert.equal(view.openOrders()?.length, 2);
    const pending = view.order("opo-pending");
    assert.equal(pending?.status, "PENDING_NEW");
    assert.equal(pending?.origQty, "0.00000000");
    assert.deepEqual(view.openOrderLists()?.map((l) => l.contingencyType), ["OTO"]);
  } finally {
    await view.close();
  }
});
