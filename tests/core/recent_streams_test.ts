// The streams removed lately: kept for their window, then forgotten, so the set stays bounded.
import assert from "node:assert/strict";
import { LATE_FRAMES_MS, RecentStreams } from "../../core/_recent_streams.ts";

Deno.test("a removed stream is kept for its window, then forgotten", () => {
  const recent = new RecentStreams(1000);
  recent.add("btcusdt@trade", 10_000);
  assert.equal(recent.has("btcusdt@trade", 10_999), true);
  assert.equal(recent.has("ethusdt@trade", 10_999), false, "never removed");
  assert.equal(recent.has("btcusdt@trade", 11_000), false);
  assert.equal(recent.size, 0);
});

Deno.test("removing a stream again restarts its window", () => {
  const recent = new RecentStreams(1000);
  recent.add("a@trade", 0);
  recent.add("b@trade", 500);
  recent.add("a@trade", 900);
  assert.equal(recent.has("b@trade", 1600), false);
  assert.equal(recent.has("a@trade", 1600), true);
});

Deno.test("the set holds only the streams of one window, however many were ever removed", () => {
  const recent = new RecentStreams();
  for (let i = 0; i < 100_000; i++) recent.add(`s${i}@trade`, i * 10);
  assert.equal(recent.size, LATE_FRAMES_MS / 10);
});
