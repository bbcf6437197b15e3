// A stream server in its own thread that sends prebuilt frames as fast as the network
// takes them, so the benchmark measures the receiving clients, not the sender. It speaks
// just enough WebSocket over a TCP listener to write thousands of encoded frames in one
// write: it answers SUBSCRIBE and LIST_SUBSCRIPTIONS on /stream, and `depth` on /ws-api/v3
// with a snapshot consistent with its diff depth frames.

interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
}
const scope = self as unknown as WorkerScope;

const LEVELS = 20;
const VARIANTS = 64;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function dec(units: number): string {
  return `${Math.floor(units / 1e8)}.${String(units % 1e8).padStart(8, "0")}`;
}

/** Price levels as exact decimal strings: bids below 1000, asks from 1000 up. */
function side(variant: number, bids: boolean): string {
  const out: string[] = [];
  for (let i = 0; i < LEVELS; i++) {
    const tick = (variant * 7 + i * 3) % 200;
    const price = bids ? 999_00000000 - tick * 1000000 : 1000_00000000 + tick * 1000000;
    // Every fifth level is removed (quantity zero), the others get a new quantity.
    const qty = (i + variant) % 5 === 0 ? 0 : 1_00000000 + ((variant * 131 + i * 17) % 9973) * 1000;
    out.push(`["${dec(price)}","${dec(qty)}"]`);
  }
  return `[${out.join(",")}]`;
}

const bidSets = Array.from({ length: VARIANTS }, (_, v) => side(v, true));
const askSets = Array.from({ length: VARIANTS }, (_, v) => side(v, false));
const ids = new Map<string, number>();

function frame(stream: string, n: number): string {
  const symbol = stream.slice(0, stream.indexOf("@")).toUpperCase();
  const E = Date.now();
  if (stream.endsWith("@trade")) {
    return `{"stream":"${stream}","data":{"e":"trade","E":${E},"s":"${symbol}","t":${n},"p":"${
      dec(100000_00000000 + (n % 1000) * 1000000)
    }","q":"${dec(1000 + (n % 977) * 1000)}","T":${E},"m":${n % 2 === 0},"M":true}}`;
  }
  const v = n % VARIANTS;
  return `{"stream":"${stream}","data":{"e":"depthUpdate","E":${E},"s":"${symbol}","U":${n},"u":${n},"b":${
    bidSets[v]
  },"a":${askSets[v]}}}`;
}

/** Encodes one unmasked server text frame. */
function encodeFrame(payload: Uint8Array): Uint8Array {
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

async function writeAll(conn: Deno.Conn, data: Uint8Array): Promise<void> {
  for (let off = 0; off < data.length;) off += await conn.write(data.subarray(off));
}

const conns = new Map<string, Deno.Conn>();

scope.onmessage = async (e) => {
  const { stream, count } = e.data as { stream: string; count: number };
  const conn = conns.get(stream);
  if (!conn) throw new Error(`nobody subscribed ${stream}`);
  let next = ids.get(stream) ?? 1;
  const frames: Uint8Array[] = [];
  let size = 0;
  for (let i = 0; i < count; i++) {
    const f = encodeFrame(encoder.encode(frame(stream, next++)));
    frames.push(f);
    size += f.length;
  }
  ids.set(stream, next);
  const all = new Uint8Array(size);
  let off = 0;
  for (const f of frames) {
    all.set(f, off);
    off += f.length;
  }
  await writeAll(conn, all);
};

async function handshake(conn: Deno.Conn): Promise<{ path: string; rest: Uint8Array }> {
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

/** Reads masked client frames; calls `onText` for each text frame; ends on a close frame. */
async function serve(conn: Deno.Conn) {
  const { path, rest } = await handshake(conn);
  let buf = rest;
  const chunk = new Uint8Array(65536);
  const reply = (value: unknown) =>
    writeAll(conn, encodeFrame(encoder.encode(JSON.stringify(value))));
  const subscribed: string[] = [];
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
        conn.close();
        return;
      }
      if (opcode !== 1) continue;
      const msg = JSON.parse(decoder.decode(payload));
      if (path === "/ws-api/v3") {
        // The book starts empty at id 0; diff frames start at id 1.
        const stream = `${String(msg.params.symbol).toLowerCase()}@depth@100ms`;
        await reply({
          id: msg.id,
          status: 200,
          result: { lastUpdateId: (ids.get(stream) ?? 1) - 1, bids: [], asks: [] },
        });
      } else if (msg.method === "LIST_SUBSCRIPTIONS") {
        await reply({ result: subscribed, id: msg.id });
      } else {
        for (const stream of msg.params ?? []) {
          conns.set(stream, conn);
          subscribed.push(stream);
        }
        await reply({ result: null, id: msg.id });
      }
    }
    const n = await conn.read(chunk).catch(() => null);
    if (n === null) return;
    const joined = new Uint8Array(buf.length + n);
    joined.set(buf);
    joined.set(chunk.subarray(0, n), buf.length);
    buf = joined;
  }
}

const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
scope.postMessage({ base: `ws://127.0.0.1:${(listener.addr as Deno.NetAddr).port}` });
for await (const conn of listener) void serve(conn).catch(() => conn.close());
