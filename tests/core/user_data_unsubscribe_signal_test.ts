// sub.unsubscribe({ signal }) whose signal aborts before the request leaves still sends it:
// the account is forgotten, so its server subscription must go too (else the next subscribe of
// the account is refused with -2035 and its events are orphans).
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

const KEY = FAKE_ACCOUNT.apiKey;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("an unsubscribe given up before sending leaves no subscription the client forgot", async () => {
  await using fake = await startFakeBinance();
  await using api = await spot.connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: KEY, signer: await spot.createSigner(FAKE_ACCOUNT.ed25519Key) },
  });
  const sub = await spot.userDataStreamSubscribe(api);
  await sub.unsubscribe({ signal: AbortSignal.abort(new Error("shutting down")) })
    .catch(() => {});
  await sleep(200);
  const left = fake.userData.subscriptions().length;
  let again: unknown;
  const next = await spot.userDataStreamSubscribe(api).catch((e) => {
    again = e;
  });
  await next?.unsubscribe();
  assert.deepEqual({
    localActive: sub.active,
    serverSubscriptions: left,
    resubscribe: again === undefined ? "ok" : String(again).slice(0, 110),
  }, { localActive: false, serverSubscriptions: 0, resubscribe: "ok" });
});
