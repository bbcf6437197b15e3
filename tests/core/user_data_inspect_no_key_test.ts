// Review 74: what `console.log` / `Deno.inspect` of a User Data Stream subscription prints. The
// subscription names its account only by `apiKeyHint` (redacted); the full API key must not show.
import assert from "node:assert/strict";
import { connectWsApi, createSigner, userDataStreamSubscribeSignature } from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

Deno.test("Deno.inspect of a UserDataSubscription shows the API key only redacted", async () => {
  await using exchange = await startFakeBinance();
  const signer = await createSigner(FAKE_ACCOUNT.hmacKey);
  await using conn = await connectWsApi({
    url: exchange.wsApiUrl,
    credentials: { apiKey: FAKE_ACCOUNT.apiKey, signer },
    reconnect: false,
  });
  const sub = await userDataStreamSubscribeSignature(conn);
  try {
    assert.equal(sub.apiKeyHint, "Fake…oCWk");
    for (const depth of [2, 4, 10]) {
      const text = Deno.inspect(sub, { depth });
      assert.ok(!text.includes(FAKE_ACCOUNT.apiKey), `the full API key shows (depth ${depth})`);
      assert.ok(!text.includes(FAKE_ACCOUNT.hmacKey.secretKey), "the secret shows");
    }
  } finally {
    await sub.unsubscribe();
  }
});
