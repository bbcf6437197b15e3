/**
 * Trading diagnostic: drives the signed methods of this module and prints one line per check
 * (PASS/FAIL, latency). Exits 1 when any check fails.
 *
 *   deno task diagnose:trading           # live Binance: non-executing calls only
 *   deno task diagnose:trading:testnet   # Spot testnet: the full order life cycle
 *   deno task diagnose:trading:local     # the fake exchange, started in-process
 *
 * `live` sends nothing that executes: `session.logon`/`session.status`, `order.test`,
 * `sor.order.test` and `account.status`. `testnet` and `local` run the life cycle on BTCUSDT
 * with small orders priced away from the market (they rest, none fills): place, status, amend,
 * cancel-replace, cancel, every order-list kind, SOR, cancel all (which cancels every open order
 * of the account on the symbol), account status, logout. `local` also resolves one unknown
 * outcome: the fake drops the socket after executing an `order.place`, and the call must come
 * back with the order, `recovered: true`.
 *
 * Keys come from the environment, never printed (the API key is redacted):
 * `BINANCE_API_KEY` with `BINANCE_ED25519_PRIVATE_KEY` (the PKCS#8 PEM text, e.g.
 * `"$(cat key.pem)"`: the connection logs on) or `BINANCE_SECRET_KEY` (HMAC: each request is
 * signed); on testnet the same names with `BINANCE_TESTNET_`. `local` uses the fake's
 * `FAKE_ACCOUNT` Ed25519 key.
 *
 * @module
 */
import * as spot from "../mod.ts";
import { FAKE_ACCOUNT } from "../testing/mod.ts";
import { type Harness, runDiagnostic } from "./_harness.ts";
import {
  credentialsFor,
  decimal,
  type Plan,
  planOrders,
  restingBuy,
  symbol,
  units,
} from "./_orders.ts";

/** Waits for the connection's first `session` event (the logon at connect), up to 5 s. */
function sessionEvent(conn: spot.WsApiConnection): Promise<spot.WsApiSessionEvent> {
  const { promise, resolve, reject } = Promise.withResolvers<spot.WsApiSessionEvent>();
  const timer = setTimeout(() => reject(new Error("no session event within 5 s")), 5000);
  const off = conn.on("session", (e) => resolve(e));
  return promise.finally(() => {
    clearTimeout(timer);
    off();
  });
}

// ---- the checks

await runDiagnostic({ labelWidth: 30 }, async (run) => {
  const credentials = await credentialsFor(run.target);
  const ed25519 = credentials.signer.keyType === "Ed25519";
  console.log(
    `API key: ${spot.redactApiKey(credentials.apiKey)} (${credentials.signer.keyType}, ` +
      `${ed25519 ? "logs on" : "signs each request"})`,
  );
  await using conn = await spot.connectWsApi({
    url: run.urls.wsApi,
    credentials,
    reconnect: { initialDelayMs: 50, maxDelayMs: 1000, maxAttempts: 5 },
  });
  const loggedOn = ed25519 && !conn.loggedOn ? sessionEvent(conn) : undefined;
  loggedOn?.catch(() => {});
  run.begin(conn.url);

  await run.check(
    "session.logon",
    async () => {
      if (!ed25519) await spot.sessionLogon(conn);
      else if (loggedOn) {
        const event = await loggedOn;
        if (event.state !== "loggedOn") throw new Error(`session event "${event.state}"`);
      }
      return "logged on at connect (Ed25519): requests carry no apiKey or signature";
    },
    (e) =>
      e instanceof spot.BinanceApiError
        ? `refused as documented for a non-Ed25519 key (${e.code}): each request is signed`
        : undefined,
  );
  await run.check("session.status", async () => {
    const status = await spot.sessionStatus(conn);
    return status.apiKey === null
      ? "no session (requests signed each)"
      : `session of ${spot.redactApiKey(status.apiKey)}`;
  });

  let plan: Plan | undefined;
  await run.check("exchangeInfo", async () => {
    plan = await planOrders(conn);
    return `${symbol}: rests ${plan.qty} @ ${plan.low} (3 % under the bid)`;
  });
  if (!plan) throw new Error("Cannot go on: no order plan without exchangeInfo");
  const p = plan;

  await run.check("checkOrderFilters", () => {
    const ok = spot.checkOrderFilters(p.info, restingBuy(p));
    if (ok.length > 0) throw new Error(`the plan breaks ${ok.map((v) => v.filterType).join(", ")}`);
    const offTick = decimal(units(p.low) + p.tick / 2n);
    const bad = spot.checkOrderFilters(p.info, restingBuy(p, offTick));
    if (!bad.some((v) => v.filterType === "PRICE_FILTER")) {
      throw new Error(`price ${offTick} off the tick was not named PRICE_FILTER`);
    }
    return Promise.resolve(`plan passes; price ${offTick} breaks PRICE_FILTER`);
  });
  await run.check("validation", async () => {
    const sent = run.fake?.received.length;
    try {
      // MARKET takes no price (Binance: -1106): refused before anything is sent.
      await spot.orderTest(conn, { ...restingBuy(p), type: "MARKET", timeInForce: undefined });
    } catch (e) {
      if (!(e instanceof spot.ValidationError)) throw e;
      if (run.fake?.received.length !== sent) throw new Error("refused, but a frame was sent");
      return `refused before sending: ${e.message}`;
    }
    throw new Error("a MARKET order with a price was not refused");
  });
  await run.check("order.test", async () => {
    const r = await spot.orderTest(conn, { ...restingBuy(p), computeCommissionRates: true });
    return `accepted, not executed; taker commission ${r.standardCommissionForOrder.taker}`;
  });
  await run.check("sor.order.test", async () => {
    await spot.sorOrderTest(conn, restingBuy(p));
    return "accepted, not executed";
  });

  if (run.target !== "live") await lifeCycle(run, conn, p);

  await run.check("account.status", async () => {
    const a = await spot.accountStatus(conn, { omitZeroBalances: true });
    return `canTrade ${a.canTrade}, ${a.balances.length} assets held`;
  });
  if (run.target !== "live") {
    await run.check("session.logout", async () => {
      if (!conn.loggedOn) return "not logged on: nothing to end";
      await spot.sessionLogout(conn);
      return "session ended; no re-logon";
    });
  }
});

/** The order life cycle of `testnet` and `local`: every order rests and is canceled again. */
async function lifeCycle(run: Harness, conn: spot.WsApiConnection, p: Plan): Promise<void> {
  let placed: spot.OrderResult | spot.RecoveredOrder | undefined;
  await run.check("order.place", async () => {
    const order = await spot.orderPlace(conn, { ...restingBuy(p), newOrderRespType: "RESULT" });
    placed = order;
    const how = "recovered" in order ? ", recovered" : "";
    return `${order.status} ${order.side} ${order.origQty} @ ${order.price} (${order.clientOrderId}${how})`;
  });
  let id = placed?.clientOrderId ?? "(not placed)";
  await run.check("order.status", async () => {
    const o = await spot.orderStatus(conn, { symbol, origClientOrderId: id });
    if (o.status !== "NEW") throw new Error(`status "${o.status}", expected "NEW"`);
    return `${o.status}, found by client order id`;
  });
  await run.check("order.amend.keepPriority", async () => {
    const r = await spot.orderAmendKeepPriority(conn, {
      symbol,
      origClientOrderId: id,
      newQty: p.half,
    });
    // Without newClientOrderId the amended order gets a new client id (web-socket-api.md).
    id = r.amendedOrder.clientOrderId;
    return `quantity ${p.qty} -> ${r.amendedOrder.qty}, priority kept, now ${id}`;
  });
  let replacedBy = "(not replaced)";
  await run.check("order.cancelReplace", async () => {
    const lower = decimal(units(p.low) - p.tick);
    const r = await spot.orderCancelReplace(conn, {
      ...restingBuy(p, lower),
      cancelReplaceMode: "STOP_ON_FAILURE",
      cancelOrigClientOrderId: id,
      newOrderRespType: "RESULT",
    });
    replacedBy = r.newOrderResponse.clientOrderId;
    const canceled = r.cancelResponse?.status ?? r.cancelResult;
    return `canceled ${canceled}, new order ${r.newOrderResponse.status} @ ${lower}`;
  });
  await run.check("order.cancel", async () => {
    const r = await spot.orderCancel(conn, { symbol, origClientOrderId: replacedBy });
    if (!("status" in r)) throw new Error("canceled an order list, not the order");
    return `${r.status} ${r.clientOrderId}`;
  });

  let oco: spot.OrderListResult | spot.RecoveredOrderList | undefined;
  await run.check("orderList.place.oco", async () => {
    const list = await spot.orderListPlaceOco(conn, {
      symbol,
      side: "SELL",
      quantity: p.qty,
      aboveType: "LIMIT_MAKER",
      abovePrice: p.high,
      belowType: "STOP_LOSS_LIMIT",
      belowStopPrice: p.low,
      belowPrice: p.lower,
      belowTimeInForce: "GTC",
    });
    oco = list;
    return `${list.listOrderStatus}: LIMIT_MAKER @ ${p.high}, stop ${p.low} / limit ${p.lower}`;
  });
  await run.check("orderList.status", async () => {
    const s = await spot.orderListStatus(conn, { orderListId: oco?.orderListId ?? -1 });
    return `${s.listOrderStatus}, ${s.orders.length} orders`;
  });
  await run.check("orderList.cancel", async () => {
    const r = await spot.orderListCancel(conn, { symbol, orderListId: oco?.orderListId ?? -1 });
    return `${r.listOrderStatus}`;
  });

  const working = {
    symbol,
    workingType: "LIMIT_MAKER",
    workingSide: "BUY",
    workingPrice: p.low,
    workingQuantity: p.qty,
  } as const;
  await run.check("orderList.place.oto", async () => {
    const r = await spot.orderListPlaceOto(conn, {
      ...working,
      pendingType: "LIMIT_MAKER",
      pendingSide: "SELL",
      pendingPrice: p.high,
      pendingQuantity: p.qty,
    });
    return `${r.listOrderStatus}: working BUY @ ${p.low}, pending SELL @ ${p.high}`;
  });
  const pendingPair = {
    pendingSide: "SELL",
    pendingAboveType: "LIMIT_MAKER",
    pendingAbovePrice: p.high,
    pendingBelowType: "STOP_LOSS_LIMIT",
    pendingBelowStopPrice: p.low,
    pendingBelowPrice: p.lower,
    pendingBelowTimeInForce: "GTC",
  } as const;
  await run.check("orderList.place.otoco", async () => {
    const r = await spot.orderListPlaceOtoco(conn, {
      ...working,
      ...pendingPair,
      pendingQuantity: p.qty,
    });
    return `${r.listOrderStatus}: working BUY, pending OCO SELL`;
  });
  await run.check("orderList.place.opo", async () => {
    const r = await spot.orderListPlaceOpo(conn, {
      ...working,
      pendingType: "LIMIT_MAKER",
      pendingSide: "SELL",
      pendingPrice: p.high,
    });
    return `${r.listOrderStatus}: pending SELL of what the BUY fills`;
  });
  await run.check("orderList.place.opoco", async () => {
    const r = await spot.orderListPlaceOpoco(conn, { ...working, ...pendingPair });
    return `${r.listOrderStatus}: pending OCO SELL of what the BUY fills`;
  });
  await run.check("orderList.place", async () => {
    // Deprecated (orderList.place.oco replaces it); still served.
    const r = await spot.orderListPlace(conn, {
      symbol,
      side: "SELL",
      quantity: p.qty,
      price: p.high,
      stopPrice: p.low,
      stopLimitPrice: p.lower,
      stopLimitTimeInForce: "GTC",
    });
    return `${r.listOrderStatus} (deprecated OCO)`;
  });
  await run.check("sor.order.place", async () => {
    const r = await spot.sorOrderPlace(conn, { ...restingBuy(p), newOrderRespType: "RESULT" });
    return `${r.map((o) => o.status).join(", ")} through SOR`;
  });

  const fake = run.fake;
  if (run.target === "local" && fake) {
    await run.check("unknown outcome resolved", async () => {
      // The fake executes the next order.place, then drops the socket without answering: the
      // outcome is unknown, and the call must find the order itself (order.status by its
      // client order id, once reconnected) and resolve with it, marked recovered.
      fake.armOrderFault({ kind: "dropAfterExecuting" }, { count: 1, methods: ["order.place"] });
      const order = await spot.orderPlace(conn, { ...restingBuy(p), newOrderRespType: "RESULT" });
      const recovered = (order as { recovered?: unknown }).recovered;
      if (recovered !== true) {
        throw new Error(`resolved without "recovered: true" (recovered: ${String(recovered)})`);
      }
      const held = fake.trading.ordersByClientId(FAKE_ACCOUNT.apiKey, order.clientOrderId);
      if (held.length !== 1) throw new Error(`the fake holds ${held.length} such orders, not 1`);
      return `dropped after executing; recovered ${order.status} ${order.clientOrderId}`;
    });
  }

  await run.check("openOrders.cancelAll", async () => {
    const r = await spot.openOrdersCancelAll(conn, { symbol });
    return `${r.length} canceled (orders and lists)`;
  });
}
