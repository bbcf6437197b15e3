/**
 * `ticker.price` with 100 requests in flight: this module's typed, validated client (100 loops
 * awaiting `tickerPrice()`) beside a raw client (`WebSocket` + `JSON.stringify` + `JSON.parse` +
 * a no-op callback, the next request sent from the answer's callback, no promise: the
 * yardstick's floor) on the same frames, in the same run. Run with `deno task bench`.
 *
 * How it avoids being bound by its counterpart: both clients talk to a responder in a worker
 * thread (`_responder.ts`) that answers from prebuilt bytes. It parses no request (it finds the
 * `"id":` and `"method":"` bytes and copies the id into a prebuilt answer), checks nothing,
 * and writes every answer to one read in one write; its busy time per request is measured and
 * printed beside the clients' wall time per request, so a run where the responder is not far
 * cheaper than the client shows it. (The fake exchange, which validates and computes every
 * answer, would bound both clients; it is not used here.)
 *
 * A third client, the promise floor, is the least a client that returns promises can do: the
 * raw client's work, plus a promise per request resolved from a `Map` of pending ids, awaited
 * by 100 loops as the module's calls are. It shows what the promise API alone costs against the
 * raw floor, apart from what the module adds (validation, the governor, timeouts, typed models,
 * the integer check).
 *
 * Printed at the end: requests a second (median of the batches), p50 and p99 latency, the
 * ratios client / raw and promise floor / raw, and the responder's busy µs per request.
 */
import { connectWsApi, tickerPrice, type WsApiConnection } from "../mod.ts";

const REQUESTS = 2000;
const IN_FLIGHT = 100;

const stats = new Float64Array(new SharedArrayBuffer(16));
const worker = new Worker(new URL("./_responder_worker.ts", import.meta.url), { type: "module" });
const { url } = await new Promise<{ url: string }>((resolve) => {
  worker.onmessage = (e) => resolve(e.data);
  worker.postMessage(stats.buffer);
});

// The raw client, as the yardstick's floor: one WebSocket, JSON.stringify / JSON.parse, a no-op
// callback, no promise; a new request is sent from the answer's callback (100 in flight).
const raw = new WebSocket(url);
await new Promise((resolve) => (raw.onopen = resolve));
const rawStart = new Float64Array(REQUESTS);
let rawBase = 1; // the id of the batch's first request
let rawSent = 0;
let rawAnswered = 0;
let rawDone: (() => void) | undefined;
const noop = (_result: unknown) => {};
function rawSend(): void {
  const id = rawBase + rawSent;
  rawStart[rawSent++] = performance.now();
  raw.send(JSON.stringify({ id, method: "ticker.price", params: { symbol: "BTCUSDT" } }));
}
raw.onmessage = (e) => {
  const msg = JSON.parse(e.data);
  noop(msg.result);
  latency.raw.push(performance.now() - rawStart[msg.id - rawBase]);
  if (rawSent < REQUESTS) rawSend();
  if (++rawAnswered === REQUESTS) rawDone!();
};
/** One raw batch: `REQUESTS` requests, `IN_FLIGHT` outstanding. */
function rawBatch(): Promise<void> {
  const { promise, resolve } = Promise.withResolvers<void>();
  rawBase += rawSent;
  rawSent = 0;
  rawAnswered = 0;
  rawDone = resolve;
  for (let i = 0; i < IN_FLIGHT; i++) rawSend();
  return promise;
}

// The promise floor: the raw client's work, plus one promise per request (a `Map` of pending
// ids), awaited by 100 loops as the module's calls are.
const floor = new WebSocket(url);
await new Promise((resolve) => (floor.onopen = resolve));
const floorPending = new Map<number, (result: unknown) => void>();
let floorId = 0;
floor.onmessage = (e) => {
  const msg = JSON.parse(e.data);
  const resolve = floorPending.get(msg.id);
  if (resolve === undefined) return;
  floorPending.delete(msg.id);
  resolve(msg.result);
};
function floorTickerPrice(): Promise<unknown> {
  const id = ++floorId;
  const { promise, resolve } = Promise.withResolvers<unknown>();
  floorPending.set(id, resolve);
  floor.send(JSON.stringify({ id, method: "ticker.price", params: { symbol: "BTCUSDT" } }));
  return promise;
}

const conn: WsApiConnection = await connectWsApi({ url });
const clientTickerPrice = () => tickerPrice(conn, { symbol: "BTCUSDT" });

type Kind = "raw" | "floor" | "client";
const KINDS: readonly Kind[] = ["raw", "floor", "client"];
const latency: Record<Kind, number[]> = { raw: [], floor: [], client: [] };
const batches: Record<Kind, number[]> = { raw: [], floor: [], client: [] };
const responder: Record<Kind, { busyMs: number; answered: number }> = {
  raw: { busyMs: 0, answered: 0 },
  floor: { busyMs: 0, answered: 0 },
  client: { busyMs: 0, answered: 0 },
};

/** A promise client's batch: `IN_FLIGHT` loops awaiting `call`, `REQUESTS` calls, each latency kept. */
async function awaitBatch(kind: Kind, call: () => Promise<unknown>): Promise<void> {
  let next = 0;
  const kept = latency[kind];
  async function lane() {
    while (next++ < REQUESTS) {
      const s = performance.now();
      await call();
      kept.push(performance.now() - s);
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

/** One measured batch; its wall time and the responder's busy time are kept. */
async function batch(kind: Kind, run: () => Promise<void>) {
  const busy0 = stats[0];
  const answered0 = stats[1];
  const t0 = performance.now();
  await run();
  batches[kind].push(performance.now() - t0);
  responder[kind].busyMs += stats[0] - busy0;
  responder[kind].answered += stats[1] - answered0;
}

Deno.bench({
  name: `raw WebSocket: ${REQUESTS} ticker.price, ${IN_FLIGHT} in flight`,
  group: "ticker.price",
  baseline: true,
  n: 40,
  warmup: 10,
  async fn() {
    await batch("raw", rawBatch);
  },
});

Deno.bench({
  name: `promise floor: ${REQUESTS} ticker.price, ${IN_FLIGHT} in flight`,
  group: "ticker.price",
  n: 40,
  warmup: 10,
  async fn() {
    await batch("floor", () => awaitBatch("floor", floorTickerPrice));
  },
});

Deno.bench({
  name: `@binance-ws/spot: ${REQUESTS} ticker.price, ${IN_FLIGHT} in flight`,
  group: "ticker.price",
  n: 40,
  warmup: 10,
  async fn() {
    await batch("client", () => awaitBatch("client", clientTickerPrice));
  },
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

globalThis.addEventListener("unload", () => {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
  const rate = (kind: Kind) => REQUESTS / (median(batches[kind]) / 1000);
  if (KINDS.some((kind) => batches[kind].length === 0)) return;
  for (const kind of KINDS) {
    const values = latency[kind].sort((a, b) => a - b);
    const r = responder[kind];
    console.log(
      `ticker.price ${kind.padEnd(6)} ${rate(kind).toFixed(0).padStart(6)} req/s (median batch), ` +
        `latency p50 ${percentile(values, 0.5).toFixed(2)} ms, p99 ${
          percentile(values, 0.99).toFixed(2)
        } ms; wall ${(1e6 / rate(kind)).toFixed(1)} µs/req, responder busy ${
          (r.busyMs * 1000 / Math.max(1, r.answered)).toFixed(1)
        } µs/req`,
    );
  }
  console.log(
    `ticker.price client/raw: ${(rate("client") / rate("raw")).toFixed(2)}x; ` +
      `promise floor/raw: ${(rate("floor") / rate("raw")).toFixed(2)}x`,
  );
});

// Close everything once the benches have run (deno bench awaits pending work at exit).
globalThis.addEventListener("beforeunload", () => {
  raw.close();
  floor.close();
  void conn.close();
  worker.terminate();
});
