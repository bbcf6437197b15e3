// The session of a WS API connection against the fake exchange: logon at connect, re-logon
// after a reconnect and after a renewal before the requests made meanwhile, logout, a
// revoked session, a refused logon.
import assert from "node:assert/strict";
import {
  BinanceApiError,
  connectWsApi,
  createSigner,
  orderPlace,
  sessionLogon,
  sessionLogout,
  sessionStatus,
  type SigningKey,
  type WsApiConnection,
  type WsApiConnectionOptions,
  type WsApiSessionEvent,
} from "../../mod.ts";
import { FAKE_ACCOUNT, type FakeBinance, startFakeBinance } from "../../testing/mod.ts";
import { nextEvent } from "../_helpers.ts";

async function setup(
  key: SigningKey = FAKE_ACCOUNT.ed25519Key,
  options: WsApiConnectionOptions = {},
): Promise<
  { fake: FakeBinance; conn: WsApiConnection; events: WsApiSessionEvent[] } & AsyncDisposable
> {
  const fake = await startFakeBinance({ probeMethods: true });
  const conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(key) },
    reconnect: { initialDelayMs: 10, maxDelayMs: 50 },
    ...options,
  });
  const events: WsApiSessionEvent[] = [];
  conn.on("session", (e) => events.push(e));
  return {
    fake,
    conn,
    events,
    async [Symbol.asyncDispose]() {
      await conn.close();
      await fake.close();
    },
  };
}

function frames(fake: FakeBinance, connectionId?: number) {
  return fake.received
    .filter((f) => connectionId === undefined || f.connectionId === connectionId)
    .map((f) =>
      JSON.parse(f.text) as { id: number; method: string; params: Record<string, unknown> }
    );
}

function probe(conn: WsApiConnection, n: number): Promise<{ keyType: string | null; n: number }> {
  return conn.request("probe.userData", { n }, { security: "USER_DATA" }) as Promise<
    { keyType: string | null; n: number }
  >;
}

/** On connection `id`: session.logon comes before every probe, which carry no apiKey/signature. */
function assertLoggedOnFirst(fake: FakeBinance, id: number, probes: number): void {
  const seen = frames(fake, id).filter((f) => f.method !== "time");
  assert.equal(seen[0]?.method, "session.logon", `connection ${id} starts with session.logon`);
  const sent = seen.filter((f) => f.method === "probe.userData");
  assert.equal(sent.length, probes);
  for (const f of sent) {
    assert.equal(f.params.apiKey, undefined, "no apiKey on a session");
    assert.equal(f.params.signature, undefined, "no signature on a session");
    assert.equal(typeof f.params.timestamp, "number", "timestamp is always sent");
  }
}

Deno.test("an Ed25519 connection logs on when it connects, then omits apiKey and signature", async () => {
  await using t = await setup();
  await nextEvent(t.conn, "session");
  assert.deepEqual(t.events, [{ state: "loggedOn" }]);
  assert.equal(t.conn.loggedOn, true);
  const result = await probe(t.conn, 1);
  assert.equal(result.keyType, null, "the session authenticated it");
  assertLoggedOnFirst(t.fake, 1, 1);
  const status = await sessionStatus(t.conn);
  assert.equal(status.apiKey, FAKE_ACCOUNT.apiKey);
});

Deno.test("a signed request made right after connect waits for the logon", async () => {
  await using t = await setup();
  const results = await Promise.all([probe(t.conn, 1), probe(t.conn, 2)]);
  assert.deepEqual(results.map((r) => r.keyType), [null, null]);
  assertLoggedOnFirst(t.fake, 1, 2);
});

Deno.test("after a forced reconnect, requests made in the gap go after the new session.logon", async () => {
  await using t = await setup();
  await nextEvent(t.conn, "session");
  const closed = nextEvent(t.conn, "close");
  const reconnected = nextEvent(t.conn, "reconnected");
  t.fake.dropConnections();
  await closed;
  assert.equal(t.conn.state, "reconnecting");
  const during = Array.from({ length: 5 }, (_, i) => probe(t.conn, i));
  await reconnected;
  const results = await Promise.all(during);
  assert.ok(results.every((r) => r.keyType === null));
  assertLoggedOnFirst(t.fake, 2, 5);
  assert.deepEqual(t.events.map((e) => e.state), ["loggedOn", "loggedOn"]);
});

Deno.test("after a renewal, requests made meanwhile go after the new socket's session.logon", async () => {
  await using t = await setup();
  await nextEvent(t.conn, "session");
  const renewal = t.conn.renew();
  const during = Array.from({ length: 5 }, (_, i) => probe(t.conn, i));
  await renewal;
  const after = Array.from({ length: 3 }, (_, i) => probe(t.conn, 10 + i));
  const results = await Promise.all([...during, ...after]);
  assert.ok(results.every((r) => r.keyType === null));
  // Requests that went before the renewal opened used the old session; the rest the new one.
  const onNew = frames(t.fake, 2).filter((f) => f.method === "probe.userData").length;
  assert.ok(onNew >= 3, `${onNew} probes on the new socket`);
  assertLoggedOnFirst(t.fake, 2, onNew);
});

Deno.test("sessionLogout stops the re-logon: after a reconnect each request is signed", async () => {
  await using t = await setup();
  await nextEvent(t.conn, "session");
  const out = await sessionLogout(t.conn);
  assert.equal(out.apiKey, null);
  assert.equal(t.events.at(-1)?.state, "loggedOut");
  assert.equal((await probe(t.conn, 1)).keyType, "Ed25519", "signed after logout");
  const reconnected = nextEvent(t.conn, "reconnected");
  t.fake.dropConnections();
  await reconnected;
  assert.equal((await probe(t.conn, 2)).keyType, "Ed25519");
  assert.ok(!frames(t.fake, 2).some((f) => f.method === "session.logon"), "no re-logon");
});

Deno.test("sessionLogon logs a logon: false connection on; the option still decides re-logon", async () => {
  await using t = await setup(FAKE_ACCOUNT.ed25519Key, { logon: false });
  assert.equal((await probe(t.conn, 1)).keyType, "Ed25519");
  const session = await sessionLogon(t.conn);
  assert.equal(session.apiKey, FAKE_ACCOUNT.apiKey);
  assert.equal(t.events.at(-1)?.state, "loggedOn");
  assert.equal((await probe(t.conn, 2)).keyType, null);
  const closed = nextEvent(t.conn, "close");
  const reconnected = nextEvent(t.conn, "reconnected");
  t.fake.dropConnections();
  await closed;
  await reconnected;
  assert.equal((await probe(t.conn, 3)).keyType, "Ed25519", "signed: no re-logon");
});

Deno.test("a revoked session (401) logs on again, and the request that met it is rejected", async () => {
  await using t = await setup();
  await nextEvent(t.conn, "session");
  assert.equal(t.fake.revokeSessions(), 1);
  const revoked = nextEvent(t.conn, "session");
  const error = await probe(t.conn, 1).catch((e) => e);
  assert.ok(error instanceof BinanceApiError, String(error));
  assert.equal(error.status, 401);
  assert.equal(error.code, -2015);
  assert.match(error.message, /revoked/);
  const event = await revoked;
  assert.equal(event.state, "revoked");
  assert.equal(event.fallback, "relogon");
  assert.equal((await probe(t.conn, 2)).keyType, null, "a new session authenticates it");
  const logons = frames(t.fake, 1).filter((f) => f.method === "session.logon").length;
  assert.equal(logons, 2, "logged on again");
  assert.equal(t.events.at(-1)?.state, "loggedOn");
});

Deno.test("a revoked session without logon falls back to signing each request", async () => {
  await using t = await setup(FAKE_ACCOUNT.ed25519Key, { logon: false });
  await sessionLogon(t.conn);
  t.fake.revokeSessions();
  const revoked = nextEvent(t.conn, "session");
  const error = await probe(t.conn, 1).catch((e) => e);
  assert.ok(error instanceof BinanceApiError && error.status === 401, String(error));
  const event = await revoked;
  assert.equal(event.state, "revoked");
  assert.equal(event.fallback, "signEachRequest");
  assert.equal((await probe(t.conn, 2)).keyType, "Ed25519");
  assert.equal(frames(t.fake).filter((f) => f.method === "session.logon").length, 1);
});

Deno.test("a refused logon (HMAC key) falls back to signing each request, with an event", async () => {
  await using t = await setup(FAKE_ACCOUNT.hmacKey, { logon: true });
  const event = await nextEvent(t.conn, "session");
  assert.equal(event.state, "refused");
  assert.equal(event.fallback, "signEachRequest");
  assert.ok(event.error instanceof BinanceApiError && event.error.code === -1002);
  assert.equal((await probe(t.conn, 1)).keyType, "HMAC");
  // No logon after a reconnect either.
  const reconnected = nextEvent(t.conn, "reconnected");
  t.fake.dropConnections();
  await reconnected;
  assert.equal((await probe(t.conn, 2)).keyType, "HMAC");
  assert.ok(!frames(t.fake, 2).some((f) => f.method === "session.logon"));
});

Deno.test("HMAC and RSA connections do not log on by default; session.logon itself is always signed", async () => {
  for (const key of [FAKE_ACCOUNT.hmacKey, FAKE_ACCOUNT.rsaKey] as SigningKey[]) {
    await using t = await setup(key);
    assert.equal((await probe(t.conn, 1)).keyType, key.type);
    assert.ok(!frames(t.fake).some((f) => f.method === "session.logon"));
  }
  await using t = await setup(FAKE_ACCOUNT.ed25519Key, { logon: false });
  await sessionLogon(t.conn);
  await sessionLogon(t.conn);
  const logons = frames(t.fake).filter((f) => f.method === "session.logon");
  assert.equal(logons.length, 2);
  assert.ok(logons.every((f) => typeof f.params.signature === "string" && f.params.apiKey));
});

Deno.test("real methods: an orderPlace made during a reconnect or a renewal goes after the new session.logon", async () => {
  await using t = await setup();
  await nextEvent(t.conn, "session");
  const order = (price: string) =>
    orderPlace(t.conn, {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      price,
      quantity: "0.00100",
      newOrderRespType: "RESULT",
    });
  /** On connection `id`: a session.logon, then the order.place frames, unsigned. */
  const logonThenOrders = (id: number, orders: number) => {
    const seen = frames(t.fake, id).filter((f) => f.method !== "time");
    const logon = seen.findIndex((f) => f.method === "session.logon");
    const placed = seen.flatMap((f, i) => f.method === "order.place" ? [i] : []);
    assert.ok(logon >= 0, `connection ${id} logs on`);
    assert.equal(placed.length, orders, `${orders} orders on connection ${id}`);
    assert.ok(placed.every((i) => i > logon), "every order after the session.logon");
    for (const i of placed) {
      assert.equal(seen[i].params.signature, undefined, "session-authenticated");
    }
  };

  // A forced reconnect: the order is made while the connection is down.
  const closed = nextEvent(t.conn, "close");
  t.fake.dropConnections();
  await closed;
  assert.equal(t.conn.state, "reconnecting");
  const during = await order("60000.00");
  assert.equal(during.status, "NEW");
  logonThenOrders(2, 1);

  // A renewal: one order made while the new socket opens and logs on, one right after.
  const renewal = t.conn.renew();
  const meanwhile = order("60000.01");
  await renewal;
  const after = order("60000.02");
  assert.deepEqual([(await meanwhile).status, (await after).status], ["NEW", "NEW"]);
  const onNew = frames(t.fake, 3).filter((f) => f.method === "order.place").length;
  assert.ok(onNew >= 1, "the order made after the renewal went on the new socket");
  logonThenOrders(3, onNew);
  logonThenOrders(2, 3 - onNew);
  assert.equal(t.fake.trading.openOrders(FAKE_ACCOUNT.apiKey).length, 3, "every order rests");
});
