// userDataStreamUnsubscribe (by the shown id, or all) during a renewal's overlap ends the
// account; a subscribe of the same account right after waits for the renewal's in-flight
// subscribe to be closed first, so Binance does not refuse it (-2035).
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

Deno.test("subscribe again after unsubscribe-by-shown-id during a renewal is not -2035", async () => {
  await using fake = await startFakeBinance();
  await using api = await spot.connectWsApi({
    url: fake.wsApiUrl,
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await spot.createSigner(FAKE_ACCOUNT.ed25519Key),
    },
  });
  const sub = await spot.userDataStreamSubscribe(api);
  fake.setResponseDelay(150); // the new socket's logon, so its subscribe there, is slow
  await api.renew();
  await spot.userDataStreamUnsubscribe(api, { subscriptionId: sub.subscriptionId! });
  let error: unknown;
  const again = await spot.userDataStreamSubscribe(api).catch((e) => {
    error = e;
    return undefined;
  });
  fake.setResponseDelay(0);
  await new Promise((r) => setTimeout(r, 600));
  const live = fake.userData.subscriptions().length;
  await again?.unsubscribe().catch(() => {});
  assert.deepEqual(
    { error: error === undefined ? undefined : String(error).slice(0, 100), live },
    { error: undefined, live: 1 },
  );
});

Deno.test("subscribe again after unsubscribe-all during a renewal is not -2035", async () => {
  await using fake = await startFakeBinance();
  await using api = await spot.connectWsApi({
    url: fake.wsApiUrl,
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await spot.createSigner(FAKE_ACCOUNT.ed25519Key),
    },
  });
  await spot.userDataStreamSubscribe(api);
  fake.setResponseDelay(150);
  await api.renew();
  await spot.userDataStreamUnsubscribe(api);
  let error: unknown;
  const again = await spot.userDataStreamSubscribe(api).catch((e) => {
    error = e;
    return undefined;
  });
  fake.setResponseDelay(0);
  await new Promise((r) => setTimeout(r, 600));
  const live = fake.userData.subscriptions().length;
  await again?.unsubscribe().catch(() => {});
  assert.deepEqual(
    { error: error === undefined ? undefined : String(error).slice(0, 100), live },
    { error: undefined, live: 1 },
  );
});
