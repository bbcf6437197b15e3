// The User Data Stream machinery (core/_user_data.ts) against a small local peer that keeps
// subscriptions per socket as the docs describe (ids from 0 per socket, one per account,
// -2035 / -2036, eventStreamTerminated on unsubscribe and logout): routing by (socket, id) and
// account, sharing, unknown ids, reconnect, renewal with its hold and de-duplication,
// termination, unsubscribe of all, logout.
import assert from "node:assert/strict";
import {
  BinanceApiError,
  ConnectionClosedError,
  connectWsApi,
  createSigner,
  orderCancelReplace,
  OrderNotPlacedContradictedError,
  OrderNotPlacedError,
  orderPlace,
  sessionLogout,
  UnexpectedMessageError,
  userDataStreamSubscribe,
  userDataStreamSubscribeSignature,
  userDataStreamUnsubscribe,
  ValidationError,
} from "../../mod.ts";
import { FAKE_ACCOUNT } from "../../testing/mod.ts";
import { eventIdentity } from "../../core/_user_data.ts";
import { newOrderReport, waitFor } from "../_helpers.ts";
import { type PeerSocket, setup, terminatedEvent, type UdsPeer } from "./_uds_peer.ts";

const OTHER_KEY = "otherAccountKey0000000000000000000000000000000000000000000000000";

let seq = 0;
/** A balanceUpdate with a unique delta (its identity). */
function deposit(asset = "USDT"): Record<string, unknown> {
  seq++;
  return {
    e: "balanceUpdate",
    E: Date.now(),
    a: asset,
    d: `${seq}.00000000`,
    T: 1_700_000_000_000 + seq,
  };
}

type Raw = { raw: Readonly<Record<string, unknown>> };
function deltas(events: Raw[]): string[] {
  return events.filter((e) => e.raw.e === "balanceUpdate").map((e) => String(e.raw.d));
}

Deno.test("user data: two accounts on one connection never see each other's events", async () => {
  await using t = await setup();
  const mine = await userDataStreamSubscribe(t.conn);
  const other = await userDataStreamSubscribeSignature(t.conn, {}, {
    credentials: {
      apiKey: OTHER_KEY,
      signer: await createSigner(FAKE_ACCOUNT.hmacKey),
    },
  });
  assert.equal(mine.subscriptionId, 0);
  assert.equal(other.subscriptionId, 1);
  const a: Raw[] = [];
  const b: Raw[] = [];
  mine.on("data", (e) => a.push(e));
  other.on("data", (e) => b.push(e));
  const sentA: string[] = [];
  const sentB: string[] = [];
  for (let i = 0; i < 50; i++) {
    const ea = deposit("BTC");
    const eb = deposit("ETH");
    sentA.push(String(ea.d));
    sentB.push(String(eb.d));
    t.peer.push(FAKE_ACCOUNT.apiKey, ea);
    t.peer.push(OTHER_KEY, eb);
  }
  await waitFor("the events", () => a.length === 50 && b.length === 50);
  assert.deepEqual(deltas(a), sentA);
  assert.deepEqual(deltas(b), sentB);
  // The signature subscription carried apiKey and signature although the session is logged on.
  const sig = t.peer.log.find((r) => r.method === "userDataStream.subscribe.signature")!;
  assert.equal(sig.params.apiKey, OTHER_KEY);
  assert.equal(typeof sig.params.signature, "string");
  assert.deepEqual(t.peer.log.find((r) => r.method === "userDataStream.subscribe")!.params, {});
  assert.deepEqual(t.errors, []);
  await mine.unsubscribe();
  await other.unsubscribe();
});

Deno.test("user data: local subscriptions of one account share one server subscription", async () => {
  await using t = await setup();
  const one = await userDataStreamSubscribe(t.conn);
  const two = await userDataStreamSubscribeSignature(t.conn); // same account: no -2035
  const subscribes = () =>
    t.peer.log.filter((r) => r.method.startsWith("userDataStream.subscribe")).length;
  assert.equal(subscribes(), 1);
  assert.equal(two.subscriptionId, one.subscriptionId);
  const a: Raw[] = [];
  const b: Raw[] = [];
  one.on("data", (e) => a.push(e));
  two.on("data", (e) => b.push(e));
  t.peer.push(FAKE_ACCOUNT.apiKey, deposit());
  await waitFor("both", () => a.length === 1 && b.length === 1);
  await one.unsubscribe();
  assert.equal(t.peer.log.filter((r) => r.method === "userDataStream.unsubscribe").length, 0);
  t.peer.push(FAKE_ACCOUNT.apiKey, deposit());
  await waitFor("the second", () => b.length === 2);
  assert.equal(a.length, 1);
  await two.unsubscribe();
  const un = t.peer.log.filter((r) => r.method === "userDataStream.unsubscribe");
  assert.deepEqual(un.map((r) => r.params), [{ subscriptionId: 0 }]);
  assert.deepEqual(t.errors, [], "the eventStreamTerminated of our unsubscribe is expected");
});

Deno.test("user data: an event for no known subscription is an error event", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribe(t.conn);
  t.peer.sockets[0].ws.send(JSON.stringify({ subscriptionId: 7, event: deposit() }));
  await waitFor("the error", () => t.errors.length === 1);
  assert.match(t.errors[0].message, /no known subscription \(subscriptionId 7\)/);
  await sub.unsubscribe();
});

Deno.test("user data: an event its model refuses (an id above 2^53) is an error carrying the whole event, exactly", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribe(t.conn);
  const malformed: Error[] = [];
  sub.on("error", ({ error }) => malformed.push(error));
  const report = JSON.parse(
    await Deno.readTextFile(new URL("../fixtures/user_data/executionReport.json", import.meta.url)),
  ).event;
  const id = t.peer.sockets[0].subs.keys().next().value;
  // Long enough (over 500 characters) that a cut frame would lose the id's digits.
  const long = { ...report, i: "__BIG__", extra: "x".repeat(600) };
  const text = JSON.stringify({ subscriptionId: id, event: long })
    .replace('"__BIG__"', "9007199254740993");
  t.peer.sockets[0].ws.send(text);
  await waitFor("the error", () => malformed.length === 1);
  const error = malformed[0];
  assert.ok(error instanceof UnexpectedMessageError, String(error));
  assert.match(error.message, /"i".*its exact digits are in the error's `frame`/);
  assert.match(error.frame, /"e":"executionReport"/);
  assert.match(error.frame, /"i":9007199254740993[,}]/);
  assert.ok(error.frame.length > 600 && !error.frame.endsWith("…"), "the whole event");
  await sub.unsubscribe();
});

Deno.test("user data: after a reconnect the subscription is made again after the logon, gap first", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribe(t.conn);
  const log: string[] = [];
  sub.on("gap", (g) => log.push(`gap:${g.reason}:${g.subscriptionId}`));
  sub.on("resubscribed", (r) => log.push(`resubscribed:${r.subscriptionId}`));
  sub.on("data", (e) => log.push(`data:${e.raw.d}`));
  t.peer.push(FAKE_ACCOUNT.apiKey, deposit());
  await waitFor("the first event", () => log.length === 1);
  t.peer.drop();
  await waitFor("resubscribed", () => log.some((l) => l.startsWith("resubscribed")));
  const ps = t.peer.sockets[0];
  const methods = ps.requests.map((r) => r.method);
  assert.ok(
    methods.indexOf("session.logon") < methods.indexOf("userDataStream.subscribe"),
    methods.join(),
  );
  const e = deposit();
  t.peer.push(FAKE_ACCOUNT.apiKey, e);
  await waitFor("the event after", () => log.length === 4);
  assert.deepEqual(log.slice(1), ["gap:reconnect:0", "resubscribed:0", `data:${e.d}`]);
  assert.equal(sub.stats.gaps, 1);
  await sub.unsubscribe();
});

Deno.test("user data: -2042 (subscription ids used up) renews the socket and subscribes there", async () => {
  await using t = await setup();
  t.peer.exhausted.add(0);
  const sub = await userDataStreamSubscribe(t.conn);
  assert.equal(sub.subscriptionId, 0);
  const subscribes = t.peer.log.filter((r) => r.method === "userDataStream.subscribe");
  assert.deepEqual(subscribes.map((r) => r.n), [0, 1], "refused on socket 0, made on socket 1");
  await waitFor("the old socket closed", () => t.peer.sockets.every((ps) => ps.n === 1));
  const e = deposit();
  t.peer.push(FAKE_ACCOUNT.apiKey, e);
  const got = await sub[Symbol.asyncIterator]().next();
  assert.equal(got.value?.raw.d, e.d);
  assert.deepEqual(t.errors, []);
});

Deno.test("user data: a renewal subscribes on the new socket before the old one closes, events once", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribeSignature(t.conn);
  const got: Raw[] = [];
  const gaps: unknown[] = [];
  const resubscribed: unknown[] = [];
  sub.on("data", (e) => got.push(e));
  sub.on("gap", (g) => gaps.push(g));
  sub.on("resubscribed", (r) => resubscribed.push(r));
  const old = t.peer.sockets[0];
  // The subscribe is slow, and so is the check after it: the sockets overlap for 100 ms.
  t.peer.delays = { "userDataStream.subscribe.signature": 100, "session.subscriptions": 100 };
  const sent: string[] = [];
  const pump = setInterval(() => {
    const e = deposit();
    sent.push(String(e.d));
    t.peer.push(FAKE_ACCOUNT.apiKey, e); // to both sockets during the overlap
  }, 5);
  try {
    await t.conn.renew();
    await waitFor("the new subscription", () => resubscribed.length === 1);
    // The old socket was held open until the new subscription was acknowledged.
    await waitFor("the old socket closed", () => !t.peer.sockets.includes(old));
    await new Promise((r) => setTimeout(r, 30));
  } finally {
    clearInterval(pump);
  }
  await waitFor("every event", () => got.length === sent.length);
  assert.deepEqual(deltas(got), sent);
  assert.deepEqual(gaps, []);
  assert.ok(sub.stats.duplicates > 0, "the overlap delivered copies, removed");
  // The new subscription was checked with session.subscriptions.
  await waitFor(
    "the check",
    () => t.peer.sockets[0].requests.some((r) => r.method === "session.subscriptions"),
  );
  assert.deepEqual(t.errors, []);
  await sub.unsubscribe();
});

for (const check of ["session.subscriptions", "session.status"] as const) {
  Deno.test(`user data: a subscription missing after a renewal (${check} says so) is made again, gap first`, async () => {
    await using t = await setup();
    const sub = await userDataStreamSubscribe(t.conn);
    const log: string[] = [];
    sub.on("gap", (g) => log.push(`gap:${g.reason}`));
    sub.on("resubscribed", (r) => log.push(`resubscribed:${r.subscriptionId}`));
    sub.on("data", (e) => log.push(`data:${e.raw.d}`));
    // The new socket acknowledges the subscribe but keeps nothing: only the check can tell.
    t.peer.phantom.add(1);
    t.peer.refuseSubscriptionsList = check === "session.status";
    await t.conn.renew();
    await waitFor("made again", () => log.filter((l) => l.startsWith("resubscribed")).length === 2);
    const e = deposit();
    t.peer.push(FAKE_ACCOUNT.apiKey, e);
    await waitFor("the event after", () => log.some((l) => l.startsWith("data")));
    assert.deepEqual(log, ["resubscribed:0", "gap:renewal", "resubscribed:1", `data:${e.d}`]);
    const onNew = t.peer.log.filter((r) => r.n === 1).map((r) => r.method);
    assert.equal(onNew.filter((m) => m === "userDataStream.subscribe").length, 2, onNew.join());
    if (check === "session.status") assert.ok(onNew.includes("session.status"), onNew.join());
    assert.ok(t.errors.some((err) => /missing after a renewal/.test(err.message)));
    await sub.unsubscribe();
  });
}

Deno.test("user data: an unprompted eventStreamTerminated resubscribes, gap first", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribe(t.conn);
  const log: string[] = [];
  sub.on("gap", (g) => log.push(`gap:${g.reason}`));
  sub.on(
    "resubscribed",
    (r) => log.push(`resubscribed:${r.previousSubscriptionId}->${r.subscriptionId}`),
  );
  sub.on("data", (e) => log.push(`data:${e.raw.e}`));
  t.peer.terminate(FAKE_ACCOUNT.apiKey);
  await waitFor("resubscribed", () => log.some((l) => l.startsWith("resubscribed")));
  t.peer.push(FAKE_ACCOUNT.apiKey, deposit());
  await waitFor("the event after", () => log.length === 4);
  assert.deepEqual(log, [
    "data:eventStreamTerminated",
    "gap:terminated",
    "resubscribed:undefined->1",
    "data:balanceUpdate",
  ]);
  assert.ok(sub.active);
  await sub.unsubscribe();
});

Deno.test("user data: unsubscribe without an id ends every subscription; none is made again", async () => {
  await using t = await setup();
  const one = await userDataStreamSubscribe(t.conn);
  const two = await userDataStreamSubscribeSignature(t.conn, {}, {
    credentials: { apiKey: OTHER_KEY, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  const ends: string[] = [];
  one.on("end", (e) => ends.push(e.reason));
  two.on("end", (e) => ends.push(e.reason));
  await userDataStreamUnsubscribe(t.conn);
  assert.deepEqual(ends, ["unsubscribed", "unsubscribed"]);
  assert.equal(one.active, false);
  assert.equal(t.peer.sockets[0].subs.size, 0);
  t.peer.drop();
  await waitFor("reconnected", () => t.peer.sockets.length === 1 && t.conn.state === "open");
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(
    t.peer.sockets[0].requests.filter((r) => r.method.startsWith("userDataStream.subscribe"))
      .length,
    0,
  );
  assert.deepEqual(t.errors, []);
});

Deno.test("user data: sessionLogout ends the logon subscription, the signature one goes on", async () => {
  await using t = await setup();
  const logon = await userDataStreamSubscribe(t.conn);
  const other = await userDataStreamSubscribeSignature(t.conn, {}, {
    credentials: { apiKey: OTHER_KEY, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  const ends: string[] = [];
  logon.on("end", (e) => ends.push(e.reason));
  await sessionLogout(t.conn);
  assert.deepEqual(ends, ["loggedOut"]);
  const got: Raw[] = [];
  other.on("data", (e) => got.push(e));
  t.peer.push(OTHER_KEY, deposit());
  await waitFor("the other's event", () => got.length === 1);
  assert.equal(
    t.peer.log.filter((r) => r.method === "userDataStream.subscribe").length,
    1,
    "not made again",
  );
  assert.deepEqual(t.errors, []);
  await other.unsubscribe();
});

Deno.test("user data: userDataStreamSubscribe needs a session able to log on", async () => {
  await using t = await setup({
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  await assert.rejects(userDataStreamSubscribe(t.conn), ValidationError);
  assert.equal(t.peer.log.filter((r) => r.method.startsWith("userDataStream")).length, 0);
  await using bare = await connectWsApi({ url: t.peer.url });
  await assert.rejects(userDataStreamSubscribeSignature(bare), ValidationError);
});

Deno.test("user data: -2035 from a subscription this client did not make rejects", async () => {
  await using t = await setup();
  await waitFor("the logon", () => t.conn.loggedOn);
  await t.conn.request("userDataStream.subscribe", {}, { security: "NONE" });
  await assert.rejects(
    userDataStreamSubscribe(t.conn),
    (e) => e instanceof BinanceApiError && e.code === -2035,
  );
});

Deno.test("user data: a slow consumer's overflow is a gap with what was dropped", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribe(t.conn, {}, { bufferSize: 2 });
  const gaps: { reason: string; dropped?: number }[] = [];
  sub.on("gap", (g) => gaps.push(g));
  const it = sub[Symbol.asyncIterator]();
  for (let i = 0; i < 5; i++) t.peer.push(FAKE_ACCOUNT.apiKey, deposit());
  await waitFor("the drops", () => sub.stats.dropped === 3);
  assert.deepEqual(gaps.map((g) => g.reason), ["overflow"]);
  assert.equal((await it.next()).done, false);
  await it.return!();
  assert.equal(sub.active, false);
});

Deno.test("user data: event identities tell copies from different events", () => {
  const report = {
    e: "executionReport",
    E: 1,
    s: "BTCUSDT",
    i: 5,
    x: "TRADE",
    X: "PARTIALLY_FILLED",
    z: "0.5",
    I: 9,
    t: 3,
    T: 2,
  };
  assert.equal(eventIdentity(report), eventIdentity({ ...report, E: 7 }));
  assert.notEqual(eventIdentity(report), eventIdentity({ ...report, z: "0.6", I: 10 }));
  const pos = { e: "outboundAccountPosition", E: 1, u: 2, B: [{ a: "BTC", f: "1", l: "0" }] };
  assert.equal(eventIdentity(pos), eventIdentity({ ...pos, E: 3 }));
  assert.notEqual(eventIdentity(pos), eventIdentity({ ...pos, B: [{ a: "BTC", f: "2", l: "0" }] }));
  assert.equal(eventIdentity({ e: "eventStreamTerminated", E: 1 }), undefined);
  assert.equal(
    eventIdentity({ e: "newKind", E: 1, x: 1 }),
    eventIdentity({ e: "newKind", E: 2, x: 1 }),
  );
});

const ORDER = {
  symbol: "BTCUSDT",
  side: "BUY",
  type: "LIMIT",
  timeInForce: "GTC",
  quantity: "0.01",
  price: "50000",
} as const;

Deno.test("user data: an executionReport resolves an order write whose answer was lost, at once", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribe(t.conn);
  const started = Date.now();
  const placing = orderPlace(t.conn, { ...ORDER, newClientOrderId: "lost-1" }, {
    timeoutMs: 200,
    resolveTimeoutMs: 30_000,
  });
  await waitFor("the placement", () => t.peer.log.some((r) => r.method === "order.place"));
  await new Promise((r) => setTimeout(r, 300)); // timed out: being resolved by lookups
  t.peer.push(FAKE_ACCOUNT.apiKey, newOrderReport("lost-1"));
  const order = await placing;
  assert.equal((order as { recovered?: boolean }).recovered, true);
  assert.equal(order.orderId, 4242);
  assert.equal(order.status, "NEW");
  // Long before the window (5 s) and its margin (10 s) could have given a verdict.
  assert.ok(Date.now() - started < 3_000);
  assert.deepEqual(t.errors, []);
  await sub.unsubscribe();
});

Deno.test("user data: a report after an OrderNotPlacedError is an error event naming the order", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribe(t.conn);
  await assert.rejects(
    orderPlace(t.conn, { ...ORDER, newClientOrderId: "ghost-1", recvWindow: 50 }, {
      timeoutMs: 100,
      unknownOutcomeMarginMs: 0,
      resolveTimeoutMs: 10_000,
    }),
    OrderNotPlacedError,
  );
  t.peer.push(FAKE_ACCOUNT.apiKey, newOrderReport("ghost-1"));
  await waitFor("the error", () => t.errors.length === 1);
  const error = t.errors[0];
  assert.ok(error instanceof OrderNotPlacedContradictedError, String(error));
  assert.equal(error.clientOrderId, "ghost-1");
  assert.equal(error.orderId, 4242);
  assert.match(error.message, /"ghost-1"/);
  await sub.unsubscribe();
});

/** Whether the peer answered a request of `method`. */
function answered(peer: UdsPeer, method: string): boolean {
  return peer.log.some((r) => r.method === method);
}

/** Rejects when `promise` has not settled within `ms` (the test fails instead of hanging). */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, bound]);
  } finally {
    clearTimeout(timer);
  }
}

Deno.test("user data: unsubscribe of all while the first subscribe waits rejects that subscribe", async () => {
  await using t = await setup();
  await waitFor("the logon", () => t.conn.loggedOn);
  t.peer.delays = { "userDataStream.subscribe": 200 };
  const subscribing = userDataStreamSubscribe(t.conn);
  subscribing.catch(() => {});
  await userDataStreamUnsubscribe(t.conn);
  const error = await within(
    subscribing.then(() => undefined, (e: unknown) => e),
    2000,
    "the subscribe",
  );
  assert.ok(error instanceof ConnectionClosedError, String(error));
  assert.match(error.message, /"unsubscribed"/);
  // The late acknowledgement is closed again: nothing is left on the peer.
  await waitFor("the late answer", () => answered(t.peer, "userDataStream.subscribe"));
  await waitFor("closed again", () => t.peer.sockets[0].subs.size === 0);
  assert.deepEqual(t.errors, []);
});

Deno.test("user data: sessionLogout while the first subscribe waits rejects that subscribe", async () => {
  await using t = await setup();
  await waitFor("the logon", () => t.conn.loggedOn);
  t.peer.delays = { "userDataStream.subscribe": 200 };
  const subscribing = userDataStreamSubscribe(t.conn);
  subscribing.catch(() => {});
  await sessionLogout(t.conn);
  const error = await within(
    subscribing.then(() => undefined, (e: unknown) => e),
    2000,
    "the subscribe",
  );
  assert.ok(error instanceof ConnectionClosedError, String(error));
  assert.match(error.message, /"loggedOut"/);
  await waitFor("the late answer", () => answered(t.peer, "userDataStream.subscribe"));
});

Deno.test("user data: the old socket closing before the renewal's subscribe is acked is a renewal gap", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribeSignature(t.conn);
  const log: string[] = [];
  sub.on("gap", (g) => log.push(`gap:${g.reason}`));
  sub.on("resubscribed", (r) => log.push(`resubscribed:${r.subscriptionId}`));
  sub.on("data", (e) => log.push(`data:${e.raw.d}`));
  const old = t.peer.sockets[0];
  t.peer.delays = { "userDataStream.subscribe.signature": 200 };
  await t.conn.renew();
  await waitFor(
    "the subscribe sent on the new socket",
    () =>
      t.peer.received.some((r) => r.n === 1 && r.method === "userDataStream.subscribe.signature"),
  );
  old.ws.close(); // the old subscription is gone before the new one is acknowledged
  await waitFor("resubscribed", () => log.some((l) => l.startsWith("resubscribed")));
  const e = deposit();
  t.peer.push(FAKE_ACCOUNT.apiKey, e);
  await waitFor("the event after", () => log.some((l) => l.startsWith("data:")));
  assert.deepEqual(log, ["gap:renewal", "resubscribed:0", `data:${e.d}`]);
  assert.equal(sub.stats.gaps, 1);
  // Not sent again: one subscribe on the new socket.
  assert.equal(
    t.peer.received.filter((r) => r.n === 1 && r.method.startsWith("userDataStream.subscribe"))
      .length,
    1,
  );
  await sub.unsubscribe();
});

/** An outboundAccountPosition of one update time with this free BTC balance. */
function position(free: string, u = 1_700_000_000_000): Record<string, unknown> {
  return { e: "outboundAccountPosition", E: Date.now(), u, B: [{ a: "BTC", f: free, l: "0" }] };
}

function frees(events: Raw[]): string[] {
  return events.filter((e) => e.raw.e === "outboundAccountPosition").map((e) =>
    String((e.raw.B as { f: string }[])[0].f)
  );
}

Deno.test("user data: during a renewal's overlap A, B, A of one socket are three events, their copies removed", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribeSignature(t.conn);
  const got: Raw[] = [];
  const resubscribed: unknown[] = [];
  sub.on("data", (e) => got.push(e));
  sub.on("resubscribed", (r) => resubscribed.push(r));
  const old = t.peer.sockets[0];
  t.peer.delays = { "session.subscriptions": 100 }; // holds the old socket open
  await t.conn.renew();
  await waitFor("the new subscription", () => resubscribed.length === 1);
  assert.equal(t.peer.sockets.length, 2, "both sockets carry the subscription");
  for (const free of ["1", "2", "1"]) t.peer.push(FAKE_ACCOUNT.apiKey, position(free));
  await waitFor("the old socket closed", () => !t.peer.sockets.includes(old));
  await waitFor("the hand-over", () => got.length + sub.stats.duplicates === 6);
  assert.deepEqual(frees(got), ["1", "2", "1"]);
  assert.equal(sub.stats.duplicates, 3);
  await sub.unsubscribe();
});

Deno.test("user data: after a renewal, two identical events of the new socket are both delivered", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribeSignature(t.conn);
  const got: Raw[] = [];
  sub.on("data", (e) => got.push(e));
  const old = t.peer.sockets[0];
  t.peer.delays = { "session.subscriptions": 50 };
  await t.conn.renew();
  await waitFor("the old socket closed", () => !t.peer.sockets.includes(old));
  t.peer.push(FAKE_ACCOUNT.apiKey, position("3", 1_700_000_000_001));
  t.peer.push(FAKE_ACCOUNT.apiKey, position("3", 1_700_000_000_001));
  await waitFor("both", () => got.length + sub.stats.duplicates === 2);
  assert.deepEqual(frees(got), ["3", "3"]);
  await sub.unsubscribe();
});

Deno.test("user data: a REJECTED report of a cancel-replace's new order is no evidence it exists", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribe(t.conn);
  const placing = orderCancelReplace(t.conn, {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    quantity: "0.01",
    price: "50000",
    cancelReplaceMode: "STOP_ON_FAILURE",
    cancelOrderId: 1,
    newClientOrderId: "cr-1",
    recvWindow: 50,
  }, { timeoutMs: 200, unknownOutcomeMarginMs: 0, resolveTimeoutMs: 30_000 });
  await waitFor("the placement", () => t.peer.log.some((r) => r.method === "order.cancelReplace"));
  // The engine canceled the old order and refused the new one (enums.md: execution type
  // REJECTED, "Cancel Replace Orders wherein the new order placement is rejected").
  t.peer.push(FAKE_ACCOUNT.apiKey, {
    ...newOrderReport("cr-1"),
    x: "REJECTED",
    X: "REJECTED",
    r: "INSUFFICIENT_BALANCES",
    i: -1,
    w: false,
  });
  // The lookups decide (the peer holds no such order): not placed, never "recovered".
  await assert.rejects(placing, OrderNotPlacedError);
  assert.ok(t.peer.log.some((r) => r.method === "order.status"), "resolved by lookups");
  await sub.unsubscribe();
});

Deno.test("user data: placing again with a client id judged not placed is no contradiction", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribe(t.conn);
  const order = {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    quantity: "0.01",
    price: "50000",
    newClientOrderId: "again-1",
  } as const;
  await assert.rejects(
    orderPlace(t.conn, { ...order, recvWindow: 50 }, {
      timeoutMs: 100,
      unknownOutcomeMarginMs: 0,
      resolveTimeoutMs: 10_000,
    }),
    OrderNotPlacedError,
  );
  // The caller places it again (the same idempotency id); the exchange takes it, its report
  // comes: it resolves the new call, and contradicts nothing.
  const again = orderPlace(t.conn, order, { timeoutMs: 100 });
  await waitFor("sent", () => t.peer.log.filter((r) => r.method === "order.place").length === 2);
  t.peer.push(FAKE_ACCOUNT.apiKey, newOrderReport("again-1"));
  const r = await again;
  assert.equal((r as { recovered?: boolean }).recovered, true);
  assert.deepEqual(t.errors.map((e) => e.name), []);
  await sub.unsubscribe();
});

Deno.test("user data: after a renewal whose new id equals the old one, subscriptionId stays the live id", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribeSignature(t.conn);
  assert.equal(sub.subscriptionId, 0);
  const old = t.peer.sockets[0];
  const resubscribed: unknown[] = [];
  sub.on("resubscribed", (r) => resubscribed.push(r));
  await t.conn.renew();
  await waitFor("the new subscription", () => resubscribed.length === 1);
  // Ids start at 0 on every socket: the old one's closing must not clear the new one's.
  await waitFor("the old socket closed", () => !t.peer.sockets.includes(old));
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(t.peer.sockets[0].subs.size, 1, "the server subscription lives");
  assert.equal(sub.subscriptionId, 0);
  await sub.unsubscribe();
});

Deno.test("user data: across a renewal two equal events are two events (A, B, A), the overlap's copy one", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribeSignature(t.conn);
  const got: Raw[] = [];
  sub.on("data", (e) => got.push(e));
  const resubscribed: unknown[] = [];
  sub.on("resubscribed", (r) => resubscribed.push(r));
  const old = t.peer.sockets[0];
  t.peer.delays = { "session.subscriptions": 300 }; // holds the old socket open
  await t.conn.renew();
  await waitFor("the new subscription", () => resubscribed.length === 1);
  const neu = t.peer.sockets.find((s) => s !== old)!;
  const frame = (ps: PeerSocket, ev: Record<string, unknown>) =>
    ps.ws.send(JSON.stringify({ subscriptionId: [...ps.subs.keys()][0], event: ev }));
  // The balance goes 1, 2, 1 within one millisecond: the old socket delivers the first 1 and
  // goes; the new one carries all three.
  frame(old, position("1"));
  for (const free of ["1", "2", "1"]) frame(neu, position(free));
  await new Promise((r) => setTimeout(r, 50));
  old.ws.close();
  await waitFor("the old socket closed", () => !t.peer.sockets.includes(old));
  await new Promise((r) => setTimeout(r, 400)); // the delayed answer, and the hand-over
  const frees = got.filter((e) => e.raw.e === "outboundAccountPosition")
    .map((e) => String((e.raw.B as { f: string }[])[0].f));
  assert.deepEqual(frees, ["1", "2", "1"]);
  assert.equal(sub.stats.duplicates, 1);
  await sub.unsubscribe();
});

Deno.test("user data: the old socket's eventStreamTerminated during a renewal's overlap ends nothing", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribeSignature(t.conn);
  const log: string[] = [];
  sub.on("data", (e) => log.push(`data:${e.raw.e}`));
  sub.on("gap", (g) => log.push(`gap:${g.reason}`));
  sub.on("resubscribed", () => log.push("resubscribed"));
  sub.on("end", () => log.push("end"));
  const old = t.peer.sockets[0];
  t.peer.delays = { "session.subscriptions": 300 };
  await t.conn.renew();
  await waitFor("the new subscription", () => log.includes("resubscribed"));
  old.ws.send(JSON.stringify({ subscriptionId: 0, event: terminatedEvent() }));
  old.subs.clear();
  await new Promise((r) => setTimeout(r, 400));
  assert.deepEqual(log, ["resubscribed"]);
  // The active socket's subscription goes on.
  t.peer.push(FAKE_ACCOUNT.apiKey, deposit());
  await waitFor("the next event", () => log.length === 2);
  assert.deepEqual(log, ["resubscribed", "data:balanceUpdate"]);
  await sub.unsubscribe();
});

Deno.test("user data: a subscription that joins while the account's is made again after a drop gets the gap too", async () => {
  await using t = await setup();
  const a = await userDataStreamSubscribeSignature(t.conn);
  const logA: string[] = [];
  a.on("gap", (g) => logA.push(`gap:${g.reason}`));
  t.peer.delays = { "userDataStream.subscribe.signature": 300 };
  t.peer.drop();
  await waitFor(
    "the resubscribe sent",
    () =>
      t.peer.received.some((r) => r.n === 1 && r.method === "userDataStream.subscribe.signature"),
  );
  const b = await userDataStreamSubscribeSignature(t.conn);
  const logB: string[] = [];
  b.on("gap", (g) => logB.push(`gap:${g.reason}`));
  b.on("resubscribed", () => logB.push("resubscribed"));
  await waitFor("resubscribed", () => logB.includes("resubscribed"));
  assert.deepEqual(logA, ["gap:reconnect"]);
  assert.deepEqual(logB, ["gap:reconnect", "resubscribed"]);
  await a.unsubscribe();
  await b.unsubscribe();
});

Deno.test("user data: a gap nobody listens to goes to the console", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribeSignature(t.conn);
  const warned: string[] = [];
  const warn = console.warn;
  console.warn = (message: string) => warned.push(message);
  try {
    const resubscribed = new Promise((r) => sub.on("resubscribed", r));
    t.peer.drop();
    await resubscribed;
  } finally {
    console.warn = warn;
  }
  assert.equal(sub.stats.gaps, 1);
  assert.equal(warned.length, 1);
  assert.match(warned[0], /possible gap in the User Data Stream of .*\(reconnect\)/);
  await waitFor("the dropped socket gone", () => t.peer.sockets.length === 1);
  await new Promise((r) => setTimeout(r, 100)); // the dropped socket's close, on both sides
  await sub.unsubscribe();
});

Deno.test("user data: events that come before their subscription's answer go first, while another subscribe is in flight", async () => {
  await using t = await setup();
  const mine = await userDataStreamSubscribe(t.conn);
  const other = await userDataStreamSubscribeSignature(t.conn, {}, {
    credentials: { apiKey: OTHER_KEY, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  const got: Raw[] = [];
  const resubscribed: unknown[] = [];
  mine.on("data", (e) => got.push(e));
  mine.on("resubscribed", (r) => resubscribed.push(r));
  const otherBack = new Promise((r) => other.on("resubscribed", r));
  // After the drop, the peer sends e1 right before mine's answer; the other account's answer
  // is slow, and e2 comes after mine's.
  const e1 = deposit();
  t.peer.preAck.set(FAKE_ACCOUNT.apiKey, e1);
  t.peer.delays = { "userDataStream.subscribe.signature": 300 };
  t.peer.drop();
  await waitFor("mine made again", () => resubscribed.length === 1);
  const e2 = deposit();
  t.peer.push(FAKE_ACCOUNT.apiKey, e2);
  await waitFor("both", () => deltas(got).length === 2, 3000);
  assert.deepEqual(deltas(got), [e1.d, e2.d]);
  await otherBack;
  await mine.unsubscribe();
  await other.unsubscribe();
});

Deno.test("user data: subscribing again after leaving while a resubscribe was in flight waits for it, no -2035", async () => {
  await using t = await setup();
  const a = await userDataStreamSubscribeSignature(t.conn);
  // Every request takes the same time: the peer answers in order.
  t.peer.delays = {
    "userDataStream.subscribe.signature": 200,
    "userDataStream.unsubscribe": 200,
  };
  t.peer.drop();
  await waitFor(
    "the resubscribe sent",
    () =>
      t.peer.received.some((r) => r.n === 1 && r.method === "userDataStream.subscribe.signature"),
  );
  await a.unsubscribe();
  const b = await userDataStreamSubscribeSignature(t.conn);
  assert.equal(typeof b.subscriptionId, "number");
  assert.equal(t.peer.sockets[0].subs.size, 1, "one server subscription");
  await b.unsubscribe();
});

Deno.test("user data: sessionLogout ends the logon subscription's locals only; a signature one of the same account goes on", async () => {
  await using t = await setup();
  const logon = await userDataStreamSubscribe(t.conn);
  const sig = await userDataStreamSubscribeSignature(t.conn);
  const ends: string[] = [];
  const gaps: string[] = [];
  logon.on("end", (e) => ends.push(`logon:${e.reason}`));
  sig.on("end", (e) => ends.push(`sig:${e.reason}`));
  sig.on("gap", (g) => gaps.push(g.reason));
  let resubscribed = 0;
  sig.on("resubscribed", () => resubscribed++);
  await sessionLogout(t.conn);
  await waitFor("made again", () => resubscribed === 1 || ends.length > 1);
  assert.deepEqual(ends, ["logon:loggedOut"]);
  assert.equal(logon.active, false);
  assert.ok(sig.active);
  assert.deepEqual(gaps, ["terminated"]);
  // One server subscription was shared; after the logout it is made again by signature.
  const methods = t.peer.received.map((r) => r.method);
  assert.deepEqual(methods.slice(methods.indexOf("session.logout")), [
    "session.logout",
    "userDataStream.subscribe.signature",
  ]);
  const got: Raw[] = [];
  sig.on("data", (e) => got.push(e));
  t.peer.push(FAKE_ACCOUNT.apiKey, deposit());
  await waitFor("an event after the logout", () => got.length === 1);
  await sig.unsubscribe();
});
