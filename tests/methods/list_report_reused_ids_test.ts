// Review 82: with a User Data Stream subscription, a lost order list is resolved by the first
// `listStatus` report of its listClientOrderId. A bot that cancels a list and re-places it at
// once with the same client ids (Binance takes them again once the list is done) and new
// prices may see the old list's ALL_DONE report arrive after the new placement went out
// (the stream lags the API answer): that report is of the old list (its legs have the old
// prices), and must not be taken as the new placement "recovered".
import assert from "node:assert/strict";
import {
  connectWsApi,
  createSigner,
  orderListPlaceOco,
  userDataStreamSubscribeSignature,
} from "../../mod.ts";
import { FAKE_ACCOUNT } from "../../testing/mod.ts";
import { okAnswer as ok, queriedOrderResult, startScriptedPeer } from "../_helpers.ts";

Deno.test("an old list's late listStatus report is not the re-placed list (its legs differ)", async () => {
  const ids = { list: "slot-1-list", tp: "slot-1-tp", sl: "slot-1-sl" };
  const oldTime = Date.now();
  const oldLegs = [
    queriedOrderResult(ids.tp, {
      orderId: 11,
      orderListId: 5,
      side: "SELL",
      type: "LIMIT_MAKER",
      price: "90000.00000000",
      origQty: "0.00100000",
      status: "CANCELED",
      time: oldTime,
    }),
    queriedOrderResult(ids.sl, {
      orderId: 12,
      orderListId: 5,
      side: "SELL",
      type: "STOP_LOSS_LIMIT",
      price: "40000.00000000",
      stopPrice: "40000.00000000",
      origQty: "0.00100000",
      status: "CANCELED",
      time: oldTime,
    }),
  ];
  const oldList = {
    orderListId: 5,
    contingencyType: "OCO",
    listStatusType: "ALL_DONE",
    listOrderStatus: "ALL_DONE",
    listClientOrderId: ids.list,
    transactionTime: oldTime,
    symbol: "BTCUSDT",
    orders: [
      { symbol: "BTCUSDT", orderId: 11, clientOrderId: ids.tp },
      { symbol: "BTCUSDT", orderId: 12, clientOrderId: ids.sl },
    ],
  };
  const peer = startScriptedPeer((req, later) => {
    if (req.method === "time") return ok(req.id, { serverTime: Date.now() });
    if (req.method === "userDataStream.subscribe.signature") {
      return ok(req.id, { subscriptionId: 0 });
    }
    if (req.method === "userDataStream.unsubscribe") return ok(req.id, {});
    if (req.method === "orderList.status") return ok(req.id, oldList);
    if (req.method === "order.status") {
      return ok(req.id, oldLegs.find((o) => o.orderId === req.params.orderId));
    }
    if (req.method === "orderList.place.oco") {
      // The old list's ALL_DONE report (from the cancel just before) comes late; the new
      // placement never reached the engine and its answer is lost.
      const now = Date.now();
      later(JSON.stringify({
        subscriptionId: 0,
        event: {
          e: "listStatus",
          E: now,
          s: "BTCUSDT",
          g: 5,
          c: "OCO",
          l: "ALL_DONE",
          L: "ALL_DONE",
          r: "NONE",
          C: ids.list,
          T: now - 5,
          O: [
            { s: "BTCUSDT", i: 11, c: ids.tp },
            { s: "BTCUSDT", i: 12, c: ids.sl },
          ],
        },
      }));
      return undefined;
    }
  });
  const conn = await connectWsApi({
    url: peer.url,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  try {
    const sub = await userDataStreamSubscribeSignature(conn);
    const r = await orderListPlaceOco(conn, {
      symbol: "BTCUSDT",
      side: "SELL",
      quantity: "0.001",
      aboveType: "LIMIT_MAKER",
      abovePrice: "91000.00",
      belowType: "STOP_LOSS_LIMIT",
      belowStopPrice: "41000.00",
      belowPrice: "41000.00",
      belowTimeInForce: "GTC",
      listClientOrderId: ids.list,
      aboveClientOrderId: ids.tp,
      belowClientOrderId: ids.sl,
      recvWindow: 100,
    }, { timeoutMs: 200, unknownOutcomeMarginMs: 0, resolveTimeoutMs: 3000 }).catch((e) => e);
    await sub.unsubscribe();
    assert.ok(
      r instanceof Error,
      `the old list's report was taken as the new placement: ${JSON.stringify(r)}`,
    );
  } finally {
    await conn.close();
    await peer.close();
  }
});
