/**
 * The memory of an idle subscription: RSS and V8 heap (after GC) before and after subscribing
 * N more trade streams (default 1000) on one connection, three batches in a row, each consumed by a `for await` loop (or with
 * `--consume=listen`, `on("data")`) that waits for an update that never comes. The server is
 * a loopback WebSocket in this process that acknowledges every control message and sends
 * nothing else, so what grows is the client's per-subscription state.
 *
 * Run with `deno task bench:memory` (`--streams=N`, `--consume=iterate|listen`).
 *
 * @module
 */
import process from "node:process";
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
  return { rss: m.rss, heap: m.heapUsed };
}

const conn = await connectStreams({ url: `ws://127.0.0.1:${server.addr.port}` });

/** Subscribes `STREAMS` new streams (from symbol number `from`) with their consumers. */
async function batch(from: number) {
  const subs = await Promise.all(
    Array.from({ length: STREAMS }, (_, i) => tradeStream(conn, { symbol: symbol(from + i) })),
  );
  const loops: Promise<void>[] = [];
  if (CONSUME === "listen") { for (const sub of subs) sub.on("data", () => {}); }
  else {
    for (const sub of subs) {
      loops.push((async () => {
        for await (const _ of sub) { /* never comes */ }
      })());
    }
  }
  return { subs, loops };
}

const kib = (n: number) => Number((n / STREAMS / 1024).toFixed(2));
const runs: { subs: unknown[]; loops: Promise<void>[] }[] = [];
const rows: Record<string, number>[] = [];
// Batch 0 is cold: it includes the process's one-off costs (the V8 heap growing its young
// generation, the code compiled for the subscribe path). The later batches show the cost
// of one more idle subscription.
for (let b = 0; b < 3; b++) {
  const before = await settle();
  const t0 = performance.now();
  runs.push(await batch(b * STREAMS));
  const subscribedMs = performance.now() - t0;
  const after = await settle();
  rows.push({
    batch: b,
    subscribedMs: Math.round(subscribedMs),
    rssKiB: kib(after.rss - before.rss),
    heapKiB: kib(after.heap - before.heap),
  });
}
const steady = rows.slice(1);
const mean = (k: string) =>
  Number((steady.reduce((a, r) => a + r[k], 0) / steady.length).toFixed(2));
console.log(JSON.stringify({ streams: STREAMS, consume: CONSUME, batches: rows }));
console.log(
  `idle subscription (${CONSUME}): ${mean("rssKiB")} KiB RSS, ${mean("heapKiB")} KiB heap each ` +
    `(mean of batches 1-2 of ${STREAMS}); cold first batch ${rows[0].rssKiB} KiB RSS, ` +
    `${rows[0].heapKiB} KiB heap`,
);
await conn.close();
await Promise.all(runs.flatMap((r) => r.loops));
await server.shutdown();
