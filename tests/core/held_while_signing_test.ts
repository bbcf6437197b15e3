// A -1015 hold that arrives while an order is being signed.
import assert from "node:assert/strict";
import { connectWsApi, orderPlace, RateLimitError, type Signer } from "../../mod.ts";
import { startScriptedPeer } from "../_helpers.ts";

const order = {
  symbol: "BTCUSDT",
  side: "BUY",
  type: "LIMIT",
  timeInForce: "GTC",
  price: "1",
  quantity: "1",
} as const;

function peerAnswering() {
  return startScriptedPeer((r) => {
    if (r.method === "time") {
      return JSON.stringify({ id: r.id, status: 200, result: { serverTime: Date.now() } });
    }
    if (r.method === "order.place") {
      return JSON.stringify({
        id: r.id,
        status: 429,
        error: {
          code: -1015,
          msg: "Too many new orders; current limit is 50 orders per 10 SECOND.",
          data: { retryAfter: Date.now() + 5000 },
        },
      });
    }
    return JSON.stringify({ id: r.id, status: 200, result: {} });
  });
}

/** Signs the 2nd payload 300 ms late. */
function slowSecond(): Signer {
  let n = 0;
  return {
    keyType: "HMAC",
    async sign() {
      if (++n === 2) await new Promise((r) => setTimeout(r, 300));
      return "ab".repeat(32);
    },
  };
}

Deno.test("an order held by a -1015 that came while it was signed is refused as -1015", async () => {
  await using peer = peerAnswering();
  await using conn = await connectWsApi({
    url: peer.url,
    credentials: { apiKey: "k", signer: slowSecond() },
    rateLimitPolicy: "refuse",
  });
  await conn.syncClock(); // fast path for both orders
  const a = orderPlace(conn, order).catch((e) => e);
  const b = orderPlace(conn, order).catch((e) => e);
  const ea = await a;
  assert.ok(ea instanceof RateLimitError && ea.code === -1015 && !ea.clientSide, String(ea));
  const eb = await b;
  assert.ok(eb instanceof RateLimitError && eb.clientSide, String(eb));
  assert.equal(eb.code, -1015, `code ${eb.code}: ${eb.message}`);
});

Deno.test("an order signed on the slow path is not sent during a -1015 that came while signing", async () => {
  await using peer = peerAnswering();
  await using conn = await connectWsApi({
    url: peer.url,
    credentials: { apiKey: "k", signer: slowSecond() },
    rateLimitPolicy: "refuse",
  });
  // Clock not measured yet: both take the slow path (#signedBody).
  const a = orderPlace(conn, order).catch((e) => e);
  const b = orderPlace(conn, order, { timeoutMs: 2000 }).catch((e) => e);
  const ea = await a;
  assert.ok(ea instanceof RateLimitError && ea.code === -1015 && !ea.clientSide, String(ea));
  const eb = await b;
  const placed = peer.received.filter((r) => r.method === "order.place").length;
  assert.equal(placed, 1, `orders sent: ${placed}; b: ${eb}`);
});
