// One backoff loop and one attempt limit serve both connections: the WS API's reconnects and
// renewals honour the user's reconnect policy and Binance's 300 attempts per 5 minutes.
import assert from "node:assert/strict";
import { connectWsApi, ping } from "../../mod.ts";
import { forgetAttempts } from "../../core/_attempts.ts";
import { nextEvent, record, startScriptedPeer, waitFor } from "../_helpers.ts";

const answer = (r: { id: unknown }) => JSON.stringify({ id: r.id, status: 200, result: {} });

Deno.test("WS API reconnects wait what the policy says (factor, cap, no jitter)", async () => {
  await using peer = startScriptedPeer(answer);
  await using conn = await connectWsApi({
    url: peer.url,
    reconnect: { initialDelayMs: 20, factor: 3, maxDelayMs: 200, jitter: false },
  });
  conn.on("error", () => {}); // each refused attempt is an error event
  const waits = record(conn, "reconnecting");
  peer.refusing = true;
  peer.drop();
  await waitFor("four reconnect attempts", () => waits.length >= 5);
  peer.refusing = false;
  await nextEvent(conn, "reconnected");
  assert.deepEqual(waits.slice(0, 5).map((w) => w.delayMs), [20, 60, 180, 200, 200]);
  assert.deepEqual(await ping(conn), {});
});

Deno.test("a failing WS API renewal retries with the policy's backoff, not a fixed one", async () => {
  await using peer = startScriptedPeer(answer);
  await using conn = await connectWsApi({
    url: peer.url,
    reconnect: { initialDelayMs: 100, factor: 3, jitter: false },
  });
  const errors = record(conn, "error");
  const renewed = nextEvent(conn, "renewed");
  peer.refusing = true;
  const first = peer.upgrades.length;
  const renewal = conn.renew("manual");
  await waitFor("three renewal attempts", () => peer.upgrades.length >= first + 3);
  peer.refusing = false;
  await renewal;
  assert.equal((await renewed).reason, "manual");
  const [a, b, c] = peer.upgrades.slice(first, first + 3);
  // Attempt 1 at once, then 100 ms, then 300 ms (factor 3, no jitter).
  assert.ok(b - a >= 95 && b - a < 250, `first retry after ${b - a} ms`);
  assert.ok(c - b >= 290 && c - b < 600, `second retry after ${c - b} ms`);
  assert.ok(errors.length >= 2, "each failed attempt is an error event");
  assert.equal(conn.state, "open");
  assert.deepEqual(await ping(conn), {});
});

Deno.test("WS API reconnects stay within 300 connection attempts per 5 minutes", async () => {
  await using peer = startScriptedPeer(answer);
  const conn = await connectWsApi({
    url: peer.url,
    reconnect: { initialDelayMs: 0, maxDelayMs: 0, jitter: false },
  });
  conn.on("error", () => {}); // each refused attempt is an error event
  peer.refusing = true;
  peer.drop();
  await waitFor("300 attempts", () => peer.upgrades.length >= 300, 20_000);
  // The 301st attempt waits for the window: nothing more reaches the peer.
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(peer.upgrades.length, 300);
  assert.equal(conn.state, "reconnecting");
  await conn.close();
  forgetAttempts(new URL(peer.url).host);
});
