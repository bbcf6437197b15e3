// Outcome certainty, end to end: order writes against the fake exchange's fault hooks, each
// fault hitting one or several orders of a continuous run of resting LIMIT orders. Every call
// must end as exactly one of: resolved with the order (direct or recovered; the fake then holds
// exactly one order with its client id), OrderNotPlacedError (the fake holds none, then and
// later, and the verdict came only after the request's window and margin on the fake's clock),
// or OrderOutcomeUnknownError only where the test made the truth unreachable. The counts of
// duplicates, wrong verdicts, premature verdicts and hung calls are printed and must be zero.
import assert from "node:assert/strict";
import {
  BinanceApiError,
  CancelReplaceError,
  ConnectionClosedError,
  connectWsApi,
  createSigner,
  orderCancel,
  orderCancelReplace,
  orderListCancel,
  orderListPlaceOco,
  orderListPlaceOto,
  OrderNotPlacedError,
  OrderOutcomeUnknownError,
  orderPlace,
  sorOrderPlace,
  UnexpectedMessageError,
  UnexpectedOrderResultError,
  ValidationError,
  type WsApiConnection,
  type WsApiConnectionOptions,
} from "../../mod.ts";
import {
  FAKE_ACCOUNT,
  type FakeBinance,
  type OrderFault,
  startFakeBinance,
} from "../../testing/mod.ts";
import { startScriptedPeer, waitFor } from "../_helpers.ts";

const API_KEY = FAKE_ACCOUNT.apiKey;
const RECV_WINDOW = 1000;
const MARGIN = 300;
const RESOLVE_TIMEOUT = 6000;
/** A call not settled this long after it started is hung. */
const HUNG_AFTER = RESOLVE_TIMEOUT + 3000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Setup extends AsyncDisposable {
  fake: FakeBinance;
  conn: WsApiConnection;
  /** The fake's clock offset (what the test set, not what the client measured). */
  fakeOffsetMs: number;
}

async function setup(
  options: { clockOffsetMs?: number; conn?: Partial<WsApiConnectionOptions> } = {},
): Promise<Setup> {
  const fake = await startFakeBinance();
  const fakeOffsetMs = options.clockOffsetMs ?? 0;
  if (fakeOffsetMs !== 0) fake.setClockOffset(fakeOffsetMs);
  const conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: API_KEY, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
    reconnect: { initialDelayMs: 10, maxDelayMs: 50 },
    recvWindow: RECV_WINDOW,
    unknownOutcomeMarginMs: MARGIN,
    resolveTimeoutMs: RESOLVE_TIMEOUT,
    timeoutMs: 3000,
    ...options.conn,
  });
  await conn.syncClock();
  return {
    fake,
    conn,
    fakeOffsetMs,
    async [Symbol.asyncDispose]() {
      await conn.close();
      await fake.close();
    },
  };
}

/** A BUY far below the market (65 000): it rests on the book. */
function restingBuy(n: number, id?: string): Record<string, unknown> {
  return {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: `${40000 + n}.00`,
    quantity: "0.001",
    ...(id === undefined ? {} : { newClientOrderId: id }),
  };
}

type Verdict = "direct" | "recovered" | "notPlaced" | "unknown" | "otherError" | "hung";

interface CallRecord {
  n: number;
  /** The client id, from the call's params or its outcome. */
  id: string | undefined;
  verdict: Verdict;
  value?: unknown;
  error?: unknown;
  /** The fake's clock when the call started and when it settled. */
  startedAt: number;
  settledAt: number;
}

interface Scenario {
  name: string;
  /** Arms the fault(s), right before the order(s) it should hit. */
  arm(fake: FakeBinance): void;
  /** How many orders are placed back to back when it is armed (several in flight). */
  burst?: number;
  /** Per-call timeout of the orders (short for the no-answer cases). */
  timeoutMs?: number;
  /** Per-call resolve timeout. */
  resolveTimeoutMs?: number;
  clockOffsetMs?: number;
  /** Connection options of the scenario. */
  conn?: Partial<WsApiConnectionOptions>;
  /** Verdicts the fault must produce at least once (else the test proves nothing). */
  expect: Partial<Record<Verdict, number>>;
  /** The truth is made unreachable: OrderOutcomeUnknownError is the right verdict then. */
  unknownAllowed?: boolean;
}

interface Counts {
  calls: number;
  direct: number;
  recovered: number;
  notPlaced: number;
  unknown: number;
  duplicates: number;
  wrong: number;
  premature: number;
  hung: number;
}

/** One call, bounded: a call still pending after HUNG_AFTER is recorded as hung. */
async function call(
  s: Setup,
  n: number,
  options: { timeoutMs?: number; resolveTimeoutMs?: number },
): Promise<CallRecord> {
  // Half the orders name their own client id, half rely on the generated one.
  const own = n % 2 === 0 ? `run-${n}-${crypto.randomUUID().slice(0, 8)}` : undefined;
  const fakeNow = () => Date.now() + s.fakeOffsetMs;
  const startedAt = fakeNow();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<"hung">((r) => timer = setTimeout(() => r("hung"), HUNG_AFTER));
  const placed = orderPlace(s.conn, restingBuy(n, own) as never, options).then(
    (value) => ({ value }),
    (error) => ({ error }),
  );
  const out = await Promise.race([placed, hung]);
  clearTimeout(timer);
  const settledAt = fakeNow();
  if (out === "hung") {
    // Let it finish before the test ends (sanitizers), but it counts as hung.
    await placed;
    return { n, id: own, verdict: "hung", startedAt, settledAt };
  }
  if ("value" in out) {
    const v = out.value as { clientOrderId?: string; recovered?: boolean };
    return {
      n,
      id: own ?? v.clientOrderId,
      verdict: v.recovered === true ? "recovered" : "direct",
      value: v,
      startedAt,
      settledAt,
    };
  }
  const e = out.error;
  const ids = (e as { clientOrderIds?: { newClientOrderId?: string } }).clientOrderIds;
  const verdict: Verdict = e instanceof OrderNotPlacedError
    ? "notPlaced"
    : e instanceof OrderOutcomeUnknownError
    ? "unknown"
    : "otherError";
  return { n, id: own ?? ids?.newClientOrderId, verdict, error: e, startedAt, settledAt };
}

/** A continuous run of resting orders, the fault armed in the middle; every call checked. */
async function runScenario(sc: Scenario): Promise<{ counts: Counts; records: CallRecord[] }> {
  await using s = await setup({ clockOffsetMs: sc.clockOffsetMs, conn: sc.conn });
  const total = 14;
  const faultAt = 6;
  const calls: Promise<CallRecord>[] = [];
  let n = 0;
  for (let i = 0; i < total; i++) {
    if (i === faultAt) {
      sc.arm(s.fake);
      for (let b = 0; b < (sc.burst ?? 1); b++) {
        calls.push(
          call(s, n++, { timeoutMs: sc.timeoutMs, resolveTimeoutMs: sc.resolveTimeoutMs }),
        );
      }
    } else {
      calls.push(call(s, n++, { timeoutMs: sc.timeoutMs, resolveTimeoutMs: sc.resolveTimeoutMs }));
    }
    await sleep(30);
  }
  const records = await Promise.all(calls);
  const counts: Counts = {
    calls: records.length,
    direct: 0,
    recovered: 0,
    notPlaced: 0,
    unknown: 0,
    duplicates: 0,
    wrong: 0,
    premature: 0,
    hung: 0,
  };
  const held = (id: string | undefined) =>
    id === undefined ? -1 : s.fake.trading.ordersByClientId(API_KEY, id).length;
  const problems: string[] = [];
  const wrong = (r: CallRecord, why: string) => {
    counts.wrong++;
    problems.push(`#${r.n} ${r.verdict}: ${why}`);
  };
  for (const r of records) {
    if (r.verdict === "hung") counts.hung++;
    if (r.verdict === "direct") counts.direct++;
    if (r.verdict === "recovered") counts.recovered++;
    if (r.verdict === "notPlaced") counts.notPlaced++;
    if (r.verdict === "unknown") counts.unknown++;
    const h = held(r.id);
    if (h > 1) counts.duplicates++;
    switch (r.verdict) {
      case "direct":
      case "recovered": {
        if (h !== 1) wrong(r, `the fake holds ${h} orders with "${r.id}"`);
        const v = r.value as { clientOrderId: string; recovered?: boolean; status?: string };
        if (v.clientOrderId !== r.id) wrong(r, `resolved with "${v.clientOrderId}"`);
        break;
      }
      case "notPlaced": {
        if (h !== 0) wrong(r, `the fake holds ${h} orders with "${r.id}"`);
        // The window closes at timestamp + recvWindow; the timestamp is no earlier than the
        // fake's clock when the call started (less a few ms of offset measurement).
        if (r.settledAt < r.startedAt + RECV_WINDOW + MARGIN - 30) {
          counts.premature++;
          problems.push(`#${r.n} notPlaced after ${r.settledAt - r.startedAt} ms (fake clock)`);
        }
        break;
      }
      case "unknown":
        if (!sc.unknownAllowed) wrong(r, String(r.error));
        break;
      case "otherError":
        wrong(r, String(r.error));
        break;
    }
  }
  // "Then or later": a late entry must not turn a "not placed" into an order.
  await sleep(600);
  for (const r of records) {
    if (r.verdict === "notPlaced" && held(r.id) !== 0) wrong(r, "the order appeared later");
  }
  // No order beyond those the calls account for (no second placement by a retry).
  const all = s.fake.trading.orders(API_KEY, "BTCUSDT").length;
  const accounted = records.filter((r) => held(r.id) > 0).length;
  if (all !== accounted) {
    counts.duplicates += all - accounted;
    problems.push(`the fake holds ${all} orders, the calls account for ${accounted}`);
  }
  if (problems.length > 0) console.log(`${sc.name}:\n  ${problems.join("\n  ")}`);
  return { counts, records };
}

const place = ["order.place"];
const fault = (f: OrderFault, count = 1) => (fake: FakeBinance) =>
  fake.armOrderFault(f, { count, methods: place });

const SCENARIOS: Scenario[] = [
  {
    name: "dropped after execution",
    arm: fault({ kind: "dropAfterExecuting" }),
    burst: 3,
    expect: { recovered: 1 },
  },
  {
    name: "dropped before execution",
    arm: fault({ kind: "dropBeforeExecuting" }),
    burst: 3,
    expect: { notPlaced: 1 },
  },
  {
    name: "5xx after execution",
    arm: fault({ kind: "serverError", executed: true }, 2),
    burst: 2,
    expect: { recovered: 2 },
  },
  {
    name: "5xx without execution",
    arm: fault({ kind: "serverError", executed: false }, 2),
    burst: 2,
    expect: { notPlaced: 2 },
  },
  {
    name: "-1007 with execution",
    arm: fault({ kind: "timeout", executed: true }),
    expect: { recovered: 1 },
  },
  {
    name: "-1007 without execution",
    arm: fault({ kind: "timeout", executed: false, status: 408 }),
    expect: { notPlaced: 1 },
  },
  {
    name: "no answer, executed (request timeout)",
    arm: fault({ kind: "noAnswer", executed: true }),
    timeoutMs: 400,
    expect: { recovered: 1 },
  },
  {
    name: "no answer, not executed (request timeout)",
    arm: fault({ kind: "noAnswer", executed: false }),
    timeoutMs: 400,
    expect: { notPlaced: 1 },
  },
  {
    // Held past its recvWindow, the fake refuses it at the matching engine (-1021, after the
    // client gave up): lookups find nothing, and the verdict waits for window and margin.
    name: "late entry past the recvWindow (not executed)",
    arm: fault({ kind: "delayEntry", ms: RECV_WINDOW + 250 }),
    timeoutMs: 300,
    expect: { notPlaced: 1 },
  },
  {
    // Held within its recvWindow: lookups find nothing at first ("not found is no proof"),
    // then the order enters and is found.
    name: "late entry within the recvWindow (executed)",
    arm: fault({ kind: "delayEntry", ms: 700 }),
    timeoutMs: 300,
    expect: { recovered: 1 },
  },
  {
    // The fake's clock 3 s behind: on the local clock the window would seem long closed at
    // the first lookup, before the late order enters.
    name: "the exchange's clock behind the local one, late entry",
    clockOffsetMs: -3000,
    arm: fault({ kind: "delayEntry", ms: 700 }),
    timeoutMs: 300,
    expect: { recovered: 1 },
  },
  {
    name: "the exchange's clock behind the local one, dropped before execution",
    clockOffsetMs: -3000,
    arm: fault({ kind: "dropBeforeExecuting" }),
    expect: { notPlaced: 1 },
  },
  {
    // µs timestamps (timeUnit MICROSECOND), recvWindow still ms: the window must come out right.
    name: "timeUnit MICROSECOND, 5xx with and without execution",
    conn: { timeUnit: "MICROSECOND" },
    arm: (fake) => {
      fake.armOrderFault({ kind: "serverError", executed: true }, { methods: place });
      fake.armOrderFault({ kind: "timeout", executed: false }, { methods: place });
    },
    burst: 2,
    expect: { recovered: 1, notPlaced: 1 },
  },
  {
    // Every lookup fails (5xx): the truth is unreachable, OrderOutcomeUnknownError is right.
    name: "truth unreachable (every lookup fails)",
    arm: (fake) => {
      fake.armOrderFault({ kind: "serverError", executed: true }, { methods: place });
      fake.armOrderFault({ kind: "serverError", executed: false }, {
        count: 10_000,
        methods: ["order.status"],
      });
    },
    resolveTimeoutMs: 1500,
    expect: { unknown: 1 },
    unknownAllowed: true,
  },
];

Deno.test("outcome certainty during continuous orders: every fault, every call ends with the truth (0 duplicates, 0 wrong, 0 premature, 0 hung)", async () => {
  const results = await Promise.all(SCENARIOS.map((sc) => runScenario(sc)));
  const table: Record<string, Counts> = {};
  const totals: Counts = {
    calls: 0,
    direct: 0,
    recovered: 0,
    notPlaced: 0,
    unknown: 0,
    duplicates: 0,
    wrong: 0,
    premature: 0,
    hung: 0,
  };
  results.forEach(({ counts }, i) => {
    table[SCENARIOS[i].name] = counts;
    for (const k of Object.keys(totals) as (keyof Counts)[]) totals[k] += counts[k];
  });
  table.total = totals;
  console.table(table);
  console.log(
    `duplicates ${totals.duplicates}, wrong verdicts ${totals.wrong}, premature verdicts ` +
      `${totals.premature}, hung calls ${totals.hung}`,
  );
  assert.deepEqual(
    { duplicates: totals.duplicates, wrong: totals.wrong, premature: totals.premature, hung: 0 },
    { duplicates: 0, wrong: 0, premature: 0, hung: totals.hung },
  );
  assert.equal(totals.hung, 0);
  results.forEach(({ counts, records }, i) => {
    const sc = SCENARIOS[i];
    for (const [verdict, min] of Object.entries(sc.expect) as [Verdict, number][]) {
      assert.ok(
        (counts[verdict as keyof Counts] ?? 0) >= min,
        `${sc.name}: expected at least ${min} ${verdict}, got ${JSON.stringify(counts)}`,
      );
    }
    for (const r of records) {
      if (r.verdict === "recovered") {
        const v = r.value as { recovered: boolean; status: string; time: number };
        assert.equal(v.recovered, true);
        assert.equal(v.status, "NEW", "a recovered order as order.status reports it");
        assert.equal(typeof v.time, "number");
      }
      if (r.verdict === "notPlaced") {
        const e = r.error as OrderNotPlacedError;
        assert.ok(e.msAfterWindow > e.marginMs, `${sc.name}: ${e.message}`);
        assert.equal(e.marginMs, MARGIN);
        assert.ok(e.cause !== undefined, "the cause is the lost answer");
      }
      if (r.verdict === "unknown") {
        const e = r.error as OrderOutcomeUnknownError;
        assert.equal(e.reason, "resolveTimeout", e.message);
        assert.equal(e.clientOrderIds.newClientOrderId, r.id);
      }
    }
  });
});

// ---- The choices around the resolution --------------------------------------------------------

Deno.test('onUnknownOutcome "throw" (per call and per connection) rejects at once, nothing re-sent, nothing looked up', async () => {
  await using s = await setup();
  s.fake.armOrderFault({ kind: "serverError", executed: true }, { count: 2, methods: place });
  const started = Date.now();
  const e1 = await orderPlace(s.conn, restingBuy(1, "throw-1") as never, {
    onUnknownOutcome: "throw",
  }).catch((e) => e);
  assert.ok(e1 instanceof OrderOutcomeUnknownError, String(e1));
  assert.equal(e1.reason, "executionStatusUnknown", "-1006, by its code (status 500)");
  assert.deepEqual(e1.clientOrderIds, { newClientOrderId: "throw-1" });
  assert.ok(Date.now() - started < 500, "at once");
  await using t = await setup({ conn: { onUnknownOutcome: "throw" } });
  t.fake.armOrderFault({ kind: "timeout", executed: false }, { methods: place });
  const e2 = await orderPlace(t.conn, restingBuy(2) as never).catch((e) => e);
  assert.ok(e2 instanceof OrderOutcomeUnknownError && e2.reason === "executionStatusUnknown");
  // The per-call option overrides the connection's.
  t.fake.armOrderFault({ kind: "timeout", executed: true }, { methods: place });
  const r = await orderPlace(t.conn, restingBuy(3) as never, { onUnknownOutcome: "resolve" });
  assert.equal((r as { recovered?: boolean }).recovered, true);
  assert.ok(!s.fake.executed.some((x) => x.method === "order.status"), "no lookup with throw");
  assert.equal(s.fake.trading.ordersByClientId(API_KEY, "throw-1").length, 1, "one, not two");
  assert.equal(s.fake.executed.filter((x) => x.method === "order.place").length, 1);
});

Deno.test("generateClientOrderIds: false without a client id: OrderOutcomeUnknownError noClientOrderId, which says it cannot be resolved", async () => {
  await using s = await setup({ conn: { generateClientOrderIds: false } });
  s.fake.armOrderFault({ kind: "timeout", executed: true }, { methods: place });
  const e = await orderPlace(s.conn, restingBuy(1) as never).catch((e) => e);
  assert.ok(e instanceof OrderOutcomeUnknownError, String(e));
  assert.equal(e.reason, "noClientOrderId");
  assert.match(e.message, /no client order id to look it up by/);
  assert.ok(e.cause instanceof BinanceApiError && e.cause.code === -1007);
  assert.ok(!s.fake.executed.some((x) => x.method === "order.status"), "no lookup");
});

Deno.test("an abort after the order went out: OrderOutcomeUnknownError aborted with its ids; before: the abort reason", async () => {
  await using s = await setup();
  s.fake.armOrderFault({ kind: "noAnswer", executed: true }, { methods: place });
  const controller = new AbortController();
  const pending = orderPlace(s.conn, restingBuy(1, "abort-1") as never, {
    signal: controller.signal,
  }).catch((e) => e);
  await waitFor(
    "the order executed",
    () => s.fake.executed.some((x) => x.method === "order.place"),
  );
  controller.abort(new Error("stop"));
  const e = await pending;
  assert.ok(e instanceof OrderOutcomeUnknownError, String(e));
  assert.equal(e.reason, "aborted");
  assert.deepEqual(e.clientOrderIds, { newClientOrderId: "abort-1" });
  assert.equal(s.fake.trading.ordersByClientId(API_KEY, "abort-1").length, 1, "it exists");
  // Aborted before anything left: the abort reason itself, nothing placed.
  const before = AbortSignal.abort(new Error("never mind"));
  const e2 = await orderPlace(s.conn, restingBuy(2, "abort-2") as never, { signal: before })
    .catch((e) => e);
  assert.ok(!(e2 instanceof OrderOutcomeUnknownError), String(e2));
  assert.equal((e2 as Error).message, "never mind");
  assert.equal(s.fake.trading.ordersByClientId(API_KEY, "abort-2").length, 0);
});

Deno.test("a request that provably never left rejects with its own error (outcome notSent)", async () => {
  const s = await setup();
  await s.conn.close();
  const e = await orderPlace(s.conn, restingBuy(1) as never).catch((e) => e);
  assert.ok(e instanceof ConnectionClosedError && e.outcome === "notSent", String(e));
  const v = await orderPlace(s.conn, { symbol: "BTCUSDT", side: "BUY", type: "LIMIT" } as never)
    .catch((e) => e);
  assert.ok(v instanceof ValidationError && v.outcome === "notSent");
  await s.fake.close();
});

Deno.test("a reused client id: the older order found is not taken (mismatch), nothing placed twice", async () => {
  await using s = await setup();
  const id = "reused-1";
  const first = await orderPlace(s.conn, restingBuy(5, id) as never);
  await orderCancel(s.conn, { symbol: "BTCUSDT", origClientOrderId: id });
  // Older than the new request could be (Binance refuses a timestamp 1 s ahead of its clock).
  await sleep(1100);
  s.fake.armOrderFault({ kind: "dropBeforeExecuting" }, { methods: place });
  const e = await orderPlace(s.conn, restingBuy(5, id) as never).catch((e) => e);
  assert.ok(e instanceof OrderOutcomeUnknownError, String(e));
  assert.equal(e.reason, "mismatch");
  assert.equal(e.found?.orderId, first.orderId, "the old order is reported");
  assert.match(e.mismatch ?? "", /time .* is before the request/);
  assert.equal(s.fake.trading.ordersByClientId(API_KEY, id).length, 1, "only the old one");
  // The same id reused, its placement executed: the new order is found and taken.
  s.fake.armOrderFault({ kind: "serverError", executed: true }, { methods: place });
  await sleep(20);
  const r = await orderPlace(s.conn, restingBuy(5, id) as never);
  assert.equal((r as { recovered?: boolean }).recovered, true);
  assert.notEqual(r.orderId, first.orderId);
  assert.equal(s.fake.trading.ordersByClientId(API_KEY, id).length, 2);
});

// ---- Order lists, SOR, cancel-replace ----------------------------------------------------------

const OCO = {
  symbol: "BTCUSDT",
  side: "SELL",
  quantity: "0.001",
  aboveType: "LIMIT_MAKER",
  abovePrice: "90000.00",
  belowType: "STOP_LOSS_LIMIT",
  belowStopPrice: "40000.00",
  belowPrice: "39900.00",
  belowTimeInForce: "GTC",
} as const;

Deno.test("a lost order list that reuses a finished list's ids is not taken for that list", async () => {
  await using fake = await startFakeBinance();
  await using conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
    recvWindow: 1000,
    unknownOutcomeMarginMs: 300,
    resolveTimeoutMs: 6000,
  });
  const oco = {
    ...OCO,
    listClientOrderId: "bot-list-1",
    aboveClientOrderId: "bot-above-1",
    belowClientOrderId: "bot-below-1",
  };
  await orderListPlaceOco(conn, oco);
  await orderListCancel(conn, { symbol: "BTCUSDT", listClientOrderId: oco.listClientOrderId });
  // Binance takes the same ids again once the first list is done; this time the answer is lost
  // and the list never reached the engine.
  await new Promise((r) => setTimeout(r, 1100));
  fake.armOrderFault({ kind: "dropBeforeExecuting" }, { methods: ["orderList.place.oco"] });
  // The old list is found by the ids, and is not taken as the answer: the error says so.
  await assert.rejects(
    orderListPlaceOco(conn, oco),
    (e) =>
      e instanceof OrderOutcomeUnknownError && /not this placement/.test(e.message) &&
      /transactionTime \d+ is before the request/.test(e.message),
  );
  const live = fake.trading.ordersByClientId(FAKE_ACCOUNT.apiKey, oco.aboveClientOrderId)
    .filter((o) => o.status === "NEW");
  assert.equal(live.length, 0);
});

Deno.test("an order list whose answer was lost is resolved by orderList.status (recovered), or not placed", async () => {
  await using s = await setup();
  s.fake.armOrderFault({ kind: "dropAfterExecuting" }, { methods: ["orderList.place.oco"] });
  const list = await orderListPlaceOco(s.conn, OCO);
  assert.ok("recovered" in list && list.recovered === true, JSON.stringify(list));
  assert.equal(list.orders.length, 2);
  for (const o of list.orders) {
    assert.equal(s.fake.trading.ordersByClientId(API_KEY, o.clientOrderId).length, 1);
  }
  s.fake.armOrderFault({ kind: "timeout", executed: false }, { methods: ["orderList.place.oto"] });
  const e = await orderListPlaceOto(s.conn, {
    symbol: "BTCUSDT",
    workingType: "LIMIT",
    workingSide: "BUY",
    workingPrice: "40000.00",
    workingQuantity: "0.001",
    workingTimeInForce: "GTC",
    pendingType: "LIMIT_MAKER",
    pendingSide: "SELL",
    pendingPrice: "90000.00",
    pendingQuantity: "0.001",
  } as never).catch((e) => e);
  assert.ok(e instanceof OrderNotPlacedError, String(e));
  const ids = e.clientOrderIds;
  assert.ok(
    ids.listClientOrderId && ids.legs?.workingClientOrderId && ids.legs?.pendingClientOrderId,
  );
  for (const id of Object.values(ids.legs!)) {
    assert.equal(s.fake.trading.ordersByClientId(API_KEY, id).length, 0);
  }
});

Deno.test("sor.order.place whose answer was lost resolves with a list of one recovered order", async () => {
  await using s = await setup();
  s.fake.armOrderFault({ kind: "serverError", executed: true }, { methods: ["sor.order.place"] });
  const r = await sorOrderPlace(s.conn, {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "40000.00",
    quantity: "0.001",
    newClientOrderId: "sor-1",
  });
  assert.equal(r.length, 1);
  assert.ok("recovered" in r[0] && r[0].recovered === true);
  assert.equal(r[0].clientOrderId, "sor-1");
  assert.equal(s.fake.trading.ordersByClientId(API_KEY, "sor-1").length, 1);
});

Deno.test("order.cancelReplace whose answer was lost: the new order found, the cancel known (STOP_ON_FAILURE by the mode, ALLOW_FAILURE by the old order)", async () => {
  await using s = await setup();
  for (const mode of ["STOP_ON_FAILURE", "ALLOW_FAILURE"] as const) {
    const old = await orderPlace(s.conn, restingBuy(1) as never);
    s.fake.armOrderFault({ kind: "dropAfterExecuting" }, { methods: ["order.cancelReplace"] });
    const r = await orderCancelReplace(s.conn, {
      symbol: "BTCUSDT",
      cancelReplaceMode: mode,
      cancelOrderId: old.orderId,
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "40001.00",
      quantity: "0.001",
    });
    assert.ok("recovered" in r && r.recovered === true, JSON.stringify(r));
    assert.equal(r.cancelResult, "SUCCESS");
    assert.equal(r.newOrderResponse.price, "40001.00000000");
    if (mode === "ALLOW_FAILURE") assert.equal(r.cancelResponse?.status, "CANCELED");
    const id = r.newOrderResponse.clientOrderId;
    assert.equal(s.fake.trading.ordersByClientId(API_KEY, id).length, 1);
    assert.equal(s.fake.trading.ordersByClientId(API_KEY, old.clientOrderId)[0].status, "CANCELED");
  }
  // Dropped before execution: the new order is not placed (and the old one is untouched).
  const old = await orderPlace(s.conn, restingBuy(2) as never);
  s.fake.armOrderFault({ kind: "dropBeforeExecuting" }, { methods: ["order.cancelReplace"] });
  const e = await orderCancelReplace(s.conn, {
    symbol: "BTCUSDT",
    cancelReplaceMode: "STOP_ON_FAILURE",
    cancelOrderId: old.orderId,
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "40002.00",
    quantity: "0.001",
  }).catch((e) => e);
  assert.ok(e instanceof OrderNotPlacedError, String(e));
  assert.equal(
    s.fake.trading.ordersByClientId(API_KEY, e.clientOrderIds.newClientOrderId!).length,
    0,
  );
  assert.equal(s.fake.trading.ordersByClientId(API_KEY, old.clientOrderId)[0].status, "NEW");
});

/** A signed connection to a scripted peer: `answers[method]` is the frame for each request. */
async function scripted(
  answers: Record<string, (req: { id: unknown; params: Record<string, unknown> }) => string>,
) {
  const peer = startScriptedPeer((req) => {
    if (req.method === "time") {
      return JSON.stringify({ id: req.id, status: 200, result: { serverTime: Date.now() } });
    }
    return answers[req.method]?.(req);
  });
  const conn = await connectWsApi({
    url: peer.url,
    credentials: {
      apiKey: "test-api-key",
      signer: await createSigner({ type: "HMAC", secretKey: "test-secret" }),
    },
    unknownOutcomeMarginMs: MARGIN,
    recvWindow: RECV_WINDOW,
  });
  return {
    peer,
    conn,
    async [Symbol.asyncDispose]() {
      await conn.close();
      await peer.close();
    },
  };
}

const NEW_ORDER_TIMEOUT = { code: -1007, msg: "Timeout waiting for response from backend server." };

function queried(p: Record<string, unknown>, clientOrderId: string, time = Date.now()) {
  return {
    symbol: "BTCUSDT",
    orderId: 77,
    orderListId: -1,
    clientOrderId,
    price: p.price,
    origQty: p.quantity,
    executedQty: "0",
    cummulativeQuoteQty: "0",
    status: "NEW",
    timeInForce: "GTC",
    type: "LIMIT",
    side: "SELL",
    time,
    updateTime: time,
    isWorking: true,
    workingTime: time,
    origQuoteOrderQty: "0",
    selfTradePreventionMode: "NONE",
  };
}

Deno.test("order.cancelReplace: the error's data is a definite answer; only a new order answered -1007 is looked up", async () => {
  let sentParams: Record<string, unknown> = {};
  let newHalf: unknown = { code: -2010, msg: "Order would immediately match and take." };
  await using s = await scripted({
    "order.cancelReplace": (req) => {
      sentParams = req.params;
      return JSON.stringify({
        id: req.id,
        status: 409,
        error: {
          code: -2021,
          msg: "Order cancel-replace partially failed.",
          data: {
            cancelResult: "SUCCESS",
            newOrderResult: "FAILURE",
            cancelResponse: {
              symbol: "BTCUSDT",
              origClientOrderId: "old",
              orderId: 1,
              orderListId: -1,
              clientOrderId: "c",
              transactTime: Date.now(),
              price: "1.00000000",
              origQty: "1.00000000",
              executedQty: "0.00000000",
              origQuoteOrderQty: "0.00000000",
              cummulativeQuoteQty: "0.00000000",
              status: "CANCELED",
              timeInForce: "GTC",
              type: "LIMIT",
              side: "SELL",
              selfTradePreventionMode: "NONE",
            },
            newOrderResponse: newHalf,
          },
        },
      });
    },
    "order.status": (req) =>
      JSON.stringify({
        id: req.id,
        status: 200,
        result: queried(sentParams, String(req.params.origClientOrderId)),
      }),
  });
  const params = {
    symbol: "BTCUSDT",
    cancelReplaceMode: "ALLOW_FAILURE",
    cancelOrderId: 1,
    side: "SELL",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "90000.00",
    quantity: "0.001",
  } as const;
  const definite = await orderCancelReplace(s.conn, params).catch((e) => e);
  assert.ok(definite instanceof CancelReplaceError && !definite.placed, String(definite));
  assert.ok(!s.peer.received.some((r) => r.method === "order.status"), "nothing looked up");
  newHalf = NEW_ORDER_TIMEOUT;
  const r = await orderCancelReplace(s.conn, params);
  assert.ok("recovered" in r && r.recovered, JSON.stringify(r));
  assert.equal(r.cancelResult, "SUCCESS", "from the error's data");
  assert.equal(r.newOrderResponse.clientOrderId, sentParams.newClientOrderId);
  assert.equal(s.peer.received.filter((r) => r.method === "order.status").length, 1);
});

Deno.test("an accepted order whose result does not fit the model (id above 2^53) is UnexpectedOrderResultError with the exact result, never a failed order", async () => {
  let sentId = "";
  await using s = await scripted({
    "order.place": (req) => {
      sentId = String(req.params.newClientOrderId);
      return `{"id":${req.id},"status":200,"result":{"symbol":"BTCUSDT",` +
        `"orderId":1152921504606846977,"orderListId":-1,"clientOrderId":"${sentId}",` +
        `"transactTime":1700000000000}}`;
    },
  });
  const e = await orderPlace(s.conn, {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "40000.00",
    quantity: "0.001",
    newOrderRespType: "ACK",
  }).catch((e) => e);
  assert.ok(e instanceof UnexpectedOrderResultError, String(e));
  assert.ok(e instanceof UnexpectedMessageError);
  assert.equal(e.accepted, true);
  assert.equal((e.result as { orderId: bigint }).orderId, 1152921504606846977n);
  assert.deepEqual(e.clientOrderIds, { newClientOrderId: sentId });
  assert.match(e.message, /the order was accepted/);
  assert.equal(s.peer.received.filter((r) => r.method === "order.place").length, 1);
});
