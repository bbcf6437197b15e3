// userDataStreamUnsubscribe({ subscriptionId: sub.subscriptionId }) during a renewal's overlap
// (the new socket's subscribe not yet acknowledged) ends that subscription, and no other.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

const KEY = FAKE_ACCOUNT.apiKey;

Deno.test("unsubscribe by the exposed subscriptionId during a renewal ends it", async () => {
  await using fake = await startFakeBinance();
  await using api = await spot.connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: KEY, signer: await spot.createSigner(FAKE_ACCOUNT.ed25519Key) },
  });
  const sub = await spot.userDataStreamSubscribe(api);
  const ends: string[] = [];
  sub.on("end", (e) => ends.push(e.reason));
  const id = sub.subscriptionId;
  assert.equal(id, 0);
  fake.setResponseDelay(200); // the new socket's logon (and so its subscribe) is slow
  await api.renew();
  // The id the library exposes as "the current server subscription id".
  assert.equal(sub.subscriptionId, id);
  let error: unknown;
  await spot.userDataStreamUnsubscribe(api, { subscriptionId: sub.subscriptionId! })
    .catch((e) => error = e);
  fake.setResponseDelay(0);
  await new Promise((r) => setTimeout(r, 800));
  const live = fake.userData.subscriptions();
  try {
    assert.deepEqual({
      rejected: error === undefined ? undefined : String(error).slice(0, 120),
      ended: ends,
      active: sub.active,
      serverSubscriptions: live.length,
    }, { rejected: undefined, ended: ["unsubscribed"], active: false, serverSubscriptions: 0 });
  } finally {
    await sub.unsubscribe().catch(() => {});
    await waitFor("quiet", () => true);
  }
});

Deno.test("unsubscribe by A's exposed id during a renewal ends A, not account B", async () => {
  const B = "reviewAccountB";
  const B_SECRET = "review-secret-of-b";
  const balances = { BTC: { free: "50" }, USDT: { free: "5000" } };
  await using fake = await startFakeBinance({
    accounts: [
      {
        apiKey: KEY,
        key: [FAKE_ACCOUNT.hmacKey, {
          type: "Ed25519",
          publicKey: FAKE_ACCOUNT.ed25519Key.publicKey,
        }],
        balances,
      },
      { apiKey: B, key: { type: "HMAC", secretKey: B_SECRET }, balances },
    ],
  });
  await using api = await spot.connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: KEY, signer: await spot.createSigner(FAKE_ACCOUNT.ed25519Key) },
  });
  const a = await spot.userDataStreamSubscribe(api); // by the session: id 0
  const b = await spot.userDataStreamSubscribeSignature(api, {}, {
    credentials: {
      apiKey: B,
      signer: await spot.createSigner({ type: "HMAC", secretKey: B_SECRET }),
    },
  }); // signed: id 1
  assert.deepEqual([a.subscriptionId, b.subscriptionId], [0, 1]);
  const ended: string[] = [];
  a.on("end", (e) => ended.push(`A ${e.reason}`));
  b.on("end", (e) => ended.push(`B ${e.reason}`));
  fake.setResponseDelay(150); // the new socket's logon, so A's subscribe there, is slow
  await api.renew();
  // B (signed) is made on the new socket first (id 0 there); A still shows its id 0.
  await waitFor("B on the new socket", () => b.subscriptionId === 0);
  assert.equal(a.subscriptionId, 0);
  await spot.userDataStreamUnsubscribe(api, { subscriptionId: a.subscriptionId! }).catch(() => {});
  fake.setResponseDelay(0);
  await new Promise((r) => setTimeout(r, 800));
  const live = fake.userData.subscriptions().map((s) => s.apiKey === B ? "B" : "A");
  const seen = { ended: [...ended], live, aActive: a.active, bActive: b.active };
  await a.unsubscribe().catch(() => {});
  await b.unsubscribe().catch(() => {});
  assert.deepEqual(seen, {
    ended: ["A unsubscribed"],
    live: ["B"],
    aActive: false,
    bActive: true,
  });
});
