// A request in flight when `close()` is called still times out at its own deadline: a dead peer
// that never finishes the close handshake (3 s) does not hold it past its timeout.
import assert from "node:assert/strict";
import { connectWsApi, RequestTimeoutError } from "../../mod.ts";
import { startDeadPeer } from "../_helpers.ts";

Deno.test("a request in flight at close() on a dead peer times out at its deadline", async () => {
  await using peer = startDeadPeer();
  const conn = await connectWsApi({ url: peer.url });
  const started = Date.now();
  const pending = conn.request("ping", {}, { timeoutMs: 200 }).then(
    () => "answered",
    (e: unknown) => e,
  );
  await new Promise((r) => setTimeout(r, 20));
  const closed = conn.close();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    pending,
    new Promise((r) => (timer = setTimeout(r, 700, "still pending after 700 ms"))),
  ]);
  clearTimeout(timer);
  const took = Date.now() - started;
  peer.dropAll(); // frees the client's socket, which still waits for the close frame
  await closed;
  await pending;
  assert.ok(outcome instanceof RequestTimeoutError, `${String(outcome)} (${took} ms)`);
});
