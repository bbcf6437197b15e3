// web-socket-api.md "Symbol price ticker": `symbols` | ARRAY of STRING | "Query price for multiple
// symbols", weight 4 for `symbols`, and no maximum number of symbols anywhere in the section
// (ticker.24hr and ticker.book, documented the same way, accept any number here).
import assert from "node:assert/strict";
import { connectWsApi, tickerBook, tickerPrice } from "../../mod.ts";
import { startScriptedPeer } from "../_helpers.ts";

const symbols = Array.from({ length: 1001 }, (_, i) => `S${i}`);

Deno.test("ticker.price sends 1001 symbols (the docs set no maximum)", async () => {
  await using peer = startScriptedPeer((r) =>
    JSON.stringify({
      id: r.id,
      status: 200,
      result: (r.params.symbols as string[]).map((symbol) => ({ symbol, price: "1.0" })),
    })
  );
  await using conn = await connectWsApi({ url: peer.url });
  // The same list through ticker.book goes out (control).
  await tickerBook(conn, { symbols }).catch(() => {});
  const prices = await tickerPrice(conn, { symbols });
  assert.equal(prices.length, 1001);
});
