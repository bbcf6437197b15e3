import assert from "node:assert/strict";
import { CLIENT_ORDER_ID_MAX, newClientOrderId } from "../../methods/_order_write.ts";

Deno.test("newClientOrderId: 1000 ids across several random pools, all distinct, 36 legal characters", () => {
  const ids = Array.from({ length: 1000 }, () => newClientOrderId());
  for (const id of ids) {
    assert.match(id, /^bws-[0-9a-f]{32}$/);
    assert.ok(id.length <= CLIENT_ORDER_ID_MAX);
  }
  assert.equal(new Set(ids).size, ids.length);
  // No two share even their first 64 random bits: no part of a pool is handed out twice.
  const parts = new Set(ids.map((id) => id.slice(4, 20)));
  assert.equal(parts.size, ids.length);
});
