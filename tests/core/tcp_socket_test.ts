// The WebSocket client on Deno's TCP connections (core/_tcp_socket.ts), against a raw peer
// written here from RFC 6455: its own handshake, its own framing, nothing of the client's.
import assert from "node:assert/strict";
import { TcpWebSocket } from "../../core/_tcp_socket.ts";
import { openSocket, SocketHandle } from "../../core/_socket.ts";
import type { WireCloseEvent } from "../../core/_wire_socket.ts";
import { ConnectionOpenError, connectStreams, tradeStream } from "../../mod.ts";
import { client, concatBytes, frame, peer, readTextsThenClose, te } from "./_tcp_peer.ts";

Deno.test("tcp socket: a ping is answered at once with a pong of the same payload", async () => {
  let pong: { opcode: number; payload: Uint8Array } | undefined;
  await using p = peer(async (conn, reader) => {
    await conn.write(frame(0x9, "are you there"));
    pong = await reader.next();
    await conn.write(frame(0x8, new Uint8Array([0x03, 0xe8])));
    await reader.next(); // the close answer
  });
  const c = client(p.url);
  await c.closed;
  assert.equal(pong?.opcode, 0xa);
  assert.equal(new TextDecoder().decode(pong!.payload), "are you there");
  assert.deepEqual(c.messages, [], "a ping is not a message");
});

Deno.test("tcp socket: a fragmented message, a ping between its parts, and UTF-8 split across writes", async () => {
  const text = '{"s":"币安人生USDT","p":"0.00100000"}';
  const bytes = te.encode(text);
  const cut = bytes.indexOf(0xe5) + 1; // inside the first multi-byte character
  await using p = peer(async (conn, reader) => {
    await conn.write(frame(0x1, bytes.subarray(0, cut), false));
    await conn.write(frame(0x9, "x"));
    const whole = frame(0x0, bytes.subarray(cut), true);
    await conn.write(whole.subarray(0, 3)); // a frame header split across two writes
    await new Promise((r) => setTimeout(r, 20));
    await conn.write(whole.subarray(3));
    await reader.next(); // pong
    await conn.write(frame(0x1, text));
    await conn.write(frame(0x8, new Uint8Array([0x0f, 0xa0, ...te.encode("done")])));
    await reader.next();
  });
  const c = client(p.url);
  const closed = await c.closed;
  assert.deepEqual(c.messages, [text, text]);
  assert.equal(closed.code, 4000);
  assert.equal(closed.reason, "done");
  assert.equal(closed.wasClean, true);
});

Deno.test("tcp socket: a message of 1 MiB (64-bit length) arrives whole, and the next one too", async () => {
  const big = JSON.stringify({ data: "x".repeat(1 << 20) });
  await using p = peer(async (conn, reader) => {
    await conn.write(frame(0x1, big));
    await conn.write(frame(0x1, '{"after":1}'));
    await conn.write(frame(0x8, new Uint8Array([0x03, 0xe8])));
    await reader.next();
  });
  const c = client(p.url);
  await c.closed;
  assert.equal(c.messages.length, 2);
  assert.equal(c.messages[0], big);
  assert.equal(c.messages[1], '{"after":1}');
});

for (
  const [name, bytes, code] of [
    ["a text frame that is not UTF-8", frame(0x1, new Uint8Array([0x7b, 0xff, 0x7d])), 1007],
    ["a masked frame from the server", frame(0x1, "{}", true, [1, 2, 3, 4]), 1002],
    ["a frame with an unknown opcode", frame(0x3, "{}"), 1002],
    ["a continuation with no message under way", frame(0x0, "{}"), 1002],
  ] as const
) {
  Deno.test(`tcp socket: ${name} closes the socket with ${code}, and is not delivered`, async () => {
    let answer: { opcode: number; payload: Uint8Array } | undefined;
    await using p = peer(async (conn, reader) => {
      // What follows the bad frame must not be delivered either; a client that took the bad
      // frame would answer the peer's close frame (1000) instead of sending its own.
      await conn.write(concatBytes(
        frame(0x1, '{"ok":1}'),
        bytes,
        frame(0x1, '{"after":1}'),
        frame(0x8, new Uint8Array([0x03, 0xe8])),
      ));
      answer = await reader.next();
    });
    const c = client(p.url);
    const closed = await c.closed;
    await p.done;
    assert.deepEqual(c.messages, ['{"ok":1}']);
    assert.equal(closed.code, code);
    assert.equal(answer?.opcode, 0x8, "the client sends its close frame");
    assert.equal((answer!.payload[0] << 8) | answer!.payload[1], code);
  });
}

Deno.test("tcp socket: a connection that ends without a close frame is an error, then 1006", async () => {
  await using p = peer(async (conn) => {
    await conn.write(frame(0x1, '{"ok":1}'));
  });
  const c = client(p.url);
  const closed = await c.closed;
  assert.equal(closed.code, 1006);
  assert.equal(closed.wasClean, false);
  assert.equal(c.errors.length, 1);
  assert.deepEqual(c.messages, ['{"ok":1}']);
});

Deno.test("tcp socket: close() sends a masked close frame, and the peer's answer ends the socket", async () => {
  let got: { opcode: number; payload: Uint8Array } | undefined;
  await using p = peer(async (conn, reader) => {
    got = await reader.next();
    await conn.write(frame(0x8, got.payload));
  });
  const c = client(p.url);
  await c.opened;
  c.ws.close(1000, "bye");
  assert.equal(c.ws.readyState, 2);
  const closed = await c.closed;
  assert.equal(got?.opcode, 0x8);
  assert.equal(new TextDecoder().decode(got!.payload.subarray(2)), "bye");
  assert.equal(closed.code, 1000);
  assert.equal(c.ws.readyState, 3);
  assert.deepEqual(c.errors, []);
});

Deno.test("tcp socket: a wrong Sec-WebSocket-Accept fails the open, nothing leaks", async () => {
  await using p = peer(
    async () => {},
    () =>
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
      "Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n",
  );
  const error = await openSocket(p.url, (ws) => new SocketHandle(ws), 2000).catch((e) => e);
  assert.ok(error instanceof ConnectionOpenError, String(error));
  assert.match(error.message, /Sec-WebSocket-Accept/);
});

Deno.test({
  name: "tcp socket: a denied --allow-net says which flag to add",
  permissions: { net: false },
  async fn() {
    const error = await openSocket("ws://127.0.0.1:9/stream", (ws) => new SocketHandle(ws), 2000)
      .catch((e) => e);
    assert.ok(error instanceof ConnectionOpenError, String(error));
    assert.match(error.message, /--allow-net=127\.0\.0\.1:9/);
  },
});

Deno.test("tcp socket: 2000 frames in one write reach a for-await loop without piling up in its buffer", async () => {
  const n = 2000;
  await using p = peer(async (conn, reader) => {
    const sub = await reader.next(); // SUBSCRIBE
    const id = JSON.parse(new TextDecoder().decode(sub.payload)).id;
    await conn.write(frame(0x1, JSON.stringify({ result: null, id })));
    const parts: Uint8Array[] = [];
    for (let t = 1; t <= n; t++) {
      const data = {
        e: "trade",
        E: 1700000000000 + t,
        s: "BTCUSDT",
        t,
        p: "1.00",
        q: "2.00",
        T: 1700000000000 + t,
        m: false,
        M: true,
      };
      parts.push(frame(0x1, JSON.stringify({ stream: "btcusdt@trade", data })));
    }
    await conn.write(concatBytes(...parts));
    // The UNSUBSCRIBE on `break`, answered; then the close handshake.
    const unsub = await reader.next();
    const id2 = JSON.parse(new TextDecoder().decode(unsub.payload)).id;
    await conn.write(frame(0x1, JSON.stringify({ result: null, id: id2 })));
    const close = await reader.next();
    await conn.write(frame(0x8, close.payload));
  });
  const conn = await connectStreams({ url: p.url.replace(/\/stream$/, ""), reconnect: false });
  try {
    const sub = await tradeStream(conn, { symbol: "BTCUSDT" });
    let seen = 0;
    for await (const trade of sub) {
      assert.equal(trade.tradeId, ++seen);
      if (seen === n) break;
    }
    // With every frame of a read handed over in one go, the loop would run only between reads
    // and the buffer would hold most of the 2000 (a few wait while the loop starts).
    assert.ok(sub.stats.highWaterMark <= 16, `high water mark ${sub.stats.highWaterMark}`);
  } finally {
    await conn.close();
  }
});

// A test-only certificate and key for 127.0.0.1 (self-signed, made with openssl for this test; no
// secret of anyone's): the wss: path on Deno.connectTls, against Deno's own TLS server.
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBjjCCATOgAwIBAgIUGzP2hlzyO8vM9HhTNvrUSDTxOZ4wCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwMzA4MzE0NVoYDzIxMjYxMTA5
MDgzMTQ1WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARcxsBpgg5HfwAQJb7gwuV6sSqYrVD7PYWj9QJJY5OIkG0Ko4fbxE7F
9RsmJZtdL0E3sUj3JlI8mwWoxS64vhMDo2EwXzAdBgNVHQ4EFgQU+75u6458mjPV
pwtmw7TyxM9PRXMwHwYDVR0jBBgwFoAU+75u6458mjPVpwtmw7TyxM9PRXMwDwYD
VR0RBAgwBocEfwAAATAMBgNVHRMBAf8EAjAAMAoGCCqGSM49BAMCA0kAMEYCIQCo
zgRoOSP8dPhZBw5k5BQgqyMlrzYOx0eLxJLP6/bYKwIhALIgpIiTLwYjiRjA7OQQ
MAZLKnTLaGELh6tpSYTo41k5
-----END CERTIFICATE-----`;
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgO/ppxiBBNWWvw370
BtNijvzWa0D5ZzLAhoIhKr1bsv+hRANCAARcxsBpgg5HfwAQJb7gwuV6sSqYrVD7
PYWj9QJJY5OIkG0Ko4fbxE7F9RsmJZtdL0E3sUj3JlI8mwWoxS64vhMD
-----END PRIVATE KEY-----`;

Deno.test("tcp socket: wss: opens over TLS, checks the certificate, and carries frames both ways", async () => {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, cert: TEST_CERT, key: TEST_KEY, onListen() {} },
    (req) => {
      const { socket, response } = Deno.upgradeWebSocket(req);
      socket.onmessage = (e) => socket.send(`echo ${e.data}`);
      return response;
    },
  );
  try {
    const url = `wss://127.0.0.1:${server.addr.port}/ws-api/v3`;
    // Trusted: the frames go both ways, and the close handshake ends it.
    const ws = new TcpWebSocket(url, { caCerts: [TEST_CERT] });
    const got = Promise.withResolvers<unknown>();
    const closed = Promise.withResolvers<WireCloseEvent>();
    ws.onopen = () => ws.send('{"id":1}');
    ws.onmessage = (e) => {
      got.resolve(e.data);
      ws.close(1000, "done");
    };
    ws.onclose = (e) => closed.resolve(e);
    assert.equal(await got.promise, 'echo {"id":1}');
    assert.equal((await closed.promise).code, 1000);
    // Not trusted (the default roots only): the open fails.
    const error = await openSocket(url, (w) => new SocketHandle(w), 2000).catch((e) => e);
    assert.ok(error instanceof ConnectionOpenError, String(error));
  } finally {
    await server.shutdown();
  }
});

Deno.test("tcp socket: close() takes only the codes and reasons WebSocket takes, and sends one close frame", async () => {
  const frames: number[] = [];
  await using p = peer(async (conn, reader) => {
    const first = await reader.next();
    frames.push(first.opcode);
    // A protocol failure after our close frame: no second close frame follows.
    await conn.write(frame(0x3, "{}"));
    await new Promise((r) => setTimeout(r, 50));
    try {
      for (;;) frames.push((await reader.next()).opcode);
    } catch { /* the client ended the connection */ }
  });
  const c = client(p.url);
  await c.opened;
  assert.throws(
    () => c.ws.close(1006),
    (e: unknown) => (e as DOMException).name === "InvalidAccessError",
  );
  assert.throws(
    () => c.ws.close(1000, "x".repeat(124)),
    (e: unknown) => (e as DOMException).name === "SyntaxError",
  );
  assert.equal(c.ws.readyState, 1, "a refused close() leaves the socket open");
  c.ws.close(4000, "idle");
  const closed = await c.closed;
  await p.done;
  assert.deepEqual(frames, [0x8]);
  assert.equal(closed.code, 1002);
});

Deno.test("tcp socket: a sent text that is not ASCII goes out whole, masked, as UTF-8", async () => {
  const texts = ['{"symbol":"币安人生USDT"}', "é".repeat(200), "x".repeat(70000) + "€"];
  const got: string[] = [];
  await using p = peer(readTextsThenClose(got, texts.length));
  const c = client(p.url);
  await c.opened;
  for (const t of texts) c.ws.send(t);
  await c.closed;
  assert.deepEqual(got, texts);
});
