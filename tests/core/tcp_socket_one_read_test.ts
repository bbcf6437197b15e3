// Frames that arrive in one read. They are decoded in one call when all of their bytes are ASCII
// (core/_tcp_socket.ts `#prepare`): every frame must still arrive exactly as sent, whatever
// its header bytes (lengths whose bytes look like UTF-8 lead bytes), next to frames that are
// not ASCII, pings and fragments, and a bad byte must still close the socket with 1007. And
// queued work (the continuations that send the next requests) runs between them.
import assert from "node:assert/strict";
import { client, concatBytes, frame, peer } from "./_tcp_peer.ts";

/** An ASCII JSON text of exactly `n` bytes. */
function ascii(n: number, tag: string): string {
  const head = `{"t":"${tag}","p":"`;
  return head + "x".repeat(n - head.length - 2) + '"}';
}

Deno.test("tcp socket: the frames of one read arrive exactly as sent, ASCII or not", async () => {
  // Lengths whose low byte is 0xC3, 0xE2, 0xF0 (UTF-8 lead bytes), 0x81 (a continuation
  // byte), 125 and 126 (both header sizes), 0xFF.
  const sizes = [0x1c3, 0x1e2, 0x2f0, 0x181, 125, 126, 0x1ff, 0x3c3, 0x20];
  const first = sizes.map((n, i) => ascii(n, `a${i}`));
  const mixed = [
    ascii(0x1c3, "m0"),
    '{"s":"caf\u00e9 \u20ac \u{1F600}"}',
    ascii(0xf0, "m2"),
    "\u00e9" + ascii(0xe2, "m3"),
    ascii(300, "m4"),
  ];
  const last = [ascii(0x181, "z0"), ascii(0x2c3, "z1")];
  await using p = peer(async (conn, reader) => {
    await conn.write(concatBytes(...first.map((t) => frame(0x1, t))));
    // A ping and a fragmented message between whole ones, in one write.
    await conn.write(concatBytes(
      frame(0x1, mixed[0]),
      frame(0x9, "ping-\u00e9"),
      frame(0x1, mixed[1]),
      frame(0x1, mixed[2].slice(0, 100), false),
      frame(0x0, mixed[2].slice(100)),
      frame(0x1, mixed[3]),
      frame(0x1, mixed[4]),
    ));
    const pong = await reader.next();
    assert.equal(pong.opcode, 0xa);
    assert.equal(new TextDecoder().decode(pong.payload), "ping-\u00e9");
    await conn.write(concatBytes(...last.map((t) => frame(0x1, t))));
    const closing = await reader.next();
    assert.equal(closing.opcode, 0x8);
    await conn.write(frame(0x8, closing.payload));
  });
  const c = client(p.url);
  await c.opened;
  const want = [...first, ...mixed, ...last];
  while (c.messages.length < want.length) await new Promise((r) => setTimeout(r, 5));
  c.ws.close(1000);
  const closed = await c.closed;
  await p.done;
  assert.deepEqual(c.messages, want);
  assert.equal(closed.code, 1000);
  assert.deepEqual(c.errors, []);
});

Deno.test("tcp socket: a lone continuation byte among ASCII frames of one read closes with 1007", async () => {
  await using p = peer(async (conn, reader) => {
    await conn.write(concatBytes(
      frame(0x1, ascii(200, "ok")),
      frame(0x1, new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x81, 0x7d])),
      frame(0x1, ascii(200, "after")),
      frame(0x8, new Uint8Array([0x03, 0xe8])),
    ));
    await reader.next();
  });
  const c = client(p.url);
  const closed = await c.closed;
  await p.done;
  assert.deepEqual(c.messages, [ascii(200, "ok")]);
  assert.equal(closed.code, 1007);
});

Deno.test("tcp socket: many frames of one read let queued work run between them (answers go out early)", async () => {
  await using p = peer(async (conn, reader) => {
    await conn.write(
      concatBytes(...Array.from({ length: 64 }, (_, i) => frame(0x1, `{"i":${i}}`))),
    );
    const closing = await reader.next();
    await conn.write(frame(0x8, closing.payload));
  });
  const c = client(p.url);
  const order: string[] = [];
  c.ws.onmessage = (e) => {
    const i = JSON.parse(e.data as string).i as number;
    order.push(`m${i}`);
    // What a request's caller does once its answer is in: a continuation (it sends).
    queueMicrotask(() => order.push(`t${i}`));
    if (i === 63) c.ws.close(1000);
  };
  await c.closed;
  await p.done;
  assert.equal(order.filter((x) => x[0] === "m").length, 64);
  // Without a pause, all 64 frames would be handled before the first continuation ran.
  assert.ok(
    order.indexOf("t0") < order.indexOf("m20"),
    `the first continuation ran after frame 20: ${order.slice(0, 40).join(" ")}`,
  );
});
