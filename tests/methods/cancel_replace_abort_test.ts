import assert from "node:assert/strict";
import { connectWsApi, createSigner, orderCancelReplace } from "../../mod.ts";
import { okAnswer as ok, queriedOrderResult, startScriptedPeer } from "../_helpers.ts";

Deno.test("an abort during a cancel-replace's resolution (the old order's lookup) ends the call", async () => {
  let placed: Record<string, unknown> = {};
  const peer = startScriptedPeer((req) => {
    if (req.method === "time") return ok(req.id, { serverTime: Date.now() });
    if (req.method === "order.cancelReplace") {
      placed = req.params;
      return undefined;
    } // answer lost
    if (req.method === "order.status") {
      // The new order is found at once; the old order's lookup is slow.
      if (req.params.origClientOrderId === placed.newClientOrderId) {
        return ok(
          req.id,
          queriedOrderResult(String(placed.newClientOrderId), {
            price: String(placed.price),
            origQty: String(placed.quantity),
          }),
        );
      }
      return undefined;
    }
  });
  const conn = await connectWsApi({
    url: peer.url,
    credentials: { apiKey: "k", signer: await createSigner({ type: "HMAC", secretKey: "s" }) },
    timeoutMs: 4000,
  });
  try {
    await conn.syncClock();
    const ac = new AbortController();
    const started = performance.now();
    const call = orderCancelReplace(conn, {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "40000",
      quantity: "0.001",
      cancelReplaceMode: "ALLOW_FAILURE",
      cancelOrigClientOrderId: "old-1",
      newOrderRespType: "ACK",
    }, { signal: ac.signal, timeoutMs: 200, resolveTimeoutMs: 1000 });
    setTimeout(() => ac.abort(new Error("stop")), 600);
    const out = await call.then((v) => ({ v }), (e) => ({ e }));
    const took = performance.now() - started;
    const v = (out as { v?: { recovered?: boolean; cancelResult?: string } }).v;
    assert.equal(v?.recovered, true, "the new order was found");
    assert.equal(v?.cancelResult, "UNKNOWN", "the old order's state is not known");
    assert.ok(
      took < 1500,
      `aborted at 600 ms (resolveTimeoutMs 1000), settled only after ${took.toFixed(0)} ms`,
    );
  } finally {
    await conn.close();
    await peer.close();
  }
});
