// The sender of the whole-market capture bench (bench/capture.ts), in its own process so
// that its CPU is not the client's. A loopback WebSocket server speaking just enough of the
// protocol: it answers SUBSCRIBE (and LIST_SUBSCRIPTIONS) on /stream like Binance, and feeds
// every subscribed stream Binance-shaped frames at `--rate` messages a second in all,
// round-robin over the streams, with contiguous ids per stream (trade `t` + 1; diff depth
// `U` = previous `u` + 1; bookTicker `u` increasing). The frames of one tick and socket go out
// in one write.
//
// stdout: `{"port":N}` once listening; after "stop" on stdin, it stops feeding and prints
// `{"sent":N,"last":{"<stream>":<last sequence>,…}}`, then exits when stdin closes.
//
//   deno run --allow-net=127.0.0.1 bench/_capture_sender.ts --rate=30000
import { clientTexts, encodeFrame, handshake } from "./_ws_wire.ts";

const arg = (name: string, fallback: string) =>
  Deno.args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const RATE = Number(arg("rate", "30000"));
const TICK_MS = 10;
const LEVELS = 10;

const encoder = new TextEncoder();

function dec(units: number): string {
  return `${Math.floor(units / 1e8)}.${String(units % 1e8).padStart(8, "0")}`;
}

/** One stream being fed: its kind, its symbol, and its sequence. */
interface Feed {
  stream: string;
  kind: "trade" | "depth" | "bookTicker";
  symbol: string;
  seq: number;
  socket: Socket;
}

function frame(f: Feed, now: number): string {
  const n = f.seq;
  if (f.kind === "trade") {
    f.seq = n + 1;
    return `{"stream":"${f.stream}","data":{"e":"trade","E":${now},"s":"${f.symbol}","t":${n},"p":"${
      dec(100000_00000000 + (n % 1000) * 1000000)
    }","q":"${dec(1000 + (n % 977) * 1000)}","T":${now},"m":${n % 2 === 0},"M":true}}`;
  }
  if (f.kind === "bookTicker") {
    f.seq = n + 1 + (n % 3);
    return `{"stream":"${f.stream}","data":{"u":${n},"s":"${f.symbol}","b":"${
      dec(99900_00000000 + (n % 500) * 1000000)
    }","B":"${dec(1_00000000 + (n % 97) * 1000)}","a":"${
      dec(100100_00000000 + (n % 500) * 1000000)
    }","A":"${dec(2_00000000 + (n % 89) * 1000)}"}}`;
  }
  // Diff depth: U = previous u + 1, u = U + (0..3).
  const last = n + (n % 4);
  f.seq = last + 1;
  const bids: string[] = [];
  const asks: string[] = [];
  for (let i = 0; i < LEVELS; i++) {
    const tick = (n * 7 + i * 3) % 200;
    const qty = (i + n) % 5 === 0 ? 0 : 1_00000000 + ((n * 131 + i * 17) % 9973) * 1000;
    bids.push(`["${dec(99900_00000000 - tick * 1000000)}","${dec(qty)}"]`);
    asks.push(`["${dec(100100_00000000 + tick * 1000000)}","${dec(qty)}"]`);
  }
  return `{"stream":"${f.stream}","data":{"e":"depthUpdate","E":${now},"s":"${f.symbol}","U":${n},"u":${last},"b":[${
    bids.join(",")
  }],"a":[${asks.join(",")}]}}`;
}

/** The last sequence a stream has sent (what the client must have seen last). */
function lastSent(f: Feed): number {
  if (f.kind === "trade") return f.seq - 1;
  if (f.kind === "depth") return f.seq - 1; // the last `u`
  return -1; // bookTicker: recorded when sent (its step varies)
}

/** One client socket, with the frames queued for it in this tick. */
class Socket {
  readonly conn: Deno.Conn;
  out: Uint8Array[] = [];
  size = 0;
  writing = false;
  closed = false;
  constructor(conn: Deno.Conn) {
    this.conn = conn;
  }
  queue(text: string): void {
    const f = encodeFrame(encoder.encode(text));
    this.out.push(f);
    this.size += f.length;
  }
  async flush(): Promise<void> {
    if (this.writing || this.size === 0 || this.closed) return;
    this.writing = true;
    try {
      while (this.size > 0) {
        const all = new Uint8Array(this.size);
        let off = 0;
        for (const f of this.out) {
          all.set(f, off);
          off += f.length;
        }
        this.out = [];
        this.size = 0;
        for (let o = 0; o < all.length;) o += await this.conn.write(all.subarray(o));
      }
    } catch {
      this.closed = true;
    } finally {
      this.writing = false;
    }
  }
}

const feeds: Feed[] = [];
const bookTickerLast = new Map<string, number>();
let sent = 0;
let feeding = true;

function subscribe(socket: Socket, stream: string): void {
  const at = stream.indexOf("@");
  const symbol = stream.slice(0, at).toUpperCase();
  const rest = stream.slice(at + 1);
  const kind = rest === "trade" ? "trade" : rest === "bookTicker" ? "bookTicker" : "depth";
  feeds.push({ stream, kind, symbol, seq: 1, socket });
}

let cursor = 0;
let owed = 0;
let lastTick = performance.now();
const timer = setInterval(() => {
  const now = performance.now();
  owed += (now - lastTick) * RATE / 1000;
  lastTick = now;
  if (!feeding || feeds.length === 0) {
    owed = 0;
    return;
  }
  const E = Date.now();
  const touched = new Set<Socket>();
  for (; owed >= 1; owed--) {
    const f = feeds[cursor];
    if (++cursor >= feeds.length) cursor = 0;
    if (f.socket.closed) continue;
    if (f.kind === "bookTicker") bookTickerLast.set(f.stream, f.seq);
    f.socket.queue(frame(f, E));
    touched.add(f.socket);
    sent++;
  }
  for (const s of touched) void s.flush();
}, TICK_MS);

/** Reads masked client frames: control messages; ends on a close frame. */
async function serve(conn: Deno.Conn): Promise<void> {
  const { rest } = await handshake(conn);
  const socket = new Socket(conn);
  const subscribed: string[] = [];
  try {
    for await (const text of clientTexts(conn, rest)) {
      const msg = JSON.parse(text);
      if (msg.method === "LIST_SUBSCRIPTIONS") {
        socket.queue(JSON.stringify({ result: subscribed, id: msg.id }));
      } else {
        if (msg.method === "SUBSCRIBE") {
          for (const stream of msg.params ?? []) {
            subscribed.push(stream);
            subscribe(socket, stream);
          }
        }
        socket.queue(JSON.stringify({ result: null, id: msg.id }));
      }
      void socket.flush();
    }
  } finally {
    socket.closed = true;
    try {
      conn.close();
    } catch { /* closed */ }
  }
}

const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
console.log(JSON.stringify({ port: (listener.addr as Deno.NetAddr).port }));
(async () => {
  for await (const conn of listener) void serve(conn).catch(() => {});
})();

// Commands on stdin: "stop" stops feeding and reports; end of input exits.
const lines = Deno.stdin.readable.pipeThrough(new TextDecoderStream());
let pending = "";
for await (const text of lines) {
  pending += text;
  let nl;
  while ((nl = pending.indexOf("\n")) >= 0) {
    const line = pending.slice(0, nl).trim();
    pending = pending.slice(nl + 1);
    if (line === "stop") {
      feeding = false;
      const last: Record<string, number> = {};
      for (const f of feeds) {
        last[f.stream] = f.kind === "bookTicker" ? bookTickerLast.get(f.stream) ?? 0 : lastSent(f);
      }
      console.log(JSON.stringify({ sent, last }));
    }
  }
}
clearInterval(timer);
listener.close();
Deno.exit(0);
