import assert from "node:assert/strict";
import { connectWsApi } from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

// A listener that closes the connection when a socket opens (e.g. a bot that stops once it is
// back): nothing may be reported as reconnected or renewed after the final `close`.
for (const how of ["reconnect", "renew"] as const) {
  Deno.test(`close() from an "open" listener during a ${how}: no event after the final close`, async () => {
    await using fake = await startFakeBinance();
    const conn = await connectWsApi({
      url: fake.wsApiUrl,
      reconnect: { initialDelayMs: 10, jitter: false },
      idleTimeoutMs: 0,
    });
    const seen: string[] = [];
    for (const type of ["open", "close", "reconnecting", "reconnected", "renewed"] as const) {
      conn.on(type, () => seen.push(type));
    }
    conn.on("open", () => void conn.close());
    if (how === "reconnect") fake.dropConnections();
    else void conn.renew("manual");
    await waitFor("closed", () => conn.state === "closed");
    await conn.close();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(seen.at(-1), "close", seen.join(" → "));
  });
}
