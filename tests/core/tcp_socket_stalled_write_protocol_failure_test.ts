// A protocol failure while a write is stuck (the server stopped reading): the socket must still
// close within the close-handshake wait (3 s), not wait for the stuck write forever.
import assert from "node:assert/strict";
import { client, frame, peer } from "./_tcp_peer.ts";

Deno.test("tcp socket: a protocol failure during a stuck write still closes within the close wait", async () => {
  const release = Promise.withResolvers<void>();
  let closedAt = 0;
  await using p = peer(async (conn) => {
    // Never read: the client's writes fill the TCP buffers and its write hangs.
    await new Promise((r) => setTimeout(r, 300));
    const masked = frame(0x1, "{}");
    masked[1] |= 0x80;
    await conn.write(new Uint8Array([...masked, 1, 2, 3, 4]));
    await release.promise;
  });
  const c = client(p.url);
  await c.opened;
  const chunk = "x".repeat(1 << 20);
  for (let i = 0; i < 64; i++) c.ws.send(chunk);
  const start = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((r) => (timer = setTimeout(r, 6_000, "late")));
  const outcome = await Promise.race([c.closed.then((e) => e.code), late]);
  clearTimeout(timer);
  closedAt = Date.now() - start;
  release.resolve();
  await c.closed;
  assert.equal(outcome, 1002, `no close event within 6 s of the protocol failure (${closedAt} ms)`);
});
