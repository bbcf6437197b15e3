// errors.md: "### -2013 NO_SUCH_ORDER  * Order does not exist." — the only documented message of
// -2013 (no "Order list does not exist." anywhere in the docs). The fake's orderList.status on
// an unknown list must answer it, by orderListId and by origClientOrderId.
import assert from "node:assert/strict";
import { setup } from "../testing/_trading.ts";

Deno.test("the fake answers orderList.status on an unknown list with errors.md's -2013", async () => {
  await using s = await setup();
  for (const params of [{ orderListId: 987_654 }, { origClientOrderId: "no-such-list" }]) {
    const r = await s.a.call("orderList.status", params);
    assert.deepEqual(
      r.error,
      { code: -2013, msg: "Order does not exist." },
      JSON.stringify(params),
    );
  }
});
