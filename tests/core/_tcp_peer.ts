// A raw RFC 6455 peer for the tests of core/_tcp_socket.ts: its own handshake and framing, written
// from the RFC, nothing of the client's.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { TcpWebSocket } from "../../core/_tcp_socket.ts";
import type { WireCloseEvent } from "../../core/_wire_socket.ts";

export const te = new TextEncoder();

/** One server frame (unmasked), or a masked one (a protocol failure) when `mask` is given. */
export function frame(opcode: number, payload: Uint8Array | string, fin = true, mask?: number[]) {
  const body = typeof payload === "string" ? te.encode(payload) : payload;
  const n = body.length;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const out = new Uint8Array(head + (mask ? 4 : 0) + n);
  out[0] = (fin ? 0x80 : 0) | opcode;
  if (head === 2) out[1] = n;
  else if (head === 4) {
    out[1] = 126;
    new DataView(out.buffer).setUint16(2, n);
  } else {
    out[1] = 127;
    new DataView(out.buffer).setBigUint64(2, BigInt(n));
  }
  if (mask) {
    out[1] |= 0x80;
    out.set(mask, head);
    for (let i = 0; i < n; i++) out[head + 4 + i] = body[i] ^ mask[i & 3];
  } else out.set(body, head);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((k, x) => k + x.length, 0));
  let at = 0;
  for (const x of parts) {
    out.set(x, at);
    at += x.length;
  }
  return out;
}

/** Reads the client's frames (masked, as RFC 6455 §5.3 requires: checked). */
export class FrameReader {
  #buf = new Uint8Array(0);
  constructor(readonly conn: Deno.Conn) {}
  async next(): Promise<{ opcode: number; payload: Uint8Array }> {
    for (;;) {
      const b = this.#buf;
      if (b.length >= 2) {
        assert.ok((b[1] & 0x80) !== 0, "a client frame must be masked");
        let n = b[1] & 0x7f;
        let at = 2;
        if (n === 126) [n, at] = [(b[2] << 8) | b[3], 4];
        else if (n === 127) {
          [n, at] = [Number(new DataView(b.buffer, b.byteOffset).getBigUint64(2)), 10];
        }
        if (b.length >= at + 4 + n) {
          const mask = b.subarray(at, at + 4);
          const payload = b.slice(at + 4, at + 4 + n).map((x, i) => x ^ mask[i & 3]);
          this.#buf = b.slice(at + 4 + n);
          return { opcode: b[0] & 0x0f, payload };
        }
      }
      const chunk = new Uint8Array(1 << 20);
      const got = await this.conn.read(chunk);
      if (got === null) throw new Error("the client closed the connection");
      const grown = new Uint8Array(b.length + got);
      grown.set(b);
      grown.set(chunk.subarray(0, got), b.length);
      this.#buf = grown;
    }
  }
}

export function acceptOf(key: string): string {
  return createHash("sha1").update(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest("base64");
}

/** A raw peer: one connection; `answer` (default: a plain 101) is written after the request. */
export function peer(
  script: (conn: Deno.Conn, reader: FrameReader) => Promise<void>,
  answer: (key: string) => string | Uint8Array = (key) =>
    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
    `Sec-WebSocket-Accept: ${acceptOf(key)}\r\n\r\n`,
) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const done = (async () => {
    const conn = await listener.accept();
    try {
      let head = "";
      const buf = new Uint8Array(4096);
      while (!head.includes("\r\n\r\n")) {
        const n = await conn.read(buf);
        if (n === null) return;
        head += new TextDecoder().decode(buf.subarray(0, n));
      }
      const key = head.match(/Sec-WebSocket-Key: (\S+)/i)![1];
      const a = answer(key);
      if (a.length > 0) await conn.write(typeof a === "string" ? te.encode(a) : a);
      await script(conn, new FrameReader(conn));
    } finally {
      try {
        conn.close();
      } catch { /* closed */ }
    }
  })();
  return {
    url: `ws://127.0.0.1:${(listener.addr as Deno.NetAddr).port}/stream`,
    done,
    async [Symbol.asyncDispose]() {
      await done;
      listener.close();
    },
  };
}

/**
 * A peer script: reads `count` frames' payloads as text into `got`, then closes with 1000 and
 * waits for the client's close frame.
 */
export function readTextsThenClose(got: string[], count: number | (() => number)) {
  return async (conn: Deno.Conn, reader: FrameReader): Promise<void> => {
    while (got.length < (typeof count === "number" ? count : count())) {
      got.push(new TextDecoder().decode((await reader.next()).payload));
    }
    await conn.write(frame(0x8, new Uint8Array([0x03, 0xe8])));
    await reader.next();
  };
}

/** Opens a TcpWebSocket and records what it hands over until it closes. */
export function client(url: string) {
  const ws = new TcpWebSocket(url);
  const messages: unknown[] = [];
  const errors: string[] = [];
  const closes: WireCloseEvent[] = [];
  const opened = Promise.withResolvers<void>();
  const closed = Promise.withResolvers<WireCloseEvent>();
  ws.onopen = () => opened.resolve();
  ws.onmessage = (e) => messages.push(e.data);
  ws.onerror = (e) => errors.push(e.message ?? "");
  ws.onclose = (e) => {
    closes.push(e);
    closed.resolve(e);
  };
  return { ws, messages, errors, closes, opened: opened.promise, closed: closed.promise };
}
