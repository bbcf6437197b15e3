// The symbol rule (issue 7, defect 6): letters and digits of any script, and "_", "." and
// "-", nothing else; upper case on the WebSocket API, either case on the streams. Checked on
// every method that takes `symbol` or `symbols`, on every stream function and on the order
// book, against the fake exchange: a refused symbol sends nothing.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";

/** One symbol per class of invisible, control or invalid character. */
const BAD: [string, string][] = [
  ["a C1 control (U+0080)", "BTC\u0080USDT"],
  ["a C1 control (U+009F)", "BTCUSDT\u009F"],
  ["a no-break space (U+00A0)", "BTC\u00A0USDT"],
  ["a zero-width space (U+200B)", "BTC\u200BUSDT"],
  ["a byte order mark (U+FEFF)", "\uFEFFBTCUSDT"],
  ["a lone high surrogate (U+D800)", "BTC\uD800USDT"],
  ["a lone low surrogate (U+DC00)", "BTCUSDT\uDC00"],
];

/** Letters and digits of other scripts: Binance lists such symbols. */
const GOOD: [string, string][] = [
  ["full-width digits", "１２３４５６"],
  ["CJK letters", "币安USDT"],
  ["Cyrillic capitals", "БТКУСДТ"],
];

type Api = (conn: spot.WsApiConnection, symbol: string) => Promise<unknown>;

/** Every WebSocket API method that takes `symbol`. */
const WITH_SYMBOL: [string, Api][] = [
  ["exchangeInfo", (c, s) => spot.exchangeInfo(c, { symbol: s })],
  ["executionRules", (c, s) => spot.executionRules(c, { symbol: s })],
  ["depth", (c, s) => spot.depth(c, { symbol: s })],
  ["trades.recent", (c, s) => spot.tradesRecent(c, { symbol: s })],
  ["trades.historical", (c, s) => spot.tradesHistorical(c, { symbol: s })],
  ["blockTrades.historical", (c, s) => spot.blockTradesHistorical(c, { symbol: s, fromId: 0 })],
  ["trades.aggregate", (c, s) => spot.tradesAggregate(c, { symbol: s })],
  ["klines", (c, s) => spot.klines(c, { symbol: s, interval: "1m" })],
  ["uiKlines", (c, s) => spot.uiKlines(c, { symbol: s, interval: "1m" })],
  ["avgPrice", (c, s) => spot.avgPrice(c, { symbol: s })],
  ["ticker.24hr", (c, s) => spot.ticker24hr(c, { symbol: s })],
  ["ticker.tradingDay", (c, s) => spot.tickerTradingDay(c, { symbol: s })],
  ["ticker", (c, s) => spot.ticker(c, { symbol: s })],
  ["ticker.price", (c, s) => spot.tickerPrice(c, { symbol: s })],
  ["ticker.book", (c, s) => spot.tickerBook(c, { symbol: s })],
  ["referencePrice", (c, s) => spot.referencePrice(c, { symbol: s })],
  ["referencePrice.calculation", (c, s) => spot.referencePriceCalculation(c, { symbol: s })],
];

/** Every WebSocket API method that takes `symbols` (the bad one second in the list). */
const WITH_SYMBOLS: [string, Api][] = [
  ["exchangeInfo", (c, s) => spot.exchangeInfo(c, { symbols: ["BTCUSDT", s] })],
  ["executionRules", (c, s) => spot.executionRules(c, { symbols: ["BTCUSDT", s] })],
  ["ticker.24hr", (c, s) => spot.ticker24hr(c, { symbols: ["BTCUSDT", s] })],
  ["ticker.tradingDay", (c, s) => spot.tickerTradingDay(c, { symbols: ["BTCUSDT", s] })],
  ["ticker", (c, s) => spot.ticker(c, { symbols: ["BTCUSDT", s] })],
  ["ticker.price", (c, s) => spot.tickerPrice(c, { symbols: ["BTCUSDT", s] })],
  ["ticker.book", (c, s) => spot.tickerBook(c, { symbols: ["BTCUSDT", s] })],
];

type Stream = (conn: spot.StreamConnection, symbol: string) => Promise<unknown>;
type Name = (symbol: string) => string;

/** Every stream function that takes a symbol, with its name builder. */
const STREAMS: [string, Stream, Name][] = [
  [
    "aggTradeStream",
    (c, s) => spot.aggTradeStream(c, { symbol: s }),
    (s) => spot.aggTradeStreamName({ symbol: s }),
  ],
  [
    "avgPriceStream",
    (c, s) => spot.avgPriceStream(c, { symbol: s }),
    (s) => spot.avgPriceStreamName({ symbol: s }),
  ],
  [
    "blockTradeStream",
    (c, s) => spot.blockTradeStream(c, { symbol: s }),
    (s) => spot.blockTradeStreamName({ symbol: s }),
  ],
  [
    "bookTickerStream",
    (c, s) => spot.bookTickerStream(c, { symbol: s }),
    (s) => spot.bookTickerStreamName({ symbol: s }),
  ],
  [
    "diffDepthStream",
    (c, s) => spot.diffDepthStream(c, { symbol: s }),
    (s) => spot.diffDepthStreamName({ symbol: s }),
  ],
  [
    "klineStream",
    (c, s) => spot.klineStream(c, { symbol: s, interval: "1m" }),
    (s) => spot.klineStreamName({ symbol: s, interval: "1m" }),
  ],
  [
    "miniTickerStream",
    (c, s) => spot.miniTickerStream(c, { symbol: s }),
    (s) => spot.miniTickerStreamName({ symbol: s }),
  ],
  [
    "partialDepthStream",
    (c, s) => spot.partialDepthStream(c, { symbol: s, levels: 5 }),
    (s) => spot.partialDepthStreamName({ symbol: s, levels: 5 }),
  ],
  [
    "referencePriceStream",
    (c, s) => spot.referencePriceStream(c, { symbol: s }),
    (s) => spot.referencePriceStreamName({ symbol: s }),
  ],
  [
    "rollingWindowTickerStream",
    (c, s) => spot.rollingWindowTickerStream(c, { symbol: s, windowSize: "1h" }),
    (s) => spot.rollingWindowTickerStreamName({ symbol: s, windowSize: "1h" }),
  ],
  [
    "tickerStream",
    (c, s) => spot.tickerStream(c, { symbol: s }),
    (s) => spot.tickerStreamName({ symbol: s }),
  ],
  [
    "tradeStream",
    (c, s) => spot.tradeStream(c, { symbol: s }),
    (s) => spot.tradeStreamName({ symbol: s }),
  ],
];

/** The all-market streams: they take no symbol. */
const WITHOUT_SYMBOL = ["allMiniTickersStream", "allRollingWindowTickersStream"];

function isValidationError(name: string, param: string): (e: unknown) => boolean {
  return (e) => {
    assert.ok(e instanceof spot.ValidationError, `${name}: ${e}`);
    assert.ok(e.issues.some((i) => i.param === param), `${name}: ${e.message}`);
    return true;
  };
}

Deno.test("the tables name every method that takes symbol or symbols, and every stream function", () => {
  const all = Object.entries(spot);
  // The 19 public methods, session.status / session.logout / session.subscriptions and
  // userDataStream.unsubscribe (NONE). The SIGNED trading
  // methods share the same symbol atom; their own tests are in tests/methods/trading_test.ts.
  const infos = all.map(([, v]) => v).filter((v): v is spot.WsApiMethodInfo<never> =>
    typeof v === "object" && v !== null && "weightRule" in v &&
    (v as spot.WsApiMethodInfo<never>).security === "NONE"
  );
  assert.equal(infos.length, 23);
  const takesSymbol = (info: spot.WsApiMethodInfo<never>) =>
    !["ping", "time", "userDataStream.unsubscribe"].includes(info.method) &&
    !info.method.startsWith("session.");
  assert.deepEqual(
    WITH_SYMBOL.map(([n]) => n).sort(),
    infos.filter(takesSymbol).map((i) => i.method).sort(),
  );
  const streams = all.filter(([k, v]) => k.endsWith("Stream") && typeof v === "function")
    .map(([k]) => k);
  assert.deepEqual([...STREAMS.map(([n]) => n), ...WITHOUT_SYMBOL].sort(), streams.sort());
});

Deno.test("WebSocket API: a symbol with a control, invisible or invalid character is refused, nothing sent", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectWsApi({ url: fake.wsApiUrl });
  for (const [what, bad] of BAD) {
    for (const [method, call] of WITH_SYMBOL) {
      await assert.rejects(call(conn, bad), isValidationError(`${method} ${what}`, "symbol"));
    }
    for (const [method, call] of WITH_SYMBOLS) {
      await assert.rejects(call(conn, bad), isValidationError(`${method} ${what}`, "symbols.1"));
    }
  }
  assert.equal(fake.received.length, 0, "nothing was sent");
  assert.deepEqual(await spot.ping(conn), {}, "the connection is untouched");
});

Deno.test("streams: a symbol with a control, invisible or invalid character is refused, nothing sent", async () => {
  await using fake = await startFakeBinance();
  await using streams = await spot.connectStreams({ url: fake.streams.baseUrl });
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl });
  const before = fake.streams.received.length;
  for (const [what, bad] of BAD) {
    for (const [name, subscribe, build] of STREAMS) {
      await assert.rejects(subscribe(streams, bad), isValidationError(`${name} ${what}`, "symbol"));
      assert.throws(() => build(bad), spot.ValidationError, `${name}Name ${what}`);
    }
    await assert.rejects(
      spot.openOrderBook({ streams, api }, ["BTCUSDT", bad]),
      spot.ValidationError,
      `openOrderBook ${what}`,
    );
  }
  assert.equal(fake.streams.received.length, before, "no control message was sent");
  assert.equal(fake.received.length, 0, "no depth snapshot was asked for");
  assert.deepEqual(streams.streams, [], "nothing is subscribed");
});

Deno.test("WebSocket API: letters and digits of any script are sent; letters must be upper case", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectWsApi({ url: fake.wsApiUrl });
  for (const [what, good] of GOOD) {
    // The fake lists no such symbol: Binance's answer, not the client, refuses it.
    await assert.rejects(
      spot.depth(conn, { symbol: good }),
      (e) => e instanceof spot.BinanceApiError && e.code === -1121,
      what,
    );
    await assert.rejects(
      spot.tickerPrice(conn, { symbols: ["BTCUSDT", good] }),
      spot.BinanceApiError,
      what,
    );
  }
  const sent = fake.received.map((f) => JSON.parse(f.text).params);
  assert.deepEqual(
    sent,
    GOOD.flatMap(([, s]) => [{ symbol: s }, { symbols: ["BTCUSDT", s] }]),
  );
  for (const lower of ["btcusdt", "бткусдт", "BTCusdt"]) {
    await assert.rejects(
      spot.depth(conn, { symbol: lower }),
      (e: unknown) => {
        assert.ok(e instanceof spot.ValidationError, lower);
        assert.equal(
          e.message,
          'Cannot send "depth": "symbol" must be upper case, such as "BTCUSDT"',
        );
        return true;
      },
    );
  }
  assert.equal(fake.received.length, sent.length, "a lower-case symbol is not sent");
});

Deno.test("streams: letters and digits of any script, in either case, are sent lower-case", async () => {
  for (const [name, , build] of STREAMS) {
    for (const [what, good] of [...GOOD, ["Cyrillic small letters", "бткусдт"]]) {
      const built = build(good);
      assert.ok(built.startsWith(`${good.toLowerCase()}@`), `${name} ${what}: ${built}`);
    }
  }
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  // The fake accepts any well-formed symbol (only listed ones carry data), as Binance does.
  await using sub = await spot.tradeStream(conn, { symbol: "БТКУСДТ" });
  assert.equal(sub.stream, "бткусдт@trade");
  assert.ok(
    fake.streams.received.some((f) => f.text.includes('"бткусдт@trade"')),
    "the SUBSCRIBE carried the lower-cased symbol",
  );
});
