// The session, the clock and the weight under limits and races, against the fake exchange: a
// 429 or 418 holds the logon and never turns re-logon off; a logout waits for a logon in flight;
// one caller's abort or short timeout of the shared first clock measurement fails no other; a
// successful order's free weight is not taken off the server's count.
import assert from "node:assert/strict";
import {
  connectWsApi,
  createSigner,
  orderPlace,
  RateLimitError,
  RequestTimeoutError,
  sessionLogout,
  type WsApiConnection,
  type WsApiSessionEvent,
} from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

type Probe = { keyType: string | null };

function probe(conn: WsApiConnection, n: number, options: object = {}): Promise<Probe> {
  return conn.request("probe.userData", { n }, { security: "USER_DATA", ...options }) as Promise<
    Probe
  >;
}

/** Spends request weight until the fake answers 429; returns its `retryAfter`. */
async function untilLimited(conn: WsApiConnection): Promise<number> {
  for (let n = 0; n < 50; n++) {
    try {
      await probe(conn, n);
    } catch (error) {
      if (error instanceof RateLimitError && error.retryAfter !== undefined) {
        return error.retryAfter;
      }
      throw error;
    }
  }
  throw new Error("never limited");
}

Deno.test("a 429 holds a renewal's session.logon until retryAfter: nothing is sent before it", async () => {
  // The fake's weight window is the clock's minute: its last 3 s leave too little of the block.
  if (Date.now() % 60_000 > 57_000) {
    await new Promise((r) => setTimeout(r, 60_100 - (Date.now() % 60_000)));
  }
  await using fake = await startFakeBinance({
    probeMethods: true,
    requestWeightLimit: 12,
    requestWeightWindowMs: 60_000,
  });
  await using conn = await connectWsApi({
    url: fake.wsApiUrl,
    returnRateLimits: false, // the governor knows no limit: the 429 is what it learns
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await createSigner(FAKE_ACCOUNT.ed25519Key),
    },
  });
  const retryAfter = await untilLimited(conn);
  assert.ok(retryAfter > Date.now() + 1000);
  const before = fake.received.length;
  await conn.renew("manual");
  await new Promise((r) => setTimeout(r, 200));
  const sent = fake.received.slice(before).map((f) => JSON.parse(f.text).method);
  assert.deepEqual(sent, [], "the new socket's logon waits for the block's end");
  assert.equal(conn.loggedOn, false);
});

Deno.test("a 429 on a logon is no refusal: re-logon stays on, and the session comes back", async () => {
  await using fake = await startFakeBinance({
    probeMethods: true,
    requestWeightLimit: 12,
    requestWeightWindowMs: 1000,
  });
  await using conn = await connectWsApi({
    url: fake.wsApiUrl,
    returnRateLimits: false,
    reconnect: { initialDelayMs: 10, maxDelayMs: 50 },
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await createSigner(FAKE_ACCOUNT.ed25519Key),
    },
  });
  const events: WsApiSessionEvent[] = [];
  conn.on("session", (e) => events.push(e));
  await untilLimited(conn);
  await conn.renew("manual");
  // The fake's window is 1 s: after it, a reconnect's logon goes through.
  await new Promise((r) => setTimeout(r, 1200));
  const reconnected = new Promise((r) => conn.on("reconnected", r));
  fake.dropConnections();
  await reconnected;
  const r = await probe(conn, 99);
  assert.equal(r.keyType, null, "authenticated by the session, not signed");
  assert.equal(conn.loggedOn, true);
  assert.ok(
    !events.some((e) => e.state === "refused" && e.fallback === "signEachRequest"),
    `no permanent fallback: ${JSON.stringify(events.map((e) => [e.state, e.fallback]))}`,
  );
});

Deno.test("sessionLogout right after connect waits for the logon in flight: the session stays out", async () => {
  await using fake = await startFakeBinance({ probeMethods: true });
  await using conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await createSigner(FAKE_ACCOUNT.ed25519Key),
    },
  });
  const events: WsApiSessionEvent[] = [];
  conn.on("session", (e) => events.push(e));
  const out = await sessionLogout(conn);
  assert.equal(out.apiKey, null);
  const r = await probe(conn, 1);
  assert.equal(conn.loggedOn, false);
  assert.equal(r.keyType, "Ed25519", "signed per request after the logout");
  assert.deepEqual(events.map((e) => e.state), ["loggedOn", "loggedOut"]);
  const methods = fake.received.map((f) => JSON.parse(f.text).method);
  assert.ok(methods.indexOf("session.logon") < methods.indexOf("session.logout"), `${methods}`);
});

Deno.test("one request's abort during the first clock measurement fails no other request", async () => {
  await using fake = await startFakeBinance({ probeMethods: true, responseDelayMs: 100 });
  await using conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  const ac = new AbortController();
  const a = probe(conn, 1, { signal: ac.signal });
  const b = probe(conn, 2);
  await new Promise((r) => setTimeout(r, 10));
  const reason = new Error("A aborted");
  ac.abort(reason);
  await assert.rejects(a, (e) => e === reason);
  assert.equal((await b).keyType, "HMAC");
});

Deno.test("one request's short timeout during the first clock measurement: it alone fails, as not sent", async () => {
  await using fake = await startFakeBinance({ probeMethods: true, responseDelayMs: 100 });
  await using conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  const a = probe(conn, 1, { timeoutMs: 20 });
  const b = probe(conn, 2, { timeoutMs: 5000 });
  await assert.rejects(
    a,
    (e) =>
      e instanceof RequestTimeoutError && e.method === "probe.userData" && e.outcome === "notSent",
  );
  assert.equal((await b).keyType, "HMAC");
  const probes = fake.received.map((f) => JSON.parse(f.text)).filter((m) =>
    m.method === "probe.userData"
  );
  assert.deepEqual(probes.map((m) => m.params.n), [2], "the request that timed out was never sent");
});

Deno.test("the weight a successful order gives back is not taken off the server's count again", async () => {
  // The fake's window is the client's (a minute); stay inside one.
  if (Date.now() % 60_000 > 58_000) {
    await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 100));
  }
  await using fake = await startFakeBinance({ requestWeightLimit: 20 });
  await using conn = await connectWsApi({
    url: fake.wsApiUrl,
    rateLimitPolicy: "refuse",
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  await conn.syncClock();
  // Another client of the same IP spends weight meanwhile, up to 17 of 20.
  const other = new WebSocket(fake.wsApiUrl);
  await new Promise((r) => (other.onopen = r));
  let count = 0;
  let id = 0;
  while (count < 17) {
    const answer = new Promise<{ rateLimits: { count: number }[] }>((r) =>
      other.onmessage = (e) => r(JSON.parse(e.data))
    );
    other.send(JSON.stringify({ id: ++id, method: "ping", params: {} }));
    count = (await answer).rateLimits[0].count;
  }
  other.close();
  await new Promise((r) => (other.onclose = r));
  assert.equal(count, 17);
  // A successful order entry is free: its answer reports the same 17, which the connection takes.
  await orderPlace(conn, {
    symbol: "BTCUSDT",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price: "60000",
    quantity: "0.001",
    newOrderRespType: "ACK",
  });
  const weight = conn.rateLimits.find((l) => l.rateLimitType === "REQUEST_WEIGHT")!;
  assert.equal(weight.count, 17);
  // 17 + 4 > 20: refused before sending (with the refund taken off the 17, it would go out and
  // meet a 429).
  const before = fake.received.length;
  await assert.rejects(
    conn.request("ticker.price", {}, { weight: 4 }),
    (e) => e instanceof RateLimitError && e.clientSide,
  );
  assert.equal(fake.received.length, before);
});
