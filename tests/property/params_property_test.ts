// Property: every method's and every stream function's parameters are checked before anything
// is sent. Invalid ones (generated from the docs' rules: wrong types, ranges, enums, symbols,
// combinations, unknown names) are a ValidationError and nothing reaches the fake exchange;
// valid ones are accepted (a typed result or Binance's own error, never a ValidationError).
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { fc, rejectsValidation, runs, SEED, show } from "./_arbitraries.ts";
import { invalidParams, methodSpecs, STREAM_SPECS, validParams } from "./_specs.ts";

const NO_LIMIT = { requestWeightLimit: 1_000_000_000 };
const STREAMS = new Map(STREAM_SPECS.map((s) => [s.fn, s]));

const INVALID_METHOD_RUNS = 2000;
Deno.test(`invalid params of the 19 methods are a ValidationError, nothing sent (${INVALID_METHOD_RUNS} runs, seed ${SEED})`, async () => {
  await using fake = await startFakeBinance(NO_LIMIT);
  await using conn = await spot.connectWsApi({ url: fake.wsApiUrl });
  const specs = new Map(methodSpecs(fake.market.symbols()).map((s) => [s.method, s]));
  assert.equal(specs.size, 19);
  const cases = fc.oneof(
    ...[...specs.values()].map((s) => invalidParams(s).map((b) => ({ method: s.method, ...b }))),
  );
  await fc.assert(
    fc.asyncProperty(cases, async ({ method, why, params }) => {
      const spec = specs.get(method)!;
      const sent = fake.received.length;
      await rejectsValidation(spec.call(conn, params), spec.method, `${spec.method}: ${why}`);
      assert.equal(fake.received.length, sent, `${spec.method}: ${why}: nothing is sent`);
      assert.equal(conn.pendingRequests, 0);
    }),
    runs(INVALID_METHOD_RUNS),
  );
  assert.deepEqual(await spot.ping(conn), {}, "the connection stays usable");
});

const VALID_METHOD_RUNS = 500;
Deno.test(`valid params of the 19 methods are sent and answered (${VALID_METHOD_RUNS} runs, seed ${SEED})`, async () => {
  await using fake = await startFakeBinance(NO_LIMIT);
  await using conn = await spot.connectWsApi({ url: fake.wsApiUrl });
  const specs = new Map(methodSpecs(fake.market.symbols()).map((s) => [s.method, s]));
  const cases = fc.oneof(
    ...[...specs.values()].map((s) =>
      validParams(s).map((params) => ({ method: s.method, params }))
    ),
  );
  const outcomes = { results: 0, apiErrors: 0 };
  await fc.assert(
    fc.asyncProperty(cases, async ({ method, params }) => {
      const spec = specs.get(method)!;
      const sent = fake.received.length;
      const what = `${spec.method} ${show(params)}`;
      try {
        const result = await spec.call(conn, params);
        assert.ok(typeof result === "object" && result !== null, `${what}: a typed result`);
        outcomes.results++;
      } catch (error) {
        assert.ok(
          error instanceof spot.BinanceApiError &&
            !(error instanceof spot.RateLimitError && error.clientSide),
          `${what}: expected a result or Binance's error, got ${error}`,
        );
        outcomes.apiErrors++;
      }
      assert.equal(fake.received.length, sent + 1, `${what}: sent once`);
      const frame = JSON.parse(fake.received.at(-1)!.text);
      assert.equal(frame.method, spec.method);
      assert.deepEqual(frame.params, params, `${what}: sent as given`);
    }),
    runs(VALID_METHOD_RUNS),
  );
  // Both outcomes happen, so neither check above is vacuous.
  assert.ok(outcomes.results > VALID_METHOD_RUNS / 4, `results: ${outcomes.results}`);
  assert.ok(outcomes.apiErrors > 0, `API errors: ${outcomes.apiErrors}`);
});

const INVALID_STREAM_RUNS = 2000;
Deno.test(`invalid params of the 14 stream functions are a ValidationError, nothing sent (${INVALID_STREAM_RUNS} runs, seed ${SEED})`, async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  assert.equal(STREAM_SPECS.length, 14);
  const withParams = STREAM_SPECS.filter((s) => Object.keys(s.fields).length > 0);
  const cases = fc.oneof(
    ...withParams.map((s) => invalidParams(s).map((b) => ({ fn: s.fn, ...b }))),
  );
  await fc.assert(
    fc.asyncProperty(cases, async ({ fn, why, params }) => {
      const spec = STREAMS.get(fn)!;
      const sent = fake.streams.received.length;
      const what = `${spec.fn}: ${why}`;
      await rejectsValidation(spec.subscribe(conn, params), spec.fn, what);
      assert.throws(() => spec.name(params), spot.ValidationError, `${what} (name)`);
      assert.equal(fake.streams.received.length, sent, `${what}: nothing is sent`);
      assert.deepEqual(conn.streams, [], `${what}: nothing is subscribed`);
    }),
    runs(INVALID_STREAM_RUNS),
  );
  const sub = await spot.tradeStream(conn, { symbol: "BTCUSDT" });
  fake.market.advance(1);
  for await (const trade of sub) {
    assert.equal(trade.symbol, "BTCUSDT", "the connection stays usable");
    break;
  }
});

const STREAM_NAME_RUNS = 1000;
Deno.test(`valid params of the 14 stream functions give the documented stream name (${STREAM_NAME_RUNS} runs, seed ${SEED})`, () => {
  const cases = fc.oneof(
    ...STREAM_SPECS.map((s) => validParams(s).map((params) => ({ fn: s.fn, params }))),
  );
  fc.assert(
    fc.property(cases, ({ fn, params }) => {
      const spec = STREAMS.get(fn)!;
      assert.equal(spec.name(params), spec.expectedName(params), `${spec.fn} ${show(params)}`);
    }),
    runs(STREAM_NAME_RUNS),
  );
});

// Subscribing costs control messages (at most 4 a second), so valid params are subscribed in
// batches: each run subscribes up to 30 streams at once and unsubscribes them.
const SUBSCRIBE_RUNS = 4;
Deno.test(`valid params of the 14 stream functions subscribe (${SUBSCRIBE_RUNS} runs of up to 30, seed ${SEED})`, async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
  const one = fc.oneof(
    ...STREAM_SPECS.map((s) => validParams(s).map((params) => ({ fn: s.fn, params }))),
  );
  let tried = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(one, { minLength: 1, maxLength: 30 }), async (batch) => {
      tried += batch.length;
      const subs = await Promise.all(
        batch.map(({ fn, params }) => STREAMS.get(fn)!.subscribe(conn, params)),
      );
      for (const [i, sub] of subs.entries()) {
        assert.equal(sub.stream, STREAMS.get(batch[i].fn)!.expectedName(batch[i].params));
        assert.ok(sub.active);
      }
      assert.deepEqual(
        conn.streams.toSorted(),
        [...new Set(subs.map((s) => s.stream))].sort(),
        "each stream subscribed once",
      );
      await Promise.all(subs.map((s) => s.unsubscribe()));
      assert.deepEqual(conn.streams, []);
    }),
    runs(SUBSCRIBE_RUNS),
  );
  assert.ok(tried >= SUBSCRIBE_RUNS, `${tried} inputs`);
});
