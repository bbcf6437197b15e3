// Every documented response example parses into its model with exact values.
import assert from "node:assert/strict";
import {
  AggregateTradeList,
  AveragePrice,
  BlockTradeList,
  BookTicker,
  BookTickerList,
  Depth,
  DiffDepthEvent,
  EmptyResult,
  ExchangeInfo,
  ExecutionRules,
  KlineList,
  type ModelFactory,
  OrderFull,
  OrderListStatus,
  ReferencePrice,
  ReferencePriceCalculation,
  RollingWindowTicker,
  RollingWindowTickerList,
  ServerTime,
  SessionStatus,
  Ticker24hr,
  Ticker24hrList,
  TickerMini,
  TickerMiniList,
  TickerPrice,
  TickerPriceList,
  TradeEvent,
  TradeList,
  UnexpectedMessageError,
} from "../../mod.ts";
import { exampleResult as result } from "../_helpers.ts";

/** Every documented example, its model, and the keys the model must keep. */
const examples: [string, ModelFactory<unknown>][] = [
  ["ping.response", EmptyResult],
  ["time.response", ServerTime],
  ["exchangeInfo.response", ExchangeInfo],
  ["executionRules.response", ExecutionRules],
  ["depth.response", Depth],
  ["trades.recent.response", TradeList],
  ["trades.historical.response", TradeList],
  ["blockTrades.historical.response", BlockTradeList],
  ["trades.aggregate.response", AggregateTradeList],
  ["klines.response", KlineList],
  ["uiKlines.response", KlineList],
  ["avgPrice.response", AveragePrice],
  ["ticker.24hr.response", Ticker24hr],
  ["ticker.24hr.response.mini", TickerMini],
  ["ticker.24hr.response.multi", Ticker24hrList],
  ["ticker.tradingDay.response", RollingWindowTicker],
  ["ticker.tradingDay.response.mini", TickerMini],
  ["ticker.tradingDay.response.full-symbols", RollingWindowTickerList],
  ["ticker.tradingDay.response.mini-symbols", TickerMiniList],
  ["ticker.response", RollingWindowTicker],
  ["ticker.response.mini", TickerMini],
  ["ticker.response.multi", RollingWindowTickerList],
  ["ticker.book.response", BookTicker],
  ["ticker.book.response.multi", BookTickerList],
  ["ticker.price.response", TickerPrice],
  ["ticker.price.response.multi", TickerPriceList],
  ["referencePrice.response", ReferencePrice],
  ["referencePrice.response.null", ReferencePrice],
  ["referencePrice.calculation.response.arithmetic-mean", ReferencePriceCalculation],
  ["referencePrice.calculation.response.external", ReferencePriceCalculation],
];

for (const [name, model] of examples) {
  Deno.test(`the documented ${name} example parses and keeps every documented value`, async () => {
    const raw = await result(name);
    const parsed = model.parse(raw);
    // Models that keep Binance's names keep every documented field, values unchanged.
    if (model !== AggregateTradeList && model !== KlineList) assert.deepEqual(parsed, raw);
  });
}

Deno.test("Depth keeps the documented levels as exact strings", async () => {
  const book = Depth.parse(await result("depth.response"));
  assert.equal(book.lastUpdateId, 2731179239);
  assert.deepEqual(book.bids[0], ["0.01379900", "3.43200000"]);
  assert.deepEqual(book.asks[4], ["0.01380400", "0.26800000"]);
});

Deno.test("AggregateTrade gives the documented one-letter keys readable names", async () => {
  const [t] = AggregateTradeList.parse(await result("trades.aggregate.response"));
  assert.deepEqual(t, {
    aggregateTradeId: 50000000,
    price: "0.00274100",
    quantity: "57.19000000",
    firstTradeId: 59120167,
    lastTradeId: 59120170,
    time: 1565877971222,
    isBuyerMaker: true,
    isBestMatch: true,
  });
});

Deno.test("Kline gives the documented array readable names", async () => {
  const [k] = KlineList.parse(await result("klines.response"));
  assert.deepEqual(k, {
    openTime: 1655971200000,
    open: "0.01086000",
    high: "0.01086600",
    low: "0.01083600",
    close: "0.01083800",
    volume: "2290.53800000",
    closeTime: 1655974799999,
    quoteAssetVolume: "24.85074442",
    numberOfTrades: 2283,
    takerBuyBaseAssetVolume: "1171.64000000",
    takerBuyQuoteAssetVolume: "12.71225884",
  });
});

Deno.test("ExchangeInfo keeps filters of any type, with their fields", async () => {
  const info = ExchangeInfo.parse(await result("exchangeInfo.response"));
  assert.deepEqual(info.symbols[0].filters[0], {
    filterType: "PRICE_FILTER",
    minPrice: "0.00000100",
    maxPrice: "100000.00000000",
    tickSize: "0.00000100",
  });
  const custom = ExchangeInfo.parse({
    ...info,
    exchangeFilters: [{ filterType: "EXCHANGE_MAX_NUM_ORDERS", maxNumOrders: 1000 }],
  });
  assert.equal(custom.exchangeFilters[0].maxNumOrders, 1000);
  assert.equal(info.rateLimits.find((l) => l.rateLimitType === "CONNECTIONS")?.limit, 300);
});

Deno.test("ExchangeInfo reads a symbol without the deprecated permissions (CHANGELOG: to be removed)", async () => {
  const info = ExchangeInfo.parse(await result("exchangeInfo.response"));
  const { permissions: _gone, ...symbol } = info.symbols[0];
  const later = ExchangeInfo.parse({ ...info, symbols: [symbol] });
  assert.equal(later.symbols[0].permissions, undefined);
  assert.deepEqual(later.symbols[0].permissionSets, info.symbols[0].permissionSets);
});

Deno.test("SessionStatus reads userDataStream null: subscriptions not available on this API", () => {
  const status = SessionStatus.parse({
    apiKey: null,
    authorizedSince: null,
    connectedSince: 1649729873021,
    returnRateLimits: false,
    serverTime: 1649730611671,
    userDataStream: null,
  });
  assert.equal(status.userDataStream, null);
});

Deno.test("OrderFull keeps tradeGroupId and preventedMatches; OrderListStatus keeps expiryReason", async () => {
  const full = await result("order.place.response.full") as Record<string, unknown>;
  // faqs/stp_faq.md, "Output of the Taker Order" (CHANGELOG 2023-01-19: tradeGroupId too).
  const taker = OrderFull.parse({
    ...full,
    tradeGroupId: 1,
    preventedMatches: [
      {
        preventedMatchId: 0,
        makerOrderId: 2,
        price: "1.200000",
        makerPreventedQuantity: "1.200000",
      },
      {
        preventedMatchId: 1,
        makerOrderId: 3,
        price: "1.100000",
        takerPreventedQuantity: "1.300000",
      },
    ],
  });
  assert.equal(taker.tradeGroupId, 1);
  assert.deepEqual(taker.preventedMatches?.map((m) => [m.makerOrderId, m.price]), [
    [2, "1.200000"],
    [3, "1.100000"],
  ]);
  assert.equal(taker.preventedMatches?.[1].takerPreventedQuantity, "1.300000");
  const list = await result("orderList.status.response") as Record<string, unknown>;
  const expired = OrderListStatus.parse({ ...list, expiryReason: "INSUFFICIENT_LIQUIDITY" });
  assert.equal(expired.expiryReason, "INSUFFICIENT_LIQUIDITY");
});

Deno.test("models reject a wrong shape with UnexpectedMessageError naming the field", () => {
  assert.throws(() => TickerPrice.parse({ symbol: "BTCUSDT", price: 1.5 }), (e: unknown) => {
    assert.ok(e instanceof UnexpectedMessageError);
    assert.match(e.message, /"price"/);
    return true;
  });
  assert.throws(
    () => Depth.parse({ lastUpdateId: 1, bids: [["1.0"]], asks: [] }),
    UnexpectedMessageError,
  );
  assert.throws(() => KlineList.parse([[1, "1"]]), UnexpectedMessageError);
  assert.throws(() => ServerTime.parse(null), UnexpectedMessageError);
  assert.throws(() => EmptyResult.parse(null), UnexpectedMessageError);
  // A field Binance may add later is dropped, as by every model: never a failed call.
  assert.deepEqual(EmptyResult.parse({ unexpected: 1 }), {});
});

Deno.test("decimals must be decimal strings, never floats", () => {
  assert.throws(
    () => TickerPrice.parse({ symbol: "BTCUSDT", price: "1e5" }),
    UnexpectedMessageError,
  );
  assert.equal(TickerPrice.parse({ symbol: "X", price: "0.00000001" }).price, "0.00000001");
});

Deno.test("models ignore fields Binance may add later", () => {
  const t = TickerPrice.parse({ symbol: "BTCUSDT", price: "1.00", newField: true });
  assert.deepEqual(t, { symbol: "BTCUSDT", price: "1.00" });
});

Deno.test("the stream models built on the hot path are plain objects, as a literal would be", () => {
  const trade = {
    e: "trade",
    E: 1672515782136,
    s: "BNBBTC",
    t: 12345,
    p: "0.001",
    q: "100",
    T: 1672515782136,
    m: true,
    M: true,
  };
  const t = TradeEvent.parse(trade);
  assert.equal(Object.getPrototypeOf(t), Object.prototype);
  assert.deepEqual(t, {
    eventTime: 1672515782136,
    symbol: "BNBBTC",
    tradeId: 12345,
    price: "0.001",
    qty: "100",
    tradeTime: 1672515782136,
    isBuyerMaker: true,
    raw: trade,
  });
  const depth = {
    e: "depthUpdate",
    E: 1672515782136,
    s: "BNBBTC",
    U: 157,
    u: 160,
    b: [["0.0024", "10"]],
    a: [["0.0026", "100"]],
  };
  const d = DiffDepthEvent.parse(depth);
  assert.equal(Object.getPrototypeOf(d), Object.prototype);
  assert.deepEqual(d, {
    eventTime: 1672515782136,
    symbol: "BNBBTC",
    firstUpdateId: 157,
    finalUpdateId: 160,
    bids: [["0.0024", "10"]],
    asks: [["0.0026", "100"]],
    raw: depth,
  });
});
