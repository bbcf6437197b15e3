// The resolution of unknown order outcomes (methods/_outcome.ts), on a virtual clock with an
// injected lookup: every verdict checked against what the lookups saw and when.
import assert from "node:assert/strict";
import {
  BinanceApiError,
  ConnectionClosedError,
  OrderNotPlacedError,
  OrderOutcomeUnknownError,
  RateLimitError,
  RequestTimeoutError,
  ServerError,
  ValidationError,
} from "../../mod.ts";
import {
  decimalEquals,
  isNotFoundError,
  isTransientLookupError,
  matchesOrderList,
  matchesPlacement,
  type OutcomeClock,
  type OutcomeLookupEvent,
  type OutcomeSpec,
  type Placement,
  requestWindowEndMs,
  resolveOutcome,
  unknownOutcomeError,
} from "../../methods/_outcome.ts";

// ---- A virtual clock ----------------------------------------------------------------------

interface Timer {
  at: number;
  resolve: () => void;
}

/** Virtual time: sleeps wait for `run()` to advance the clock to them, in order. */
class FakeClock implements OutcomeClock {
  t = 0;
  #timers: Timer[] = [];

  now = (): number => this.t;

  sleep = (ms: number, signal: AbortSignal): Promise<void> => {
    if (signal.aborted) return Promise.reject(signal.reason);
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    const timer: Timer = {
      at: this.t + Math.max(0, ms),
      resolve: () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      },
    };
    const onAbort = () => {
      this.#timers = this.#timers.filter((x) => x !== timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    this.#timers.push(timer);
    return promise;
  };

  /** Timers still scheduled (a settled resolution must leave none). */
  get pending(): number {
    return this.#timers.length;
  }

  /** Runs `promise` to its end, firing the earliest timer whenever nothing else can move. */
  async run<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    promise.then(() => settled = true, () => settled = true);
    while (true) {
      await new Promise((r) => setTimeout(r, 0));
      if (settled) break;
      this.#timers.sort((a, b) => a.at - b.at);
      const next = this.#timers.shift();
      if (!next) throw new Error("stuck: nothing scheduled and not settled");
      this.t = next.at;
      next.resolve();
    }
    return await promise;
  }
}

// ---- Fixtures -----------------------------------------------------------------------------

/** The server runs `SERVER_EPOCH` ms ahead of the virtual clock (a realistic epoch). */
const SERVER_EPOCH = 1_700_000_000_000;
const TIMESTAMP = SERVER_EPOCH - 100; // the placement was signed 100 ms before resolution began
const WINDOW_END = TIMESTAMP + 5000;
const CUTOFF = WINDOW_END + 10_000;

const PLACEMENT: Placement = {
  method: "order.place",
  symbol: "BTCUSDT",
  clientOrderIds: { newClientOrderId: "x-outcome-1" },
  error: new ConnectionClosedError({ method: "order.place", outcome: "unknown", closeCode: 1006 }),
};

const PARAMS = {
  symbol: "BTCUSDT",
  side: "BUY",
  type: "LIMIT",
  timeInForce: "GTC",
  price: "23416.1",
  quantity: "0.00847",
  newClientOrderId: "x-outcome-1",
};

const ORDER = {
  symbol: "BTCUSDT",
  orderId: 12569099453,
  orderListId: -1,
  clientOrderId: "x-outcome-1",
  price: "23416.10000000",
  origQty: "0.00847000",
  executedQty: "0.00000000",
  cummulativeQuoteQty: "0.00000000",
  status: "NEW",
  timeInForce: "GTC",
  type: "LIMIT",
  side: "BUY",
  stopPrice: "0.00000000",
  icebergQty: "0.00000000",
  time: SERVER_EPOCH - 50,
  updateTime: SERVER_EPOCH - 50,
  isWorking: true,
  workingTime: SERVER_EPOCH - 50,
  origQuoteOrderQty: "0.00000000",
  selfTradePreventionMode: "NONE",
};

type Order = Record<string, unknown>;

/** A script of lookup answers: an order, "notFound", or an error to throw; the last repeats. */
type Answer = Order | "notFound" | Error;

function scripted(
  clock: FakeClock,
  answers: Answer[] | ((n: number, serverTime: number) => Answer),
  overrides: Partial<OutcomeSpec<Order>> = {},
): { spec: OutcomeSpec<Order>; events: OutcomeLookupEvent[]; lookups: () => number } {
  let n = 0;
  const events: OutcomeLookupEvent[] = [];
  const serverNow = overrides.serverNow ?? (() => clock.now() + SERVER_EPOCH);
  const spec: OutcomeSpec<Order> = {
    placement: PLACEMENT,
    lookup: (signal) => {
      assert.equal(signal.aborted, false, "a lookup after the end");
      const a = typeof answers === "function"
        ? answers(n, serverNow())
        : answers[Math.min(n, answers.length - 1)];
      n++;
      if (a instanceof Error) return Promise.reject(a);
      return Promise.resolve(a === "notFound" ? undefined : a);
    },
    matches: (found) => matchesPlacement(PARAMS, found),
    serverNow,
    windowEndMs: WINDOW_END,
    backoff: { jitter: false },
    clock,
    onLookup: (e) => events.push(e),
    ...overrides,
  };
  return { spec, events, lookups: () => n };
}

// ---- resolveOutcome -----------------------------------------------------------------------

Deno.test("resolveOutcome(): found and matching at the first lookup resolves with the order", async () => {
  const clock = new FakeClock();
  const { spec, lookups } = scripted(clock, [ORDER]);
  const found = await clock.run(resolveOutcome(spec));
  assert.equal(found, ORDER);
  assert.equal(lookups(), 1);
  assert.equal(clock.now(), 0, "no wait before the first lookup");
  assert.equal(clock.pending, 0, "the resolve-timeout timer is released");
});

Deno.test("resolveOutcome(): not found, then found (Memory => Database lag) resolves with the order", async () => {
  const clock = new FakeClock();
  const { spec, events } = scripted(clock, ["notFound", "notFound", ORDER]);
  const found = await clock.run(resolveOutcome(spec));
  assert.equal(found, ORDER);
  assert.deepEqual(events.map((e) => e.result), ["notFound", "notFound", "found"]);
  // Backoff 250 then 500 ms (no jitter), on the exchange's clock.
  assert.deepEqual(events.map((e) => e.serverTime - SERVER_EPOCH), [0, 250, 750]);
  assert.equal(clock.pending, 0);
});

Deno.test("resolveOutcome(): not found until the window and margin pass gives OrderNotPlacedError at the first lookup past them", async () => {
  const clock = new FakeClock();
  const { spec, events } = scripted(clock, ["notFound"]);
  const err = await clock.run(resolveOutcome(spec)).then(
    () => assert.fail("resolved"),
    (e) => e,
  );
  assert.ok(err instanceof OrderNotPlacedError, String(err));
  const times = events.map((e) => e.serverTime);
  const last = times.at(-1)!;
  assert.ok(events.every((e) => e.result === "notFound"));
  assert.ok(times.slice(0, -1).every((t) => t <= CUTOFF), "a verdict before the cut-off");
  assert.ok(
    last > CUTOFF && last <= CUTOFF + 1,
    `the deciding lookup at ${last}, not ${CUTOFF + 1}`,
  );
  assert.equal(err.serverTime, last);
  assert.equal(err.windowEndMs, WINDOW_END);
  assert.equal(err.msAfterWindow, last - WINDOW_END);
  assert.equal(err.marginMs, 10_000);
  assert.equal(err.cause, PLACEMENT.error);
  assert.deepEqual(err.clientOrderIds, { newClientOrderId: "x-outcome-1" });
  assert.match(
    err.message,
    new RegExp(`not found at server time ${last} .*, ${last - WINDOW_END} ms after`),
  );
  // Backoff doubles to 5 s: 250, 500, 1000, 2000, 4000, 5000, then the wake just past the cut-off.
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  assert.deepEqual(gaps.slice(0, 6), [250, 500, 1000, 2000, 4000, 5000]);
  assert.equal(clock.pending, 0);
});

Deno.test("resolveOutcome(): the verdict follows the exchange's clock, not the local one", async () => {
  // The exchange runs 30 s behind the local clock: 30 s more of asking before the verdict.
  const clock = new FakeClock();
  const behind = () => clock.now() + SERVER_EPOCH - 30_000;
  const windowEndMs = requestWindowEndMs(SERVER_EPOCH - 30_000, 5000);
  const { spec, events } = scripted(clock, ["notFound"], {
    serverNow: behind,
    windowEndMs,
    resolveTimeoutMs: 60_000,
  });
  const err = await clock.run(resolveOutcome(spec)).catch((e) => e);
  assert.ok(err instanceof OrderNotPlacedError, String(err));
  assert.ok(err.serverTime > windowEndMs + 10_000);
  assert.ok(clock.now() >= 15_000, `verdict after ${clock.now()} ms of local time`);
  assert.ok(events.slice(0, -1).every((e) => e.serverTime <= windowEndMs + 10_000));
});

Deno.test("resolveOutcome(): a cut-off past the resolve timeout gives resolveTimeout, never OrderNotPlacedError", async () => {
  const clock = new FakeClock();
  // recvWindow 60 000: the window and margin end 70 s after the timestamp, past 60 s.
  const { spec } = scripted(clock, ["notFound"], {
    windowEndMs: requestWindowEndMs(TIMESTAMP, 60_000),
  });
  const err = await clock.run(resolveOutcome(spec)).catch((e) => e);
  assert.ok(err instanceof OrderOutcomeUnknownError, String(err));
  assert.equal(err.reason, "resolveTimeout");
  assert.equal(clock.now(), 60_000);
  assert.ok(err.lastNotFoundServerTime! > SERVER_EPOCH + 50_000);
  assert.equal(err.cause, PLACEMENT.error, "no lookup error: the cause is the placement's");
  assert.match(err.message, /not found at server time \d+, but the request's window closes/);
  assert.equal(clock.pending, 0);
});

Deno.test("resolveOutcome(): never reachable gives resolveTimeout at resolveTimeoutMs with the last cause", async () => {
  const clock = new FakeClock();
  const closed = new ConnectionClosedError({ method: "order.status", outcome: "notSent" });
  const { spec, lookups } = scripted(clock, [closed], { resolveTimeoutMs: 20_000 });
  const err = await clock.run(resolveOutcome(spec)).catch((e) => e);
  assert.ok(err instanceof OrderOutcomeUnknownError, String(err));
  assert.equal(err.reason, "resolveTimeout");
  assert.equal(err.cause, closed);
  assert.equal(err.method, "order.place");
  assert.equal(err.symbol, "BTCUSDT");
  assert.deepEqual(err.clientOrderIds, PLACEMENT.clientOrderIds);
  assert.equal(err.lastNotFoundServerTime, undefined);
  assert.equal(clock.now(), 20_000);
  assert.ok(lookups() >= 5, `${lookups()} lookups`);
  assert.equal(clock.pending, 0);
});

Deno.test("resolveOutcome(): a connection that never comes back (waitUntilConnected hangs) times out, no lookup sent", async () => {
  const clock = new FakeClock();
  const { spec, lookups } = scripted(clock, [ORDER], {
    waitUntilConnected: (signal) =>
      new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
  });
  const err = await clock.run(resolveOutcome(spec)).catch((e) => e);
  assert.ok(err instanceof OrderOutcomeUnknownError);
  assert.equal(err.reason, "resolveTimeout");
  assert.equal(lookups(), 0);
  assert.equal(clock.now(), 60_000);
  assert.match(err.message, /no lookup answered within 60000 ms/);
});

Deno.test("resolveOutcome(): a closed connection (waitUntilConnected rejects) ends it as lookupFailed", async () => {
  const clock = new FakeClock();
  const closed = new ConnectionClosedError({ what: "the connection" });
  const { spec } = scripted(clock, [ORDER], { waitUntilConnected: () => Promise.reject(closed) });
  const err = await clock.run(resolveOutcome(spec)).catch((e) => e);
  assert.ok(err instanceof OrderOutcomeUnknownError);
  assert.equal(err.reason, "lookupFailed");
  assert.equal(err.cause, closed);
  assert.equal(clock.now(), 0);
});

Deno.test("resolveOutcome(): waits for the connection before asking", async () => {
  const clock = new FakeClock();
  let connected = false;
  const { spec, events } = scripted(clock, (_, __) => {
    assert.ok(connected, "asked before the connection was back");
    return ORDER;
  }, {
    waitUntilConnected: (signal) =>
      clock.sleep(3000, signal).then(() => {
        connected = true;
      }),
  });
  assert.equal(await clock.run(resolveOutcome(spec)), ORDER);
  assert.equal(events[0].serverTime, SERVER_EPOCH + 3000);
});

Deno.test("resolveOutcome(): a found order that does not match is reported, never taken, and not asked again", async () => {
  const clock = new FakeClock();
  const older = { ...ORDER, price: "23000.00000000", status: "FILLED" };
  const { spec, lookups } = scripted(clock, [older]);
  const err = await clock.run(resolveOutcome(spec)).catch((e) => e);
  assert.ok(err instanceof OrderOutcomeUnknownError, String(err));
  assert.equal(err.reason, "mismatch");
  assert.equal(err.found, older);
  assert.equal(err.mismatch, 'price "23000.00000000" is not "23416.1"');
  assert.match(err.message, /is not this placement \(price "23000.00000000" is not "23416.1"\)/);
  assert.equal(lookups(), 1);
  assert.equal(clock.pending, 0);
});

Deno.test("resolveOutcome(): transient lookup errors are retried with backoff, then the order is found", async () => {
  const clock = new FakeClock();
  const transient: Error[] = [
    new ConnectionClosedError({ method: "order.status", outcome: "unknown" }),
    new RequestTimeoutError({ method: "order.status", timeoutMs: 10_000 }),
    new ServerError({ method: "order.status", status: 503, error: { code: -1001, msg: "x" } }),
    new BinanceApiError({ method: "order.status", status: 400, error: { code: -1007, msg: "t" } }),
    new BinanceApiError({ method: "order.status", status: 400, error: { code: -1021, msg: "t" } }),
  ];
  const { spec, events } = scripted(clock, [...transient, "notFound", ORDER]);
  assert.equal(await clock.run(resolveOutcome(spec)), ORDER);
  assert.deepEqual(events.map((e) => e.result), [
    "error",
    "error",
    "error",
    "error",
    "error",
    "notFound",
    "found",
  ]);
  assert.deepEqual(events.map((e) => e.error), [...transient, undefined, undefined]);
});

Deno.test("resolveOutcome(): a 429 is retried no earlier than its retryAfter", async () => {
  const clock = new FakeClock();
  const retryAfter = SERVER_EPOCH + 7000;
  const limited = new RateLimitError(
    { method: "order.status", status: 429, error: { code: -1003, msg: "slow" } },
    retryAfter,
  );
  const { spec, events } = scripted(clock, [limited, ORDER]);
  assert.equal(await clock.run(resolveOutcome(spec)), ORDER);
  assert.equal(events[1].serverTime, retryAfter);
});

Deno.test("resolveOutcome(): a permanent lookup error ends it at once as lookupFailed, with the error", async () => {
  for (
    const permanent of [
      new BinanceApiError({
        method: "order.status",
        status: 401,
        error: { code: -2015, msg: "k" },
      }),
      new ValidationError("order.status", [{ param: "symbol", message: "is required" }]),
    ]
  ) {
    const clock = new FakeClock();
    const { spec, lookups } = scripted(clock, [permanent, ORDER]);
    const err = await clock.run(resolveOutcome(spec)).catch((e) => e);
    assert.ok(err instanceof OrderOutcomeUnknownError);
    assert.equal(err.reason, "lookupFailed");
    assert.equal(err.cause, permanent);
    assert.equal(lookups(), 1);
    assert.equal(clock.pending, 0);
  }
});

Deno.test("resolveOutcome(): the caller's abort ends it with OrderOutcomeUnknownError aborted, ids kept", async () => {
  const clock = new FakeClock();
  const controller = new AbortController();
  const { spec, lookups } = scripted(clock, (n) => {
    if (n === 2) controller.abort(new Error("user stop"));
    return "notFound";
  }, { signal: controller.signal });
  const err = await clock.run(resolveOutcome(spec)).catch((e) => e);
  assert.ok(err instanceof OrderOutcomeUnknownError, String(err));
  assert.equal(err.reason, "aborted");
  assert.equal((err.cause as Error).message, "user stop");
  assert.deepEqual(err.clientOrderIds, PLACEMENT.clientOrderIds);
  assert.equal(lookups(), 3);
  assert.equal(clock.pending, 0);
  // Already aborted: not one lookup.
  const again = scripted(clock, [ORDER], { signal: controller.signal });
  const err2 = await resolveOutcome(again.spec).catch((e) => e);
  assert.ok(err2 instanceof OrderOutcomeUnknownError);
  assert.equal(err2.reason, "aborted");
  assert.equal(again.lookups(), 0);
});

Deno.test("resolveOutcome(): a lookup that ignores the signal does not hold the resolution past its timeout", async () => {
  const clock = new FakeClock();
  const spec = scripted(clock, [ORDER]).spec;
  spec.lookup = () => new Promise(() => {});
  spec.resolveTimeoutMs = 5000;
  const err = await clock.run(resolveOutcome(spec)).catch((e) => e);
  assert.ok(err instanceof OrderOutcomeUnknownError);
  assert.equal(err.reason, "resolveTimeout");
  assert.equal(clock.now(), 5000);
});

Deno.test("resolveOutcome() on real timers: found, not placed, timed out and aborted leave no timer (sanitizers)", async () => {
  const base = {
    placement: PLACEMENT,
    matches: (found: Order) => matchesPlacement(PARAMS, found),
    serverNow: () => Date.now(),
    backoff: { initialMs: 5, maxMs: 20 },
  };
  // Found at once: the 60 s resolve timer must be cleared, or the sanitizer fails the test.
  assert.equal(
    await resolveOutcome<Order>({
      ...base,
      windowEndMs: Date.now(),
      lookup: () => Promise.resolve(ORDER),
    }),
    ORDER,
  );
  // Not found past a window that closed 30 ms ago, margin 20 ms.
  const notPlaced = await resolveOutcome<Order>({
    ...base,
    windowEndMs: Date.now() - 30,
    marginMs: 20,
    lookup: () => Promise.resolve(undefined),
  }).catch((e) => e);
  assert.ok(notPlaced instanceof OrderNotPlacedError);
  assert.ok(notPlaced.msAfterWindow > 20);
  // Unreachable for 60 ms.
  const timedOut = await resolveOutcome<Order>({
    ...base,
    windowEndMs: Date.now(),
    resolveTimeoutMs: 60,
    lookup: () => Promise.reject(new RequestTimeoutError({ method: "order.status", timeoutMs: 1 })),
  }).catch((e) => e);
  assert.equal(timedOut.reason, "resolveTimeout");
  // Aborted during a backoff sleep.
  const controller = new AbortController();
  const pending = resolveOutcome<Order>({
    ...base,
    windowEndMs: Date.now() + 60_000,
    lookup: () => Promise.resolve(undefined),
    signal: controller.signal,
  });
  setTimeout(() => controller.abort(new Error("stop")), 15);
  const aborted = await pending.catch((e) => e);
  assert.equal(aborted.reason, "aborted");
});

// ---- The request's window -------------------------------------------------------------------

Deno.test("requestWindowEndMs(): µs timestamps become ms, recvWindow is ms with decimals, default 5000", () => {
  assert.equal(requestWindowEndMs(1_700_000_000_000, 5000), 1_700_000_005_000);
  assert.equal(requestWindowEndMs(1_700_000_000_000), 1_700_000_005_000);
  assert.equal(requestWindowEndMs(1_700_000_000_123_456, "6000.346"), 1_700_000_006_123.802);
  assert.equal(
    requestWindowEndMs(1_700_000_000_123_456n, 1000, "MICROSECOND"),
    1_700_000_001_123.456,
  );
  assert.equal(requestWindowEndMs(1_700_000_000_000, 1000, "MILLISECOND"), 1_700_000_001_000);
  // A µs timestamp read as ms would put the window end 50 000 years away.
  assert.ok(requestWindowEndMs(1_700_000_000_000_000, 5000) < 2_000_000_000_000);
});

// ---- Matching -----------------------------------------------------------------------------

Deno.test("decimalEquals(): exact, by canonical form, never floats", () => {
  assert.ok(decimalEquals("1.5", "1.50000000"));
  assert.ok(decimalEquals("0.00100", "0.001"));
  assert.ok(decimalEquals("10", "10.00000000"));
  assert.ok(decimalEquals("0", "0.00000000"));
  assert.ok(decimalEquals(10, "10"));
  assert.ok(decimalEquals("007.10", "7.1"));
  assert.ok(!decimalEquals("10", "1"));
  assert.ok(!decimalEquals("1.00000001", "1"));
  assert.ok(!decimalEquals("0.30000000000000004", "0.3"));
  assert.ok(!decimalEquals("100", "1e2"), "not a plain decimal");
  assert.ok(!decimalEquals(undefined, undefined));
  assert.ok(!decimalEquals("", ""));
  assert.ok(
    decimalEquals("12345678901234567890.123456789", "12345678901234567890.12345678900"),
  );
  assert.ok(!decimalEquals("12345678901234567890.1", "12345678901234567891.1"));
});

Deno.test("matchesPlacement(): the documented order.status result matches its placement's params", () => {
  assert.equal(matchesPlacement(PARAMS, ORDER), true);
  assert.equal(matchesPlacement({ ...PARAMS, newClientOrderId: undefined }, ORDER), true);
});

Deno.test("matchesPlacement(): each compared field that differs is named", () => {
  const cases: [Record<string, unknown>, Order, RegExp][] = [
    [{ ...PARAMS, symbol: "ETHUSDT" }, ORDER, /^symbol "BTCUSDT" is not "ETHUSDT"$/],
    [{ ...PARAMS, side: "SELL" }, ORDER, /^side "BUY" is not "SELL"$/],
    [{ ...PARAMS, type: "LIMIT_MAKER", timeInForce: undefined }, ORDER, /^type/],
    [{ ...PARAMS, timeInForce: "IOC" }, ORDER, /^timeInForce "GTC" is not "IOC"$/],
    [{ ...PARAMS, quantity: "0.00848" }, ORDER, /^origQty "0.00847000" is not "0.00848"$/],
    [{ ...PARAMS, newClientOrderId: "other" }, ORDER, /^clientOrderId/],
    [{ ...PARAMS, stopPrice: "23000" }, ORDER, /^stopPrice "0.00000000" is not "23000"$/],
    [{ ...PARAMS, icebergQty: "0.001" }, ORDER, /^icebergQty/],
    [{ ...PARAMS, strategyId: 5 }, ORDER, /^strategyId "undefined" is not "5"$/],
  ];
  for (const [params, order, expected] of cases) {
    const verdict = matchesPlacement(params, order);
    assert.notEqual(verdict, true, JSON.stringify(params));
    assert.match(verdict as string, expected);
  }
  assert.match(
    matchesPlacement({ ...PARAMS, side: "SELL", price: "1" }, ORDER) as string,
    /^side .*, price "23416.10000000" is not "1"$/,
  );
});

Deno.test("matchesPlacement(): MARKET by quoteOrderQty compares origQuoteOrderQty, not the origQty it never named", () => {
  const params = { symbol: "BTCUSDT", side: "BUY", type: "MARKET", quoteOrderQty: "100" };
  const order = {
    ...ORDER,
    type: "MARKET",
    price: "0.00000000",
    origQty: "0.00427000",
    origQuoteOrderQty: "100.00000000",
    status: "FILLED",
  };
  assert.equal(matchesPlacement(params, order), true);
  assert.match(
    matchesPlacement({ ...params, quoteOrderQty: "101" }, order) as string,
    /^origQuoteOrderQty "100.00000000" is not "101"$/,
  );
});

Deno.test("matchesPlacement(): trailingDelta as a number or a string, stop orders' stopPrice", () => {
  const params = {
    symbol: "BTCUSDT",
    side: "SELL",
    type: "STOP_LOSS_LIMIT",
    timeInForce: "GTC",
    price: "22000",
    quantity: "1",
    stopPrice: "22500.5",
    trailingDelta: 100,
  };
  const order = {
    ...ORDER,
    side: "SELL",
    type: "STOP_LOSS_LIMIT",
    price: "22000.00000000",
    origQty: "1.00000000",
    stopPrice: "22500.50000000",
    trailingDelta: 100,
    trailingTime: -1,
  };
  assert.equal(matchesPlacement(params, order), true);
  assert.equal(matchesPlacement({ ...params, trailingDelta: "100" }, order), true);
  assert.match(
    matchesPlacement({ ...params, trailingDelta: 200 }, order) as string,
    /trailingDelta/,
  );
});

Deno.test("matchesPlacement(): an order older than the request (a reused client id) does not match", () => {
  assert.equal(matchesPlacement(PARAMS, ORDER, { earliestTime: ORDER.time - 1000 }), true);
  assert.match(
    matchesPlacement(PARAMS, ORDER, { earliestTime: ORDER.time + 1 }) as string,
    /^time \d+ is before the request/,
  );
});

Deno.test("matchesOrderList(): listClientOrderId, symbol, contingency type, leg count and leg ids", () => {
  const list = {
    orderListId: 1274512,
    contingencyType: "OCO",
    listStatusType: "EXEC_STARTED",
    listOrderStatus: "EXECUTING",
    listClientOrderId: "08985fedd9ea2cf6b28996",
    transactionTime: 1660801713793,
    symbol: "BTCUSDT",
    orders: [
      { symbol: "BTCUSDT", orderId: 12569138901, clientOrderId: "BqtFCj5odMoWtSqGk2X9tU" },
      { symbol: "BTCUSDT", orderId: 12569138902, clientOrderId: "jLnZpj5enfMXTuhKB1d0us" },
    ],
  };
  const placement = {
    symbol: "BTCUSDT",
    listClientOrderId: "08985fedd9ea2cf6b28996",
    legCount: 2,
    legClientOrderIds: ["jLnZpj5enfMXTuhKB1d0us", "BqtFCj5odMoWtSqGk2X9tU"],
    contingencyType: "OCO",
  };
  assert.equal(matchesOrderList(placement, list), true);
  assert.equal(matchesOrderList({ ...placement, legClientOrderIds: undefined }, list), true);
  assert.match(matchesOrderList({ ...placement, legCount: 3 }, list) as string, /2 orders, not 3/);
  assert.match(matchesOrderList({ ...placement, symbol: "ETHUSDT" }, list) as string, /^symbol/);
  assert.match(
    matchesOrderList(
      { ...placement, legClientOrderIds: ["nope", "BqtFCj5odMoWtSqGk2X9tU"] },
      list,
    ) as string,
    /no order with clientOrderId "nope"/,
  );
  assert.match(
    matchesOrderList({ ...placement, contingencyType: "OTO" }, list) as string,
    /contingencyType "OCO" is not "OTO"/,
  );
  assert.match(
    matchesOrderList({ ...placement, listClientOrderId: "other" }, list) as string,
    /^listClientOrderId/,
  );
});

// ---- Classifiers --------------------------------------------------------------------------

Deno.test("isNotFoundError(): -2013, and -2011 Unknown order sent.; nothing else", () => {
  const api = (code: number, msg: string) =>
    new BinanceApiError({ method: "order.status", status: 400, error: { code, msg } });
  assert.ok(isNotFoundError(api(-2013, "Order does not exist.")));
  assert.ok(isNotFoundError(api(-2011, "Unknown order sent.")));
  assert.ok(!isNotFoundError(api(-2011, "Order was canceled or expired.")));
  assert.ok(!isNotFoundError(api(-1007, "Timeout")));
  assert.ok(!isNotFoundError(new Error("Order does not exist.")));
});

Deno.test("isTransientLookupError(): what a retry can fix", () => {
  const api = (status: number, code: number) =>
    new BinanceApiError({ method: "order.status", status, error: { code, msg: "m" } });
  for (
    const e of [
      new ConnectionClosedError({ method: "order.status", outcome: "notSent" }),
      new ConnectionClosedError({ method: "order.status", outcome: "unknown" }),
      new RequestTimeoutError({ method: "order.status", timeoutMs: 1, outcome: "notSent" }),
      new ServerError({ method: "order.status", status: 503, error: { code: -1000, msg: "m" } }),
      new RateLimitError(
        { method: "order.status", status: 429, error: { code: -1003, msg: "m" } },
        1,
      ),
      api(400, -1007),
      api(400, -1006),
      api(400, -1008),
      api(400, -1021),
    ]
  ) assert.ok(isTransientLookupError(e), e.message);
  for (
    const e of [
      api(400, -2015),
      api(400, -1022),
      api(400, -1102),
      new ValidationError("order.status", []),
      new Error("?"),
    ]
  ) assert.ok(!isTransientLookupError(e), e.message);
});

Deno.test("unknownOutcomeError(): the placement error's own cause, its ids, its cause", () => {
  const timeout = new BinanceApiError({
    method: "order.place",
    status: 408,
    error: { code: -1007, msg: "Timeout waiting for response from backend server." },
  });
  const err = unknownOutcomeError({ ...PLACEMENT, error: timeout });
  assert.equal(err.reason, "executionStatusUnknown");
  assert.equal(err.cause, timeout);
  assert.equal(unknownOutcomeError(PLACEMENT).reason, "connectionClosed");
  const none = unknownOutcomeError({ ...PLACEMENT, clientOrderIds: {} }, "noClientOrderId");
  assert.equal(none.reason, "noClientOrderId");
  assert.match(none.message, /\(no client order id\)/);
});
