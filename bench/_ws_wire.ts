// Private: just enough server-side WebSocket for the bench's counterparts (the stream sender
// worker and the whole-market capture sender): the upgrade, unmasked text frames out, and the
// masked text frames a client sends, read until it closes.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Writes all of `data`. */
export async function writeAll(conn: Deno.Conn, data: Uint8Array): Promise<void> {
  for (let off = 0; off < data.length;) off += await conn.write(data.subarray(off));
}

/** Encodes one unmasked server text frame. */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  const n = payload.length;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const out = new Uint8Array(head + n);
  out[0] = 0x81;
  if (n < 126) out[1] = n;
  else if (n < 65536) {
    out[1] = 126;
    out[2] = n >> 8;
    out[3] = n & 0xff;
  } else {
    out[1] = 127;
    new DataView(out.buffer).setBigUint64(2, BigInt(n));
  }
  out.set(payload, head);
  return out;
}

/**
 * Writes `count` text frames, the `i`th being `text(i)`, encoded up front and sent in one write:
 * the counterpart then costs the bench next to nothing per frame.
 */
export async function writeTexts(
  conn: Deno.Conn,
  count: number,
  text: (i: number) => string,
): Promise<void> {
  await writeAll(conn, encodeTexts(count, text));
}

/** `count` text frames, the `i`th being `text(i)`, encoded into one buffer. */
export function encodeTexts(count: number, text: (i: number) => string): Uint8Array {
  const frames: Uint8Array[] = [];
  let size = 0;
  for (let i = 0; i < count; i++) {
    const f = encodeFrame(encoder.encode(text(i)));
    frames.push(f);
    size += f.length;
  }
  const all = new Uint8Array(size);
  let off = 0;
  for (const f of frames) {
    all.set(f, off);
    off += f.length;
  }
  return all;
}

/** Answers the HTTP upgrade; resolves with the request path and the bytes read past it. */
export async function handshake(conn: Deno.Conn): Promise<{ path: string; rest: Uint8Array }> {
  let buf = new Uint8Array(0);
  const chunk = new Uint8Array(4096);
  for (;;) {
    const n = await conn.read(chunk);
    if (n === null) throw new Error("closed during the handshake");
    const joined = new Uint8Array(buf.length + n);
    joined.set(buf);
    joined.set(chunk.subarray(0, n), buf.length);
    buf = joined;
    const text = decoder.decode(buf);
    const end = text.indexOf("\r\n\r\n");
    if (end < 0) continue;
    const path = text.split(" ")[1].split("?")[0];
    const key = /sec-websocket-key:\s*(\S+)/i.exec(text)![1];
    const digest = await crypto.subtle.digest(
      "SHA-1",
      encoder.encode(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`),
    );
    const accept = btoa(String.fromCharCode(...new Uint8Array(digest)));
    await writeAll(
      conn,
      encoder.encode(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
          `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
      ),
    );
    return { path, rest: buf.subarray(encoder.encode(text.slice(0, end + 4)).length) };
  }
}

/**
 * The client's text frames (unmasked, decoded), from `rest` and then the socket, until the
 * client closes (its close frame is answered) or the socket ends.
 */
export async function* clientTexts(conn: Deno.Conn, rest: Uint8Array): AsyncGenerator<string> {
  let buf = rest;
  const chunk = new Uint8Array(65536);
  for (;;) {
    while (buf.length >= 2) {
      let len = buf[1] & 0x7f;
      let head = 2;
      if (len === 126) {
        if (buf.length < 4) break;
        len = (buf[2] << 8) | buf[3];
        head = 4;
      } else if (len === 127) {
        if (buf.length < 10) break;
        len = Number(new DataView(buf.buffer, buf.byteOffset).getBigUint64(2));
        head = 10;
      }
      if (buf.length < head + 4 + len) break;
      const mask = buf.subarray(head, head + 4);
      const payload = buf.slice(head + 4, head + 4 + len);
      for (let i = 0; i < len; i++) payload[i] ^= mask[i & 3];
      const opcode = buf[0] & 0x0f;
      buf = buf.subarray(head + 4 + len);
      if (opcode === 8) {
        await writeAll(conn, new Uint8Array([0x88, 0])).catch(() => {});
        return;
      }
      if (opcode === 1) yield decoder.decode(payload);
    }
    const n = await conn.read(chunk).catch(() => null);
    if (n === null) return;
    const joined = new Uint8Array(buf.length + n);
    joined.set(buf);
    joined.set(chunk.subarray(0, n), buf.length);
    buf = joined;
  }
}
