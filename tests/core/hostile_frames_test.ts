// Frames no honest server sends, each of which once crashed or wedged the WS API connection
// (issue "No frame can crash the client", defects 1-5, 7, 9). The peer is scripted, so each
// test writes the exact frame.
import assert from "node:assert/strict";
import {
  BinanceApiError,
  connectWsApi,
  ping,
  RateLimitError,
  RequestTimeoutError,
  UnexpectedMessageError,
  type WsApiConnection,
  type WsApiEventMap,
} from "../../mod.ts";
import { record, startScriptedPeer, weightLimits } from "../_helpers.ts";

const ok = (id: unknown, rateLimits?: unknown) =>
  JSON.stringify({ id, status: 200, result: {}, ...(rateLimits ? { rateLimits } : {}) });

/** Three pings in a row, answered with the normal limits: the connection is usable. */
async function stillUsable(conn: WsApiConnection): Promise<void> {
  for (let i = 0; i < 3; i++) assert.deepEqual(await ping(conn, {}, { timeoutMs: 2_000 }), {});
}

function errorsOf(conn: WsApiConnection): WsApiEventMap["error"][] {
  return record(conn, "error");
}

Deno.test("a response id above 2^53 is an error event, not a crash", async () => {
  await using peer = startScriptedPeer((r) => ok(r.id, weightLimits(1)));
  await using conn = await connectWsApi({ url: peer.url });
  const errors = errorsOf(conn);
  peer.send('{"id":9007199254740993,"status":200,"result":{}}');
  await stillUsable(conn);
  assert.equal(errors.length, 1);
  assert.ok(errors[0].error instanceof UnexpectedMessageError);
  assert.match(errors[0].error.message, /no pending request \(id 9007199254740993\)/);
});

// Each bad `rateLimits` answer to the first ping: the ping still resolves, the entry is an
// error event, and the next requests are neither refused nor hung.
const badRateLimits: [string, string, RegExp][] = [
  ["[null]", "[null]", /not an object/],
  [
    "an intervalNum above 2^53",
    '[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":9007199254740993,"limit":6000,"count":1}]',
    /"intervalNum"/,
  ],
  [
    "a count above 2^53",
    '[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000,"count":9007199254740993}]',
    /"count"/,
  ],
  [
    'a count sent as "7"',
    '[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":8,"count":"7"}]',
    /"count"/,
  ],
  [
    "an unknown interval",
    '[{"rateLimitType":"REQUEST_WEIGHT","interval":"constructor","intervalNum":1,"limit":6000,"count":1}]',
    /"interval"/,
  ],
  ["an object instead of a list", '{"count":1}', /not an array/],
];

for (const [what, rateLimits, problem] of badRateLimits) {
  Deno.test(`"rateLimits" with ${what} is ignored and reported; requests go on`, async () => {
    let first = true;
    await using peer = startScriptedPeer((r) => {
      if (!first) return ok(r.id, weightLimits(1, 8));
      first = false;
      return `{"id":${r.id},"status":200,"result":{},"rateLimits":${rateLimits}}`;
    });
    await using conn = await connectWsApi({ url: peer.url, rateLimitPolicy: "refuse" });
    const errors = errorsOf(conn);
    assert.deepEqual(await ping(conn, {}, { timeoutMs: 2_000 }), {});
    await stillUsable(conn);
    assert.equal(errors.length, 1);
    assert.ok(errors[0].error instanceof UnexpectedMessageError);
    assert.match(errors[0].error.message, problem);
    // Nothing of the bad entry was kept.
    assert.ok(conn.rateLimits.every((l) => typeof l.count === "number" && l.count < 2 ** 53));
  });
}

Deno.test("a non-string error.msg is a malformed answer, not a BinanceApiError", async () => {
  await using peer = startScriptedPeer((r) =>
    r.method === "ping"
      ? `{"id":${r.id},"status":400,"error":{"code":-1100,"msg":{"text":"x"}}}`
      : ok(r.id)
  );
  await using conn = await connectWsApi({ url: peer.url });
  await assert.rejects(ping(conn), (error) => {
    assert.ok(error instanceof UnexpectedMessageError);
    assert.ok(!(error instanceof BinanceApiError));
    assert.match(error.message, /"ping" is malformed/);
    return true;
  });
});

Deno.test("a retryAfter that is not a time blocks only until the next window", async () => {
  await using peer = startScriptedPeer((r) =>
    `{"id":${r.id},"status":429,"error":{"code":-1003,"msg":"x","data":{"retryAfter":1e400}}}`
  );
  await using conn = await connectWsApi({ url: peer.url, rateLimitPolicy: "refuse" });
  await assert.rejects(ping(conn), (error) => {
    assert.ok(error instanceof RateLimitError && !error.clientSide);
    assert.equal(error.retryAfter, undefined);
    return true;
  });
  // With a retryAfter of Infinity, every later request would be refused for ever.
  await assert.rejects(ping(conn), (error) => {
    assert.ok(error instanceof RateLimitError && error.clientSide);
    assert.ok(Number.isFinite(error.retryAfter) && error.retryAfter! <= Date.now() + 61_000);
    return true;
  });
});

Deno.test("the answer to a request that timed out is dropped quietly and counted", async () => {
  const held: string[] = [];
  await using peer = startScriptedPeer((r) => {
    if (held.length === 0) {
      held.push(ok(r.id));
      return undefined;
    }
    return ok(r.id);
  });
  await using conn = await connectWsApi({ url: peer.url });
  const errors = errorsOf(conn);
  await assert.rejects(ping(conn, {}, { timeoutMs: 50 }), RequestTimeoutError);
  peer.send(held[0]);
  peer.send('{"id":777777,"status":200,"result":{}}');
  await stillUsable(conn);
  assert.equal(conn.lateResponses, 1);
  assert.equal(errors.length, 1, "only the id never sent is reported");
  assert.match(errors[0].error.message, /id 777777/);
});
