// Property: no frame can crash the client. Corrupted server frames — envelopes (ids, huge ids,
// statuses, missing and extra fields), `rateLimits`, the `result` of every documented response
// (tests/fixtures/wsapi), error bodies, and on the stream connection corrupted events of every
// documented stream kind (tests/fixtures/streams), wrong stream names, arrays and nested junk —
// never throw out of a handler (an uncaught error would fail the test), each is a typed error
// (the request's rejection or an `error` event), and the connection stays usable.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { type ScriptedRequest, startScriptedPeer } from "../_helpers.ts";
import {
  corrupt,
  type Corrupted,
  fc,
  fixture,
  getAt,
  type Json,
  junk,
  leaves,
  type Path,
  RawNumber,
  runs,
  SEED,
  setAt,
  show,
  toJson,
} from "./_arbitraries.ts";

/** The `rateLimits` of an honest answer (a limit no run reaches: thousands of requests). */
const LIMITS: Json = [{
  rateLimitType: "REQUEST_WEIGHT",
  interval: "MINUTE",
  intervalNum: 1,
  limit: 1_000_000_000,
  count: 1,
}];

/** The client's copy of an error frame, as UnexpectedMessageError keeps it (500 characters). */
function framed(text: string): string {
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

/** A WS API peer whose next answer a run writes, and a connection to it. */
async function scripted() {
  let next: ((r: ScriptedRequest) => string[]) | undefined;
  const peer = startScriptedPeer((r) => {
    const answer = next;
    next = undefined;
    return answer
      ? answer(r)
      : toJson({ id: r.id as number, status: 200, result: {}, rateLimits: LIMITS });
  });
  // "refuse": a poisoned budget shows as a refused ping instead of a wait.
  const conn = await spot.connectWsApi({
    url: peer.url,
    rateLimitPolicy: "refuse",
    timeoutMs: 5_000,
  });
  const errors: Error[] = [];
  conn.on("error", ({ error }) => errors.push(error));
  return {
    peer,
    conn,
    errors,
    /** Answers the next request with these frames. */
    answerNext(frames: (id: number) => string[]) {
      next = (r) => frames(r.id as number);
    },
    /** Two pings answered honestly: the connection is usable and its budget sane. */
    async usable(what: string) {
      for (let i = 0; i < 2; i++) {
        assert.deepEqual(await spot.ping(conn, {}, { timeoutMs: 2_000 }), {}, `${what}: usable`);
      }
    },
    async [Symbol.asyncDispose]() {
      await conn.close();
      await peer.close();
    },
  };
}

/**
 * Every error event is an UnexpectedMessageError that says what was wrong with the frame, not
 * the last-resort guard's "Cannot handle a frame" (an exception thrown while handling it).
 */
function allUnexpected(errors: Error[], what: string): void {
  for (const e of errors) {
    assert.ok(e instanceof spot.UnexpectedMessageError, `${what}: error event ${e}`);
    assert.doesNotMatch(e.message, /^Cannot handle a frame/, `${what}: a handler threw`);
  }
}

// ---- WS API: envelopes ----------------------------------------------------------------------

/** An `id` no request of this client had: other types, above 2^53, infinite, never sent. */
const badId: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constantFrom<Json | undefined>(
    "1",
    null,
    true,
    1.5,
    -1,
    0,
    new RawNumber("9007199254740993"),
    new RawNumber("1e400"),
    {},
    [],
    undefined,
  ),
  fc.integer({ min: 1_000_000, max: 2 ** 31 }),
  fc.string({ maxLength: 36 }),
);

/** A `status` that is not a number Binance sends (or 200 without a result). */
const badStatus: fc.Arbitrary<Json | undefined> = fc.constantFrom<Json | undefined>(
  "200",
  null,
  true,
  200.5,
  new RawNumber("1e400"),
  new RawNumber("9007199254740993"),
  {},
  [],
  undefined,
  0,
  100,
  201,
  204,
  302,
  -200,
);

/** A frame that answers nothing this client sent. */
const unsolicited: fc.Arbitrary<{ why: string; text: string }> = fc.oneof(
  fc.tuple(badId, fc.constantFrom<Json>({}, [], null)).map(([id, result]) => {
    const frame: Record<string, Json> = { status: 200, result };
    if (id !== undefined) frame.id = id;
    return { why: `id ${id === undefined ? "missing" : toJson(id)}`, text: toJson(frame) };
  }),
  junk.filter((j) =>
    !(typeof j === "object" && j !== null && !Array.isArray(j) && !(j instanceof RawNumber) &&
      typeof j.event === "object" && j.event !== null)
  ).map((j) => ({ why: "junk", text: toJson(j) })),
  fc.oneof(junk, fc.constant(undefined)).filter((e) =>
    typeof e !== "object" || e === null || Array.isArray(e) || e instanceof RawNumber
  ).map((event) => ({
    why: "an event that is not an object",
    text: toJson(event === undefined ? { subscriptionId: 1 } : { event }),
  })),
  fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom("{not json", "", "nul", "[1,", '{"id":1,"status":200', "\u0000"),
  ).filter((t) => {
    try {
      JSON.parse(t);
      return false;
    } catch {
      return true;
    }
  }).map((text) => ({ why: "not JSON", text })),
);

const ENVELOPE_RUNS = 500;
Deno.test(`corrupted WS API envelopes are typed errors; the connection stays usable (${ENVELOPE_RUNS} runs, seed ${SEED})`, async () => {
  await using s = await scripted();
  const answered = fc.tuple(
    badStatus,
    fc.constantFrom<Record<string, Json>>(
      { result: {} },
      { error: { code: -1121, msg: "Invalid symbol." } },
      {},
    ),
  ).map(([status, body]) => ({ status, body }));
  const cases = fc.oneof(
    unsolicited.map((u) => ({ kind: "unsolicited" as const, ...u })),
    answered.map((a) => ({ kind: "answered" as const, ...a })),
  );
  await fc.assert(
    fc.asyncProperty(cases, async (c) => {
      const before = s.errors.length;
      if (c.kind === "unsolicited") {
        const what = `${c.why}: ${show(c.text)}`;
        s.peer.send(c.text);
        await s.usable(what);
        const errors = s.errors.slice(before);
        allUnexpected(errors, what);
        assert.equal(errors.length, 1, `${what}: one error event`);
        assert.equal((errors[0] as spot.UnexpectedMessageError).frame, framed(c.text), what);
        return;
      }
      let text = "";
      s.answerNext((id) => {
        const frame: Record<string, Json> = { id, ...c.body };
        if (c.status !== undefined) frame.status = c.status;
        text = toJson(frame);
        // The honest answer after it settles the request if the corrupted one could not.
        return [text, toJson({ id, status: 200, result: {}, rateLimits: LIMITS })];
      });
      const outcome = await spot.ping(s.conn).then(
        (result) => ({ result }),
        (error: Error) => ({ error }),
      );
      await s.usable(text);
      const errors = s.errors.slice(before);
      allUnexpected(errors, text);
      if ("error" in outcome) {
        assert.ok(
          outcome.error instanceof spot.UnexpectedMessageError ||
            (outcome.error instanceof spot.BinanceApiError &&
              !(outcome.error instanceof spot.RateLimitError)),
          `${text}: rejected with ${outcome.error}`,
        );
      } else {
        // Settled by the honest answer: the corrupted frame was reported, not used.
        assert.ok(
          errors.some((e) => (e as spot.UnexpectedMessageError).frame === framed(text)),
          `${text}: reported`,
        );
      }
    }),
    runs(ENVELOPE_RUNS),
  );
  assert.equal(s.conn.state, "open");
});

// ---- WS API: rateLimits ---------------------------------------------------------------------

const goodEntry: fc.Arbitrary<Record<string, Json>> = fc.record({
  rateLimitType: fc.constantFrom("REQUEST_WEIGHT", "ORDERS"),
  interval: fc.constantFrom("SECOND", "MINUTE", "HOUR", "DAY"),
  intervalNum: fc.integer({ min: 1, max: 10 }),
  limit: fc.integer({ min: 1_000_000, max: 1_000_000_000 }),
  count: fc.integer({ min: 0, max: 10 }),
});

/** A count-like value no entry may carry (docs: INT). */
const badCount: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    "7",
    true,
    1.5,
    -1,
    {},
    [],
    new RawNumber("9007199254740993"),
    new RawNumber("1e400"),
    new RawNumber("-1e400"),
  ),
  fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }),
);

/** An entry that breaks the documented shape (3.2 of the WS API spec). */
const badEntry: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, 1, "REQUEST_WEIGHT", [], true),
  fc.tuple(goodEntry, fc.constantFrom("rateLimitType", "interval", "intervalNum", "limit"))
    .map(([e, k]) => setAt(e, [k], undefined)),
  fc.tuple(goodEntry, fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.constant({})))
    .map(([e, v]) => ({ ...e, rateLimitType: v })),
  fc.tuple(goodEntry, fc.oneof(fc.constantFrom<Json>(null, 1, "minute", "WEEK", "constructor")))
    .map(([e, v]) => ({ ...e, interval: v })),
  fc.tuple(goodEntry, fc.constantFrom("intervalNum", "limit", "count"), badCount)
    .map(([e, k, v]) => ({ ...e, [k]: v })),
  fc.tuple(goodEntry, fc.constantFrom<Json>(0, -1)).map(([e, v]) => ({ ...e, intervalNum: v })),
);

const badRateLimits: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, 1, "x", true, {}, { count: 1 }),
  fc.tuple(
    fc.array(goodEntry, { maxLength: 2 }),
    fc.array(badEntry, { minLength: 1, maxLength: 3 }),
  )
    .chain(([good, bad]) =>
      fc.shuffledSubarray([...good, ...bad], { minLength: good.length + bad.length })
    ),
);

const RATE_LIMIT_RUNS = 500;
Deno.test(`corrupted "rateLimits" are reported and never used (${RATE_LIMIT_RUNS} runs, seed ${SEED})`, async () => {
  await using s = await scripted();
  await fc.assert(
    fc.asyncProperty(badRateLimits, async (rateLimits) => {
      const before = s.errors.length;
      let text = "";
      s.answerNext((id) => [text = toJson({ id, status: 200, result: {}, rateLimits })]);
      assert.deepEqual(await spot.ping(s.conn), {}, `${show(text)}: the answer is used`);
      await s.usable(text);
      const errors = s.errors.slice(before);
      allUnexpected(errors, text);
      assert.ok(errors.length >= 1, `${text}: reported`);
      assert.ok(errors.every((e) => /"rateLimits"/.test(e.message)), `${text}: ${errors}`);
      for (const l of s.conn.rateLimits) {
        assert.ok(
          typeof l.rateLimitType === "string" &&
            ["SECOND", "MINUTE", "HOUR", "DAY"].includes(l.interval) &&
            Number.isSafeInteger(l.intervalNum) && l.intervalNum > 0 &&
            Number.isSafeInteger(l.limit) && l.limit >= 0 &&
            (l.count === undefined || (Number.isSafeInteger(l.count) && l.count >= 0)),
          `${text}: kept ${show(l)}`,
        );
      }
    }),
    runs(RATE_LIMIT_RUNS),
  );
});

// ---- WS API: results of every documented response -------------------------------------------

type Call = (conn: spot.WsApiConnection) => Promise<unknown>;

/** Each documented response of tests/fixtures/wsapi and the call whose model reads it. */
const RESPONSES: [string, Call][] = [
  ["avgPrice.response.json", (c) => spot.avgPrice(c, { symbol: "BNBBTC" })],
  [
    "blockTrades.historical.response.json",
    (c) => spot.blockTradesHistorical(c, { symbol: "BNBBTC", fromId: 0 }),
  ],
  ["depth.response.json", (c) => spot.depth(c, { symbol: "BNBBTC" })],
  ["exchangeInfo.response.json", (c) => spot.exchangeInfo(c)],
  ["executionRules.response.json", (c) => spot.executionRules(c)],
  ["klines.response.json", (c) => spot.klines(c, { symbol: "BNBBTC", interval: "1h" })],
  ["uiKlines.response.json", (c) => spot.uiKlines(c, { symbol: "BNBBTC", interval: "1h" })],
  ["ping.response.json", (c) => spot.ping(c)],
  ["time.response.json", (c) => spot.time(c)],
  [
    "referencePrice.calculation.response.arithmetic-mean.json",
    (c) => spot.referencePriceCalculation(c, { symbol: "BAZUSD" }),
  ],
  [
    "referencePrice.calculation.response.external.json",
    (c) => spot.referencePriceCalculation(c, { symbol: "BAZUSD" }),
  ],
  ["referencePrice.response.json", (c) => spot.referencePrice(c, { symbol: "BAZUSD" })],
  ["referencePrice.response.null.json", (c) => spot.referencePrice(c, { symbol: "BAZUSD" })],
  ["ticker.24hr.response.json", (c) => spot.ticker24hr(c, { symbol: "BNBBTC" })],
  ["ticker.24hr.response.mini.json", (c) => spot.ticker24hr(c, { symbol: "BNBBTC", type: "MINI" })],
  ["ticker.24hr.response.multi.json", (c) => spot.ticker24hr(c, { symbols: ["BNBBTC"] })],
  ["ticker.book.response.json", (c) => spot.tickerBook(c, { symbol: "BNBBTC" })],
  ["ticker.book.response.multi.json", (c) => spot.tickerBook(c, { symbols: ["BNBBTC"] })],
  ["ticker.price.response.json", (c) => spot.tickerPrice(c, { symbol: "BNBBTC" })],
  ["ticker.price.response.multi.json", (c) => spot.tickerPrice(c, { symbols: ["BNBBTC"] })],
  ["ticker.response.json", (c) => spot.ticker(c, { symbol: "BNBBTC" })],
  ["ticker.response.mini.json", (c) => spot.ticker(c, { symbol: "BNBBTC", type: "MINI" })],
  ["ticker.response.multi.json", (c) => spot.ticker(c, { symbols: ["BNBBTC"] })],
  ["ticker.tradingDay.response.json", (c) => spot.tickerTradingDay(c, { symbol: "BTCUSDT" })],
  [
    "ticker.tradingDay.response.mini.json",
    (c) => spot.tickerTradingDay(c, { symbol: "BTCUSDT", type: "MINI" }),
  ],
  [
    "ticker.tradingDay.response.full-symbols.json",
    (c) => spot.tickerTradingDay(c, { symbols: ["BTCUSDT"] }),
  ],
  [
    "ticker.tradingDay.response.mini-symbols.json",
    (c) => spot.tickerTradingDay(c, { symbols: ["BTCUSDT"], type: "MINI" }),
  ],
  ["trades.aggregate.response.json", (c) => spot.tradesAggregate(c, { symbol: "BNBBTC" })],
  ["trades.historical.response.json", (c) => spot.tradesHistorical(c, { symbol: "BNBBTC" })],
  ["trades.recent.response.json", (c) => spot.tradesRecent(c, { symbol: "BNBBTC" })],
];

/** Where the documented results are open (web-socket-api.md). */
function resultLeniency(file: string) {
  return {
    // Exchange filters differ by filterType, execution rules by ruleType: only that field is
    // common to all of them.
    loose: (path: Path) =>
      (file.startsWith("exchangeInfo") &&
        path.some((k) => k === "filters" || k === "exchangeFilters") &&
        path.at(-1) !== "filterType") ||
      (file.startsWith("executionRules") && path.includes("rules") &&
        path.at(-1) !== "ruleType") ||
      // The 12th kline field is documented as unused ("0").
      (/[kK]lines/.test(file) && path[1] === 11),
    // "referencePrice may be null."
    nullable: (path: Path) =>
      file.startsWith("referencePrice.response") && path[0] === "referencePrice",
  };
}

const RESULT_RUNS = 1000;
Deno.test(`corrupted results of every documented response are refused or typed (${RESULT_RUNS} runs, seed ${SEED})`, async () => {
  await using s = await scripted();
  const documents = new Map<string, Json>();
  for (const [file] of RESPONSES) {
    documents.set(file, getAt(await fixture(`wsapi/${file}`), ["result"]));
  }
  const calls = new Map(RESPONSES);
  // Each documented result as it is: a typed result (the base every corruption starts from).
  for (const [file, result] of documents) {
    s.answerNext((id) => [toJson({ id, status: 200, result, rateLimits: LIMITS })]);
    assert.ok(await calls.get(file)!(s.conn), file);
  }
  const cases = fc.oneof(
    ...[...documents].map(([file, result]) =>
      corrupt(result, resultLeniency(file)).map((c) => ({ file, ...c }))
    ),
  );
  const outcomes = { refused: 0, typed: 0 };
  await fc.assert(
    fc.asyncProperty(
      cases,
      async ({ file, why, value, mustReject }: Corrupted & { file: string }) => {
        const before = s.errors.length;
        const what = `${file}: ${why}`;
        s.answerNext((id) => [toJson({ id, status: 200, result: value, rateLimits: LIMITS })]);
        const outcome = await calls.get(file)!(s.conn).then(
          (result) => ({ result }),
          (error: Error) => ({ error }),
        );
        if ("error" in outcome) {
          assert.ok(
            outcome.error instanceof spot.UnexpectedMessageError,
            `${what}: rejected with ${outcome.error}`,
          );
          outcomes.refused++;
        } else {
          assert.ok(!mustReject, `${what}: the documented shape is broken, yet it was accepted`);
          assert.ok(typeof outcome.result === "object" && outcome.result !== null, what);
          outcomes.typed++;
        }
        assert.deepEqual(s.errors.slice(before), [], `${what}: no error event`);
        await s.usable(what);
      },
    ),
    runs(RESULT_RUNS),
  );
  assert.ok(outcomes.refused > 0 && outcomes.typed > 0, show(outcomes));
});

// ---- WS API: error bodies -------------------------------------------------------------------

const goodError: fc.Arbitrary<Record<string, Json>> = fc.record(
  {
    code: fc.constantFrom(-1121, -1100, -1000, -2043, -1102, -1013),
    msg: fc.string({ maxLength: 20 }),
    data: fc.record({ serverTime: fc.integer({ min: 0 }), retryAfter: fc.integer({ min: 0 }) }, {
      requiredKeys: [],
    }),
  },
  { requiredKeys: ["code", "msg"] },
);

/** Error bodies that break the documented shape (`code` INT, `msg` STRING, `data` object). */
const badError: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constantFrom<Json | undefined>(null, "x", 1, [], true, undefined),
  fc.tuple(goodError, fc.constantFrom("code", "msg")).map(([e, k]) => setAt(e, [k], undefined)),
  fc.tuple(
    goodError,
    // Any integer is a code (negative ones too): only other values break it.
    fc.oneof(badCount, fc.constantFrom<Json>("-1121", null)).filter((v) =>
      !(typeof v === "number" && Number.isSafeInteger(v))
    ),
  ).map((
    [e, code],
  ) => ({ ...e, code })),
  fc.tuple(goodError, fc.constantFrom<Json>(null, 1, {}, [], true, { text: "x" })).map((
    [e, msg],
  ) => ({ ...e, msg })),
  fc.tuple(goodError, fc.constantFrom<Json>(null, "x", 1, true)).map(([e, data]) => ({
    ...e,
    data,
  })),
);

const ERROR_RUNS = 400;
Deno.test(`corrupted error bodies are refused, unless a 5xx or -1006/-1007; documented ones are BinanceApiErrors (${ERROR_RUNS} runs, seed ${SEED})`, async () => {
  await using s = await scripted();
  // 429 and 418 are left out: even a malformed one makes the client wait, as Binance asks.
  const status = fc.constantFrom(400, 401, 403, 404, 409, 500, 503);
  const cases = fc.oneof(
    fc.tuple(status, badError).map(([status, error]) => ({ status, error, bad: true })),
    fc.tuple(status, goodError).map(([status, error]) => ({ status, error, bad: false })),
    fc.tuple(status, goodError, fc.constantFrom<Json>(new RawNumber("1e400"), "x", -1, null))
      .map(([status, error, retryAfter]) => ({
        status,
        error: { ...error, data: { retryAfter } },
        bad: false,
      })),
  );
  await fc.assert(
    fc.asyncProperty(cases, async ({ status, error, bad }) => {
      const before = s.errors.length;
      let text = "";
      s.answerNext((id) => {
        const frame: Record<string, Json> = { id, status };
        if (error !== undefined) frame.error = error;
        return [text = toJson(frame)];
      });
      const rejected = await spot.ping(s.conn).then(() => undefined, (e: Error) => e);
      // What decides the outcome stays readable: a 5xx, or the code -1006 / -1007 (execution
      // status unknown), makes an API error whatever else is wrong with the body.
      const code = typeof error === "object" && error !== null && !Array.isArray(error)
        ? (error as Record<string, Json>).code
        : undefined;
      const readable = status >= 500 || code === -1006 || code === -1007;
      if (bad && !readable) {
        assert.ok(rejected instanceof spot.UnexpectedMessageError, `${text}: ${rejected}`);
      } else if (bad) {
        assert.ok(rejected instanceof spot.BinanceApiError, `${text}: ${rejected}`);
        assert.equal(rejected instanceof spot.ServerError, status >= 500, text);
        assert.equal(rejected.code, Number.isSafeInteger(code) ? code : 0, text);
        assert.equal(typeof rejected.msg, "string", text);
      } else {
        assert.ok(rejected instanceof spot.BinanceApiError, `${text}: ${rejected}`);
        assert.equal(rejected.code, (error as { code: number }).code, text);
        assert.equal(typeof rejected.msg, "string", text);
        assert.equal(rejected instanceof spot.ServerError, status >= 500, text);
      }
      assert.deepEqual(s.errors.slice(before), [], `${text}: no error event`);
      await s.usable(text);
    }),
    runs(ERROR_RUNS),
  );
});

// ---- streams --------------------------------------------------------------------------------

/** One documented stream kind: its fixture, its stream name and how to subscribe to it. */
interface Kind {
  fixture: string;
  name: string;
  subscribe(conn: spot.StreamConnection): Promise<spot.Subscription<unknown>>;
  /** Also on a raw connection (streams whose payloads cannot be told apart share one). */
  raw: boolean;
}

const S = "BNBBTC";
const KINDS: Kind[] = [
  {
    fixture: "trade.json",
    name: "bnbbtc@trade",
    subscribe: (c) => spot.tradeStream(c, { symbol: S }),
    raw: true,
  },
  {
    fixture: "aggTrade.json",
    name: "bnbbtc@aggTrade",
    subscribe: (c) => spot.aggTradeStream(c, { symbol: S }),
    raw: true,
  },
  {
    fixture: "blockTrade.json",
    name: "bnbbtc@blockTrade",
    subscribe: (c) => spot.blockTradeStream(c, { symbol: S }),
    raw: true,
  },
  {
    fixture: "kline.json",
    name: "bnbbtc@kline_1m",
    subscribe: (c) => spot.klineStream(c, { symbol: S, interval: "1m" }),
    raw: true,
  },
  {
    fixture: "kline-timezone-offset.json",
    name: "bnbbtc@kline_1m@+08:00",
    subscribe: (c) => spot.klineStream(c, { symbol: S, interval: "1m", timeZone: "+08:00" }),
    raw: false,
  },
  {
    fixture: "miniTicker.json",
    name: "bnbbtc@miniTicker",
    subscribe: (c) => spot.miniTickerStream(c, { symbol: S }),
    raw: true,
  },
  {
    fixture: "miniTicker-arr.json",
    name: "!miniTicker@arr",
    subscribe: (c) => spot.allMiniTickersStream(c),
    raw: true,
  },
  {
    fixture: "ticker.json",
    name: "bnbbtc@ticker",
    subscribe: (c) => spot.tickerStream(c, { symbol: S }),
    raw: true,
  },
  {
    fixture: "ticker-window.json",
    name: "bnbbtc@ticker_1h",
    subscribe: (c) => spot.rollingWindowTickerStream(c, { symbol: S, windowSize: "1h" }),
    raw: true,
  },
  {
    fixture: "ticker-window-arr.json",
    name: "!ticker_1h@arr",
    subscribe: (c) => spot.allRollingWindowTickersStream(c, { windowSize: "1h" }),
    raw: true,
  },
  {
    fixture: "bookTicker.json",
    name: "bnbbtc@bookTicker",
    subscribe: (c) => spot.bookTickerStream(c, { symbol: S }),
    raw: true,
  },
  {
    fixture: "avgPrice.json",
    name: "bnbbtc@avgPrice",
    subscribe: (c) => spot.avgPriceStream(c, { symbol: S }),
    raw: true,
  },
  {
    fixture: "depth-partial.json",
    name: "bnbbtc@depth5",
    subscribe: (c) => spot.partialDepthStream(c, { symbol: S, levels: 5 }),
    raw: true,
  },
  {
    fixture: "depth-diff.json",
    name: "bnbbtc@depth",
    subscribe: (c) => spot.diffDepthStream(c, { symbol: S }),
    raw: true,
  },
  {
    fixture: "referencePrice.json",
    name: "bnbbtc@referencePrice",
    subscribe: (c) => spot.referencePriceStream(c, { symbol: S }),
    raw: true,
  },
];

/** The fixture about BNBBTC (some documented examples are about other symbols). */
function aboutBnbBtc(payload: Json): Json {
  if (Array.isArray(payload)) return payload.map(aboutBnbBtc);
  if (typeof payload !== "object" || payload === null || payload instanceof RawNumber) {
    return payload;
  }
  const out: Record<string, Json> = { ...payload };
  if ("s" in out) out.s = S;
  if (typeof out.k === "object" && out.k !== null && "s" in (out.k as object)) {
    out.k = { ...(out.k as Record<string, Json>), s: S };
  }
  return out;
}

/** The payload with every number (ids, times, counts) set to `n`: a fresh, later event. */
function numberedAs(payload: Json, n: number): Json {
  let out = payload;
  for (const path of leaves(payload)) {
    if (typeof getAt(payload, path) === "number") out = setAt(out, path, n);
  }
  return out;
}

/** Whether a delivered value carries the number `n` (it is the event numbered `n`). */
function carries(value: unknown, n: number): boolean {
  if (value === n) return true;
  if (typeof value !== "object" || value === null) return false;
  return Object.values(value).some((v) => carries(v, n));
}

/** Where the documented events are open (web-socket-streams.md). */
function eventLeniency(fixture: string) {
  return {
    // Fields documented as "Ignore".
    loose: (path: Path) =>
      (/^(trade|aggTrade)/.test(fixture) && path.at(-1) === "M") ||
      (/^kline/.test(fixture) && path[0] === "k" && path[1] === "B"),
    // "r: null if no reference price".
    nullable: (path: Path) => fixture === "referencePrice.json" && path[0] === "r",
  };
}

/**
 * The stream property on one connection: each run sends one corrupted frame and then a
 * valid, later event of the same stream; the valid event must be delivered, and the
 * corrupted frame reported (an `error` event carrying it) when it breaks the documented
 * shape, or else reported, delivered or counted as a duplicate — never lost silently.
 */
async function streamProperty(combined: boolean, numRuns: number): Promise<void> {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({
    url: fake.streams.baseUrl,
    combined,
    idleTimeoutMs: 0,
  });
  const kinds = KINDS.filter((k) => combined || k.raw);
  const errors: Error[] = [];
  conn.on("error", ({ error }) => errors.push(error));
  const subs = new Map<string, spot.Subscription<unknown>>();
  // The valid event a run waits for: its stream and its number.
  let awaited: { name: string; n: number; arrived: () => void } | undefined;
  // Subscribed together: one SUBSCRIBE message (they are paced at 4 a second).
  const all = await Promise.all(kinds.map((k) => k.subscribe(conn)));
  for (const [i, kind] of kinds.entries()) {
    const sub = all[i];
    assert.equal(sub.stream, kind.name);
    subs.set(kind.name, sub);
    sub.on("data", (v) => {
      if (awaited?.name === kind.name && carries(v, awaited.n)) awaited.arrived();
    });
    sub.on("error", ({ error }) => errors.push(error));
  }
  const payloads = new Map<string, Json>();
  for (const k of kinds) payloads.set(k.name, aboutBnbBtc(await fixture(`streams/${k.fixture}`)));
  const wrap = (name: string, data: Json) =>
    combined ? toJson({ stream: name, data }) : toJson(data);
  const names = kinds.map((k) => k.name);

  type Case = { name: string; why: string; text: string; mustReject: boolean };
  const eventCases = kinds.map((k) =>
    corrupt(payloads.get(k.name)!, eventLeniency(k.fixture)).map((c): Case => ({
      name: k.name,
      why: c.why,
      text: wrap(k.name, c.value),
      mustReject: c.mustReject,
    }))
  );
  const target = fc.constantFrom(...names);
  const frameCases: fc.Arbitrary<Case>[] = [
    fc.tuple(target, junk).map(([name, j]) => ({
      name,
      why: "top-level junk",
      text: toJson(j),
      mustReject: true,
    })),
    fc.tuple(target, fc.constantFrom("{not json", "", "[", '{"stream":', "\u0000")).map((
      [name, text],
    ) => ({ name, why: "not JSON", text, mustReject: true })),
  ];
  if (combined) {
    frameCases.push(
      fc.tuple(
        target,
        fc.string({ maxLength: 20 }).filter((n) =>
          !names.includes(n) && !n.startsWith("!serverShutdown")
        ),
      ).map(([name, other]) => ({
        name,
        why: `under the unknown name ${show(other)}`,
        text: toJson({ stream: other, data: payloads.get(name)! }),
        mustReject: true,
      })),
      fc.tuple(target, target).filter(([a, b]) => a !== b).map(([name, other]) => ({
        name,
        why: `under the name of ${other}`,
        text: toJson({ stream: other, data: payloads.get(name)! }),
        mustReject: false,
      })),
      fc.tuple(target, junk).map(([name, data]) => ({
        name,
        why: "junk data",
        text: toJson({ stream: name, data }),
        // An empty list is a well-formed all-market update (no symbol changed).
        mustReject: !(name.startsWith("!") && Array.isArray(data) && data.length === 0),
      })),
      fc.tuple(target, fc.constantFrom<Json>(1, null, true, [], {}, ["x"])).map(([name, s]) => ({
        name,
        why: `stream ${toJson(s)}`,
        text: toJson({ stream: s, data: payloads.get(name)! }),
        mustReject: true,
      })),
      target.map((name) => ({
        name,
        why: "no data",
        text: toJson({ stream: name }),
        mustReject: true,
      })),
    );
  }
  const cases = fc.oneof(...eventCases, ...frameCases);
  let seq = 2_000_000_000_000;
  const counts = { reported: 0, delivered: 0, duplicates: 0 };
  await fc.assert(
    fc.asyncProperty(cases, async ({ name, why, text, mustReject }) => {
      const what = `${name}: ${why}: ${show(text)}`;
      const n = seq += 10;
      const errorsBefore = errors.length;
      const total = () => {
        let d = 0;
        let dup = 0;
        for (const sub of subs.values()) {
          d += sub.stats.delivered;
          dup += sub.stats.duplicates;
        }
        return { d, dup };
      };
      const before = total();
      const { promise, resolve, reject } = Promise.withResolvers<void>();
      awaited = { name, n, arrived: resolve };
      const timer = setTimeout(() => reject(new Error(`${what}: the next valid event`)), 5_000);
      fake.streams.sendFrame(text);
      fake.streams.sendFrame(wrap(name, numberedAs(payloads.get(name)!, n)));
      await promise.finally(() => clearTimeout(timer));
      awaited = undefined;
      const after = total();
      const news = errors.slice(errorsBefore);
      allUnexpected(news, what);
      const reported = news.some((e) => (e as spot.UnexpectedMessageError).frame === framed(text));
      if (reported) counts.reported++;
      if (after.d - before.d > 1) counts.delivered++;
      if (after.dup > before.dup) counts.duplicates++;
      if (mustReject) {
        assert.ok(reported, `${what}: the documented shape is broken; it must be reported`);
        assert.equal(after.d - before.d, 1, `${what}: only the valid event is delivered`);
      } else {
        assert.ok(
          reported || after.d - before.d > 1 || after.dup > before.dup,
          `${what}: neither reported, delivered nor counted`,
        );
      }
    }),
    runs(numRuns),
  );
  assert.ok(counts.reported > 0 && counts.duplicates > 0, show(counts));
  assert.equal(conn.state, "open");
  for (const sub of subs.values()) assert.ok(sub.active);
}

const COMBINED_RUNS = 1000;
Deno.test(`corrupted frames of every stream kind on a combined connection are reported; streams go on (${COMBINED_RUNS} runs, seed ${SEED})`, async () => {
  await streamProperty(true, COMBINED_RUNS);
});

const RAW_RUNS = 500;
Deno.test(`corrupted frames of every stream kind on a raw connection are reported; streams go on (${RAW_RUNS} runs, seed ${SEED})`, async () => {
  await streamProperty(false, RAW_RUNS);
});
