// The validation atoms: request params (core/_params.ts), result models (core/_model.ts) and
// pushed-event readers (core/_check.ts); and the exact messages of ValidationError.
import assert from "node:assert/strict";
import { z } from "zod";
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import {
  decimalString,
  int,
  streamSymbol,
  symbol,
  symbolList,
  timestamp,
  validateParams,
} from "../../core/_params.ts";
import { decimal, long } from "../../core/_model.ts";
import { int as readInt } from "../../core/_check.ts";

/** The message of the ValidationError that `fn` throws. */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof spot.ValidationError, String(e));
    return e.message;
  }
  assert.fail("no ValidationError");
}

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof spot.ValidationError, String(e));
    return e.message;
  }
  assert.fail("no ValidationError");
}

Deno.test("int means one thing: a safe integer, in params, result models and pushed events", () => {
  const cases: [unknown, boolean][] = [
    [0, true],
    [-1, true],
    [Number.MAX_SAFE_INTEGER, true],
    [-Number.MAX_SAFE_INTEGER, true],
    [2 ** 53, false],
    [-(2 ** 53), false],
    [1.5, false],
    [NaN, false],
    [Infinity, false],
    ["1", false],
    [1n, false],
  ];
  const param = int(-Number.MAX_SAFE_INTEGER);
  for (const [value, ok] of cases) {
    const label = `${typeof value} ${String(value)}`;
    assert.equal(param.safeParse(value).success, ok, `_params.int: ${label}`);
    assert.equal(long.safeParse(value).success, ok, `_model.long: ${label}`);
    let read = true;
    try {
      readInt({ n: value }, "n", "Test");
    } catch {
      read = false;
    }
    assert.equal(read, ok, `_check.int: ${label}`);
  }
  assert.equal(timestamp.safeParse(-1).success, false, "a timestamp is not negative");
});

Deno.test("a decimal string param: digits with an optional fraction, never a number", () => {
  for (const ok of ["0", "0.01000000", "52000.00", "123456789012345678901234567890.1"]) {
    assert.ok(decimalString.safeParse(ok).success, ok);
  }
  for (const bad of ["", "-1", "+1", "1e5", ".5", "1.", "1,5", " 1", "0x10", "１"]) {
    assert.equal(decimalString.safeParse(bad).success, false, JSON.stringify(bad));
  }
  assert.equal(decimalString.safeParse(0.1).success, false, "a float is refused");
  assert.ok(decimal.safeParse("-94.99999800").success, "a result decimal may be negative");
});

Deno.test("the symbol rule: letters and digits of any script, counted in code points", () => {
  const astral = "\u{1D400}"; // MATHEMATICAL BOLD CAPITAL A, one code point, two UTF-16 units
  for (
    const ok of [
      "BTCUSDT",
      "１２３４５６",
      "币安",
      "БТКУСДТ",
      "BTC_USDT",
      "BTC.B",
      "BTC-1",
      astral.repeat(20),
    ]
  ) {
    assert.ok(symbol.safeParse(ok).success, `WS API: ${ok}`);
    assert.ok(streamSymbol.safeParse(ok).success, `streams: ${ok}`);
  }
  for (const lower of ["btcusdt", "бткусдт", "ǅ"]) {
    assert.equal(symbol.safeParse(lower).success, false, `WS API, not upper case: ${lower}`);
    assert.ok(streamSymbol.safeParse(lower).success, `streams, either case: ${lower}`);
  }
  for (
    const bad of [
      "",
      "X".repeat(21),
      astral.repeat(21),
      "BTC USDT",
      "BTC\tUSDT",
      "BTC/USDT",
      "₿TC",
      "BTC\u0301",
    ]
  ) {
    assert.equal(symbol.safeParse(bad).success, false, `WS API: ${JSON.stringify(bad)}`);
    assert.equal(streamSymbol.safeParse(bad).success, false, `streams: ${JSON.stringify(bad)}`);
  }
  assert.equal(symbolList(5).safeParse(["BTCUSDT", "btcusdt"]).success, false);
});

Deno.test("symbol messages name the character that is not allowed", () => {
  const schema = z.strictObject({ symbol });
  const check = (s: string) => messageOf(() => validateParams("depth", schema, { symbol: s }));
  const chars = '(and "_", ".", "-"), such as "BTCUSDT"';
  assert.equal(
    check("BTC\u00A0USDT"),
    `Cannot send "depth": "symbol" cannot contain U+00A0: a symbol is letters and digits ${chars}`,
  );
  assert.equal(
    check("BTC\uD800"),
    `Cannot send "depth": "symbol" cannot contain U+D800: a symbol is letters and digits ${chars}`,
  );
  assert.equal(
    check("X".repeat(21)),
    'Cannot send "depth": "symbol" must be 1 to 20 characters long, such as "BTCUSDT"',
  );
  assert.equal(
    check(""),
    'Cannot send "depth": "symbol" must be 1 to 20 characters long, such as "BTCUSDT"',
  );
  assert.equal(
    check("ethBtc"),
    'Cannot send "depth": "symbol" must be upper case, such as "BTCUSDT"',
  );
});

Deno.test("a literal union names its values: partialDepthStream levels 15", () => {
  assert.equal(
    messageOf(() => spot.partialDepthStreamName({ symbol: "BTCUSDT", levels: 15 as 5 })),
    'Cannot send "partialDepthStream": "levels" must be 5, 10 or 20',
  );
  assert.equal(
    messageOf(() =>
      spot.partialDepthStreamName({ symbol: "BTCUSDT", levels: "5" as unknown as 5 })
    ),
    'Cannot send "partialDepthStream": "levels" must be 5, 10 or 20',
  );
});

Deno.test("a missing value is required, whatever its schema (string, enum, union)", async () => {
  assert.equal(
    messageOf(() => spot.klineStreamName({ symbol: "BTCUSDT" } as spot.KlineStreamParams)),
    'Cannot send "klineStream": "interval" is required',
  );
  assert.equal(
    messageOf(() =>
      spot.partialDepthStreamName({ symbol: "BTCUSDT" } as spot.PartialDepthStreamParams)
    ),
    'Cannot send "partialDepthStream": "levels" is required',
  );
  assert.equal(
    messageOf(() =>
      spot.tradeStreamName({ symbol: undefined } as unknown as spot.TradeStreamParams)
    ),
    'Cannot send "tradeStream": "symbol" is required',
  );
  await using fake = await startFakeBinance();
  await using conn = await spot.connectWsApi({ url: fake.wsApiUrl });
  assert.equal(
    await rejection(spot.klines(conn, { symbol: "BTCUSDT" } as spot.KlinesParams)),
    'Cannot send "klines": "interval" is required',
  );
  assert.equal(
    await rejection(spot.uiKlines(conn, {} as spot.KlinesParams)),
    'Cannot send "uiKlines": "symbol" is required; "interval" is required',
  );
  assert.equal(fake.received.length, 0, "nothing was sent");
});

Deno.test("enum, type, range and length messages", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectWsApi({ url: fake.wsApiUrl });
  const cases: [string, () => Promise<unknown>, string][] = [
    [
      "enum",
      () => spot.ticker24hr(conn, { symbol: "BTCUSDT", type: "SMALL" as "MINI" }),
      'Cannot send "ticker.24hr": "type" must be "FULL" or "MINI"',
    ],
    [
      "a union of types",
      () => spot.exchangeInfo(conn, { permissions: 5 as unknown as string }),
      'Cannot send "exchangeInfo": "permissions" must be a string or an array',
    ],
    [
      "the branch of a union the value was meant for",
      () => spot.exchangeInfo(conn, { permissions: ["SPOT", 5 as unknown as string] }),
      'Cannot send "exchangeInfo": "permissions.1" must be a string',
    ],
    [
      "an empty list without its own message",
      () => spot.exchangeInfo(conn, { permissions: [] }),
      'Cannot send "exchangeInfo": "permissions" must hold at least 1 item',
    ],
    [
      "an empty string",
      () => spot.exchangeInfo(conn, { permissions: "" }),
      'Cannot send "exchangeInfo": "permissions" must be at least 1 character long',
    ],
    [
      "a list with its own message",
      () => spot.tickerPrice(conn, { symbols: [] }),
      'Cannot send "ticker.price": "symbols" must name at least one symbol',
    ],
    [
      "an integer above 2^53 with a range: the range alone",
      () => spot.depth(conn, { symbol: "BTCUSDT", limit: 2 ** 60 }),
      'Cannot send "depth": "limit" must be at most 5000',
    ],
    [
      "a fraction",
      () => spot.depth(conn, { symbol: "BTCUSDT", limit: 1.5 }),
      'Cannot send "depth": "limit" must be an integer',
    ],
  ];
  for (const [what, call, message] of cases) assert.equal(await rejection(call()), message, what);
  assert.equal(fake.received.length, 0, "nothing was sent");
});
