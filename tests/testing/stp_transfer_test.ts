// CHANGELOG.md 2026-03-27: "STP Transfer will be allowed on all symbols on 2026-04-02".
// faqs/stp_faq.md: "`TRANSFER` - If orders are from the same account, then the behavior is the
// same as `DECREMENT`."
import assert from "node:assert/strict";
import { type Obj, result, setup } from "../testing/_trading.ts";

Deno.test("exchangeInfo allows STP TRANSFER on every symbol", async () => {
  await using s = await setup();
  const info = result(await s.a.call("exchangeInfo", { symbol: "BTCUSDT" }));
  const [sym] = info.symbols as Obj[];
  assert.ok(
    (sym.allowedSelfTradePreventionModes as string[]).includes("TRANSFER"),
    JSON.stringify(sym.allowedSelfTradePreventionModes),
  );
});

Deno.test("STP TRANSFER within one account behaves as DECREMENT", async () => {
  await using s = await setup();
  // A's BUY rests alone at 64999.99 (the best bid), then A sells into it with TRANSFER.
  s.fake.market.clearLevel("BTCUSDT", "bids", "64999.99");
  const price = "64999.99";
  const maker = result(
    await s.a.call("order.place", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price,
      quantity: "0.06",
      selfTradePreventionMode: "TRANSFER",
    }),
  );
  assert.equal(maker.status, "NEW");
  assert.equal(maker.selfTradePreventionMode, "TRANSFER");
  const taker = result(
    await s.a.call("order.place", {
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      timeInForce: "GTC",
      price,
      quantity: "0.02",
      selfTradePreventionMode: "TRANSFER",
    }),
  );
  assert.equal(taker.status, "EXPIRED_IN_MATCH");
  assert.equal(taker.executedQty, "0.00000000");
  assert.equal(taker.preventedQuantity, "0.02000000");
  // Scenario H: maker 0.6, taker 0.2: "takerPreventedQuantity": "0.20000000",
  // "makerPreventedQuantity": "0.20000000".
  const [match] = taker.preventedMatches as Obj[];
  assert.equal(match.takerPreventedQuantity, "0.02000000", JSON.stringify(match));
  assert.equal(match.makerPreventedQuantity, "0.02000000", JSON.stringify(match));
  const status = result(
    await s.a.call("order.status", { symbol: "BTCUSDT", orderId: maker.orderId }),
  );
  assert.equal(status.status, "NEW");
  assert.equal(status.preventedQuantity, "0.02000000");
});
