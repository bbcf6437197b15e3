// An order whose answer is lost is resolved from its executionReport; the order it resolves
// with must keep what the report says of it that order.status would say too.
// - `eR` (user-data-stream.md "Conditional Fields in Execution Report": "Expiry Reason |
//   Appears when the order has expired."; web-socket-api.md "Conditional fields in Order
//   Responses": `expiryReason` "When an order has expired"), `v` / `A` (preventedMatchId /
//   preventedQuantity, "Appears only for orders that expired due to STP").
// - A pegged order's report carries its peg offset value as `gOV`: read as anything else, the
//   report of the very order sent does not match it, and the stream's evidence is thrown away.
import assert from "node:assert/strict";
import {
  connectWsApi,
  createSigner,
  orderPlace,
  type OrderPlaceParams,
  userDataStreamSubscribeSignature,
} from "../../mod.ts";
import { FAKE_ACCOUNT } from "../../testing/mod.ts";
import { newOrderReport, okAnswer as ok, startScriptedPeer } from "../_helpers.ts";

/**
 * Places `params` against a peer whose `order.place` answer is lost while the order's report
 * (a NEW-shaped executionReport of it, with `report` over it) arrives, and whose `order.status`
 * lags (-2013): the placement resolves from the report alone.
 */
async function placeResolvedFromReport(
  params: OrderPlaceParams,
  report: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const peer = startScriptedPeer((req, later) => {
    if (req.method === "time") return ok(req.id, { serverTime: Date.now() });
    if (req.method === "userDataStream.subscribe.signature") {
      return ok(req.id, { subscriptionId: 0 });
    }
    if (req.method === "userDataStream.unsubscribe") return ok(req.id, {});
    if (req.method === "order.status") {
      // The read lags ("Memory => Database"): the order is not there yet.
      return JSON.stringify({
        id: req.id,
        status: 400,
        error: { code: -2013, msg: "Order does not exist." },
      });
    }
    if (req.method === "order.place") {
      const p = req.params;
      const now = Date.now();
      // The order entered the book (its report comes); its answer is lost.
      later(JSON.stringify({
        subscriptionId: 0,
        event: {
          ...newOrderReport(String(p.newClientOrderId), now),
          s: p.symbol,
          S: p.side,
          o: p.type,
          f: p.timeInForce,
          p: "0.00000000",
          ...report,
        },
      }));
      return undefined;
    }
  });
  const conn = await connectWsApi({
    url: peer.url,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  const errors: Error[] = [];
  conn.on("error", ({ error }) => errors.push(error));
  try {
    const sub = await userDataStreamSubscribeSignature(conn);
    const order = await orderPlace(conn, { ...params, recvWindow: 50 }, {
      timeoutMs: 150,
      unknownOutcomeMarginMs: 0,
      resolveTimeoutMs: 2_000,
    });
    await sub.unsubscribe();
    assert.deepEqual(errors.map((e) => e.message), []);
    assert.equal((order as { recovered?: boolean }).recovered, true);
    assert.equal(order.orderId, 4242);
    return order as unknown as Record<string, unknown>;
  } finally {
    await conn.close();
    await peer.close();
  }
}

Deno.test("an order recovered from an EXPIRED report keeps eR, v and A", async () => {
  const order = await placeResolvedFromReport({
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "FOK",
    quantity: "0.01",
    price: "50000",
    newClientOrderId: "fok-1",
  }, {
    p: "50000.00000000",
    x: "EXPIRED",
    X: "EXPIRED",
    w: false,
    v: 3,
    A: "3.000000",
    eR: "UNFILLED_FOK_ORDER_EXPIRED",
  });
  assert.equal(order.status, "EXPIRED");
  assert.equal(order.expiryReason, "UNFILLED_FOK_ORDER_EXPIRED");
  assert.equal(order.preventedMatchId, 3);
  assert.equal(order.preventedQuantity, "3.000000");
});

Deno.test("the report of a pegged order with pegOffsetValue (gOV) resolves its lost answer", async () => {
  const order = await placeResolvedFromReport({
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    quantity: "0.01",
    pegPriceType: "PRIMARY_PEG",
    pegOffsetType: "PRICE_LEVEL",
    pegOffsetValue: 5,
    newClientOrderId: "peg-1",
  }, { gP: "PRIMARY_PEG", gOT: "PRICE_LEVEL", gOV: 5, gp: "50000.00000000" });
  assert.equal(order.pegOffsetValue, 5);
});
