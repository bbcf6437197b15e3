/**
 * Offline demo: starts the embedded fake exchange on 127.0.0.1 and uses the client the
 * way a bot would. Run with `deno task demo`.
 *
 * @module
 */
import {
  BinanceApiError,
  connectStreams,
  connectWsApi,
  depth,
  exchangeInfo,
  klines,
  openOrderBook,
  RequestTimeoutError,
  tickerPrice,
  time,
  tradeStream,
  ValidationError,
} from "../mod.ts";
import { startFakeBinance } from "../testing/mod.ts";

await using exchange = await startFakeBinance();
await using conn = await connectWsApi({ url: exchange.wsApiUrl });
conn.on("renewed", ({ reason }) => console.log(`  (socket renewed: ${reason})`));
console.log(`Connected to the fake exchange at ${conn.url}\n`);

const { serverTime } = await time(conn);
console.log(`time            server time ${new Date(serverTime).toISOString()}`);

const info = await exchangeInfo(conn, { symbols: ["BTCUSDT", "BNBBTC"] });
for (const s of info.symbols) {
  const tick = s.filters.find((f) => f.filterType === "PRICE_FILTER");
  console.log(
    `exchangeInfo    ${s.symbol.padEnd(8)} ${s.status}, price filter ${JSON.stringify(tick)}`,
  );
}

const prices = await tickerPrice(conn, { symbols: ["BTCUSDT", "ETHUSDT", "BNBBTC"] });
console.log(`ticker.price    ${prices.map((p) => `${p.symbol} ${p.price}`).join(", ")}`);

const book = await depth(conn, { symbol: "BTCUSDT", limit: 3 });
console.log(`depth           BTCUSDT lastUpdateId ${book.lastUpdateId}`);
for (let i = 0; i < 3; i++) {
  console.log(`                bid ${book.bids[i].join(" x ")}   ask ${book.asks[i].join(" x ")}`);
}

const candles = await klines(conn, { symbol: "BTCUSDT", interval: "1h", limit: 3 });
for (const k of candles) {
  console.log(
    `klines 1h       ${
      new Date(k.openTime).toISOString()
    } O ${k.open} H ${k.high} L ${k.low} C ${k.close}`,
  );
}

// 100 requests in flight on one connection, correlated by id.
const t0 = performance.now();
await Promise.all(Array.from({ length: 100 }, () => tickerPrice(conn, { symbol: "ETHUSDT" })));
console.log(
  `concurrency     100 ticker.price in flight answered in ${
    (performance.now() - t0).toFixed(1)
  } ms`,
);

// Bad input is refused before anything is sent.
try {
  await depth(conn, { symbol: "btcusdt", limit: 6000 });
} catch (e) {
  if (e instanceof ValidationError) console.log(`validation      ${e.message}`);
}

// Binance's own errors are typed.
try {
  await tickerPrice(conn, { symbol: "NOSUCHPAIR" });
} catch (e) {
  if (e instanceof BinanceApiError) console.log(`binance error   code ${e.code}: ${e.msg}`);
}

// A slow answer times out; the connection stays usable.
exchange.setResponseDelay(200);
try {
  await time(conn, {}, { timeoutMs: 50 });
} catch (e) {
  if (e instanceof RequestTimeoutError) console.log(`timeout         ${e.message.split(".")[0]}`);
}
exchange.setResponseDelay(0);

// serverShutdown: a new socket takes over before the old one closes.
exchange.sendServerShutdown();
await new Promise((r) => setTimeout(r, 100));
const after = await tickerPrice(conn, { symbol: "BTCUSDT" });
console.log(
  `after renewal   BTCUSDT ${after.price} (connections opened: ${exchange.totalConnections})`,
);

const weight = conn.rateLimits.find((l) => l.rateLimitType === "REQUEST_WEIGHT");
console.log(
  `rate limits     REQUEST_WEIGHT ${weight?.count}/${weight?.limit} per ${weight?.intervalNum} ${weight?.interval}`,
);

// Market streams: typed updates through for await, each once and in order.
await using streams = await connectStreams({ url: exchange.streams.baseUrl });
streams.on("gap", (g) => console.log(`  (gap in ${g.stream}: ${g.reason}, ${g.missed} missed)`));
const trades = await tradeStream(streams, { symbol: "BTCUSDT" });
exchange.market.advance(3);
const seen: string[] = [];
for await (const t of trades) {
  seen.push(`#${t.tradeId} ${t.qty} @ ${t.price}`);
  if (seen.length === 3) break;
}
console.log(`tradeStream     ${seen.join(", ")}`);

// A local order book, kept in sync with the exchange's true book.
const orderBook = await openOrderBook({ streams, api: conn }, "ETHUSDT");
exchange.market.advance(200);
exchange.streams.skipNext("ethusdt@depth@100ms"); // a lost update…
exchange.market.advance(50);
exchange.market.advance(1); // …shows at the next one: the book resyncs
const target = exchange.market.orderBook("ETHUSDT").lastUpdateId;
for (let i = 0; i < 1000 && orderBook.lastUpdateId("ETHUSDT") !== target; i++) {
  await new Promise((r) => setTimeout(r, 5));
}
const truth = exchange.market.orderBook("ETHUSDT");
const mine = orderBook.snapshot("ETHUSDT")!;
console.log(
  `order book      ETHUSDT bid ${orderBook.bestBid("ETHUSDT")!.join(" x ")}, ask ${
    orderBook.bestAsk("ETHUSDT")!.join(" x ")
  }; ${mine.bids.length + mine.asks.length} levels, ${orderBook.stats.resyncs} resync, ` +
    `equal to the exchange's book: ${
      JSON.stringify([mine.bids, mine.asks]) === JSON.stringify([truth.bids, truth.asks])
    }`,
);
await orderBook.close();
