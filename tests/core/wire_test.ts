// The wire of one stream, alone: sequence orders, duplicates, gaps and their ranges, the
// "reconnect" gaps after a resume, and the overlap proof and switch of a rotation.
import assert from "node:assert/strict";
import { SubscriptionImpl } from "../../core/_subscription.ts";
import { MAX_HELD, Wire } from "../../core/_wire.ts";
import type { StreamGap, StreamOrder, StreamSpec } from "../../mod.ts";

/** An update: its (last) id, and its first id when it spans several (diff depth `U`). */
interface Update {
  id: number;
  first?: number;
}

function spec(order: StreamOrder, spans = false): StreamSpec<Update> {
  return {
    name: `test@${order}`,
    order,
    parse: (raw) => raw as Update,
    sequence: (u) => u.id,
    ...(spans ? { firstSequence: (u: Update) => u.first ?? u.id } : {}),
  };
}

/** A wire with one subscription, and what that subscription saw. */
function wire(order: StreamOrder, spans = false) {
  const w = new Wire(spec(order, spans), undefined);
  const sub = new SubscriptionImpl<Update>(w.spec.name, {}, {
    unsubscribe: () => Promise.resolve(),
    gap: () => {},
    error: () => {},
  }, w);
  const delivered: number[] = [];
  const gaps: StreamGap[] = [];
  sub.on("data", (u) => delivered.push(u.id));
  sub.on("gap", (g) => gaps.push(g));
  w.subs = [sub];
  const feed = (...ids: (number | Update)[]) => {
    for (const u of ids) w.accept(typeof u === "number" ? { id: u } : u);
  };
  return { w, sub, delivered, gaps, feed };
}

Deno.test("contiguous: in order is delivered; an id at or below the last is a duplicate", () => {
  const { w, sub, delivered, gaps, feed } = wire("contiguous");
  feed(1, 2, 3, 3, 2, 4);
  assert.deepEqual(delivered, [1, 2, 3, 4]);
  assert.equal(sub.stats.duplicates, 2);
  assert.deepEqual(gaps, []);
  assert.equal(w.last, 4);
});

Deno.test("contiguous: a jump is a sequence gap with its exact range", () => {
  const { delivered, gaps, feed } = wire("contiguous");
  feed(10, 11, 15, 16);
  assert.deepEqual(delivered, [10, 11, 15, 16]);
  assert.deepEqual(gaps, [{
    stream: "test@contiguous",
    reason: "sequence",
    lastSequence: 11,
    nextSequence: 15,
    missed: 3,
  }]);
});

Deno.test("contiguous spans (diff depth U..u): the first id decides the gap, the last the duplicate", () => {
  const { sub, delivered, gaps, feed } = wire("contiguous", true);
  feed({ first: 1, id: 5 }, { first: 6, id: 9 }, { first: 3, id: 9 }, { first: 8, id: 12 });
  assert.deepEqual(delivered, [5, 9, 12], "an update overlapping what was applied is kept");
  assert.equal(sub.stats.duplicates, 1);
  assert.deepEqual(gaps, []);
  feed({ first: 20, id: 25 });
  assert.deepEqual(gaps, [{
    stream: "test@contiguous",
    reason: "sequence",
    lastSequence: 12,
    nextSequence: 20,
    missed: 7,
  }]);
});

Deno.test("increasing: jumps are no gap; an id at or below the last is a duplicate", () => {
  const { sub, delivered, gaps, feed } = wire("increasing");
  feed(5, 9, 9, 7, 100);
  assert.deepEqual(delivered, [5, 9, 100]);
  assert.equal(sub.stats.duplicates, 2);
  assert.deepEqual(gaps, []);
});

Deno.test("snapshot: an equal key is a new state, except while two sockets overlap", () => {
  const { w, sub, delivered, feed } = wire("snapshot");
  feed(1, 1, 0, 2);
  assert.deepEqual(delivered, [1, 1, 2], "equal kept, older dropped");
  assert.equal(sub.stats.duplicates, 1);
  w.overlap = true;
  feed(2, 3);
  assert.deepEqual(delivered, [1, 1, 2, 3], "equal is a duplicate during an overlap");
  assert.equal(sub.stats.duplicates, 2);
});

Deno.test("resumed contiguous: the next id proves nothing was missed; a jump is a reconnect gap", () => {
  const a = wire("contiguous");
  a.feed(1, 2);
  a.w.resumed = true;
  a.feed(3);
  assert.deepEqual(a.gaps, []);
  assert.equal(a.w.resumed, false, "one update ends the resume");

  const b = wire("contiguous");
  b.feed(1, 2);
  b.w.resumed = true;
  b.feed(7, 9);
  assert.deepEqual(b.gaps, [
    { stream: "test@contiguous", reason: "reconnect", lastSequence: 2, nextSequence: 7, missed: 4 },
    { stream: "test@contiguous", reason: "sequence", lastSequence: 7, nextSequence: 9, missed: 1 },
  ]);
});

Deno.test("resumed increasing and snapshot streams cannot prove continuity: a reconnect gap", () => {
  for (const order of ["increasing", "snapshot"] as const) {
    const { w, delivered, gaps, feed } = wire(order);
    feed(4);
    w.resumed = true;
    feed(5, 6);
    assert.deepEqual(delivered, [4, 5, 6]);
    assert.deepEqual(gaps, [{
      stream: `test@${order}`,
      reason: "reconnect",
      lastSequence: 4,
      nextSequence: 5,
    }], order);
  }
});

Deno.test("resumed before any update: a reconnect gap names only the next sequence", () => {
  const { w, gaps, feed } = wire("contiguous");
  w.resumed = true;
  feed(8);
  assert.deepEqual(gaps, [{ stream: "test@contiguous", reason: "reconnect", nextSequence: 8 }]);
});

Deno.test("rotation: the overlap is proven by an id at or below the last, or the very next one", () => {
  const proven = (order: StreamOrder, last: number | undefined, held: number[]) => {
    const { w, feed } = wire(order);
    if (last !== undefined) feed(last);
    w.pending = [];
    for (const id of held) w.hold({ id });
    return w.overlapProven();
  };
  assert.equal(proven("contiguous", 10, []), false, "nothing held yet");
  assert.equal(proven("contiguous", undefined, [1]), false, "nothing delivered yet");
  assert.equal(proven("contiguous", 10, [9, 10, 11]), true);
  assert.equal(proven("contiguous", 10, [11, 12]), true, "the next id follows on");
  assert.equal(proven("contiguous", 10, [12]), false, "a hole between the sockets");
  assert.equal(proven("increasing", 10, [10]), true);
  assert.equal(proven("increasing", 10, [11]), false, "an increasing id proves no overlap");
  assert.equal(proven("snapshot", 10, [10]), true);
});

Deno.test("rotation: a proven switch delivers the held updates once, from the new socket", () => {
  const { w, sub, delivered, gaps, feed } = wire("contiguous");
  const oldSocket = {};
  const newSocket = {};
  w.primary = oldSocket;
  feed(1, 2, 3);
  w.pending = [];
  for (const id of [2, 3, 4, 5]) w.hold({ id });
  assert.equal(w.overlapProven(), true);
  w.switchTo(newSocket, true);
  assert.equal(w.primary, newSocket);
  assert.equal(w.pending, undefined);
  assert.equal(w.overlap, true);
  assert.deepEqual(delivered, [1, 2, 3, 4, 5]);
  assert.equal(sub.stats.duplicates, 2);
  assert.deepEqual(gaps, []);
});

Deno.test("rotation: an unproven switch reports a rotation gap, or for contiguous ids the exact range", () => {
  const inc = wire("increasing");
  inc.feed(10);
  inc.w.pending = [];
  inc.w.hold({ id: 14 });
  inc.w.switchTo({}, false);
  assert.deepEqual(inc.delivered, [10, 14]);
  assert.deepEqual(inc.gaps, [{
    stream: "test@increasing",
    reason: "rotation",
    lastSequence: 10,
    nextSequence: 14,
  }]);

  const con = wire("contiguous");
  con.feed(10);
  con.w.pending = [];
  con.w.hold({ id: 14 });
  con.w.switchTo({}, false);
  assert.deepEqual(con.gaps, [{
    stream: "test@contiguous",
    reason: "sequence",
    lastSequence: 10,
    nextSequence: 14,
    missed: 3,
  }]);

  const none = wire("snapshot");
  none.feed(10);
  none.w.pending = [];
  none.w.switchTo({}, false);
  assert.deepEqual(none.gaps, [], "nothing held: nothing to report yet");
});

Deno.test("rotation: at most MAX_HELD updates are held; the oldest go first", () => {
  const { w } = wire("contiguous");
  w.pending = [];
  for (let id = 1; id <= MAX_HELD + 2; id++) w.hold({ id });
  assert.equal(w.pending.length, MAX_HELD);
  assert.equal(w.pending[0].id, 3);
});
