// The compiled fast path of params and models (`core/_fast_schema.ts`) returns exactly what
// zod returns for every valid value, and leaves every invalid one to zod (so errors stay zod's).
import assert from "node:assert/strict";
import fc from "fast-check";
import { z } from "zod";
import { FAIL, fastParse, fastParser } from "../../core/_fast_schema.ts";
import {
  atMostOneOf,
  clientOrderId,
  decimalString,
  int,
  recvWindow,
  symbol,
  symbolList,
  symbolStatus,
  validateParams,
} from "../../core/_params.ts";
import { decimal, long, priceLevel } from "../../core/_model.ts";
import { orderPlaceObject, singleOrderRule, sorOrderObject } from "../../methods/_order_params.ts";
import { connectWsApi, tickerPrice, UnexpectedMessageError, ValidationError } from "../../mod.ts";
import { startScriptedPeer, weightLimits } from "../_helpers.ts";

const params = z.strictObject({
  symbol: symbol.optional(),
  symbols: symbolList(3).optional(),
  symbolStatus: symbolStatus.optional(),
  limit: int(1, 5000).optional(),
  price: decimalString.optional(),
  flag: z.boolean().optional(),
  count: z.number().optional(),
  name: z.string().optional(),
  clientId: clientOrderId.optional(),
  at: int(10, 20).optional(),
}).superRefine(atMostOneOf("symbol", "symbols"));

const model = z.object({
  symbol: z.string(),
  open: z.boolean().optional(),
  qty: z.number().optional(),
  price: decimal,
  id: long,
  bids: z.array(priceLevel),
  note: z.string().nullable(),
  extra: z.literal("X").optional(),
});

const SCHEMAS = { params, model };

/** Both paths on one value: the fast one is FAIL exactly when zod fails, else equal, same key order. */
function agree(schema: z.ZodType, value: unknown): void {
  const fast = fastParse(schema, value);
  const zod = schema.safeParse(value);
  assert.equal(fast !== FAIL, zod.success, `fast ${String(fast)} / zod ${zod.success}`);
  if (zod.success) {
    assert.deepEqual(fast, zod.data);
    assert.deepEqual(Object.keys(fast as object), Object.keys(zod.data as object));
  }
}

const symbolArb = fc.oneof(
  fc.constantFrom("BTCUSDT", "BNBBTC", "btcusdt", "", "A".repeat(21), "１２３４５６", "BTC USDT"),
  fc.string({ maxLength: 22 }),
);
/** Any kind of value a JSON field (or a caller) may hold. */
const anyKindArb = fc.oneof(
  fc.string({ maxLength: 3 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.object({ maxDepth: 1 }),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const decimalArb = fc.oneof(
  fc.constantFrom("0.01000000", "1", "-1.5", "1e5", ".5", "1."),
  fc.string({ maxLength: 6 }),
);
const paramsArb = fc.record({
  symbol: symbolArb,
  symbols: fc.array(symbolArb, { maxLength: 4 }),
  symbolStatus: fc.constantFrom("TRADING", "HALT", "BREAK", "OPEN"),
  limit: fc.oneof(fc.integer({ min: -2, max: 6000 }), fc.double(), fc.constant(Infinity)),
  price: decimalArb,
  flag: fc.oneof(fc.boolean(), fc.constant("true")),
  count: fc.oneof(fc.integer(), fc.double(), anyKindArb),
  name: anyKindArb,
  clientId: fc.oneof(fc.constantFrom("", "x", "bws-1"), anyKindArb),
  at: fc.oneof(fc.integer({ min: 8, max: 22 }), fc.constant(15.5), anyKindArb),
  unknown: fc.constant(1),
  undef: fc.constant(undefined),
}, { requiredKeys: [] });
const modelArb = fc.record({
  symbol: fc.oneof(fc.string({ maxLength: 4 }), anyKindArb),
  open: anyKindArb,
  qty: fc.oneof(fc.double(), anyKindArb),
  price: decimalArb,
  id: fc.oneof(
    fc.integer(),
    fc.constant(2 ** 53),
    fc.constant(9007199254740993n),
    fc.double(),
    anyKindArb,
  ),
  bids: fc.array(fc.oneof(fc.tuple(decimalArb, decimalArb), fc.array(decimalArb)), {
    maxLength: 3,
  }),
  note: fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null), fc.constant(undefined)),
  extra: fc.constantFrom("X", "Y", undefined),
  more: fc.anything(),
}, { requiredKeys: [] });

Deno.test("fast path: params agree with zod on generated values (seed 42)", () => {
  fc.assert(fc.property(paramsArb, (v) => agree(params, v)), { numRuns: 3000, seed: 42 });
  fc.assert(fc.property(fc.anything(), (v) => agree(params, v)), { numRuns: 500, seed: 42 });
});

Deno.test("fast path: models agree with zod on generated values (seed 42)", () => {
  fc.assert(fc.property(modelArb, (v) => agree(model, v)), { numRuns: 3000, seed: 42 });
  fc.assert(fc.property(fc.anything(), (v) => agree(model, v)), { numRuns: 500, seed: 42 });
});

Deno.test("fast path: each kind of field agrees with zod on any kind of value (seed 42)", () => {
  // One field at a time, required and optional: the tests the generated code writes inline
  // (typeof, an atom's test) must accept exactly what zod accepts, and keep the value.
  const atoms: [string, z.ZodType, fc.Arbitrary<unknown>][] = [
    ["string", z.string(), fc.string({ maxLength: 3 })],
    ["number", z.number(), fc.oneof(fc.double(), fc.constantFrom(Infinity, -Infinity, NaN))],
    ["boolean", z.boolean(), fc.boolean()],
    ["symbol", symbol, symbolArb],
    ["decimalString", decimalString, decimalArb],
    ["decimal", decimal, decimalArb],
    ["long", long, fc.oneof(fc.integer(), fc.constantFrom(2 ** 53, -(2 ** 53), 1.5))],
    ["int(10, 20)", int(10, 20), fc.oneof(fc.integer({ min: 8, max: 22 }), fc.constant(15.5))],
    ["clientOrderId", clientOrderId, fc.constantFrom("", "x", "bws-1")],
    ["symbolStatus", symbolStatus, fc.constantFrom("TRADING", "OPEN")],
  ];
  for (const [name, atom, own] of atoms) {
    const values = fc.oneof(own, anyKindArb);
    for (const schema of [z.strictObject({ f: atom }), z.object({ f: atom.optional() })]) {
      assert.ok(fastParser(schema), `${name} compiles`);
      fc.assert(fc.property(values, (f) => agree(schema, { f })), { numRuns: 300, seed: 42 });
      agree(schema, {});
    }
  }
});

Deno.test("fast path: the cases zod treats specially", () => {
  for (
    const [name, value] of [
      ["unknown key of a strict object", { symbol: "BTCUSDT", nope: 1 }],
      ["both of an exclusive pair", { symbol: "BTCUSDT", symbols: ["BNBBTC"] }],
      ["an optional key present as undefined", { symbol: undefined, limit: 5 }],
      ["an empty list", { symbols: [] }],
      ["a repeated symbol", { symbols: ["BNBBTC", "BNBBTC"] }],
      ["an array", []],
      ["null", null],
      ["an own __proto__ key", JSON.parse('{"__proto__":{"x":1}}')],
    ] as const
  ) {
    assert.doesNotThrow(() => agree(params, value), name);
  }
  // Extra keys of a (non-strict) model are stripped, absent optional ones stay absent.
  const raw = { symbol: "X", price: "1.5", id: 7, bids: [["1", "2"]], note: null, more: 1 };
  assert.deepEqual(fastParse(model, raw), {
    symbol: "X",
    price: "1.5",
    id: 7,
    bids: [["1", "2"]],
    note: null,
  });
  agree(model, raw);
  // Each SCHEMA compiles: the fast path is in use, not silently off.
  for (const [name, schema] of Object.entries(SCHEMAS)) assert.ok(fastParser(schema), name);
});

Deno.test("fast path: kinds it does not handle are left to zod", () => {
  for (
    const schema of [
      z.union([z.string(), z.number()]),
      z.string().transform((s) => s.length),
      z.looseObject({ a: z.string() }),
      z.object({ a: z.string().default("x") }),
      z.email(),
      z.coerce.number(),
    ]
  ) {
    assert.equal(fastParser(schema), undefined);
    assert.equal(fastParse(schema, "a"), FAIL);
  }
});

Deno.test("fast path: invalid params still give zod's ValidationError messages", () => {
  let error: unknown;
  try {
    validateParams("ticker.price", params, { symbol: "btcusdt", limit: 0, x: 1 });
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof ValidationError);
  assert.match(error.message, /"symbol" must be upper case/);
  assert.match(error.message, /"limit" must be at least 1/);
  assert.match(error.message, /"x" is not a parameter of this method/);
  assert.deepEqual(validateParams("ticker.price", params, { symbol: "BTCUSDT" }), {
    symbol: "BTCUSDT",
  });
});

Deno.test("a result that does not fit its model rejects the call, parsed when it arrives", async () => {
  await using peer = startScriptedPeer((r) =>
    JSON.stringify({
      id: r.id,
      status: 200,
      result: { symbol: "BTCUSDT", price: 67012.34 },
      rateLimits: weightLimits(2),
    })
  );
  await using conn = await connectWsApi({ url: peer.url });
  await assert.rejects(
    () => tickerPrice(conn, { symbol: "BTCUSDT" }),
    (e) => e instanceof UnexpectedMessageError && /"price" does not match/.test(e.message),
  );
  assert.equal(conn.pendingRequests, 0);
});

Deno.test("fast path: the order schemas compile (recvWindow included) and agree with zod", () => {
  const order = orderPlaceObject.superRefine(singleOrderRule);
  assert.ok(fastParser(recvWindow), "recvWindow");
  assert.ok(fastParser(order), "order.place");
  assert.ok(fastParser(sorOrderObject), "sor.order.place");
  const recvWindowArb = fc.oneof(
    fc.constantFrom(5000, 60_000, 60_001, 0, -1, 6000.346, 6000.3461, "6000.346", "1e3", "", NaN),
    fc.double(),
    fc.string({ maxLength: 6 }),
  );
  const orderArb = fc.record({
    symbol: fc.constantFrom("BTCUSDT", "btcusdt"),
    side: fc.constantFrom("BUY", "SELL", "buy"),
    type: fc.constantFrom("LIMIT", "MARKET", "STOP_LOSS", "LIMIT_MAKER", "OCO"),
    timeInForce: fc.constantFrom("GTC", "IOC", "DAY"),
    price: decimalArb,
    quantity: decimalArb,
    quoteOrderQty: decimalArb,
    stopPrice: decimalArb,
    newClientOrderId: fc.constantFrom("a", ""),
    recvWindow: recvWindowArb,
    timestamp: fc.oneof(fc.constant(1_700_000_000_000), fc.double()),
    unknown: fc.constant(1),
  }, { requiredKeys: ["symbol", "side", "type"] });
  fc.assert(fc.property(recvWindowArb, (v) => agree(recvWindow, v)), { numRuns: 1000, seed: 42 });
  fc.assert(fc.property(orderArb, (v) => agree(order, v)), { numRuns: 3000, seed: 42 });
  // The documented LIMIT order takes the compiled path.
  const limit = {
    symbol: "BTCUSDT",
    side: "SELL",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "23416.10000000",
    quantity: "0.00847000",
    recvWindow: 5000,
  };
  assert.deepEqual(fastParse(order, limit), limit);
});
