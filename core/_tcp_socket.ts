// Private: a WebSocket client (RFC 6455) on Deno's own TCP and TLS connections.
//
// Why: Deno's `WebSocket` costs more per message than the rest of a trade's path in this
// module (an op and a `MessageEvent` dispatch per frame, and each text frame made a string in
// its own call). Here one read takes every frame that has arrived (often hundreds), a text
// frame's bytes become a string in one decoder call, and the sends of one turn of the event
// loop go out in one write. It keeps what the connections rely on: the `WebSocket` fields
// and handlers they use (`readyState`, `onopen`, `onmessage`, `onerror`, `onclose`, `send`,
// `close`), pings answered at once, the close handshake, fragmented messages, strict UTF-8 for
// text (an invalid frame closes the socket with 1007), and the protocol checks of RFC 6455
// (a masked or unknown frame from the server closes it with 1002).
import { backlog } from "./_backlog.ts";
import { WireState } from "./_wire_socket.ts";
import type {
  WireCloseEvent,
  WireErrorEvent,
  WireMessageEvent,
  WireSocket,
} from "./_wire_socket.ts";

/** The GUID of RFC 6455 §1.3, appended to the key for `Sec-WebSocket-Accept`. */
const ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
/** The largest message taken (Deno's `WebSocket` takes 64 MiB too); larger closes with 1009. */
const MAX_MESSAGE = 64 * 1024 * 1024;
/** The largest handshake answer taken. */
const MAX_HANDSHAKE = 16 * 1024;
/** The read buffer at rest; it grows for a larger frame and shrinks back after it. */
const READ_BUFFER = 64 * 1024;
/** The output buffer at rest; it grows for more and is dropped after its write. */
const WRITE_BUFFER = 16 * 1024;
/** How long our close frame may wait for the server's before the TCP connection is cut. */
const CLOSE_WAIT_MS = 3_000;

const encoder = new TextEncoder();
// `ignoreBOM`: a frame's text is taken as sent, as Deno's `WebSocket` does.
const loose = new TextDecoder("utf-8", { ignoreBOM: true });
const strict = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true });

/** Mask keys (RFC 6455 §5.3: from a strong source), drawn from the system's CSPRNG in batches. */
const maskPool = new Uint32Array(256);
let maskNext = maskPool.length;
function maskKey(): number {
  if (maskNext === maskPool.length) {
    crypto.getRandomValues(maskPool);
    maskNext = 0;
  }
  return maskPool[maskNext++];
}

/**
 * Header positions and bytes blanked by `TcpWebSocket#prepare`, in pairs: reused by every
 * socket (the blanking and the restoring happen in one synchronous step).
 */
const headerScratch = new Uint32Array(2 * 4096);

/** Puts back the header bytes `TcpWebSocket#prepare` blanked. */
function restore(buf: Uint8Array, heads: Uint32Array, n: number): void {
  for (let i = 0; i < n; i += 2) {
    const p = heads[i];
    const word = heads[i + 1];
    if (word <= 0xffff) {
      buf[p] = word >> 8;
      buf[p + 1] = word & 0xff;
    } else {
      buf[p] = word >>> 24;
      buf[p + 1] = (word >> 16) & 0xff;
      buf[p + 2] = (word >> 8) & 0xff;
      buf[p + 3] = word & 0xff;
    }
  }
}

/** What handling the next frame did. */
type Step = 0 | 1 | 2 | 3;
const NEED_MORE = 0, MESSAGE = 1, CONTROL = 2, CLOSED = 3;

/** A protocol failure: the socket closes with `code` (RFC 6455 §7.4.1). */
class ProtocolFailure extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

/** Whether `Deno.connect` is there (Deno): else the platform's `WebSocket` is used. */
export function hasTcp(): boolean {
  // deno-lint-ignore no-explicit-any
  const deno = (globalThis as any).Deno;
  return typeof deno?.connect === "function" && typeof deno?.startTls === "function";
}

/** A WebSocket client on a TCP (ws:) or TLS (wss:) connection. */
export class TcpWebSocket implements WireSocket {
  readyState: number = WireState.CONNECTING;
  onopen: (() => void) | null = null;
  onmessage: ((event: WireMessageEvent) => void) | null = null;
  onerror: ((event: WireErrorEvent) => void) | null = null;
  onclose: ((event: WireCloseEvent) => void) | null = null;

  #conn: Deno.Conn | undefined;
  /** Cancels a TCP connect under way (`close()` while connecting). */
  readonly #connecting = new AbortController();
  #buf = new Uint8Array(READ_BUFFER);
  /** The bytes read into `#buf`, the first not handled yet, and the size of a frame under way. */
  #len = 0;
  #off = 0;
  #need = 0;
  /**
   * The text of the whole frames in `#buf` from `#textBase` to `#textEnd`, decoded in one call
   * (see `#prepare`): a text frame in that span is a slice of it. Empty when no span is.
   */
  #text = "";
  #textBase = 0;
  #textEnd = 0;
  #sinceYield = 0;
  /** The parts of a fragmented message, and its opcode. */
  #parts: Uint8Array[] | undefined;
  #partsSize = 0;
  #partsOpcode = 0;
  /** Frames waiting to be written (`#outLen` bytes of `#outBuf`), and whether a write is under way. */
  #outBuf = new Uint8Array(WRITE_BUFFER);
  #outView = new DataView(this.#outBuf.buffer);
  #outLen = 0;
  /** The buffer last written, for the frames of the next write. */
  #spare: Uint8Array<ArrayBuffer> | undefined;
  #writing: Promise<void> | undefined;
  #closeTimer: ReturnType<typeof setTimeout> | undefined;
  /** The close frame the server sent, if it did. */
  #closeCode = 1006;
  #closeReason = "";
  #closeClean = false;
  #finished = false;
  /** Whether our close frame was queued (one per socket). */
  #closeSent = false;
  /** More root certificates for wss: (tests; the default roots otherwise). */
  readonly #caCerts: string[] | undefined;

  /**
   * Starts connecting; the outcome is `onopen`, or `onerror` then `onclose`.
   *
   * @param url A ws: or wss: URL.
   * @param options `caCerts`: root certificates to trust besides the default ones (wss:).
   * @throws {SyntaxError} when `url` is not a ws: or wss: URL.
   */
  constructor(url: string, options: { caCerts?: string[] } = {}) {
    this.#caCerts = options.caCerts;
    const u = new URL(url);
    if (u.protocol !== "ws:" && u.protocol !== "wss:") {
      throw new SyntaxError(`Cannot open "${url}": the scheme must be ws: or wss:`);
    }
    void this.#run(u);
  }

  send(text: string): void {
    if (this.readyState === WireState.CONNECTING) {
      throw new DOMException("Cannot send: the socket is not open yet", "InvalidStateError");
    }
    // As `WebSocket`: data given to a closing socket is dropped.
    if (this.readyState !== WireState.OPEN) return;
    this.#frame(0x1, text);
  }

  close(code: number = 1000, reason: string = ""): void {
    // As `WebSocket`: only a code a client may send, and a reason that fits a control frame.
    if (code !== 1000 && !(code >= 3000 && code <= 4999)) {
      throw new DOMException(`Cannot close with the code ${code}`, "InvalidAccessError");
    }
    const reasonBytes = encoder.encode(reason);
    if (reasonBytes.length > 123) {
      throw new DOMException("Cannot close: the reason is longer than 123 bytes", "SyntaxError");
    }
    if (this.readyState >= WireState.CLOSING) return;
    if (this.readyState === WireState.CONNECTING) {
      this.readyState = WireState.CLOSING;
      this.#connecting.abort();
      // The run ends the socket (1006) once the connect or handshake under way gives up.
      this.#conn?.close();
      return;
    }
    this.readyState = WireState.CLOSING;
    const payload = new Uint8Array(2 + reasonBytes.length);
    payload[0] = code >> 8;
    payload[1] = code & 0xff;
    payload.set(reasonBytes, 2);
    this.#frame(0x8, payload);
    // The server answers with its close frame, and the run ends the socket; a peer that
    // never answers is cut off.
    this.#closeTimer ??= setTimeout(() => this.#cut(), CLOSE_WAIT_MS);
  }

  /** Connects, upgrades, then reads until the socket closes. */
  async #run(url: URL): Promise<void> {
    let error: unknown;
    try {
      const conn = await this.#connect(url);
      this.#conn = conn;
      if (this.readyState !== WireState.CONNECTING) throw new Error("closed while connecting");
      await this.#handshake(conn, url);
      if (this.readyState !== WireState.CONNECTING) throw new Error("closed while connecting");
      this.readyState = WireState.OPEN;
      this.#call(this.onopen, undefined);
      // Frames that came with the answer wait for the next task, as `WebSocket` delivers its
      // messages in tasks: the opener sets `onmessage` once it sees the open (a continuation).
      if (this.#len > 0) await new Promise((resolve) => setTimeout(resolve, 0));
      await this.#read(conn);
    } catch (e) {
      error = e;
    }
    await this.#finish(error);
  }

  async #connect(url: URL): Promise<Deno.Conn> {
    // `[::1]` as Deno takes it; the port of the scheme when none is given.
    const hostname = url.hostname;
    const tls = url.protocol === "wss:";
    const port = url.port === "" ? (tls ? 443 : 80) : Number(url.port);
    const tcp = await Deno.connect({ hostname, port, signal: this.#connecting.signal });
    // Requests and pongs go out at once, never held back for a coalescing (Nagle) delay.
    tcp.setNoDelay(true);
    // TLS on the TCP connection made here: `Deno.connectTls` takes no signal, so `close()`
    // could not end its connect. The TLS handshake runs on the first read or write.
    return tls ? Deno.startTls(tcp, { hostname, caCerts: this.#caCerts }) : tcp;
  }

  /** The opening handshake (RFC 6455 §4.1): the answer must accept our key, and no more. */
  async #handshake(conn: Deno.Conn, url: URL): Promise<void> {
    const key = new Uint8Array(16);
    crypto.getRandomValues(key);
    const keyText = key.toBase64();
    const request = `GET ${url.pathname}${url.search} HTTP/1.1\r\n` +
      `Host: ${url.host}\r\n` +
      "Upgrade: websocket\r\nConnection: Upgrade\r\n" +
      `Sec-WebSocket-Key: ${keyText}\r\nSec-WebSocket-Version: 13\r\n\r\n`;
    await writeAll(conn, encoder.encode(request));
    let end = -1;
    while (end < 0) {
      if (this.#len === this.#buf.length || this.#len >= MAX_HANDSHAKE) {
        throw new Error("the handshake answer is too long");
      }
      const n = await conn.read(this.#buf.subarray(this.#len));
      if (n === null) throw new Error("the server closed the connection during the handshake");
      const from = Math.max(0, this.#len - 3);
      this.#len += n;
      end = headerEnd(this.#buf, from, this.#len);
    }
    const head = new TextDecoder().decode(this.#buf.subarray(0, end));
    this.#buf.copyWithin(0, end + 4, this.#len);
    this.#len -= end + 4;
    const [statusLine, ...lines] = head.split("\r\n");
    const status = statusLine.match(/^HTTP\/1\.1 (\d{3})/)?.[1];
    if (status !== "101") {
      throw new Error(`Invalid status code ${status ?? `in "${statusLine.slice(0, 40)}"`}`);
    }
    const headers = new Map<string, string>();
    for (const line of lines) {
      const colon = line.indexOf(":");
      if (colon > 0) {
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
      }
    }
    if (headers.get("upgrade")?.toLowerCase() !== "websocket") {
      throw new Error('the answer does not upgrade to "websocket"');
    }
    if (!/(^|,)\s*upgrade\s*(,|$)/i.test(headers.get("connection") ?? "")) {
      throw new Error('the answer has no "Connection: Upgrade"');
    }
    const digest = await crypto.subtle.digest("SHA-1", encoder.encode(keyText + ACCEPT_GUID));
    if (headers.get("sec-websocket-accept") !== new Uint8Array(digest).toBase64()) {
      throw new Error("the answer's Sec-WebSocket-Accept does not match the key");
    }
    // Nothing was offered: an extension or subprotocol in the answer fails the connection.
    if (headers.has("sec-websocket-extensions") || headers.has("sec-websocket-protocol")) {
      throw new Error("the answer names an extension or subprotocol that was not asked for");
    }
  }

  /** Reads and handles frames until the connection ends. */
  async #read(conn: Deno.Conn): Promise<void> {
    for (;;) {
      // Bytes after the handshake answer are frames already, hence the read comes last.
      this.#prepare();
      for (;;) {
        const step = this.#next();
        if (step === NEED_MORE) break;
        if (step === CLOSED || this.#finished) return;
        // A `for await` loop that fell behind (core/_backlog.ts) runs before the next frame:
        // it keeps up as with one message per task, and its buffer stays small. And every 16
        // messages the continuations they woke run: the requests they send go out while the
        // rest of the read is handled (WS API answers often come in hundreds per read; a
        // server that waited for all of them to be handled would sit idle meanwhile).
        if (step === MESSAGE && this.#off < this.#len) {
          if (backlog.waiting || ++this.#sinceYield === 16) {
            backlog.waiting = false;
            this.#sinceYield = 0;
            await undefined;
          }
        }
      }
      this.#compact();
      const n = await conn.read(this.#buf.subarray(this.#len));
      if (n === null) return;
      this.#len += n;
    }
  }

  /** Handles the next whole frame in the buffer, if there is one. */
  #next(): Step {
    const buf = this.#buf;
    const len = this.#len;
    const off = this.#off;
    if (len - off < 2) return NEED_MORE;
    const b0 = buf[off];
    const b1 = buf[off + 1];
    let size = b1 & 0x7f;
    let head = 2;
    if (size === 126) {
      if (len - off < 4) return NEED_MORE;
      size = (buf[off + 2] << 8) | buf[off + 3];
      head = 4;
    } else if (size === 127) {
      if (len - off < 10) return NEED_MORE;
      const high = ((buf[off + 2] << 24) | (buf[off + 3] << 16) | (buf[off + 4] << 8) |
        buf[off + 5]) >>> 0;
      const low = ((buf[off + 6] << 24) | (buf[off + 7] << 16) | (buf[off + 8] << 8) |
        buf[off + 9]) >>> 0;
      if (high !== 0 || low > MAX_MESSAGE) {
        throw new ProtocolFailure(1009, "a frame larger than 64 MiB");
      }
      size = low;
      head = 10;
    }
    if ((b1 & 0x80) !== 0) throw new ProtocolFailure(1002, "a masked frame from the server");
    if ((b0 & 0x70) !== 0) throw new ProtocolFailure(1002, "a frame with reserved bits set");
    if (len - off < head + size) {
      // Not all here yet: the read after the compaction must have room for all of it.
      this.#need = head + size;
      return NEED_MORE;
    }
    const start = off + head;
    const end = start + size;
    this.#off = end;
    const fin = (b0 & 0x80) !== 0;
    const opcode = b0 & 0x0f;
    if (opcode === 0x1 || opcode === 0x2) {
      if (this.#parts !== undefined) {
        throw new ProtocolFailure(1002, "a new message before the last one ended");
      }
      if (fin) {
        if (opcode === 0x1 && end <= this.#textEnd && start >= this.#textBase) {
          return this.#deliverText(this.#text.slice(start - this.#textBase, end - this.#textBase));
        }
        return this.#message(opcode, buf.subarray(start, end));
      }
      this.#parts = [buf.slice(start, end)];
      this.#partsSize = size;
      this.#partsOpcode = opcode;
      return CONTROL;
    }
    if (opcode === 0x0) {
      if (this.#parts === undefined) throw new ProtocolFailure(1002, "a stray continuation");
      this.#partsSize += size;
      if (this.#partsSize > MAX_MESSAGE) {
        throw new ProtocolFailure(1009, "a message larger than 64 MiB");
      }
      this.#parts.push(buf.slice(start, end));
      if (!fin) return CONTROL;
      const whole = concat(this.#parts, this.#partsSize);
      this.#parts = undefined;
      return this.#message(this.#partsOpcode, whole);
    }
    if (opcode >= 0x8 && opcode <= 0xa) {
      if (!fin || size > 125) throw new ProtocolFailure(1002, "a fragmented or long control frame");
      if (opcode === 0x8) {
        this.#serverClosed(buf.subarray(start, end));
        return CLOSED;
      }
      // A ping is answered at once with its payload (a pong needs no answer), also after our
      // own close frame: RFC 6455 §5.5.2 spares only an endpoint that received a close frame.
      if (opcode === 0x9 && this.readyState <= WireState.CLOSING) {
        this.#frame(0xa, buf.slice(start, end));
      }
      return CONTROL;
    }
    throw new ProtocolFailure(1002, `a frame with the unknown opcode ${opcode}`);
  }

  /**
   * Decodes the text of every whole frame in the buffer in one decoder call, when there are
   * several (hot path: a read often holds hundreds of frames; one call per frame costs more
   * than the decoding). The frame headers are blanked to spaces for the call and put back.
   * The span is used only when it decoded one character per byte, none of them U+FFFD: then
   * every byte is ASCII, and a frame's text is the slice of its bytes' span. Otherwise (any
   * other byte, a frame of 64 KiB or more, a masked frame) each frame is decoded on its own
   * in `#message`, with its UTF-8 check.
   */
  #prepare(): void {
    this.#text = "";
    this.#textBase = this.#textEnd = 0;
    const buf = this.#buf;
    const len = this.#len;
    const base = this.#off;
    const heads = headerScratch;
    let p = base;
    let n = 0;
    while (len - p >= 2) {
      const b1 = buf[p + 1];
      let size = b1;
      let head = 2;
      if (size === 126) {
        if (len - p < 4) break;
        size = (buf[p + 2] << 8) | buf[p + 3];
        head = 4;
      } else if (size > 126) break; // 64 KiB or more, or masked: `#next` decides.
      if (len - p < head + size) break;
      if (n === heads.length) break;
      // Header bytes are saved as one word, with the header's size in the low bits.
      heads[n++] = p;
      heads[n++] = head === 2
        ? (buf[p] << 8) | b1
        : ((buf[p] << 24) | (b1 << 16) | (buf[p + 2] << 8) | buf[p + 3]) >>> 0;
      buf[p] = buf[p + 1] = 32;
      if (head === 4) buf[p + 2] = buf[p + 3] = 32;
      p += head + size;
    }
    if (n < 4) {
      if (n === 2) restore(buf, heads, n);
      return;
    }
    const text = loose.decode(buf.subarray(base, p));
    restore(buf, heads, n);
    if (text.length !== p - base || text.includes("\uFFFD")) return;
    this.#text = text;
    this.#textBase = base;
    this.#textEnd = p;
  }

  /** Moves what is left to the front, with room for the frame under way. */
  #compact(): void {
    const off = this.#off;
    const rest = this.#len - off;
    const need = Math.max(this.#need, rest + 1);
    this.#need = 0;
    let buf = this.#buf;
    if (need > buf.length) {
      let size = buf.length;
      while (size < need) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(buf.subarray(off, this.#len));
      this.#buf = grown;
    } else if (buf.length > READ_BUFFER && need <= READ_BUFFER) {
      // A buffer grown for a large frame goes back to its size at rest.
      buf = new Uint8Array(READ_BUFFER);
      buf.set(this.#buf.subarray(off, this.#len));
      this.#buf = buf;
    } else if (off > 0) {
      buf.copyWithin(0, off, this.#len);
    }
    this.#off = 0;
    this.#len = rest;
  }

  /** Delivers a text message already decoded (see `#prepare`). */
  #deliverText(data: string): Step {
    // As Deno's `WebSocket`: a message that arrives during the close handshake is delivered.
    if (this.readyState === WireState.CLOSED) return CONTROL;
    this.#call(this.onmessage, { data });
    return MESSAGE;
  }

  /** Delivers a whole message; text must be UTF-8 (else the socket closes with 1007). */
  #message(opcode: number, bytes: Uint8Array): Step {
    // As Deno's `WebSocket`: a message that arrives during the close handshake is delivered.
    if (this.readyState === WireState.CLOSED) return CONTROL;
    let data: string | ArrayBuffer;
    if (opcode === 0x1) {
      data = loose.decode(bytes);
      // The lenient decoder writes U+FFFD for a bad byte: only then is the text checked (an
      // ASCII text is a one-byte string, in which V8 finds no U+FFFD without looking).
      if (data.includes("\uFFFD")) {
        try {
          data = strict.decode(bytes);
        } catch {
          throw new ProtocolFailure(1007, "a text frame that is not UTF-8");
        }
      }
    } else {
      data = bytes.slice().buffer;
    }
    this.#call(this.onmessage, { data });
    return MESSAGE;
  }

  /** The server's close frame: answered (when it started the closing), then the TCP ends. */
  #serverClosed(payload: Uint8Array): void {
    if (payload.length === 1) throw new ProtocolFailure(1002, "a close frame of one byte");
    let code = 1005;
    let reason = "";
    if (payload.length >= 2) {
      code = (payload[0] << 8) | payload[1];
      try {
        reason = strict.decode(payload.subarray(2));
      } catch {
        throw new ProtocolFailure(1007, "a close reason that is not UTF-8");
      }
    }
    this.#closeCode = code;
    this.#closeReason = reason;
    this.#closeClean = true;
    if (this.readyState === WireState.OPEN) {
      this.readyState = WireState.CLOSING;
      this.#frame(0x8, code === 1005 ? new Uint8Array(0) : payload.slice(0, 2));
    }
  }

  /**
   * Queues a masked frame; the frames of one turn of the event loop go out in one write. Each is
   * written in place at the end of the output buffer (no buffer of its own, no copy to join
   * them): header, mask key, payload, masked a word at a time.
   */
  #frame(opcode: number, data: string | Uint8Array): void {
    if (opcode === 0x8) this.#closeSent = true;
    const length = data.length;
    const text = typeof data === "string";
    const pos = this.#outLen;
    // A text's UTF-8 takes at least one byte per UTF-16 unit (Binance's requests: exactly
    // one, ASCII), at most 3: its header is first sized for one.
    const buf = this.#room(pos + 14 + (text ? length * 3 : length));
    let head = headSize(length);
    let start = pos + head + 4;
    let size = length;
    if (text) {
      size = encoder.encodeInto(data, buf.subarray(start)).written;
      const actual = headSize(size);
      if (actual !== head) {
        buf.copyWithin(pos + actual + 4, start, start + size);
        head = actual;
        start = pos + head + 4;
      }
    } else buf.set(data, start);
    buf[pos] = 0x80 | opcode;
    if (head === 2) buf[pos + 1] = 0x80 | size;
    else if (head === 4) {
      buf[pos + 1] = 0x80 | 126;
      buf[pos + 2] = size >> 8;
      buf[pos + 3] = size & 0xff;
    } else {
      buf[pos + 1] = 0x80 | 127;
      buf[pos + 2] =
        buf[pos + 3] =
        buf[pos + 4] =
        buf[pos + 5] =
          0;
      buf[pos + 6] = size >>> 24;
      buf[pos + 7] = (size >> 16) & 0xff;
      buf[pos + 8] = (size >> 8) & 0xff;
      buf[pos + 9] = size & 0xff;
    }
    // The key's bytes in order (big-endian), then each payload byte XOR the key's byte at its
    // offset modulo 4: whole words through the view, the last 0–3 bytes one by one.
    const key = maskKey();
    const view = this.#outView;
    view.setUint32(start - 4, key);
    const end = start + size;
    const words = start + (size & ~3);
    let i = start;
    for (; i < words; i += 4) view.setUint32(i, view.getUint32(i) ^ key);
    for (let shift = 24; i < end; i++, shift -= 8) buf[i] ^= key >>> shift;
    this.#outLen = end;
    this.#writing ??= this.#flush();
  }

  /** The output buffer, with room for `need` bytes (grown, keeping what is queued). */
  #room(need: number): Uint8Array {
    const buf = this.#outBuf;
    if (need <= buf.length) return buf;
    const grown = new Uint8Array(Math.max(need, buf.length * 2));
    grown.set(buf.subarray(0, this.#outLen));
    this.#outBuf = grown;
    this.#outView = new DataView(grown.buffer);
    return grown;
  }

  /**
   * Writes what is queued until nothing is; a failed write ends the socket. Frames queued
   * during a write go to the spare buffer, which the written one becomes after it.
   */
  async #flush(): Promise<void> {
    const conn = this.#conn!;
    try {
      // One microtask: the sends of this turn join the first write.
      await undefined;
      while (this.#outLen > 0) {
        const bytes = this.#outBuf.subarray(0, this.#outLen);
        const next = this.#spare ?? new Uint8Array(WRITE_BUFFER);
        this.#spare = undefined;
        this.#outBuf = next;
        this.#outView = new DataView(next.buffer);
        this.#outLen = 0;
        await writeAll(conn, bytes);
        // A buffer grown for a large frame is dropped; one at rest is kept.
        if (bytes.buffer.byteLength === WRITE_BUFFER) {
          this.#spare = new Uint8Array(bytes.buffer as ArrayBuffer);
        }
      }
    } catch {
      this.#cut();
    } finally {
      this.#writing = undefined;
    }
  }

  /** Ends the TCP connection now (the close handshake took too long, or a write failed). */
  #cut(): void {
    try {
      this.#conn?.close();
    } catch { /* closed already */ }
  }

  /** The socket is closed: the connection is released, then `onerror` (if it failed) and `onclose`. */
  async #finish(error: unknown): Promise<void> {
    if (error instanceof ProtocolFailure && this.#conn !== undefined) {
      // Fail the connection (RFC 6455 §7.1.7): our close frame (unless one went already),
      // then the TCP ends.
      if (!this.#closeSent) {
        this.#outLen = 0;
        this.#frame(0x8, new Uint8Array([error.code >> 8, error.code & 0xff]));
      }
      this.readyState = WireState.CLOSING;
      this.#closeCode = error.code;
      this.#closeReason = error.message;
    }
    // Our answer to a close frame (or our own) goes out before the connection ends; a write
    // that does not end (the peer stopped reading) is cut off as a close handshake would be.
    if (this.#writing !== undefined) {
      this.#closeTimer ??= setTimeout(() => this.#cut(), CLOSE_WAIT_MS);
    }
    await this.#writing;
    clearTimeout(this.#closeTimer);
    this.#cut();
    this.#finished = true;
    this.readyState = WireState.CLOSED;
    const failed = !this.#closeClean;
    if (failed && !(error instanceof ProtocolFailure)) {
      this.#call(this.onerror, { message: errorMessage(error), error });
    }
    this.#call(this.onclose, {
      code: error instanceof ProtocolFailure ? error.code : this.#closeCode,
      reason: this.#closeReason,
      wasClean: this.#closeClean,
    });
  }

  /** Calls a handler; its exception is reported as `WebSocket` does, and the socket goes on. */
  #call<E>(handler: ((event: E) => void) | null, event: E): void {
    if (handler === null) return;
    try {
      handler.call(this, event);
    } catch (error) {
      reportError(error);
    }
  }
}

function errorMessage(error: unknown): string {
  if (error === undefined) return "the server closed the connection without a close frame";
  return error instanceof Error ? error.message : String(error);
}

/** Where the handshake answer's `\r\n\r\n` starts, looking from `from` on; -1 when not yet. */
function headerEnd(buf: Uint8Array, from: number, to: number): number {
  for (let i = from; i + 3 < to; i++) {
    if (buf[i] === 13 && buf[i + 1] === 10 && buf[i + 2] === 13 && buf[i + 3] === 10) return i;
  }
  return -1;
}

/** The size of a client frame's header before its mask key, for a payload of `size` bytes. */
function headSize(size: number): number {
  return size < 126 ? 2 : size < 65536 ? 4 : 10;
}

function concat(parts: Uint8Array[], size?: number): Uint8Array {
  const out = new Uint8Array(size ?? parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length;) at += await conn.write(bytes.subarray(at));
}
