import assert from "node:assert/strict";
import fc from "fast-check";
import { hasLongDigitRun, parseJson, stringifyJson } from "../../core/_json.ts";

Deno.test("parseJson() keeps integers above 2^53 exact as bigint", () => {
  assert.deepEqual(parseJson('{"id":9007199254740993,"n":[-12345678901234567890]}'), {
    id: 9007199254740993n,
    n: [-12345678901234567890n],
  });
});

Deno.test("parseJson() leaves safe integers, decimals and long digit strings alone", () => {
  assert.deepEqual(
    parseJson(
      '{"id":9007199254740991,"p":"0.00000000000000001234","t":1656400526260123,"f":1e300}',
    ),
    { id: 9007199254740991, p: "0.00000000000000001234", t: 1656400526260123, f: 1e300 },
  );
});

Deno.test("parseJson() throws SyntaxError on malformed text", () => {
  assert.throws(() => parseJson("{not json"), SyntaxError);
});

Deno.test("stringifyJson() writes bigint as exact digits", () => {
  assert.equal(
    stringifyJson({ fromId: 12345678901234567890n, a: 1 }),
    '{"fromId":12345678901234567890,"a":1}',
  );
  assert.equal(stringifyJson({ a: "x" }), '{"a":"x"}');
});

Deno.test("hasLongDigitRun() agrees with /[:,[\\s]-?\\d{16}/ at every offset and length", () => {
  for (let prefix = 0; prefix < 40; prefix++) {
    for (let run = 10; run < 40; run++) {
      for (const before of [":", ",", "[", " ", ":-", '"', "a", ".", "_"]) {
        for (const tail of ["", "x", "1.5", '"}']) {
          const text = "a".repeat(prefix) + before + "7".repeat(run) + tail;
          assert.equal(
            hasLongDigitRun(text),
            /[:,[\s]-?\d{16}/.test(text),
            `${prefix} ${JSON.stringify(before)} ${run} ${tail}`,
          );
        }
      }
    }
  }
  assert.equal(hasLongDigitRun("12345678901234567"), true, "a whole text");
  assert.equal(hasLongDigitRun("-12345678901234567"), true, "a whole negative text");
  // Digits inside a string (a client order id of digits) or a fraction are no integer token.
  assert.equal(hasLongDigitRun('{"c":"1234567890123456789","p":"0.1"}'), false);
  assert.equal(hasLongDigitRun('{"p":0.12345678901234567}'), false);
  assert.equal(hasLongDigitRun('{"c":"bws-00000000000000000000000000f4240"}'), false);
  // Conservative where a string looks like a token: the slow path, still exact.
  assert.equal(hasLongDigitRun('{"c":"x:12345678901234567"}'), true);
  assert.equal(hasLongDigitRun('{"a": -12345678901234567}'), true);
  assert.equal(hasLongDigitRun('{"t":1656400526260123,"p":"0.00000001"}'), true);
  assert.equal(hasLongDigitRun('{"t":165640052626012,"p":"0.00000001"}'), false);
});

Deno.test("hasLongDigitRun() agrees with a regular expression on generated frames (seed 42)", () => {
  // Texts of digit runs of any length between the characters that matter around them: the
  // scan must find a 16-digit integer token exactly where the expression does.
  const piece = fc.oneof(
    fc.integer({ min: 1, max: 40 }).map((n) => "7".repeat(n)),
    fc.constantFrom(":", ",", "[", " ", "-", '"', "a", ".", "_", "\n"),
  );
  const reference = /(?:^|[:,[\s])-?\d{16}/;
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const text = pieces.join("");
      assert.equal(hasLongDigitRun(text), reference.test(text), JSON.stringify(text));
    }),
    { numRuns: 20_000, seed: 42 },
  );
});

Deno.test("parseJson() keeps an integer above 2^53 exact beside a string of digits", () => {
  const v = parseJson('{"c":"1234567890123456789","i":12345678901234567890}') as {
    c: string;
    i: unknown;
  };
  assert.equal(v.c, "1234567890123456789");
  assert.equal(v.i, 12345678901234567890n);
  const plain = parseJson('{"c":"1234567890123456789","i":42}') as { i: unknown };
  assert.equal(plain.i, 42);
});
