// A 401 revocation frame has no id: it is blamed on a request only when that is certain (the
// one request in flight on the socket, none given up on there). Here another request may have
// met it (a session request given up on, a User Data Stream request), and the order in flight
// was executed: its call must not say "revoked, not executed".
import assert from "node:assert/strict";
import {
  BinanceApiError,
  connectWsApi,
  createSigner,
  orderPlace,
  RequestTimeoutError,
  userDataStreamSubscribe,
} from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

const LIMIT = {
  symbol: "BTCUSDT",
  side: "BUY",
  type: "LIMIT",
  timeInForce: "GTC",
  price: "40000.00",
  quantity: "0.001",
  newOrderRespType: "ACK",
} as const;

async function setup() {
  const fake = await startFakeBinance();
  const conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await createSigner(FAKE_ACCOUNT.ed25519Key),
    },
  });
  const errors: Error[] = [];
  conn.on("error", ({ error }) => errors.push(error));
  await waitFor("logon", () => conn.loggedOn);
  return {
    fake,
    conn,
    errors,
    async [Symbol.asyncDispose]() {
      await conn.close();
      await fake.close();
    },
  };
}

Deno.test("revocation met by a session request given up on is not blamed on an executed order", async () => {
  await using t = await setup();
  t.fake.armOrderFault({ kind: "delayEntry", ms: 400 }, { methods: ["order.place"] });
  const placing = orderPlace(t.conn, { ...LIMIT, newClientOrderId: "rev-1" }).then(
    (v) => v,
    (e) => e,
  );
  await new Promise((r) => setTimeout(r, 50)); // order.place authenticated, held before the engine
  t.fake.revokeSessions();
  t.fake.setResponseDelay(200);
  // Another session request meets the revocation; its caller gives up before the 401 comes.
  const read = await t.conn.request("account.status", {}, { security: "USER_DATA", timeoutMs: 50 })
    .catch((e) => e);
  assert.ok(read instanceof RequestTimeoutError, "its caller gave up on it");
  const out = await placing;
  await waitFor(
    "the order to execute",
    () => t.fake.trading.ordersByClientId(FAKE_ACCOUNT.apiKey, "rev-1").length > 0,
    3000,
  ).catch(() => {});
  const exists = t.fake.trading.ordersByClientId(FAKE_ACCOUNT.apiKey, "rev-1").length;
  assert.ok(
    !(exists === 1 && out instanceof BinanceApiError && out.status === 401),
    "the order exists, yet its call was rejected as 'revoked, not executed' (401)",
  );
});

Deno.test("revocation met by a User Data Stream subscribe is not blamed on an executed order", async () => {
  await using t = await setup();
  t.fake.armOrderFault({ kind: "delayEntry", ms: 300 }, { methods: ["order.place"] });
  const placing = orderPlace(t.conn, { ...LIMIT, newClientOrderId: "rev-2" }).then(
    (v) => v,
    (e) => e,
  );
  await new Promise((r) => setTimeout(r, 50));
  t.fake.revokeSessions();
  const sub = userDataStreamSubscribe(t.conn, undefined, { timeoutMs: 1000 }).then(
    (v) => v,
    (e) => e,
  );
  const out = await placing;
  await waitFor(
    "the order to execute",
    () => t.fake.trading.ordersByClientId(FAKE_ACCOUNT.apiKey, "rev-2").length > 0,
    3000,
  ).catch(() => {});
  const exists = t.fake.trading.ordersByClientId(FAKE_ACCOUNT.apiKey, "rev-2").length;
  const s = await sub;
  if (s && typeof s[Symbol.asyncDispose] === "function") await s[Symbol.asyncDispose]();
  assert.ok(
    !(exists === 1 && out instanceof BinanceApiError && out.status === 401),
    "the order exists, yet its call was rejected as 'revoked, not executed' (401)",
  );
});
