import assert from "node:assert/strict";
import { ServerClock } from "../../core/_clock.ts";

Deno.test("ServerClock: the offset from the trip's midpoint, known within half the round trip", async () => {
  const clock = new ServerClock(false);
  assert.equal(clock.uncertaintyMs, 0);
  const offset = await clock.measure(async () => {
    const asked = Date.now();
    await new Promise((r) => setTimeout(r, 80));
    return { serverTime: asked + 40 + 5_000 };
  });
  assert.ok(Math.abs(offset - 5_000) <= 20, `offset ${offset}`);
  assert.ok(clock.uncertaintyMs >= 40 && clock.uncertaintyMs < 200, `± ${clock.uncertaintyMs}`);
  // The true server time lies within now() ± uncertaintyMs.
  const trueNow = Date.now() + 5_000;
  assert.ok(clock.now() - clock.uncertaintyMs <= trueNow + 20);
});
