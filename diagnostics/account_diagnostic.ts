/**
 * Account diagnostic: drives the account's read side and the User Data Stream of this module
 * and prints one line per check (PASS/FAIL, latency). Exits 1 when any check fails.
 *
 *   deno task diagnose:account           # live Binance: read-only
 *   deno task diagnose:account:testnet   # Spot testnet: an order placed and canceled
 *   deno task diagnose:account:local     # the fake exchange, started in-process
 *
 * Every target reads the account (read-only): `account.status`, `account.commission`,
 * `myFilters`, `openOrders.status`, `allOrders`, `openOrderLists.status`, `allOrderLists`,
 * `myTrades`, `myAllocations` and `account.rateLimits.orders`, and holds one User Data Stream
 * subscription (`session.subscriptions` lists it). `live` changes nothing: it counts the events
 * that come in `--seconds` (default 5). `testnet` and `local` place one order that rests (3 %
 * below the bid), amend it (`order.amendments`, `myPreventedMatches`) and cancel it, and check
 * that its `executionReport`s (NEW, REPLACED, CANCELED) and an `outboundAccountPosition` arrive,
 * that `openAccountView` follows (the order open, then gone), and that the view's balances
 * equal a fresh `account.status`.
 *
 * Keys as for the trading diagnostic: `BINANCE_API_KEY` with `BINANCE_ED25519_PRIVATE_KEY`
 * (the connection logs on; `userDataStream.subscribe`) or `BINANCE_SECRET_KEY` (HMAC:
 * `userDataStream.subscribe.signature`); `BINANCE_TESTNET_…` on testnet. Never printed.
 *
 * @module
 */
import * as spot from "../mod.ts";
import { type Harness, runDiagnostic } from "./_harness.ts";
import { credentialsFor, planOrders, restingBuy, symbol } from "./_orders.ts";

/** Resolves with the first event of `subscription` that `match` accepts, within `ms`. */
function nextEvent(
  subscription: spot.UserDataSubscription<spot.UserDataEvent>,
  match: (e: spot.UserDataEvent) => boolean,
  ms = 5000,
): Promise<spot.UserDataEvent> {
  const { promise, resolve, reject } = Promise.withResolvers<spot.UserDataEvent>();
  const timer = setTimeout(() => reject(new Error(`no such event within ${ms} ms`)), ms);
  const off = subscription.on("data", (e) => match(e) && resolve(e));
  return promise.finally(() => {
    clearTimeout(timer);
    off();
  });
}

/** Resolves once `check` holds, polled every 20 ms, within `ms`. */
async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`${what} not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

await runDiagnostic({ labelWidth: 30, numbers: { seconds: 5 } }, async (run) => {
  const credentials = await credentialsFor(run.target);
  const ed25519 = credentials.signer.keyType === "Ed25519";
  console.log(
    `API key: ${spot.redactApiKey(credentials.apiKey)} (${credentials.signer.keyType}, ` +
      `${ed25519 ? "logs on: userDataStream.subscribe" : "userDataStream.subscribe.signature"})`,
  );
  await using conn = await spot.connectWsApi({
    url: run.urls.wsApi,
    credentials,
    reconnect: { initialDelayMs: 50, maxDelayMs: 1000, maxAttempts: 5 },
  });
  run.begin(conn.url);

  await run.check("account.status", async () => {
    const a = await spot.accountStatus(conn, { omitZeroBalances: true });
    return `canTrade ${a.canTrade}, ${a.balances.length} assets held`;
  });
  await accountReads(run, conn);

  let subscription: spot.UserDataSubscription<spot.UserDataEvent> | undefined;
  await run.check(ed25519 ? "userDataStream.subscribe" : "subscribe.signature", async () => {
    subscription = ed25519
      ? await spot.userDataStreamSubscribe(conn)
      : await spot.userDataStreamSubscribeSignature(conn);
    return `subscription ${subscription.subscriptionId} for ${subscription.apiKeyHint}`;
  });
  if (!subscription) throw new Error("Cannot go on: no User Data Stream subscription");
  const sub = subscription;
  await run.check("session.subscriptions", async () => {
    const list = await spot.sessionSubscriptions(conn);
    if (!list.some((s) => s.subscriptionId === sub.subscriptionId)) {
      throw new Error(`subscription ${sub.subscriptionId} not listed`);
    }
    return `${list.length} on this connection, ours among them`;
  });

  if (run.target === "live") {
    const counts = new Map<string, number>();
    const off = sub.on("data", (e) => counts.set(e.eventType, (counts.get(e.eventType) ?? 0) + 1));
    await new Promise((r) => setTimeout(r, run.numbers.seconds * 1000));
    off();
    const seen = [...counts].map(([type, n]) => `${n} ${type}`).join(", ");
    run.report(
      "PASS",
      "events",
      `${seen || "none (a quiet account)"} in ${run.numbers.seconds} s, ${sub.stats.gaps} gaps`,
    );
  } else {
    await orderEvents(run.fake !== undefined, conn, sub, (label, body) => run.check(label, body));
  }

  await run.check("userDataStream.unsubscribe", async () => {
    const ended = new Promise<string>((resolve) => sub.on("end", (e) => resolve(e.reason)));
    await sub.unsubscribe();
    return `ended: ${await ended}`;
  });
});

/**
 * The account reads, read-only on every target: commission rates and filters, open orders and
 * lists, the last 24 hours of orders, lists and trades of the symbol, SOR allocations, and the
 * unfilled order count.
 */
async function accountReads(run: Harness, conn: spot.WsApiConnection): Promise<void> {
  const endTime = Date.now(), startTime = endTime - 86_400_000;
  await run.check("account.commission", async () => {
    const c = await spot.accountCommission(conn, { symbol });
    return `standard maker ${c.standardCommission.maker}, taker ${c.standardCommission.taker}`;
  });
  await run.check("myFilters", async () => {
    const f = await spot.myFilters(conn, { symbol });
    return `${f.exchangeFilters.length} exchange, ${f.symbolFilters.length} symbol, ` +
      `${f.assetFilters.length} asset filters`;
  });
  await run.check("openOrders.status", async () => {
    const open = await spot.openOrdersStatus(conn, { symbol });
    return `${open.length} open on ${symbol}`;
  });
  await run.check("allOrders", async () => {
    const orders = await spot.allOrders(conn, { symbol, startTime, endTime, limit: 20 });
    return `${orders.length} orders in the last 24 h`;
  });
  await run.check("openOrderLists.status", async () => {
    const lists = await spot.openOrderListsStatus(conn);
    return `${lists.length} open lists`;
  });
  await run.check("allOrderLists", async () => {
    const lists = await spot.allOrderLists(conn, { startTime, endTime, limit: 20 });
    return `${lists.length} lists in the last 24 h`;
  });
  await run.check("myTrades", async () => {
    const trades = await spot.myTrades(conn, { symbol, startTime, endTime, limit: 20 });
    return `${trades.length} trades in the last 24 h`;
  });
  await run.check("myAllocations", async () => {
    const list = await spot.myAllocations(conn, { symbol, limit: 10 });
    return `${list.length} SOR allocation(s)`;
  });
  await run.check("account.rateLimits.orders", async () => {
    const limits = await spot.accountRateLimitsOrders(conn);
    return limits.map((l) => `${l.count}/${l.limit} per ${l.intervalNum} ${l.interval}`).join(", ");
  });
}

/** `testnet` and `local`: one order placed, amended and canceled, seen by the events and the view. */
async function orderEvents(
  local: boolean,
  conn: spot.WsApiConnection,
  sub: spot.UserDataSubscription<spot.UserDataEvent>,
  check: (label: string, body: () => Promise<string>) => Promise<boolean>,
): Promise<void> {
  const plan = await planOrders(conn);
  await using view = await spot.openAccountView(conn);
  await check("openAccountView", async () => {
    await until(() => view.synced, "synced");
    return `synced: ${view.balances()?.length ?? 0} assets, ${
      view.openOrders(symbol)?.length ?? 0
    } open orders on ${symbol}`;
  });

  // A cancel's report carries the cancel's own client id in `c` and the order's in `C`.
  const isReport = (id: string, x: string) => (e: spot.UserDataEvent) =>
    spot.isKnownUserDataEvent(e) && e.eventType === "executionReport" &&
    (e.clientOrderId === id || e.origClientOrderId === id) && e.executionType === x;
  const clientOrderId = `diag-${crypto.randomUUID().slice(0, 8)}`;
  const placedEvent = nextEvent(sub, isReport(clientOrderId, "NEW"));
  const position = nextEvent(sub, (e) => e.eventType === "outboundAccountPosition");
  placedEvent.catch(() => {});
  position.catch(() => {});
  let placed = false;
  await check("order.place", async () => {
    const o = await spot.orderPlace(conn, {
      ...restingBuy(plan),
      newClientOrderId: clientOrderId,
      newOrderRespType: "RESULT",
    });
    placed = true;
    return `${o.status} ${o.side} ${o.origQty} @ ${o.price} (${o.clientOrderId})`;
  });
  if (!placed) return;
  await check("executionReport NEW", async () => {
    const e = await placedEvent as spot.ExecutionReportEvent;
    return `order ${e.orderId}: ${e.orderStatus}, ${e.origQty} @ ${e.price}`;
  });
  await check("outboundAccountPosition", async () => {
    const e = await position as spot.OutboundAccountPositionEvent;
    return e.balances.map((b) => `${b.asset} free ${b.free} locked ${b.locked}`).join(", ");
  });
  await check("view: order open", async () => {
    await until(() => view.order(clientOrderId)?.status === "NEW", "the order in the view");
    return `${view.openOrders(symbol)?.length} open on ${symbol}, ours NEW`;
  });
  await check("openOrders.status: ours", async () => {
    const open = await spot.openOrdersStatus(conn, { symbol });
    if (!open.some((o) => o.clientOrderId === clientOrderId)) throw new Error("ours is missing");
    return `${open.length} open on ${symbol}, ours among them`;
  });

  // Amended with its client order id kept (newClientOrderId given), so later checks find it.
  const amendedEvent = nextEvent(sub, isReport(clientOrderId, "REPLACED"));
  amendedEvent.catch(() => {});
  let orderId = -1;
  await check("order.amend.keepPriority", async () => {
    const r = await spot.orderAmendKeepPriority(conn, {
      symbol,
      origClientOrderId: clientOrderId,
      newClientOrderId: clientOrderId,
      newQty: plan.half,
    });
    orderId = r.amendedOrder.orderId;
    return `quantity ${plan.qty} -> ${r.amendedOrder.qty}, priority kept`;
  });
  await check("executionReport REPLACED", async () => {
    const e = await amendedEvent as spot.ExecutionReportEvent;
    return `order ${e.orderId}: ${e.orderStatus}, quantity now ${e.origQty}`;
  });
  await check("order.amendments", async () => {
    const list = await spot.orderAmendments(conn, { symbol, orderId });
    const last = list.at(-1);
    if (!last) throw new Error("no amendment listed");
    return `${list.length} amendment(s); last ${last.origQty} -> ${last.newQty}`;
  });
  await check("myPreventedMatches", async () => {
    const list = await spot.myPreventedMatches(conn, { symbol, orderId });
    return `${list.length} prevented match(es) for the order (it met nothing of ours)`;
  });

  const canceledEvent = nextEvent(sub, isReport(clientOrderId, "CANCELED"));
  canceledEvent.catch(() => {});
  await check("order.cancel", async () => {
    const r = await spot.orderCancel(conn, { symbol, origClientOrderId: clientOrderId });
    return "status" in r ? `${r.status}` : "canceled";
  });
  await check("executionReport CANCELED", async () => {
    const e = await canceledEvent as spot.ExecutionReportEvent;
    return `order ${e.orderId}: ${e.orderStatus}`;
  });
  await check("allOrders: ours", async () => {
    const all = await spot.allOrders(conn, { symbol, limit: 10 });
    const ours = all.find((o) => o.clientOrderId === clientOrderId);
    if (!ours) throw new Error("ours is missing");
    return `${all.length} recent orders, ours ${ours.status}`;
  });
  await check("view equals account.status", async () => {
    await until(() => view.synced && view.order(clientOrderId)?.status !== "NEW", "cancel seen");
    const truth = await spot.accountStatus(conn, { omitZeroBalances: true });
    const diff: string[] = [];
    for (const b of truth.balances) {
      const mine = view.balance(b.asset);
      if (mine?.free !== b.free || mine?.locked !== b.locked) {
        diff.push(`${b.asset}: view ${mine?.free}/${mine?.locked}, exchange ${b.free}/${b.locked}`);
      }
    }
    if (diff.length > 0) throw new Error(diff.join("; "));
    if (view.openOrders(symbol)?.some((o) => o.clientOrderId === clientOrderId)) {
      throw new Error("the canceled order is still open in the view");
    }
    return `${truth.balances.length} balances equal; the order left the open set` +
      (local ? " (fake exchange)" : "");
  });
}
