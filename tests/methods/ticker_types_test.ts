// The ticker methods' result types, checked by `deno check` (a wrong type fails to compile), and
// the same calls at run time against the fake exchange.
import assert from "node:assert/strict";
import {
  type BookTicker,
  connectWsApi,
  type RollingWindowTicker,
  ticker,
  type Ticker24hr,
  ticker24hr,
  type Ticker24hrParams,
  tickerBook,
  type TickerBookParams,
  type TickerMini,
  type TickerParams,
  type TickerPrice,
  tickerPrice,
  type TickerPriceParams,
  tickerTradingDay,
  type TickerTradingDayParams,
  type WsApiConnection,
} from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";

/** `true` when A and B are the same type (not merely assignable to each other). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true
  : false;
/** Compiles only when T is `true`. */
type Assert<T extends true> = T;
type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

// A caller holding the whole exported params type (issue 7, defect 13: TS2769 before).
const price = (c: WsApiConnection, p: TickerPriceParams) => tickerPrice(c, p);
const book = (c: WsApiConnection, p: TickerBookParams) => tickerBook(c, p);
const rolling = (c: WsApiConnection, p: TickerParams) => ticker(c, p);
const day = (c: WsApiConnection, p: TickerTradingDayParams) => tickerTradingDay(c, p);
const stats = (c: WsApiConnection, p: Ticker24hrParams) => ticker24hr(c, p);

type _WholeParams = [
  Assert<Equals<Result<typeof price>, TickerPrice | TickerPrice[]>>,
  Assert<Equals<Result<typeof book>, BookTicker | BookTicker[]>>,
  Assert<
    Equals<
      Result<typeof rolling>,
      RollingWindowTicker | TickerMini | RollingWindowTicker[] | TickerMini[]
    >
  >,
  Assert<
    Equals<
      Result<typeof day>,
      RollingWindowTicker | TickerMini | RollingWindowTicker[] | TickerMini[]
    >
  >,
  Assert<Equals<Result<typeof stats>, Ticker24hr | TickerMini | Ticker24hr[] | TickerMini[]>>,
];

// The precise results of literal calls stay what they were.
const precise = (c: WsApiConnection) => ({
  price: tickerPrice(c, { symbol: "BTCUSDT" }),
  prices: tickerPrice(c, { symbols: ["BTCUSDT"] }),
  allPrices: tickerPrice(c),
  book: tickerBook(c, { symbol: "BTCUSDT", symbolStatus: "TRADING" }),
  books: tickerBook(c, {}),
  allBooks: tickerBook(c),
  full: ticker24hr(c, { symbol: "BTCUSDT" }),
  fullTyped: ticker24hr(c, { symbol: "BTCUSDT", type: "FULL" }),
  mini: ticker24hr(c, { symbol: "BTCUSDT", type: "MINI" }),
  fullList: ticker24hr(c, { symbols: ["BTCUSDT"] }),
  miniList: ticker24hr(c, { symbols: ["BTCUSDT"], type: "MINI" }),
  all: ticker24hr(c),
  allMini: ticker24hr(c, { type: "MINI" }),
  window: ticker(c, { symbol: "BTCUSDT", windowSize: "4h" }),
  windowMini: ticker(c, { symbol: "BTCUSDT", type: "MINI" }),
  windows: ticker(c, { symbols: ["BTCUSDT"], windowSize: "1h" }),
  windowsMini: ticker(c, { symbols: ["BTCUSDT"], type: "MINI" }),
  day: tickerTradingDay(c, { symbol: "BTCUSDT", timeZone: "8" }),
  dayMini: tickerTradingDay(c, { symbol: "BTCUSDT", type: "MINI" }),
  days: tickerTradingDay(c, { symbols: ["BTCUSDT"] }),
  daysMini: tickerTradingDay(c, { symbols: ["BTCUSDT"], type: "MINI" }),
});
type P = { [K in keyof ReturnType<typeof precise>]: Awaited<ReturnType<typeof precise>[K]> };

type _Precise = [
  Assert<Equals<P["price"], TickerPrice>>,
  Assert<Equals<P["prices"], TickerPrice[]>>,
  Assert<Equals<P["allPrices"], TickerPrice[]>>,
  Assert<Equals<P["book"], BookTicker>>,
  Assert<Equals<P["books"], BookTicker[]>>,
  Assert<Equals<P["allBooks"], BookTicker[]>>,
  Assert<Equals<P["full"], Ticker24hr>>,
  Assert<Equals<P["fullTyped"], Ticker24hr>>,
  Assert<Equals<P["mini"], TickerMini>>,
  Assert<Equals<P["fullList"], Ticker24hr[]>>,
  Assert<Equals<P["miniList"], TickerMini[]>>,
  Assert<Equals<P["all"], Ticker24hr[]>>,
  Assert<Equals<P["allMini"], TickerMini[]>>,
  Assert<Equals<P["window"], RollingWindowTicker>>,
  Assert<Equals<P["windowMini"], TickerMini>>,
  Assert<Equals<P["windows"], RollingWindowTicker[]>>,
  Assert<Equals<P["windowsMini"], TickerMini[]>>,
  Assert<Equals<P["day"], RollingWindowTicker>>,
  Assert<Equals<P["dayMini"], TickerMini>>,
  Assert<Equals<P["days"], RollingWindowTicker[]>>,
  Assert<Equals<P["daysMini"], TickerMini[]>>,
];

// Params whose type leaves one choice open give the union of that choice only.
const open = (
  c: WsApiConnection,
  type: "FULL" | "MINI",
  p: { symbol: string } | { symbols: string[] },
) => ({
  oneEither: ticker24hr(c, { symbol: "BTCUSDT", type }),
  listEither: ticker(c, { symbols: ["BTCUSDT"], type }),
  fullEither: tickerTradingDay(c, p),
  priceEither: tickerPrice(c, p),
});
type O = { [K in keyof ReturnType<typeof open>]: Awaited<ReturnType<typeof open>[K]> };

type _Open = [
  Assert<Equals<O["oneEither"], Ticker24hr | TickerMini>>,
  Assert<Equals<O["listEither"], RollingWindowTicker[] | TickerMini[]>>,
  Assert<Equals<O["fullEither"], RollingWindowTicker | RollingWindowTicker[]>>,
  Assert<Equals<O["priceEither"], TickerPrice | TickerPrice[]>>,
];

// What the types refuse, as a non-generic parameter would.
const _refused = (c: WsApiConnection) => [
  // @ts-expect-error: an unknown param is a compile error (here a typo of `symbol`)
  tickerPrice(c, { symbl: "BTCUSDT" }),
  // @ts-expect-error: an unknown param beside a known one
  ticker24hr(c, { symbol: "BTCUSDT", windowSize: "1h" }),
  // @ts-expect-error: `type` takes "FULL" or "MINI"
  ticker(c, { symbol: "BTCUSDT", type: "SMALL" }),
  // @ts-expect-error: ticker needs its params
  ticker(c),
  // @ts-expect-error: tickerPrice has no `type`
  tickerPrice(c, { symbol: "BTCUSDT", type: "MINI" }),
];

Deno.test("ticker methods called with their whole params type return the shape the params pick", async () => {
  await using exchange = await startFakeBinance();
  await using conn = await connectWsApi({ url: exchange.wsApiUrl });
  const one = { symbol: "BTCUSDT" };
  const two = { symbols: ["BTCUSDT", "ETHUSDT"] };

  const p1 = await price(conn, one);
  const p2 = await price(conn, two);
  assert.ok(!Array.isArray(p1) && p1.symbol === "BTCUSDT");
  assert.ok(Array.isArray(p2) && p2.length === 2);

  const b1 = await book(conn, one);
  const b2 = await book(conn, {});
  assert.ok(!Array.isArray(b1) && typeof b1.bidPrice === "string");
  assert.ok(Array.isArray(b2) && b2.length >= 3);

  for (const call of [rolling, day, stats]) {
    const full = await call(conn, one);
    const mini = await call(conn, { ...one, type: "MINI" });
    const list = await call(conn, two);
    const miniList = await call(conn, { ...two, type: "MINI" });
    assert.ok(!Array.isArray(full) && "priceChange" in full, call.name);
    assert.ok(!Array.isArray(mini) && !("priceChange" in mini), call.name);
    assert.ok(Array.isArray(list) && list.length === 2 && "priceChange" in list[0], call.name);
    assert.ok(Array.isArray(miniList) && !("priceChange" in miniList[0]), call.name);
  }
  const all = await stats(conn, {});
  assert.ok(Array.isArray(all) && "prevClosePrice" in all[0]);
});

Deno.test("ticker methods' precise results match their types at run time", async () => {
  await using exchange = await startFakeBinance();
  await using conn = await connectWsApi({ url: exchange.wsApiUrl });
  const r = precise(conn);
  const { symbol } = await r.price;
  assert.equal(symbol, "BTCUSDT");
  assert.equal((await r.prices).length, 1);
  assert.ok((await r.allPrices).length >= 3);
  assert.equal(typeof (await r.book).askPrice, "string");
  assert.equal((await r.books).length, (await r.allBooks).length);
  assert.ok("prevClosePrice" in await r.full);
  assert.ok("prevClosePrice" in await r.fullTyped);
  assert.ok(!("priceChange" in await r.mini));
  assert.ok("prevClosePrice" in (await r.fullList)[0]);
  assert.ok(!("priceChange" in (await r.miniList)[0]));
  assert.ok("prevClosePrice" in (await r.all)[0]);
  assert.ok(!("priceChange" in (await r.allMini)[0]));
  assert.ok("priceChange" in await r.window);
  assert.ok(!("priceChange" in await r.windowMini));
  assert.ok("priceChange" in (await r.windows)[0]);
  assert.ok(!("priceChange" in (await r.windowsMini)[0]));
  assert.ok("priceChange" in await r.day);
  assert.ok(!("priceChange" in await r.dayMini));
  assert.ok("priceChange" in (await r.days)[0]);
  assert.ok(!("priceChange" in (await r.daysMini)[0]));
});
