// The fake exchange, checked with a raw WebSocket against Binance's documented examples.
// Nothing of the client library is used here.
import assert from "node:assert/strict";
import { type FakeBinance, type FakeBinanceOptions, startFakeBinance } from "../../testing/mod.ts";
import { outsideMinuteBoundary } from "../_helpers.ts";

interface Raw extends AsyncDisposable {
  ws: WebSocket;
  /** Sends text and resolves with the next frame (responses arrive in order). */
  send(text: string): Promise<Record<string, unknown>>;
  call(method: string, params?: unknown, id?: unknown): Promise<Record<string, unknown>>;
  frames: string[];
  closed: Promise<CloseEvent>;
}

async function raw(url: string): Promise<Raw> {
  const ws = new WebSocket(url);
  const frames: string[] = [];
  const waiting: ((text: string) => void)[] = [];
  const closed = new Promise<CloseEvent>((resolve) => ws.addEventListener("close", resolve));
  ws.onmessage = (e) => {
    frames.push(e.data);
    waiting.shift()?.(e.data);
  };
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let id = 1;
  const send = (text: string) => {
    const { promise, resolve } = Promise.withResolvers<string>();
    waiting.push(resolve);
    ws.send(text);
    return promise.then((t) => JSON.parse(t));
  };
  return {
    ws,
    frames,
    closed,
    send,
    call: (method, params, callId = id++) =>
      send(
        JSON.stringify(
          params === undefined ? { id: callId, method } : { id: callId, method, params },
        ),
      ),
    async [Symbol.asyncDispose]() {
      if (ws.readyState !== WebSocket.CLOSED) {
        ws.close();
        await closed;
      }
    },
  };
}

async function setup(
  options: FakeBinanceOptions = {},
): Promise<{ fake: FakeBinance; c: Raw } & AsyncDisposable> {
  const fake = await startFakeBinance(options);
  const c = await raw(fake.wsApiUrl);
  return {
    fake,
    c,
    async [Symbol.asyncDispose]() {
      await c[Symbol.asyncDispose]();
      await fake.close();
    },
  };
}

async function example(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(
    await Deno.readTextFile(new URL(`../fixtures/wsapi/${name}.json`, import.meta.url)),
  );
}

/** The shape of a JSON value: key sets of objects and types of leaves, arrays by first item. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.keys(v).sort().map((k) => [k, shape((v as Record<string, unknown>)[k])]),
    );
  }
  return v === null ? "null" : typeof v;
}

const sameShape: [string, string, unknown][] = [
  ["ping", "ping.response", undefined],
  ["time", "time.response", undefined],
  ["depth", "depth.response", { symbol: "BNBBTC", limit: 5 }],
  ["trades.recent", "trades.recent.response", { symbol: "BNBBTC", limit: 1 }],
  ["trades.historical", "trades.historical.response", { symbol: "BNBBTC", limit: 1 }],
  ["blockTrades.historical", "blockTrades.historical.response", {
    symbol: "BNBBTC",
    fromId: 0,
    limit: 1,
  }],
  ["trades.aggregate", "trades.aggregate.response", { symbol: "BNBBTC", limit: 1 }],
  ["klines", "klines.response", { symbol: "BNBBTC", interval: "1h", limit: 1 }],
  ["uiKlines", "uiKlines.response", { symbol: "BNBBTC", interval: "1h", limit: 1 }],
  ["avgPrice", "avgPrice.response", { symbol: "BNBBTC" }],
  ["ticker.24hr", "ticker.24hr.response", { symbol: "BNBBTC" }],
  ["ticker.24hr", "ticker.24hr.response.mini", { symbol: "BNBBTC", type: "MINI" }],
  ["ticker.tradingDay", "ticker.tradingDay.response", { symbol: "BTCUSDT" }],
  ["ticker.tradingDay", "ticker.tradingDay.response.mini-symbols", {
    symbols: ["BTCUSDT", "BNBBTC"],
    type: "MINI",
  }],
  ["ticker", "ticker.response", { symbol: "BNBBTC", windowSize: "7d" }],
  ["ticker", "ticker.response.mini", { symbol: "BNBBTC", type: "MINI" }],
  ["ticker.price", "ticker.price.response", { symbol: "BNBBTC" }],
  ["ticker.price", "ticker.price.response.multi", { symbols: ["BNBBTC", "BTCUSDT"] }],
  ["ticker.book", "ticker.book.response", { symbol: "BNBBTC" }],
  ["ticker.book", "ticker.book.response.multi", { symbols: ["BNBBTC", "BTCUSDT"] }],
  ["referencePrice", "referencePrice.response", { symbol: "BTCUSDT" }],
  ["referencePrice.calculation", "referencePrice.calculation.response.arithmetic-mean", {
    symbol: "BTCUSDT",
  }],
  ["referencePrice.calculation", "referencePrice.calculation.response.external", {
    symbol: "ETHUSDT",
  }],
  ["executionRules", "executionRules.response", { symbol: "BTCUSDT" }],
];

Deno.test("the fake exchange answers every method in the documented shape", async () => {
  await using t = await setup();
  for (const [method, name, params] of sameShape) {
    const doc = await example(name);
    const got = await t.c.call(method, params);
    assert.equal(got.status, 200, `${name}: ${JSON.stringify(got.error)}`);
    assert.deepEqual(shape(got.result), shape(doc.result), name);
    if (doc.rateLimits) assert.deepEqual(shape(got.rateLimits), shape(doc.rateLimits), name);
  }
});

Deno.test("the fake exchange's exchangeInfo has the documented keys and limits", async () => {
  await using t = await setup();
  const got = (await t.c.call("exchangeInfo", { symbol: "BNBBTC" })).result as Record<
    string,
    unknown
  >;
  const doc = (await example("exchangeInfo.response")).result as Record<string, unknown>;
  assert.deepEqual(Object.keys(got).sort(), Object.keys(doc).sort());
  const [sym] = got.symbols as Record<string, unknown>[];
  const [docSym] = doc.symbols as Record<string, unknown>[];
  assert.deepEqual(Object.keys(sym).sort(), Object.keys(docSym).sort());
  assert.deepEqual(got.rateLimits, doc.rateLimits as unknown[]);
});

Deno.test("the fake exchange keeps prices as decimal strings with 8 decimals", async () => {
  await using t = await setup();
  const book = (await t.c.call("depth", { symbol: "BTCUSDT", limit: 1000 })).result as {
    bids: string[][];
    asks: string[][];
  };
  assert.equal(book.bids.length, 1000);
  for (const [p, q] of [...book.bids, ...book.asks]) {
    assert.match(p, /^\d+\.\d{8}$/);
    assert.match(q, /^\d+\.\d{8}$/);
  }
  assert.ok(Number(book.bids[0][0]) < Number(book.asks[0][0]));
});

Deno.test("the fake exchange echoes string, integer, 64-bit and null ids", async () => {
  await using t = await setup();
  assert.equal(
    (await t.c.call("ping", undefined, "e2a85d9f-07a5-4f94-8d5f-789dc3deb097")).id,
    "e2a85d9f-07a5-4f94-8d5f-789dc3deb097",
  );
  assert.equal((await t.c.call("ping", undefined, 42)).id, 42);
  assert.equal((await t.c.call("ping", undefined, null)).id, null);
  await t.c.send('{"id":9223372036854775807,"method":"ping"}');
  assert.match(t.c.frames.at(-1)!, /^\{"id":9223372036854775807,/);
});

/**
 * What one call cost, from the REQUEST_WEIGHT counts before and after it: a new minute window
 * may begin between two calls, and the count then starts from this one.
 */
function charged(now: number, last: number): number {
  return now >= last ? now - last : now;
}

Deno.test("the fake exchange charges the documented weights", async () => {
  await using t = await setup();
  const count = (r: Record<string, unknown>) => (r.rateLimits as { count: number }[])[0].count;
  let last = count(await t.c.call("ping"));
  assert.equal(last, 3, "connecting costs 2, ping 1");
  const cases: [string, unknown, number][] = [
    ["depth", { symbol: "BTCUSDT", limit: 100 }, 5],
    ["depth", { symbol: "BTCUSDT", limit: 500 }, 25],
    ["depth", { symbol: "BTCUSDT", limit: 1000 }, 50],
    ["depth", { symbol: "BTCUSDT", limit: 5000 }, 250],
    ["exchangeInfo", {}, 20],
    ["trades.recent", { symbol: "BTCUSDT" }, 25],
    ["trades.aggregate", { symbol: "BTCUSDT" }, 4],
    ["klines", { symbol: "BTCUSDT", interval: "1d" }, 2],
    ["ticker.price", { symbol: "BTCUSDT" }, 2],
    ["ticker.price", {}, 4],
    ["ticker.24hr", {}, 80],
    ["ticker", { symbols: ["BTCUSDT", "ETHUSDT"] }, 8],
  ];
  for (const [method, params, weight] of cases) {
    const now = count(await t.c.call(method, params));
    assert.equal(charged(now, last), weight, `${method} ${JSON.stringify(params)}`);
    last = now;
  }
});

const errors: [string, unknown, number, string][] = [
  ["depth", {}, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."],
  ["depth", { symbol: "NOPE" }, -1121, "Invalid symbol."],
  // Unicode symbols are legal since 2025-12: an unlisted one is unknown, not illegal.
  ["depth", { symbol: "１２３４５６" }, -1121, "Invalid symbol."],
  ["depth", { symbol: "币安USDT" }, -1121, "Invalid symbol."],
  [
    "depth",
    { symbol: "BTC\u00a0USDT" },
    -1100,
    "Illegal characters found in parameter 'symbol'; legal range is '^[A-Z0-9-_.]{1,20}$'.",
  ],
  [
    "depth",
    { symbol: "btc usdt" },
    -1100,
    "Illegal characters found in parameter 'symbol'; legal range is '^[A-Z0-9-_.]{1,20}$'.",
  ],
  [
    "depth",
    { symbol: "BTCUSDT", limit: 5001 },
    -1130,
    "Data sent for parameter 'limit' is not valid.",
  ],
  [
    "depth",
    { symbol: "BTCUSDT", limit: 1.5 },
    -1100,
    "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.",
  ],
  ["depth", { symbol: "BTCUSDT", foo: 1 }, -1103, "An unknown parameter was sent."],
  ["depth", { symbol: "BTCUSDT", constructor: 1 }, -1103, "An unknown parameter was sent."],
  [
    "depth",
    { symbol: "LTCBTC", symbolStatus: "TRADING" },
    -1220,
    "The symbol's status does not match the requested symbolStatus.",
  ],
  ["depth", { symbol: "BTCUSDT", symbolStatus: "OPEN" }, -1122, "Invalid symbolStatus."],
  [
    "ticker.price",
    { symbol: "BTCUSDT", symbols: ["ETHUSDT"] },
    -1128,
    "Combination of optional parameters invalid.",
  ],
  [
    "ticker.price",
    { symbols: ["BTCUSDT", "BTCUSDT"] },
    -1101,
    "Duplicate values for a parameter detected.",
  ],
  ["klines", { symbol: "BTCUSDT", interval: "2m" }, -1120, "Invalid interval."],
  ["ticker.24hr", { symbol: "BTCUSDT", type: "HUGE" }, -1139, "Invalid ticker type."],
  ["ticker", {}, -1102, "Param 'symbol' or 'symbols' must be sent, but both were empty/null!"],
  [
    "ticker",
    { symbol: "BTCUSDT", windowSize: "60m" },
    -1130,
    "Data sent for parameter 'windowSize' is not valid.",
  ],
  [
    "trades.aggregate",
    { symbol: "BTCUSDT", fromId: 1, startTime: 1 },
    -1128,
    "Combination of optional parameters invalid.",
  ],
  [
    "blockTrades.historical",
    { symbol: "BTCUSDT" },
    -1102,
    "Mandatory parameter 'fromId' was not sent, was empty/null, or malformed.",
  ],
  [
    "referencePrice.calculation",
    { symbol: "BNBBTC" },
    -2043,
    "This symbol doesn't have a reference price.",
  ],
];

Deno.test("the fake exchange validates params with Binance's codes and messages", async () => {
  await using t = await setup();
  for (const [method, params, code, msg] of errors) {
    const r = await t.c.call(method, params);
    assert.equal(r.status, 400, `${method} ${JSON.stringify(params)}`);
    assert.deepEqual(r.error, { code, msg }, `${method} ${JSON.stringify(params)}`);
  }
  // "If no reference price has ever been set": status 200, the error in `result`.
  const never = await t.c.call("referencePrice", { symbol: "BNBBTC" });
  const documented = JSON.parse(
    await Deno.readTextFile(
      new URL("../fixtures/wsapi/referencePrice.response.never-set.json", import.meta.url),
    ),
  );
  assert.equal(never.status, 200);
  assert.deepEqual(never.result, documented.result);
});

Deno.test("a request that breaks a rule costs its weight; one with unreadable params costs 1", async () => {
  await using t = await setup();
  const count = (r: Record<string, unknown>) => (r.rateLimits as { count: number }[])[0].count;
  let last = count(await t.c.call("ping"));
  const cases: [unknown, number, number][] = [
    [{ symbol: "BTCUSDT", limit: 5001 }, -1130, 250],
    [{ symbol: "LTCBTC", symbolStatus: "TRADING", limit: 500 }, -1220, 25],
    [{ symbol: "NOPE", limit: 5000 }, -1121, 1],
    [{ symbol: "BTCUSDT", limit: "many" }, -1100, 1],
  ];
  for (const [params, code, weight] of cases) {
    const r = await t.c.call("depth", params);
    assert.equal((r.error as { code: number }).code, code, JSON.stringify(params));
    const now = count(r);
    assert.equal(charged(now, last), weight, JSON.stringify(params));
    last = now;
  }
});

Deno.test("the fake exchange answers invalid JSON with -1135 and an unknown method with an error", async () => {
  await using t = await setup();
  const bad = await t.c.send("{not json");
  assert.deepEqual(bad, {
    id: null,
    status: 400,
    error: { code: -1135, msg: "Invalid JSON Request" },
  });
  for (const method of ["order.nonexistent", "toString", "hasOwnProperty", "__proto__"]) {
    const unknown = await t.c.call(method, { symbol: "BTCUSDT" });
    assert.equal(unknown.status, 400, method);
    assert.equal((unknown.error as { code: number }).code, -1000, method);
  }
});

Deno.test("the fake exchange answers 429 with retryAfter at the window's end", async () => {
  await using t = await setup({ requestWeightLimit: 12, requestWeightWindowMs: 300 });
  let r: Record<string, unknown> = {};
  for (let i = 0; i < 5 && r.status !== 429; i++) {
    r = await t.c.call("depth", { symbol: "BTCUSDT" });
  }
  assert.equal(r.status, 429);
  const error = r.error as {
    code: number;
    msg: string;
    data: { retryAfter: number; serverTime: number };
  };
  assert.equal(error.code, -1003);
  assert.match(
    error.msg,
    /^Too much request weight used; current limit is 12 request weight per 1 MINUTE\./,
  );
  assert.equal(error.data.retryAfter % 300, 0);
  assert.ok(error.data.retryAfter > error.data.serverTime);
  await new Promise((resolve) => setTimeout(resolve, error.data.retryAfter - Date.now() + 5));
  assert.equal((await t.c.call("ping")).status, 200, "a new window accepts requests again");
});

Deno.test("the fake exchange bans with 418 after repeated violations and closes the connection", async () => {
  // A 1-minute window: rolled over between the first two requests, the second would get a 200.
  await outsideMinuteBoundary();
  await using t = await setup({
    requestWeightLimit: 10,
    banAfterViolations: 2,
    banDurationMs: 60_000,
  });
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const r = await t.c.call("depth", { symbol: "BTCUSDT" });
    statuses.push(r.status as number);
    if (r.status === 418) {
      const error = r.error as { msg: string; data: { retryAfter: number } };
      assert.match(error.msg, /^Way too much request weight used; IP banned until \d+\./);
      assert.ok(error.data.retryAfter - Date.now() > 50_000);
      break;
    }
  }
  assert.deepEqual(statuses, [200, 429, 429, 418]);
  await t.c.closed;
  // While banned, new connections are refused.
  const again = new WebSocket(t.fake.wsApiUrl);
  const outcome = await new Promise<string>((resolve) => {
    again.onopen = () => resolve("open");
    again.onerror = () => resolve("refused");
  });
  if (again.readyState !== WebSocket.CLOSED) {
    again.close();
    await new Promise((resolve) => (again.onclose = resolve));
  }
  assert.equal(outcome, "refused");
});

Deno.test("returnRateLimits=false hides rateLimits unless a request asks for them", async () => {
  const fake = await startFakeBinance();
  try {
    await using c = await raw(`${fake.wsApiUrl}?returnRateLimits=false`);
    assert.equal((await c.call("ping")).rateLimits, undefined);
    assert.ok(Array.isArray((await c.call("ping", { returnRateLimits: true })).rateLimits));
    await using d = await raw(fake.wsApiUrl);
    assert.equal((await d.call("ping", { returnRateLimits: false })).rateLimits, undefined);
  } finally {
    await fake.close();
  }
});

Deno.test("timeUnit=MICROSECOND gives µs times; a bad timeUnit is refused", async () => {
  const fake = await startFakeBinance();
  try {
    await using c = await raw(`${fake.wsApiUrl}?timeUnit=microsecond`);
    const { serverTime } = (await c.call("time")).result as { serverTime: number };
    assert.ok(Math.abs(serverTime / 1000 - Date.now()) < 5000);
    const res = await fetch(`${fake.wsApiUrl.replace("ws:", "http:")}?timeUnit=NANO`);
    assert.equal(res.status, 400);
    assert.equal((await res.json()).code, -1194);
  } finally {
    await fake.close();
  }
});

Deno.test("sendServerShutdown sends the documented event", async () => {
  await using t = await setup();
  const next = new Promise<string>((resolve) => (t.c.ws.onmessage = (e) => resolve(e.data)));
  t.fake.sendServerShutdown();
  const event = JSON.parse(await next);
  const doc = await example("server-shutdown.event");
  assert.deepEqual(shape(event), shape(doc));
  assert.equal(event.event.e, "serverShutdown");
});

Deno.test("sendServerShutdown with closeAfterMs closes the connection later", async () => {
  await using t = await setup();
  t.fake.sendServerShutdown({ closeAfterMs: 30 });
  const started = Date.now();
  await t.c.closed;
  assert.ok(Date.now() - started >= 20);
  for (let i = 0; i < 50 && t.fake.openConnections > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.equal(t.fake.openConnections, 0);
});

Deno.test("the lifetime cap closes connections, and setConnectionLifetime re-arms open ones", async () => {
  await using t = await setup({ connectionLifetimeMs: 100 });
  const started = Date.now();
  await t.c.closed;
  assert.ok(Date.now() - started >= 50);
  await using d = await raw(t.fake.wsApiUrl);
  t.fake.setConnectionLifetime(0);
  await d.closed;
  assert.equal(t.fake.totalConnections, 2);
});

Deno.test("dropConnections closes every connection; new ones are accepted", async () => {
  await using t = await setup();
  await using d = await raw(t.fake.wsApiUrl);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(t.fake.openConnections, 2);
  t.fake.dropConnections();
  await Promise.all([t.c.closed, d.closed]);
  await using e = await raw(t.fake.wsApiUrl);
  assert.equal((await e.call("ping")).status, 200);
});

Deno.test("sendMalformedFrame and sendFrame reach every connection as given", async () => {
  await using t = await setup();
  const frames: string[] = [];
  const two = new Promise<void>((resolve) =>
    t.c.ws.onmessage = (e) => {
      frames.push(e.data);
      if (frames.length === 2) resolve();
    }
  );
  t.fake.sendMalformedFrame();
  t.fake.sendFrame('{"custom":true}');
  await two;
  assert.deepEqual(frames, ["{not json", '{"custom":true}']);
});

Deno.test("setResponseDelay delays answers", async () => {
  await using t = await setup();
  t.fake.setResponseDelay(80);
  const started = Date.now();
  await t.c.call("ping");
  assert.ok(Date.now() - started >= 70);
});

Deno.test("received records every frame with its connection", async () => {
  await using t = await setup();
  await t.c.call("ping");
  await t.c.call("time");
  assert.deepEqual(t.fake.received.map((f) => [f.connectionId, JSON.parse(f.text).method]), [
    [1, "ping"],
    [1, "time"],
  ]);
});

Deno.test("the market is deterministic and advance() moves book and trades", async () => {
  const a = await startFakeBinance();
  const b = await startFakeBinance();
  try {
    assert.deepEqual(a.market.orderBook("BTCUSDT", 20), b.market.orderBook("BTCUSDT", 20));
    const before = a.market.orderBook("ETHUSDT");
    a.market.advance(5);
    const after = a.market.orderBook("ETHUSDT");
    assert.equal(after.lastUpdateId, before.lastUpdateId + 5);
    await using c = await raw(a.wsApiUrl);
    const book = (await c.call("depth", { symbol: "ETHUSDT", limit: 20 })).result;
    assert.deepEqual(book, a.market.orderBook("ETHUSDT", 20), "depth answers from the true book");
  } finally {
    await a.close();
    await b.close();
  }
});

Deno.test("the fake exchange answers 404 off the WebSocket API path", async () => {
  await using fake = await startFakeBinance();
  const res = await fetch(`http://127.0.0.1:${fake.port}/nothing`);
  assert.equal(res.status, 404);
  await res.body?.cancel();
});

Deno.test("an aborted signal closes the fake exchange", async () => {
  const controller = new AbortController();
  const fake = await startFakeBinance({ signal: controller.signal });
  await using c = await raw(fake.wsApiUrl);
  controller.abort();
  await c.closed;
  await fake.close();
});
