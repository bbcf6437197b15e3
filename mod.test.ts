// Pins the public surface: an export added, removed or changed in kind fails here.
import assert from "node:assert/strict";
import * as mod from "./mod.ts";
import * as testing from "./testing/mod.ts";

function kinds(module: object): Record<string, string> {
  return Object.fromEntries(Object.entries(module).map(([k, v]) => [k, typeof v]).sort());
}

Deno.test("mod.ts exports exactly the public API", () => {
  assert.deepEqual(kinds(mod), {
    AggregateTrade: "object",
    AggregateTradeList: "object",
    AveragePrice: "object",
    BinanceApiError: "function",
    BlockTrade: "object",
    BlockTradeList: "object",
    BookTicker: "object",
    BookTickerList: "object",
    ConnectionClosedError: "function",
    DEFAULT_REQUEST_WEIGHT_LIMIT: "number",
    Depth: "object",
    EmptyResult: "object",
    ExchangeInfo: "object",
    ExecutionRules: "object",
    IpBannedError: "function",
    Kline: "object",
    KlineList: "object",
    RateLimitError: "function",
    ReferencePrice: "object",
    ReferencePriceCalculation: "object",
    RequestTimeoutError: "function",
    RollingWindowTicker: "object",
    RollingWindowTickerList: "object",
    ServerError: "function",
    ServerTime: "object",
    Ticker24hr: "object",
    Ticker24hrList: "object",
    TickerMini: "object",
    TickerMiniList: "object",
    TickerPrice: "object",
    TickerPriceList: "object",
    Trade: "object",
    TradeList: "object",
    UnexpectedMessageError: "function",
    ValidationError: "function",
    WS_API_URLS: "object",
    WsApiConnection: "function",
    avgPrice: "function",
    avgPriceInfo: "object",
    blockTradesHistorical: "function",
    blockTradesHistoricalInfo: "object",
    buildSignaturePayload: "function",
    connectWsApi: "function",
    createSigner: "function",
    depth: "function",
    depthInfo: "object",
    exchangeInfo: "function",
    exchangeInfoInfo: "object",
    executionRules: "function",
    executionRulesInfo: "object",
    klines: "function",
    klinesInfo: "object",
    ping: "function",
    pingInfo: "object",
    redactApiKey: "function",
    referencePrice: "function",
    referencePriceCalculation: "function",
    referencePriceCalculationInfo: "object",
    referencePriceInfo: "object",
    ticker: "function",
    ticker24hr: "function",
    ticker24hrInfo: "object",
    tickerBook: "function",
    tickerBookInfo: "object",
    tickerInfo: "object",
    tickerPrice: "function",
    tickerPriceInfo: "object",
    tickerTradingDay: "function",
    tickerTradingDayInfo: "object",
    time: "function",
    timeInfo: "object",
    tradesAggregate: "function",
    tradesAggregateInfo: "object",
    tradesHistorical: "function",
    tradesHistoricalInfo: "object",
    tradesRecent: "function",
    tradesRecentInfo: "object",
    uiKlines: "function",
    uiKlinesInfo: "object",
  });
});

Deno.test("testing/mod.ts exports exactly startFakeBinance", () => {
  assert.deepEqual(kinds(testing), {
    startFakeBinance: "function",
  });
});

Deno.test("mod.ts holds no logic: only a module doc and re-exports", async () => {
  const source = await Deno.readTextFile(new URL("./mod.ts", import.meta.url));
  const code = source.replace(/\/\*\*[\s\S]*?\*\//, "").split("\n").filter((l) => l.trim() !== "");
  assert.ok(code.length > 0);
  for (const line of code) assert.match(line, /^export \* from "\.\/[a-z0-9_/]+\.ts";$/, line);
});
