// Signed requests through the public API: the docs' known-answer signatures, RSA and Ed25519
// accepted by the fake's own verifier, -1021 retried once, what -1022/-2014/-2015 say, the
// ORDERS budget, µs timestamps.
import assert from "node:assert/strict";
import {
  BinanceApiError,
  connectWsApi,
  createSigner,
  RateLimitError,
  redactApiKey,
  sessionStatus,
  type SigningKey,
  UnexpectedMessageError,
  ValidationError,
} from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";
import { startScriptedPeer } from "../_helpers.ts";

const DOC_API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
const DOC_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

const ok = (id: unknown) => JSON.stringify({ id, status: 200, result: {} });

const DOC_CASES = [
  {
    name: "ASCII",
    params: {
      symbol: "BTCUSDT",
      side: "SELL",
      type: "LIMIT",
      timeInForce: "GTC",
      quantity: "0.01000000",
      price: "52000.00",
      recvWindow: 100,
      timestamp: 1645423376532,
    },
    signature: "aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24",
  },
  {
    name: "non-ASCII",
    params: {
      symbol: "１２３４５６",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      quantity: "1.00000000",
      price: "0.10000000",
      recvWindow: 5000,
      timestamp: 1645423376532,
    },
    signature: "b33892ae8e687c939f4468c6268ddd4c40ac1af18ad19a064864c47bae0752cd",
  },
];

for (const c of DOC_CASES) {
  Deno.test(`the docs' HMAC ${c.name} example signature is reproduced through request()`, async () => {
    await using peer = startScriptedPeer((r) => ok(r.id));
    await using conn = await connectWsApi({
      url: peer.url,
      credentials: {
        apiKey: DOC_API_KEY,
        signer: await createSigner({ type: "HMAC", secretKey: DOC_SECRET }),
      },
    });
    await conn.request("order.place", c.params, { security: "TRADE" });
    assert.equal(peer.received.length, 1, "an explicit timestamp needs no clock sync");
    const sent = peer.received[0];
    assert.equal(sent.method, "order.place");
    assert.deepEqual(sent.params, { ...c.params, apiKey: DOC_API_KEY, signature: c.signature });
  });
}

Deno.test("the session.logon doc example (HMAC key) is reproduced through request()", async () => {
  await using peer = startScriptedPeer((r) => ok(r.id));
  await using conn = await connectWsApi({
    url: peer.url,
    credentials: {
      apiKey: DOC_API_KEY,
      signer: await createSigner({ type: "HMAC", secretKey: DOC_SECRET }),
    },
  });
  await conn.request("session.logon", { timestamp: 1649729878532 }, { security: "USER_DATA" });
  assert.equal(
    peer.received[0].params.signature,
    "1cf54395b336b0a9727ef27d5d98987962bc47aca6e13fe978612d0adee066ed",
  );
});

for (
  const key of [FAKE_ACCOUNT.rsaKey, FAKE_ACCOUNT.ed25519Key, FAKE_ACCOUNT.hmacKey] as SigningKey[]
) {
  Deno.test(`${key.type} signed calls are accepted by the fake's own verifier`, async () => {
    await using fake = await startFakeBinance({ probeMethods: true });
    await using conn = await connectWsApi({
      url: fake.wsApiUrl,
      credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(key) },
      logon: false,
    });
    const result = await conn.request("probe.trade", { n: 7 }, { security: "TRADE" }) as {
      keyType: string;
      apiKey: string;
    };
    assert.equal(result.keyType, key.type);
    assert.equal(result.apiKey, FAKE_ACCOUNT.apiKey);
    // Non-ASCII values are signed as UTF-8 and verified the same way.
    const unicode = await conn.request("probe.trade", { n: 8 }, { security: "TRADE" });
    assert.ok(unicode);
  });
}

Deno.test("timeUnit MICROSECOND sends timestamp in µs and recvWindow in ms; the fake accepts it", async () => {
  await using fake = await startFakeBinance({ probeMethods: true });
  await using conn = await connectWsApi({
    url: fake.wsApiUrl,
    timeUnit: "MICROSECOND",
    recvWindow: 1500.5,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  await conn.request("probe.userData", {}, { security: "USER_DATA" });
  const sent = JSON.parse(fake.received.at(-1)!.text).params;
  assert.ok(Math.abs(sent.timestamp / 1000 - Date.now()) < 2000, `${sent.timestamp} is µs`);
  assert.equal(sent.recvWindow, 1500.5);
});

Deno.test("-1021 re-measures the clock and retries once; an explicit timestamp is not retried", async () => {
  let offset = 0;
  await using peer = startScriptedPeer((r) =>
    r.method === "time"
      ? JSON.stringify({ id: r.id, status: 200, result: { serverTime: Date.now() + offset } })
      : JSON.stringify({
        id: r.id,
        status: 400,
        error: { code: -1021, msg: "Timestamp for this request is outside of the recvWindow." },
      })
  );
  await using conn = await connectWsApi({
    url: peer.url,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  await conn.syncClock();
  offset = 30_000;
  const error = await conn.request("probe.trade", {}, { security: "TRADE" }).catch((e) => e);
  assert.ok(error instanceof BinanceApiError && error.code === -1021, String(error));
  assert.match(error.message, /Check the local clock/);
  const methods = peer.received.map((r) => r.method);
  assert.deepEqual(
    methods,
    ["time", "probe.trade", "time", "probe.trade"],
    "one retry, after a new measurement",
  );
  assert.ok(Math.abs(conn.clockOffsetMs - 30_000) < 1000);
  const [first, second] = peer.received.filter((r) => r.method === "probe.trade");
  assert.ok((second.params.timestamp as number) - (first.params.timestamp as number) > 25_000);

  const probes = () => peer.received.filter((r) => r.method === "probe.trade").length;
  const before = probes();
  await conn.request("probe.trade", { timestamp: 1 }, { security: "TRADE" }).catch(() => {});
  assert.equal(probes() - before, 1, "an explicit timestamp is sent once, as given");
});

Deno.test("-1021 from the fake (clock ahead) is recovered by the retry", async () => {
  await using fake = await startFakeBinance({ probeMethods: true });
  await using conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  await conn.syncClock();
  fake.setClockOffset(20_000);
  const result = await conn.request("probe.trade", {}, { security: "TRADE" });
  assert.ok(result);
  const probes = fake.received.filter((f) => f.text.includes("probe.trade")).length;
  assert.equal(probes, 2);
  assert.equal(fake.executed.length, 1);
});

const SECRET_FREE = [
  {
    name: "-1022 (wrong secret)",
    apiKey: FAKE_ACCOUNT.apiKey,
    code: -1022,
    advice: /signer's key/,
  },
  {
    name: "-2014 (malformed key)",
    apiKey: "not an api key!".repeat(5),
    code: -2014,
    advice: /not read it as an API key/,
  },
  { name: "-2015 (unknown key)", apiKey: "Z".repeat(64), code: -2015, advice: /whitelist/ },
];
for (const c of SECRET_FREE) {
  Deno.test(`${c.name} says what to check, never the secret, signature or full key`, async () => {
    await using fake = await startFakeBinance({ probeMethods: true });
    const secretKey = "wrong-secret-" + "s".repeat(40);
    await using conn = await connectWsApi({
      url: fake.wsApiUrl,
      credentials: { apiKey: c.apiKey, signer: await createSigner({ type: "HMAC", secretKey }) },
    });
    const error = await conn.request("probe.trade", {}, { security: "TRADE" }).catch((e) => e);
    assert.ok(error instanceof BinanceApiError, String(error));
    assert.equal(error.code, c.code);
    assert.match(error.message, c.advice);
    const sent = JSON.parse(fake.received.at(-1)!.text).params;
    for (const text of [error.message, JSON.stringify(error), String(error.stack)]) {
      assert.ok(!text.includes(secretKey), "no secret");
      assert.ok(!text.includes(sent.signature), "no signature");
      assert.ok(!text.includes(c.apiKey), "no full API key");
    }
  });
}

Deno.test("an unexpected answer that echoes the API key (session methods) carries it only redacted", async () => {
  const apiKey = FAKE_ACCOUNT.apiKey;
  await using peer = startScriptedPeer((r) =>
    JSON.stringify({
      id: r.id,
      status: 200,
      result: {
        apiKey,
        authorizedSince: 1649729878532,
        connectedSince: 1649729873021,
        returnRateLimits: false,
        serverTime: 1649730611671,
        userDataStream: "no", // not the documented type
      },
    })
  );
  await using conn = await connectWsApi({ url: peer.url });
  const errors: unknown[] = [];
  conn.on("error", ({ error }) => errors.push(error));
  const error = await sessionStatus(conn).catch((e) => e);
  assert.ok(error instanceof UnexpectedMessageError, String(error));
  // A stray answer (to no request) is an error event with the frame: redacted as well.
  peer.send(JSON.stringify({ id: 999, status: 200, result: { apiKey, signature: "ab12" } }));
  while (errors.length === 0) await new Promise((r) => setTimeout(r, 5));
  for (const e of [error, errors[0] as UnexpectedMessageError]) {
    assert.ok(!JSON.stringify({ m: e.message, f: e.frame }).includes(apiKey), e.frame);
    assert.ok(e.frame.includes(`"apiKey":"${redactApiKey(apiKey)}"`), e.frame);
  }
  assert.ok(!(errors[0] as UnexpectedMessageError).frame.includes("ab12"), "no signature");
});

Deno.test("a signed method without credentials is a ValidationError and nothing is sent", async () => {
  await using peer = startScriptedPeer((r) => ok(r.id));
  await using conn = await connectWsApi({ url: peer.url });
  await assert.rejects(conn.request("probe.trade", {}, { security: "TRADE" }), ValidationError);
  assert.equal(peer.received.length, 0);
  await assert.rejects(connectWsApi({ url: peer.url, logon: true }), ValidationError);
});

Deno.test("the ORDERS limit refuses client-side (rateLimitPolicy refuse) instead of a -1015", async () => {
  const orders = (count: number) => [
    { rateLimitType: "ORDERS", interval: "SECOND", intervalNum: 10, limit: 2, count },
    { rateLimitType: "ORDERS", interval: "DAY", intervalNum: 1, limit: 160000, count },
  ];
  await using peer = startScriptedPeer((r) =>
    JSON.stringify({ id: r.id, status: 200, result: {}, rateLimits: orders(2) })
  );
  await using conn = await connectWsApi({
    url: peer.url,
    rateLimitPolicy: "refuse",
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
  });
  await conn.request("order.place", { timestamp: Date.now() }, { security: "TRADE", orders: 1 });
  const sent = peer.received.length;
  const error = await conn.request("order.place", { timestamp: Date.now() }, {
    security: "TRADE",
    orders: 1,
  }).catch((e) => e);
  assert.ok(error instanceof RateLimitError && error.clientSide, String(error));
  assert.equal(error.code, -1015);
  assert.match(error.message, /ORDERS limit of 2 orders per 10SECOND/);
  assert.equal(peer.received.length, sent, "nothing sent");
  // A request that places no order is not held by ORDERS.
  await conn.request("order.cancel", { timestamp: Date.now() }, { security: "TRADE" });
});
