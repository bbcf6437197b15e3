// What the socket sends: frames written in place in one output buffer (core/_tcp_socket.ts
// `#frame`), so every frame must arrive whole and masked right whatever its size: payload
// tails of 0 to 3 bytes after the whole words, a text whose UTF-8 needs a larger header than
// its length did (2 -> 4 and 4 -> 10 bytes), many frames of one turn that outgrow the buffer,
// and frames sent while a write is under way.
import assert from "node:assert/strict";
import { client, peer, readTextsThenClose } from "./_tcp_peer.ts";

Deno.test("tcp socket: every sent frame arrives whole, whatever its size, header and turn", async () => {
  const texts = [
    "",
    ...Array.from({ length: 9 }, (_, n) => "abcdefghi".slice(0, n + 1)),
    "\u00e9".repeat(100), // 100 units, 200 bytes: the header grows from 2 to 4 bytes
    "\u00e9".repeat(40_000), // 40 000 units, 80 000 bytes: from 4 to 10
    "x".repeat(125),
    "x".repeat(126),
    "x".repeat(65_535),
    "x".repeat(65_536),
  ];
  // One turn: 300 frames of 100 bytes (30 KB, more than the buffer at rest).
  const burst = Array.from({ length: 300 }, (_, i) => `{"i":${i}}`.padEnd(100, " "));
  const later = ["after 1", "after 2"];
  const want = [...texts, ...burst, ...later];
  const got: string[] = [];
  await using p = peer(readTextsThenClose(got, want.length));
  const c = client(p.url);
  await c.opened;
  for (const t of texts) c.ws.send(t);
  for (const t of burst) c.ws.send(t);
  // A macrotask later, with the first write likely still under way: the spare buffer.
  await new Promise((r) => setTimeout(r, 0));
  for (const t of later) c.ws.send(t);
  await c.closed;
  assert.equal(got.length, want.length);
  for (let i = 0; i < want.length; i++) assert.equal(got[i], want[i], `frame ${i}`);
});
