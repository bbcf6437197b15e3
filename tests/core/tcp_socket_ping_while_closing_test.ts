// RFC 6455 §5.5.2: "Upon receipt of a Ping frame, an endpoint MUST send a Pong frame in
// response, unless it already received a Close frame." After our own close(), the server's
// close frame has not come yet: a ping then is still answered.
import assert from "node:assert/strict";
import { client, frame, peer } from "./_tcp_peer.ts";

Deno.test("tcp socket: a ping that arrives after our close() (before the server's close) is answered", async () => {
  const got: { opcode: number; payload: string }[] = [];
  await using p = peer(async (conn, reader) => {
    const close = await reader.next();
    await conn.write(frame(0x9, "still there?"));
    // The pong, if any, arrives before the peer's close frame goes out.
    const t = setTimeout(() => conn.write(frame(0x8, close.payload)), 500);
    try {
      const next = await reader.next();
      got.push({ opcode: next.opcode, payload: new TextDecoder().decode(next.payload) });
    } catch { /* the client cut the connection */ }
    clearTimeout(t);
    await conn.write(frame(0x8, close.payload)).catch(() => {});
  });
  const c = client(p.url);
  await c.opened;
  c.ws.close(1000, "bye");
  await c.closed;
  await p.done;
  assert.deepEqual(
    got,
    [{ opcode: 0xa, payload: "still there?" }],
    "no pong to a ping while CLOSING",
  );
});
