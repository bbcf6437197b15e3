// Paths that once misled a user (issue "No frame can crash the client", defects 8, 10-12):
// each now fails at once, with a typed error whose message points the right way.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";

Deno.test("openOrderBook() of a symbol the exchange does not list rejects at once with -1121", async () => {
  await using fake = await startFakeBinance();
  await using streams = await spot.connectStreams({ url: fake.streams.baseUrl });
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl });
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(" "));
  const started = Date.now();
  try {
    await assert.rejects(
      spot.openOrderBook({ streams, api }, "NOSUCHPAIR", { timeoutMs: 20_000 }),
      (error) => {
        assert.ok(error instanceof spot.BinanceApiError);
        assert.equal(error.code, -1121);
        return true;
      },
    );
  } finally {
    console.warn = warn;
  }
  assert.ok(Date.now() - started < 5_000, "not retried until the timeout");
  assert.deepEqual(warnings, [], "no warning per try");
  assert.deepEqual(await streams.listSubscriptions(), [], "the stream is unsubscribed");
});

Deno.test("openOrderBook() names itself, not its streams, for a bad symbol; nothing is sent", async () => {
  await using fake = await startFakeBinance();
  await using streams = await spot.connectStreams({ url: fake.streams.baseUrl });
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl });
  const sent = fake.streams.received.length;
  await assert.rejects(spot.openOrderBook({ streams, api }, "BTC USDT"), (error) => {
    assert.ok(error instanceof spot.ValidationError);
    assert.equal(error.method, "openOrderBook");
    assert.equal(error.issues[0].param, "symbol");
    assert.doesNotMatch(error.message, /diffDepthStream/);
    return true;
  });
  await assert.rejects(spot.openOrderBook({ streams, api }, ["BTCUSDT", "a b"]), {
    name: "ValidationError",
    message: /^Cannot send "openOrderBook": "symbols\.1" /,
  });
  await assert.rejects(
    spot.openOrderBook({ streams, api }, "BTCUSDT", { snapshotLimit: 6000 }),
    { message: 'Cannot send "openOrderBook": "snapshotLimit" must be at most 5000' },
  );
  assert.equal(fake.streams.received.length, sent);
});

Deno.test("a stream function after close() says nothing was sent", async () => {
  await using fake = await startFakeBinance();
  const conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  await conn.close();
  await assert.rejects(spot.tradeStream(conn, { symbol: "BTCUSDT" }), (error) => {
    assert.ok(error instanceof spot.ConnectionClosedError);
    assert.equal(error.outcome, "notSent");
    assert.doesNotMatch(error.message, /unknown/);
    assert.match(error.message, /connectStreams\(\)/);
    return true;
  });
});

Deno.test("a request on a closed WS API connection says it was not sent", async () => {
  await using fake = await startFakeBinance();
  const conn = await spot.connectWsApi({ url: fake.wsApiUrl });
  await conn.close();
  await assert.rejects(spot.ping(conn), (error) => {
    assert.ok(error instanceof spot.ConnectionClosedError);
    assert.equal(error.outcome, "notSent");
    assert.equal(
      error.message,
      'Cannot send "ping": the connection is closed. ' +
        "The request was not sent; retry it once the connection is back.",
    );
    return true;
  });
});

Deno.test("iterating a subscription again after break throws a clear TypeError", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  const sub = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  fake.market.advance(2);
  for await (const _ of sub) break;
  await assert.rejects(
    (async () => {
      for await (const _ of sub) assert.fail("the ended subscription delivered");
    })(),
    (error) => {
      assert.ok(error instanceof TypeError);
      assert.match(
        error.message,
        /^Cannot iterate "btcusdt@trade" again: .*ended \(unsubscribed\)/,
      );
      return true;
    },
  );
});

// Options are checked like params: a ValidationError before anything is sent.
const badRequestOptions: [string, Record<string, unknown>, RegExp][] = [
  ["timeoutMs NaN", { timeoutMs: NaN }, /"timeoutMs" must be a finite number of ms/],
  ["timeoutMs -5", { timeoutMs: -5 }, /"timeoutMs" must be at least 1/],
  ["timeoutMs 0", { timeoutMs: 0 }, /"timeoutMs" must be at least 1/],
  ["timeoutMs too long for a timer", { timeoutMs: 2 ** 31 }, /"timeoutMs" must be at most/],
  [
    'returnRateLimits "yes"',
    { returnRateLimits: "yes" },
    /"returnRateLimits" must be true or false/,
  ],
  ["signal not a signal", { signal: {} }, /"signal" must be an AbortSignal/],
  ["an unknown option", { timeoutMS: 5 }, /"timeoutMS" is not an option here/],
];

Deno.test("bad request options are a ValidationError with nothing sent", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectWsApi({ url: fake.wsApiUrl });
  const sent = fake.received.length;
  for (const [what, options, message] of badRequestOptions) {
    await assert.rejects(
      spot.depth(conn, { symbol: "BTCUSDT" }, options as spot.RequestOptions),
      (error) => error instanceof spot.ValidationError && message.test(error.message),
      what,
    );
    await assert.rejects(
      conn.request("ping", {}, options as spot.RawRequestOptions),
      spot.ValidationError,
      `${what} (raw request)`,
    );
  }
  assert.equal(fake.received.length, sent, "nothing was sent");
  assert.deepEqual(await spot.ping(conn), {}, "the connection stays usable");
});

Deno.test("bad connection and subscription options are a ValidationError before opening", async () => {
  await using fake = await startFakeBinance();
  const before = fake.totalConnections;
  const wsApi: [Record<string, unknown>, RegExp][] = [
    [{ timeoutMs: NaN }, /"timeoutMs"/],
    [{ rateLimitPolicy: "ignore" }, /"rateLimitPolicy" must be "wait" or "refuse"$/],
    [{ reconnect: { factor: 0 } }, /"reconnect" "factor" must be at least 1/],
    [{ recvWindow: 60_001 }, /"recvWindow" must be a number of ms above 0 and at most 60000/],
    [{ timeUnit: "SECOND" }, /"timeUnit"/],
  ];
  for (const [options, message] of wsApi) {
    await assert.rejects(
      spot.connectWsApi({ url: fake.wsApiUrl, ...options } as spot.WsApiConnectionOptions),
      (error) => error instanceof spot.ValidationError && message.test(error.message),
    );
  }
  assert.equal(fake.totalConnections, before, "no socket was opened");
  await assert.rejects(
    spot.connectStreams({ url: fake.streams.baseUrl, maxStreamsPerConnection: 2000 }),
    { name: "ValidationError", message: /"maxStreamsPerConnection" must be at most 1024/ },
  );
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  const sent = fake.streams.received.length;
  await assert.rejects(
    spot.tradeStream(conn, { symbol: "BTCUSDT" }, { bufferSize: 0 }),
    { name: "ValidationError", message: /"bufferSize" must be at least 1/ },
  );
  await assert.rejects(
    spot.tradeStream(conn, { symbol: "BTCUSDT" }, {
      overflow: "block",
    } as unknown as spot.SubscribeOptions),
    {
      name: "ValidationError",
      message: /"overflow" must be "dropOldest", "dropNewest" or "error"$/,
    },
  );
  assert.equal(fake.streams.received.length, sent, "nothing was sent");
});
