// After a -1015 hold met by `heldUntil` (a signed order that waited while signing) has passed,
// a later plain 429 block refuses a read as what it is (-1003), not as -1015.
import assert from "node:assert/strict";
import { Governor } from "../../core/_governor.ts";
import { RateLimitError } from "../../mod.ts";

Deno.test("a 429 block refuses a read as -1003 after a -1015 hold met while signing", () => {
  const g = new Governor();
  const t0 = 1_000_000;
  g.block(429, t0 + 1_000, t0, -1015); // "too many new orders" until t0 + 1 s
  assert.equal(g.heldUntil(t0 + 10, 1), t0 + 1_000); // the order waited (sets ORDERS_BLOCK)
  assert.equal(g.heldUntil(t0 + 1_000, 1), 0); // …and went
  const t1 = t0 + 2_000;
  g.block(429, t1 + 5_000, t1); // a plain 429: every request waits
  // #gate of an unsigned read: now < blockedUntil → admit(…, blockedUntil, …)
  assert.throws(
    () => g.admit("depth", g.blockedUntil, 100, "refuse", t1),
    (e: unknown) => e instanceof RateLimitError && (e as RateLimitError).code === -1003,
  );
});
