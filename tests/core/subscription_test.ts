// One subscription, alone: its lazily made ring buffer (grown in steps, wrapped around, never
// past its bound), the overflow policies, a waiting iterator settled by the end of the
// subscription, and what goes to the connection (the shared host) when nobody listens.
import assert from "node:assert/strict";
import { SubscriptionImpl } from "../../core/_subscription.ts";
import { SlowConsumerError, type StreamGap, type SubscribeOptions } from "../../mod.ts";

function make(options: SubscribeOptions = {}) {
  const unsubscribed: unknown[] = [];
  const hostGaps: StreamGap[] = [];
  const hostErrors: Error[] = [];
  const sub = new SubscriptionImpl<number>("test@trade", options, {
    unsubscribe(s) {
      unsubscribed.push(s);
      return Promise.resolve();
    },
    gap: (g) => hostGaps.push(g),
    error: (e) => hostErrors.push(e),
  });
  return { sub, unsubscribed, hostGaps, hostErrors };
}

async function take(it: AsyncIterator<number>, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await it.next();
    assert.equal(r.done, false);
    out.push(r.value);
  }
  return out;
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

Deno.test("the buffer grows past its first size and wraps around, in order, up to its bound", async () => {
  const { sub } = make({ bufferSize: 50 });
  const it = sub[Symbol.asyncIterator]();
  // Fill past the first allocation (16) and its doublings, then drain part and refill so
  // that the ring wraps around its end several times.
  let next = 1;
  const push = (n: number) => {
    for (let i = 0; i < n; i++) sub.push(next++);
  };
  push(40);
  assert.equal(sub.stats.buffered, 40);
  assert.deepEqual(await take(it, 25), range(1, 25));
  push(30); // 45 buffered: wraps
  assert.deepEqual(await take(it, 20), range(26, 45));
  push(25); // 50 buffered: at the bound
  assert.equal(sub.stats.buffered, 50);
  assert.equal(sub.stats.dropped, 0);
  assert.deepEqual(await take(it, 50), range(46, 95));
  assert.equal(sub.stats.buffered, 0);
  assert.equal(sub.stats.highWaterMark, 50);
  assert.equal(sub.stats.delivered, 95);
  assert.equal(sub.stats.received, 95);
});

Deno.test("dropOldest keeps the newest bufferSize updates in order, across the wrap", async () => {
  const { sub, hostGaps } = make({ bufferSize: 20 });
  const it = sub[Symbol.asyncIterator]();
  for (let i = 1; i <= 13; i++) sub.push(i);
  assert.deepEqual(await take(it, 7), range(1, 7)); // the ring's head moves on
  for (let i = 14; i <= 100; i++) sub.push(i); // 6 + 87 = 93 offered, 20 kept
  assert.equal(sub.stats.buffered, 20);
  assert.equal(sub.stats.dropped, 73);
  assert.deepEqual(await take(it, 20), range(81, 100));
  assert.deepEqual(hostGaps.map((g) => [g.reason, g.dropped]), [["overflow", 1]]);
});

Deno.test("no buffer until an update waits; under steady overflow it never grows past the bound", async () => {
  const { sub } = make({ bufferSize: 1000 });
  assert.equal(sub.bufferCapacity, 0, "an idle subscription has no buffer");
  const it = sub[Symbol.asyncIterator]();
  const waiting = it.next();
  sub.push(1); // to the waiting next(): still no buffer
  assert.deepEqual(await waiting, { value: 1, done: false });
  assert.equal(sub.bufferCapacity, 0);
  sub.push(2);
  assert.equal(sub.bufferCapacity, 16, "allocated small, on the first update that waits");
  for (let i = 3; i <= 100_000; i++) sub.push(i);
  assert.equal(sub.bufferCapacity, 1000);
  assert.equal(sub.stats.buffered, 1000);
  assert.deepEqual(await take(it, 3), [99_001, 99_002, 99_003]);
});

Deno.test("dropNewest keeps the oldest bufferSize updates", async () => {
  const { sub } = make({ bufferSize: 20, overflow: "dropNewest" });
  const it = sub[Symbol.asyncIterator]();
  for (let i = 1; i <= 50; i++) sub.push(i);
  assert.equal(sub.stats.dropped, 30);
  assert.deepEqual(await take(it, 20), range(1, 20));
});

Deno.test("overflow 'error' ends the subscription; a waiting next() then rejects", async () => {
  const { sub, unsubscribed } = make({ bufferSize: 2, overflow: "error" });
  const it = sub[Symbol.asyncIterator]();
  for (let i = 1; i <= 3; i++) sub.push(i);
  assert.equal(sub.active, false);
  await assert.rejects(() => it.next(), SlowConsumerError);
  assert.equal(unsubscribed.length, 1);

  // An end with an error while next() waits settles it with the error.
  const other = make();
  const waiting = other.sub[Symbol.asyncIterator]().next();
  other.sub.end("slow consumer", new SlowConsumerError("test@trade", 1));
  await assert.rejects(waiting, SlowConsumerError);
});

Deno.test("an idle iterator ends with done when the subscription ends, with its end event", async () => {
  const { sub } = make();
  const ends: string[] = [];
  sub.on("end", ({ reason }) => ends.push(reason));
  const loop = (async () => {
    const seen: number[] = [];
    for await (const v of sub) seen.push(v);
    return seen;
  })();
  await Promise.resolve();
  sub.push(7);
  await new Promise((r) => setTimeout(r, 0));
  sub.end("connection closed");
  assert.deepEqual(await loop, [7]);
  assert.deepEqual(ends, ["connection closed"]);
  assert.equal(sub.active, false);
  sub.push(8); // after the end: ignored
  assert.equal(sub.stats.received, 1);
});

Deno.test("data listeners: buffered updates go to the first; removing the last buffers again", () => {
  const { sub } = make({ bufferSize: 100 });
  for (let i = 1; i <= 20; i++) sub.push(i);
  const seen: number[] = [];
  const off = sub.on("data", (v) => seen.push(v));
  assert.deepEqual(seen, range(1, 20));
  sub.push(21);
  assert.deepEqual(seen, range(1, 21));
  assert.equal(sub.stats.buffered, 0);
  off();
  sub.push(22);
  assert.equal(sub.stats.buffered, 1);
  assert.equal(sub.stats.delivered, 21);
});

Deno.test("gaps and errors nobody listens to go to the connection; listeners take them", () => {
  const { sub, hostGaps, hostErrors } = make();
  sub.gap({ stream: "test@trade", reason: "sequence", lastSequence: 1, nextSequence: 3 });
  sub.on("data", () => {
    throw new Error("listener failed");
  });
  sub.push(1);
  assert.equal(hostGaps.length, 1);
  assert.deepEqual(hostErrors.map((e) => e.message), ["listener failed"]);
  const gaps: StreamGap[] = [];
  sub.on("gap", (g) => gaps.push(g));
  sub.gap({ stream: "test@trade", reason: "sequence", lastSequence: 3, nextSequence: 5 });
  assert.equal(gaps.length, 1);
  assert.equal(hostGaps.length, 1);
  assert.equal(sub.stats.gaps, 2);
});

Deno.test("unsubscribe asks the host once; a second iterator is refused", async () => {
  const { sub, unsubscribed } = make();
  const it = sub[Symbol.asyncIterator]();
  assert.throws(() => sub[Symbol.asyncIterator](), TypeError);
  await it.return!();
  await sub.unsubscribe();
  assert.deepEqual(unsubscribed, [sub]);
  assert.deepEqual(await it.next(), { value: undefined, done: true });
});

Deno.test("an aborted signal unsubscribes; the listener is released at the end", async () => {
  const controller = new AbortController();
  const { sub, unsubscribed } = make({ signal: controller.signal });
  controller.abort();
  await Promise.resolve();
  assert.equal(sub.active, false);
  assert.equal(unsubscribed.length, 1);
});
