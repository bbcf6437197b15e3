// The account view's state machine, with synthetic snapshots and events: buffering, ordering,
// ties, duplicates, older events, contradictions, exact decimals, reconcile.
import assert from "node:assert/strict";
import {
  type AccountSnapshots,
  AccountState,
  type ExecutionReportFields,
  type ListStatusFields,
  type OrderSnapshot,
} from "../../views/_account_state.ts";

function report(over: Partial<ExecutionReportFields> = {}): ExecutionReportFields {
  return {
    eventType: "executionReport",
    symbol: "BTCUSDT",
    clientOrderId: "c1",
    side: "BUY",
    orderType: "LIMIT",
    origQty: "1.00000000",
    price: "100.00000000",
    orderListId: -1,
    origClientOrderId: "",
    executionType: "NEW",
    orderStatus: "NEW",
    orderId: 1,
    lastExecutedQty: "0.00000000",
    cumulativeFilledQty: "0.00000000",
    cumulativeQuoteQty: "0.00000000",
    transactionTime: 1000,
    ...over,
  };
}

function trade(
  orderId: number,
  last: string,
  cumulative: string,
  time: number,
  over: Partial<ExecutionReportFields> = {},
): ExecutionReportFields {
  return report({
    orderId,
    clientOrderId: `c${orderId}`,
    executionType: "TRADE",
    orderStatus: "PARTIALLY_FILLED",
    lastExecutedQty: last,
    cumulativeFilledQty: cumulative,
    transactionTime: time,
    ...over,
  });
}

function position(u: number, ...balances: [string, string, string][]) {
  return {
    eventType: "outboundAccountPosition" as const,
    lastUpdateTime: u,
    balances: balances.map(([asset, free, locked]) => ({ asset, free, locked })),
  };
}

function list(over: Partial<ListStatusFields> = {}): ListStatusFields {
  return {
    eventType: "listStatus",
    symbol: "BTCUSDT",
    orderListId: 7,
    contingencyType: "OCO",
    listStatusType: "EXEC_STARTED",
    listOrderStatus: "EXECUTING",
    listClientOrderId: "L7",
    transactionTime: 1000,
    orders: [
      { symbol: "BTCUSDT", orderId: 70, clientOrderId: "a" },
      { symbol: "BTCUSDT", orderId: 71, clientOrderId: "b" },
    ],
    ...over,
  };
}

function openOrder(over: Partial<OrderSnapshot> = {}): OrderSnapshot {
  return {
    symbol: "BTCUSDT",
    orderId: 1,
    orderListId: -1,
    clientOrderId: "c1",
    price: "100.00000000",
    origQty: "1.00000000",
    executedQty: "0.00000000",
    cummulativeQuoteQty: "0.00000000",
    status: "NEW",
    type: "LIMIT",
    side: "BUY",
    updateTime: 1000,
    ...over,
  };
}

function snapshots(over: Partial<AccountSnapshots> = {}): AccountSnapshots {
  return {
    account: {
      updateTime: 1000,
      balances: [
        { asset: "BTC", free: "1.00000000", locked: "0.00000000" },
        { asset: "USDT", free: "1000.00000000", locked: "0.00000000" },
      ],
    },
    orders: [],
    orderLists: [],
    ordersTime: 1000,
    orderListsTime: 1000,
    ...over,
  };
}

Deno.test("events are buffered until the snapshots, then those newer than them are applied", () => {
  const s = new AccountState();
  assert.equal(s.loaded, false);
  assert.deepEqual(s.push(position(990, ["BTC", "9.00000000", "0.00000000"])).changes, []);
  assert.deepEqual(s.push(position(1000, ["USDT", "900.00000000", "100.00000000"])).changes, []);
  assert.deepEqual(s.push(position(1001, ["ETH", "5.00000000", "0.00000000"])).changes, []);
  assert.equal(s.buffered, 3);
  assert.deepEqual(s.load(snapshots()), { changes: [] });
  assert.equal(s.loaded, true);
  assert.equal(s.buffered, 0);
  // u=990 is older than the snapshot (updateTime 1000): the snapshot's BTC stays.
  assert.deepEqual(s.balance("BTC"), { asset: "BTC", free: "1.00000000", locked: "0.00000000" });
  // A tie (u = updateTime) is applied: absolute values, so the later event of a ms is the truth.
  assert.deepEqual(s.balance("USDT"), {
    asset: "USDT",
    free: "900.00000000",
    locked: "100.00000000",
  });
  assert.deepEqual(s.balance("ETH"), { asset: "ETH", free: "5.00000000", locked: "0.00000000" });
  assert.deepEqual(s.balances().map((b) => b.asset), ["BTC", "ETH", "USDT"]);
  // An asset the account never had reads as zero (not undefined: the state is loaded).
  assert.deepEqual(s.balance("XRP"), { asset: "XRP", free: "0.00000000", locked: "0.00000000" });
  assert.deepEqual(s.stats, { applied: 2, ignored: 1, contradictions: 0 });
});

Deno.test("balances: repeated and older events change nothing; ties apply in order; deltas are not applied", () => {
  const s = new AccountState();
  s.load(snapshots());
  assert.deepEqual(s.push(position(1005, ["BTC", "2.00000000", "0.50000000"])).changes, [
    { kind: "balance", asset: "BTC" },
  ]);
  const v = s.version;
  assert.deepEqual(s.push(position(1005, ["BTC", "2.00000000", "0.50000000"])).changes, []);
  assert.deepEqual(s.push(position(1004, ["BTC", "7.00000000", "0.00000000"])).changes, []);
  // The same value written differently is the same decimal: no change.
  assert.deepEqual(s.push(position(1006, ["BTC", "2.0", "0.5"])).changes, []);
  assert.equal(s.version, v);
  // Two events of one millisecond: the later one is the newer state.
  s.push(position(1007, ["BTC", "3.00000000", "0.00000000"]));
  s.push(position(1007, ["BTC", "4.00000000", "0.00000000"]));
  assert.equal(s.balance("BTC").free, "4.00000000");
  // Deltas are not applied: the outboundAccountPosition that follows them is.
  s.push(
    {
      eventType: "balanceUpdate",
      asset: "BTC",
      balanceDelta: "10.00000000",
      clearTime: 1008,
    } as never,
  );
  s.push(
    {
      eventType: "externalLockUpdate",
      asset: "BTC",
      delta: "1.00000000",
      transactionTime: 1008,
    } as never,
  );
  assert.equal(s.balance("BTC").free, "4.00000000");
  s.push(position(1008, ["BTC", "13.00000000", "1.00000000"]));
  assert.deepEqual(s.balance("BTC"), { asset: "BTC", free: "13.00000000", locked: "1.00000000" });
  // Unknown event types and eventStreamTerminated change nothing.
  assert.deepEqual(s.push({ eventType: "somethingNew" }).changes, []);
  assert.deepEqual(s.push({ eventType: "eventStreamTerminated" }).changes, []);
});

Deno.test("orders: status and cumulative quantity only move forward; closed orders leave the open set", () => {
  const s = new AccountState();
  s.load(snapshots());
  assert.deepEqual(s.push(report({ transactionTime: 1001 })).changes, [
    { kind: "order", symbol: "BTCUSDT", orderId: 1 },
  ]);
  assert.equal(s.openOrders()?.length, 1);
  assert.deepEqual(s.push(report({ transactionTime: 1001 })).changes, [], "a repeated NEW");
  assert.equal(s.push(trade(1, "0.30000000", "0.30000000", 1002)).changes.length, 1);
  assert.deepEqual(s.push(trade(1, "0.30000000", "0.30000000", 1002)).changes, [], "repeated");
  assert.deepEqual(s.push(report({ transactionTime: 1003 })).changes, [], "NEW after a fill");
  const partial = s.order("c1")!;
  assert.equal(partial.status, "PARTIALLY_FILLED");
  assert.equal(partial.executedQty, "0.30000000");
  // Two fills of one millisecond, then the first again: only forward moves count.
  s.push(trade(1, "0.10000000", "0.40000000", 1004));
  s.push(trade(1, "0.10000000", "0.50000000", 1004));
  assert.deepEqual(s.push(trade(1, "0.10000000", "0.40000000", 1004)).changes, []);
  assert.equal(s.order("c1")!.executedQty, "0.50000000");
  // An amendment lowers the quantity, status and fills unchanged (REPLACED).
  s.push(
    report({
      executionType: "REPLACED",
      orderStatus: "PARTIALLY_FILLED",
      origQty: "0.80000000",
      cumulativeFilledQty: "0.50000000",
      transactionTime: 1005,
    }),
  );
  assert.equal(s.order("c1")!.origQty, "0.80000000");
  s.push(trade(1, "0.30000000", "0.80000000", 1006, {
    orderStatus: "FILLED",
    origQty: "0.80000000",
    cumulativeQuoteQty: "80.00000000",
  }));
  assert.deepEqual(s.openOrders(), [], "a FILLED order leaves the open set");
  const filled = s.order("c1")!;
  assert.equal(filled.status, "FILLED", "a recently closed order still answers");
  assert.equal(filled.cumulativeQuoteQty, "80.00000000");
  assert.equal(filled.updateTime, 1006);
  // Anything after the close is a late duplicate.
  assert.deepEqual(
    s.push(
      trade(1, "0.30000000", "0.80000000", 1006, { orderStatus: "FILLED", origQty: "0.80000000" }),
    ).changes,
    [],
  );
  assert.deepEqual(
    s.push(report({ executionType: "CANCELED", orderStatus: "CANCELED", transactionTime: 1007 }))
      .changes,
    [],
  );
  assert.equal(s.order("c1")!.status, "FILLED");
  assert.equal(s.stats.contradictions, 0);
});

Deno.test("a cancel's report names the cancel request in c and the order in C", () => {
  const s = new AccountState();
  s.load(snapshots({ orders: [openOrder({ orderId: 5, clientOrderId: "mine" })] }));
  s.push(report({
    orderId: 5,
    clientOrderId: "cancel-request-id",
    origClientOrderId: "mine",
    executionType: "CANCELED",
    orderStatus: "CANCELED",
    transactionTime: 1001,
  }));
  assert.deepEqual(s.openOrders(), []);
  assert.equal(s.order("mine")?.status, "CANCELED");
  assert.equal(s.order("cancel-request-id"), undefined);
});

Deno.test("snapshot ties: a report of the snapshot's own time counts only when it moves the order", () => {
  const s = new AccountState();
  s.push(trade(1, "0.20000000", "0.20000000", 999)); // older than the order's updateTime
  s.push(trade(1, "0.10000000", "0.30000000", 1000)); // in the snapshot already (z equal)
  s.push(trade(1, "0.10000000", "0.40000000", 1000)); // same ms, after the snapshot
  s.load(snapshots({
    orders: [
      openOrder({ status: "PARTIALLY_FILLED", executedQty: "0.30000000", updateTime: 1000 }),
    ],
  }));
  assert.equal(s.order("c1")?.executedQty, "0.40000000");
  assert.equal(s.stats.applied, 1);
  assert.equal(s.stats.ignored, 2);
  assert.equal(s.stats.contradictions, 0);
});

Deno.test("an order that ended before the snapshot: its buffered reports change nothing", () => {
  const s = new AccountState();
  // Placed before the subscription, filled before the snapshot: only the fill is buffered.
  s.push(trade(9, "1.00000000", "1.00000000", 995, { orderStatus: "FILLED" }));
  // Placed and canceled while buffering: both reports are there.
  s.push(report({ orderId: 10, clientOrderId: "c10", transactionTime: 996 }));
  s.push(
    report({
      orderId: 10,
      clientOrderId: "x",
      origClientOrderId: "c10",
      executionType: "CANCELED",
      orderStatus: "CANCELED",
      transactionTime: 997,
    }),
  );
  assert.deepEqual(s.load(snapshots({ ordersTime: 1000 })), { changes: [] });
  assert.deepEqual(s.openOrders(), []);
  assert.equal(s.order("c9"), undefined);
  assert.equal(s.order("c10")?.status, "CANCELED");
});

Deno.test("contradictions: an unknown order's report newer than the snapshot, a fill beyond the quantity, a skipped fill, an unknown list", () => {
  // Found while replaying the buffer: the state is not loaded.
  const a = new AccountState();
  a.push(trade(3, "0.10000000", "0.10000000", 1001));
  const loaded = a.load(snapshots({ ordersTime: 1000 }));
  assert.match(loaded.contradiction ?? "", /order 3 .* does not know/);
  assert.equal(a.loaded, false);

  // Found live.
  const b = new AccountState();
  b.load(snapshots());
  assert.match(
    b.push(trade(4, "0.10000000", "0.10000000", 1001)).contradiction ?? "",
    /TRADE\/PARTIALLY_FILLED of order 4 \("c4"\) of BTCUSDT at 1001 is for an order the view does not know/,
  );
  // REJECTED may be an order's only report (cancelReplace whose placement failed).
  assert.equal(
    b.push(
      report({
        orderId: 5,
        executionType: "REJECTED",
        orderStatus: "REJECTED",
        transactionTime: 1002,
      }),
    ).contradiction,
    undefined,
  );

  const c = new AccountState();
  c.load(snapshots({ orders: [openOrder({ orderId: 6, clientOrderId: "c6" })] }));
  assert.match(
    c.push(trade(6, "1.50000000", "1.50000000", 1001)).contradiction ?? "",
    /fills 1\.50000000, beyond the order's quantity/,
  );

  const d = new AccountState();
  d.load(snapshots({ orders: [openOrder({ orderId: 7, clientOrderId: "c7" })] }));
  d.push(trade(7, "0.10000000", "0.10000000", 1001));
  // The fill of 0.2 that took z to 0.3 was not sent: z - l = 0.3 - 0.1 > 0.1.
  assert.match(
    d.push(trade(7, "0.10000000", "0.40000000", 1003)).contradiction ?? "",
    /skips a fill/,
  );

  const e = new AccountState();
  e.load(snapshots({ orderListsTime: 1000 }));
  assert.equal(
    e.push(list({ listStatusType: "ALL_DONE", listOrderStatus: "ALL_DONE", transactionTime: 999 }))
      .contradiction,
    undefined,
    "a list that ended before the snapshot",
  );
  assert.equal(
    e.push(list({ listStatusType: "RESPONSE", listOrderStatus: "REJECT", transactionTime: 1001 }))
      .contradiction,
    undefined,
  );
  assert.match(
    e.push(list({ listStatusType: "ALL_DONE", listOrderStatus: "ALL_DONE", transactionTime: 1001 }))
      .contradiction ?? "",
    /order list 7 \("L7"\) .* does not know/,
  );
  assert.equal(e.stats.contradictions, 1);
});

Deno.test("quantities compare as exact decimals, never as floats", () => {
  // 90071992547409.93 and .94 are one float: a float comparison would see no overfill.
  const q = "90071992547409.93";
  const z = "90071992547409.94";
  assert.equal(Number(q), Number(z));
  const s = new AccountState();
  s.load(snapshots({ orders: [openOrder({ origQty: q })] }));
  assert.match(
    s.push(trade(1, z, z, 1001, { origQty: q })).contradiction ?? "",
    /beyond the order's quantity/,
  );
  // And a fill that equals the quantity as a different text is exact, not an overfill.
  const t = new AccountState();
  t.load(snapshots({ orders: [openOrder({ origQty: "2.5" })] }));
  const r = t.push(
    trade(1, "2.50000000", "2.50000000", 1001, { orderStatus: "FILLED", origQty: "2.50000000" }),
  );
  assert.equal(r.contradiction, undefined);
  assert.deepEqual(t.openOrders(), []);
});

Deno.test("order lists: created by EXEC_STARTED, closed by ALL_DONE, older and repeated reports change nothing", () => {
  const s = new AccountState();
  s.load(snapshots());
  assert.equal(s.push(list()).changes.length, 1);
  assert.deepEqual(s.push(list()).changes, [], "repeated");
  assert.deepEqual(s.openOrderLists()?.map((l) => l.orderListId), [7]);
  assert.deepEqual(s.openOrderLists("ETHUSDT"), []);
  s.push(list({ listStatusType: "ALL_DONE", listOrderStatus: "ALL_DONE", transactionTime: 1002 }));
  assert.deepEqual(s.openOrderLists(), []);
  assert.deepEqual(s.push(list({ transactionTime: 1003 })).changes, [], "nothing reopens a list");
  assert.deepEqual(s.push(list({ transactionTime: 1001 })).changes, []);
  assert.equal(s.stats.contradictions, 0);
});

Deno.test("a symbol filter keeps only its orders and lists, and every balance", () => {
  const s = new AccountState({ symbols: ["ETHUSDT"] });
  s.load(snapshots({
    orders: [openOrder(), openOrder({ symbol: "ETHUSDT", orderId: 2, clientOrderId: "e" })],
  }));
  assert.deepEqual(s.openOrders().map((o) => o.clientOrderId), ["e"]);
  // A report of another symbol is not a contradiction: it is not watched.
  assert.deepEqual(s.push(trade(99, "0.1", "0.1", 1001)), { changes: [] });
  s.push(position(1001, ["BTC", "0.5", "0"]));
  assert.equal(s.balance("BTC").free, "0.5");
});

Deno.test("closed orders are remembered up to a limit; the buffer has one too", () => {
  const s = new AccountState({ closedLimit: 2 });
  s.load(snapshots());
  for (let id = 1; id <= 3; id++) {
    s.push(report({ orderId: id, clientOrderId: `c${id}`, transactionTime: 1000 + id }));
    s.push(
      report({
        orderId: id,
        clientOrderId: `k${id}`,
        origClientOrderId: `c${id}`,
        executionType: "CANCELED",
        orderStatus: "CANCELED",
        transactionTime: 1000 + id,
      }),
    );
  }
  assert.equal(s.order("c1"), undefined, "forgotten");
  assert.equal(s.order("c2")?.status, "CANCELED");
  assert.equal(s.order("c3")?.status, "CANCELED");
  // A client id reused by a new open order answers with the open one.
  s.push(report({ orderId: 4, clientOrderId: "c3", transactionTime: 1010 }));
  assert.equal(s.order("c3")?.orderId, 4);

  const t = new AccountState({ bufferLimit: 2 });
  assert.deepEqual(t.push({ eventType: "x" }), { changes: [] });
  assert.deepEqual(t.push({ eventType: "x" }), { changes: [] });
  assert.deepEqual(t.push({ eventType: "x" }), { changes: [], overflow: true });
  assert.equal(t.buffered, 0);
});

Deno.test("reconcile: the state against fresh snapshots, skipping what moved since", () => {
  const s = new AccountState();
  s.load(snapshots({
    orders: [openOrder(), openOrder({ orderId: 2, clientOrderId: "c2" })],
    orderLists: [{ ...list(), eventType: undefined } as never],
  }));
  const same = snapshots({
    orders: [openOrder(), openOrder({ orderId: 2, clientOrderId: "c2" })],
    orderLists: [list() as never],
  });
  assert.deepEqual(s.reconcile(same, s.version), []);
  // The exchange says otherwise: a balance, a filled order, an order the view never saw.
  const since = s.version;
  const truth = snapshots({
    account: {
      updateTime: 1005,
      balances: [
        { asset: "BTC", free: "1.0", locked: "0" }, // equal as decimals
        { asset: "USDT", free: "999.00000000", locked: "0.00000000" },
      ],
    },
    orders: [
      openOrder({
        orderId: 2,
        clientOrderId: "c2",
        status: "PARTIALLY_FILLED",
        executedQty: "0.5",
      }),
      openOrder({ orderId: 3, clientOrderId: "c3" }),
    ],
    orderLists: [],
  });
  const diff = s.reconcile(truth, since);
  assert.deepEqual(diff.map((d) => `${d.kind} ${d.key}`).sort(), [
    "balance USDT",
    "order BTCUSDT:1",
    "order BTCUSDT:2",
    "order BTCUSDT:3",
    "orderList BTCUSDT:7",
  ]);
  // Items an event changed after `since` are in motion, not wrong.
  s.push(position(1006, ["USDT", "998.00000000", "0"]));
  s.push(trade(2, "0.6", "0.6", 1006));
  s.push(
    report({
      orderId: 1,
      clientOrderId: "k",
      origClientOrderId: "c1",
      executionType: "CANCELED",
      orderStatus: "CANCELED",
      transactionTime: 1006,
    }),
  );
  s.push(report({ orderId: 3, clientOrderId: "c3", transactionTime: 1006 }));
  s.push(list({ listStatusType: "ALL_DONE", listOrderStatus: "ALL_DONE", transactionTime: 1006 }));
  assert.deepEqual(s.reconcile(truth, since), []);
});

Deno.test("a report that moves one measure forward and another backward changes nothing", () => {
  const s = new AccountState();
  s.load(snapshots({
    orders: [openOrder({ status: "PARTIALLY_FILLED", executedQty: "0.50000000" })],
  }));
  // Status forward (FILLED) but the cumulative quantity backward (0.3 < 0.5).
  const r = s.push(trade(1, "0.30000000", "0.30000000", 1001, { orderStatus: "FILLED" }));
  assert.deepEqual(r, { changes: [] });
  assert.equal(s.order("c1")?.status, "PARTIALLY_FILLED");
  // A quantity lowered with the status backward (NEW after PARTIALLY_FILLED).
  s.push(
    report({
      executionType: "REPLACED",
      origQty: "0.9",
      cumulativeFilledQty: "0.50000000",
      transactionTime: 1002,
    }),
  );
  assert.equal(s.order("c1")?.origQty, "1.00000000");
});

Deno.test("an amendment gives the order the new client id of its report", () => {
  const s = new AccountState();
  s.load(snapshots({ orders: [openOrder({ clientOrderId: "before" })] }));
  s.push(report({
    clientOrderId: "after",
    origClientOrderId: "before",
    executionType: "REPLACED",
    origQty: "0.50000000",
    transactionTime: 1001,
  }));
  assert.equal(s.order("before"), undefined);
  assert.equal(s.order("after")?.origQty, "0.50000000");
  assert.deepEqual(s.openOrders().map((o) => o.clientOrderId), ["after"]);
});
