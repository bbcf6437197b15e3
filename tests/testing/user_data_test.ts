// The fake exchange's User Data Stream, checked with raw WebSocket frames and the tests' own
// signing (HMAC for requests, Ed25519 for session.logon), against hand-computed events.
// Nothing of the client library is used here.
import assert from "node:assert/strict";
import { createHmac, sign } from "node:crypto";
import { FAKE_ACCOUNT, type FakeBinance, startFakeBinance } from "../../testing/mod.ts";
import { createAccounts } from "../../testing/_exchange/accounts.ts";
import { UserDataStreams } from "../../testing/_exchange/user_data.ts";

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
  fake.market.clearLevel("BTCUSDT", "asks", "65000"); // its orders first there
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

Deno.test("cancelReplace: a new order the engine refuses after the cancel is reported REJECTED, with r", async () => {
  await using fake = await start();
  await using c = await subscribed(fake, A);
  await c.ok("order.place", {
    timestamp: Date.now(),
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "60000",
    quantity: "0.01",
    newClientOrderId: "crr-1",
  });
  await c.until(2);
  c.take();
  const r = await c.call("order.cancelReplace", {
    timestamp: Date.now(),
    symbol: "BTCUSDT",
    cancelReplaceMode: "STOP_ON_FAILURE",
    cancelOrigClientOrderId: "crr-1",
    side: "BUY",
    type: "LIMIT_MAKER",
    price: "65000",
    quantity: "0.01",
    newClientOrderId: "crr-2",
  });
  assert.equal(r.status, 409);
  await eventually(() => c.events.some((f) => f.event.x === "REJECTED"));
  const events = c.take();
  const rejected = events.find((f) => f.event.x === "REJECTED")!.event;
  assert.deepEqual(
    [rejected.c, rejected.X, rejected.r, rejected.o, rejected.w],
    ["crr-2", "REJECTED", "WOULD_MATCH_IMMEDIATELY", "LIMIT_MAKER", false],
  );
  assert.ok(events.some((f) => f.event.x === "CANCELED" && f.event.C === "crr-1"));
});

Deno.test("a trailing stop without stopPrice: stopPrice 0 in its answer, its trailingTime there and in its NEW report", async () => {
  await using fake = await start();
  await using c = await subscribed(fake, A);
  const placed = await c.ok("order.place", {
    timestamp: Date.now(),
    symbol: "BTCUSDT",
    side: "SELL",
    type: "STOP_LOSS",
    quantity: "0.01",
    trailingDelta: 100,
    newOrderRespType: "RESULT",
  });
  assert.equal(placed.stopPrice, "0.00000000");
  assert.equal(typeof placed.trailingTime, "number");
  assert.ok((placed.trailingTime as number) > 0);
  const [report] = await c.until(1);
  assert.deepEqual([report.event.x, report.event.d, report.event.D], [
    "NEW",
    100,
    placed.trailingTime,
  ]);
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
  fake.market.clearLevel("BTCUSDT", "bids", "64999.99"); // its orders first there
  fake.market.clearLevel("BTCUSDT", "asks", "65000.05"); // its orders first there
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
  fake.market.clearLevel("BTCUSDT", "asks", "65000"); // its orders first there
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

Deno.test("SOR: every report has k SOR and uS true; a TRADE by allocation has b and a", async () => {
  await using fake = await start();
  await using c = await subscribed(fake, A);
  const placed = await c.ok("sor.order.place", {
    timestamp: Date.now(),
    symbol: "BTCUSDT",
    side: "BUY",
    type: "MARKET",
    quantity: "0.2",
    newOrderRespType: "FULL",
  });
  // The result is a list of one order, as the docs have it.
  const fills = (placed as unknown as Obj[])[0].fills as Obj[];
  assert.ok(fills.length > 0);
  const reports = c.take().map((f) => f.event).filter((e) => e.e === "executionReport");
  assert.deepEqual(reports.map((e) => e.x), ["NEW", ...fills.map(() => "TRADE")]);
  for (const e of reports) assert.deepEqual([e.k, e.uS], ["SOR", true]);
  // Each TRADE is one allocation: its match type and allocation id, as the response's fills.
  assert.deepEqual(
    reports.slice(1).map((e) => [e.b, e.a, e.l]),
    fills.map((f) => [f.matchType, f.allocId, f.qty]),
  );
  assert.deepEqual([reports[0].b, reports[0].a], [undefined, undefined]);
  // The docs' order: b and a after W, before k and uS.
  const keys = Object.keys(reports[1]);
  assert.deepEqual(keys.slice(keys.indexOf("b")), ["b", "a", "k", "uS"]);
});

Deno.test("session.logout ends the logon subscription only, with eventStreamTerminated", async () => {
  await using fake = await start();
  await using c = await subscribed(fake, A);
  assert.deepEqual(await c.ok("userDataStream.subscribe.signature", hmac(B)), {
    subscriptionId: 1,
  });
  const out = await c.ok("session.logout");
  assert.equal(out.apiKey, null);
  // B's signature subscription is still active.
  assert.equal(out.userDataStream, true);
  assert.deepEqual(kinds(c.take()), ["0:eventStreamTerminated"]);
  assert.deepEqual(await c.ok("session.subscriptions"), [{ subscriptionId: 1 }]);
  assert.equal(errorOf(await c.call("userDataStream.subscribe")).code, -1002);
  // A's events no longer come; B's do, to subscription 1.
  const limit = { symbol: "BTCUSDT", side: "BUY", type: "LIMIT", timeInForce: "GTC" };
  await c.ok("order.place", hmac(A, { ...limit, price: "60000", quantity: "0.01" }));
  await c.ok("order.place", hmac(B, { ...limit, price: "60000", quantity: "0.01" }));
  assert.deepEqual(kinds(c.take()), ["1:executionReport:NEW", "1:outboundAccountPosition"]);
  // Logging out again does nothing.
  assert.equal((await c.ok("session.logout")).userDataStream, true);
  assert.deepEqual(c.take(), []);
});

Deno.test("an account's events go to its subscriptions on every connection, in the same order", async () => {
  await using fake = await start();
  await using c1 = await subscribed(fake, A);
  await using c2 = await connect(fake.wsApiUrl);
  assert.deepEqual(await c2.ok("userDataStream.subscribe.signature", hmac(A)), {
    subscriptionId: 0,
  });
  await using trader = await connect(fake.wsApiUrl);
  for (const quantity of ["0.01", "0.02", "0.03"]) {
    await trader.ok(
      "order.place",
      hmac(A, { symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity }),
    );
  }
  // Each MARKET buy: NEW, TRADE(s) against the market's asks, then the position.
  const positionsOf = (c: Raw) =>
    c.events.filter((f) => f.event.e === "outboundAccountPosition").length;
  await eventually(() => positionsOf(c1) === 3 && positionsOf(c2) === 3);
  const strip = (f: Frame) => f.event;
  assert.deepEqual(c2.events.map(strip), c1.events.map(strip));
  assert.deepEqual(trader.events, []);
  assert.deepEqual(c1.events.map((f) => f.event.x ?? f.event.e).slice(0, 3), [
    "NEW",
    "TRADE",
    "outboundAccountPosition",
  ]);
  // The last TRADE of each order is FILLED with its whole quantity.
  const lastTrades = new Map<unknown, Obj>();
  for (const f of c1.events) if (f.event.x === "TRADE") lastTrades.set(f.event.i, f.event);
  assert.deepEqual([...lastTrades.values()].map((e) => [e.X, e.z]), [
    ["FILLED", "0.01000000"],
    ["FILLED", "0.02000000"],
    ["FILLED", "0.03000000"],
  ]);
  assertTrueBalances(fake, A, c1.events.at(-1)!.event);
  assert.equal(fake.userData.sent, c1.events.length * 2);
});

Deno.test("expiries carry eR; a quote-quantity MARKET's last TRADE is FILLED; a stop is NEW again when it triggers", async () => {
  await using fake = await start();
  await using c = await subscribed(fake, A);
  const fok = await c.ok("order.place", {
    timestamp: Date.now(),
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "FOK",
    price: "60000",
    quantity: "0.01",
  });
  assert.equal(fok.status, "EXPIRED");
  const expired = c.take().map((f) => f.event);
  assert.deepEqual(expired.map((e) => [e.x, e.X, e.eR, e.w]), [
    ["NEW", "NEW", undefined, true],
    ["EXPIRED", "EXPIRED", "UNFILLED_FOK_ORDER_EXPIRED", false],
  ]);
  assert.equal(Object.keys(expired[1]).at(-1), "eR");

  const quote = await c.ok("order.place", {
    timestamp: Date.now(),
    symbol: "BTCUSDT",
    side: "BUY",
    type: "MARKET",
    quoteOrderQty: "1000",
  });
  assert.equal(quote.status, "FILLED");
  const trades = c.take().map((f) => f.event).filter((e) => e.x === "TRADE");
  assert.ok(trades.length >= 1);
  const last = trades.at(-1)!;
  assert.deepEqual([last.X, last.q, last.z, last.Z, last.Q], [
    "FILLED",
    quote.origQty,
    quote.executedQty,
    quote.cummulativeQuoteQty,
    "1000.00000000",
  ]);
  for (const t of trades.slice(0, -1)) assert.equal(t.X, "PARTIALLY_FILLED");

  // A stop-loss sell at 64999.97 waits (the last trade was at the ask).
  const stop = await c.ok("order.place", {
    timestamp: Date.now(),
    symbol: "BTCUSDT",
    side: "SELL",
    type: "STOP_LOSS",
    quantity: "0.01",
    stopPrice: "64999.97",
  });
  const parked = c.take().map((f) => f.event);
  assert.deepEqual(parked.map((e) => [e.e, e.x, e.X, e.o, e.w, "W" in e, e.P]), [
    ["executionReport", "NEW", "NEW", "STOP_LOSS", false, false, "64999.97000000"],
    ["outboundAccountPosition", undefined, undefined, undefined, undefined, false, undefined],
  ]);
  // A market sell of 0.1 walks the bids down to 64999.96: the stop triggers and sells.
  await c.ok("order.place", {
    timestamp: Date.now(),
    symbol: "BTCUSDT",
    side: "SELL",
    type: "MARKET",
    quantity: "0.1",
  });
  const mine = c.take().map((f) => f.event).filter((e) => e.i === stop.orderId);
  // Reported NEW again, now working; then its trades, as its own type, the last FILLED.
  assert.deepEqual([mine[0].x, mine[0].X, mine[0].o, mine[0].w], ["NEW", "NEW", "STOP_LOSS", true]);
  assert.deepEqual(
    mine.slice(1).map((e) => [e.x, e.o, e.w]),
    mine.slice(1).map(() => ["TRADE", "STOP_LOSS", false]),
  );
  assert.equal(mine.at(-1)!.X, "FILLED");
  assert.equal(mine.at(-1)!.z, "0.01000000");
  assert.equal(mine[0].W, mine[0].T);
});

Deno.test("hooks: balanceUpdate and externalLockUpdate, each then the position", async () => {
  await using fake = await start();
  await using c = await subscribed(fake, A);
  fake.userData.balanceUpdate(A, "BTC", "0.5");
  fake.userData.balanceUpdate(A, "ETH", "3");
  fake.userData.balanceUpdate(A, "BTC", "-0.25");
  fake.userData.externalLockUpdate(A, "USDT", "1000");
  fake.userData.externalLockUpdate(A, "USDT", "-400.5");
  await c.until(10);
  const events: Obj[] = c.take().map((f) => ({ ...f.event, E: 0 }));
  const at = (i: number) => events[i].T as number;
  assert.deepEqual(events, [
    { e: "balanceUpdate", E: 0, a: "BTC", d: "0.50000000", T: at(0) },
    {
      e: "outboundAccountPosition",
      E: 0,
      u: at(0),
      B: [{ a: "BTC", f: "2.50000000", l: "0.00000000" }],
    },
    { e: "balanceUpdate", E: 0, a: "ETH", d: "3.00000000", T: at(2) },
    {
      e: "outboundAccountPosition",
      E: 0,
      u: at(2),
      B: [{ a: "ETH", f: "3.00000000", l: "0.00000000" }],
    },
    { e: "balanceUpdate", E: 0, a: "BTC", d: "-0.25000000", T: at(4) },
    {
      e: "outboundAccountPosition",
      E: 0,
      u: at(4),
      B: [{ a: "BTC", f: "2.25000000", l: "0.00000000" }],
    },
    { e: "externalLockUpdate", E: 0, a: "USDT", d: "1000.00000000", T: at(6) },
    {
      e: "outboundAccountPosition",
      E: 0,
      u: at(6),
      B: [{ a: "USDT", f: "199000.00000000", l: "1000.00000000" }],
    },
    { e: "externalLockUpdate", E: 0, a: "USDT", d: "-400.50000000", T: at(8) },
    {
      e: "outboundAccountPosition",
      E: 0,
      u: at(8),
      B: [{ a: "USDT", f: "199400.50000000", l: "599.50000000" }],
    },
  ]);
  assert.deepEqual(fake.trading.balances(A).USDT, {
    free: "199400.50000000",
    locked: "599.50000000",
  });
  // account.status's updateTime follows the last balance change.
  const status = await c.ok("account.status", { timestamp: Date.now() });
  assert.equal(status.updateTime, at(8));
  assert.throws(() => fake.userData.balanceUpdate(A, "BTC", "-3"), RangeError);
  assert.throws(() => fake.userData.externalLockUpdate(A, "USDT", "-600"), RangeError);
  assert.throws(() => fake.userData.balanceUpdate(A, "BTC", "1e3"), RangeError);
  assert.throws(() => fake.userData.balanceUpdate("nobody", "BTC", "1"), RangeError);
  assert.equal(fake.userData.sent, 10);
});

Deno.test("dropEvents: the account's events are lost for that time only; its state still changes", async () => {
  await using fake = await start();
  await using c = await subscribed(fake, A);
  assert.deepEqual(await c.ok("userDataStream.subscribe.signature", hmac(B)), {
    subscriptionId: 1,
  });
  const limit = (apiKey: string, price: string) =>
    c.ok(
      "order.place",
      hmac(apiKey, {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "LIMIT",
        timeInForce: "GTC",
        price,
        quantity: "0.01",
      }),
    );
  fake.userData.dropEvents(A, 300);
  const sentBefore = fake.userData.sent;
  await limit(A, "60000");
  await limit(B, "60000");
  // Only B's events came; A's order and balance changed all the same.
  assert.deepEqual(kinds(c.take()), ["1:executionReport:NEW", "1:outboundAccountPosition"]);
  assert.equal(fake.userData.sent, sentBefore + 2);
  assert.equal(fake.trading.openOrders(A).length, 1);
  assert.deepEqual(fake.trading.balances(A).USDT, {
    free: "199400.00000000",
    locked: "600.00000000",
  });
  await new Promise((r) => setTimeout(r, 320));
  // After the drop: events again, the position absolute (it includes what changed meanwhile
  // only if it changed again now: here USDT does).
  await limit(A, "60001");
  const after = c.take();
  assert.deepEqual(kinds(after), ["0:executionReport:NEW", "0:outboundAccountPosition"]);
  assert.deepEqual(after[1].event.B, [{ a: "USDT", f: "198799.99000000", l: "1200.01000000" }]);
  assertTrueBalances(fake, A, after[1].event);
});

Deno.test("terminate: eventStreamTerminated unprompted, on every connection; then nothing", async () => {
  await using fake = await start();
  await using c1 = await subscribed(fake, A);
  await using c2 = await subscribed(fake, B);
  assert.deepEqual(await c2.ok("userDataStream.subscribe.signature", hmac(A)), {
    subscriptionId: 1,
  });
  assert.equal(fake.userData.terminate(A), 2);
  await c1.until(1);
  await c2.until(1);
  assert.deepEqual(kinds(c1.take()), ["0:eventStreamTerminated"]);
  assert.deepEqual(kinds(c2.take()), ["1:eventStreamTerminated"]);
  assert.deepEqual(fake.userData.subscriptions(), [
    { connection: 2, subscriptionId: 0, apiKey: B },
  ]);
  assert.equal((await c1.ok("session.status")).userDataStream, false);
  assert.deepEqual(await c2.ok("session.subscriptions"), [{ subscriptionId: 0 }]);
  const sent = fake.userData.sent;
  fake.userData.balanceUpdate(A, "BTC", "1");
  fake.userData.balanceUpdate(B, "BTC", "1");
  // Only B's two frames went out.
  assert.equal(fake.userData.sent, sent + 2);
  await c2.until(3);
  assert.deepEqual(kinds(c2.take()), ["0:balanceUpdate", "0:outboundAccountPosition"]);
  assert.deepEqual(c1.take(), []);
  // The logon session may subscribe again: the next id.
  assert.deepEqual(await c1.ok("userDataStream.subscribe"), { subscriptionId: 1 });
  assert.equal(fake.userData.terminate(), 2);
});

Deno.test("event times follow the exchange clock", async () => {
  await using fake = await start();
  await using c = await subscribed(fake, A);
  fake.setClockOffset(3_600_000);
  const before = Date.now();
  const r = await c.ok("order.place", {
    timestamp: Date.now() + 3_600_000,
    symbol: "BTCUSDT",
    side: "BUY",
    type: "MARKET",
    quantity: "0.001",
  });
  const events = c.take().map((f) => f.event);
  for (const e of events) {
    assert.ok((e.E as number) >= before + 3_600_000, JSON.stringify(e));
    assert.ok((e.E as number) <= Date.now() + 3_600_000);
  }
  assert.equal(events[0].T, r.transactTime);
  assert.ok((events[0].T as number) >= before + 3_600_000);
  fake.userData.balanceUpdate(A, "BTC", "1");
  await c.until(events.length + 2);
  const [update] = c.take();
  assert.ok((update.event.T as number) >= before + 3_600_000);
});

Deno.test("the subscription limits: 1000 active (-1191), 65 535 over a connection's life (-2042)", () => {
  const inits = Array.from({ length: 1001 }, (_, i) => ({ apiKey: `k${i}` }));
  const uds = new UserDataStreams({ accounts: createAccounts(inits, 0), clock: () => 0 });
  const frames: string[] = [];
  const conn = { id: 1, session: { userDataStream: false }, send: (t: string) => frames.push(t) };
  for (let i = 0; i < 1000; i++) assert.equal(uds.subscribe(conn, `k${i}`, "signature"), i);
  assert.throws(() => uds.subscribe(conn, "k1000", "signature"), {
    code: -1191,
    msg: "Too many subscriptions. Connection may create up to '1000' subscriptions at a time.",
  });
  uds.unsubscribe(conn);
  assert.equal(frames.length, 1000);
  assert.equal(conn.session.userDataStream, false);
  for (let i = 1000; i < 65_535; i++) {
    assert.equal(uds.subscribe(conn, "k0", "signature"), i);
    uds.unsubscribe(conn, i);
  }
  assert.throws(() => uds.subscribe(conn, "k0", "signature"), {
    code: -2042,
    msg: "Maximum subscription ID reached for this connection.",
  });
  // Another connection starts afresh.
  const other = { id: 2, session: { userDataStream: false }, send: () => {} };
  assert.equal(uds.subscribe(other, "k0", "logon"), 0);
  assert.equal(other.session.userDataStream, true);
});
