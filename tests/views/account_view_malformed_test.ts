// An account event the model refuses is lost to the account view (an error event says so):
// the view resyncs, rather than stay "synced" on the balance from before that event.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

const KEY = FAKE_ACCOUNT.apiKey;

Deno.test("a refused (malformed) account event makes the view resync, never synced but stale", async () => {
  await using fake = await startFakeBinance();
  await using api = await spot.connectWsApi({
    url: fake.wsApiUrl,
    credentials: { apiKey: KEY, signer: await spot.createSigner(FAKE_ACCOUNT.ed25519Key) },
  });
  await using view = await spot.openAccountView(api, { reconcileMs: 0 });
  const errors: string[] = [];
  view.on("error", (e) => errors.push(e.error.message.slice(0, 80)));
  const before = view.balance("BTC")!;
  // A deposit whose events reach the client in a form its model refuses (here: `u` above
  // 2^53, which the model refuses rather than round).
  fake.userData.dropEvents(KEY, 50);
  fake.userData.balanceUpdate(KEY, "BTC", "1");
  const truth = fake.trading.balances(KEY).BTC;
  const id = fake.userData.subscriptions()[0].subscriptionId;
  fake.sendFrame(
    `{"subscriptionId":${id},"event":{"e":"outboundAccountPosition","E":${Date.now()},` +
      `"u":9007199254740993,"B":[{"a":"BTC","f":"${truth.free}","l":"${truth.locked}"}]}}`,
  );
  await waitFor(
    "the view in sync with the exchange again",
    () => view.synced && view.balance("BTC")?.free === truth.free,
    3000,
  ).catch(() => {});
  assert.equal(errors.length, 1, "the client knows an event was lost");
  assert.deepEqual({ synced: view.synced, btc: view.balance("BTC")?.free }, {
    synced: true,
    btc: truth.free,
  }, `resynced to the exchange's ${truth.free} (the view had ${before.free} before)`);
});
