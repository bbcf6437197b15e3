/**
 * Market streams: messages a second delivered as validated, typed models through the async
 * iterator (diff depth with 20 levels a side, and trades), and order-book updates applied a
 * second, each beside a raw `WebSocket` + `JSON.parse` client receiving the same frames from
 * a server in a worker thread. The raw order book is two unsorted Maps (no best price, no
 * order); this module's keeps both sides sorted, exact, and checked for gaps and crossing.
 * Run with `deno task bench`.
 */
import {
  connectStreams,
  connectWsApi,
  diffDepthStream,
  openOrderBook,
  tradeStream,
} from "../mod.ts";

const FRAMES = 10_000;

const worker = new Worker(new URL("./_stream_worker.ts", import.meta.url), { type: "module" });
const { base } = await new Promise<{ base: string }>((resolve) =>
  worker.onmessage = (e) => resolve(e.data)
);

/** The raw client: one WebSocket per stream, JSON.parse, a counter. */
async function rawClient(stream: string, onFrame: (msg: unknown) => void) {
  const ws = new WebSocket(`${base}/stream`);
  await new Promise((r) => (ws.onopen = r));
  let n = 0;
  let target = 0;
  let done: (() => void) | undefined;
  ws.onmessage = (e) => {
    const msg = JSON.parse(e.data);
    if (msg.id !== undefined) return (done?.(), undefined);
    onFrame(msg);
    if (++n === target) done?.();
  };
  await new Promise<void>((r) => {
    done = r;
    ws.send(JSON.stringify({ method: "SUBSCRIBE", params: [stream], id: 1 }));
  });
  return {
    ws,
    receive(count: number): Promise<void> {
      const { promise, resolve } = Promise.withResolvers<void>();
      target = n + count;
      done = resolve;
      worker.postMessage({ stream, count });
      return promise;
    },
  };
}

const rates: Record<string, number[]> = {};
async function measure(key: string, run: () => Promise<void>) {
  const t0 = performance.now();
  await run();
  (rates[key] ??= []).push(FRAMES / ((performance.now() - t0) / 1000));
}

// --- raw clients --------------------------------------------------------------------------
const rawDepth = await rawClient("rawdepth@depth@100ms", () => {});
const rawTrade = await rawClient("rawtrade@trade", () => {});
const rawBids = new Map<string, string>();
const rawAsks = new Map<string, string>();
const rawBook = await rawClient("rawbook@depth@100ms", (msg) => {
  const d = (msg as { data: { b: [string, string][]; a: [string, string][] } }).data;
  for (const [p, q] of d.b) Number(q) === 0 ? rawBids.delete(p) : rawBids.set(p, q);
  for (const [p, q] of d.a) Number(q) === 0 ? rawAsks.delete(p) : rawAsks.set(p, q);
});

// --- this module --------------------------------------------------------------------------
const streams = await connectStreams({ url: base });
const api = await connectWsApi({ url: `${base}/ws-api/v3` });
const depthIt = (await diffDepthStream(streams, { symbol: "CLIDEPTH", speed: "100ms" }))
  [Symbol.asyncIterator]();
const tradeIt = (await tradeStream(streams, { symbol: "CLITRADE" }))[Symbol.asyncIterator]();
const book = await openOrderBook({ streams, api }, "CLIBOOK", { speed: "100ms" });

async function take(it: AsyncIterator<unknown>, stream: string): Promise<void> {
  worker.postMessage({ stream, count: FRAMES });
  for (let i = 0; i < FRAMES; i++) await it.next();
}

let bookOutOfSync = 0;
async function bookTo(): Promise<void> {
  const target = book.stats.applied + FRAMES;
  worker.postMessage({ stream: "clibook@depth@100ms", count: FRAMES });
  while (book.stats.applied < target) await new Promise((r) => setTimeout(r, 0));
  if (!book.isSynced("CLIBOOK")) bookOutOfSync++;
}

// Raw and module runs alternate inside each iteration, so drift (JIT, GC, the sender)
// touches both alike; the summary compares the medians.
const options = { n: 30, warmup: 3 };
Deno.bench({
  name: `depth: raw vs DiffDepthEvent via for await, ${FRAMES} frames each (20 levels a side)`,
  ...options,
  async fn() {
    await measure("depth raw", () => rawDepth.receive(FRAMES));
    await measure("depth client", () => take(depthIt, "clidepth@depth@100ms"));
  },
});
Deno.bench({
  name: `trade: raw vs TradeEvent via for await, ${FRAMES} frames each`,
  ...options,
  async fn() {
    await measure("trade raw", () => rawTrade.receive(FRAMES));
    await measure("trade client", () => take(tradeIt, "clitrade@trade"));
  },
});
Deno.bench({
  name: `order book: raw two Maps vs OrderBook, ${FRAMES} diff depth frames each`,
  ...options,
  async fn() {
    await measure("book raw", () => rawBook.receive(FRAMES));
    await measure("book client", bookTo);
  },
});

globalThis.addEventListener("unload", () => {
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
  for (const what of ["depth", "trade", "book"]) {
    const raw = rates[`${what} raw`];
    const client = rates[`${what} client`];
    if (!raw || !client) continue;
    console.log(
      `${what.padEnd(5)} raw ${median(raw).toFixed(0).padStart(7)} msg/s, @binance-ws/spot ${
        median(client).toFixed(0).padStart(7)
      } msg/s (median of ${client.length}): ${(median(client) / median(raw)).toFixed(2)}x`,
    );
  }
  console.log(
    `order book: ${book.stats.applied} updates applied, ${book.stats.resyncs} resyncs, ` +
      `${bookOutOfSync ? `OUT OF SYNC after ${bookOutOfSync} runs` : "in sync after every run"}`,
  );
});

globalThis.addEventListener("beforeunload", () => {
  for (const c of [rawDepth, rawTrade, rawBook]) c.ws.close();
  void book.close().then(() => Promise.all([streams.close(), api.close()]));
  worker.terminate();
});
