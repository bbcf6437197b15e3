// openAccountView times out while its snapshots cannot be taken (here: the REQUEST_WEIGHT budget
// of the minute is spent). Its `error` events cannot be heard (the view is not returned yet):
// the error thrown must itself say why.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { outsideMinuteBoundary } from "../_helpers.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

Deno.test("openAccountView's timeout gives the reason the snapshots fail", async () => {
  await outsideMinuteBoundary();
  await using fake = await startFakeBinance({ requestWeightLimit: 30 });
  await using api = await spot.connectWsApi({
    url: fake.wsApiUrl,
    rateLimitPolicy: "refuse", // refused at once, not held for the next minute
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await spot.createSigner(FAKE_ACCOUNT.ed25519Key),
    },
  });
  const warn = console.warn;
  console.warn = () => {};
  let error: unknown;
  try {
    await spot.openAccountView(api, { timeoutMs: 800 });
  } catch (e) {
    error = e;
  } finally {
    console.warn = warn;
  }
  assert.ok(error instanceof spot.RequestTimeoutError, String(error));
  assert.ok(
    error.cause instanceof spot.RateLimitError,
    `the cause is the reason: ${error.cause}; ${error.message}`,
  );
});
