// Governor.update() with a clock: rolled before any count is taken.
import assert from "node:assert/strict";
import { Governor } from "../../core/_governor.ts";

const weight = (count: number, limit = 100) => ({
  rateLimitType: "REQUEST_WEIGHT",
  interval: "MINUTE",
  intervalNum: 1,
  limit,
  count,
});

function clockAt(t: number) {
  const clock = { t, reads: 0, now: () => (clock.reads++, clock.t) };
  return clock;
}

Deno.test("Governor.update() reads the clock once per response with a count, none without", () => {
  const g = new Governor();
  const clock = clockAt(60_000);
  g.update([weight(10)], clock);
  assert.equal(clock.reads, 1);
  for (let i = 0; i < 5; i++) g.update([weight(10 - i)], clock);
  assert.equal(clock.reads, 6, "a count below the known one may be a new window's: rolled first");
  assert.deepEqual(g.snapshot(), [weight(6)], "the latest entry is kept all the same");
  const orders = {
    rateLimitType: "ORDERS",
    interval: "SECOND",
    intervalNum: 10,
    limit: 50,
    count: 1,
  };
  g.update([weight(11), orders], clock);
  assert.equal(clock.reads, 7, "one read serves every entry of a response");
  const { count: _, ...noCount } = weight(0);
  g.update([noCount], clock);
  assert.equal(clock.reads, 7, "an entry without a count needs no time");
  // 11 used of 100: 89 more fit, the 90th does not, in this window.
  assert.equal(g.reserve(89, 60_001), 0);
  assert.equal(g.reserve(1, 60_002), 120_000);
});

Deno.test("Governor: a new window's count below the old window's is kept at the roll", () => {
  const g = new Governor();
  const clock = clockAt(60_000);
  g.update([weight(95)], clock);
  clock.t = 120_005; // the next minute: the server says 50 used in it
  g.update([weight(50)], clock);
  assert.equal(g.reserve(50, 120_006), 0, "50 + 50 fit");
  assert.equal(g.reserve(1, 120_007), 180_000, "the 101st waits for the next window");
});

Deno.test("Governor: a zero-weight order refunded before its answer's count is read", () => {
  // The connection's order (core/connection.ts #onResponse): the request's own accounting
  // first (the refund of a successful order entry), then the server's counts.
  const g = new Governor();
  const t = 60_000;
  assert.equal(g.reserve(1, t), 0); // order.place reserves 1
  g.refund(1, t, t); // its success: weight 0
  g.update([weight(50)], t); // the count of the IP, which never had the order
  assert.equal(g.reserve(50, t), 0, "50 + 50 fit");
  assert.equal(g.reserve(1, t), 120_000, "the server's 50 is not lowered by the refund");
});

Deno.test("Governor: a count reported in a new window replaces the old window's", () => {
  const g = new Governor();
  const clock = clockAt(60_000);
  g.update([weight(95)], clock);
  assert.equal(g.reserve(10, 60_001), 120_000, "95 + 10 > 100");
  clock.t = 120_005;
  g.update([weight(3)], clock); // below 95, but the window rolled: 3 in the new one (or 0)
  assert.equal(g.reserve(97, 120_006), 0, "the new window starts near empty");
  g.update([weight(99)], clock);
  assert.equal(g.reserve(2, 120_007), 180_000, "99 reported in the new window: 2 more do not fit");
});
