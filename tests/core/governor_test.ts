import assert from "node:assert/strict";
import { Governor, windowMs } from "../../core/_governor.ts";
import { RateLimitError } from "../../mod.ts";

const weight = (count: number, limit = 100) => ({
  rateLimitType: "REQUEST_WEIGHT",
  interval: "MINUTE",
  intervalNum: 1,
  limit,
  count,
});

Deno.test("windowMs() spans intervalNum intervals", () => {
  assert.equal(
    windowMs({ rateLimitType: "ORDERS", interval: "SECOND", intervalNum: 10, limit: 50 }),
    10_000,
  );
  assert.equal(windowMs(weight(0)), 60_000);
});

Deno.test("Governor keeps the latest counter per type and interval", () => {
  const t = new Governor();
  const orders = {
    rateLimitType: "ORDERS",
    interval: "DAY",
    intervalNum: 1,
    limit: 160000,
    count: 4,
  };
  t.update([weight(5), orders], 120_000);
  t.update([weight(9)], 120_001);
  assert.deepEqual(t.snapshot(), [weight(9), orders]);
});

Deno.test("Governor.reserve() refuses past the reported limit until the next window", () => {
  const t = new Governor();
  const now = 600_000 + 10_000;
  t.update([weight(90)], now);
  assert.equal(t.reserve(5, now), 0);
  assert.equal(t.reserve(5, now), 0);
  assert.equal(t.reserve(5, now), 660_000, "100 used: next window starts at the minute");
  assert.equal(t.reserve(5, 660_000), 0, "a new window starts empty");
});

Deno.test("Governor takes the higher of its own count and the server's", () => {
  const t = new Governor();
  const now = 60_000;
  for (let i = 0; i < 10; i++) t.reserve(5, now);
  t.update([weight(20)], now); // another request of ours is still in flight: keep 50
  assert.equal(t.reserve(50, now), 0);
  assert.notEqual(t.reserve(1, now), 0);
});

Deno.test("Governor.block() stops every reservation until retryAfter passes", () => {
  const t = new Governor();
  t.block(429, 5_000, 1_000);
  assert.equal(t.blockedUntil, 5_000);
  assert.equal(t.banned(1_000), false);
  assert.equal(t.reserve(1, 4_999), 5_000);
  assert.equal(t.reserve(1, 5_000), 0);
});

Deno.test("Governor.block() without retryAfter waits for the next window (429) or 2 minutes (418)", () => {
  const t = new Governor();
  t.block(429, undefined, 61_000);
  assert.equal(t.blockedUntil, 120_000);
  t.block(418, undefined, 130_000);
  assert.equal(t.blockedUntil, 250_000);
  assert.equal(t.banned(249_999), true);
  assert.equal(t.banDelayMs(240_000), 10_000);
  assert.equal(t.banned(250_000), false, "the ban ends by itself at retryAfter");
  assert.equal(t.banDelayMs(250_000), 0);
});

Deno.test("Governor.block() of a 429 -1015 (ORDERS) holds order placements only, until its window ends", () => {
  const t = new Governor();
  t.block(429, undefined, 61_234, -1015);
  assert.equal(t.blockedUntil, 0, "no global pause");
  assert.equal(t.reserve(1, 61_300), 0, "a cancel or a read goes");
  assert.equal(t.reserve(1, 61_300, 1), 70_000, "an order waits for the next 10 s");
  assert.throws(
    () => t.admit("order.place", 70_000, 60_000, "refuse", 61_300),
    (e: unknown) => e instanceof RateLimitError && e.code === -1015 && /-1015/.test(e.message),
  );
  assert.equal(t.reserve(1, 70_000, 1), 0);
  // With its retryAfter, until then.
  t.block(429, 95_000, 71_000, -1015);
  assert.equal(t.reserve(1, 94_999, 1), 95_000);
  assert.equal(t.reserve(1, 94_999), 0);
});

Deno.test("Governor.update() ignores and returns entries of another shape", () => {
  const t = new Governor();
  const bad = t.update([null, { ...weight(1), count: "7" }, weight(3)], 60_000);
  assert.deepEqual(bad.map((b) => b.problem), [
    "it is not an object",
    '"count" is not a non-negative integer below 2^53',
  ]);
  assert.deepEqual(t.snapshot(), [weight(3)]);
});

Deno.test("Governor follows a lower ORDERS count of the server, bounded by the orders in flight", () => {
  const g = new Governor();
  const orders = (count: number) => [{
    rateLimitType: "ORDERS",
    interval: "SECOND",
    intervalNum: 10,
    limit: 5,
    count,
  }];
  const now = 1_700_000_000_000;
  g.update(orders(0), now);
  for (let i = 0; i < 5; i++) assert.equal(g.reserve(1, now, 1), 0, `order ${i + 1} of 5`);
  assert.ok(g.reserve(1, now, 1) > now, "the 6th is over the limit");
  // The first answer: 1 unfilled (the others filled or not processed yet). 4 are in flight.
  g.ordersSettled(1);
  g.update(orders(1), now);
  assert.ok(g.reserve(1, now, 1) > now, "the 4 in flight may still count: 1 + 4 = 5");
  // All answered; the server counts 1 unfilled order (4 filled): 4 more fit.
  g.ordersSettled(4);
  g.update(orders(1), now);
  for (let i = 0; i < 4; i++) assert.equal(g.reserve(1, now, 1), 0, `order ${i + 1} of 4 more`);
  assert.ok(g.reserve(1, now, 1) > now);
  // A count above the local one is taken as it is.
  g.ordersSettled(4);
  g.update(orders(5), now);
  assert.ok(g.reserve(1, now, 1) > now);
});
