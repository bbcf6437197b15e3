// Governor.update() with a clock: read only when a count can change what is known.
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

Deno.test("Governor.update() reads the clock only for a count above the known one, or ORDERS", () => {
  const g = new Governor();
  const clock = clockAt(60_000);
  g.update([weight(10)], clock);
  assert.equal(clock.reads, 1);
  for (let i = 0; i < 5; i++) g.update([weight(10 - i)], clock);
  assert.equal(clock.reads, 1, "counts at or below the known one change nothing");
  assert.deepEqual(g.snapshot(), [weight(6)], "the latest entry is kept all the same");
  g.update([weight(11)], clock);
  assert.equal(clock.reads, 2);
  const orders = {
    rateLimitType: "ORDERS",
    interval: "SECOND",
    intervalNum: 10,
    limit: 50,
    count: 1,
  };
  g.update([weight(11), orders], clock);
  assert.equal(clock.reads, 3, "an ORDERS count always rolls its window");
  // 11 used of 100: 89 more fit, the 90th does not, in this window.
  assert.equal(g.reserve(89, 60_001), 0);
  assert.equal(g.reserve(1, 60_002), 120_000);
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
