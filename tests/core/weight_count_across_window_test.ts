// The REQUEST_WEIGHT count of a request sent in the previous window, answered after the client's
// window rolled (its clock not synced: no SIGNED request yet, so a few hundred ms apart from the
// server's), is the server's count of that previous window: it must not fill the new one, or a
// request the server has room for is refused (or held) for a whole window.
import assert from "node:assert/strict";
import { connectWsApi } from "../../mod.ts";
import { startScriptedPeer } from "../_helpers.ts";

const WINDOW = 1000;
const SKEW = 300; // the server's clock is 300 ms behind the local one

Deno.test("an old window's count answered after the roll does not fill the new window", async () => {
  let start = -1;
  let used = 0;
  await using peer = startScriptedPeer((r, later) => {
    const now = Date.now() - SKEW;
    const s = now - (now % WINDOW);
    if (s !== start) {
      start = s;
      used = 0;
    }
    const weight = r.method === "heavy" ? 9 : 1;
    used += weight;
    const frame = JSON.stringify({
      id: r.id,
      status: 200,
      result: {},
      rateLimits: [{
        rateLimitType: "REQUEST_WEIGHT",
        interval: "SECOND",
        intervalNum: 1,
        limit: 10,
        count: used,
      }],
    });
    if (r.method === "heavy") {
      setTimeout(() => later(frame), 250);
      return undefined;
    }
    return frame;
  });
  await using conn = await connectWsApi({ url: peer.url, rateLimitPolicy: "refuse" });
  conn.on("error", () => {});
  // Local time 800 ms into a second: the server is 500 ms into the same one.
  const wait = (at: number) => {
    const ms = Date.now() % WINDOW;
    return new Promise((r) => setTimeout(r, (at - ms + WINDOW) % WINDOW));
  };
  await wait(800);
  // Answered 250 ms later: after the local second rolled, before the server's did (count 9).
  await conn.request("heavy", {}, { weight: 9 });
  await wait(400); // the server's new second started 100 ms ago: nothing used in it
  const outcome = await conn.request("light", {}, { weight: 5 }).then(
    () => "sent",
    (e: Error) => `${e.name}: ${e.message}`,
  );
  assert.equal(outcome, "sent", "refused although the server's window is empty");
});
