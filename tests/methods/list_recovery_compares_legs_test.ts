// Review 82: an order list whose answer is lost is looked up by orderList.status, which names
// each leg only by symbol, orderId and clientOrderId. A bot that re-places a list with the same
// client ids (Binance takes them again once the first list is done) and new prices, within
// a second of the first, must not get the old list back as "recovered": the rule is
// "found and matches the placement (symbol, side, type, quantities, prices)", each leg.
import assert from "node:assert/strict";
import {
  connectWsApi,
  createSigner,
  orderListCancel,
  orderListPlace,
  orderListPlaceOco,
  orderListPlaceOpo,
  orderListPlaceOpoco,
  orderListPlaceOto,
  orderListPlaceOtoco,
  OrderNotPlacedError,
  OrderOutcomeUnknownError,
} from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

Deno.test("a lost OCO re-placed with the same ids and new prices is not the old list", async () => {
  await using fake = await startFakeBinance();
  await using conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
    recvWindow: 1000,
    unknownOutcomeMarginMs: 300,
    resolveTimeoutMs: 6000,
  });
  const ids = {
    listClientOrderId: "slot-1-list",
    aboveClientOrderId: "slot-1-tp",
    belowClientOrderId: "slot-1-sl",
  };
  const oco = (tp: string, sl: string) => ({
    symbol: "BTCUSDT",
    side: "SELL",
    quantity: "0.001",
    aboveType: "LIMIT_MAKER",
    abovePrice: tp,
    belowType: "STOP_LOSS_LIMIT",
    belowStopPrice: sl,
    belowPrice: sl,
    belowTimeInForce: "GTC",
    ...ids,
  } as const);
  await orderListPlaceOco(conn, oco("90000.00", "40000.00"));
  await orderListCancel(conn, { symbol: "BTCUSDT", listClientOrderId: ids.listClientOrderId });
  // At once, the same ids, new prices; its answer is lost and it never reached the engine.
  fake.armOrderFault({ kind: "dropBeforeExecuting" }, { methods: ["orderList.place.oco"] });
  const r = await orderListPlaceOco(conn, oco("91000.00", "41000.00")).catch((e) => e);
  assert.ok(
    r instanceof OrderOutcomeUnknownError || r instanceof OrderNotPlacedError,
    `the canceled list (old prices) was taken as the placement: ${
      r instanceof Error ? r : JSON.stringify(r)
    }`,
  );
  const live = fake.trading.ordersByClientId(FAKE_ACCOUNT.apiKey, ids.aboveClientOrderId)
    .filter((o) => o.status === "NEW");
  assert.equal(live.length, 0, "nothing live");
});

Deno.test("a lost list of every kind is still recovered once its legs match (ms and µs)", async () => {
  for (const timeUnit of ["MILLISECOND", "MICROSECOND"] as const) {
    await using fake = await startFakeBinance();
    await using conn = await connectWsApi({
      url: fake.wsApiUrl,
      credentials: {
        apiKey: FAKE_ACCOUNT.apiKey,
        signer: await createSigner(FAKE_ACCOUNT.hmacKey),
      },
      timeUnit,
      recvWindow: 1000,
      unknownOutcomeMarginMs: 300,
      resolveTimeoutMs: 6000,
    });
    const working = {
      symbol: "BTCUSDT",
      workingType: "LIMIT",
      workingSide: "BUY",
      workingPrice: "40000.00",
      workingQuantity: "0.001",
      workingTimeInForce: "GTC",
    } as const;
    const pair = {
      pendingSide: "SELL",
      pendingAboveType: "LIMIT_MAKER",
      pendingAbovePrice: "90000.00",
      pendingBelowType: "STOP_LOSS_LIMIT",
      pendingBelowStopPrice: "30000.00",
      pendingBelowPrice: "29900.00",
      pendingBelowTimeInForce: "GTC",
    } as const;
    const calls: [string, () => Promise<unknown>][] = [
      ["orderList.place", () =>
        orderListPlace(conn, {
          symbol: "BTCUSDT",
          side: "SELL",
          quantity: "0.001",
          price: "90000.00",
          stopPrice: "40000.00",
          stopLimitPrice: "39900.00",
          stopLimitTimeInForce: "GTC",
        })],
      ["orderList.place.oto", () =>
        orderListPlaceOto(conn, {
          ...working,
          pendingType: "LIMIT_MAKER",
          pendingSide: "SELL",
          pendingPrice: "90000.00",
          pendingQuantity: "0.001",
        })],
      [
        "orderList.place.otoco",
        () => orderListPlaceOtoco(conn, { ...working, ...pair, pendingQuantity: "0.001" }),
      ],
      ["orderList.place.opo", () =>
        orderListPlaceOpo(conn, {
          ...working,
          pendingType: "LIMIT_MAKER",
          pendingSide: "SELL",
          pendingPrice: "90000.00",
        })],
      ["orderList.place.opoco", () => orderListPlaceOpoco(conn, { ...working, ...pair })],
    ];
    for (const [method, place] of calls) {
      fake.armOrderFault({ kind: "dropAfterExecuting" }, { methods: [method] });
      const r = await place().catch((e) => e);
      assert.ok(
        !(r instanceof Error) && (r as { recovered?: boolean }).recovered === true,
        `${timeUnit} ${method}: ${r instanceof Error ? r : JSON.stringify(r)}`,
      );
    }
  }
});
