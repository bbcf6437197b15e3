import assert from "node:assert/strict";
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

Deno.test("hasLongDigitRun() agrees with /\\d{16}/ at every offset and length", () => {
  for (let prefix = 0; prefix < 40; prefix++) {
    for (let run = 10; run < 40; run++) {
      for (const tail of ["", "x", "1.5", '"}']) {
        const text = "a".repeat(prefix) + "7".repeat(run) + tail;
        assert.equal(hasLongDigitRun(text), /\d{16}/.test(text), `${prefix} ${run} ${tail}`);
      }
    }
  }
  assert.equal(hasLongDigitRun('{"t":1656400526260123,"p":"0.00000001"}'), true);
  assert.equal(hasLongDigitRun('{"t":165640052626012,"p":"0.00000001"}'), false);
});
