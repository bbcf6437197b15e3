// The account view against the fake exchange's ground truth: it follows trading exactly, never
// exposes a view known to be stale, and after thousands of events with faults injected (dropped
// sockets, a renewal, an unprompted termination, events the exchange did not send) it equals
// the true balances and open orders.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { FAKE_ACCOUNT, type FakeBinance, startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

const KEY = FAKE_ACCOUNT.apiKey;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Setup extends AsyncDisposable {
  fake: FakeBinance;
  /** The view's connection (Ed25519: a logged-on session). */
  api: spot.WsApiConnection;
  /** A second connection of the same account that trades (HMAC: signs each request). */
  trader: spot.WsApiConnection;
  view: spot.AccountView;
  events: string[];
}

async function setup(options: spot.AccountViewOptions = {}): Promise<Setup> {
  const fake = await startFakeBinance();
  const reconnect = { initialDelayMs: 10, maxDelayMs: 50 };
  const api = await spot.connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: KEY, signer: await spot.createSigner(FAKE_ACCOUNT.ed25519Key) },
    reconnect,
  });
  const trader = await spot.connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: KEY, signer: await spot.createSigner(FAKE_ACCOUNT.hmacKey) },
    reconnect,
    timeoutMs: 3000,
  });
  const view = await spot.openAccountView(api, options);
  const events: string[] = [];
  view.on("resyncing", (e) => events.push(`resyncing ${e.reason}`));
  view.on("synced", () => events.push("synced"));
  view.on("gap", (g) => events.push(`gap ${g.reason}`));
  view.on("error", (e) => events.push(`error ${e.error.message}`));
  return {
    fake,
    api,
    trader,
    view,
    events,
    async [Symbol.asyncDispose]() {
      await view.close();
      await trader.close();
      await api.close();
      await fake.close();
    },
  };
}

interface Truth {
  balances: spot.AccountBalance[];
  orders: Omit<spot.AccountViewOrder, "updateTime">[];
}

function truthOf(fake: FakeBinance): Truth {
  const balances = Object.entries(fake.trading.balances(KEY))
    .map(([asset, b]) => ({ asset, free: b.free, locked: b.locked }))
    .sort((a, b) => a.asset < b.asset ? -1 : 1);
  const orders = fake.trading.openOrders(KEY).map((o) => ({
    symbol: o.symbol,
    orderId: o.orderId,
    clientOrderId: o.clientOrderId,
    side: o.side,
    type: o.type,
    status: o.status,
    price: o.price,
    origQty: o.origQty,
    executedQty: o.executedQty,
    cumulativeQuoteQty: o.cummulativeQuoteQty,
    orderListId: o.orderListId,
  })).sort((a, b) => a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : a.orderId - b.orderId);
  return { balances, orders };
}

function viewOf(view: spot.AccountView): Truth | undefined {
  const balances = view.balances();
  const orders = view.openOrders();
  if (!balances || !orders) return undefined;
  return { balances, orders: orders.map(({ updateTime: _, ...o }) => o) };
}

function sameAsTruth(fake: FakeBinance, view: spot.AccountView): boolean {
  const mine = viewOf(view);
  return mine !== undefined && JSON.stringify(mine) === JSON.stringify(truthOf(fake));
}

async function inSync(fake: FakeBinance, view: spot.AccountView): Promise<void> {
  try {
    await waitFor("the view to equal the truth", () => view.synced && sameAsTruth(fake, view));
  } finally {
    assert.deepEqual(viewOf(view), truthOf(fake)); // says what differs when it times out
  }
}

function book(fake: FakeBinance, symbol: string): { bid: number; ask: number } {
  const b = fake.market.orderBook(symbol, 1);
  return { bid: Number(b.bids[0][0]), ask: Number(b.asks[0][0]) };
}

Deno.test("the view syncs, then follows orders, fills, cancels, amendments, lists and deposits exactly", async () => {
  await using t = await setup();
  const { fake, trader, view } = t;
  assert.equal(view.synced, true);
  assert.deepEqual(viewOf(view), truthOf(fake));
  const { bid, ask } = book(fake, "BTCUSDT");
  await spot.orderPlace(trader, {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    quantity: "0.01",
    price: (bid - 100).toFixed(2),
    newClientOrderId: "rest",
  });
  // Crosses the book: fills against the market at once.
  await spot.orderPlace(trader, {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    quantity: "0.002",
    price: (ask + 50).toFixed(2),
    newClientOrderId: "taker",
  });
  await spot.orderAmendKeepPriority(trader, {
    symbol: "BTCUSDT",
    origClientOrderId: "rest",
    newQty: "0.005",
    newClientOrderId: "rest-2",
  });
  await spot.orderListPlaceOco(trader, {
    symbol: "ETHUSDT",
    side: "SELL",
    quantity: "0.1",
    aboveType: "LIMIT_MAKER",
    abovePrice: (book(fake, "ETHUSDT").ask + 30).toFixed(2),
    belowType: "STOP_LOSS_LIMIT",
    belowStopPrice: (book(fake, "ETHUSDT").bid - 30).toFixed(2),
    belowPrice: (book(fake, "ETHUSDT").bid - 31).toFixed(2),
    belowTimeInForce: "GTC",
    listClientOrderId: "my-oco",
  });
  fake.userData.balanceUpdate(KEY, "USDT", "123.45");
  fake.userData.externalLockUpdate(KEY, "BTC", "0.5");
  await inSync(fake, view);
  assert.equal(view.order("rest"), undefined, "an amendment gives the order a new client id");
  assert.equal(view.order("rest-2")?.origQty, "0.00500000");
  assert.equal(view.order("taker")?.status, "FILLED", "a closed order still answers");
  assert.equal(view.openOrders("BTCUSDT")?.length, 1);
  const lists = view.openOrderLists();
  assert.equal(lists?.length, 1);
  assert.equal(lists?.[0].listClientOrderId, "my-oco");
  assert.equal(view.openOrderLists("BTCUSDT")?.length, 0);
  await spot.orderCancel(trader, { symbol: "BTCUSDT", origClientOrderId: "rest-2" });
  await spot.orderListCancel(trader, { symbol: "ETHUSDT", listClientOrderId: "my-oco" });
  await inSync(fake, view);
  assert.equal(view.order("rest-2")?.status, "CANCELED");
  assert.deepEqual(view.openOrderLists(), []);
  assert.deepEqual(view.openOrders(), []);
  assert.equal(view.balance("XRP")?.free, "0.00000000");
  assert.equal(view.stats.resyncs, 0);
  assert.equal(view.stats.contradictions, 0);
  assert.ok(view.stats.applied >= 10, `applied ${view.stats.applied}`);
  assert.deepEqual(t.events, []);
});

Deno.test("while out of sync the view exposes nothing: a dropped socket", async () => {
  await using t = await setup();
  const { fake, view } = t;
  fake.setResponseDelay(150); // the resync's snapshots are slow
  fake.dropConnections();
  assert.equal(view.synced, true, "the view cannot know before the close event");
  await waitFor("resyncing", () => t.events.includes("resyncing closed"));
  assert.equal(view.synced, false);
  assert.equal(view.balance("BTC"), undefined);
  assert.equal(view.balances(), undefined);
  assert.equal(view.openOrders(), undefined);
  assert.equal(view.order("x"), undefined);
  assert.equal(view.openOrderLists(), undefined);
  fake.setResponseDelay(0);
  await waitFor("synced", () => view.synced);
  assert.ok(t.events.includes("gap reconnect"), t.events.join(", "));
  await spot.orderPlace(t.trader, {
    symbol: "BTCUSDT",
    side: "SELL",
    type: "MARKET",
    quantity: "0.001",
  });
  await inSync(fake, view);
  assert.equal(view.stats.resyncs, 1);
});

Deno.test("while out of sync the view exposes nothing: an unprompted eventStreamTerminated", async () => {
  await using t = await setup();
  const { fake, view, api } = t;
  // A consumer of the same account sees the termination after the view (its listener is later).
  await using mine = await spot.userDataStreamSubscribe(api);
  let seenSynced: boolean | undefined;
  let seenBalances: unknown = "unread";
  mine.on("data", (e) => {
    if (e.eventType !== "eventStreamTerminated") return;
    seenSynced = view.synced;
    seenBalances = view.balances();
  });
  fake.setResponseDelay(150); // the resubscribe and the snapshots are slow
  assert.equal(fake.userData.terminate(KEY), 1);
  await waitFor("the termination", () => seenSynced !== undefined);
  assert.equal(seenSynced, false, "stale from the termination on, not from the gap after it");
  assert.equal(seenBalances, undefined);
  fake.setResponseDelay(0);
  await waitFor("synced", () => view.synced);
  assert.ok(t.events.includes("gap terminated"), t.events.join(", "));
  await inSync(fake, view);
});

Deno.test("with an HMAC key (no session) the view subscribes by signature and follows trading", async () => {
  await using fake = await startFakeBinance();
  await using api = await spot.connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: KEY, signer: await spot.createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  await using view = await spot.openAccountView(api);
  const methods = fake.received.map((f) => (JSON.parse(f.text) as { method: string }).method);
  assert.ok(methods.includes("userDataStream.subscribe.signature"), methods.join());
  assert.ok(!methods.includes("userDataStream.subscribe"), methods.join());
  await spot.orderPlace(api, {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "60000.00",
    quantity: "0.01000",
    newClientOrderId: "hmac-view",
  });
  await waitFor("the order in the view", () => view.order("hmac-view")?.status === "NEW");
  await inSync(fake, view);
});

Deno.test("a gap the ids cannot show: a report for an unknown order resyncs at once", async () => {
  await using t = await setup({ reconcileMs: 0 });
  const { fake, trader, view } = t;
  const { bid } = book(fake, "BTCUSDT");
  fake.userData.dropEvents(KEY, 100);
  await spot.orderPlace(trader, {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    quantity: "0.01",
    price: (bid - 10).toFixed(2),
    newClientOrderId: "unseen",
  });
  await sleep(150);
  assert.equal(view.order("unseen"), undefined, "its NEW was not sent");
  await spot.orderCancel(trader, { symbol: "BTCUSDT", origClientOrderId: "unseen" });
  await waitFor("the resync", () => t.events.includes("synced"));
  assert.deepEqual(t.events.slice(0, 2), ["resyncing contradiction", "synced"]);
  assert.equal(view.stats.contradictions, 1);
  await inSync(fake, view);
});

Deno.test("a gap the ids cannot show: the reconcile finds a difference and resyncs", async () => {
  await using t = await setup({ reconcileMs: 100 });
  const { fake, view } = t;
  fake.userData.dropEvents(KEY, 50);
  fake.userData.balanceUpdate(KEY, "BTC", "1"); // neither event is sent
  await waitFor("the resync", () => t.events.includes("synced"));
  assert.deepEqual(t.events.slice(0, 3), ["gap reconcile", "resyncing reconcile", "synced"]);
  assert.ok(view.stats.reconciles >= 1);
  await inSync(fake, view);
  assert.equal(view.balance("BTC")?.free, "101.00000000");
});

Deno.test("the view stops with its subscription; options are checked before anything is sent", async () => {
  await using t = await setup();
  await spot.userDataStreamUnsubscribe(t.api);
  await waitFor("the end", () => t.events.some((e) => e.startsWith("error")));
  assert.equal(t.view.synced, false);
  assert.equal(t.view.balances(), undefined);
  assert.match(t.events.at(-1)!, /subscription ended \(unsubscribed\)/);
  const before = t.fake.received.length;
  for (
    const bad of [
      { reconcileMs: -1 },
      { symbols: [] },
      { symbols: ["BTC/USDT"] },
      { symbols: ["BTCUSDT", "btcusdt"] },
      { other: 1 } as never,
    ]
  ) {
    await assert.rejects(spot.openAccountView(t.api, bad), spot.ValidationError);
  }
  assert.equal(t.fake.received.length, before);
});

Deno.test("a symbol filter keeps only those orders, and asks their snapshots per symbol", async () => {
  await using fake = await startFakeBinance();
  const api = await spot.connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: KEY, signer: await spot.createSigner(FAKE_ACCOUNT.ed25519Key) },
  });
  await spot.orderPlace(api, {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    quantity: "0.01",
    price: (book(fake, "BTCUSDT").bid - 100).toFixed(2),
  });
  await spot.orderPlace(api, {
    symbol: "ETHUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    quantity: "0.1",
    price: (book(fake, "ETHUSDT").bid - 10).toFixed(2),
  });
  await using view = await spot.openAccountView(api, { symbols: ["ethusdt"] });
  assert.deepEqual(view.openOrders()?.map((o) => o.symbol), ["ETHUSDT"]);
  const asked = fake.received.filter((f) => f.text.includes('"openOrders.status"'));
  assert.equal(asked.length, 1);
  assert.match(asked[0].text, /"symbol":"ETHUSDT"/);
  await view.close();
  await api.close();
});

// ---- the true-account run ----------------------------------------------------------------

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Sample {
  /** Truth states recorded when the sample was taken (the one in flight is the next). */
  logged: number;
  /** The lowest truth state the view may show (the last one recorded before its resync). */
  floor: number;
  /** The view's sync period (increases with every `synced`). */
  period: number;
  balances: string;
  orders: Map<number, { status: string; executedQty: string }>;
  excluded: boolean;
}

interface TruthState {
  balances: string;
  orders: Map<number, { status: string; executedQty: string }>;
}

function truthState(fake: FakeBinance): TruthState {
  const t = truthOf(fake);
  return {
    balances: JSON.stringify(t.balances),
    orders: new Map(t.orders.map((o) => [o.orderId, o])),
  };
}

/**
 * Whether a sample shows the account as it was at some moment: its balances are the whole of
 * one truth state `j` (balances change once per exchange operation, in one event), and its open
 * orders lie between state `j` and the next state whose balances differ (the reports of an
 * operation arrive before its balances). Returns the `j` found, or -1.
 */
function consistent(s: Sample, truths: TruthState[], from: number): number {
  const hi = Math.min(s.logged, truths.length - 1);
  for (let j = Math.max(from, s.floor); j <= hi; j++) {
    if (truths[j].balances !== s.balances) continue;
    let k = j;
    while (k + 1 <= hi && truths[k + 1].balances === truths[j].balances) k++;
    if (k + 1 <= hi) k++;
    const window = truths.slice(j, k + 1);
    let ok = true;
    for (const [id, o] of s.orders) {
      const states = window.map((t) => t.orders.get(id)).filter((x) => x !== undefined);
      if (states.length === 0) {
        ok = false;
        break;
      }
      const fills = states.map((x) => Number(x.executedQty));
      const z = Number(o.executedQty);
      if (z < Math.min(...fills) - 1e-12 || z > Math.max(...fills) + 1e-12) {
        ok = false;
        break;
      }
    }
    // An order open through the whole window must be shown.
    for (const [id] of window[0].orders) {
      if (window.every((t) => t.orders.has(id)) && !s.orders.has(id)) ok = false;
    }
    if (ok) return j;
  }
  return -1;
}

Deno.test("after thousands of events with faults injected, the view equals the true account, and never reads stale", async () => {
  const RECONCILE_MS = 300;
  await using t = await setup({ reconcileMs: RECONCILE_MS });
  const { fake, trader, view } = t;
  const rand = random(11);
  const truths: TruthState[] = [truthState(fake)];
  const record = () => {
    const s = truthState(fake);
    const last = truths[truths.length - 1];
    if (
      s.balances !== last.balances ||
      JSON.stringify([...s.orders]) !== JSON.stringify([...last.orders])
    ) {
      truths.push(s);
    }
  };
  // Where the view cannot know it is stale: from dropEvents until its next sync after the drop.
  const drops: { from: number; to: number; until?: number }[] = [];
  let floor = 0;
  let period = 0;
  view.on("resyncing", () => floor = truths.length - 1);
  view.on("synced", (e) => {
    period++;
    for (const d of drops) if (d.until === undefined && e.at >= d.to) d.until = e.at;
  });
  const samples: Sample[] = [];
  let undefinedReads = 0;
  const sampler = setInterval(() => {
    const balances = view.balances();
    const orders = view.openOrders();
    if (!balances || !orders) {
      undefinedReads++;
      return;
    }
    const now = Date.now();
    samples.push({
      logged: truths.length,
      floor,
      period,
      balances: JSON.stringify(balances),
      orders: new Map(orders.map((o) => [o.orderId, o])),
      excluded: drops.some((d) => now >= d.from && (d.until === undefined || now <= d.until)),
    });
  }, 1);

  let failures = 0;
  const failed = new Map<string, number>();
  const OPS = 800;
  const started = Date.now();
  const restingTimes: number[] = [];
  const pool: { conn: spot.WsApiConnection; placed: number[] }[] = [{ conn: trader, placed: [] }];
  for (let k = 0; k < 5; k++) {
    pool.push({
      conn: await spot.connectWsApi({
        url: fake.wsApiUrl,
        credentials: { apiKey: KEY, signer: await spot.createSigner(FAKE_ACCOUNT.hmacKey) },
        reconnect: { initialDelayMs: 10, maxDelayMs: 50 },
        timeoutMs: 3000,
      }),
      placed: [],
    });
  }
  try {
    for (let i = 1; i <= OPS; i++) {
      if (i === 150 || i === 450) {
        if (i === 150) fake.dropConnections();
        else fake.userData.terminate(KEY);
        // The account moves while the view cannot hear it, on an asset nothing else touches: a
        // view that went on with its state would read stale from then on.
        fake.userData.balanceUpdate(KEY, "LTC", "7");
        record();
      }
      if (i === 300) await t.api.renew();
      if (i % 25 === 0) fake.market.advance(1); // the market moves (stops may trigger)
      if (i === 600 || i === 700) {
        const now = Date.now();
        drops.push({ from: now, to: now + 60 });
        fake.userData.dropEvents(KEY, 60);
        // An order whose NEW is not sent: found when it is canceled, or by the reconcile.
        const { bid } = book(fake, "BTCUSDT");
        await spot.orderPlace(pool[pool.length - 1].conn, {
          symbol: "BTCUSDT",
          side: "BUY",
          type: "LIMIT",
          timeInForce: "GTC",
          quantity: "0.001",
          price: (bid - 200).toFixed(2),
        });
        record();
        await sleep(80); // past the window: what happens to that order next is sent
      }
      const symbol = rand() < 0.7 ? "BTCUSDT" : "ETHUSDT";
      const { bid, ask } = book(fake, symbol);
      const unit = symbol === "BTCUSDT" ? 0.001 : 0.01;
      const qty = (unit * (1 + Math.floor(rand() * 5))).toFixed(symbol === "BTCUSDT" ? 3 : 2);
      // The ORDERS limit, 50 per 10 s window: the exchange counts the account's unfilled
      // orders (a fill takes one off), each connection every order it placed plus the
      // account's count as last reported. So: few resting orders, fills spread over connections.
      const now = Date.now();
      const windowOf = (ms: number) => Math.floor(ms / 10_000);
      const inWindow = (times: number[]) => times.filter((x) => windowOf(x) === windowOf(now));
      const conn = pool.find((c) => inWindow(c.placed).length + 2 <= 38);
      const resting = conn !== undefined && inWindow(restingTimes).length + 2 <= 8;
      const r = rand();
      const place = (n: number, rests: boolean) => {
        for (let k = 0; k < n; k++) {
          conn!.placed.push(now);
          if (rests) restingTimes.push(now);
        }
        return conn!.conn;
      };
      try {
        if (r < 0.3 && resting) {
          const buy = rand() < 0.5;
          const off = 1 + Math.floor(rand() * 40);
          await spot.orderPlace(place(1, true), {
            symbol,
            side: buy ? "BUY" : "SELL",
            type: "LIMIT",
            timeInForce: "GTC",
            quantity: qty,
            price: (buy ? bid - off : ask + off).toFixed(2),
          });
        } else if (r < 0.55 && conn) {
          // Crosses: fills against the book at once, perhaps over several levels.
          const buy = rand() < 0.5;
          await spot.orderPlace(place(1, false), {
            symbol,
            side: buy ? "BUY" : "SELL",
            type: "LIMIT",
            timeInForce: "GTC",
            quantity: qty,
            price: (buy ? ask + 5 : bid - 5).toFixed(2),
            selfTradePreventionMode: "NONE", // may trade with the account's own orders too
          });
        } else if (r < 0.62 && conn) {
          await spot.orderPlace(place(1, false), {
            symbol,
            side: rand() < 0.5 ? "BUY" : "SELL",
            type: "MARKET",
            quantity: qty,
            selfTradePreventionMode: "NONE",
          });
        } else if (r < 0.66 && resting) {
          await spot.orderListPlaceOco(place(2, true), {
            symbol,
            side: "SELL",
            quantity: qty,
            aboveType: "LIMIT_MAKER",
            abovePrice: (ask + 20).toFixed(2),
            belowType: "STOP_LOSS_LIMIT",
            belowStopPrice: (bid - 20).toFixed(2),
            belowPrice: (bid - 21).toFixed(2),
            belowTimeInForce: "GTC",
          });
        } else if (r < 0.9) {
          const open = fake.trading.openOrders(KEY);
          if (open.length === 0) fake.userData.balanceUpdate(KEY, "BTC", "0.001");
          else {
            const o = open[Math.floor(rand() * open.length)];
            if (o.orderListId !== -1) {
              await spot.orderListCancel(trader, { symbol: o.symbol, orderListId: o.orderListId });
            } else if (rand() < 0.25 && Number(o.origQty) > Number(o.executedQty) + 0.0001) {
              const newQty = ((Number(o.origQty) + Number(o.executedQty)) / 2).toFixed(5);
              await spot.orderAmendKeepPriority(trader, {
                symbol: o.symbol,
                orderId: o.orderId,
                newQty,
              });
            } else await spot.orderCancel(trader, { symbol: o.symbol, orderId: o.orderId });
          }
        } else if (r < 0.95) fake.userData.balanceUpdate(KEY, "USDT", (rand() * 100).toFixed(2));
        else {
          const locked = Number(fake.trading.balances(KEY).BNB?.locked ?? "0");
          fake.userData.externalLockUpdate(KEY, "BNB", locked > 5 ? "-3" : "1.5");
        }
      } catch (error) {
        if (!(error instanceof Error)) throw error;
        failures++;
        const why = error.message.slice(0, 160);
        failed.set(why, (failed.get(why) ?? 0) + 1);
      }
      record();
      await sleep(Math.max(0, started + i * 12 - Date.now())); // about 80 operations a second
    }
    await inSync(fake, view);
  } finally {
    clearInterval(sampler);
    for (const c of pool.slice(1)) await c.conn.close();
  }
  // Every sample read while in sync shows the account as it was at some moment, never behind
  // the state the last resync started from, never going back within one sync period.
  let stale = 0, excluded = 0, checked = 0;
  let from = 0, lastPeriod = -1;
  const staleSamples: string[] = [];
  for (const s of samples) {
    if (s.excluded) {
      excluded++;
      continue;
    }
    if (s.period !== lastPeriod) {
      from = 0;
      lastPeriod = s.period;
    }
    const j = consistent(s, truths, from);
    checked++;
    if (j < 0) {
      stale++;
      if (staleSamples.length < 3) staleSamples.push(`logged ${s.logged} floor ${s.floor}`);
    } else from = j;
  }
  const stats = view.stats;
  if (failed.size > 0) console.log("failed operations:", Object.fromEntries(failed));
  console.log(
    `account view: ${OPS} operations (${failures} failed), ${fake.userData.sent} events sent, ` +
      `${stats.applied} applied, ${stats.resyncs} resyncs, ${stats.gaps} gaps, ` +
      `${stats.contradictions} contradictions, ${stats.reconciles} reconciles; ` +
      `${checked} reads checked, ${undefinedReads} undefined, ${excluded} in undetectable gaps, ` +
      `stale reads ${stale}`,
  );
  assert.equal(stale, 0, `stale reads: ${staleSamples.join("; ")}`);
  assert.ok(checked > 500, `only ${checked} reads checked`);
  assert.ok(fake.userData.sent >= 1500, `only ${fake.userData.sent} events`);
  assert.ok(stats.resyncs >= 3, `resynced ${stats.resyncs} times`);
  assert.ok(t.events.includes("gap reconnect"), "the dropped sockets are a gap");
  assert.ok(t.events.includes("gap terminated"), "the termination is a gap");
  assert.ok(
    t.events.includes("resyncing contradiction") || t.events.includes("gap reconcile"),
    "the dropped events were found",
  );
  assert.deepEqual(viewOf(view), truthOf(fake));
});

Deno.test("opening ends cleanly on a timeout and on an aborted signal; close() is idempotent", async () => {
  await using fake = await startFakeBinance();
  await using api = await spot.connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: KEY, signer: await spot.createSigner(FAKE_ACCOUNT.ed25519Key) },
  });
  fake.setResponseDelay(300);
  const started = performance.now();
  await assert.rejects(spot.openAccountView(api, { timeoutMs: 50 }), spot.RequestTimeoutError);
  const took = performance.now() - started;
  assert.ok(
    took < 250,
    `timed out after ${took.toFixed(0)} ms, not at once (the answer takes 300)`,
  );
  const controller = new AbortController();
  const opening = spot.openAccountView(api, { signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(opening, spot.ConnectionClosedError);
  fake.setResponseDelay(0);
  await waitFor("no subscription left", () => fake.userData.subscriptions().length === 0);
  const view = await spot.openAccountView(api, { reconcileMs: 50 });
  await view.close();
  await view.close();
  assert.equal(view.synced, false);
  assert.equal(view.balances(), undefined);
});

Deno.test("account view: a throwing listener is an error event, never an uncaught error", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectWsApi({
    url: fake.wsApiUrl,
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await spot.createSigner(FAKE_ACCOUNT.ed25519Key),
    },
  });
  await using view = await spot.openAccountView(conn, { reconcileMs: 0 });
  const errors: Error[] = [];
  view.on("error", ({ error }) => void errors.push(error));
  view.on("changed", () => {
    throw new Error("listener bug");
  });
  fake.userData.balanceUpdate(FAKE_ACCOUNT.apiKey, "BTC", "0.5");
  await waitFor("the listener's error", () => errors.some((e) => e.message === "listener bug"));
});

Deno.test("account view on a timeUnit MICROSECOND connection: snapshots, events and its bounds in µs", async () => {
  await using fake = await startFakeBinance();
  await using conn = await spot.connectWsApi({
    url: fake.wsApiUrl,
    timeUnit: "MICROSECOND",
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await spot.createSigner(FAKE_ACCOUNT.ed25519Key),
    },
  });
  await using view = await spot.openAccountView(conn, { reconcileMs: 0 });
  const errors: Error[] = [];
  view.on("error", ({ error }) => void errors.push(error));
  const placed = await spot.orderPlace(conn, {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "60000",
    quantity: "0.01",
    newClientOrderId: "micro-bid",
  });
  await waitFor("the lock", () => view.balance("USDT")?.locked === "600.00000000");
  assert.equal(view.order("micro-bid")?.status, "NEW");
  await spot.orderCancel(conn, { symbol: "BTCUSDT", orderId: placed.orderId });
  await waitFor("the release", () => view.balance("USDT")?.locked === "0.00000000");
  assert.equal(view.order("micro-bid")?.status, "CANCELED");
  assert.deepEqual(errors, []);
});
