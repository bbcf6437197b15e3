// Review 82: -1007 ("Send status unknown; execution status unknown") and -1006 are read by
// their code whatever the status (the rule; errors.md: "execution status unknown"). A
// frame of status 200 that has no `result` but an error of code -1007 must not be taken as an
// accepted order ("Do not place it again"): its outcome is unknown, and is resolved by the
// client id like any -1007.
import assert from "node:assert/strict";
import {
  connectWsApi,
  createSigner,
  OrderNotPlacedError,
  orderPlace,
  UnexpectedOrderResultError,
} from "../../mod.ts";
import { okAnswer as ok, startScriptedPeer } from "../_helpers.ts";

Deno.test("a 200 without result whose error is -1007 is an unknown outcome, resolved by lookup", async () => {
  const peer = startScriptedPeer((req) => {
    if (req.method === "time") return ok(req.id, { serverTime: Date.now() });
    if (req.method === "order.place") {
      return JSON.stringify({
        id: req.id,
        status: 200,
        error: {
          code: -1007,
          msg: "Timeout waiting for response from backend server. Send status unknown; " +
            "execution status unknown.",
        },
      });
    }
    if (req.method === "order.status") {
      return JSON.stringify({
        id: req.id,
        status: 400,
        error: { code: -2013, msg: "Order does not exist." },
      });
    }
  });
  const conn = await connectWsApi({
    url: peer.url,
    credentials: { apiKey: "k", signer: await createSigner({ type: "HMAC", secretKey: "s" }) },
    recvWindow: 100,
    unknownOutcomeMarginMs: 0,
    resolveTimeoutMs: 3000,
  });
  try {
    const e = await orderPlace(conn, {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "1",
      quantity: "1",
    }).catch((e) => e);
    assert.ok(
      !(e instanceof UnexpectedOrderResultError),
      `a -1007 answer was taken for an accepted order: ${e}`,
    );
    assert.ok(e instanceof OrderNotPlacedError, String(e));
    assert.ok(peer.received.some((r) => r.method === "order.status"), "looked up");
  } finally {
    await conn.close();
    await peer.close();
  }
});
