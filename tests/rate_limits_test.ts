import assert from "node:assert/strict";
import { RateLimitTracker, windowMs } from "../core/_rate_limits.ts";

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

Deno.test("RateLimitTracker keeps the latest counter per type and interval", () => {
  const t = new RateLimitTracker();
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

Deno.test("RateLimitTracker.reserve() refuses past the reported limit until the next window", () => {
  const t = new RateLimitTracker();
  const now = 600_000 + 10_000;
  t.update([weight(90)], now);
  assert.equal(t.reserve(5, now), 0);
  assert.equal(t.reserve(5, now), 0);
  assert.equal(t.reserve(5, now), 660_000, "100 used: next window starts at the minute");
  assert.equal(t.reserve(5, 660_000), 0, "a new window starts empty");
});

Deno.test("RateLimitTracker takes the higher of its own count and the server's", () => {
  const t = new RateLimitTracker();
  const now = 60_000;
  for (let i = 0; i < 10; i++) t.reserve(5, now);
  t.update([weight(20)], now); // another request of ours is still in flight: keep 50
  assert.equal(t.reserve(50, now), 0);
  assert.notEqual(t.reserve(1, now), 0);
});

Deno.test("RateLimitTracker.blockedUntil stops every reservation until it passes", () => {
  const t = new RateLimitTracker();
  t.blockedUntil = 5_000;
  assert.equal(t.reserve(1, 4_999), 5_000);
  assert.equal(t.reserve(1, 5_000), 0);
});
