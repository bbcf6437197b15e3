import assert from "node:assert/strict";
import { connectWsApi, createSigner, userDataStreamSubscribe } from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

Deno.test("an abort while the first subscribe is answered rejects at once; the late subscription is closed", async () => {
  await using fake = await startFakeBinance();
  await using conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await createSigner(FAKE_ACCOUNT.ed25519Key),
    },
  });
  await userDataStreamSubscribe(conn).then((s) => s.unsubscribe()); // logged on, warm
  fake.setResponseDelay(300);
  const controller = new AbortController();
  const reason = new Error("given up");
  const started = performance.now();
  const subscribing = userDataStreamSubscribe(conn, {}, { signal: controller.signal });
  setTimeout(() => controller.abort(reason), 50);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("the subscribe did not settle within 2 s")), 2000);
  });
  await Promise.race([assert.rejects(subscribing, (e) => e === reason), bound])
    .finally(() => clearTimeout(timer));
  const took = performance.now() - started;
  assert.ok(took < 250, `rejected after ${took.toFixed(0)} ms, before the 300 ms answer`);
  // The answer comes later: nobody wants the subscription, so the client closes it again.
  fake.setResponseDelay(0);
  const end = Date.now() + 3000;
  while (fake.userData.subscriptions().length > 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.deepEqual(fake.userData.subscriptions(), []);
});

Deno.test("a subscribe right after an abort during the first subscribe waits for the late unsubscribe (no -2035)", async () => {
  await using fake = await startFakeBinance();
  await using conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await createSigner(FAKE_ACCOUNT.ed25519Key),
    },
  });
  await userDataStreamSubscribe(conn).then((s) => s.unsubscribe()); // logged on, warm
  fake.setResponseDelay(300);
  const controller = new AbortController();
  const aborted = userDataStreamSubscribe(conn, {}, { signal: controller.signal });
  aborted.catch(() => {});
  await new Promise((r) => setTimeout(r, 50));
  controller.abort(new Error("given up"));
  await assert.rejects(aborted);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("the subscribe did not settle within 3 s")), 3000);
  });
  const sub = await Promise.race([userDataStreamSubscribe(conn), bound])
    .finally(() => clearTimeout(timer));
  fake.setResponseDelay(0);
  assert.equal(fake.userData.subscriptions().length, 1);
  await sub.unsubscribe();
});
