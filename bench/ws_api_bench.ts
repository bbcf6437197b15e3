/**
 * `ticker.price` with 100 requests in flight: this module's typed, validated client
 * beside a raw `WebSocket` + `JSON` client doing the same work, against the fake
 * exchange running in a worker thread. Run with `deno task bench`.
 */
import { connectWsApi, tickerPrice, type WsApiConnection } from "../mod.ts";

const REQUESTS = 2000;
const IN_FLIGHT = 100;
const SYMBOLS = ["BTCUSDT", "ETHUSDT", "BNBBTC"];

const worker = new Worker(new URL("./_fake_worker.ts", import.meta.url), { type: "module" });
const { url } = await new Promise<{ url: string }>((resolve) =>
  worker.onmessage = (e) => resolve(e.data)
);

/** Runs `REQUESTS` requests with `IN_FLIGHT` outstanding; records each latency. */
async function run(send: (symbol: string) => Promise<unknown>, latencies: number[]) {
  let next = 0;
  async function lane() {
    while (next < REQUESTS) {
      const symbol = SYMBOLS[next++ % SYMBOLS.length];
      const t0 = performance.now();
      await send(symbol);
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

// The raw client: one WebSocket, ids in a Map, JSON.stringify / JSON.parse, no checks.
const raw = new WebSocket(url);
await new Promise((resolve) => (raw.onopen = resolve));
const rawPending = new Map<number, (v: unknown) => void>();
let rawId = 1;
raw.onmessage = (e) => {
  const msg = JSON.parse(e.data);
  const resolve = rawPending.get(msg.id);
  rawPending.delete(msg.id);
  resolve?.(msg.result);
};
function rawTickerPrice(symbol: string): Promise<unknown> {
  const id = rawId++;
  const { promise, resolve } = Promise.withResolvers<unknown>();
  rawPending.set(id, resolve);
  raw.send(JSON.stringify({ id, method: "ticker.price", params: { symbol } }));
  return promise;
}

const conn: WsApiConnection = await connectWsApi({ url });
const latency = { raw: [] as number[], client: [] as number[] };
const batches = { raw: [] as number[], client: [] as number[] };

/** One measured batch: its wall time is kept for the summary. */
async function batch(kind: "raw" | "client", send: (symbol: string) => Promise<unknown>) {
  const t0 = performance.now();
  await run(send, latency[kind]);
  batches[kind].push(performance.now() - t0);
}

Deno.bench({
  name: `raw WebSocket: ${REQUESTS} ticker.price, ${IN_FLIGHT} in flight`,
  group: "ticker.price",
  baseline: true,
  n: 60,
  warmup: 10,
  async fn() {
    await batch("raw", rawTickerPrice);
  },
});

Deno.bench({
  name: `@binance-ws/spot: ${REQUESTS} ticker.price, ${IN_FLIGHT} in flight`,
  group: "ticker.price",
  n: 60,
  warmup: 10,
  async fn() {
    await batch("client", (symbol) => tickerPrice(conn, { symbol }));
  },
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

globalThis.addEventListener("unload", () => {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
  const rate = (kind: "raw" | "client") => REQUESTS / (median(batches[kind]) / 1000);
  if (batches.raw.length === 0 || batches.client.length === 0) return;
  for (const kind of ["raw", "client"] as const) {
    const values = latency[kind].sort((a, b) => a - b);
    console.log(
      `ticker.price ${kind.padEnd(6)} ${rate(kind).toFixed(0).padStart(6)} req/s (median batch), ` +
        `latency p50 ${percentile(values, 0.5).toFixed(2)} ms, p99 ${
          percentile(values, 0.99).toFixed(2)
        } ms`,
    );
  }
  console.log(`ticker.price client/raw: ${(rate("client") / rate("raw")).toFixed(2)}x`);
});

// Close everything once the benches have run (deno bench awaits pending work at exit).
globalThis.addEventListener("beforeunload", () => {
  raw.close();
  void conn.close();
  worker.terminate();
});
