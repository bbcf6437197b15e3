// Property (issue 7, defect 6): symbols take letters and digits of any script, nothing else.
// Binance allows non-ASCII symbols (CHANGELOG 2025-12, e.g. "１２３４５６"); control, invisible
// and other non-letter characters (C1 controls, no-break and zero-width spaces, the BOM, lone
// surrogates, punctuation, emoji) are a ValidationError with nothing sent, for the WS API
// (`symbol` and `symbols`) and for every stream function.
//
// The symbol check is being fixed on another branch: until that branch is merged these tests
// fail on the first bad character, so they are ignored here. After merging, set
// SYMBOL_FIX_MERGED to true (and then delete it).
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import {
  fc,
  rejectsValidation,
  runs,
  SEED,
  show,
  streamSymbol,
  unicodeSymbol,
  withBadUnicode,
  wsSymbol,
} from "./_arbitraries.ts";
import { methodSpecs, STREAM_SPECS } from "./_specs.ts";

const SYMBOL_FIX_MERGED = true;

/** Methods with a `symbol` parameter (and `symbols`, for some), by name. */
function symbolMethods(listed: string[]) {
  return new Map(methodSpecs(listed).filter((s) => "symbol" in s.fields).map((s) => [s.method, s]));
}

const STREAMS = new Map(STREAM_SPECS.filter((s) => "symbol" in s.fields).map((s) => [s.fn, s]));

/** The smallest valid params of a method around `symbol` / `symbols`. */
function paramsWith(method: string, key: "symbol" | "symbols", value: unknown) {
  const p: Record<string, unknown> = { [key]: value };
  if (method === "klines" || method === "uiKlines") p.interval = "1m";
  if (method === "blockTrades.historical") p.fromId = 0;
  return p;
}

/** The smallest valid params of a stream function around `symbol`. */
function streamParams(fn: string, symbol: string) {
  return {
    symbol,
    ...(fn === "klineStream" ? { interval: "1m" } : {}),
    ...(fn === "partialDepthStream" ? { levels: 5 } : {}),
    ...(fn === "rollingWindowTickerStream" ? { windowSize: "1h" } : {}),
  };
}

const WS_RUNS = 300;
Deno.test({
  name:
    `symbols with control or invisible characters are refused by the WS API methods (${WS_RUNS} runs, seed ${SEED})`,
  ignore: !SYMBOL_FIX_MERGED,
  async fn() {
    await using fake = await startFakeBinance({ requestWeightLimit: 1_000_000_000 });
    await using conn = await spot.connectWsApi({ url: fake.wsApiUrl });
    const specs = symbolMethods(fake.market.symbols());
    const bad = withBadUnicode(fc.oneof(wsSymbol, unicodeSymbol(wsSymbol)));
    const cases = fc.record({
      method: fc.constantFrom(...specs.keys()),
      list: fc.boolean(),
      symbol: bad,
    }).map(({ method, list, symbol }) => ({
      method,
      params: list && "symbols" in specs.get(method)!.fields
        ? paramsWith(method, "symbols", ["BTCUSDT", symbol])
        : paramsWith(method, "symbol", symbol),
    }));
    await fc.assert(
      fc.asyncProperty(cases, async ({ method, params }) => {
        const spec = specs.get(method)!;
        const sent = fake.received.length;
        const what = `${spec.method} ${show(params)}`;
        await rejectsValidation(spec.call(conn, params), spec.method, what);
        assert.equal(fake.received.length, sent, `${what}: nothing is sent`);
      }),
      runs(WS_RUNS),
    );
    assert.deepEqual(await spot.ping(conn), {});
  },
});

Deno.test({
  name:
    `symbols of letters and digits of any script are sent by the WS API methods (${WS_RUNS} runs, seed ${SEED})`,
  ignore: !SYMBOL_FIX_MERGED,
  async fn() {
    await using fake = await startFakeBinance({ requestWeightLimit: 1_000_000_000 });
    await using conn = await spot.connectWsApi({ url: fake.wsApiUrl });
    const specs = symbolMethods(fake.market.symbols());
    const cases = fc.record({
      method: fc.constantFrom(...specs.keys()),
      list: fc.boolean(),
      symbol: unicodeSymbol(wsSymbol),
    }).map(({ method, list, symbol }) => ({
      method,
      params: list && "symbols" in specs.get(method)!.fields
        ? paramsWith(method, "symbols", [symbol])
        : paramsWith(method, "symbol", symbol),
    }));
    await fc.assert(
      fc.asyncProperty(cases, async ({ method, params }) => {
        const spec = specs.get(method)!;
        const sent = fake.received.length;
        const what = `${spec.method} ${show(params)}`;
        // The fake lists none of these symbols: Binance's -1121 is the expected answer.
        await spec.call(conn, params).catch((error) => {
          assert.ok(error instanceof spot.BinanceApiError, `${what}: ${error}`);
        });
        assert.equal(fake.received.length, sent + 1, `${what}: sent`);
      }),
      runs(WS_RUNS),
    );
  },
});

const STREAM_RUNS = 300;
Deno.test({
  name:
    `symbols with control or invisible characters are refused by the stream functions (${STREAM_RUNS} runs, seed ${SEED})`,
  ignore: !SYMBOL_FIX_MERGED,
  async fn() {
    await using fake = await startFakeBinance();
    await using conn = await spot.connectStreams({ url: fake.streams.baseUrl });
    const cases = fc.record({
      fn: fc.constantFrom(...STREAMS.keys()),
      symbol: withBadUnicode(fc.oneof(streamSymbol, unicodeSymbol(streamSymbol))),
    }).map(({ fn, symbol }) => ({ fn, params: streamParams(fn, symbol) }));
    await fc.assert(
      fc.asyncProperty(cases, async ({ fn, params }) => {
        const spec = STREAMS.get(fn)!;
        const sent = fake.streams.received.length;
        const what = `${spec.fn} ${show(params)}`;
        await rejectsValidation(spec.subscribe(conn, params), spec.fn, what);
        assert.throws(() => spec.name(params), spot.ValidationError, what);
        assert.equal(fake.streams.received.length, sent, `${what}: nothing is sent`);
      }),
      runs(STREAM_RUNS),
    );
  },
});

Deno.test({
  name:
    `symbols of letters and digits of any script name streams (${STREAM_RUNS} runs, seed ${SEED})`,
  ignore: !SYMBOL_FIX_MERGED,
  fn() {
    const cases = fc.record({
      fn: fc.constantFrom(...STREAMS.keys()),
      symbol: unicodeSymbol(streamSymbol),
    }).map(({ fn, symbol }) => ({ fn, params: streamParams(fn, symbol) }));
    fc.assert(
      fc.property(cases, ({ fn, params }) => {
        const spec = STREAMS.get(fn)!;
        assert.equal(spec.name(params), spec.expectedName(params), `${spec.fn} ${show(params)}`);
      }),
      runs(STREAM_RUNS),
    );
  },
});
