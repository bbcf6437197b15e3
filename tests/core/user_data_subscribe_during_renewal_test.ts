// A subscribe that is in flight on the old socket when a renewal starts is handed over as a live
// one is: made again on the new socket, make-before-break, the old one held for it: no gap, one
// `resubscribed`, as in any renewal.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { FAKE_ACCOUNT, startFakeBinance } from "../../testing/mod.ts";

Deno.test("a subscribe in flight when a renewal starts is handed over with no gap", async () => {
  await using fake = await startFakeBinance();
  await using api = await spot.connectWsApi({
    url: fake.wsApiUrl,
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await spot.createSigner(FAKE_ACCOUNT.ed25519Key),
    },
  });
  fake.setResponseDelay(150);
  const pending = spot.userDataStreamSubscribe(api); // sent on the old socket
  while (!fake.received.some((f) => f.text.includes("userDataStream.subscribe"))) {
    await new Promise((r) => setTimeout(r, 2));
  }
  const renewed = api.renew(); // the new socket opens while the subscribe is unanswered
  const sub = await pending;
  const gaps: string[] = [];
  const resubscribed: unknown[] = [];
  sub.on("gap", (g) => gaps.push(g.reason));
  sub.on("resubscribed", (r) => resubscribed.push(r));
  await renewed;
  fake.setResponseDelay(0);
  await new Promise((r) => setTimeout(r, 800));
  await sub.unsubscribe().catch(() => {});
  assert.deepEqual(gaps, []);
  assert.equal(resubscribed.length, 1, "made again on the new socket, as in any renewal");
});
