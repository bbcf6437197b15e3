import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import {
  BinanceApiError,
  ConnectionClosedError,
  ConnectionOpenError,
  connectStreams,
  connectWsApi,
  createSigner,
  depth,
  IpBannedError,
  orderCancelReplace,
  orderPlace,
  RateLimitError,
  RequestTimeoutError,
  ServerError,
  tickerPrice,
  time,
  tradeStream,
  UnexpectedMessageError,
  ValidationError,
  type WsApiConnection,
  type WsApiConnectionOptions,
} from "../../mod.ts";
import { type FakeBinance, type FakeBinanceOptions, startFakeBinance } from "../../testing/mod.ts";
import { socketMaker } from "../../core/_socket.ts";
import {
  nextEvent,
  outsideMinuteBoundary,
  record,
  startDeadPeer,
  startScriptedPeer,
  waitFor,
} from "../_helpers.ts";

async function setup(
  fakeOptions: FakeBinanceOptions = {},
  connOptions: WsApiConnectionOptions = {},
): Promise<{ fake: FakeBinance; conn: WsApiConnection } & AsyncDisposable> {
  const fake = await startFakeBinance(fakeOptions);
  const conn = await connectWsApi({
    url: fake.wsApiUrl,
    reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
    ...connOptions,
  });
  return {
    fake,
    conn,
    async [Symbol.asyncDispose]() {
      await conn.close();
      await fake.close();
    },
  };
}

const SYMBOLS = ["BTCUSDT", "ETHUSDT", "BNBBTC"];

Deno.test("request() correlates 300 concurrent requests of mixed methods by id", async () => {
  await using t = await setup();
  const jobs = Array.from({ length: 300 }, (_, i) => {
    const symbol = SYMBOLS[i % SYMBOLS.length];
    return i % 3 === 0
      ? tickerPrice(t.conn, { symbol }).then((r) => assert.equal(r.symbol, symbol))
      : i % 3 === 1
      ? depth(t.conn, { symbol, limit: 1 + (i % 7) }).then((r) =>
        assert.equal(r.bids.length, 1 + (i % 7))
      )
      : time(t.conn).then((r) => assert.equal(typeof r.serverTime, "number"));
  });
  await Promise.all(jobs);
  assert.equal(t.conn.pendingRequests, 0);
});

Deno.test("a timeout rejects with RequestTimeoutError and leaves the connection usable", async () => {
  await using t = await setup();
  t.fake.setResponseDelay(300);
  await assert.rejects(
    tickerPrice(t.conn, { symbol: "BTCUSDT" }, { timeoutMs: 50 }),
    (e: unknown) =>
      e instanceof RequestTimeoutError && e.timeoutMs === 50 && /ticker\.price/.test(e.message),
  );
  assert.equal(t.conn.pendingRequests, 0);
  t.fake.setResponseDelay(0);
  // The late answer to the timed-out request is reported, not mistaken for this one.
  const price = await tickerPrice(t.conn, { symbol: "ETHUSDT" }, { timeoutMs: 2000 });
  assert.equal(price.symbol, "ETHUSDT");
});

Deno.test("an aborted signal rejects with its reason and leaves the connection usable", async () => {
  await using t = await setup();
  t.fake.setResponseDelay(200);
  const controller = new AbortController();
  const pending = time(t.conn, {}, { signal: controller.signal });
  controller.abort(new Error("user gave up"));
  await assert.rejects(pending, { message: "user gave up" });
  await assert.rejects(time(t.conn, {}, { signal: AbortSignal.abort() }), { name: "AbortError" });
  t.fake.setResponseDelay(0);
  assert.ok((await time(t.conn)).serverTime > 0);
});

Deno.test("a closed socket rejects every pending request, then the connection reconnects", async () => {
  await using t = await setup();
  const reconnecting = record(t.conn, "reconnecting");
  const closes = record(t.conn, "close");
  t.fake.setResponseDelay(500);
  const pending = Array.from({ length: 20 }, () => time(t.conn).then(() => "ok", (e) => e));
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(t.conn.pendingRequests, 20);
  const reconnected = nextEvent(t.conn, "reconnected");
  t.fake.dropConnections();
  const results = await Promise.all(pending);
  for (const r of results) {
    assert.ok(r instanceof ConnectionClosedError, String(r));
    assert.match(r.message, /execution status is unknown/);
  }
  assert.equal(t.conn.pendingRequests, 0);
  await reconnected;
  assert.equal(closes[0].willReconnect, true);
  assert.ok(reconnecting.length >= 1 && reconnecting[0].attempt === 1);
  t.fake.setResponseDelay(0);
  assert.equal((await tickerPrice(t.conn, { symbol: "BNBBTC" })).symbol, "BNBBTC");
  assert.equal(t.fake.totalConnections, 2);
});

Deno.test("requests made while reconnecting wait for the new socket instead of failing", async () => {
  await using t = await setup({}, { reconnect: { initialDelayMs: 150, jitter: false } });
  const reconnecting = nextEvent(t.conn, "reconnecting");
  t.fake.dropConnections();
  await reconnecting;
  assert.equal(t.conn.state, "reconnecting");
  const price = await tickerPrice(t.conn, { symbol: "BTCUSDT" }, { timeoutMs: 3000 });
  assert.equal(price.symbol, "BTCUSDT");
  assert.equal(t.conn.state, "open");
});

Deno.test("invalid params throw ValidationError before any frame is sent", async () => {
  await using t = await setup();
  await time(t.conn);
  const before = t.fake.received.length;
  const bad: [string, () => Promise<unknown>, RegExp][] = [
    [
      "limit too big",
      () => depth(t.conn, { symbol: "BTCUSDT", limit: 5001 }),
      /"limit" must be at most 5000/,
    ],
    ["limit not integer", () => depth(t.conn, { symbol: "BTCUSDT", limit: 1.5 }), /"limit"/],
    [
      "lower-case symbol",
      () => depth(t.conn, { symbol: "btcusdt" }),
      /"symbol" must be upper case/,
    ],
    ["missing symbol", () => depth(t.conn, {} as { symbol: string }), /"symbol" is required/],
    [
      "symbol and symbols",
      () => tickerPrice(t.conn, { symbol: "BTCUSDT", symbols: ["BNBBTC"] } as { symbol: string }),
      /"symbol" and "symbols" cannot be sent together/,
    ],
    [
      "unknown param",
      () => depth(t.conn, { symbol: "BTCUSDT", limt: 5 } as { symbol: string }),
      /"limt" is not a parameter/,
    ],
    [
      "bad enum",
      () => depth(t.conn, { symbol: "BTCUSDT", symbolStatus: "OPEN" as "TRADING" }),
      /"symbolStatus" must be "TRADING", "HALT" or "BREAK"/,
    ],
  ];
  for (const [name, call, message] of bad) {
    await assert.rejects(call(), (e: unknown) => {
      assert.ok(e instanceof ValidationError, `${name}: ${e}`);
      assert.match(e.message, message, name);
      return true;
    });
  }
  assert.equal(t.fake.received.length, before, "no frame may reach the exchange");
  assert.equal((await depth(t.conn, { symbol: "BTCUSDT", limit: 5 })).asks.length, 5);
});

Deno.test("Binance errors reject with BinanceApiError carrying status, code, msg", async () => {
  await using t = await setup();
  await assert.rejects(tickerPrice(t.conn, { symbol: "NOPEUSDT" }), (e: unknown) => {
    assert.ok(e instanceof BinanceApiError);
    assert.equal(e.status, 400);
    assert.equal(e.code, -1121);
    assert.equal(e.msg, "Invalid symbol.");
    assert.equal(e.method, "ticker.price");
    return true;
  });
});

Deno.test("rateLimits are kept by type and interval", async () => {
  await using t = await setup();
  assert.equal(t.conn.rateLimits.length, 0);
  await depth(t.conn, { symbol: "BTCUSDT", limit: 500 });
  const [weight] = t.conn.rateLimits.filter((l) => l.rateLimitType === "REQUEST_WEIGHT");
  assert.equal(weight.interval, "MINUTE");
  assert.equal(weight.intervalNum, 1);
  assert.equal(weight.limit, 6000);
  assert.ok(weight.count! >= 25, `count ${weight.count}`);
});

Deno.test("a 429 gives RateLimitError with retryAfter and nothing is sent before it", async () => {
  await using t = await setup(
    { requestWeightLimit: 30, requestWeightWindowMs: 400 },
    // Without rateLimits the client cannot know the small limit, so the server's 429 decides.
    { returnRateLimits: false },
  );
  let error: unknown;
  for (let i = 0; i < 20 && !error; i++) {
    await depth(t.conn, { symbol: "BTCUSDT" }).catch((e) => (error = e));
  }
  assert.ok(error instanceof RateLimitError, String(error));
  assert.equal(error.status, 429);
  assert.equal(error.clientSide, false);
  assert.equal(typeof error.retryAfter, "number");
  const retryAfter = error.retryAfter!;
  const sentBefore = t.fake.received.length;
  // The connection waits until retryAfter, then sends.
  const price = await tickerPrice(t.conn, { symbol: "BTCUSDT" }, { timeoutMs: 3000 });
  assert.equal(price.symbol, "BTCUSDT");
  const next = t.fake.received[sentBefore];
  assert.ok(next.at >= retryAfter - 5, `sent ${retryAfter - next.at} ms before retryAfter`);
});

Deno.test("a 429 -1015 (another bot used the ORDERS limit) holds new orders only: cancels and reads go", async () => {
  await using peer = startScriptedPeer((r) => {
    if (r.method === "time") {
      return JSON.stringify({ id: r.id, status: 200, result: { serverTime: Date.now() } });
    }
    if (r.method === "order.place") {
      return JSON.stringify({
        id: r.id,
        status: 429,
        error: {
          code: -1015,
          msg: "Too many new orders; current limit is 50 orders per 10 SECOND.",
        },
      });
    }
    return JSON.stringify({ id: r.id, status: 200, result: {} });
  });
  const signer = await createSigner({ type: "HMAC", secretKey: "test-secret" });
  await using conn = await connectWsApi({
    url: peer.url,
    credentials: { apiKey: "test-api-key", signer },
    rateLimitPolicy: "refuse",
  });
  const order = {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "1",
    quantity: "1",
  } as const;
  await assert.rejects(
    orderPlace(conn, order),
    (e: unknown) => e instanceof RateLimitError && e.code === -1015 && !e.clientSide,
  );
  const cancel = await conn.request("order.cancel", { symbol: "BTCUSDT", orderId: 1 }, {
    security: "TRADE",
  });
  assert.deepEqual(cancel, {});
  assert.deepEqual(await conn.request("ping"), {});
  const sent = peer.received.length;
  await assert.rejects(
    orderPlace(conn, order),
    (e: unknown) => e instanceof RateLimitError && e.code === -1015 && e.clientSide,
  );
  assert.equal(peer.received.length, sent, "the next order was not sent");
  // A cancel-replace that asks to cancel even over the limit goes (the exchange decides).
  await orderCancelReplace(conn, {
    ...order,
    cancelReplaceMode: "STOP_ON_FAILURE",
    cancelOrderId: 1,
    orderRateLimitExceededMode: "CANCEL_ONLY",
  }).catch(() => {});
  assert.equal(peer.received.at(-1)?.method, "order.cancelReplace");
});

Deno.test("a retryAfter in microseconds (timeUnit MICROSECOND) is read as such: no wait of centuries", async () => {
  const untilUs = (Date.now() + 300) * 1000 + 123;
  let first = true;
  await using peer = startScriptedPeer((r) => {
    if (!first) return JSON.stringify({ id: r.id, status: 200, result: {} });
    first = false;
    return JSON.stringify({
      id: r.id,
      status: 429,
      error: { code: -1003, msg: "Too much request weight used", data: { retryAfter: untilUs } },
    });
  });
  await using conn = await connectWsApi({ url: peer.url, timeUnit: "MICROSECOND" });
  await assert.rejects(
    conn.request("ping"),
    (e: unknown) => e instanceof RateLimitError && e.retryAfter === Math.floor(untilUs / 1000),
  );
  assert.deepEqual(await conn.request("ping", {}, { timeoutMs: 2_000 }), {}, "sent after the wait");
});

Deno.test("with rateLimitPolicy refuse, a blocked request fails client-side and sends nothing", async () => {
  // The fake's 429 holds until its window (the clock's minute) ends: it must not end meanwhile.
  await outsideMinuteBoundary();
  await using t = await setup(
    { requestWeightLimit: 30, requestWeightWindowMs: 60_000 },
    { returnRateLimits: false, rateLimitPolicy: "refuse" },
  );
  let error: unknown;
  for (let i = 0; i < 20 && !error; i++) {
    await depth(t.conn, { symbol: "BTCUSDT" }).catch((e) => (error = e));
  }
  assert.ok(error instanceof RateLimitError && !error.clientSide);
  const sent = t.fake.received.length;
  await assert.rejects(
    time(t.conn),
    (e: unknown) => e instanceof RateLimitError && e.clientSide && e.retryAfter! > Date.now(),
  );
  assert.equal(t.fake.received.length, sent);
});

Deno.test("the client-side budget refuses before exceeding the reported REQUEST_WEIGHT limit", async () => {
  await using t = await setup(
    { requestWeightLimit: 40, requestWeightWindowMs: 60_000 },
    { rateLimitPolicy: "refuse" },
  );
  let error: unknown;
  for (let i = 0; i < 20 && !error; i++) {
    await depth(t.conn, { symbol: "BTCUSDT" }).catch((e) => (error = e));
  }
  assert.ok(error instanceof RateLimitError, String(error));
  assert.equal(error.clientSide, true, "the server must never have answered 429");
  const [weight] = t.conn.rateLimits;
  assert.ok(weight.count! <= 40);
});

Deno.test("418 gives IpBannedError; nothing is sent before the ban is lifted", async () => {
  // The violations are those of one weight window (the clock's minute): in the next, the
  // third client's request would be admitted, not banned.
  await outsideMinuteBoundary();
  await using t = await setup({
    requestWeightLimit: 20,
    requestWeightWindowMs: 60_000,
    banAfterViolations: 2,
    banDurationMs: 60_000,
  }, { returnRateLimits: false });
  // Two other clients on the same IP run into 429 first; each then backs off by itself.
  const others = await Promise.all(
    [1, 2].map(() =>
      connectWsApi({
        url: t.fake.wsApiUrl,
        returnRateLimits: false,
        reconnect: false,
        rateLimitPolicy: "refuse",
      })
    ),
  );
  try {
    for (const conn of others) {
      let error: unknown;
      for (let i = 0; i < 10 && !error; i++) {
        await depth(conn, { symbol: "BTCUSDT" }).catch((e) => (error = e));
      }
      assert.ok(error instanceof RateLimitError, String(error));
    }
  } finally {
    await Promise.all(others.map((c) => c.close()));
  }
  const banned = await depth(t.conn, { symbol: "BTCUSDT" }).catch((e) => e);
  assert.ok(banned instanceof IpBannedError, String(banned));
  assert.equal(banned.status, 418);
  assert.ok(banned.retryAfter! > Date.now() + 30_000);
  const sent = t.fake.received.length;
  await assert.rejects(
    time(t.conn),
    // Refused here until the ban's end on this client's estimate of the exchange's clock
    // (retryAfter − serverTime from when the 418 came): at or just after Binance's retryAfter.
    (e: unknown) =>
      e instanceof IpBannedError && e.retryAfter! >= banned.retryAfter! &&
      e.retryAfter! - banned.retryAfter! < 1000,
  );
  assert.equal(t.fake.received.length, sent, "nothing may be sent while banned");
});

async function continuousRequests(
  conn: WsApiConnection,
  durationMs: number,
  during: () => void | Promise<void>,
): Promise<{ ok: number; failed: unknown[] }> {
  const failed: unknown[] = [];
  let ok = 0;
  const until = Date.now() + durationMs;
  const worker = async (w: number) => {
    while (Date.now() < until) {
      try {
        const r = await tickerPrice(conn, { symbol: SYMBOLS[w % 3] });
        assert.equal(r.symbol, SYMBOLS[w % 3]);
        ok++;
      } catch (e) {
        failed.push(e);
      }
    }
  };
  const workers = Array.from({ length: 16 }, (_, w) => worker(w));
  await new Promise((r) => setTimeout(r, durationMs / 3));
  await during();
  await Promise.all(workers);
  return { ok, failed };
}

Deno.test("serverShutdown renews the connection with zero failed requests", async () => {
  await using t = await setup({ requestWeightLimit: 1_000_000 });
  const renewed = record(t.conn, "renewed");
  const { ok, failed } = await continuousRequests(t.conn, 900, () => t.fake.sendServerShutdown());
  assert.deepEqual(failed.map(String), []);
  assert.ok(ok > 100, `only ${ok} requests`);
  assert.deepEqual(renewed, [{ reason: "serverShutdown" }]);
  assert.equal(t.fake.totalConnections, 2);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(t.fake.openConnections, 1, "the old socket is closed once drained");
});

Deno.test("the lifetime cap is met by proactive renewal with zero failed requests", async () => {
  await using t = await setup(
    { connectionLifetimeMs: 500, requestWeightLimit: 1_000_000 },
    { renewAfterMs: 300 },
  );
  const renewed = record(t.conn, "renewed");
  const closes = record(t.conn, "close");
  const { ok, failed } = await continuousRequests(t.conn, 1400, () => {});
  assert.deepEqual(failed.map(String), []);
  assert.ok(ok > 100, `only ${ok} requests`);
  assert.ok(renewed.length >= 3, `${renewed.length} renewals`);
  assert.ok(renewed.every((r) => r.reason === "lifetime"));
  assert.deepEqual(closes, [], "the active socket never closed under the client");
});

Deno.test("a malformed frame gives an error event and the connection stays usable", async () => {
  await using t = await setup();
  const errors = record(t.conn, "error");
  t.fake.sendMalformedFrame("{not json");
  t.fake.sendFrame('{"hello":"world"}');
  t.fake.sendFrame('{"id":999999,"status":200,"result":{}}');
  t.fake.sendFrame("[1,2,3]");
  assert.equal((await tickerPrice(t.conn, { symbol: "BTCUSDT" })).symbol, "BTCUSDT");
  assert.equal(errors.length, 4);
  for (const { error } of errors) assert.ok(error instanceof UnexpectedMessageError);
  assert.match(errors[0].error.message, /not JSON/);
  assert.equal((errors[0].error as UnexpectedMessageError).frame, "{not json");
  assert.match(errors[2].error.message, /no pending request \(id 999999\)/);
});

Deno.test("integers above 2^53 are never silently rounded", async () => {
  await using t = await setup();
  t.fake.setResponseDelay(300);
  const raw = t.conn.request("time");
  const typed = time(t.conn).catch((e) => e);
  await new Promise((r) => setTimeout(r, 50));
  t.fake.sendFrame('{"id":1,"status":200,"result":{"serverTime":12345678901234567891}}');
  t.fake.sendFrame('{"id":2,"status":200,"result":{"serverTime":12345678901234567891}}');
  assert.deepEqual(await raw, { serverTime: 12345678901234567891n });
  const error = await typed;
  assert.ok(error instanceof UnexpectedMessageError);
  assert.match(error.message, /serverTime.*2\^53/);
  t.fake.setResponseDelay(0);
});

Deno.test("close() rejects pending requests and refuses new ones", async () => {
  await using t = await setup();
  t.fake.setResponseDelay(300);
  const pending = time(t.conn);
  await new Promise((r) => setTimeout(r, 20));
  await t.conn.close();
  await assert.rejects(pending, ConnectionClosedError);
  await assert.rejects(
    time(t.conn),
    (e: unknown) => e instanceof ConnectionClosedError && /not sent/.test(e.message),
  );
  assert.equal(t.conn.state, "closed");
});

Deno.test("close() on a dead peer (no close handshake) ends in bounded time and fails what waited", async () => {
  await using peer = startDeadPeer();
  const conn = await connectWsApi({ url: peer.url, timeoutMs: 60_000 });
  const streams = await connectStreams({ url: peer.url.replace("/ws-api/v3", "") });
  const pending = time(conn).then(() => "answered", (e: unknown) => e);
  await new Promise((r) => setTimeout(r, 20));
  const started = Date.now();
  const took = (p: Promise<void>) => p.then(() => Date.now() - started);
  // The market streams' close is bounded the same way.
  const [api, market] = await Promise.all([took(conn.close()), took(streams.close())]);
  assert.ok(api >= 2_900 && api < 4_500, `close() took ${api} ms`);
  assert.ok(market < 4_500, `the streams' close() took ${market} ms`);
  const outcome = await pending;
  assert.ok(outcome instanceof ConnectionClosedError, String(outcome));
  assert.equal(outcome.outcome, "unknown", "it was sent: its outcome is unknown");
  peer.dropAll(); // frees the client's sockets, which still wait for the close frame
});

Deno.test("close() from a close listener (a bot that stops on its first disconnect) leaves it closed", async () => {
  await using t = await setup();
  const closing: Promise<void>[] = [];
  t.conn.on("close", () => void closing.push(t.conn.close()));
  t.fake.dropConnections();
  await waitFor("the close listener", () => closing.length > 0);
  await Promise.all(closing);
  assert.equal(t.conn.state, "closed");
  await assert.rejects(
    time(t.conn, {}, { timeoutMs: 500 }),
    (e: unknown) => e instanceof ConnectionClosedError && e.outcome === "notSent",
  );
});

Deno.test("close() in the turn the reconnect's socket opens resolves, and that socket is closed", async () => {
  await using t = await setup({}, { reconnect: { initialDelayMs: 10 } });
  const original = socketMaker.make;
  let closing: Promise<void> | undefined;
  let armed = false;
  // Runs close() right after the client's own `onopen` handler of the next socket.
  socketMaker.make = (url) => {
    const ws = original(url);
    let handler: (() => void) | null = null;
    Object.defineProperty(ws, "onopen", {
      get: () => handler,
      set: (h: (() => void) | null) => {
        handler = h === null ? null : () => {
          h.call(ws);
          if (armed && closing === undefined) closing = t.conn.close();
        };
      },
    });
    return ws;
  };
  try {
    const reconnecting = nextEvent(t.conn, "reconnecting");
    t.fake.dropConnections();
    await reconnecting;
    armed = true;
    await waitFor("the next socket", () => closing !== undefined);
    await closing;
    assert.equal(t.conn.state, "closed");
    await waitFor("no socket left", () => t.fake.openConnections === 0);
  } finally {
    socketMaker.make = original;
  }
});

Deno.test("close() while a request waits out a 429 says that request was not sent", async () => {
  let first = true;
  await using peer = startScriptedPeer((r) => {
    if (!first) return JSON.stringify({ id: r.id, status: 200, result: {} });
    first = false;
    return JSON.stringify({
      id: r.id,
      status: 429,
      error: {
        code: -1003,
        msg: "Too much request weight used",
        data: { retryAfter: Date.now() + 3000 },
      },
    });
  });
  const conn = await connectWsApi({ url: peer.url });
  await conn.request("ping").catch(() => {});
  const waiting = conn.request("ping", {}, { timeoutMs: 5_000 }).catch((e: unknown) => e);
  await new Promise((r) => setTimeout(r, 50));
  await conn.close();
  const e = await waiting;
  assert.ok(e instanceof ConnectionClosedError, String(e));
  assert.deepEqual([e.method, e.outcome], ["ping", "notSent"]);
  assert.equal(peer.received.length, 1);
});

Deno.test("a rejecting async listener is an error event; a throwing error listener goes to the console", async () => {
  await using t = await setup();
  const errors: Error[] = [];
  t.conn.on("error", ({ error }) => {
    errors.push(error);
    throw new Error("the error listener failed too");
  });
  t.conn.on("reconnected", async () => {
    await Promise.resolve();
    throw new Error("listener failed");
  });
  const unhandled: unknown[] = [];
  const onUnhandled = (e: PromiseRejectionEvent) => {
    e.preventDefault();
    unhandled.push(e.reason);
  };
  const warned: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warned.push(args.join(" "));
  globalThis.addEventListener("unhandledrejection", onUnhandled);
  try {
    const reconnected = nextEvent(t.conn, "reconnected");
    t.fake.dropConnections();
    await reconnected;
    await waitFor("the error event", () => errors.length > 0);
    await time(t.conn);
  } finally {
    globalThis.removeEventListener("unhandledrejection", onUnhandled);
    console.warn = warn;
  }
  assert.deepEqual(unhandled, [], "no unhandled rejection (it would end the process)");
  assert.deepEqual(errors.map((e) => e.message), ["listener failed"]);
  assert.deepEqual(warned, [
    '@binance-ws/spot: an "error" listener threw: the error listener failed too',
  ]);
});

Deno.test("the idle watchdog finds a silent socket by a ping, drops it and reconnects; a quiet live one stays", async () => {
  await using peer = startDeadPeer();
  const conn = await connectWsApi({
    url: peer.url,
    idleTimeoutMs: 200,
    timeoutMs: 300,
    reconnect: { initialDelayMs: 20, maxDelayMs: 50 },
  });
  const errors = record(conn, "error");
  const closes = record(conn, "close");
  const reconnected = nextEvent(conn, "reconnected");
  const pending = time(conn, {}, { timeoutMs: 60_000 }).catch((e: unknown) => e);
  await reconnected;
  const dead = errors.map((e) => e.error).find((e) => e instanceof ConnectionClosedError);
  assert.ok(dead instanceof ConnectionClosedError, String(errors.map((e) => e.error)));
  assert.match(dead.message, /not even an answer to a ping/);
  assert.equal(closes[0].reason, "idle");
  assert.equal(closes[0].willReconnect, true);
  const failed = await pending;
  assert.ok(
    failed instanceof ConnectionClosedError && failed.outcome === "unknown",
    String(failed),
  );
  peer.dropAll();
  await conn.close();
  // A live but quiet connection answers the ping and stays.
  await using t = await setup({}, { idleTimeoutMs: 100 });
  const quiet = record(t.conn, "close");
  await new Promise((r) => setTimeout(r, 600));
  assert.deepEqual(quiet, []);
  assert.ok(t.fake.received.some((f) => f.text.includes('"ping"')), "it was asked");
});

Deno.test("the idle watchdog does not probe while the weight window is full: a live socket stays", async () => {
  // A 2 s REQUEST_WEIGHT window (Binance's is a minute), used up by the first answer; a ping
  // waits for the window, and sent late it would time out on a healthy socket.
  const limits = [
    { rateLimitType: "REQUEST_WEIGHT", interval: "SECOND", intervalNum: 2, limit: 10, count: 10 },
  ];
  await using peer = startScriptedPeer((r, later) => {
    const frame = JSON.stringify({
      id: r.id,
      status: 200,
      result: {},
      rateLimits: r.method === "time" ? limits : undefined,
    });
    if (r.method !== "ping") return frame;
    setTimeout(() => later(frame), 200); // a 200 ms round trip
    return undefined;
  });
  while (Date.now() % 2000 > 3) await new Promise((r) => setTimeout(r, 1));
  const conn = await connectWsApi({ url: peer.url, idleTimeoutMs: 1000, timeoutMs: 520 });
  const errors = record(conn, "error");
  const closes = record(conn, "close");
  await conn.request("time");
  await new Promise((r) => setTimeout(r, 2300));
  await conn.close();
  assert.deepEqual(errors.map((e) => e.error.message), []);
  assert.deepEqual(closes.map((c) => c.reason), ["closed by the client"]);
});

Deno.test("an async data listener that rejects is an error event; one that returns null is fine", async () => {
  await using fake = await startFakeBinance();
  await using streams = await connectStreams({ url: fake.streams.baseUrl });
  const errors: Error[] = [];
  streams.on("error", ({ error }) => void errors.push(error));
  const unhandled: unknown[] = [];
  const onUnhandled = (e: PromiseRejectionEvent) => {
    e.preventDefault();
    unhandled.push(e.reason);
  };
  globalThis.addEventListener("unhandledrejection", onUnhandled);
  try {
    const sub = await tradeStream(streams, { symbol: "BTCUSDT" });
    let seen = 0;
    sub.on("data", async () => {
      seen++;
      await Promise.resolve();
      throw new Error("listener failed");
    });
    const other = await tradeStream(streams, { symbol: "ETHUSDT" });
    other.on("data", () => null as unknown as void);
    fake.market.advance(3, ["BTCUSDT", "ETHUSDT"]);
    await waitFor("the updates", () => seen >= 1 && errors.length >= 1);
    await new Promise((r) => setTimeout(r, 50));
    await sub.unsubscribe();
    await other.unsubscribe();
  } finally {
    globalThis.removeEventListener("unhandledrejection", onUnhandled);
  }
  assert.deepEqual(unhandled, [], "no unhandled rejection (it would end the process)");
  assert.ok(
    errors.length > 0 && errors.every((e) => e.message === "listener failed"),
    String(errors),
  );
});

Deno.test("signed requests carry apiKey, a server-synced timestamp and a valid signature", async () => {
  const secretKey = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
  const apiKey = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
  await using t = await setup({}, {
    credentials: { apiKey, signer: await createSigner({ type: "HMAC", secretKey }) },
    recvWindow: 5000,
  });
  const error = await t.conn.request("account.status", { omitZeroBalances: true }, {
    security: "USER_DATA",
    weight: 20,
  }).catch((e) => e);
  assert.ok(error instanceof BinanceApiError, String(error));
  assert.ok(!error.message.includes(secretKey));
  assert.ok(!error.message.includes(apiKey));
  const frames = t.fake.received.map((f) => JSON.parse(f.text));
  assert.equal(frames[0].method, "time", "the clock is synced before the first signed request");
  const signed = frames.find((f) => f.method === "account.status");
  const { signature, ...rest } = signed.params;
  assert.equal(rest.apiKey, apiKey);
  assert.equal(rest.recvWindow, 5000);
  assert.ok(Math.abs(rest.timestamp - Date.now()) < 2000);
  // Independent check: sorted key=value, joined by &, HMAC-SHA256 hex.
  const payload = Object.keys(rest).sort().map((k) => `${k}=${rest[k]}`).join("&");
  assert.equal(signature, createHmac("sha256", secretKey).update(payload).digest("hex"));
  assert.ok(!error.message.includes(signature));

  // An explicit timestamp is sent as given.
  await t.conn.request("account.status", { timestamp: 1645423376532 }, { security: "USER_DATA" })
    .catch(() => {});
  const last = JSON.parse(t.fake.received.at(-1)!.text);
  assert.equal(last.params.timestamp, 1645423376532);
});

Deno.test("a signed request without credentials fails before sending", async () => {
  await using t = await setup();
  await assert.rejects(
    t.conn.request("account.status", {}, { security: "USER_DATA" }),
    (e: unknown) => e instanceof TypeError && /credentials/.test(e.message),
  );
  assert.equal(t.fake.received.length, 0);
});

Deno.test("connectWsApi() rejects with ConnectionOpenError when nothing listens", async () => {
  const fake = await startFakeBinance();
  const url = fake.wsApiUrl;
  await fake.close();
  await assert.rejects(connectWsApi({ url, connectTimeoutMs: 2000 }), (e: unknown) => {
    assert.ok(e instanceof ConnectionOpenError);
    assert.equal(e.url, url);
    return true;
  });
});

Deno.test("aborting the connection's signal closes it", async () => {
  await using fake = await startFakeBinance();
  const controller = new AbortController();
  const conn = await connectWsApi({ url: fake.wsApiUrl, signal: controller.signal });
  const closed = nextEvent(conn, "close", 2_000);
  controller.abort();
  // Nothing but the signal closes it: the close event comes, the server sees the socket go.
  assert.equal((await closed).willReconnect, false);
  assert.equal(conn.state, "closed");
  while (fake.openConnections > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  await assert.rejects(time(conn), ConnectionClosedError);
});

Deno.test("reconnect: false closes the connection on the first unexpected close", async () => {
  await using t = await setup({}, { reconnect: false });
  const closed = nextEvent(t.conn, "close");
  t.fake.dropConnections();
  assert.equal((await closed).willReconnect, false);
  await assert.rejects(time(t.conn), ConnectionClosedError);
});

Deno.test("error -1021 triggers a new clock measurement", async () => {
  const secretKey = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
  await using t = await setup({}, {
    credentials: {
      apiKey: "k".repeat(64),
      signer: await createSigner({ type: "HMAC", secretKey }),
    },
  });
  await t.conn.syncClock();
  t.fake.setResponseDelay(200);
  // An explicit timestamp: no retry (tests/core/auth_test.ts covers the one retry).
  const signed = t.conn.request("account.status", { timestamp: Date.now() }, {
    security: "USER_DATA",
  }).catch((e) => e);
  await new Promise((r) => setTimeout(r, 30));
  const sent = JSON.parse(t.fake.received.at(-1)!.text);
  assert.equal(sent.method, "account.status");
  t.fake.sendFrame(JSON.stringify({
    id: sent.id,
    status: 400,
    error: { code: -1021, msg: "Timestamp for this request is outside of the recvWindow." },
  }));
  const error = await signed;
  assert.ok(error instanceof BinanceApiError && error.code === -1021);
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(
    JSON.parse(t.fake.received.at(-1)!.text).method,
    "time",
    "the clock is measured again",
  );
  t.fake.setResponseDelay(0);
});

Deno.test("a 5xx answer gives ServerError saying the execution status is unknown", async () => {
  await using t = await setup();
  t.fake.setResponseDelay(200);
  const pending = time(t.conn).catch((e) => e);
  await new Promise((r) => setTimeout(r, 30));
  const { id } = JSON.parse(t.fake.received.at(-1)!.text);
  t.fake.sendFrame(JSON.stringify({
    id,
    status: 503,
    error: { code: -1007, msg: "Timeout waiting for response from backend server." },
  }));
  const error = await pending;
  assert.ok(error instanceof ServerError, String(error));
  assert.equal(error.status, 503);
  assert.match(error.message, /execution status is unknown/);
  t.fake.setResponseDelay(0);
});

Deno.test("a request that finds no open socket in time says it was not sent", async () => {
  await using t = await setup({}, { reconnect: { initialDelayMs: 5_000, jitter: false } });
  const reconnecting = nextEvent(t.conn, "reconnecting");
  t.fake.dropConnections();
  await reconnecting;
  await assert.rejects(
    time(t.conn, {}, { timeoutMs: 50 }),
    (e: unknown) => e instanceof RequestTimeoutError && /was not sent/.test(e.message),
  );
});

Deno.test("a failed first connect names the URL and what to check", async () => {
  await assert.rejects(
    connectWsApi({ url: "ws://127.0.0.1:1/ws-api/v3", connectTimeoutMs: 2000 }),
    (e: unknown) =>
      e instanceof ConnectionOpenError &&
      /^Cannot open "ws:\/\/127\.0\.0\.1:1\/ws-api\/v3": .+\. Check the URL, the network and the --allow-net permission\.$/
        .test(e.message),
  );
});

Deno.test("with no error listener, an unexpected frame is written to the console, not lost", async () => {
  await using t = await setup();
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(" "));
  try {
    t.fake.sendMalformedFrame("{oops");
    assert.equal((await time(t.conn)).serverTime > 0, true);
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(warnings, [
    "@binance-ws/spot: UnexpectedMessageError: Cannot parse a frame from the server: not JSON",
  ]);
});

Deno.test("close() emits one final close event", async () => {
  await using t = await setup();
  const closes = record(t.conn, "close");
  await t.conn.close();
  await t.conn.close();
  assert.deepEqual(closes, [{ code: 1000, reason: "closed by the client", willReconnect: false }]);
});
