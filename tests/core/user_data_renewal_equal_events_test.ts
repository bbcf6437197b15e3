// De-duplication across a renewal counts occurrences of an event identity per socket, as if
// both sockets carried the same events from the same point. They do not: the old socket
// delivered events before the new subscription was made, and may go before delivering all the
// overlap. A genuine event of the new socket equal to one the old socket delivered before the
// new subscription existed (a balance 1, 2, 1 within one millisecond) must not be dropped.
import assert from "node:assert/strict";
import { userDataStreamSubscribeSignature } from "../../mod.ts";
import { FAKE_ACCOUNT } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";
import { type PeerSocket, setup } from "./_uds_peer.ts";

type Raw = { raw: Readonly<Record<string, unknown>> };

function position(free: string, u = 1_700_000_000_000): Record<string, unknown> {
  return { e: "outboundAccountPosition", E: Date.now(), u, B: [{ a: "BTC", f: free, l: "0" }] };
}

function frees(events: Raw[]): string[] {
  return events.filter((e) => e.raw.e === "outboundAccountPosition").map((e) =>
    String((e.raw.B as { f: string }[])[0].f)
  );
}

Deno.test("an event of the new socket equal to one the old one delivered before the renewal is delivered", async () => {
  await using t = await setup();
  const sub = await userDataStreamSubscribeSignature(t.conn);
  const got: Raw[] = [];
  sub.on("data", (e) => got.push(e));
  const resubscribed: unknown[] = [];
  sub.on("resubscribed", (r) => resubscribed.push(r));
  const old = t.peer.sockets[0];
  // The new subscription is made 150 ms after its request went; the check after it is slow.
  t.peer.delays = { "userDataStream.subscribe.signature": 150, "session.subscriptions": 300 };
  await t.conn.renew();
  await waitFor("the subscribe sent", () => t.peer.received.some((r) => r.n === 1));
  // Before the new subscription exists: the old socket alone carries the balance 1.
  t.peer.push(FAKE_ACCOUNT.apiKey, position("1"));
  await waitFor("the new subscription", () => resubscribed.length === 1);
  const neu = t.peer.sockets.find((s) => s !== old)!;
  const frame = (ps: PeerSocket, ev: Record<string, unknown>) =>
    ps.ws.send(JSON.stringify({ subscriptionId: [...ps.subs.keys()][0], event: ev }));
  // Then 2 and 1 again within the same millisecond: the old socket delivers the 2 and goes,
  // the new one carries both.
  frame(old, position("2"));
  for (const free of ["2", "1"]) frame(neu, position(free));
  await new Promise((r) => setTimeout(r, 50));
  old.ws.close();
  await waitFor("the old socket closed", () => !t.peer.sockets.includes(old));
  await new Promise((r) => setTimeout(r, 500)); // the delayed answer, and the hand-over
  assert.deepEqual(frees(got), ["1", "2", "1"], "the second balance 1 was dropped as a copy");
  assert.equal(sub.stats.duplicates, 1);
  await sub.unsubscribe();
});
