// OTOCO and OPOCO place 3 orders as far as the ORDERS limits go, with or without the optional
// pendingBelowType: the docs give their Unfilled Order Count as 3, and the governor reserves what
// the docs say (the server's own count, in `rateLimits`, then corrects it). Under-counting would
// let a placement trip -1015 that "wait" or "refuse" exists to prevent.
import assert from "node:assert/strict";
import {
  connectWsApi,
  createSigner,
  orderListPlaceOpoco,
  orderListPlaceOtoco,
  orderPlace,
  RateLimitError,
} from "../../mod.ts";
import { startScriptedPeer } from "../_helpers.ts";

const ORDERS_10S = (count: number) => ({
  rateLimitType: "ORDERS",
  interval: "SECOND",
  intervalNum: 10,
  limit: 10,
  count,
});

const WORKING = {
  symbol: "BTCUSDT",
  workingType: "LIMIT",
  workingSide: "BUY",
  workingPrice: "1",
  workingQuantity: "5",
  workingTimeInForce: "GTC",
} as const;
const NO_BELOW = {
  ...WORKING,
  pendingSide: "SELL",
  pendingQuantity: "5",
  pendingAboveType: "LIMIT_MAKER",
  pendingAbovePrice: "5",
} as const;

// OPOCO's pending quantity is what the working order fills: it takes no pendingQuantity.
const { pendingQuantity: _, ...NO_BELOW_OPOCO } = NO_BELOW;

for (
  const [name, place, params] of [
    ["OTOCO", orderListPlaceOtoco, NO_BELOW],
    ["OPOCO", orderListPlaceOpoco, NO_BELOW_OPOCO],
  ] as const
) {
  Deno.test(`${name} without pendingBelowType counts the documented 3 orders: refused client-side when only 2 fit`, async () => {
    // The peer's answer to the first placement says 8 of 10 orders are used in this 10 s window.
    const peer = startScriptedPeer((req) => {
      if (req.method === "time") {
        return JSON.stringify({ id: req.id, status: 200, result: { serverTime: Date.now() } });
      }
      return JSON.stringify({
        id: req.id,
        status: 200,
        result: {
          symbol: "BTCUSDT",
          orderId: 1,
          orderListId: -1,
          clientOrderId: "x",
          transactTime: 1,
        },
        rateLimits: [ORDERS_10S(8)],
      });
    });
    const conn = await connectWsApi({
      url: peer.url,
      rateLimitPolicy: "refuse",
      credentials: {
        apiKey: "test-api-key",
        signer: await createSigner({ type: "HMAC", secretKey: "test-secret" }),
      },
    });
    try {
      await orderPlace(conn, {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "LIMIT",
        timeInForce: "GTC",
        price: "1",
        quantity: "1",
        newOrderRespType: "ACK",
      });
      const before = peer.received.length;
      await assert.rejects(
        place(conn, params as never, { onUnknownOutcome: "throw" }),
        (e: unknown) => e instanceof RateLimitError && /ORDERS limit of 10/.test(e.message),
      );
      assert.equal(peer.received.length, before, "nothing sent");
    } finally {
      await conn.close();
      await peer.close();
    }
  });
}
