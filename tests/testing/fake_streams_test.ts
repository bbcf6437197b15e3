// The fake exchange's market streams, checked with a raw WebSocket against Binance's
// documented examples. Nothing of the client library is used here.
import assert from "node:assert/strict";
import { type FakeBinance, startFakeBinance } from "../../testing/mod.ts";

async function fixture(name: string): Promise<unknown> {
  return JSON.parse(
    await Deno.readTextFile(new URL(`../fixtures/streams/${name}.json`, import.meta.url)),
  );
}

/** Keys and JSON types, recursively: the shape of a payload. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (v === null) return "null";
  if (typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, shape(x)]).sort(),
    );
  }
  return typeof v;
}

interface Client extends AsyncDisposable {
  ws: WebSocket;
  next(): Promise<unknown>;
  send(value: unknown): Promise<unknown>;
  closed: Promise<CloseEvent>;
}

async function open(url: string): Promise<Client> {
  const ws = new WebSocket(url);
  const queue: string[] = [];
  const waiting: ((t: string) => void)[] = [];
  const closed = new Promise<CloseEvent>((r) => ws.addEventListener("close", r));
  ws.onmessage = (e) => {
    const w = waiting.shift();
    if (w) w(e.data);
    else queue.push(e.data);
  };
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  const next = () => {
    const t = queue.shift();
    if (t !== undefined) return Promise.resolve(JSON.parse(t));
    return new Promise<string>((r) => waiting.push(r)).then((x) => JSON.parse(x));
  };
  return {
    ws,
    next,
    closed,
    send(value: unknown) {
      ws.send(typeof value === "string" ? value : JSON.stringify(value));
      return next();
    },
    async [Symbol.asyncDispose]() {
      if (ws.readyState !== WebSocket.CLOSED) {
        ws.close();
        await closed;
      }
    },
  };
}

Deno.test("the five control methods answer like the documented examples", async () => {
  await using fake = await startFakeBinance();
  await using c = await open(fake.streams.rawUrl);
  for (const method of ["SUBSCRIBE", "LIST_SUBSCRIPTIONS", "UNSUBSCRIBE"]) {
    const req = await fixture(`control-${method}-request`);
    const expected = await fixture(`control-${method}-response`) as Record<string, unknown>;
    const res = await c.send(req) as Record<string, unknown>;
    if (method === "LIST_SUBSCRIPTIONS") {
      assert.deepEqual(res, { result: ["btcusdt@aggTrade", "btcusdt@depth"], id: 3 });
    } else assert.deepEqual(res, expected);
  }
  await new Promise((r) => setTimeout(r, 1000)); // stay under 5 messages a second
  assert.deepEqual(
    await c.send(await fixture("control-SET_PROPERTY-request")),
    await fixture("control-SET_PROPERTY-response"),
  );
  assert.deepEqual(
    await c.send(await fixture("control-GET_PROPERTY-request")),
    await fixture("control-GET_PROPERTY-response"),
  );
});

Deno.test("control errors carry the documented codes and messages", async () => {
  await using fake = await startFakeBinance();
  const documented = await fixture("control-errors") as { code: number; msg: string }[];
  const cases: [unknown, number, string][] = [
    [{ method: "GET_PROPERTY", params: ["colour"], id: 7 }, 0, "Unknown property"],
    [{ method: "SET_PROPERTY", params: ["combined", "yes"], id: 1 }, 1, documented[1].msg],
    [{ method: "GET_PROPERTY", params: [42], id: 1 }, 2, documented[2].msg],
    [{ method: "SUBSCRIBE", params: [], id: { x: 1 } }, 2, documented[3].msg],
    [
      { method: "LIST_SUBSCRIPTIONS", params: ["x"], id: 1 },
      2,
      "Invalid request: too many parameters",
    ],
    ["{not json", 3, "Invalid JSON: expected value at line 1 column 1"],
  ];
  for (const [i, [req, code, msg]] of cases.entries()) {
    // A fresh connection each time: at most 5 messages a second per connection.
    await using c = await open(fake.streams.rawUrl);
    const res = await c.send(req) as Record<string, unknown>;
    assert.equal(res.code, code, `case ${i}`);
    assert.equal(res.msg, msg, `case ${i}`);
    assert.equal("id" in res, code === 0, "only code 0 carries the id, as documented");
  }
  await using c = await open(fake.streams.rawUrl);
  const unknown = await c.send({ method: "SUBSCRIBES", params: [], id: 1 }) as { msg: string };
  assert.match(unknown.msg, /^Invalid request: unknown variant "SUBSCRIBES", expected one of/);
});

Deno.test("raw and combined payloads have the documented shapes", async () => {
  await using fake = await startFakeBinance();
  const streams: [string, string][] = [
    ["bnbbtc@trade", "trade"],
    ["bnbbtc@aggTrade", "aggTrade"],
    ["bnbbtc@blockTrade", "blockTrade"],
    ["bnbbtc@kline_1m", "kline"],
    ["bnbbtc@kline_1m@+08:00", "kline-timezone-offset"],
    ["bnbbtc@miniTicker", "miniTicker"],
    ["!miniTicker@arr", "miniTicker-arr"],
    ["bnbbtc@ticker", "ticker"],
    ["bnbbtc@ticker_1h", "ticker-window"],
    ["!ticker_1h@arr", "ticker-window-arr"],
    ["bnbbtc@bookTicker", "bookTicker"],
    ["bnbbtc@avgPrice", "avgPrice"],
    ["btcusdt@referencePrice", "referencePrice"],
    ["bnbbtc@depth5", "depth-partial"],
    ["bnbbtc@depth@100ms", "depth-diff"],
  ];
  await using c = await open(
    `${fake.streams.combinedUrl}?streams=${streams.map(([s]) => encodeURIComponent(s)).join("/")}`,
  );
  fake.market.advance(10);
  const seen = new Map<string, unknown>();
  while (seen.size < streams.length) {
    const frame = await c.next() as { stream: string; data: unknown };
    assert.deepEqual(Object.keys(frame).sort(), ["data", "stream"]);
    if (!seen.has(frame.stream)) seen.set(frame.stream, frame.data);
  }
  for (const [stream, example] of streams) {
    assert.deepEqual(shape(seen.get(stream)), shape(await fixture(example)), stream);
  }
  // A raw connection gets the bare payload.
  await using r = await open(`${fake.streams.rawUrl}/bnbbtc@aggTrade`);
  fake.market.advance(1);
  assert.deepEqual(shape(await r.next()), shape(await fixture("aggTrade")));
});

Deno.test("the diff depth stream agrees with the exchange's depth", async () => {
  await using fake = await startFakeBinance();
  const before = fake.market.orderBook("ETHUSDT");
  await using c = await open(`${fake.streams.rawUrl}/ethusdt@depth`);
  fake.market.advance(3);
  const ev = await c.next() as {
    U: number;
    u: number;
    b: [string, string][];
    a: [string, string][];
  };
  const after = fake.market.orderBook("ETHUSDT");
  assert.equal(ev.U, before.lastUpdateId + 1);
  assert.equal(ev.u, after.lastUpdateId);
  // Applying the event to the book before gives the book after.
  const apply = (levels: [string, string][], changes: [string, string][], desc: boolean) => {
    const m = new Map(levels);
    for (const [p, q] of changes) Number(q) === 0 ? m.delete(p) : m.set(p, q);
    return [...m].sort((x, y) => desc ? Number(y[0]) - Number(x[0]) : Number(x[0]) - Number(y[0]));
  };
  assert.deepEqual(apply(before.bids, ev.b, true), after.bids);
  assert.deepEqual(apply(before.asks, ev.a, false), after.asks);
});

Deno.test("limits: 1024 streams per connection, over 5 messages a second disconnects", async () => {
  await using fake = await startFakeBinance();
  await using c = await open(fake.streams.rawUrl);
  const names = Array.from({ length: 1025 }, (_, i) => `s${i}usdt@trade`);
  const over = await c.send({ method: "SUBSCRIBE", params: names, id: 1 }) as { code: number };
  assert.equal(over.code, 2);
  assert.deepEqual(
    await c.send({ method: "SUBSCRIBE", params: names.slice(0, 1024), id: 2 }),
    { result: null, id: 2 },
  );
  await using d = await open(fake.streams.rawUrl);
  for (let i = 0; i < 6; i++) d.ws.send(JSON.stringify({ method: "LIST_SUBSCRIPTIONS", id: i }));
  assert.equal((await d.closed).code, 1008);
  assert.equal(fake.streams.rateLimitDisconnects, 1);
});

Deno.test("serverShutdown arrives raw or wrapped, as documented", async () => {
  await using fake: FakeBinance = await startFakeBinance();
  await using raw = await open(fake.streams.rawUrl);
  await using combined = await open(fake.streams.combinedUrl);
  fake.sendServerShutdown();
  assert.deepEqual(shape(await raw.next()), shape(await fixture("serverShutdown")));
  const wrapped = await combined.next() as { stream: string };
  assert.deepEqual(shape(wrapped), shape(await fixture("serverShutdown-combined")));
  assert.equal(wrapped.stream, "!serverShutdown");
});

Deno.test("bad stream URLs and time units are refused before the upgrade", async () => {
  await using fake = await startFakeBinance();
  const base = `http://127.0.0.1:${fake.port}`;
  for (const path of ["/ws/!ticker@arr", "/stream?streams=btcusdt@depth7", "/ws?timeUnit=SECOND"]) {
    const res = await fetch(`${base}${path}`);
    assert.equal(res.status, 400, path);
    await res.body?.cancel();
  }
});
