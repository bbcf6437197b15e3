// A userDataStreamSubscribe that times out after its request left leaves no server
// subscription nobody holds (the next subscribe would get -2035, its events errors).
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

const KEY = FAKE_ACCOUNT.apiKey;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("a subscribe timed out after sending leaves no subscription behind", async () => {
  await using fake = await startFakeBinance();
  await using api = await spot.connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: KEY, signer: await spot.createSigner(FAKE_ACCOUNT.ed25519Key) },
  });
  const errors: string[] = [];
  api.on("error", (e) => errors.push(e.error.message.slice(0, 100)));
  await spot.userDataStreamSubscribe(api).then((s) => s.unsubscribe()); // logged on, warm
  fake.setResponseDelay(300);
  await assert.rejects(
    spot.userDataStreamSubscribe(api, {}, { timeoutMs: 100 }),
    spot.RequestTimeoutError,
  );
  fake.setResponseDelay(0);
  await sleep(600); // the late acknowledgement has come
  const leaked = fake.userData.subscriptions().length;
  fake.userData.balanceUpdate(KEY, "BTC", "1"); // an event for the orphan subscription
  let again: unknown;
  const sub = await spot.userDataStreamSubscribe(api).catch((e) => {
    again = e;
  });
  await sleep(100);
  await sub?.unsubscribe();
  assert.deepEqual({
    serverSubscriptionsAfterTimeout: leaked,
    resubscribe: again === undefined ? "ok" : String(again).slice(0, 110),
    errorEvents: errors,
  }, { serverSubscriptionsAfterTimeout: 0, resubscribe: "ok", errorEvents: [] });
});
