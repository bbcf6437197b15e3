// PendingTable: requests by id (a ring of slots, a map for stragglers), the count per socket,
// the one deadline timer, and the parser run on the answer.
import assert from "node:assert/strict";
import { PendingTable } from "../../core/_pending.ts";
import { RequestTimeoutError } from "../../mod.ts";

const FAR = () => performance.now() + 60_000;

Deno.test("PendingTable finds every request by id, stragglers and thousands in flight included", async () => {
  const settled: object[] = [];
  const t = new PendingTable((s) => settled.push(s));
  const a = {};
  const b = {};
  // A straggler (id 1) stays while thousands of later ids come and go past its slot.
  const straggler = t.register(1, a, "m", FAR(), 60_000, undefined);
  for (let id = 2; id < 3000; id++) {
    const p = t.register(id, id % 2 ? a : b, "m", FAR(), 60_000, undefined);
    t.take(id)!.settle(id);
    assert.equal(await p, id);
  }
  // Then 5000 in flight at once, taken in a scrambled order.
  const ids = Array.from({ length: 5000 }, (_, i) => 3000 + i);
  for (const id of ids) void t.register(id, id % 2 ? a : b, "m", FAR(), 60_000, undefined);
  assert.equal(t.size, 5001);
  assert.equal(t.countOn(a) + t.countOn(b), 5001);
  const order = ids.map((_, i) => ids[(i * 7919) % ids.length]);
  assert.equal(new Set(order).size, ids.length);
  for (const id of order) {
    assert.equal(t.take(id)?.id, id);
    assert.equal(t.take(id), undefined, "taken once");
  }
  assert.equal(t.size, 1);
  assert.equal(t.countOn(a), 1);
  assert.equal(t.countOn(b), 0);
  assert.equal(t.take(1)?.method, "m");
  assert.equal(t.size, 0);
  assert.equal(settled.length, 2998 + 5000 + 1);
  t.stop();
  void straggler;
});

Deno.test("PendingTable.takeAllOn takes the requests of one socket, in id order", () => {
  const t = new PendingTable(() => {});
  const a = {};
  const b = {};
  for (let id = 1; id <= 600; id++) t.register(id, id % 3 ? a : b, "m", FAR(), 60_000, undefined);
  const onB = t.takeAllOn(b).map(([id]) => id);
  assert.deepEqual(onB, Array.from({ length: 200 }, (_, i) => 3 * (i + 1)));
  assert.equal(t.countOn(b), 0);
  assert.equal(t.countOn(a), 400);
  assert.equal(t.takeAllOn(b).length, 0);
  assert.equal(t.takeAllOn(a).length, 400);
  assert.equal(t.size, 0);
  t.stop();
});

Deno.test("PendingTable: the answer goes through the parser; what it throws rejects", async () => {
  const t = new PendingTable(() => {});
  const parser = {
    parse(result: unknown) {
      if (result === "bad") throw new TypeError("bad result");
      return { parsed: result };
    },
  };
  const ok = t.register(1, {}, "m", FAR(), 60_000, undefined, parser);
  const bad = t.register(2, {}, "m", FAR(), 60_000, undefined, parser);
  t.take(1)!.settle("good");
  t.take(2)!.settle("bad");
  assert.deepEqual(await ok, { parsed: "good" });
  await assert.rejects(bad, TypeError);
  t.stop();
});

Deno.test("PendingTable: past its deadline a request is rejected and its late answer counted", async () => {
  const t = new PendingTable(() => {});
  const socket = {};
  const late = t.register(7, socket, "time", performance.now() + 20, 20, undefined);
  const kept = t.register(8, socket, "time", FAR(), 60_000, undefined);
  await assert.rejects(late, RequestTimeoutError);
  assert.equal(t.take(7), undefined);
  assert.equal(t.takeGivenUp(7)?.method, "time", "the request given up on, for its late answer");
  assert.equal(t.takeGivenUp(7), undefined, "once");
  assert.equal(t.lateResponses, 1);
  assert.equal(t.countOn(socket), 1);
  t.take(8)!.settle("ok");
  assert.equal(await kept, "ok");
  t.stop();
});
