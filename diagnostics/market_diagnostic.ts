/**
 * Market diagnostic: calls every public WebSocket API method once through this module
 * and prints one line per check (PASS/FAIL, latency). Exits 1 when any check fails.
 *
 *   deno task diagnose            # live Binance (wss://ws-api.binance.com:443)
 *   deno task diagnose:testnet    # Spot testnet
 *   deno task diagnose:local      # the fake exchange, started in-process
 *
 * @module
 */
import * as spot from "../mod.ts";
import { runDiagnostic } from "./_harness.ts";

interface Check {
  name: string;
  run: (conn: spot.WsApiConnection) => Promise<string>;
  /** Binance error codes that are a documented, correct answer for this check. */
  accept?: number[];
}

const symbol = "BTCUSDT";
const checks: Check[] = [
  { name: "ping", run: async (c) => (await spot.ping(c), "pong") },
  {
    name: "time",
    run: async (c) => {
      const { serverTime } = await spot.time(c);
      return `clock offset ${serverTime - Date.now()} ms`;
    },
  },
  {
    name: "exchangeInfo",
    run: async (c) => `${(await spot.exchangeInfo(c, { symbol })).symbols.length} symbol`,
  },
  {
    name: "executionRules",
    run: async (c) => `${(await spot.executionRules(c, { symbol })).symbolRules.length} symbol`,
  },
  {
    name: "depth",
    run: async (c) => {
      const book = await spot.depth(c, { symbol, limit: 5 });
      return `best bid ${book.bids[0]?.[0]} / ask ${book.asks[0]?.[0]}`;
    },
  },
  {
    name: "trades.recent",
    run: async (c) => `${(await spot.tradesRecent(c, { symbol, limit: 5 })).length} trades`,
  },
  {
    name: "trades.historical",
    run: async (c) => `${(await spot.tradesHistorical(c, { symbol, limit: 5 })).length} trades`,
  },
  {
    name: "blockTrades.historical",
    run: async (c) =>
      `${(await spot.blockTradesHistorical(c, { symbol, fromId: 1, limit: 5 })).length} trades`,
  },
  {
    name: "trades.aggregate",
    run: async (c) => `${(await spot.tradesAggregate(c, { symbol, limit: 5 })).length} trades`,
  },
  {
    name: "klines",
    run: async (c) =>
      `${(await spot.klines(c, { symbol, interval: "1m", limit: 5 })).length} klines`,
  },
  {
    name: "uiKlines",
    run: async (c) =>
      `${(await spot.uiKlines(c, { symbol, interval: "1h", limit: 5 })).length} klines`,
  },
  { name: "avgPrice", run: async (c) => `price ${(await spot.avgPrice(c, { symbol })).price}` },
  {
    name: "ticker.24hr",
    run: async (c) => `last ${(await spot.ticker24hr(c, { symbol })).lastPrice}`,
  },
  {
    name: "ticker.tradingDay",
    run: async (c) => `last ${(await spot.tickerTradingDay(c, { symbol })).lastPrice}`,
  },
  {
    name: "ticker",
    run: async (c) => `last ${(await spot.ticker(c, { symbol, windowSize: "1h" })).lastPrice}`,
  },
  {
    name: "ticker.price",
    run: async (c) => `price ${(await spot.tickerPrice(c, { symbol })).price}`,
  },
  {
    name: "ticker.book",
    run: async (c) => `bid ${(await spot.tickerBook(c, { symbol })).bidPrice}`,
  },
  {
    name: "referencePrice",
    run: async (c) => `price ${(await spot.referencePrice(c, { symbol })).referencePrice}`,
    accept: [-2043],
  },
  {
    name: "referencePrice.calculation",
    run: async (c) =>
      `type ${(await spot.referencePriceCalculation(c, { symbol })).calculationType}`,
    accept: [-2043],
  },
  {
    name: "validation",
    run: async (c) => {
      try {
        await spot.depth(c, { symbol, limit: 5001 });
      } catch (e) {
        if (e instanceof spot.ValidationError) return "bad limit refused before sending";
        throw e;
      }
      throw new Error("depth accepted limit 5001");
    },
  },
];

await runDiagnostic({ labelWidth: 27 }, async (run) => {
  if (run.target === "testnet") {
    const apiKey = Deno.env.get("BINANCE_TESTNET_API_KEY");
    console.log(
      `testnet API key: ${apiKey ? spot.redactApiKey(apiKey) : "(not set; public checks only)"}`,
    );
  }
  await using conn = await spot.connectWsApi({ url: run.urls.wsApi, reconnect: false });
  run.begin(conn.url);
  for (const check of checks) {
    await run.check(
      check.name,
      () => check.run(conn),
      (e) =>
        e instanceof spot.BinanceApiError && check.accept?.includes(e.code)
          ? `documented answer ${e.code} ${e.msg}`
          : undefined,
    );
  }
  const weight = conn.rateLimits.find((l) => l.rateLimitType === "REQUEST_WEIGHT");
  if (weight) console.log(`request weight used: ${weight.count}/${weight.limit} per minute`);
});
