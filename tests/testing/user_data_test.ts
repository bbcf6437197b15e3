// The fake exchange's User Data Stream, checked with raw WebSocket frames and the tests' own
// signing (HMAC for requests, Ed25519 for session.logon), against hand-computed events.
// Nothing of the client library is used here.
import assert from "node:assert/strict";
import { createHmac, sign } from "node:crypto";
import { FAKE_ACCOUNT, type FakeBinance, startFakeBinance } from "../../testing/mod.ts";

type Obj = Record<string, unknown>;

const A = "accountA";
const B = "accountB";
const HMAC_SECRET = "s";
const ED = FAKE_ACCOUNT.ed25519Key;
const KEYS = [
  { type: "HMAC" as const, secretKey: HMAC_SECRET },
  { type: "Ed25519" as const, publicKey: ED.publicKey },
];

/** The documented field order of an executionReport without conditional fields. */
const REPORT_FIELDS = [
  "e",
  "E",
  "s",
  "c",
  "S",
  "o",
  "f",
  "q",
  "p",
  "P",
  "F",
  "g",
  "C",
  "x",
  "X",
  "r",
  "i",
  "l",
  "z",
  "L",
  "n",
  "N",
  "T",
  "t",
  "I",
  "w",
  "m",
  "M",
  "O",
  "Z",
  "Y",
  "Q",
  "W",
  "V",
];

function payload(params: Obj): string {
  return Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join("&");
}

/** HMAC-signed params for `apiKey`. */
function hmac(apiKey: string, params: Obj = {}): Obj {
  const p = { apiKey, timestamp: Date.now(), ...params };
  return {
    ...p,
    signature: createHmac("sha256", HMAC_SECRET).update(payload(p)).digest("hex"),
  };
}

/** Ed25519-signed params for `apiKey` (session.logon). */
function ed25519(apiKey: string): Obj {
  const p = { apiKey, timestamp: Date.now() };
  const signature = sign(null, new TextEncoder().encode(payload(p)), ED.privateKey);
  return { ...p, signature: signature.toString("base64") };
}

interface Frame {
  subscriptionId: number;
  event: Obj;
}

/** A raw WS API connection: answers by id, user data events in order of arrival. */
interface Raw extends AsyncDisposable {
  readonly events: Frame[];
  call(method: string, params?: Obj): Promise<Obj>;
  /** The result of a successful call. */
  ok(method: string, params?: Obj): Promise<Obj>;
  /** Resolves once `n` events have arrived (fails after 2 s). */
  until(n: number): Promise<Frame[]>;
  /** The events after the first `from`, and marks them seen. */
  take(): Frame[];
  close(): Promise<void>;
}

async function connect(url: string): Promise<Raw> {
  const ws = new WebSocket(url);
  const waiting = new Map<number, (o: Obj) => void>();
  const events: Frame[] = [];
  const watchers = new Set<() => void>();
  let seen = 0;
  const closed = new Promise((r) => ws.addEventListener("close", r));
  ws.onmessage = (e) => {
    const msg = JSON.parse(e.data) as Obj;
    if ("event" in msg && "subscriptionId" in msg) {
      events.push(msg as unknown as Frame);
      for (const w of watchers) w();
    } else waiting.get(msg.id as number)?.(msg);
  };
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let id = 1;
  const call = (method: string, params: Obj = {}) => {
    const { promise, resolve } = Promise.withResolvers<Obj>();
    const n = id++;
    waiting.set(n, resolve);
    ws.send(JSON.stringify({ id: n, method, params }));
    return promise;
  };
  const close = async () => {
    ws.close();
    await closed;
  };
  return {
    events,
    call,
    async ok(method, params) {
      const r = await call(method, params);
      assert.equal(r.status, 200, `${method}: ${JSON.stringify(r)}`);
      return r.result as Obj;
    },
    until(n) {
      if (events.length >= n) return Promise.resolve(events);
      const { promise, resolve, reject } = Promise.withResolvers<Frame[]>();
      const timer = setTimeout(() => {
        watchers.delete(check);
        reject(new Error(`${events.length} events, not ${n}: ${JSON.stringify(events)}`));
      }, 2000);
      const check = () => {
        if (events.length < n) return;
        clearTimeout(timer);
        watchers.delete(check);
        resolve(events);
      };
      watchers.add(check);
      return promise;
    },
    take() {
      const out = events.slice(seen);
      seen = events.length;
      return out;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

async function start(): Promise<FakeBinance> {
  return await startFakeBinance({
    accounts: [
      {
        apiKey: A,
        key: KEYS,
        balances: { BTC: { free: "2" }, USDT: { free: "200000" } },
        commission: { maker: "0.001", taker: "0.002" },
      },
      { apiKey: B, key: KEYS, balances: { BTC: { free: "2" }, USDT: { free: "200000" } } },
    ],
  });
}

/** A connection logged on as `apiKey` with a logon subscription. */
async function subscribed(fake: FakeBinance, apiKey: string): Promise<Raw> {
  const c = await connect(fake.wsApiUrl);
  await c.ok("session.logon", ed25519(apiKey));
  await c.ok("userDataStream.subscribe");
  return c;
}

/** Waits until `check` holds (fails after 2 s). */
async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check(), "the condition never held");
}

function errorOf(r: Obj): Obj {
  assert.notEqual(r.status, 200, JSON.stringify(r));
  return r.error as Obj;
}

/** The event types of frames, with their subscription ids. */
function kinds(frames: Frame[]): string[] {
  return frames.map((f) => `${f.subscriptionId}:${f.event.e}${f.event.x ? `:${f.event.x}` : ""}`);
}

/** An outboundAccountPosition's balances as `trading.balances()` has them. */
function positions(event: Obj): Record<string, { free: string; locked: string }> {
  return Object.fromEntries(
    (event.B as Obj[]).map((b) => [b.a as string, { free: b.f as string, locked: b.l as string }]),
  );
}

/** Asserts the position event holds exactly the account's current balances of its assets. */
function assertTrueBalances(fake: FakeBinance, apiKey: string, event: Obj): void {
  assert.equal(event.e, "outboundAccountPosition");
  const truth = fake.trading.balances(apiKey);
  const shown = positions(event);
  assert.ok(Object.keys(shown).length > 0);
  for (const [asset, b] of Object.entries(shown)) assert.deepEqual(b, truth[asset], asset);
}

Deno.test("subscribe needs a logged-on session; ids from 0 on each socket; -2035; -2036; status", async () => {
  await using fake = await start();
  await using c1 = await connect(fake.wsApiUrl);
  const first = await c1.call("userDataStream.subscribe");
  assert.equal(first.status, 400);
  const refused = errorOf(await c1.call("userDataStream.subscribe"));
  assert.deepEqual(refused, {
    code: -1002,
    msg: "You are not authorized to execute this request.",
  });
  assert.equal((await c1.ok("session.status")).userDataStream, false);
  assert.deepEqual(await c1.ok("session.subscriptions"), []);

  const logon = await c1.ok("session.logon", ed25519(A));
  assert.equal(logon.userDataStream, false);
  // apiKey and signature are not taken by userDataStream.subscribe.
  assert.equal(errorOf(await c1.call("userDataStream.subscribe", hmac(A))).code, -1103);
  assert.deepEqual(await c1.ok("userDataStream.subscribe"), { subscriptionId: 0 });
  assert.deepEqual(errorOf(await c1.call("userDataStream.subscribe")), {
    code: -2035,
    msg: "User Data Stream subscription already active.",
  });
  // The same account by signature on the same socket: -2035 too.
  assert.equal(
    errorOf(await c1.call("userDataStream.subscribe.signature", hmac(A))).code,
    -2035,
  );
  assert.equal((await c1.ok("session.status")).userDataStream, true);

  // Another socket: ids start at 0 again.
  await using c2 = await subscribed(fake, A);
  assert.deepEqual(await c2.ok("session.subscriptions"), [{ subscriptionId: 0 }]);
  // Another account by signature (HMAC: any key type) on the first socket.
  assert.deepEqual(await c1.ok("userDataStream.subscribe.signature", hmac(B)), {
    subscriptionId: 1,
  });
  assert.equal(
    errorOf(
      await c1.call("userDataStream.subscribe.signature", {
        ...hmac(B),
        signature: "0".repeat(64),
      }),
    ).code,
    -1022,
  );
  assert.deepEqual(await c1.ok("session.subscriptions"), [
    { subscriptionId: 0 },
    { subscriptionId: 1 },
  ]);
  assert.deepEqual(fake.userData.subscriptions(), [
    { connection: 1, subscriptionId: 0, apiKey: A },
    { connection: 1, subscriptionId: 1, apiKey: B },
    { connection: 2, subscriptionId: 0, apiKey: A },
  ]);

  // Unsubscribe one: an id not active is -2036; the closed one gets eventStreamTerminated.
  assert.deepEqual(errorOf(await c1.call("userDataStream.unsubscribe", { subscriptionId: 7 })), {
    code: -2036,
    msg: "User Data Stream subscription not active.",
  });
  assert.deepEqual(await c1.ok("userDataStream.unsubscribe", { subscriptionId: 0 }), {});
  const [terminated] = c1.take();
  assert.equal(terminated.subscriptionId, 0);
  assert.deepEqual(Object.keys(terminated.event), ["e", "E"]);
  assert.equal(terminated.event.e, "eventStreamTerminated");
  assert.deepEqual(await c1.ok("session.subscriptions"), [{ subscriptionId: 1 }]);
  assert.equal((await c1.ok("session.status")).userDataStream, true);
  // Ids only grow on a socket.
  assert.deepEqual(await c1.ok("userDataStream.subscribe"), { subscriptionId: 2 });
  // Without an id: every subscription of the socket, each terminated.
  assert.deepEqual(await c1.ok("userDataStream.unsubscribe"), {});
  assert.deepEqual(kinds(c1.take()), ["1:eventStreamTerminated", "2:eventStreamTerminated"]);
  assert.deepEqual(await c1.ok("session.subscriptions"), []);
  assert.equal((await c1.ok("session.status")).userDataStream, false);
  assert.deepEqual(await c1.ok("userDataStream.unsubscribe"), {});
  assert.deepEqual(c1.take(), []);

  // A closed socket drops its subscriptions.
  assert.deepEqual(fake.userData.subscriptions(), [
    { connection: 2, subscriptionId: 0, apiKey: A },
  ]);
  await c2.close();
  await eventually(() => fake.userData.subscriptions().length === 0);
});

Deno.test("a resting order, a fill between two accounts and a cancel: reports by hand, then balances", async () => {
  await using fake = await start();
  // One connection, two subscriptions: A's by logon (0), B's by signature (1).
  await using c = await subscribed(fake, A);
  assert.deepEqual(await c.ok("userDataStream.subscribe.signature", hmac(B)), {
    subscriptionId: 1,
  });

  // A sells 0.5 at 65000 (the best ask): it rests ahead of the market's own quantity.
  const sell = await c.ok("order.place", {
    timestamp: Date.now(),
    symbol: "BTCUSDT",
    side: "SELL",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "65000",
    quantity: "0.5",
    newClientOrderId: "sell-1",
  });
  const placed = c.take();
  assert.deepEqual(kinds(placed), ["0:executionReport:NEW", "0:outboundAccountPosition"]);
  const nev = placed[0].event;
  assert.deepEqual(Object.keys(nev), REPORT_FIELDS);
  const t0 = sell.transactTime as number;
  assert.ok((nev.E as number) >= t0);
  assert.equal(typeof nev.I, "number");
  assert.deepEqual({ ...nev, E: 0, I: 0 }, {
    e: "executionReport",
    E: 0,
    s: "BTCUSDT",
    c: "sell-1",
    S: "SELL",
    o: "LIMIT",
    f: "GTC",
    q: "0.50000000",
    p: "65000.00000000",
    P: "0.00000000",
    F: "0.00000000",
    g: -1,
    C: "",
    x: "NEW",
    X: "NEW",
    r: "NONE",
    i: sell.orderId,
    l: "0.00000000",
    z: "0.00000000",
    L: "0.00000000",
    n: "0",
    N: null,
    T: t0,
    t: -1,
    I: 0,
    w: true,
    m: false,
    M: false,
    O: t0,
    Z: "0.00000000",
    Y: "0.00000000",
    Q: "0.00000000",
    W: t0,
    V: "NONE",
  });
  // Only BTC changed: 0.5 locked.
  assert.deepEqual(placed[1].event.B, [{ a: "BTC", f: "1.50000000", l: "0.50000000" }]);
  assert.equal(placed[1].event.u, t0);
  assertTrueBalances(fake, A, placed[1].event);

  // B buys 0.2 at market: 0.2 from A at 65000. B's events (taker) then A's (maker).
  const buy = await c.ok("order.place", {
    timestamp: Date.now(),
    ...hmac(B, { symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: "0.2" }),
  });
  const t1 = buy.transactTime as number;
  const tradeId = (buy.fills as Obj[])[0].tradeId;
  const filled = c.take();
  assert.deepEqual(kinds(filled), [
    "1:executionReport:NEW",
    "1:executionReport:TRADE",
    "1:outboundAccountPosition",
    "0:executionReport:TRADE",
    "0:outboundAccountPosition",
  ]);
  const [bNew, bTrade, bPos, aTrade, aPos] = filled.map((f) => f.event);
  assert.deepEqual(
    [bNew.i, bNew.o, bNew.q, bNew.X, bNew.w, bNew.T, bNew.W],
    [buy.orderId, "MARKET", "0.20000000", "NEW", true, t1, t1],
  );
  // The taker: 0.2 × 0.001 = 0.0002 BTC commission; 0.2 × 65000 = 13000 quote.
  assert.deepEqual(
    {
      x: bTrade.x,
      X: bTrade.X,
      l: bTrade.l,
      z: bTrade.z,
      L: bTrade.L,
      n: bTrade.n,
      N: bTrade.N,
      t: bTrade.t,
      m: bTrade.m,
      w: bTrade.w,
      Y: bTrade.Y,
      Z: bTrade.Z,
    },
    {
      x: "TRADE",
      X: "FILLED",
      l: "0.20000000",
      z: "0.20000000",
      L: "65000.00000000",
      n: "0.00020000",
      N: "BTC",
      t: tradeId,
      m: false,
      w: false,
      Y: "13000.00000000",
      Z: "13000.00000000",
    },
  );
  assert.ok((bTrade.I as number) > (bNew.I as number));
  assert.deepEqual(Object.keys(bTrade), REPORT_FIELDS);
  assert.deepEqual(bPos.B, [
    { a: "BTC", f: "2.19980000", l: "0.00000000" },
    { a: "USDT", f: "187000.00000000", l: "0.00000000" },
  ]);
  assertTrueBalances(fake, B, bPos);
  // The maker A: 13000 × 0.001 = 13 USDT commission; still working, 0.3 left.
  assert.deepEqual(
    {
      i: aTrade.i,
      c: aTrade.c,
      X: aTrade.X,
      l: aTrade.l,
      z: aTrade.z,
      n: aTrade.n,
      N: aTrade.N,
      t: aTrade.t,
      m: aTrade.m,
      w: aTrade.w,
      T: aTrade.T,
    },
    {
      i: sell.orderId,
      c: "sell-1",
      X: "PARTIALLY_FILLED",
      l: "0.20000000",
      z: "0.20000000",
      n: "13.00000000",
      N: "USDT",
      t: tradeId,
      m: true,
      w: true,
      T: t1,
    },
  );
  assert.deepEqual(aPos.B, [
    { a: "BTC", f: "1.50000000", l: "0.30000000" },
    { a: "USDT", f: "212987.00000000", l: "0.00000000" },
  ]);
  assertTrueBalances(fake, A, aPos);

  // A cancels with a new client id: c is the cancel's, C the order's.
  const cancel = await c.ok("order.cancel", {
    timestamp: Date.now(),
    symbol: "BTCUSDT",
    origClientOrderId: "sell-1",
    newClientOrderId: "cancel-1",
  });
  const canceled = c.take();
  assert.deepEqual(kinds(canceled), ["0:executionReport:CANCELED", "0:outboundAccountPosition"]);
  const cev = canceled[0].event;
  assert.deepEqual(
    [cev.c, cev.C, cev.X, cev.z, cev.w, cev.T, cev.l, cev.n, cev.N],
    [
      "cancel-1",
      "sell-1",
      "CANCELED",
      "0.20000000",
      false,
      cancel.transactTime,
      "0.00000000",
      "0",
      null,
    ],
  );
  assert.deepEqual(canceled[1].event.B, [{ a: "BTC", f: "1.80000000", l: "0.00000000" }]);
  assertTrueBalances(fake, A, canceled[1].event);
});

Deno.test("amend keepPriority: REPLACED with both client ids and the response's executionId", async () => {
  await using fake = await start();
  await using c = await subscribed(fake, A);
  await c.ok("order.place", {
    timestamp: Date.now(),
    symbol: "BTCUSDT",
    side: "SELL",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "65000",
    quantity: "0.5",
    newClientOrderId: "amend-1",
  });
  c.take();
  const amended = await c.ok("order.amend.keepPriority", {
    timestamp: Date.now(),
    symbol: "BTCUSDT",
    origClientOrderId: "amend-1",
    newClientOrderId: "amend-2",
    newQty: "0.3",
  });
  const events = c.take();
  assert.deepEqual(kinds(events), ["0:executionReport:REPLACED", "0:outboundAccountPosition"]);
  const r = events[0].event;
  assert.deepEqual(
    [r.c, r.C, r.q, r.X, r.I, r.T, r.w],
    ["amend-2", "amend-1", "0.30000000", "NEW", amended.executionId, amended.transactTime, true],
  );
  assert.deepEqual(events[1].event.B, [{ a: "BTC", f: "1.70000000", l: "0.30000000" }]);
  assertTrueBalances(fake, A, events[1].event);
});

Deno.test("order lists: every leg NEW, listStatus EXEC_STARTED; cancel: CANCELED legs, ALL_DONE", async () => {
  await using fake = await start();
  await using c = await subscribed(fake, A);
  const list = await c.ok("orderList.place.oco", {
    timestamp: Date.now(),
    symbol: "BTCUSDT",
    side: "SELL",
    quantity: "0.1",
    aboveType: "LIMIT_MAKER",
    abovePrice: "65000.05",
    belowType: "STOP_LOSS_LIMIT",
    belowStopPrice: "64990",
    belowPrice: "64989",
    belowTimeInForce: "GTC",
    listClientOrderId: "oco-1",
  });
  const [above, below] = list.orders as Obj[];
  const placed = c.take();
  assert.deepEqual(kinds(placed), [
    "0:executionReport:NEW",
    "0:executionReport:NEW",
    "0:listStatus",
    "0:outboundAccountPosition",
  ]);
  const [n1, n2, ls, pos] = placed.map((f) => f.event);
  assert.deepEqual(
    [n1.i, n1.o, n1.g, n1.w, "W" in n1, n2.i, n2.o, n2.P, n2.w, "W" in n2],
    [
      above.orderId,
      "LIMIT_MAKER",
      list.orderListId,
      true,
      true,
      below.orderId,
      "STOP_LOSS_LIMIT",
      "64990.00000000",
      false,
      false,
    ],
  );
  assert.deepEqual({ ...ls, E: 0 }, {
    e: "listStatus",
    E: 0,
    s: "BTCUSDT",
    g: list.orderListId,
    c: "OCO",
    l: "EXEC_STARTED",
    L: "EXECUTING",
    r: "NONE",
    C: "oco-1",
    T: list.transactionTime,
    O: [
      { s: "BTCUSDT", i: above.orderId, c: above.clientOrderId },
      { s: "BTCUSDT", i: below.orderId, c: below.clientOrderId },
    ],
  });
  // The two legs share one lock of 0.1 BTC.
  assert.deepEqual(pos.B, [{ a: "BTC", f: "1.90000000", l: "0.10000000" }]);

  await c.ok("orderList.cancel", {
    timestamp: Date.now(),
    symbol: "BTCUSDT",
    listClientOrderId: "oco-1",
  });
  const done = c.take();
  assert.deepEqual(kinds(done), [
    "0:executionReport:CANCELED",
    "0:executionReport:CANCELED",
    "0:listStatus",
    "0:outboundAccountPosition",
  ]);
  assert.deepEqual([done[2].event.l, done[2].event.L], ["ALL_DONE", "ALL_DONE"]);
  assertTrueBalances(fake, A, done[3].event);
  assert.deepEqual(done[3].event.B, [{ a: "BTC", f: "2.00000000", l: "0.00000000" }]);
});

Deno.test("OTO: the pending leg is NEW/PENDING_NEW, then NEW when the working order fills", async () => {
  await using fake = await start();
  await using c = await subscribed(fake, A);
  const list = await c.ok("orderList.place.oto", {
    timestamp: Date.now(),
    symbol: "BTCUSDT",
    workingType: "LIMIT",
    workingSide: "BUY",
    workingPrice: "64999.99",
    workingQuantity: "0.1",
    workingTimeInForce: "GTC",
    pendingType: "LIMIT",
    pendingSide: "SELL",
    pendingPrice: "65000.05",
    pendingQuantity: "0.1",
    pendingTimeInForce: "GTC",
  });
  const [, pending] = list.orders as Obj[];
  const placed = c.take().map((f) => f.event);
  assert.deepEqual(placed.map((e) => [e.e, e.x, e.X]), [
    ["executionReport", "NEW", "NEW"],
    ["executionReport", "NEW", "PENDING_NEW"],
    ["listStatus", undefined, undefined],
    ["outboundAccountPosition", undefined, undefined],
  ]);
  assert.equal(placed[1].w, false);
  // B sells into the working order (A's bid is first at 64999.99).
  await using b = await connect(fake.wsApiUrl);
  await b.ok(
    "order.place",
    hmac(B, { symbol: "BTCUSDT", side: "SELL", type: "MARKET", quantity: "0.1" }),
  );
  await c.until(placed.length + 3);
  const after = c.take().map((f) => f.event);
  assert.deepEqual(after.map((e) => [e.e, e.x, e.X, e.i]), [
    ["executionReport", "TRADE", "FILLED", (list.orders as Obj[])[0].orderId],
    ["executionReport", "NEW", "NEW", pending.orderId],
    ["outboundAccountPosition", undefined, undefined, undefined],
  ]);
  assert.deepEqual([after[1].w, after[1].W, after[1].T], [true, after[0].T, after[0].T]);
  // Bought 0.1 less 0.0001 commission; the pending sell now locks 0.1.
  assert.deepEqual(after[2].B, [
    { a: "BTC", f: "1.99990000", l: "0.10000000" },
    { a: "USDT", f: "193500.00100000", l: "0.00000000" },
  ]);
  assertTrueBalances(fake, A, after.find((e) => e.e === "outboundAccountPosition")!);
});

Deno.test("self-trade prevention: TRADE_PREVENTION with v, A, B, u, U, Cs, pl, pL, pY", async () => {
  await using fake = await start();
  await using c = await subscribed(fake, A);
  const maker = await c.ok("order.place", {
    timestamp: Date.now(),
    symbol: "BTCUSDT",
    side: "SELL",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "65000",
    quantity: "0.1",
  });
  c.take();
  const taker = await c.ok("order.place", {
    timestamp: Date.now(),
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "65000",
    quantity: "0.1",
    selfTradePreventionMode: "EXPIRE_TAKER",
  });
  assert.equal(taker.status, "EXPIRED_IN_MATCH");
  const events = c.take();
  // The taker locked and released the same quantity: no balance changed, no position event.
  assert.deepEqual(kinds(events), [
    "0:executionReport:NEW",
    "0:executionReport:TRADE_PREVENTION",
  ]);
  const p = events[1].event;
  assert.equal(p.i, taker.orderId);
  assert.equal(p.X, "EXPIRED_IN_MATCH");
  assert.equal(p.v, taker.preventedMatchId);
  assert.deepEqual(
    { A: p.A, B: p.B, u: p.u, U: p.U, Cs: p.Cs, pl: p.pl, pL: p.pL, pY: p.pY, w: p.w },
    {
      A: "0.10000000",
      B: "0.10000000",
      u: -1,
      U: maker.orderId,
      Cs: "BTCUSDT",
      pl: "0.10000000",
      pL: "65000.00000000",
      pY: "6500.00000000",
      w: false,
    },
  );
  // v sits between t and I, as the docs' example has it.
  const keys = Object.keys(p);
  assert.equal(keys.indexOf("v"), keys.indexOf("t") + 1);
  assert.equal(keys.indexOf("I"), keys.indexOf("v") + 1);
});
