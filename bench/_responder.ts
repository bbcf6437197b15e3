// A WS API responder for the benchmarks that costs far less per request than any client: it
// speaks just enough WebSocket over a TCP listener, finds the request's `"id":` and
// `"method":"` with a byte search (it parses nothing else, checks no signature), and answers
// from prebuilt bytes: `{"id":` + the id's bytes as sent + the method's prebuilt status and
// result + `rateLimits` as Binance sends them (REQUEST_WEIGHT counted per connection, plus the
// method's other entries, e.g. ORDERS). Every answer to one read goes out in one write.
// `bench/_responder_worker.ts` runs it in a worker thread; `bench/ws_api_bench.ts` drives it.
//
// To add a method, add an entry to ANSWERS: its weight, its result JSON as Binance documents
// it, and any other rateLimits entries. A signed method is answered without verifying its
// signature (the client under test still signs every request, or logs on once).

/** What the responder answers to one method. */
export interface Answer {
  /** REQUEST_WEIGHT the request costs (added to the connection's count). */
  readonly weight: number;
  /** The `result` JSON text (status 200), or the `error` JSON text with `status`. */
  readonly result?: string;
  readonly error?: { status: number; body: string };
  /** Further `rateLimits` entries after REQUEST_WEIGHT, as JSON text, e.g. the ORDERS ones. */
  readonly rateLimits?: string;
}

/** The REQUEST_WEIGHT limit reported: high, so that a client-side governor never paces. */
export const WEIGHT_LIMIT = 1_000_000_000;

const ORDERS_LIMITS = '{"rateLimitType":"ORDERS","interval":"SECOND","intervalNum":10,' +
  '"limit":1000000,"count":1},{"rateLimitType":"ORDERS","interval":"DAY","intervalNum":1,' +
  '"limit":100000000,"count":1}';

/** Prebuilt answers, by method (shapes and weights from the Binance docs). */
export const ANSWERS: Readonly<Record<string, Answer>> = {
  "ping": { weight: 1, result: "{}" },
  "time": { weight: 1, result: '{"serverTime":1700000000000}' },
  "ticker.price": { weight: 2, result: '{"symbol":"BTCUSDT","price":"67012.34000000"}' },
  "ticker.book": {
    weight: 2,
    result: '{"symbol":"BTCUSDT","bidPrice":"67012.33000000","bidQty":"1.23456000",' +
      '"askPrice":"67012.34000000","askQty":"0.65432000"}',
  },
  // The signed benches (`signed_bench.ts`): order.test signed per request with HMAC, and
  // order.place LIMIT/RESULT on an Ed25519 session (session.logon once). Shapes as the docs'
  // examples; the ORDERS entries as the docs' order.place example sends them.
  "order.test": { weight: 1, result: "{}" },
  "session.logon": {
    weight: 2,
    result: '{"apiKey":"vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",' +
      '"authorizedSince":1700000000000,"connectedSince":1700000000000,' +
      '"returnRateLimits":false,"serverTime":1700000000000,"userDataStream":false}',
  },
  "order.place": {
    weight: 1,
    result: '{"symbol":"BTCUSDT","orderId":12569099453,"orderListId":-1,' +
      '"clientOrderId":"4d96324ff9d44481926157ec08158a40","transactTime":1700000000000,' +
      '"price":"23416.10000000","origQty":"0.00847000","executedQty":"0.00000000",' +
      '"origQuoteOrderQty":"0.000000","cummulativeQuoteQty":"0.00000000","status":"NEW",' +
      '"timeInForce":"GTC","type":"LIMIT","side":"SELL","workingTime":1700000000000,' +
      '"selfTradePreventionMode":"NONE"}',
    rateLimits: ORDERS_LIMITS,
  },
};

const UNSUPPORTED: Answer = {
  weight: 1,
  error: { status: 400, body: '{"code":-1020,"msg":"This operation is not supported."}' },
};

const encoder = new TextEncoder();

/** An answer as bytes: before the id, between id and count, after the count. */
interface Prebuilt {
  readonly weight: number;
  readonly head: Uint8Array;
  readonly middle: Uint8Array;
  readonly tail: Uint8Array;
}

function prebuild(answer: Answer): Prebuilt {
  const body = answer.result !== undefined
    ? `,"status":200,"result":${answer.result}`
    : `,"status":${answer.error!.status},"error":${answer.error!.body}`;
  return {
    weight: answer.weight,
    head: encoder.encode('{"id":'),
    middle: encoder.encode(
      `${body},"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE",` +
        `"intervalNum":1,"limit":${WEIGHT_LIMIT},"count":`,
    ),
    tail: encoder.encode(answer.rateLimits ? `},${answer.rateLimits}]}` : "}]}"),
  };
}

const PREBUILT = new Map(Object.entries(ANSWERS).map(([m, a]) => [m, prebuild(a)]));
const PREBUILT_UNSUPPORTED = prebuild(UNSUPPORTED);

const ID = encoder.encode('"id":');
const METHOD = encoder.encode('"method":"');

/** Where `needle` starts in `hay[from, to)`, or -1. */
function find(hay: Uint8Array, needle: Uint8Array, from: number, to: number): number {
  const first = needle[0];
  outer: for (let i = from; i <= to - needle.length; i++) {
    if (hay[i] !== first) continue;
    for (let k = 1; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** Busy time and requests answered, shared with the bench (Float64Array of 2). */
export type ResponderStats = Float64Array;

/** One connection's output: frames appended to a growing buffer, written once per read. */
class Output {
  buf = new Uint8Array(64 * 1024);
  length = 0;

  reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  bytes(b: Uint8Array): void {
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** A text frame: server frames are not masked. */
  frame(payloadLength: number): void {
    this.reserve(payloadLength + 4);
    const b = this.buf;
    b[this.length++] = 0x81;
    if (payloadLength < 126) b[this.length++] = payloadLength;
    else {
      b[this.length++] = 126;
      b[this.length++] = payloadLength >> 8;
      b[this.length++] = payloadLength & 0xff;
    }
  }

  digits(n: number): void {
    const s = String(n);
    for (let i = 0; i < s.length; i++) this.buf[this.length++] = s.charCodeAt(i);
  }
}

/** Answers one text request (unmasked payload `p[from, to)`) into `out`. */
function answer(p: Uint8Array, from: number, to: number, out: Output, state: { weight: number }) {
  const at = find(p, ID, from, to);
  let idStart = at + ID.length;
  let idEnd = idStart;
  if (at < 0) {
    idStart = idEnd = 0;
  } else {
    while (idEnd < to && p[idEnd] !== 44 /* , */ && p[idEnd] !== 125 /* } */) idEnd++;
  }
  const m = find(p, METHOD, from, to);
  let pre = PREBUILT_UNSUPPORTED;
  if (m >= 0) {
    let end = m + METHOD.length;
    let name = "";
    while (end < to && p[end] !== 34 /* " */) name += String.fromCharCode(p[end++]);
    pre = PREBUILT.get(name) ?? PREBUILT_UNSUPPORTED;
  }
  state.weight += pre.weight;
  const count = String(state.weight).length;
  const idLength = at < 0 ? 4 : idEnd - idStart; // `null` when no id was found
  const length = pre.head.length + idLength + pre.middle.length + count + pre.tail.length;
  out.frame(length);
  out.bytes(pre.head);
  if (at < 0) out.bytes(encoder.encode("null"));
  else out.bytes(p.subarray(idStart, idEnd));
  out.bytes(pre.middle);
  out.digits(state.weight);
  out.bytes(pre.tail);
}

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

async function handshake(conn: Deno.Conn): Promise<Uint8Array | undefined> {
  let head = new Uint8Array(0);
  const chunk = new Uint8Array(4096);
  for (;;) {
    const n = await conn.read(chunk);
    if (n === null) return undefined;
    const next = new Uint8Array(head.length + n);
    next.set(head);
    next.set(chunk.subarray(0, n), head.length);
    head = next;
    const text = new TextDecoder().decode(head);
    const end = text.indexOf("\r\n\r\n");
    if (end < 0) continue;
    const key = /sec-websocket-key:\s*(\S+)/i.exec(text.slice(0, end))?.[1] ?? "";
    const digest = await crypto.subtle.digest("SHA-1", encoder.encode(key + GUID));
    const accept = btoa(String.fromCharCode(...new Uint8Array(digest)));
    await writeAll(
      conn,
      encoder.encode(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
          `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
      ),
    );
    return head.subarray(end + 4);
  }
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  let off = 0;
  while (off < bytes.length) off += await conn.write(bytes.subarray(off));
}

/** Serves one connection until it closes. */
async function serve(conn: Deno.Conn, stats: ResponderStats): Promise<void> {
  const rest = await handshake(conn);
  if (rest === undefined) return;
  let buf = new Uint8Array(256 * 1024);
  buf.set(rest);
  let have = rest.length;
  const out = new Output();
  const state = { weight: 0 };
  for (;;) {
    if (have === buf.length) {
      const next = new Uint8Array(buf.length * 2);
      next.set(buf);
      buf = next;
    }
    const n = await conn.read(buf.subarray(have));
    if (n === null) return;
    const t0 = performance.now();
    have += n;
    let off = 0;
    let answered = 0;
    let closing = false;
    // Every complete frame in the buffer.
    while (have - off >= 2) {
      const b0 = buf[off];
      const b1 = buf[off + 1];
      let len = b1 & 0x7f;
      let at = off + 2;
      if (len === 126) {
        if (have - off < 4) break;
        len = (buf[off + 2] << 8) | buf[off + 3];
        at = off + 4;
      } else if (len === 127) {
        if (have - off < 10) break;
        len = Number(new DataView(buf.buffer, buf.byteOffset + off + 2, 8).getBigUint64(0));
        at = off + 10;
      }
      const masked = (b1 & 0x80) !== 0;
      const payload = at + (masked ? 4 : 0);
      if (have < payload + len) break;
      if (masked) {
        const m0 = buf[at], m1 = buf[at + 1], m2 = buf[at + 2], m3 = buf[at + 3];
        for (let i = 0; i < len; i++) {
          const k = i & 3;
          buf[payload + i] ^= k === 0 ? m0 : k === 1 ? m1 : k === 2 ? m2 : m3;
        }
      }
      const opcode = b0 & 0x0f;
      if (opcode === 0x1) {
        answer(buf, payload, payload + len, out, state);
        answered++;
      } else if (opcode === 0x9) { // ping: pong with the same payload
        out.reserve(len + 4);
        out.buf[out.length++] = 0x8a;
        out.buf[out.length++] = len;
        out.bytes(buf.subarray(payload, payload + len));
      } else if (opcode === 0x8) { // close: echo it, then end
        out.reserve(4);
        out.buf[out.length++] = 0x88;
        out.buf[out.length++] = 0;
        closing = true;
      }
      off = payload + len;
    }
    buf.copyWithin(0, off, have);
    have -= off;
    stats[0] += performance.now() - t0;
    stats[1] += answered;
    if (out.length > 0) {
      const bytes = out.buf.subarray(0, out.length);
      out.length = 0;
      await writeAll(conn, bytes);
    }
    if (closing) return;
  }
}

/**
 * Listens on 127.0.0.1 (port 0) and answers every connection from the prebuilt table.
 *
 * @returns The `ws://` base URL and a function that stops the listener.
 */
export function startResponder(stats: ResponderStats): { url: string; stop: () => void } {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns = new Set<Deno.Conn>();
  (async () => {
    for await (const conn of listener) {
      conn.setNoDelay(true);
      conns.add(conn);
      serve(conn, stats).catch(() => {}).finally(() => {
        conns.delete(conn);
        try {
          conn.close();
        } catch { /* closed */ }
      });
    }
  })().catch(() => {});
  return {
    url: `ws://127.0.0.1:${listener.addr.port}/ws-api/v3`,
    stop: () => {
      listener.close();
      for (const c of conns) {
        try {
          c.close();
        } catch { /* closed */ }
      }
    },
  };
}
