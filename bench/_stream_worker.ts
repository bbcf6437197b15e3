// A stream server in its own thread that sends prebuilt frames as fast as the network
// takes them, so the benchmark measures the receiving clients, not the sender: `prepare`
// encodes a run's frames into one buffer (untimed, answered with `{ prepared: true }`), `send`
// writes that buffer in one write (the bench's timing starts there). It speaks
// just enough WebSocket over a TCP listener to write thousands of encoded frames in one
// write: it answers SUBSCRIBE and LIST_SUBSCRIPTIONS on /stream, and `depth` on /ws-api/v3
// with a snapshot consistent with its diff depth frames.
import { clientTexts, encodeFrame, encodeTexts, handshake, writeAll } from "./_ws_wire.ts";

interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
}
const scope = self as unknown as WorkerScope;

const LEVELS = 20;
const VARIANTS = 64;
const encoder = new TextEncoder();

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

const conns = new Map<string, Deno.Conn>();

/** The frames of the next run, encoded, and the connection they go on. */
let ready: { conn: Deno.Conn; bytes: Uint8Array } | undefined;

scope.onmessage = async (e) => {
  const msg = e.data as {
    op: "prepare" | "send";
    stream?: string;
    streams?: string[];
    count: number;
  };
  if (msg.op === "send") {
    const run = ready!;
    ready = undefined;
    await writeAll(run.conn, run.bytes);
    return;
  }
  const { stream, streams, count } = msg;
  if (streams !== undefined) {
    // Fan-out: `count` frames round-robin over `streams` (all on one connection), each stream's
    // trade ids contiguous.
    const conn = conns.get(streams[0]);
    if (!conn) throw new Error(`nobody subscribed ${streams[0]}`);
    const first = streams.map((s) => ids.get(s) ?? 1);
    for (let k = 0; k < streams.length; k++) {
      const sent = Math.floor(count / streams.length) + (k < count % streams.length ? 1 : 0);
      ids.set(streams[k], first[k] + sent);
    }
    ready = {
      conn,
      bytes: encodeTexts(count, (i) => {
        const k = i % streams.length;
        return frame(streams[k], first[k] + Math.floor(i / streams.length));
      }),
    };
  } else {
    const conn = conns.get(stream!);
    if (!conn) throw new Error(`nobody subscribed ${stream}`);
    const first = ids.get(stream!) ?? 1;
    ids.set(stream!, first + count);
    ready = { conn, bytes: encodeTexts(count, (i) => frame(stream!, first + i)) };
  }
  scope.postMessage({ prepared: true });
};

/** Reads masked client frames; calls `onText` for each text frame; ends on a close frame. */
async function serve(conn: Deno.Conn) {
  const { path, rest } = await handshake(conn);
  const reply = (value: unknown) =>
    writeAll(conn, encodeFrame(encoder.encode(JSON.stringify(value))));
  const subscribed: string[] = [];
  for await (const text of clientTexts(conn, rest)) {
    const msg = JSON.parse(text);
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
  try {
    conn.close();
  } catch { /* closed */ }
}

const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
scope.postMessage({ base: `ws://127.0.0.1:${(listener.addr as Deno.NetAddr).port}` });
for await (const conn of listener) void serve(conn).catch(() => conn.close());
