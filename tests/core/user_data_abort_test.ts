import assert from "node:assert/strict";
import {
  connectWsApi,
  createSigner,
  userDataStreamSubscribe,
  type WsApiConnection,
} from "../../mod.ts";
import { FAKE_ACCOUNT, type FakeBinance, startFakeBinance } from "../../testing/mod.ts";

/** The fake and a connection logged on to it, its subscribe path warm. */
async function loggedOn(): Promise<
  { fake: FakeBinance; conn: WsApiConnection } & AsyncDisposable
> {
  const fake = await startFakeBinance();
  const conn = await connectWsApi({
    url: fake.wsApiUrl,
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await createSigner(FAKE_ACCOUNT.ed25519Key),
    },
  });
  await userDataStreamSubscribe(conn).then((s) => s.unsubscribe());
  return {
    fake,
    conn,
    async [Symbol.asyncDispose]() {
      await conn.close();
      await fake.close();
    },
  };
}

/** `promise`, or a rejection naming `what` after `ms`: a hang fails the test, bounded. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

Deno.test("an abort while the first subscribe is answered rejects at once; the late subscription is closed", async () => {
  await using t = await loggedOn();
  const { fake, conn } = t;
  fake.setResponseDelay(300);
  const controller = new AbortController();
  const reason = new Error("given up");
  const started = performance.now();
  const subscribing = userDataStreamSubscribe(conn, {}, { signal: controller.signal });
  setTimeout(() => controller.abort(reason), 50);
  await within(assert.rejects(subscribing, (e) => e === reason), 2000, "the subscribe");
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
  await using t = await loggedOn();
  const { fake, conn } = t;
  fake.setResponseDelay(300);
  const controller = new AbortController();
  const aborted = userDataStreamSubscribe(conn, {}, { signal: controller.signal });
  aborted.catch(() => {});
  await new Promise((r) => setTimeout(r, 50));
  controller.abort(new Error("given up"));
  await assert.rejects(aborted);
  const sub = await within(userDataStreamSubscribe(conn), 3000, "the subscribe");
  fake.setResponseDelay(0);
  assert.equal(fake.userData.subscriptions().length, 1);
  await sub.unsubscribe();
});
