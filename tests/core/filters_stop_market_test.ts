// STOP_LOSS and TAKE_PROFIT orders become MARKET orders when triggered. filters.md says
// MARKET_LOT_SIZE holds for "MARKET orders" and NOTIONAL's applyMinToMarket / applyMaxToMarket
// for "MARKET orders", and is silent on the stop-market types; the fake applies both to them
// (-1013 "Filter failure: MARKET_LOT_SIZE" / "NOTIONAL", the notional by the reference price).
// checkOrderFilters must name what the fake refuses, so that a bot's pre-check agrees.
import assert from "node:assert/strict";
import {
  avgPrice,
  BinanceApiError,
  checkOrderFilters,
  connectWsApi,
  createSigner,
  exchangeInfo,
  FilterError,
  orderPlace,
  type OrderPlaceParams,
  type SymbolInfo,
} from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

const STOP_SELL = {
  symbol: "BTCUSDT",
  side: "SELL",
  type: "STOP_LOSS",
  stopPrice: "50000.00",
} as const;
const TP_BUY = {
  symbol: "BTCUSDT",
  side: "BUY",
  type: "TAKE_PROFIT",
  stopPrice: "50000.00",
} as const;

Deno.test("checkOrderFilters and the fake: MARKET_LOT_SIZE and NOTIONAL hold for STOP_LOSS and TAKE_PROFIT", async () => {
  await using fake = await startFakeBinance();
  await using conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  const info: SymbolInfo = (await exchangeInfo(conn, { symbol: "BTCUSDT" })).symbols[0];
  const avg = (await avgPrice(conn, { symbol: "BTCUSDT" })).price;
  const cases: [string, OrderPlaceParams][] = [
    ["MARKET_LOT_SIZE", { ...STOP_SELL, quantity: "100.00001" }],
    ["MARKET_LOT_SIZE", { ...TP_BUY, quantity: "100.00001" }],
    // 0.00001 × ~65 000 is below minNotional 1 (applyMinToMarket true).
    ["NOTIONAL", { ...STOP_SELL, quantity: "0.00001" }],
    ["NOTIONAL", { ...TP_BUY, quantity: "0.00001" }],
  ];
  for (const [filterType, order] of cases) {
    const what = `${filterType} ${order.type} ${order.quantity}`;
    // The fake refuses it.
    await assert.rejects(orderPlace(conn, order), (e: unknown) => {
      assert.ok(e instanceof BinanceApiError, `${what}: ${e}`);
      assert.equal(e.msg, `Filter failure: ${filterType}`, what);
      return true;
    });
    // The client names the same filter, before sending.
    const found = checkOrderFilters(info, order as Parameters<typeof checkOrderFilters>[1], {
      referencePrice: avg,
    });
    assert.deepEqual(found.map((v) => [v.filterType, v.param]), [[filterType, "quantity"]], what);
    const before = fake.received.length;
    await assert.rejects(
      orderPlace(conn, order, { filters: info, referencePrice: avg }),
      (e: unknown) => e instanceof FilterError && e.violations[0].filterType === filterType,
      what,
    );
    assert.equal(fake.received.length, before, `${what}: refused before sending`);
  }
  // Within both, the same stop orders pass, here and at the fake.
  for (const order of [{ ...STOP_SELL, quantity: "0.00100" }, { ...TP_BUY, quantity: "0.00100" }]) {
    assert.deepEqual(checkOrderFilters(info, order, { referencePrice: avg }), []);
    await orderPlace(conn, order);
  }
});
