// Review 87: a cancel-replace whose CANCEL half Binance answered -1007 ("execution status
// unknown") is not a definite answer: the cancel may have happened. It must not end as a
// CancelReplaceError saying canceled: false; the cancel half is established by order.status of
// the order being canceled.
import assert from "node:assert/strict";
import {
  CancelReplaceError,
  connectWsApi,
  createSigner,
  orderCancelReplace,
  OrderNotPlacedError,
} from "../../mod.ts";
import { okAnswer, queriedOrderResult, startScriptedPeer } from "../_helpers.ts";

const CANCEL_TIMEOUT = {
  code: -1007,
  msg:
    "Timeout waiting for response from backend server. Send status unknown; execution status unknown.",
};

async function scripted(
  reply: (req: { id: unknown; params: Record<string, unknown> }) => string,
  oldStatus: string,
) {
  let sent: Record<string, unknown> = {};
  const peer = startScriptedPeer((req) => {
    if (req.method === "time") return okAnswer(req.id, { serverTime: Date.now() });
    if (req.method === "order.cancelReplace") {
      sent = req.params;
      return reply(req);
    }
    if (req.method === "order.status") {
      if (req.params.orderId === 5) {
        return okAnswer(req.id, queriedOrderResult("old", { orderId: 5, status: oldStatus }));
      }
      if (req.params.origClientOrderId === sent.newClientOrderId && sent.newOrderPlaced) {
        return okAnswer(
          req.id,
          queriedOrderResult(String(sent.newClientOrderId), {
            orderId: 9,
            price: sent.price,
            origQty: sent.quantity,
          }),
        );
      }
      return JSON.stringify({
        id: req.id,
        status: 400,
        error: { code: -2013, msg: "Order does not exist." },
      });
    }
  });
  const conn = await connectWsApi({
    url: peer.url,
    credentials: {
      apiKey: "test-api-key",
      signer: await createSigner({ type: "HMAC", secretKey: "test-secret" }),
    },
    unknownOutcomeMarginMs: 300,
    recvWindow: 1000,
  });
  return {
    peer,
    conn,
    sent: () => sent,
    async [Symbol.asyncDispose]() {
      await conn.close();
      await peer.close();
    },
  };
}

const params = {
  symbol: "BTCUSDT",
  cancelOrderId: 5,
  side: "BUY",
  type: "LIMIT",
  timeInForce: "GTC",
  price: "40002.00",
  quantity: "0.001",
} as const;

Deno.test("cancel half -1007, new order NOT_ATTEMPTED: not a definite canceled:false; the old order's state decides", async () => {
  await using s = await scripted((req) =>
    JSON.stringify({
      id: req.id,
      status: 400,
      error: {
        code: -2022,
        msg: "Order cancel-replace failed.",
        data: {
          cancelResult: "FAILURE",
          newOrderResult: "NOT_ATTEMPTED",
          cancelResponse: CANCEL_TIMEOUT,
          newOrderResponse: null,
        },
      },
    }), "CANCELED");
  const e = await orderCancelReplace(s.conn, { ...params, cancelReplaceMode: "STOP_ON_FAILURE" })
    .catch((e) => e);
  assert.ok(
    !(e instanceof CancelReplaceError && e.canceled === false),
    `a cancel answered -1007 was taken for a definite failure: ${e}`,
  );
  assert.ok(e instanceof OrderNotPlacedError, String(e));
  const cancel = (e as { cancel?: { cancelResult: string; canceled?: boolean } }).cancel;
  assert.equal(cancel?.canceled, true);
  assert.ok(s.peer.received.some((r) => r.method === "order.status" && r.params.orderId === 5));
});

Deno.test("cancel half -1007, new order placed (409): the cancel half is looked up, not canceled:false", async () => {
  await using s = await scripted((req) => {
    req.params.newOrderPlaced = true;
    return JSON.stringify({
      id: req.id,
      status: 409,
      error: {
        code: -2021,
        msg: "Order cancel-replace partially failed.",
        data: {
          cancelResult: "FAILURE",
          newOrderResult: "SUCCESS",
          cancelResponse: CANCEL_TIMEOUT,
          newOrderResponse: {
            symbol: "BTCUSDT",
            orderId: 9,
            orderListId: -1,
            clientOrderId: req.params.newClientOrderId,
            transactTime: Date.now(),
          },
        },
      },
    });
  }, "CANCELED");
  const r = await orderCancelReplace(s.conn, {
    ...params,
    cancelReplaceMode: "ALLOW_FAILURE",
    newOrderRespType: "ACK",
  }).catch((e) => e);
  assert.ok(
    !(r instanceof CancelReplaceError && r.canceled === false),
    `a cancel answered -1007 was taken for a definite failure: ${r}`,
  );
  assert.ok("recovered" in r && r.recovered, String(r));
  assert.equal(r.cancelResult, "SUCCESS");
  assert.equal(r.cancelResponse?.status, "CANCELED");
  assert.equal(r.newOrderResponse.orderId, 9);
});
