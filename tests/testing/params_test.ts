// The fake exchange's declarative param specs (testing/_handlers/params.ts): each atom and rule
// with Binance's code and message, the order of checks, and conditional rules by value on a
// made-up order spec (the trading handlers will state order.place this way).
import assert from "node:assert/strict";
import { type Failure, failure } from "../../testing/_handlers/failure.ts";
import {
  atMostOne,
  BOOL,
  byValue,
  check,
  checkRules,
  enumOf,
  forbids,
  INT,
  LIST,
  maxItems,
  oneOf,
  type Params,
  type ParamSpec,
  range,
  readParams,
  requires,
  type Rule,
  SYMBOL,
  SYMBOLS,
  TIME_ZONE,
  when,
  WINDOW_SIZE,
} from "../../testing/_handlers/params.ts";

const LISTED = new Map([["BTCUSDT", { name: "BTCUSDT" }], ["ETHUSDT", { name: "ETHUSDT" }]]);

/** Reads and checks `raw` against `spec`: the params, or the failure as `{ code, msg }`. */
function run(
  spec: ParamSpec,
  raw: Record<string, unknown>,
): Params | Pick<Failure, "code" | "msg"> {
  try {
    const params = readParams(spec, raw, LISTED);
    checkRules(spec.rules ?? [], params);
    return params;
  } catch (e) {
    const f = e as Failure;
    assert.equal(f.status, 400);
    return { code: f.code, msg: f.msg };
  }
}

function refused(code: number, msg: string): Pick<Failure, "code" | "msg"> {
  return { code, msg };
}

Deno.test("readParams() reads each atom into its value", () => {
  const spec: ParamSpec = {
    params: {
      symbol: SYMBOL,
      symbols: SYMBOLS,
      limit: INT,
      flag: BOOL,
      timeZone: TIME_ZONE,
      windowSize: WINDOW_SIZE,
      permissions: LIST,
      kind: enumOf(["A", "B"], failure(-1139, "Invalid ticker type.")),
    },
  };
  assert.deepEqual(
    run(spec, {
      symbol: "BTCUSDT",
      symbols: '["ETHUSDT","BTCUSDT"]',
      limit: "-7",
      flag: "false",
      timeZone: "+05:30",
      windowSize: "2h",
      permissions: "SPOT",
      kind: "B",
      returnRateLimits: "anything",
    }),
    {
      symbol: { name: "BTCUSDT" },
      symbols: [{ name: "ETHUSDT" }, { name: "BTCUSDT" }],
      limit: -7,
      flag: false,
      timeZone: "+05:30",
      windowSize: 7_200_000,
      permissions: ["SPOT"],
      kind: "B",
    },
  );
});

Deno.test("readParams() refuses each atom's bad values with Binance's codes", () => {
  const spec: ParamSpec = {
    params: {
      symbol: SYMBOL,
      symbols: SYMBOLS,
      limit: INT,
      flag: BOOL,
      timeZone: TIME_ZONE,
      windowSize: WINDOW_SIZE,
      kind: enumOf(["A", "B"], failure(-1139, "Invalid ticker type.")),
    },
  };
  const cases: [Record<string, unknown>, number, string][] = [
    [{ nope: 1 }, -1103, "An unknown parameter was sent."],
    [{ toString: 1 }, -1103, "An unknown parameter was sent."],
    [
      { limit: null },
      -1102,
      "Mandatory parameter 'limit' was not sent, was empty/null, or malformed.",
    ],
    [
      { symbol: "" },
      -1102,
      "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.",
    ],
    [
      { symbol: "btcusdt" },
      -1100,
      "Illegal characters found in parameter 'symbol'; legal range is '^[A-Z0-9-_.]{1,20}$'.",
    ],
    [{ symbol: "BNBBTC" }, -1121, "Invalid symbol."],
    [
      { symbols: [] },
      -1102,
      "Mandatory parameter 'symbols' was not sent, was empty/null, or malformed.",
    ],
    [{ symbols: ["BTCUSDT", "BTCUSDT"] }, -1101, "Duplicate values for a parameter detected."],
    [
      { limit: 1.5 },
      -1100,
      "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.",
    ],
    [{ flag: "yes" }, -1130, "Data sent for parameter 'flag' is not valid."],
    [{ timeZone: "-12:30" }, -1130, "Data sent for parameter 'timeZone' is not valid."],
    [{ timeZone: "+14:01" }, -1130, "Data sent for parameter 'timeZone' is not valid."],
    [{ windowSize: "24h" }, -1130, "Data sent for parameter 'windowSize' is not valid."],
    [{ kind: "C" }, -1139, "Invalid ticker type."],
  ];
  for (const [raw, code, msg] of cases) {
    assert.deepEqual(run(spec, raw), refused(code, msg), JSON.stringify(raw));
  }
});

Deno.test("readParams() checks params in the order the request sends them, then the required ones", () => {
  const spec: ParamSpec = { params: { symbol: SYMBOL, limit: INT }, required: ["limit", "symbol"] };
  assert.deepEqual(run(spec, { limit: "x", symbol: "NOPE" }).code, -1100);
  assert.deepEqual(run(spec, { symbol: "NOPE", limit: "x" }).code, -1121);
  assert.deepEqual(run(spec, { foo: 1, symbol: "NOPE" }).code, -1103);
  assert.deepEqual(
    run(spec, {}),
    refused(-1102, "Mandatory parameter 'limit' was not sent, was empty/null, or malformed."),
  );
});

Deno.test("checkRules() states ranges, list lengths, exclusive and one-of groups", () => {
  const spec: ParamSpec = {
    params: { symbol: SYMBOL, symbols: SYMBOLS, limit: INT, fromId: INT, startTime: INT },
    rules: [
      maxItems("symbols", 1),
      atMostOne("symbol", "symbols"),
      oneOf("symbol", "symbols"),
      atMostOne("fromId", "startTime"),
      range("limit", 1, 1000),
    ],
  };
  const cases: [Record<string, unknown>, number, string][] = [
    [
      { symbols: ["BTCUSDT", "ETHUSDT"] },
      -1101,
      "Too many parameters; expected '1' and received '2'.",
    ],
    [
      { symbol: "BTCUSDT", symbols: ["ETHUSDT"] },
      -1128,
      "Combination of optional parameters invalid.",
    ],
    [{}, -1102, "Param 'symbol' or 'symbols' must be sent, but both were empty/null!"],
    [
      { symbol: "BTCUSDT", fromId: 1, startTime: 2 },
      -1128,
      "Combination of optional parameters invalid.",
    ],
    [{ symbol: "BTCUSDT", limit: 0 }, -1130, "Data sent for parameter 'limit' is not valid."],
    [{ symbol: "BTCUSDT", limit: 1001 }, -1130, "Data sent for parameter 'limit' is not valid."],
  ];
  for (const [raw, code, msg] of cases) {
    assert.deepEqual(run(spec, raw), refused(code, msg), JSON.stringify(raw));
  }
  assert.deepEqual(run(spec, { symbol: "BTCUSDT", limit: 1000, fromId: 3 }), {
    symbol: { name: "BTCUSDT" },
    limit: 1000,
    fromId: 3,
  });
});

Deno.test("checkRules() stops at the first rule broken, in the order the spec lists them", () => {
  const params = { a: 1, b: 2, limit: 0 };
  assert.equal(
    (run({
      params: { a: INT, b: INT, limit: INT },
      rules: [atMostOne("a", "b"), range("limit", 1, 9)],
    }, params) as Failure).code,
    -1128,
  );
  assert.equal(
    (run({
      params: { a: INT, b: INT, limit: INT },
      rules: [range("limit", 1, 9), atMostOne("a", "b")],
    }, params) as Failure).code,
    -1130,
  );
});

// A made-up order spec: the conditional rules of order.place, stated the way the trading
// handlers will state them (params checked by order type; values, not presence, pick the rules).
const ORDER: ParamSpec = {
  params: {
    symbol: SYMBOL,
    type: enumOf(
      ["LIMIT", "MARKET", "STOP_LOSS", "TAKE_PROFIT"],
      failure(-1116, "Invalid orderType."),
    ),
    timeInForce: enumOf(["GTC", "IOC", "FOK"], failure(-1115, "Invalid timeInForce.")),
    price: INT,
    quantity: INT,
    quoteOrderQty: INT,
    stopPrice: INT,
    trailingDelta: INT,
  },
  required: ["symbol", "type"],
  rules: [
    ...byValue("type", {
      LIMIT: [requires("timeInForce", "price", "quantity"), forbids("quoteOrderQty")],
      MARKET: [
        oneOf("quantity", "quoteOrderQty"),
        atMostOne("quantity", "quoteOrderQty"),
        forbids("timeInForce", "price"),
      ],
    }),
    when("type", ["STOP_LOSS", "TAKE_PROFIT"], [
      requires("quantity"),
      oneOf("stopPrice", "trailingDelta"),
    ]),
    when("timeInForce", ["FOK"], [
      check((p) => {
        if (p.type !== "LIMIT") throw failure(-1115, "Invalid timeInForce.");
      }),
    ]),
  ],
};

Deno.test("rules by value: each order type has its own mandatory and unwanted params", () => {
  const base = { symbol: "BTCUSDT" };
  const cases: [Record<string, unknown>, number, string][] = [
    [
      { ...base, type: "LIMIT", price: 1, quantity: 1 },
      -1102,
      "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed.",
    ],
    [
      { ...base, type: "LIMIT", timeInForce: "GTC", quantity: 1 },
      -1102,
      "Mandatory parameter 'price' was not sent, was empty/null, or malformed.",
    ],
    [
      { ...base, type: "LIMIT", timeInForce: "GTC", price: 1, quantity: 1, quoteOrderQty: 5 },
      -1106,
      "Parameter 'quoteOrderQty' sent when not required.",
    ],
    [
      { ...base, type: "MARKET" },
      -1102,
      "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!",
    ],
    [
      { ...base, type: "MARKET", quantity: 1, quoteOrderQty: 5 },
      -1128,
      "Combination of optional parameters invalid.",
    ],
    [
      { ...base, type: "MARKET", quantity: 1, timeInForce: "GTC" },
      -1106,
      "Parameter 'timeInForce' sent when not required.",
    ],
    [
      { ...base, type: "MARKET", quoteOrderQty: 5, price: 1 },
      -1106,
      "Parameter 'price' sent when not required.",
    ],
    [
      { ...base, type: "TAKE_PROFIT", quantity: 1 },
      -1102,
      "Param 'stopPrice' or 'trailingDelta' must be sent, but both were empty/null!",
    ],
    [
      { ...base, type: "STOP_LOSS", stopPrice: 9 },
      -1102,
      "Mandatory parameter 'quantity' was not sent, was empty/null, or malformed.",
    ],
    [
      { ...base, type: "MARKET", quantity: 1, timeInForce: "FOK" },
      -1106,
      "Parameter 'timeInForce' sent when not required.",
    ],
    [
      { ...base, type: "STOP_LOSS", quantity: 1, stopPrice: 9, timeInForce: "FOK" },
      -1115,
      "Invalid timeInForce.",
    ],
    [{ ...base, type: "OCO" }, -1116, "Invalid orderType."],
  ];
  for (const [raw, code, msg] of cases) {
    assert.deepEqual(run(ORDER, raw), refused(code, msg), JSON.stringify(raw));
  }
  const accepted: Record<string, unknown>[] = [
    { ...base, type: "LIMIT", timeInForce: "FOK", price: 1, quantity: 1 },
    { ...base, type: "MARKET", quantity: 1 },
    { ...base, type: "MARKET", quoteOrderQty: 5 },
    { ...base, type: "STOP_LOSS", quantity: 1, trailingDelta: 10 },
    { ...base, type: "TAKE_PROFIT", quantity: 1, stopPrice: 9, price: 3 },
  ];
  for (const raw of accepted) {
    const got = run(ORDER, raw);
    assert.ok(!("code" in got), `${JSON.stringify(raw)}: ${JSON.stringify(got)}`);
  }
});

Deno.test("when() applies its rules only for the listed values of a sent param", () => {
  const rule: Rule = when("mode", ["X", 2], [requires("extra")]);
  const spec: ParamSpec = { params: { mode: LIST, extra: INT }, rules: [rule] };
  // LIST reads into an array, which is none of the values: the rule does not apply.
  assert.deepEqual(run(spec, { mode: "X" }), { mode: ["X"] });
  assert.doesNotThrow(() => checkRules([rule], {}));
  assert.doesNotThrow(() => checkRules([rule], { mode: "Y" }));
  assert.throws(() => checkRules([rule], { mode: 2 }), { code: -1102 });
  assert.throws(() => checkRules([rule], { mode: "X" }), { code: -1102 });
  assert.doesNotThrow(() => checkRules([rule], { mode: "X", extra: 1 }));
});
