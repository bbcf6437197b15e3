import assert from "node:assert/strict";
import fc from "fast-check";
import { mayHoldUnsafeInteger, parseJson, stringifyJson } from "../../core/_json.ts";

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

Deno.test("parseJson() reads 16-digit times in microseconds as numbers, 2^53 as bigint", () => {
  const v = parseJson('{"E":1732000000123456,"i":9007199254740991,"j":9007199254740992}') as {
    E: unknown;
    i: unknown;
    j: unknown;
  };
  assert.equal(v.E, 1732000000123456);
  assert.equal(v.i, Number.MAX_SAFE_INTEGER);
  assert.equal(v.j, 9007199254740992n);
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

/**
 * The reference: an integer token (after `:`, `,`, `[`, whitespace or the text's start, with an
 * optional `-`) of 17 or more digits, or of 16 above 9007199254740991.
 */
function unsafeByExpression(text: string): boolean {
  for (const m of text.matchAll(/(?:^|[:,[\s])-?(\d{16,})/g)) {
    const digits = m[1];
    if (digits.length > 16 || digits > "9007199254740991") return true;
  }
  return false;
}

Deno.test("mayHoldUnsafeInteger() agrees with the reference at every offset and length", () => {
  for (let prefix = 0; prefix < 40; prefix++) {
    for (let run = 10; run < 40; run++) {
      for (const digit of ["7", "9"]) {
        for (const before of [":", ",", "[", " ", ":-", '"', "a", ".", "_"]) {
          for (const tail of ["", "x", "1.5", '"}']) {
            const text = "a".repeat(prefix) + before + digit.repeat(run) + tail;
            assert.equal(
              mayHoldUnsafeInteger(text),
              unsafeByExpression(text),
              `${prefix} ${JSON.stringify(before)} ${digit}×${run} ${tail}`,
            );
          }
        }
      }
    }
  }
  assert.equal(mayHoldUnsafeInteger("12345678901234567"), true, "a whole text");
  assert.equal(mayHoldUnsafeInteger("-12345678901234567"), true, "a whole negative text");
  // Digits inside a string (a client order id of digits) or a fraction are no integer token.
  assert.equal(mayHoldUnsafeInteger('{"c":"1234567890123456789","p":"0.1"}'), false);
  assert.equal(mayHoldUnsafeInteger('{"p":0.12345678901234567}'), false);
  assert.equal(mayHoldUnsafeInteger('{"c":"bws-00000000000000000000000000f4240"}'), false);
  // Conservative where a string looks like a token: the slow path, still exact.
  assert.equal(mayHoldUnsafeInteger('{"c":"x:12345678901234567"}'), true);
  assert.equal(mayHoldUnsafeInteger('{"a": -12345678901234567}'), true);
  // A time in microseconds has 16 digits and is safe: the plain parse.
  assert.equal(mayHoldUnsafeInteger('{"t":1656400526260123,"p":"0.00000001"}'), false);
  assert.equal(mayHoldUnsafeInteger('{"t":165640052626012,"p":"0.00000001"}'), false);
  // The edge: 2^53 − 1 is safe, 2^53 is not, either sign.
  assert.equal(mayHoldUnsafeInteger('{"i":9007199254740991}'), false);
  assert.equal(mayHoldUnsafeInteger('{"i":9007199254740992}'), true);
  assert.equal(mayHoldUnsafeInteger('{"i":-9007199254740991}'), false);
  assert.equal(mayHoldUnsafeInteger('{"i":-9007199254740992}'), true);
});

Deno.test("mayHoldUnsafeInteger() agrees with the reference on generated frames (seed 42)", () => {
  // Texts of digit runs of any length between the characters that matter around them: the
  // scan must find an unsafe integer token exactly where the reference does.
  const piece = fc.oneof(
    fc.integer({ min: 1, max: 40 }).map((n) => "7".repeat(n)),
    fc.integer({ min: 1, max: 40 }).map((n) => "9".repeat(n)),
    fc.constantFrom("9007199254740991", "9007199254740992", "1732000000123456"),
    fc.constantFrom(":", ",", "[", " ", "-", '"', "a", ".", "_", "\n"),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const text = pieces.join("");
      assert.equal(mayHoldUnsafeInteger(text), unsafeByExpression(text), JSON.stringify(text));
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
