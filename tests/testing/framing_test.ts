// The fake exchange's frames (testing/_server/framing.ts), without sockets.
import assert from "node:assert/strict";
import {
  controlErrorText,
  controlResultText,
  errorBody,
  idText,
  isControlId,
  parseControl,
  parseRequest,
  responseText,
  resultBody,
} from "../../testing/_server/framing.ts";

Deno.test("parseRequest() accepts JSON objects only", () => {
  assert.deepEqual(parseRequest('{"id":1,"method":"ping"}'), { id: 1, method: "ping" });
  for (const text of ["{not json", "[1]", "null", "5", '"x"']) {
    assert.equal(parseRequest(text), undefined, text);
    assert.equal(parseControl(text), undefined, text);
  }
});

Deno.test("idText() echoes ids exactly, 64-bit integers included", () => {
  const echo = (text: string) => idText(parseRequest(text)!, text);
  assert.equal(echo('{"id":9223372036854775807,"method":"ping"}'), "9223372036854775807");
  assert.equal(echo('{"id" : -9223372036854775807}'), "-9223372036854775807");
  assert.equal(echo('{"id":42}'), "42");
  assert.equal(echo('{"id":"a\\"b"}'), '"a\\"b"');
  assert.equal(echo('{"method":"ping"}'), "null");
});

Deno.test("responseText() writes status, body and rateLimits in Binance's order", () => {
  assert.equal(
    responseText("7", 200, resultBody({ a: 1 }), "[]"),
    '{"id":7,"status":200,"result":{"a":1},"rateLimits":[]}',
  );
  assert.equal(
    responseText("null", 400, errorBody({ status: 400, code: -1, msg: "m" }), undefined),
    '{"id":null,"status":400,"error":{"code":-1,"msg":"m"}}',
  );
  assert.equal(
    errorBody({ status: 429, code: -1003, msg: "m" }, { retryAfter: 1 }),
    '"error":{"code":-1003,"msg":"m","data":{"retryAfter":1}}',
  );
});

Deno.test("control frames: only code 0 carries the id; ids are integers or short words", () => {
  assert.equal(
    controlErrorText(0, "Unknown property", 7),
    '{"code":0,"msg":"Unknown property","id":7}',
  );
  assert.equal(controlErrorText(2, "bad", 7), '{"code":2,"msg":"bad"}');
  assert.equal(controlResultText(null, "ab1"), '{"result":null,"id":"ab1"}');
  for (const id of [null, 0, 12, "abc", "A".repeat(36)]) assert.ok(isControlId(id), String(id));
  for (const id of [undefined, 1.5, "a-b", "A".repeat(37), {}, true]) {
    assert.ok(!isControlId(id), String(id));
  }
});
