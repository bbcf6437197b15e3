/**
 * The memory of an idle subscription: RSS and V8 heap before and after subscribing N trade
 * streams (default 1000) on one connection, each consumed by a `for await` loop (or with
 * `--consume=listen`, `on("data")`) that waits for an update that never comes. The server is
 * a loopback WebSocket in this process that acknowledges every control message and sends
 * nothing else, so what grows is the client's per-subscription state.
 *
 * Run with `deno task bench:memory` (`--streams=N`, `--consume=iterate|listen`).
 *
 * @module
 */
import process from "node:process";
import v8 from "node:v8";
import { connectStreams, tradeStream } from "../mod.ts";

const arg = (name: string, fallback: string) =>
  Deno.args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const STREAMS = Number(arg("streams", "1000"));
const CONSUME = arg("consume", "iterate");

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("Cannot measure: run with --v8-flags=--expose-gc");

const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
  const { socket, response } = Deno.upgradeWebSocket(req);
  socket.onmessage = (e) => {
    const { id, method } = JSON.parse(e.data);
    socket.send(JSON.stringify({ result: method === "LIST_SUBSCRIPTIONS" ? [] : null, id }));
  };
  return response;
});

function symbol(i: number): string {
  const c = (k: number) => String.fromCharCode(65 + k);
  return `${c(Math.floor(i / 676) % 26)}${c(Math.floor(i / 26) % 26)}${c(i % 26)}USDT`;
}

async function settle(): Promise<{ rss: number; heap: number }> {
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((r) => setTimeout(r, 50));
  }
  const m = process.memoryUsage();
  if (Deno.args.includes("--spaces")) {
    console.log(m, v8.getHeapSpaceStatistics().map((s) => `${s.space_name} ${s.space_size} ${s.space_used_size}`));
  }
  return { rss: m.rss, heap: m.heapUsed };
}

const conn = await connectStreams({ url: `ws://127.0.0.1:${server.addr.port}` });
// A warm-up subscription, so that code and shapes exist before the first measurement.
const warm = await tradeStream(conn, { symbol: "WARMUP" });
const warmLoop = (async () => {
  for await (const _ of warm) { /* never comes */ }
})();

const before = await settle();
const t0 = performance.now();
const subs = await Promise.all(
  Array.from({ length: STREAMS }, (_, i) => tradeStream(conn, { symbol: symbol(i) })),
);
const subscribedMs = performance.now() - t0;
const loops: Promise<void>[] = [];
if (CONSUME === "listen") for (const sub of subs) sub.on("data", () => {});
else {
  for (const sub of subs) {
    loops.push((async () => {
      for await (const _ of sub) { /* never comes */ }
    })());
  }
}
const after = await settle();
const kib = (n: number) => (n / STREAMS / 1024).toFixed(2);
console.log(JSON.stringify({
  streams: STREAMS,
  consume: CONSUME,
  subscribedMs: Math.round(subscribedMs),
  rssKiBPerSubscription: Number(kib(after.rss - before.rss)),
  heapKiBPerSubscription: Number(kib(after.heap - before.heap)),
  rssMB: Math.round(after.rss / 1048576),
}));
await conn.close();
await Promise.all([...loops, warmLoop]);
await server.shutdown();
