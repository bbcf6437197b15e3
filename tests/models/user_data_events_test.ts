// The User Data Stream's event models against every documented example (tests/fixtures/
// user_data, copied from user-data-stream.md), the conditional fields of the execution report,
// malformed fields, ids above 2^53, unknown event types and unknown enum values.
import assert from "node:assert/strict";
import {
  BalanceUpdateEvent,
  EventStreamTerminatedEvent,
  ExecutionReportEvent,
  ExternalLockUpdateEvent,
  isKnownUserDataEvent,
  ListStatusEvent,
  type ModelFactory,
  OutboundAccountPositionEvent,
  readUserDataEvent,
  UnexpectedMessageError,
  type UserDataEvent,
} from "../../mod.ts";

type Payload = Record<string, unknown>;

async function fixture(name: string): Promise<Payload> {
  const url = new URL(`../fixtures/user_data/${name}.json`, import.meta.url);
  const frame = JSON.parse(await Deno.readTextFile(url)) as {
    subscriptionId: number;
    event: Payload;
  };
  assert.equal(frame.subscriptionId, 0);
  return frame.event;
}

/** The documented key of every field each model names (`user-data-stream.md`). */
const EXECUTION_REPORT: Record<string, string> = {
  e: "eventType",
  E: "eventTime",
  s: "symbol",
  c: "clientOrderId",
  S: "side",
  o: "orderType",
  f: "timeInForce",
  q: "origQty",
  p: "price",
  P: "stopPrice",
  F: "icebergQty",
  g: "orderListId",
  C: "origClientOrderId",
  x: "executionType",
  X: "orderStatus",
  r: "rejectReason",
  i: "orderId",
  l: "lastExecutedQty",
  z: "cumulativeFilledQty",
  L: "lastExecutedPrice",
  n: "commission",
  N: "commissionAsset",
  T: "transactionTime",
  t: "tradeId",
  I: "executionId",
  w: "isOrderOnBook",
  m: "isMaker",
  O: "orderCreationTime",
  Z: "cumulativeQuoteQty",
  Y: "lastQuoteQty",
  Q: "quoteOrderQty",
  W: "workingTime",
  V: "selfTradePreventionMode",
};

/** "Conditional Fields in Execution Report" (W is in both tables). */
const CONDITIONAL: Record<string, string> = {
  d: "trailingDelta",
  D: "trailingTime",
  j: "strategyId",
  J: "strategyType",
  v: "preventedMatchId",
  A: "preventedQuantity",
  B: "lastPreventedQuantity",
  u: "tradeGroupId",
  U: "counterOrderId",
  Cs: "counterSymbol",
  pl: "preventedExecutionQuantity",
  pL: "preventedExecutionPrice",
  pY: "preventedExecutionQuoteQty",
  W: "workingTime",
  b: "matchType",
  a: "allocationId",
  k: "workingFloor",
  uS: "usedSor",
  gP: "pegPriceType",
  gOT: "pegOffsetType",
  gOV: "pegOffsetValue",
  gp: "peggedPrice",
  eR: "expiryReason",
};

const ALL_EXECUTION_REPORT = { ...EXECUTION_REPORT, ...CONDITIONAL };

const BALANCE_UPDATE = {
  e: "eventType",
  E: "eventTime",
  a: "asset",
  d: "balanceDelta",
  T: "clearTime",
};
const EXTERNAL_LOCK = {
  e: "eventType",
  E: "eventTime",
  a: "asset",
  d: "delta",
  T: "transactionTime",
};
const TERMINATED = { e: "eventType", E: "eventTime" };
const ACCOUNT_POSITION = { e: "eventType", E: "eventTime", u: "lastUpdateTime" };
const BALANCE = { a: "asset", f: "free", l: "locked" };
const LIST_STATUS = {
  e: "eventType",
  E: "eventTime",
  s: "symbol",
  g: "orderListId",
  c: "contingencyType",
  l: "listStatusType",
  L: "listOrderStatus",
  r: "listRejectReason",
  C: "listClientOrderId",
  T: "transactionTime",
};
const LIST_ORDER = { s: "symbol", i: "orderId", c: "clientOrderId" };

/**
 * Every key of the payload is named by the model (except the `ignored` keys, checked apart),
 * with the payload's value; the model has no field beyond `fields`, `nested` and `raw`.
 */
function assertKeeps(
  model: object,
  payload: Payload,
  fields: Record<string, string>,
  ignored: string[] = [],
  nested: string[] = [],
): void {
  const m = model as Record<string, unknown>;
  for (const key of Object.keys(payload)) {
    if (ignored.includes(key)) continue;
    const name = fields[key];
    assert.ok(name, `the model names no field for "${key}"`);
    assert.equal(m[name], payload[key], `${name} ("${key}")`);
  }
  const names = new Set([...Object.values(fields), "raw"]);
  for (const name of Object.keys(m)) {
    if (nested.includes(name)) continue;
    assert.ok(names.has(name), `unexpected field ${name}`);
  }
  assert.equal(m.raw, payload, "raw is the payload");
}

/** The factory and the union reader give the same model. */
function both<T>(factory: ModelFactory<T>, payload: Payload): T {
  const viaFactory = factory.parse(payload);
  const viaUnion = readUserDataEvent(payload);
  assert.deepEqual(viaUnion, viaFactory);
  assert.equal(Object.getPrototypeOf(viaFactory), Object.prototype, "a plain object");
  return viaFactory;
}

function refuses(parse: (raw: unknown) => unknown, payload: unknown, model: string, key: string) {
  assert.throws(
    () => parse(payload),
    (e: unknown) => {
      assert.ok(e instanceof UnexpectedMessageError, `an UnexpectedMessageError: ${e}`);
      assert.match(e.message, new RegExp(`^Cannot read ${model}: "${key.replace(/\./g, "\\.")}" `));
      return true;
    },
    `${model} refuses "${key}"`,
  );
}

/** A wrong value for each kind of field, by the model's reading of the key. */
function wrong(value: unknown): unknown[] {
  if (typeof value === "number") return ["1", 1.5, null, undefined, true];
  if (typeof value === "boolean") return ["true", 1, null, undefined];
  if (typeof value === "string" && /^-?\d/.test(value)) {
    return [Number(value), "", "1.", "abc", null, undefined];
  }
  return [1, null, undefined, false, {}];
}

Deno.test("executionReport: the documented example keeps every field", async () => {
  const ev = await fixture("executionReport");
  const r = both(ExecutionReportEvent, ev);
  assertKeeps(r, ev, ALL_EXECUTION_REPORT, ["M"]);
  assert.equal(r.eventType, "executionReport");
  assert.equal(r.commissionAsset, null);
  assert.equal(r.preventedMatchId, 3);
  assert.equal(r.workingTime, 1499405658657);
  // Absent conditional fields are undefined, and the key is there (one shape for every report).
  for (const [key, name] of Object.entries(CONDITIONAL)) {
    if (key in ev) continue;
    assert.ok(name in r, `${name} is a key`);
    assert.equal((r as unknown as Payload)[name], undefined, name);
  }
  // `M` ("Ignore") is kept in raw.
  assert.equal(r.raw.M, false);
});

Deno.test("executionReport: every conditional field, at the docs' table example value", async () => {
  const ev = await fixture("executionReport-conditional");
  for (const key of Object.keys(CONDITIONAL)) assert.ok(key in ev, `the fixture has "${key}"`);
  const r = both(ExecutionReportEvent, ev);
  assertKeeps(r, ev, ALL_EXECUTION_REPORT, ["M"]);
  assert.equal(r.trailingDelta, 4);
  assert.equal(r.trailingTime, 1668680518494);
  assert.equal(r.strategyId, 1);
  assert.equal(r.strategyType, 1000000);
  assert.equal(r.preventedQuantity, "3.000000");
  assert.equal(r.counterSymbol, "BTCUSDT");
  assert.equal(r.preventedExecutionPrice, "0.10000001");
  assert.equal(r.workingTime, 1668683798379);
  assert.equal(r.matchType, "ONE_PARTY_TRADE_REPORT");
  assert.equal(r.allocationId, 1234);
  assert.equal(r.workingFloor, "SOR");
  assert.equal(r.usedSor, true);
  assert.equal(r.pegPriceType, "PRIMARY_PEG");
  assert.equal(r.pegOffsetType, "PRICE_LEVEL");
  assert.equal(r.pegOffsetValue, 5);
  assert.equal(r.peggedPrice, "1.00000000");
  assert.equal(r.expiryReason, "INSUFFICIENT_LIQUIDITY");
});

Deno.test("executionReport: each field comes from its own key (every value distinct)", async () => {
  // The documented examples repeat "0.00000000" and the booleans: here every value differs, so
  // a field read from a neighbour's key fails.
  const ev = await fixture("executionReport-conditional");
  for (const [w, m, uS] of [[true, false, false], [false, true, false]]) {
    const distinct: Payload = { e: "executionReport", M: false, w, m, uS };
    Object.keys(ev).forEach((key, i) => {
      if (key in distinct) return;
      const v = ev[key];
      distinct[key] = typeof v === "number"
        ? 1000 + i
        : typeof v === "string" && /^-?\d/.test(v)
        ? `${i}.${i}0`
        : `${key}-${i}`;
    });
    assertKeeps(both(ExecutionReportEvent, distinct), distinct, ALL_EXECUTION_REPORT, ["M"]);
  }
});

Deno.test("outboundAccountPosition: both documented examples keep every balance", async () => {
  for (const name of ["outboundAccountPosition", "wsapi-event-format-outboundAccountPosition"]) {
    const ev = await fixture(name);
    const p = both(OutboundAccountPositionEvent, ev);
    assertKeeps(p, ev, ACCOUNT_POSITION, ["B"], ["balances"]);
    const B = ev.B as Payload[];
    assert.equal(p.balances.length, B.length);
    B.forEach((b, i) => assertKeepsEntry(p.balances[i], b, BALANCE));
  }
  const p = OutboundAccountPositionEvent.parse(
    await fixture("wsapi-event-format-outboundAccountPosition"),
  );
  assert.deepEqual(p.balances, [
    { asset: "BTC", free: "11818.00000000", locked: "182.00000000" },
    { asset: "USDT", free: "10580.00000000", locked: "70.00000000" },
  ]);
  assert.equal(p.lastUpdateTime, 1728972148778);
});

function assertKeepsEntry(entry: object, payload: Payload, fields: Record<string, string>): void {
  const m = entry as Record<string, unknown>;
  assert.deepEqual(Object.keys(m).sort(), Object.values(fields).sort());
  for (const [key, name] of Object.entries(fields)) assert.equal(m[name], payload[key], name);
}

Deno.test("balanceUpdate, externalLockUpdate, eventStreamTerminated: the examples keep every field", async () => {
  const b = both(BalanceUpdateEvent, await fixture("balanceUpdate"));
  assertKeeps(b, b.raw as Payload, BALANCE_UPDATE);
  assert.equal(b.balanceDelta, "100.00000000");
  assert.equal(b.clearTime, 1573200697068);
  const x = both(ExternalLockUpdateEvent, await fixture("externalLockUpdate"));
  assertKeeps(x, x.raw as Payload, EXTERNAL_LOCK);
  assert.equal(x.asset, "NEO");
  assert.equal(x.delta, "10.00000000");
  const t = both(EventStreamTerminatedEvent, await fixture("eventStreamTerminated"));
  assertKeeps(t, t.raw as Payload, TERMINATED);
  assert.equal(t.eventTime, 1728973001334);
  // A negative delta (a withdrawal, an unlock) is a decimal too.
  const w = BalanceUpdateEvent.parse({ ...b.raw, d: "-0.50000000" });
  assert.equal(w.balanceDelta, "-0.50000000");
});

Deno.test("listStatus: the documented example keeps every field and order", async () => {
  const ev = await fixture("listStatus");
  const l = both(ListStatusEvent, ev);
  assertKeeps(l, ev, LIST_STATUS, ["O"], ["orders"]);
  const O = ev.O as Payload[];
  assert.equal(l.orders.length, 2);
  O.forEach((o, i) => assertKeepsEntry(l.orders[i], o, LIST_ORDER));
  assert.equal(l.orders[1].clientOrderId, "bfYPSQdLoqAJeNrOr9adzq");
});

const MODELS: [string, ModelFactory<unknown>, string, string[]][] = [
  ["executionReport-conditional", ExecutionReportEvent, "ExecutionReportEvent", []],
  ["outboundAccountPosition", OutboundAccountPositionEvent, "OutboundAccountPositionEvent", ["B"]],
  ["balanceUpdate", BalanceUpdateEvent, "BalanceUpdateEvent", []],
  ["listStatus", ListStatusEvent, "ListStatusEvent", ["O"]],
  ["externalLockUpdate", ExternalLockUpdateEvent, "ExternalLockUpdateEvent", []],
  ["eventStreamTerminated", EventStreamTerminatedEvent, "EventStreamTerminatedEvent", []],
];

/** Fields that accept any string (the enums) or nothing else to refuse. */
const ANY_STRING = new Set(["s", "c", "S", "o", "f", "C", "x", "X", "r", "V", "Cs", "b", "k"]);

Deno.test("every field of every event: a malformed value is refused, naming the model and the field", async () => {
  for (const [name, factory, model, arrays] of MODELS) {
    const ev = await fixture(name);
    for (const [key, value] of Object.entries(ev)) {
      if (key === "e" || key === "M" || arrays.includes(key)) continue;
      const conditional = key in CONDITIONAL && name.startsWith("executionReport");
      for (const bad of wrong(value)) {
        if (bad === undefined && conditional) continue; // absent is allowed
        if (key === "N" && bad === null) continue; // commission asset may be null
        if (typeof value === "string" && ANY_STRING.has(key) && typeof bad === "string") continue;
        const payload = { ...ev, [key]: bad };
        if (bad === undefined) delete payload[key];
        refuses(factory.parse, payload, model, key);
        refuses(readUserDataEvent, payload, model, key);
      }
    }
  }
});

Deno.test("array entries: a malformed balance or list order is refused by its path", async () => {
  const pos = await fixture("wsapi-event-format-outboundAccountPosition");
  const B = pos.B as Payload[];
  const cases: [unknown, string][] = [
    [null, "B"],
    [{}, "B"],
    [[B[0], null], "B.1"],
    [[B[0], [1]], "B.1"],
    [[B[0], { ...B[1], f: 1 }], "B.1.f"],
    [[B[0], { ...B[1], l: "x" }], "B.1.l"],
    [[{ ...B[0], a: null }], "B.0.a"],
    [[{ f: "1", l: "1" }], "B.0.a"],
  ];
  for (const [value, key] of cases) {
    refuses(readUserDataEvent, { ...pos, B: value }, "OutboundAccountPositionEvent", key);
  }
  const list = await fixture("listStatus");
  const O = list.O as Payload[];
  for (
    const [value, key] of [
      ["x", "O"],
      [[O[0], 7], "O.1"],
      [[O[0], { ...O[1], i: "18" }], "O.1.i"],
      [[{ ...O[0], s: 1 }], "O.0.s"],
      [[{ ...O[0], c: undefined }], "O.0.c"],
    ] as [unknown, string][]
  ) refuses(readUserDataEvent, { ...list, O: value }, "ListStatusEvent", key);
  // An empty list is what it says.
  assert.deepEqual(OutboundAccountPositionEvent.parse({ ...pos, B: [] }).balances, []);
});

Deno.test("ids above 2^53 are refused, not rounded (ids, times, nested order ids)", async () => {
  const er = await fixture("executionReport-conditional");
  for (const key of ["i", "t", "I", "g", "T", "E", "O", "W", "v", "u", "U", "a", "j", "J"]) {
    for (const big of [2 ** 53, 2 ** 63, 9007199254740993n]) {
      assert.throws(
        () => readUserDataEvent({ ...er, [key]: big }),
        (e: unknown) =>
          e instanceof UnexpectedMessageError && e.message.includes(`"${key}"`) &&
          e.message.includes("2^53"),
        `"${key}": ${big}`,
      );
    }
  }
  // The largest exact id is read exactly.
  assert.equal(readUserDataEvent({ ...er, i: 2 ** 53 - 1 }).raw.i, 2 ** 53 - 1);
  assert.equal(ExecutionReportEvent.parse({ ...er, i: 2 ** 53 - 1 }).orderId, 2 ** 53 - 1);
  const list = await fixture("listStatus");
  refuses(
    readUserDataEvent,
    { ...list, O: [{ s: "ETHBTC", i: 2 ** 53, c: "x" }] },
    "ListStatusEvent",
    "O.0.i",
  );
  refuses(readUserDataEvent, { ...list, g: 2 ** 53 }, "ListStatusEvent", "g");
});

Deno.test("unknown enum values are accepted and passed on as they arrived", async () => {
  const er = await fixture("executionReport-conditional");
  const r = ExecutionReportEvent.parse({
    ...er,
    x: "NEW_EXECUTION_TYPE",
    X: "NEW_ORDER_STATUS",
    r: "NEW_REJECT_REASON",
    S: "NEW_SIDE",
    o: "NEW_ORDER_TYPE",
    f: "GTD",
    V: "NEW_STP_MODE",
    eR: "NEW_EXPIRY_REASON",
    k: "NEW_FLOOR",
    gP: "NEW_PEG",
    gOT: "NEW_OFFSET",
    b: "NEW_MATCH_TYPE",
  });
  assert.equal(r.executionType, "NEW_EXECUTION_TYPE");
  assert.equal(r.orderStatus, "NEW_ORDER_STATUS");
  assert.equal(r.rejectReason, "NEW_REJECT_REASON");
  assert.equal(r.side, "NEW_SIDE");
  assert.equal(r.orderType, "NEW_ORDER_TYPE");
  assert.equal(r.timeInForce, "GTD");
  assert.equal(r.selfTradePreventionMode, "NEW_STP_MODE");
  assert.equal(r.expiryReason, "NEW_EXPIRY_REASON");
  assert.equal(r.workingFloor, "NEW_FLOOR");
  assert.equal(r.pegPriceType, "NEW_PEG");
  assert.equal(r.pegOffsetType, "NEW_OFFSET");
  assert.equal(r.matchType, "NEW_MATCH_TYPE");
  const l = ListStatusEvent.parse({
    ...(await fixture("listStatus")),
    c: "NEW_CONTINGENCY",
    l: "NEW_LIST_STATUS",
    L: "NEW_LIST_ORDER_STATUS",
    r: "NEW_LIST_REJECT",
  });
  assert.deepEqual(
    [l.contingencyType, l.listStatusType, l.listOrderStatus, l.listRejectReason],
    ["NEW_CONTINGENCY", "NEW_LIST_STATUS", "NEW_LIST_ORDER_STATUS", "NEW_LIST_REJECT"],
  );
  // An enum field still has to be a string.
  refuses(readUserDataEvent, { ...er, x: 1 }, "ExecutionReportEvent", "x");
});

Deno.test("an unknown event type is delivered as UnknownUserDataEvent with its payload", () => {
  const payload = { e: "somethingNew", E: 1728973001334, a: [1, 2], z: { deep: true } };
  const u = readUserDataEvent(payload);
  assert.equal(u.eventType, "somethingNew");
  assert.equal(u.eventTime, 1728973001334);
  assert.equal(u.raw, payload);
  assert.equal(isKnownUserDataEvent(u), false);
  // Retired and other events of no subscription: still delivered, never thrown.
  assert.equal(
    readUserDataEvent({ e: "listenKeyExpired", E: 1, listenKey: "k" }).eventType,
    "listenKeyExpired",
  );
  // Without a string `e`, or with an E that cannot be read exactly.
  const none = readUserDataEvent({ E: 2 ** 53, x: 1 });
  assert.equal(none.eventType, "");
  assert.equal(none.eventTime, undefined);
  assert.equal(readUserDataEvent({ e: 7 }).eventType, "");
  // A case change is another event type, not a malformed known one.
  assert.equal(readUserDataEvent({ e: "ExecutionReport" }).eventType, "ExecutionReport");
  assert.equal(readUserDataEvent({ e: "constructor" }).eventType, "constructor");
  // A known type with a malformed field is refused, not passed on as unknown.
  refuses(readUserDataEvent, { e: "balanceUpdate", E: 1 }, "BalanceUpdateEvent", "a");
  // Not an object at all.
  for (const raw of [null, [], "x", 1, undefined]) {
    assert.throws(() => readUserDataEvent(raw), UnexpectedMessageError);
  }
});

Deno.test("the union narrows by eventType after isKnownUserDataEvent", async () => {
  const seen: string[] = [];
  for (
    const name of [
      "executionReport",
      "outboundAccountPosition",
      "balanceUpdate",
      "listStatus",
      "externalLockUpdate",
      "eventStreamTerminated",
    ]
  ) {
    const event: UserDataEvent = readUserDataEvent(await fixture(name));
    assert.ok(isKnownUserDataEvent(event), name);
    switch (event.eventType) {
      case "executionReport":
        seen.push(event.orderStatus);
        break;
      case "outboundAccountPosition":
        seen.push(event.balances[0].asset);
        break;
      case "balanceUpdate":
        seen.push(event.balanceDelta);
        break;
      case "listStatus":
        seen.push(event.listOrderStatus);
        break;
      case "externalLockUpdate":
        seen.push(event.delta);
        break;
      case "eventStreamTerminated":
        seen.push(String(event.eventTime));
        break;
      default: {
        const never: never = event;
        assert.fail(`unreachable: ${never}`);
      }
    }
  }
  assert.deepEqual(seen, [
    "NEW",
    "ETH",
    "100.00000000",
    "EXECUTING",
    "10.00000000",
    "1728973001334",
  ]);
});

Deno.test("a model factory refuses another event type", async () => {
  refuses(ExecutionReportEvent.parse, await fixture("listStatus"), "ExecutionReportEvent", "e");
  refuses(ListStatusEvent.parse, await fixture("executionReport"), "ListStatusEvent", "e");
  refuses(BalanceUpdateEvent.parse, await fixture("externalLockUpdate"), "BalanceUpdateEvent", "e");
  refuses(
    EventStreamTerminatedEvent.parse,
    await fixture("balanceUpdate"),
    "EventStreamTerminatedEvent",
    "e",
  );
});
