// The fake exchange's order fault hooks, each doing what it says, on a signed method (the
// test-only `probe.trade`), and its verifier on the docs' HMAC example.
import assert from "node:assert/strict";
import {
  BinanceApiError,
  ConnectionClosedError,
  connectWsApi,
  createSigner,
  RequestTimeoutError,
  ServerError,
  time,
  type WsApiConnection,
} from "../../mod.ts";
import { FAKE_ACCOUNT, type FakeBinance, startFakeBinance } from "../../testing/mod.ts";
import { createVerifier } from "../../testing/_server/verifier.ts";

async function setup(): Promise<{ fake: FakeBinance; conn: WsApiConnection } & AsyncDisposable> {
  const fake = await startFakeBinance({ probeMethods: true });
  const conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer: await createSigner(FAKE_ACCOUNT.hmacKey) },
    reconnect: { initialDelayMs: 10, maxDelayMs: 50 },
    timeoutMs: 2000,
  });
  await conn.syncClock();
  return {
    fake,
    conn,
    async [Symbol.asyncDispose]() {
      await conn.close();
      await fake.close();
    },
  };
}

const trade = (conn: WsApiConnection, extra: Record<string, unknown> = {}, timeoutMs?: number) =>
  conn.request("probe.trade", { n: 1, ...extra }, { security: "TRADE", timeoutMs }).catch((e) => e);

Deno.test("dropBeforeExecuting closes the connection and runs nothing", async () => {
  await using t = await setup();
  t.fake.armOrderFault({ kind: "dropBeforeExecuting" });
  const error = await trade(t.conn);
  assert.ok(error instanceof ConnectionClosedError && error.outcome === "unknown", String(error));
  assert.equal(t.fake.executed.length, 0);
  assert.ok(!(await trade(t.conn) instanceof Error), "the next one (new socket) runs");
  assert.equal(t.fake.executed.length, 1);
});

Deno.test("dropAfterExecuting runs the request, then closes without answering", async () => {
  await using t = await setup();
  t.fake.armOrderFault({ kind: "dropAfterExecuting" });
  const error = await trade(t.conn);
  assert.ok(error instanceof ConnectionClosedError, String(error));
  assert.equal(t.fake.executed.length, 1);
  assert.equal(t.fake.executed[0].method, "probe.trade");
});

for (const executed of [true, false]) {
  Deno.test(`serverError (executed: ${executed}) answers 500 -1006`, async () => {
    await using t = await setup();
    t.fake.armOrderFault({ kind: "serverError", executed });
    const error = await trade(t.conn);
    assert.ok(error instanceof ServerError && error.status === 500 && error.code === -1006);
    assert.equal(t.fake.executed.length, executed ? 1 : 0);
  });
  Deno.test(`timeout (executed: ${executed}) answers -1007`, async () => {
    await using t = await setup();
    t.fake.armOrderFault({ kind: "timeout", executed, status: 408 });
    const error = await trade(t.conn);
    assert.ok(error instanceof BinanceApiError && error.code === -1007 && error.status === 408);
    assert.equal(t.fake.executed.length, executed ? 1 : 0);
  });
  Deno.test(`noAnswer (executed: ${executed}) never answers`, async () => {
    await using t = await setup();
    t.fake.armOrderFault({ kind: "noAnswer", executed });
    const error = await trade(t.conn, {}, 300);
    assert.ok(error instanceof RequestTimeoutError, String(error));
    assert.equal(t.fake.executed.length, executed ? 1 : 0);
  });
}

Deno.test("delayEntry past the recvWindow: -1021 at the matching engine, not executed", async () => {
  await using t = await setup();
  t.fake.armOrderFault({ kind: "delayEntry", ms: 250 });
  // An explicit timestamp: the client does not retry it.
  const error = await trade(t.conn, { timestamp: Date.now(), recvWindow: 100 });
  assert.ok(error instanceof BinanceApiError && error.code === -1021, String(error));
  assert.match(error.message, /outside of the recvWindow/);
  assert.equal(t.fake.executed.length, 0);
});

Deno.test("delayEntry within the recvWindow: executed late and answered", async () => {
  await using t = await setup();
  t.fake.armOrderFault({ kind: "delayEntry", ms: 150 });
  const start = Date.now();
  const result = await trade(t.conn, { recvWindow: 5000 });
  assert.ok(!(result instanceof Error), String(result));
  assert.ok(Date.now() - start >= 140);
  assert.equal(t.fake.executed.length, 1);
});

Deno.test("a fault hits only its count and methods", async () => {
  await using t = await setup();
  t.fake.armOrderFault({ kind: "serverError", executed: false }, {
    count: 2,
    methods: ["probe.trade"],
  });
  assert.ok(
    !(await t.conn.request("probe.userData", {}, { security: "USER_DATA" }) instanceof Error),
  );
  assert.ok(await trade(t.conn) instanceof ServerError);
  assert.ok(await trade(t.conn) instanceof ServerError);
  assert.ok(!(await trade(t.conn) instanceof Error));
});

Deno.test("the exchange clock runs behind or ahead: time and the timestamp check follow it", async () => {
  await using t = await setup();
  t.fake.setClockOffset(-5000);
  const { serverTime } = await time(t.conn);
  assert.ok(Math.abs(serverTime - (Date.now() - 5000)) < 500, "time follows the clock");
  // A local-clock timestamp is now ~5 s ahead of the exchange: -1021 "ahead".
  const error = await trade(t.conn, { timestamp: Date.now() });
  assert.ok(error instanceof BinanceApiError && error.code === -1021);
  assert.match(error.message, /ahead of the server's time/);
  t.fake.setClockOffset(10_000);
  const behind = await trade(t.conn, { timestamp: Date.now(), recvWindow: 5000 });
  assert.match(String(behind), /outside of the recvWindow/);
});

Deno.test("the fake's verifier accepts the docs' HMAC example and refuses it altered", () => {
  const apiKey = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
  const verifier = createVerifier([{
    apiKey,
    key: {
      type: "HMAC",
      secretKey: "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j",
    },
  }]);
  const params = {
    symbol: "１２３４５６",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    quantity: "1.00000000",
    price: "0.10000000",
    recvWindow: 5000,
    timestamp: 1645423376532,
    apiKey,
    signature: "B33892AE8E687C939F4468C6268DDD4C40AC1AF18AD19A064864C47BAE0752CD",
  };
  assert.deepEqual(
    verifier.verify(params),
    { apiKey, keyType: "HMAC" },
    "HMAC is case-insensitive",
  );
  assert.throws(
    () => verifier.verify({ ...params, price: "0.10000001" }),
    (f: unknown) => (f as { code: number }).code === -1022,
  );
  assert.throws(
    () => verifier.verify({ ...params, apiKey: "x".repeat(64) }),
    (f: unknown) => (f as { code: number }).code === -2015,
  );
});
