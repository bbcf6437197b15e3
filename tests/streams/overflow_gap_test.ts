// An overflow episode ends when a data listener empties the buffer:
// the next overflow is a new one, with its own gap event.
import assert from "node:assert/strict";
import { SubscriptionImpl } from "../../core/_subscription.ts";
import type { StreamGap } from "../../mod.ts";

Deno.test("a second overflow after a data listener emptied the buffer emits its gap", () => {
  const gaps: StreamGap[] = [];
  const sub = new SubscriptionImpl<number>("btcusdt@trade", { bufferSize: 3 }, {
    unsubscribe: () => Promise.resolve(),
    gap: (g) => gaps.push(g),
    error: () => {},
  });
  for (let i = 1; i <= 4; i++) sub.push(i); // 1 dropped: gap #1
  assert.equal(gaps.length, 1);
  const seen: number[] = [];
  const off = sub.on("data", (v) => seen.push(v)); // drains 2, 3, 4: the episode is over
  assert.deepEqual(seen, [2, 3, 4]);
  assert.equal(sub.stats.buffered, 0);
  off();
  for (let i = 5; i <= 9; i++) sub.push(i); // 5, 6 dropped
  assert.equal(sub.stats.dropped, 3);
  assert.equal(gaps.length, 2, "the second episode's drops were reported");
});
