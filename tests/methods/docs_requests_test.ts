// Every documented WS API request example (tests/fixtures/wsapi/<method>.request.json, copied
// from web-socket-api.md) is what the library's method sends: each example's params go through
// the method against the fake exchange, and the frame the fake received must carry the
// documented `method` and exactly the documented `params`: nothing missing, nothing added, the
// same values of the same JSON types.
//
// What legitimately differs, and is left out of both sides:
// - `id`: the library numbers its requests; the docs use UUIDs.
// - `timestamp`, `signature`, `apiKey`: made at sending time for the fake's account (the
//   examples' are from 2022–2025 and for keys that are not published).
// - a client order id the library generates (`newClientOrderId`, `listClientOrderId`, …, see
//   GENERATED_IDS) when the example has none: the library always names its orders so that a
//   lost answer can be resolved. Only ids absent from the example are left out, and each must
//   be a non-empty string.
// - `params` absent vs `{}`: six examples (ping, time, session.status, session.logout,
//   userDataStream.subscribe, userDataStream.unsubscribe) print no `params`; the library sends
//   `"params":{}`. Both are the same request (General: Request format, `params`: "May be
//   omitted if there are no parameters").
//
// Where an example's value is of another JSON type than the library takes (decimals as numbers
// where the library takes decimal strings only, to keep them exact; a LONG id as a string), the
// case says so in `asTaken`, and the expected value is that conversion (the server accepts
// both). Every other value must arrive with the example's JSON type.
//
// An example that the fake answers with an error still counts: the request was sent and is
// compared. Those answers are listed in `fakeAnswers` (code and why), and asserted, so that a
// case neither silently succeeds nor silently fails. No documented example is skipped; an
// example whose method the library lacks would fail the coverage test at the end.
import assert from "node:assert/strict";
import {
  accountCommission,
  accountRateLimitsOrders,
  accountStatus,
  allOrderLists,
  allOrders,
  avgPrice,
  BinanceApiError,
  blockTradesHistorical,
  connectWsApi,
  createSigner,
  depth,
  exchangeInfo,
  executionRules,
  klines,
  myAllocations,
  myFilters,
  myPreventedMatches,
  myTrades,
  openOrderListsStatus,
  openOrdersCancelAll,
  openOrdersStatus,
  orderAmendKeepPriority,
  orderAmendments,
  orderCancel,
  orderCancelReplace,
  orderListCancel,
  orderListPlace,
  orderListPlaceOco,
  orderListPlaceOpo,
  orderListPlaceOpoco,
  orderListPlaceOto,
  orderListPlaceOtoco,
  orderListStatus,
  orderPlace,
  orderStatus,
  orderTest,
  ping,
  referencePrice,
  referencePriceCalculation,
  sessionLogon,
  sessionLogout,
  sessionStatus,
  sessionSubscriptions,
  sorOrderPlace,
  sorOrderTest,
  ticker,
  ticker24hr,
  tickerBook,
  tickerPrice,
  tickerTradingDay,
  time,
  tradesAggregate,
  tradesHistorical,
  tradesRecent,
  uiKlines,
  userDataStreamSubscribe,
  userDataStreamSubscribeSignature,
  userDataStreamUnsubscribe,
  type WsApiConnection,
} from "../../mod.ts";
import { FAKE_ACCOUNT, type FakeBinance, startFakeBinance } from "../../testing/mod.ts";

type Params = Record<string, unknown>;
// deno-lint-ignore no-explicit-any
type Method = (conn: WsApiConnection, params: any) => Promise<unknown>;

/** Made at sending time: never compared. */
const PER_REQUEST = ["timestamp", "signature", "apiKey"];

/** Client order ids the library generates when they are not given. */
const GENERATED_IDS = [
  "newClientOrderId",
  "cancelNewClientOrderId",
  "listClientOrderId",
  "limitClientOrderId",
  "stopClientOrderId",
  "aboveClientOrderId",
  "belowClientOrderId",
  "workingClientOrderId",
  "pendingClientOrderId",
  "pendingAboveClientOrderId",
  "pendingBelowClientOrderId",
];

interface Case {
  /** The method the example is for (its file: `<example>.request.json`). */
  example: string;
  /** The library's method. */
  call: Method;
  /**
   * Which connection: `hmac` (HMAC key, no session) or `session` (Ed25519 key, logged on by
   * the `session.logon` case, which runs first on it).
   */
  conn: "hmac" | "session";
  /** Example params whose JSON type the library does not take, converted, and why. */
  asTaken?: { params: Record<string, "string" | "number">; why: string };
  /** The fake's documented error answer to this example, and why (default: it succeeds). */
  fakeAnswers?: { code: number; why: string };
}

const decimalsAsStrings = (...names: string[]) => ({
  params: Object.fromEntries(names.map((n) => [n, "string" as const])),
  why: "the example gives decimals as JSON numbers; the library takes decimal strings only",
});
const unlisted = (symbol: string) => ({
  code: -1121,
  why: `${symbol} is not listed by the fake exchange (Invalid symbol)`,
});

/** Every documented request example, in web-socket-api.md order within each section. */
const CASES: Case[] = [
  // General / market data
  { example: "ping", call: ping, conn: "hmac" },
  { example: "time", call: time, conn: "hmac" },
  { example: "exchangeInfo", call: exchangeInfo, conn: "hmac" },
  { example: "depth", call: depth, conn: "hmac" },
  { example: "trades.recent", call: tradesRecent, conn: "hmac" },
  { example: "trades.historical", call: tradesHistorical, conn: "hmac" },
  { example: "trades.aggregate", call: tradesAggregate, conn: "hmac" },
  { example: "blockTrades.historical", call: blockTradesHistorical, conn: "hmac" },
  { example: "klines", call: klines, conn: "hmac" },
  { example: "uiKlines", call: uiKlines, conn: "hmac" },
  { example: "avgPrice", call: avgPrice, conn: "hmac" },
  { example: "ticker.24hr", call: ticker24hr, conn: "hmac" },
  { example: "ticker.tradingDay", call: tickerTradingDay, conn: "hmac" },
  { example: "ticker", call: ticker, conn: "hmac" },
  { example: "ticker.price", call: tickerPrice, conn: "hmac" },
  { example: "ticker.book", call: tickerBook, conn: "hmac" },
  {
    example: "executionRules",
    call: executionRules,
    conn: "hmac",
    fakeAnswers: unlisted("BAZUSD"),
  },
  {
    example: "referencePrice",
    call: referencePrice,
    conn: "hmac",
    fakeAnswers: unlisted("BAZUSD"),
  },
  {
    example: "referencePrice.calculation",
    call: referencePriceCalculation,
    conn: "hmac",
    fakeAnswers: unlisted("BAZUSD"),
  },
  // Trading
  { example: "order.place", call: orderPlace, conn: "hmac" },
  { example: "order.test", call: orderTest, conn: "hmac" },
  {
    example: "order.status",
    call: orderStatus,
    conn: "hmac",
    fakeAnswers: { code: -2013, why: "the fake holds no order 12569099453" },
  },
  {
    example: "order.cancel",
    call: orderCancel,
    conn: "hmac",
    fakeAnswers: { code: -2011, why: 'the fake holds no order "4d96324ff9d44481926157"' },
  },
  {
    example: "order.cancelReplace",
    call: orderCancelReplace,
    conn: "hmac",
    fakeAnswers: {
      code: -2021,
      why: "ALLOW_FAILURE: the cancel fails (no such order), the new order is placed (409)",
    },
  },
  {
    example: "order.amend.keepPriority",
    call: orderAmendKeepPriority,
    conn: "hmac",
    fakeAnswers: { code: -2011, why: 'the fake holds no order "my_test_order1"' },
  },
  { example: "openOrders.status", call: openOrdersStatus, conn: "hmac" },
  {
    example: "openOrders.cancelAll",
    call: openOrdersCancelAll,
    conn: "hmac",
    fakeAnswers: { code: -2011, why: "no order is open on BTCUSDT (the example orders filled)" },
  },
  {
    example: "orderList.place",
    call: orderListPlace,
    conn: "hmac",
    fakeAnswers: {
      code: -2010,
      why: "the example's SELL prices (2022) are below the fake's market: a wrong price relation",
    },
  },
  {
    example: "orderList.place.oco",
    call: orderListPlaceOco,
    conn: "hmac",
    asTaken: decimalsAsStrings("quantity"),
    fakeAnswers: unlisted("LTCBNB"),
  },
  {
    example: "orderList.place.oto",
    call: orderListPlaceOto,
    conn: "hmac",
    asTaken: decimalsAsStrings("pendingQuantity", "workingPrice", "workingQuantity"),
    fakeAnswers: unlisted("LTCBNB"),
  },
  {
    example: "orderList.place.otoco",
    call: orderListPlaceOtoco,
    conn: "hmac",
    asTaken: decimalsAsStrings(
      "pendingQuantity",
      "pendingBelowPrice",
      "pendingAboveStopPrice",
      "workingPrice",
      "workingQuantity",
    ),
    fakeAnswers: unlisted("LTCBNB"),
  },
  { example: "orderList.place.opo", call: orderListPlaceOpo, conn: "hmac" },
  { example: "orderList.place.opoco", call: orderListPlaceOpoco, conn: "hmac" },
  {
    example: "orderList.status",
    call: orderListStatus,
    conn: "hmac",
    fakeAnswers: { code: -2013, why: 'the fake holds no order list "08985fedd9ea2cf6b28996"' },
  },
  {
    example: "orderList.cancel",
    call: orderListCancel,
    conn: "hmac",
    fakeAnswers: { code: -2011, why: "the fake holds no order list 1274512" },
  },
  { example: "openOrderLists.status", call: openOrderListsStatus, conn: "hmac" },
  {
    example: "sor.order.place",
    call: sorOrderPlace,
    conn: "hmac",
    asTaken: decimalsAsStrings("quantity", "price"),
  },
  {
    example: "sor.order.test",
    call: sorOrderTest,
    conn: "hmac",
    asTaken: decimalsAsStrings("quantity", "price"),
    fakeAnswers: {
      code: -1013,
      why: "price 0.1 is far below the fake's market: PERCENT_PRICE_BY_SIDE",
    },
  },
  // Account
  { example: "account.status", call: accountStatus, conn: "hmac" },
  { example: "account.rateLimits.orders", call: accountRateLimitsOrders, conn: "hmac" },
  { example: "allOrders", call: allOrders, conn: "hmac" },
  { example: "allOrderLists", call: allOrderLists, conn: "hmac" },
  { example: "myTrades", call: myTrades, conn: "hmac" },
  { example: "myPreventedMatches", call: myPreventedMatches, conn: "hmac" },
  { example: "myAllocations", call: myAllocations, conn: "hmac" },
  { example: "account.commission", call: accountCommission, conn: "hmac" },
  {
    example: "order.amendments",
    call: orderAmendments,
    conn: "hmac",
    fakeAnswers: { code: -2013, why: "the fake holds no order 23 on BTCUSDT" },
    asTaken: {
      params: { orderId: "number" },
      why: 'the example gives the LONG orderId as a string ("23"); the library takes numbers',
    },
  },
  { example: "myFilters", call: myFilters, conn: "hmac" },
  // Session and User Data Stream, in the order a session goes through them
  { example: "session.logon", call: sessionLogon, conn: "session" },
  { example: "session.status", call: sessionStatus, conn: "session" },
  { example: "userDataStream.subscribe", call: userDataStreamSubscribe, conn: "session" },
  {
    // On the HMAC connection: on the session's, the library shares the session's subscription
    // of the same account and sends nothing.
    example: "userDataStream.subscribe.signature",
    call: userDataStreamSubscribeSignature,
    conn: "hmac",
  },
  { example: "session.subscriptions", call: sessionSubscriptions, conn: "session" },
  { example: "userDataStream.unsubscribe", call: userDataStreamUnsubscribe, conn: "session" },
  { example: "session.logout", call: sessionLogout, conn: "session" },
];

interface Frame {
  method: string;
  params?: Params;
}

async function readExample(name: string): Promise<Frame> {
  const url = new URL(`../fixtures/wsapi/${name}.request.json`, import.meta.url);
  return JSON.parse(await Deno.readTextFile(url));
}

const omit = (params: Params, names: readonly string[]): Params =>
  Object.fromEntries(Object.entries(params).filter(([k]) => !names.includes(k)));

/** The example's params as the library takes them (and must send them). */
function expectedParams(c: Case, example: Frame): Params {
  const out = omit(example.params ?? {}, PER_REQUEST);
  for (const [name, type] of Object.entries(c.asTaken?.params ?? {})) {
    assert.ok(name in out, `${c.example}: asTaken names "${name}", which the example lacks`);
    assert.notEqual(typeof out[name], type, `${c.example}: "${name}" needs no conversion`);
    out[name] = type === "string" ? String(out[name]) : Number(out[name]);
  }
  return out;
}

/** What the fake received for the example's method since `from`: exactly one frame. */
function sentFrame(fake: FakeBinance, from: number, method: string): Frame {
  const frames = fake.received.slice(from).map((f) => JSON.parse(f.text) as Frame)
    .filter((f) => f.method === method);
  assert.equal(frames.length, 1, `expected one "${method}" frame, got ${frames.length}`);
  return frames[0];
}

/** The sent params, without what is made per request and the generated ids the example lacks. */
function comparable(sent: Frame, example: Frame): Params {
  const params = sent.params ?? {};
  const documented = example.params ?? {};
  const generated = GENERATED_IDS.filter((n) => !(n in documented) && n in params);
  for (const n of generated) {
    assert.equal(typeof params[n], "string", `generated ${n}`);
    assert.ok((params[n] as string).length > 0, `generated ${n} is empty`);
  }
  return omit(params, [...PER_REQUEST, ...generated]);
}

interface Setup extends AsyncDisposable {
  fake: FakeBinance;
  conns: Record<Case["conn"], WsApiConnection>;
}

async function setup(): Promise<Setup> {
  const fake = await startFakeBinance();
  const hmac = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  const session = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await createSigner(FAKE_ACCOUNT.ed25519Key),
    },
    logon: false, // the session.logon example logs it on
  });
  return {
    fake,
    conns: { hmac, session },
    async [Symbol.asyncDispose]() {
      await hmac.close();
      await session.close();
      await fake.close();
    },
  };
}

/** Runs one example: the frame the fake received, then the fake's answer. */
async function runCase(s: Setup, c: Case): Promise<void> {
  const example = await readExample(c.example);
  assert.equal(example.method, c.example, "the fixture is for this method");
  const expected = expectedParams(c, example);
  const from = s.fake.received.length;
  const outcome = await c.call(s.conns[c.conn], expected).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  // Not an answer of the fake (e.g. a ValidationError: nothing was sent): that is the failure.
  if (!outcome.ok && !(outcome.error instanceof BinanceApiError)) throw outcome.error;
  const sent = sentFrame(s.fake, from, example.method);
  assert.equal(sent.method, example.method);
  assert.deepStrictEqual(comparable(sent, example), expected, `${c.example}: params differ`);
  if (c.fakeAnswers) {
    assert.ok(!outcome.ok, `the fake was expected to refuse it: ${c.fakeAnswers.why}`);
    const error = outcome.error as BinanceApiError; // checked above
    assert.equal(error.code, c.fakeAnswers.code, `${error.message} (${c.fakeAnswers.why})`);
  } else if (!outcome.ok) {
    throw outcome.error;
  }
}

Deno.test("every documented WS API request example is what the library's method sends", async (t) => {
  await using s = await setup();
  for (const c of CASES) {
    await t.step(c.example, () => runCase(s, c));
  }
});

Deno.test("every documented request example has a case", async () => {
  const dir = new URL("../fixtures/wsapi/", import.meta.url);
  const examples: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const m = /^(.+)\.request\.json$/.exec(entry.name);
    if (m) examples.push(m[1]);
  }
  assert.equal(examples.length, 55, "web-socket-api.md documents 55 methods, one example each");
  assert.deepStrictEqual(CASES.map((c) => c.example).sort(), examples.sort());
});
