import assert from "node:assert/strict";
import { abortableDelay, backoffDelay } from "../../core/_async.ts";

Deno.test("backoffDelay() grows exponentially, stays within [d/2, d] with jitter, and is capped", () => {
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffDelay(n, 250, 30_000, 2, false)), [
    250,
    500,
    1000,
    2000,
    4000,
  ]);
  assert.equal(backoffDelay(20, 250, 30_000, 2, false), 30_000);
  for (let attempt = 1; attempt < 12; attempt++) {
    const d = Math.min(30_000, 250 * 2 ** (attempt - 1));
    for (let i = 0; i < 50; i++) {
      const j = backoffDelay(attempt, 250, 30_000, 2, true);
      assert.ok(j >= d / 2 && j <= d, `${attempt}: ${j}`);
    }
  }
});

Deno.test("abortableDelay() resolves after the delay", async () => {
  const t0 = performance.now();
  await abortableDelay(30);
  assert.ok(performance.now() - t0 >= 25);
});

Deno.test("abortableDelay() rejects with the signal's reason and leaves no timer", async () => {
  const controller = new AbortController();
  const pending = abortableDelay(60_000, controller.signal);
  controller.abort(new Error("stop"));
  await assert.rejects(pending, { message: "stop" });
  await assert.rejects(abortableDelay(10, AbortSignal.abort()), { name: "AbortError" });
});
