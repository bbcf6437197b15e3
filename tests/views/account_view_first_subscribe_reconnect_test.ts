// A reconnect while the view's first subscribe still waits (for the session's logon) must not
// leave the view waiting for a resubscribe that never comes: the first subscribe, made on the
// new socket, is the view's subscription.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

Deno.test("openAccountView syncs when the socket drops before its first subscribe went out", async () => {
  await using fake = await startFakeBinance();
  await using api = await spot.connectWsApi({
    url: fake.wsApiUrl,
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await spot.createSigner(FAKE_ACCOUNT.ed25519Key),
    },
    reconnect: { initialDelayMs: 10, maxDelayMs: 20 },
  });
  // The logon's answer is slow: the subscribe waits for it.
  fake.setResponseDelay(120);
  const opening = spot.openAccountView(api, { timeoutMs: 900, reconcileMs: 0 });
  await new Promise((r) => setTimeout(r, 40));
  fake.dropConnections(); // the logon (and so the subscribe) has not been answered
  await new Promise((r) => setTimeout(r, 30));
  fake.setResponseDelay(0);
  const view = await opening;
  try {
    assert.equal(view.synced, true);
    assert.ok(view.balance("USDT") !== undefined);
  } finally {
    await view.close();
  }
});
