// Pegged orders: exchangeInfo reports `pegInstructionsAllowed: true` for every symbol, so the
// fake must take them as the docs describe.
// faqs/pegged_orders.md: "Pegged orders are essentially limit orders with the price derived
// from the order book." "`peggedPrice` reflects the selected price, while `price` is the
// original order price (zero if not set)." web-socket-api.md "Pegged Orders": "If
// `pegPriceType` is specified, `price` becomes optional." "`PRIMARY_PEG` means … the best price
// on the same side of the order book as your order." "`MARKET_PEG` means … the best price on the
// opposite side". user-data-stream.md: gP, gOT, gOV, gp "Appear only for Pegged Orders".
// errors.md: "-1210 INVALID_PEG_PRICE_TYPE", "This order type may not use pegged price.",
// "This price peg cannot be used with this order type."
import assert from "node:assert/strict";
import { type Obj, setup as fakeWithAccounts } from "./_trading.ts";

/** The fake, with account A's client subscribed to its User Data Stream. */
async function setup() {
  const s = await fakeWithAccounts();
  await s.a.call("userDataStream.subscribe.signature");
  return s;
}

/** Waits for the events of the last request to arrive. */
function settle(): Promise<void> {
  return new Promise((r) => setTimeout(r, 30));
}

const SYMBOL = "BTCUSDT";

Deno.test("a PRIMARY_PEG LIMIT without price rests at the best bid; its answer and report carry the peg", async () => {
  await using s = await setup();
  const book = s.fake.market.orderBook(SYMBOL, 5);
  const r = await s.a.call("order.place", {
    symbol: SYMBOL,
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    quantity: "0.01",
    pegPriceType: "PRIMARY_PEG",
    pegOffsetType: "PRICE_LEVEL",
    pegOffsetValue: 1,
    newOrderRespType: "RESULT",
  });
  assert.equal(r.status, 200, JSON.stringify(r));
  const o = r.result as Obj;
  assert.equal(o.price, "0.00000000");
  assert.equal(o.pegPriceType, "PRIMARY_PEG");
  assert.equal(o.pegOffsetType, "PRICE_LEVEL");
  assert.equal(o.pegOffsetValue, 1);
  assert.equal(o.peggedPrice, book.bids[1][0]);
  assert.equal(o.status, "NEW");
  await settle();
  const report = s.a.take().find((e) => e.e === "executionReport")!;
  assert.equal(report.p, "0.00000000");
  assert.equal(report.gP, "PRIMARY_PEG");
  assert.equal(report.gOT, "PRICE_LEVEL");
  assert.equal(report.gOV, 1);
  assert.equal(report.gp, book.bids[1][0]);
  const status = await s.a.call("order.status", { symbol: SYMBOL, orderId: o.orderId });
  assert.equal((status.result as Obj).peggedPrice, book.bids[1][0]);
  assert.equal((status.result as Obj).pegPriceType, "PRIMARY_PEG");
});

Deno.test("a MARKET_PEG IOC SELL trades at the best bid", async () => {
  await using s = await setup();
  const book = s.fake.market.orderBook(SYMBOL, 1);
  const r = await s.a.call("order.place", {
    symbol: SYMBOL,
    side: "SELL",
    type: "LIMIT",
    timeInForce: "IOC",
    quantity: "0.001",
    pegPriceType: "MARKET_PEG",
    newOrderRespType: "FULL",
  });
  assert.equal(r.status, 200, JSON.stringify(r));
  const o = r.result as Obj;
  assert.equal(o.status, "FILLED");
  assert.equal(o.peggedPrice, book.bids[0][0]);
  assert.equal((o.fills as Obj[])[0].price, book.bids[0][0]);
  assert.equal(o.pegOffsetType, undefined);
});

Deno.test("pegs refused as errors.md says", async () => {
  await using s = await setup();
  const place = (p: Obj) =>
    s.a.call("order.place", { symbol: SYMBOL, side: "BUY", quantity: "0.01", ...p });
  const e1 = await place({ type: "LIMIT", timeInForce: "GTC", pegPriceType: "BEST" });
  assert.deepEqual(e1.error, { code: -1210, msg: "Invalid pegPriceType." });
  const e2 = await place({ type: "MARKET", pegPriceType: "MARKET_PEG" });
  assert.deepEqual(e2.error, { code: -2010, msg: "This order type may not use pegged price." });
  const e3 = await place({ type: "LIMIT_MAKER", pegPriceType: "MARKET_PEG" });
  assert.deepEqual(e3.error, {
    code: -2010,
    msg: "This price peg cannot be used with this order type.",
  });
});

Deno.test("OTO: a pegged working order enters now, a pegged pending one when the working one fills", async () => {
  // faqs/pegged_orders.md "OTO and OTOCO": "Pegged working order enters immediately at the
  // current best price. Pegged pending limit order enters at the best price after the working
  // order has been filled."
  await using s = await setup();
  const r = await s.a.call("orderList.place.oto", {
    symbol: SYMBOL,
    workingType: "LIMIT",
    workingSide: "BUY",
    workingTimeInForce: "GTC",
    workingQuantity: "0.001",
    workingPegPriceType: "MARKET_PEG",
    pendingType: "LIMIT_MAKER",
    pendingSide: "SELL",
    pendingQuantity: "0.001",
    pendingPegPriceType: "PRIMARY_PEG",
    newOrderRespType: "RESULT",
  });
  assert.equal(r.status, 200, JSON.stringify(r));
  const [working, pending] = (r.result as Obj).orderReports as Obj[];
  assert.equal(working.status, "FILLED");
  assert.equal(working.pegPriceType, "MARKET_PEG");
  assert.equal(pending.pegPriceType, "PRIMARY_PEG");
  const book = s.fake.market.orderBook(SYMBOL, 1);
  const status = await s.a.call("order.status", { symbol: SYMBOL, orderId: pending.orderId });
  const st = status.result as Obj;
  assert.equal(st.status, "NEW");
  assert.equal(st.price, "0.00000000");
  assert.equal(st.peggedPrice, book.asks[0][0]);
});

Deno.test("a pegged TAKE_PROFIT_LIMIT takes its price when it triggers, not before", async () => {
  // faqs/pegged_orders.md "Stop-limit orders": "stop orders use the best price at the time when
  // they are triggered … Only the limit price can be pegged, not the stop price."
  await using s = await setup();
  const ask = s.fake.market.orderBook(SYMBOL, 1).asks[0][0];
  const r = await s.a.call("order.place", {
    symbol: SYMBOL,
    side: "SELL",
    type: "TAKE_PROFIT_LIMIT",
    timeInForce: "GTC",
    quantity: "0.001",
    stopPrice: ask,
    pegPriceType: "PRIMARY_PEG",
    newOrderRespType: "RESULT",
  });
  assert.equal(r.status, 200, JSON.stringify(r));
  const o = r.result as Obj;
  assert.equal(o.peggedPrice, undefined, "not determined before the trigger");
  await settle();
  s.a.take();
  const buy = await s.a.call("order.place", {
    symbol: SYMBOL,
    side: "BUY",
    type: "MARKET",
    quantity: "0.001",
  });
  assert.equal(buy.status, 200, JSON.stringify(buy));
  await settle();
  const reports = s.a.take().filter((e) => e.e === "executionReport" && e.i === o.orderId);
  assert.equal(reports.length, 1, JSON.stringify(reports));
  assert.equal(reports[0].x, "NEW");
  assert.equal(reports[0].gp, ask);
  assert.equal(reports[0].p, "0.00000000");
  const st = (await s.a.call("order.status", { symbol: SYMBOL, orderId: o.orderId })).result as Obj;
  assert.equal(st.peggedPrice, ask);
  assert.equal(st.status, "NEW");
});
