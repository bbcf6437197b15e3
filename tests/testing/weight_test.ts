// The fake exchange's REQUEST_WEIGHT account (testing/_server/weight.ts), without sockets.
import assert from "node:assert/strict";
import { createRequestWeight } from "../../testing/_server/weight.ts";

const count = (text: string) => JSON.parse(text)[0].count as number;

Deno.test("createRequestWeight() charges within a fixed window and starts afresh in the next", () => {
  const w = createRequestWeight({ limit: 10, windowMs: 1000, banAfter: 1, banMs: 5000 });
  w.charge(5_000, 2);
  assert.equal(w.admit(5_100, 8), undefined);
  assert.equal(count(w.rateLimitsText()), 10);
  assert.equal(w.limit, 10);
  assert.equal(w.admit(6_000, 10), undefined, "a new window");
  assert.equal(count(w.rateLimitsText()), 10);
});

Deno.test("createRequestWeight() refuses with 429 until the window's end, then bans with 418", () => {
  const w = createRequestWeight({ limit: 10, windowMs: 1000, banAfter: 1, banMs: 5000 });
  assert.equal(w.admit(5_000, 10), undefined);
  const first = w.admit(5_200, 1);
  assert.deepEqual(first, {
    failure: {
      status: 429,
      code: -1003,
      msg:
        "Too much request weight used; current limit is 10 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.",
    },
    data: { serverTime: 5_200, retryAfter: 6_000 },
    ban: false,
  });
  assert.equal(count(w.rateLimitsText()), 10, "a refused request costs nothing");
  assert.equal(w.isBanned(5_300), false);
  const ban = w.admit(5_300, 1);
  assert.equal(ban?.ban, true);
  assert.equal(ban?.failure.status, 418);
  assert.equal(
    ban?.failure.msg,
    "Way too much request weight used; IP banned until 10300. Please use WebSocket Streams for live updates to avoid bans.",
  );
  assert.deepEqual(ban?.data, { serverTime: 5_300, retryAfter: 10_300 });
  assert.equal(w.isBanned(10_299), true);
  assert.deepEqual(w.banned(7_000).data, { serverTime: 7_000, retryAfter: 10_300 });
  assert.equal(w.isBanned(10_300), false);
});
