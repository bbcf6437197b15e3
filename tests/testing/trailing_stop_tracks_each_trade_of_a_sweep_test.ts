// faqs/trailing-stop-faq.md: a trailing stop with a stopPrice "will only start tracking price
// changes after the stopPrice condition is met … the first trade that meets this condition sets
// the 'highest price'", and it triggers after a decrease of trailingDelta from that highest
// price. A user's MARKET order that sweeps several levels makes several trades: each counts, as
// each of market.advance(n)'s trades already does.
import assert from "node:assert/strict";
import { startFakeBinance } from "../../testing/mod.ts";
import { dec, parseUnits } from "../../testing/_exchange/decimal.ts";
import { client, result } from "./_trading.ts";

const u = (t: string): bigint => parseUnits(t)!;

Deno.test("a trailing stop tracks every trade of a user's sweep: activated and triggered by it", async () => {
  await using fake = await startFakeBinance();
  await using c = await client(fake.wsApiUrl);
  const bids = fake.market.orderBook("BNBBTC", 40).bids;
  // Last price is near the mid 0.01379900; bids from 0.01379800 down, one tick (0.000001) apart.
  assert.equal(bids[0][0], "0.01379800");
  // A trailing STOP_LOSS SELL: starts tracking once a trade is <= 0.01379000; the first such
  // trade is the highest price; it triggers at <= 0.01379000 × 0.999 = 0.01377621.
  const stop = result(
    await c.call("order.place", {
      symbol: "BNBBTC",
      side: "SELL",
      type: "STOP_LOSS",
      quantity: "1",
      stopPrice: "0.01379000",
      trailingDelta: 10,
      newOrderRespType: "RESULT",
    }),
  );
  assert.equal(stop.status, "NEW");
  // One MARKET SELL sweeps the bids from 0.01379800 down to and into 0.01377500: its trades are
  // at 0.01379800, …, 0.01379000 (activation, highest), …, 0.01377500 (<= 0.01377621).
  const upto = bids.findIndex(([p]) => p === "0.01377500");
  assert.ok(upto > 0);
  let qty = 0n;
  for (let i = 0; i < upto; i++) qty += u(bids[i][1]);
  qty += 100000n; // 0.001 BNB of the 0.01377500 level
  result(
    await c.call("order.place", {
      symbol: "BNBBTC",
      side: "SELL",
      type: "MARKET",
      quantity: dec(qty),
    }),
  );
  const st = result(await c.call("order.status", { symbol: "BNBBTC", orderId: stop.orderId }));
  assert.equal(st.status, "FILLED", JSON.stringify(st));
});
