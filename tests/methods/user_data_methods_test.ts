// The User Data Stream methods against the real fake exchange (client ↔ fake), each during a run
// of continuous trading (hundreds of orders, fills and cancels, from the subscribing connection
// and from a second one): two subscriptions on one connection get every event once, in order,
// and only their account's; local consumers of one account share one server subscription; a
// reconnect, a renewal and an unprompted termination resubscribe, with the gap before any event
// after it (none for a proven renewal overlap); unsubscribe and logout end what they end; an event
// for no subscription is an `error`; and an order write whose answer is lost resolves from its
// `executionReport` (§5).
//
// The truth the events are checked against is independent of the client: a raw WebSocket
// observer subscribed to the same account on its own connection (the fake sends one account's
// events to each of its subscriptions in the same order), and the fake's ground truth of every
// order (`fake.trading.orders`) and balance.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import {
  connectWsApi,
  createSigner,
  orderCancel,
  OrderOutcomeUnknownError,
  orderPlace,
  sessionLogout,
  sessionSubscriptions,
  sorOrderPlace,
  type UserDataEvent,
  type UserDataGap,
  userDataStreamSubscribe,
  userDataStreamSubscribeSignature,
  userDataStreamUnsubscribe,
  type UserDataSubscription,
  type WsApiConnection,
} from "../../mod.ts";
import { FAKE_ACCOUNT, type FakeBinance, startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

const A = FAKE_ACCOUNT.apiKey;
const A_SECRET = FAKE_ACCOUNT.hmacKey.secretKey;
const B = "udsE2eAccountB";
const B_SECRET = "uds-e2e-secret-of-b";
const RECONNECT = { initialDelayMs: 10, maxDelayMs: 50 };

type Raw = Record<string, unknown>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- The exchange, the connections ----------------------------------------------------------

interface Setup extends AsyncDisposable {
  fake: FakeBinance;
  /** A's connection (logged on with Ed25519): the subscriptions live here; A trades on it. */
  conn: WsApiConnection;
  /** B's trading connection (HMAC). */
  connB: WsApiConnection;
  /** B's credentials, for `userDataStreamSubscribeSignature` on `conn`. */
  credentialsB: { apiKey: string; signer: Awaited<ReturnType<typeof createSigner>> };
  /** Errors the connections emitted. */
  errors: Error[];
}

async function setup(): Promise<Setup> {
  const balances = { BTC: { free: "50" }, USDT: { free: "5000000" } };
  const fake = await startFakeBinance({
    accounts: [
      {
        apiKey: A,
        key: [FAKE_ACCOUNT.hmacKey, {
          type: "Ed25519",
          publicKey: FAKE_ACCOUNT.ed25519Key.publicKey,
        }],
        balances,
      },
      { apiKey: B, key: { type: "HMAC", secretKey: B_SECRET }, balances },
    ],
  });
  const errors: Error[] = [];
  const conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: A, signer: await createSigner(FAKE_ACCOUNT.ed25519Key) },
    reconnect: RECONNECT,
    timeoutMs: 3000,
    // No `rateLimits`: the client then enforces no ORDERS limit of its own (it counts every
    // order, where the fake, as Binance, gives back the filled ones' count).
    returnRateLimits: false,
    // An order a fault caught unexecuted is "not placed" soon (the fake has no engine delay).
    recvWindow: 1000,
    unknownOutcomeMarginMs: 200,
  });
  const credentialsB = {
    apiKey: B,
    signer: await createSigner({ type: "HMAC", secretKey: B_SECRET }),
  };
  const connB = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: credentialsB,
    reconnect: RECONNECT,
    timeoutMs: 3000,
    // No `rateLimits`: the client then enforces no ORDERS limit of its own (it counts every
    // order, where the fake, as Binance, gives back the filled ones' count).
    returnRateLimits: false,
    // An order a fault caught unexecuted is "not placed" soon (the fake has no engine delay).
    recvWindow: 1000,
    unknownOutcomeMarginMs: 200,
  });
  conn.on("error", ({ error }) => errors.push(error));
  connB.on("error", ({ error }) => errors.push(error));
  return {
    fake,
    conn,
    connB,
    credentialsB,
    errors,
    async [Symbol.asyncDispose]() {
      await conn.close();
      await connB.close();
      await fake.close();
    },
  };
}

/** The fake's connection number that carries `apiKey`'s subscriptions other than the observers'. */
function clientSubscriptions(fake: FakeBinance, observers: Observer[], apiKey?: string) {
  const skip = new Set(observers.map((o) => o.connection));
  return fake.userData.subscriptions().filter((s) =>
    !skip.has(s.connection) && (apiKey === undefined || s.apiKey === apiKey)
  );
}

// ---- An independent observer: a raw WebSocket subscribed to one account ----------------------

interface Observer {
  /** Its connection number on the fake. */
  connection: number;
  /** Every event of its subscription, parsed, in order of arrival. */
  events: Raw[];
  close(): Promise<void>;
}

/** Signs as the docs describe (HMAC-SHA256 of the sorted `key=value` pairs), not as the module. */
function signed(params: Raw, secret: string): Raw {
  const payload = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join("&");
  return { ...params, signature: createHmac("sha256", secret).update(payload).digest("hex") };
}

async function observe(fake: FakeBinance, apiKey: string, secret: string): Promise<Observer> {
  const before = fake.totalConnections;
  const ws = new WebSocket(fake.wsApiUrl);
  const closed = new Promise((r) => ws.addEventListener("close", r));
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  const events: Raw[] = [];
  const answer = Promise.withResolvers<Raw>();
  const sub: { id?: number } = {};
  ws.onmessage = (e) => {
    const frame = JSON.parse(e.data);
    if (frame.id === 1) {
      // Its subscribe is answered before any event of it is sent: the id is known in time.
      sub.id = frame.result?.subscriptionId;
      answer.resolve(frame);
    } else if (frame.subscriptionId === sub.id && frame.event) events.push(frame.event);
  };
  ws.send(JSON.stringify({
    id: 1,
    method: "userDataStream.subscribe.signature",
    params: signed({ apiKey, timestamp: Date.now() }, secret),
  }));
  const frame = await answer.promise;
  assert.equal(frame.status, 200, JSON.stringify(frame));
  return {
    connection: before + 1,
    events,
    async close() {
      ws.close();
      await closed;
    },
  };
}

// ---- What a subscription saw ---------------------------------------------------------------

type Entry =
  | { kind: "data"; event: UserDataEvent }
  | { kind: "gap"; gap: UserDataGap }
  | { kind: "resubscribed"; subscriptionId: number; previousSubscriptionId?: number }
  | { kind: "end"; reason: string }
  | { kind: "error"; error: Error };

interface Tracked {
  sub: UserDataSubscription<UserDataEvent>;
  /** Everything, in the order the listeners saw it. */
  timeline: Entry[];
  /** The data events' raw payloads. */
  raw: Raw[];
}

function track(sub: UserDataSubscription<UserDataEvent>): Tracked {
  const t: Tracked = { sub, timeline: [], raw: [] };
  sub.on("data", (event) => {
    t.timeline.push({ kind: "data", event });
    t.raw.push(event.raw as Raw);
  });
  sub.on("gap", (gap) => t.timeline.push({ kind: "gap", gap }));
  sub.on("resubscribed", (r) => t.timeline.push({ kind: "resubscribed", ...r }));
  sub.on("end", ({ reason }) => t.timeline.push({ kind: "end", reason }));
  sub.on("error", ({ error }) => t.timeline.push({ kind: "error", error }));
  return t;
}

function kinds(t: Tracked, kind: Entry["kind"]): number[] {
  return t.timeline.flatMap((e, i) => e.kind === kind ? [i] : []);
}

/** The timeline without data events, for messages. */
function lifecycle(t: Tracked): string {
  return JSON.stringify(
    t.timeline.filter((e) => e.kind !== "data").map((e) =>
      e.kind === "error" ? { kind: "error", message: e.error.message } : e
    ),
  );
}

// ---- Continuous trading --------------------------------------------------------------------

interface Placement {
  clientOrderId: string;
  /** `performance.now()` when it was sent. */
  at: number;
  /** What its call ended with: `"placed"`, or the error (a fault, a slow machine). */
  outcome?: "placed" | Error;
}

interface Trader {
  /** Orders placed (their placement started), in order. */
  placements: Placement[];
  /** Calls that succeeded, and failed (a fault may hit them). */
  ok: number;
  failed: number;
  cancels: number;
  /** The first few errors (for messages). */
  errors: string[];
  /** Resolves once `n` more calls settled. */
  more(n: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Trades on `conn` until stopped, from 4 workers: market orders both ways (fills), limit IOC
 * orders at the best ask (fills, partial fills and expiries), and, at most 30 times (the fake's
 * 50 unfilled orders per 10 s), a resting limit order then its cancel. `via: "sor"` places
 * through `sor.order.place` (so a fault armed on `order.place` hits only the test's own order).
 */
function trade(
  fake: FakeBinance,
  conn: WsApiConnection,
  tag: string,
  via: "order" | "sor" = "order",
): Trader {
  let stopped = false;
  let n = 0;
  let resting = 0;
  const waiters: { at: number; resolve: () => void }[] = [];
  const t: Trader = {
    placements: [],
    ok: 0,
    failed: 0,
    cancels: 0,
    errors: [],
    more(count) {
      const { promise, resolve } = Promise.withResolvers<void>();
      waiters.push({ at: t.ok + t.failed + count, resolve });
      return promise;
    },
    async stop() {
      stopped = true;
      await Promise.all(workers);
    },
  };
  const settled = (ok: boolean) => {
    if (ok) t.ok++;
    else t.failed++;
    const done = t.ok + t.failed;
    for (const w of waiters.filter((w) => w.at <= done)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  const place = async (params: Raw) => {
    const p: Placement = { clientOrderId: String(params.newClientOrderId), at: performance.now() };
    t.placements.push(p);
    try {
      const placed = via === "sor"
        ? (await sorOrderPlace(conn, params as never))[0]
        : await orderPlace(conn, params as never);
      p.outcome = "placed";
      return placed;
    } catch (error) {
      p.outcome = error as Error;
      throw error;
    }
  };
  const worker = async () => {
    while (!stopped) {
      const i = n++;
      const id = `${tag}-${i}`;
      try {
        if (i % 8 === 3 && resting < 30) {
          resting++;
          const o = await place({
            symbol: "BTCUSDT",
            side: "BUY",
            type: "LIMIT",
            timeInForce: "GTC",
            price: `${40000 + i}.00`,
            quantity: "0.00100000",
            newClientOrderId: id,
          });
          await orderCancel(conn, { symbol: "BTCUSDT", orderId: o.orderId });
          t.cancels++;
        } else if (i % 8 === 5) {
          const [ask] = fake.market.orderBook("BTCUSDT", 1).asks[0];
          await place({
            symbol: "BTCUSDT",
            side: "BUY",
            type: "LIMIT",
            timeInForce: "IOC",
            price: ask,
            quantity: "0.02000000",
            newClientOrderId: id,
          });
        } else {
          await place({
            symbol: "BTCUSDT",
            side: i % 2 === 0 ? "BUY" : "SELL",
            type: "MARKET",
            quantity: "0.00100000",
            newClientOrderId: id,
          });
        }
        settled(true);
      } catch (error) {
        if (t.errors.length < 5) t.errors.push(String(error));
        settled(false);
        await sleep(5); // a fault: the connection comes back
      }
    }
  };
  const workers = [worker(), worker(), worker(), worker()];
  return t;
}

// ---- Checks against the fake's truth ---------------------------------------------------------

/** Units of 1e-8 of a decimal text. */
function units(text: unknown): bigint {
  const [i, f = ""] = String(text).split(".");
  return BigInt(i) * 100_000_000n + BigInt(f.padEnd(8, "0").slice(0, 8));
}

/**
 * The events of `apiKey` delivered to one subscription, against the fake's truth:
 * - every report names an order of this account (and so none of another's);
 * - execution ids strictly increase: each report once, in the order the exchange made them;
 * - every order of `complete` has all its reports: NEW first, its fills summing to what the
 *   fake executed, its last status and cumulative quantity the fake's.
 */
function checkReports(
  fake: FakeBinance,
  apiKey: string,
  raw: readonly Raw[],
  complete: ReadonlySet<string>,
  what: string,
): { reports: number; trades: number; cancels: number; expired: number } {
  const truth = new Map(fake.trading.orders(apiKey).map((o) => [o.orderId, o]));
  const reports = raw.filter((e) => e.e === "executionReport");
  let last = -1;
  const byOrder = new Map<number, Raw[]>();
  for (const r of reports) {
    const order = truth.get(r.i as number);
    assert.ok(order, `${what}: order ${r.i} of a report is not an order of this account`);
    assert.equal(r.c === order.clientOrderId || r.x === "CANCELED", true, `${what}: ${r.c}`);
    assert.ok((r.I as number) > last, `${what}: execution ${r.I} after ${last} (twice or late)`);
    last = r.I as number;
    const list = byOrder.get(r.i as number);
    if (list) list.push(r);
    else byOrder.set(r.i as number, [r]);
  }
  let checked = 0;
  for (const order of truth.values()) {
    if (!complete.has(order.clientOrderId)) continue;
    checked++;
    const list = byOrder.get(order.orderId) ?? [];
    const label = `${what}: order ${order.clientOrderId} (${order.type} ${order.status})`;
    assert.ok(list.length > 0, `${label}: no report`);
    assert.equal(list[0].x, "NEW", `${label}: first report ${list[0].x}`);
    const fills = list.filter((r) => r.x === "TRADE").reduce((s, r) => s + units(r.l), 0n);
    assert.equal(fills, units(order.executedQty), `${label}: its fills`);
    const end = list.at(-1)!;
    assert.equal(end.X, order.status, `${label}: last status`);
    assert.equal(units(end.z), units(order.executedQty), `${label}: last cumulative quantity`);
  }
  assert.equal(checked, complete.size, `${what}: every order checked is the fake's`);
  return {
    reports: reports.length,
    trades: reports.filter((r) => r.x === "TRADE").length,
    cancels: reports.filter((r) => r.x === "CANCELED").length,
    expired: reports.filter((r) => r.x === "EXPIRED").length,
  };
}

/** The last `outboundAccountPosition` of each asset equals the fake's balances. */
function checkBalances(fake: FakeBinance, apiKey: string, raw: readonly Raw[], what: string) {
  const seen = new Map<string, { free: string; locked: string }>();
  for (const e of raw) {
    if (e.e !== "outboundAccountPosition") continue;
    for (const b of e.B as { a: string; f: string; l: string }[]) {
      seen.set(b.a, { free: b.f, locked: b.l });
    }
  }
  assert.ok(seen.size > 0, `${what}: no outboundAccountPosition`);
  const truth = fake.trading.balances(apiKey);
  for (const [asset, b] of seen) assert.deepEqual(b, truth[asset], `${what}: ${asset}`);
}

/** Waits until the fake has sent nothing for 100 ms. */
async function quiet(fake: FakeBinance): Promise<void> {
  let sent = -1;
  while (sent !== fake.userData.sent) {
    sent = fake.userData.sent;
    await sleep(100);
  }
}

/**
 * Client ids of the placements started after `t` (ms, `performance.now()`). With the exchange:
 * only those that were placed, after checking that each whose call failed (a slow machine can
 * make a request miss its 1 s `recvWindow`) is one the exchange does not hold, unless its
 * outcome was reported unknown.
 */
function placedAfter(trader: Trader, t: number, fake?: FakeBinance, apiKey?: string): Set<string> {
  const after = trader.placements.filter((p) => p.at > t);
  if (fake !== undefined) {
    const held = new Set(fake.trading.orders(apiKey!).map((o) => o.clientOrderId));
    for (const p of after) {
      if (p.outcome === "placed" || p.outcome instanceof OrderOutcomeUnknownError) continue;
      assert.ok(!held.has(p.clientOrderId), `${p.clientOrderId} failed (${p.outcome}) but exists`);
    }
  }
  const kept = fake === undefined ? after : after.filter((p) => p.outcome === "placed");
  return new Set(kept.map((p) => p.clientOrderId));
}

function stamp(): number {
  return performance.now();
}

// ---- 1. Routing, once and in order, sharing --------------------------------------------------

Deno.test("two subscriptions on one connection (logon for A, signature for B) during continuous trading: every event once, in order, to its own subscription; local consumers of A share one server subscription", async () => {
  await using s = await setup();
  const { fake, conn, connB } = s;
  const obsA = await observe(fake, A, A_SECRET);
  const obsB = await observe(fake, B, B_SECRET);
  const a1 = track(await userDataStreamSubscribe(conn));
  const b = track(
    await userDataStreamSubscribeSignature(conn, {}, { credentials: s.credentialsB }),
  );
  // Two more local consumers of A: a logon subscribe and a signed one with the connection's own
  // key; one of them read by `for await`.
  const a2 = track(await userDataStreamSubscribe(conn));
  const a3sub = await userDataStreamSubscribeSignature(conn);
  const a3: Raw[] = [];
  const reading = (async () => {
    for await (const e of a3sub) a3.push(e.raw as Raw);
  })();
  // One server subscription per account on the client's connection.
  const mine = clientSubscriptions(fake, [obsA, obsB]);
  assert.deepEqual(mine.map((x) => x.apiKey).sort(), [A, B].sort(), JSON.stringify(mine));
  assert.equal(new Set(mine.map((x) => x.connection)).size, 1);
  assert.equal(a1.sub.subscriptionId, a2.sub.subscriptionId);
  assert.equal(a1.sub.subscriptionId, a3sub.subscriptionId);
  assert.notEqual(a1.sub.subscriptionId, b.sub.subscriptionId);
  assert.deepEqual(
    (await sessionSubscriptions(conn)).map((x) => x.subscriptionId).sort(),
    mine.map((x) => x.subscriptionId).sort(),
  );

  const start = stamp();
  const tradeA = trade(fake, conn, "a");
  const tradeB = trade(fake, connB, "b");
  // B deposits and locks while both trade.
  for (let i = 0; i < 5; i++) {
    await sleep(50);
    fake.userData.balanceUpdate(B, "USDT", "10");
    fake.userData.externalLockUpdate(B, "BTC", "0.1");
  }
  await Promise.all([tradeA.more(300), tradeB.more(300)]);
  await Promise.all([tradeA.stop(), tradeB.stop()]);
  await quiet(fake);
  await waitFor(
    "every event delivered",
    () =>
      a1.raw.length >= obsA.events.length && b.raw.length >= obsB.events.length &&
      a3.length >= obsA.events.length,
  );
  await sleep(50); // anything extra would arrive now

  // Exactly the fake's sequence for each account, for each local consumer.
  assert.ok(obsA.events.length > 600 && obsB.events.length > 600, "a real run");
  assert.deepEqual(a1.raw, obsA.events, "A: every event once, in order");
  assert.deepEqual(a2.raw, obsA.events, "A's second consumer");
  assert.deepEqual(a3, obsA.events, "A's iterator");
  assert.deepEqual(b.raw, obsB.events, "B: every event once, in order");
  // And the fake's truth: every order complete, reports once and in order, none of the other's.
  const statsA = checkReports(fake, A, a1.raw, placedAfter(tradeA, start, fake, A), "A");
  const statsB = checkReports(fake, B, b.raw, placedAfter(tradeB, start, fake, B), "B");
  assert.ok(statsA.trades > 200 && statsB.trades > 200, JSON.stringify({ statsA, statsB }));
  assert.ok(statsA.cancels >= 20 && statsB.cancels >= 20, JSON.stringify({ statsA, statsB }));
  checkBalances(fake, A, a1.raw, "A");
  checkBalances(fake, B, b.raw, "B");
  assert.equal(b.raw.filter((e) => e.e === "balanceUpdate").length, 5);
  assert.equal(b.raw.filter((e) => e.e === "externalLockUpdate").length, 5);
  assert.equal(a1.raw.filter((e) => e.e === "balanceUpdate").length, 0);
  for (const t of [a1, a2, b]) assert.deepEqual(kinds(t, "gap"), [], lifecycle(t));
  assert.equal(a1.sub.stats.duplicates, 0);
  assert.deepEqual(s.errors, []);

  await a1.sub.unsubscribe();
  // Still shared: A's server subscription stays while a consumer uses it.
  assert.equal(clientSubscriptions(fake, [obsA, obsB], A).length, 1);
  await a2.sub.unsubscribe();
  await a3sub.unsubscribe();
  await reading;
  assert.equal(clientSubscriptions(fake, [obsA, obsB], A).length, 0, "the last one closed it");
  await b.sub.unsubscribe();
  await obsA.close();
  await obsB.close();
});

// ---- 2. Continuity: reconnect, renewal, termination ------------------------------------------

/** The index of the first data event naming one of these client ids (report `c` or `C`). */
function firstReportOf(t: Tracked, ids: ReadonlySet<string>): number {
  return t.timeline.findIndex((e) =>
    e.kind === "data" && e.event.eventType === "executionReport" &&
    (ids.has(String(e.event.raw.c)) || ids.has(String(e.event.raw.C)))
  );
}

/**
 * One fault's marks on a subscription: exactly one gap of `reason`, then one `resubscribed`
 * (with the current id); events before and after; no report of an order placed after the fault
 * before the gap; every order placed after the resubscription complete; once and in order.
 */
function checkFault(
  fake: FakeBinance,
  apiKey: string,
  t: Tracked,
  trader: Trader,
  reason: string,
  faultAt: number,
  resubscribedAt: number,
) {
  const what = `${apiKey} after ${reason}`;
  const gaps = kinds(t, "gap");
  const resubs = kinds(t, "resubscribed");
  assert.equal(gaps.length, 1, `${what}: ${lifecycle(t)}`);
  assert.equal(resubs.length, 1, `${what}: ${lifecycle(t)}`);
  const gap = t.timeline[gaps[0]] as Extract<Entry, { kind: "gap" }>;
  const resub = t.timeline[resubs[0]] as Extract<Entry, { kind: "resubscribed" }>;
  assert.equal(gap.gap.reason, reason);
  assert.equal(gap.gap.subscriptionId, resub.subscriptionId);
  assert.equal(t.sub.subscriptionId, resub.subscriptionId);
  assert.ok(gaps[0] < resubs[0], "the gap, then resubscribed");
  assert.equal(typeof gap.gap.lastEventTime, "number");
  const dataBefore = t.timeline.slice(0, gaps[0]).filter((e) => e.kind === "data").length;
  const dataAfter = t.timeline.slice(gaps[0]).filter((e) => e.kind === "data").length;
  assert.ok(
    dataBefore > 50 && dataAfter > 200,
    `${what}: ${dataBefore} before, ${dataAfter} after`,
  );
  // The gap comes before any event after it: no report of an order placed after the fault
  // (which the old subscription cannot have carried) precedes it.
  const first = firstReportOf(t, placedAfter(trader, faultAt));
  assert.ok(first > gaps[0], `${what}: a report at ${first}, the gap at ${gaps[0]}`);
  // Events after it are delivered: every order placed once resubscribed has all its reports.
  const complete = placedAfter(trader, resubscribedAt, fake, apiKey);
  assert.ok(complete.size > 100, `${what}: ${complete.size} orders after it`);
  checkReports(fake, apiKey, t.raw, complete, what);
  checkBalances(fake, apiKey, t.raw, what);
}

/** Trades with A (on the subscribing connection) and B (on its own) until both did `n` more. */
async function tradeMore(traders: Trader[], n: number): Promise<void> {
  await Promise.all(traders.map((t) => t.more(n)));
}

Deno.test("a forced reconnect during continuous trading: both subscriptions made again on the new socket, a reconnect gap before any event after it, every event after it delivered", async () => {
  await using s = await setup();
  const { fake, conn, connB } = s;
  const a = track(await userDataStreamSubscribe(conn));
  const b = track(
    await userDataStreamSubscribeSignature(conn, {}, { credentials: s.credentialsB }),
  );
  const [old] = clientSubscriptions(fake, []);
  const tradeA = trade(fake, conn, "a");
  const tradeB = trade(fake, connB, "b");
  await tradeMore([tradeA, tradeB], 100);

  const faultAt = stamp();
  fake.dropConnections();
  await waitFor(
    "both made again",
    () => kinds(a, "resubscribed").length + kinds(b, "resubscribed").length === 2,
  );
  const resubscribedAt = stamp();
  await tradeMore([tradeA, tradeB], 250);
  await Promise.all([tradeA.stop(), tradeB.stop()]);
  await quiet(fake);
  await sleep(50);

  checkFault(fake, A, a, tradeA, "reconnect", faultAt, resubscribedAt);
  checkFault(fake, B, b, tradeB, "reconnect", faultAt, resubscribedAt);
  const now = clientSubscriptions(fake, []).filter((x) => x.connection !== old.connection);
  assert.deepEqual(now.map((x) => x.apiKey).sort(), [A, B].sort(), "on the new socket");
  assert.deepEqual(
    s.errors.filter((e) => /no known subscription/.test(e.message)).map((e) => e.message),
    [],
  );
});

Deno.test("a renewal during continuous trading: made again make-before-break, no gap, no event lost or twice across it (against an observer that stayed)", async () => {
  await using s = await setup();
  const { fake, conn, connB } = s;
  const obsA = await observe(fake, A, A_SECRET);
  const obsB = await observe(fake, B, B_SECRET);
  const a = track(await userDataStreamSubscribe(conn));
  const b = track(
    await userDataStreamSubscribeSignature(conn, {}, { credentials: s.credentialsB }),
  );
  const [old] = clientSubscriptions(fake, [obsA, obsB]);
  const start = stamp();
  const tradeA = trade(fake, conn, "a");
  const tradeB = trade(fake, connB, "b");
  await tradeMore([tradeA, tradeB], 100);
  const renewing = conn.renew();
  await waitFor(
    "both made again",
    () => kinds(a, "resubscribed").length + kinds(b, "resubscribed").length === 2,
  );
  await renewing;
  await tradeMore([tradeA, tradeB], 250);
  await Promise.all([tradeA.stop(), tradeB.stop()]);
  await quiet(fake);
  await waitFor(
    "every event delivered",
    () => a.raw.length >= obsA.events.length && b.raw.length >= obsB.events.length,
  );
  await sleep(50);

  for (const [t, obs, key, trader] of [[a, obsA, A, tradeA], [b, obsB, B, tradeB]] as const) {
    assert.deepEqual(kinds(t, "gap"), [], `${key}: ${lifecycle(t)}`);
    assert.equal(kinds(t, "resubscribed").length, 1, `${key}: ${lifecycle(t)}`);
    // Exactly what the fake sent the account: nothing lost, nothing twice.
    assert.equal(t.raw.length, obs.events.length, `${key}: as many events as the observer`);
    assert.deepEqual(t.raw, obs.events, `${key}: every event once, in order`);
    checkReports(fake, key, t.raw, placedAfter(trader, start, fake, key), key);
    checkBalances(fake, key, t.raw, key);
  }
  // The overlap was real: both sockets delivered some events, removed once.
  assert.ok(
    a.sub.stats.duplicates + b.sub.stats.duplicates > 0,
    JSON.stringify([a.sub.stats, b.sub.stats]),
  );
  const now = clientSubscriptions(fake, [obsA, obsB]);
  assert.deepEqual(now.map((x) => x.apiKey).sort(), [A, B].sort());
  assert.ok(now.every((x) => x.connection !== old.connection), "on the new socket only");
  assert.deepEqual(s.errors.map((e) => e.message), []);
  await obsA.close();
  await obsB.close();
});

Deno.test("an unprompted eventStreamTerminated during continuous trading: delivered, then made again with a new id and a terminated gap before any event after it; the other account's subscription untouched", async () => {
  await using s = await setup();
  const { fake, conn, connB } = s;
  const obsB = await observe(fake, B, B_SECRET);
  const a = track(await userDataStreamSubscribe(conn));
  const b = track(
    await userDataStreamSubscribeSignature(conn, {}, { credentials: s.credentialsB }),
  );
  const oldId = a.sub.subscriptionId;
  const tradeA = trade(fake, conn, "a");
  const tradeB = trade(fake, connB, "b");
  await tradeMore([tradeA, tradeB], 100);

  const faultAt = stamp();
  assert.equal(fake.userData.terminate(A), 1);
  await waitFor("made again", () => kinds(a, "resubscribed").length === 1);
  const resubscribedAt = stamp();
  await tradeMore([tradeA, tradeB], 250);
  await Promise.all([tradeA.stop(), tradeB.stop()]);
  await quiet(fake);
  await waitFor("every event of B", () => b.raw.length >= obsB.events.length);
  await sleep(50);

  checkFault(fake, A, a, tradeA, "terminated", faultAt, resubscribedAt);
  const resub = a.timeline[kinds(a, "resubscribed")[0]] as Extract<Entry, { kind: "resubscribed" }>;
  assert.notEqual(resub.subscriptionId, oldId, "a new id on the same socket");
  const [mine] = clientSubscriptions(fake, [obsB], A);
  assert.equal(mine.subscriptionId, a.sub.subscriptionId);
  // The termination was delivered, right before the gap.
  const gapAt = kinds(a, "gap")[0];
  const terminated = a.timeline[gapAt - 1];
  assert.ok(terminated.kind === "data" && terminated.event.eventType === "eventStreamTerminated");
  // B saw none of it.
  assert.deepEqual(b.timeline.filter((e) => e.kind !== "data"), []);
  assert.deepEqual(b.raw, obsB.events);
  assert.deepEqual(s.errors.map((e) => e.message), []);
  await obsB.close();
});

// ---- 3. Ending: unsubscribe all, logout, unknown ids ------------------------------------------

Deno.test("userDataStreamUnsubscribe without an id during continuous trading: every local subscription ends, iterators finish, none is made again after a reconnect", async () => {
  await using s = await setup();
  const { fake, conn, connB } = s;
  const a1 = track(await userDataStreamSubscribe(conn));
  const a2 = track(await userDataStreamSubscribe(conn));
  const b = track(
    await userDataStreamSubscribeSignature(conn, {}, { credentials: s.credentialsB }),
  );
  const iterated = (async () => {
    let n = 0;
    for await (const _ of a2.sub) n++;
    return n;
  })();
  const tradeA = trade(fake, conn, "a");
  const tradeB = trade(fake, connB, "b");
  await tradeMore([tradeA, tradeB], 100);
  await userDataStreamUnsubscribe(conn);
  for (const t of [a1, a2, b]) {
    assert.deepEqual(t.timeline.filter((e) => e.kind === "end"), [{
      kind: "end",
      reason: "unsubscribed",
    }]);
    assert.equal(t.sub.active, false);
    assert.equal(t.sub.subscriptionId, undefined);
  }
  assert.ok((await iterated) > 50, "the iterator read events, then finished");
  assert.deepEqual(clientSubscriptions(fake, []), []);
  const counts = [a1, a2, b].map((t) => t.raw.length);
  await tradeMore([tradeA, tradeB], 100);
  fake.dropConnections();
  await waitFor("reconnected", () => fake.openConnections === 2 && conn.state === "open");
  await tradeMore([tradeA, tradeB], 100);
  await Promise.all([tradeA.stop(), tradeB.stop()]);
  await quiet(fake);
  assert.deepEqual(clientSubscriptions(fake, []), [], "none made again");
  assert.deepEqual([a1, a2, b].map((t) => t.raw.length), counts, "nothing after the end");
  assert.deepEqual(await sessionSubscriptions(conn), []);
});

Deno.test("sessionLogout during continuous trading ends the logon subscription (not made again after a reconnect); the signature one goes on; an event for no subscription is an error on the connection", async () => {
  await using s = await setup();
  const { fake, conn, connB } = s;
  const a = track(await userDataStreamSubscribe(conn));
  const b = track(
    await userDataStreamSubscribeSignature(conn, {}, { credentials: s.credentialsB }),
  );
  // A trades on its own signed connection (the session logs out).
  const signedA = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: A, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
    reconnect: RECONNECT,
    returnRateLimits: false,
    recvWindow: 1000,
    unknownOutcomeMarginMs: 200,
  });
  const tradeA = trade(fake, signedA, "a");
  const tradeB = trade(fake, connB, "b");
  await tradeMore([tradeA, tradeB], 100);
  await sessionLogout(conn);
  assert.deepEqual(a.timeline.filter((e) => e.kind === "end"), [{
    kind: "end",
    reason: "loggedOut",
  }]);
  const terminated = a.timeline.at(-2)!;
  assert.ok(terminated.kind === "data" && terminated.event.eventType === "eventStreamTerminated");
  assert.deepEqual(clientSubscriptions(fake, []).map((x) => x.apiKey), [B]);
  const countA = a.raw.length;
  const countB = b.raw.length;
  fake.dropConnections();
  await waitFor("B made again", () => kinds(b, "resubscribed").length === 1);
  const resubscribedAt = stamp();
  await tradeMore([tradeA, tradeB], 200);
  // An event for an id no subscription holds: an `error` on the connection, never silent.
  const errorsBefore = s.errors.length;
  fake.sendFrame(JSON.stringify({ subscriptionId: 77, event: { e: "balanceUpdate", E: 1 } }));
  await waitFor("the error", () => s.errors.length > errorsBefore);
  assert.match(s.errors.at(-1)!.message, /no known subscription \(subscriptionId 77\)/);
  await Promise.all([tradeA.stop(), tradeB.stop()]);
  await quiet(fake);
  await sleep(50);
  assert.equal(a.raw.length, countA, "nothing after the logout");
  assert.ok(b.raw.length > countB + 200, "B goes on");
  assert.deepEqual(clientSubscriptions(fake, []).map((x) => x.apiKey), [B], "A not made again");
  assert.equal(kinds(b, "gap").length, 1);
  checkReports(fake, B, b.raw, placedAfter(tradeB, resubscribedAt, fake, B), "B");
  await signedA.close();
});

// ---- 4. §5: an order write whose answer is lost resolves from its executionReport ------------

Deno.test("§5 against the fake: with a subscription active, an order whose answer is lost (dropped after executing, never answered) resolves from its executionReport, recovered, with no order.status", async () => {
  await using s = await setup();
  const { fake, conn, connB } = s;
  const a = track(await userDataStreamSubscribe(conn));
  // Trading goes on through sor.order.place, so the faults armed on order.place hit only ours.
  const tradeA = trade(fake, conn, "a", "sor");
  const tradeB = trade(fake, connB, "b", "sor");
  await tradeMore([tradeA, tradeB], 100);
  const resting = (id: string) => ({
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "41000.00",
    quantity: "0.00100000",
    newClientOrderId: id,
  } as const);
  const statusAsked = (id: string) =>
    fake.received.some((f) => f.text.includes('"order.status"') && f.text.includes(id));

  fake.armOrderFault({ kind: "dropAfterExecuting" }, { methods: ["order.place"] });
  const dropped = await orderPlace(conn, resting("lost-dropped"));
  assert.ok("recovered" in dropped && dropped.recovered === true, JSON.stringify(dropped));
  assert.equal(dropped.clientOrderId, "lost-dropped");
  assert.equal(dropped.status, "NEW");
  assert.equal(dropped.orderId, fake.trading.ordersByClientId(A, "lost-dropped")[0].orderId);
  assert.equal(statusAsked("lost-dropped"), false, "resolved from the report");

  fake.armOrderFault({ kind: "noAnswer", executed: true }, { methods: ["order.place"] });
  const started = performance.now();
  const silent = await orderPlace(conn, resting("lost-silent"), { timeoutMs: 300 });
  const took = performance.now() - started;
  assert.ok("recovered" in silent && silent.recovered === true, JSON.stringify(silent));
  assert.equal(silent.orderId, fake.trading.ordersByClientId(A, "lost-silent")[0].orderId);
  assert.equal(statusAsked("lost-silent"), false, "resolved from the report");
  assert.ok(took < 1500, `resolved at the timeout (${Math.round(took)} ms), no window waited`);

  await tradeMore([tradeA, tradeB], 100);
  await Promise.all([tradeA.stop(), tradeB.stop()]);
  assert.ok(tradeA.ok > 150, JSON.stringify(tradeA.errors));
  assert.equal(kinds(a, "gap").length, 1, "the drop's gap");
  await orderCancel(conn, { symbol: "BTCUSDT", origClientOrderId: "lost-dropped" });
  await orderCancel(conn, { symbol: "BTCUSDT", origClientOrderId: "lost-silent" });
});
