// The compiled path runs a fastRefinement's test instead of zod's check around the refinement;
// any other refinement is still run (the probe leaves it alone), and every failure is zod's.
import assert from "node:assert/strict";
import { z } from "zod";
import { FAIL, fastParse, fastRefinement } from "../../core/_fast_schema.ts";
import { atMostOneOf, excludes, oneOfRequired, validateParams } from "../../core/_params.ts";
import { ValidationError } from "../../mod.ts";

Deno.test("a fastRefinement's test decides on the compiled path; the refinement itself does not run", () => {
  let refined = 0;
  let tested = 0;
  const schema = z.strictObject({ a: z.number().optional(), b: z.number().optional() })
    .superRefine(fastRefinement<{ a?: number; b?: number }>((v) => {
      tested++;
      return v.a === undefined || v.b === undefined;
    }, (v, ctx) => {
      refined++;
      if (v.a !== undefined && v.b !== undefined) ctx.addIssue({ code: "custom", message: "no" });
    }));
  assert.deepEqual(fastParse(schema, { a: 1 }), { a: 1 });
  assert.equal(fastParse(schema, { a: 1, b: 2 }), FAIL);
  assert.deepEqual([tested, refined], [2, 0]);
  // zod (the slow path) still runs the refinement for its issue.
  assert.equal(schema.safeParse({ a: 1, b: 2 }).success, false);
  assert.equal(refined, 1);
});

Deno.test("a plain superRefine is still run on the compiled path, probe or not", () => {
  const seen: unknown[] = [];
  const schema = z.strictObject({ a: z.number() }).superRefine((v, ctx) => {
    seen.push(v);
    if (v.a > 1) ctx.addIssue({ code: "custom", message: "too big" });
  });
  assert.deepEqual(fastParse(schema, { a: 1 }), { a: 1 });
  assert.equal(fastParse(schema, { a: 2 }), FAIL);
  assert.deepEqual(seen.slice(-2), [{ a: 1 }, { a: 2 }]);
  const throwing = z.strictObject({ a: z.number() }).superRefine((v, ctx) => {
    if (Object.keys(v).length !== 1) throw new Error("probed");
    if (v.a > 1) ctx.addIssue({ code: "custom", message: "too big" });
  });
  assert.deepEqual(fastParse(throwing, { a: 1 }), { a: 1 });
  assert.equal(fastParse(throwing, { a: 2 }), FAIL);
});

Deno.test("atMostOneOf, oneOfRequired, excludes: same verdict fast and slow, zod's messages", () => {
  const schema = z.strictObject({
    a: z.string().optional(),
    b: z.string().optional(),
    c: z.string().optional(),
  }).superRefine(atMostOneOf("a", "b")).superRefine(oneOfRequired("a", "b", "c"))
    .superRefine(excludes("c", "a"));
  const cases: [Record<string, string>, string | undefined][] = [
    [{ a: "x" }, undefined],
    [{ b: "x", c: "y" }, undefined],
    [{ a: "x", b: "y" }, '"a" and "b" cannot be sent together'],
    [{}, 'one of "a" or "b" or "c" is required'],
    [{ a: "x", c: "y" }, '"c" cannot be sent with "a"'],
  ];
  for (const [value, message] of cases) {
    const fast = fastParse(schema, value);
    assert.equal(fast === FAIL, message !== undefined, JSON.stringify(value));
    assert.equal(schema.safeParse(value).success, message === undefined, JSON.stringify(value));
    if (message === undefined) {
      assert.deepEqual(validateParams("m", schema, value), value);
      continue;
    }
    assert.throws(() => validateParams("m", schema, value), (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.ok(e.message.includes(message), e.message);
      return true;
    });
  }
});

Deno.test("eitherRequired and singleOrderRule are fast refinements with zod's verdicts and messages", async () => {
  const { eitherRequired } = await import("../../methods/_order_params.ts");
  const { orderListPlace, orderPlace } = await import("../../mod.ts");
  const schema = z.strictObject({ a: z.string().optional(), b: z.string().optional() })
    .superRefine(eitherRequired("a", "b"));
  assert.deepEqual(fastParse(schema, { b: "x" }), { b: "x" });
  assert.equal(fastParse(schema, {}), FAIL);
  assert.throws(() => validateParams("m", schema, {}), /"a".*or "b" is required/);
  // Validation comes before anything touches the connection.
  const conn = {} as never;
  const order = { symbol: "BTCUSDT", side: "SELL", type: "LIMIT", quantity: "1" } as const;
  await assert.rejects(orderPlace(conn, { ...order, timeInForce: "GTC" }), /"price"/);
  await assert.rejects(orderPlace(conn, { ...order, price: "1" }), /"timeInForce"/);
  // A rule calling eitherRequired's check inside its own refinement still runs its other
  // checks on the compiled path (the probe of a fast refinement must not answer for it).
  const oco = {
    symbol: "BTCUSDT",
    side: "SELL",
    price: "2",
    quantity: "1",
    stopPrice: "1",
    stopLimitPrice: "0.9",
    stopLimitTimeInForce: "FOK",
    stopIcebergQty: "0.1",
  } as const;
  await assert.rejects(orderListPlace(conn, oco), (e) => {
    assert.ok(e instanceof ValidationError);
    assert.match(e.message, /stopIcebergQty/);
    return true;
  });
  const { stopPrice: _, ...noStop } = oco;
  await assert.rejects(orderListPlace(conn, noStop), /"stopPrice".*or "trailingDelta" is required/);
});
