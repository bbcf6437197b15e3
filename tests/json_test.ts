import assert from "node:assert/strict";
import { parseJson, stringifyJson } from "../core/_json.ts";

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
