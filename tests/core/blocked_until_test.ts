// A 429 whose serverTime is not a ms time near now.
import assert from "node:assert/strict";
import { connectWsApi, ping, RateLimitError } from "../../mod.ts";
import { blockedUntilOf } from "../../core/_responses.ts";
import { startScriptedPeer } from "../_helpers.ts";

Deno.test("blockedUntilOf: a serverTime in seconds gives no block of decades", () => {
  const now = Date.now();
  const body = {
    code: -1003,
    msg: "x",
    data: { retryAfter: now + 300, serverTime: Math.floor(now / 1000) },
  };
  const until = blockedUntilOf(body, now)!;
  assert.ok(until - now <= 3 * 86_400_000, `blocked for ${(until - now) / 3.15e10} years`);
});

Deno.test("blockedUntilOf: a serverTime after retryAfter still blocks until retryAfter", () => {
  const now = Date.now();
  const body = { code: -1003, msg: "x", data: { retryAfter: now + 5000, serverTime: 9e13 } };
  const until = blockedUntilOf(body, now)!;
  assert.ok(until >= now + 4000, `blocked for ${until - now} ms`);
});

Deno.test("a 429 with a seconds serverTime: the next request goes after retryAfter", async () => {
  let first = true;
  await using peer = startScriptedPeer((r) => {
    if (!first) return JSON.stringify({ id: r.id, status: 200, result: {} });
    first = false;
    const now = Date.now();
    return JSON.stringify({
      id: r.id,
      status: 429,
      error: {
        code: -1003,
        msg: "Too much request weight used",
        data: { retryAfter: now + 300, serverTime: Math.floor(now / 1000) },
      },
    });
  });
  await using conn = await connectWsApi({ url: peer.url });
  await assert.rejects(ping(conn), RateLimitError);
  assert.deepEqual(await conn.request("ping", {}, { timeoutMs: 2000 }), {});
});

Deno.test("a 418 with a seconds serverTime: no socket opens during the ban", async () => {
  let first = true;
  await using peer = startScriptedPeer((r) => {
    if (!first) return JSON.stringify({ id: r.id, status: 200, result: {} });
    first = false;
    const now = Date.now();
    return JSON.stringify({
      id: r.id,
      status: 418,
      error: {
        code: -1003,
        msg: "Way too much request weight used; IP banned",
        data: { retryAfter: now + 60_000, serverTime: Math.floor(now / 1000) },
      },
    });
  });
  await using conn = await connectWsApi({ url: peer.url, reconnect: { initialDelayMs: 20 } });
  conn.on("error", () => {});
  await assert.rejects(ping(conn));
  const before = peer.upgrades.length;
  peer.drop();
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(peer.upgrades.length - before, 0, "a socket opened during the ban");
});
