/**
 * Market streams: messages a second delivered as validated, typed models through the async
 * iterator (diff depth with 20 levels a side, and trades), and order-book updates applied a
 * second, each beside a raw `WebSocket` + `JSON.parse` client receiving the same frames from
 * a server in a worker thread. The raw order book is two unsorted Maps (no best price, no
 * order); this module's keeps both sides sorted, exact, and checked for gaps and crossing.
 *
 * Fan-out: 1000 trade streams on one connection, frames round-robin over them, consumed by
 * one `for await` loop per stream and by one `on("data")` listener per stream, beside the raw
 * client (one SUBSCRIBE, `JSON.parse`, one callback) and an iterator floor: the raw client plus
 * the least async iterator there is (a queue and one waiting resolver per stream), with the
 * same 1000 `for await` loops; it shows what `for await` itself costs.
 *
 * Run with `deno task bench`.
 */
import { sender } from "./_sender.ts";
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

/** What the sender sends in a run: `count` frames of `stream`, or round-robin over `streams`. */
interface Frames {
  stream?: string;
  streams?: string[];
  count: number;
}
const { prepare, send } = sender(worker);

/** The raw client: one WebSocket for the stream (or streams), JSON.parse, a counter. */
async function rawClient(stream: string | string[], onFrame: (msg: unknown) => void) {
  const streams = typeof stream === "string" ? [stream] : stream;
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
    ws.send(JSON.stringify({ method: "SUBSCRIBE", params: streams, id: 1 }));
  });
  return {
    ws,
    receive(count: number): Promise<void> {
      const { promise, resolve } = Promise.withResolvers<void>();
      target = n + count;
      done = resolve;
      send();
      return promise;
    },
  };
}

const rates: Record<string, number[]> = {};
/**
 * Times `run` (which sends the prepared frames and waits for them), once they are prepared:
 * the rate is of `frames.count`, the frames that run sends.
 */
async function measure(key: string, frames: Frames, run: () => Promise<void>) {
  await prepare({ ...frames });
  const t0 = performance.now();
  await run();
  (rates[key] ??= []).push(frames.count / ((performance.now() - t0) / 1000));
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

// --- fan-out ------------------------------------------------------------------------------
const FANOUT = 1000;
const FANOUT_FRAMES = 20_000;
/** `FANOUT` trade symbols starting with `prefix` (`RAAAUSDT`, `RAABUSDT`, …). */
function fanoutSymbols(prefix: string): string[] {
  const c = (k: number) => String.fromCharCode(65 + (k % 26));
  return Array.from(
    { length: FANOUT },
    (_, i) => `${prefix}${c(Math.floor(i / 676))}${c(Math.floor(i / 26))}${c(i)}USDT`,
  );
}
const tradeNames = (symbols: string[]) => symbols.map((s) => `${s.toLowerCase()}@trade`);

const rawNames = tradeNames(fanoutSymbols("R"));
const rawFanout = await rawClient(rawNames, () => {});

/** The least async iterator: a queue, and the resolver of the one `next()` waiting. */
class FloorIterator implements AsyncIterableIterator<unknown> {
  readonly #queue: unknown[] = [];
  #waiter: ((result: IteratorResult<unknown>) => void) | undefined;
  push(value: unknown): void {
    const waiter = this.#waiter;
    if (waiter === undefined) this.#queue.push(value);
    else {
      this.#waiter = undefined;
      waiter({ value, done: false });
    }
  }
  next(): Promise<IteratorResult<unknown>> {
    if (this.#queue.length > 0) return Promise.resolve({ value: this.#queue.shift(), done: false });
    return new Promise((resolve) => (this.#waiter = resolve));
  }
  [Symbol.asyncIterator](): AsyncIterableIterator<unknown> {
    return this;
  }
}
const floorIterators = new Map<string, FloorIterator>();
const floorNames = tradeNames(fanoutSymbols("I"));
for (const name of floorNames) floorIterators.set(name, new FloorIterator());
const floorFanout = await rawClient(floorNames, (msg) => {
  const { stream, data } = msg as { stream: string; data: unknown };
  floorIterators.get(stream)!.push(data);
});
for (const it of floorIterators.values()) {
  void (async () => {
    for await (const _ of it) { /* delivered */ }
  })();
}

// --- this module --------------------------------------------------------------------------
const streams = await connectStreams({ url: base });
const api = await connectWsApi({ url: `${base}/ws-api/v3` });
const depthIt = (await diffDepthStream(streams, { symbol: "CLIDEPTH", speed: "100ms" }))
  [Symbol.asyncIterator]();
const tradeIt = (await tradeStream(streams, { symbol: "CLITRADE" }))[Symbol.asyncIterator]();
const book = await openOrderBook({ streams, api }, "CLIBOOK", { speed: "100ms" });

// Fan-out: 1000 subscriptions made together (one SUBSCRIBE) on a connection of their own, per
// way of consuming them.
const iterateStreams = await connectStreams({ url: base });
const listenStreams = await connectStreams({ url: base });
const iterateSymbols = fanoutSymbols("A");
const listenSymbols = fanoutSymbols("L");
const iterateSubs = await Promise.all(
  iterateSymbols.map((symbol) => tradeStream(iterateStreams, { symbol })),
);
const listenSubs = await Promise.all(
  listenSymbols.map((symbol) => tradeStream(listenStreams, { symbol })),
);
/** Counts delivered updates; resolves `reached` when the count gets to `target`. */
class Counter {
  n = 0;
  target = 0;
  reached: (() => void) | undefined;
  add(): void {
    if (++this.n === this.target) this.reached?.();
  }
  /** Sends the `count` prepared frames; resolves once all were delivered. */
  receive(count: number): Promise<void> {
    const { promise, resolve } = Promise.withResolvers<void>();
    this.target = this.n + count;
    this.reached = resolve;
    send();
    return promise;
  }
}
const iterated = new Counter();
const listened = new Counter();
for (const sub of iterateSubs) {
  void (async () => {
    for await (const _ of sub) iterated.add();
  })();
}
for (const sub of listenSubs) sub.on("data", () => listened.add());
const iterateNames = tradeNames(iterateSymbols);
const listenNames = tradeNames(listenSymbols);

async function take(it: AsyncIterator<unknown>): Promise<void> {
  send();
  for (let i = 0; i < FRAMES; i++) await it.next();
}

let bookOutOfSync = 0;
async function bookTo(): Promise<void> {
  const target = book.stats.applied + FRAMES;
  send();
  while (book.stats.applied < target) await new Promise((r) => setTimeout(r, 0));
  if (!book.isSynced("CLIBOOK")) bookOutOfSync++;
}

// Raw and module runs alternate inside each iteration, so drift (JIT, GC, the sender)
// touches both alike; the summary compares the medians.
const options = { n: 30, warmup: 3 };
// Trades run first: after megabytes of depth (or fan-out) frames, loopback connections were
// seen to settle at about 170k trade frames a second instead of 250k, for either client (a
// property of the connection, not of the client).
Deno.bench({
  name: `trade: raw vs TradeEvent via for await, ${FRAMES} frames each`,
  ...options,
  async fn() {
    await measure(
      "trade raw",
      { stream: "rawtrade@trade", count: FRAMES },
      () => rawTrade.receive(FRAMES),
    );
    await measure("trade client", { stream: "clitrade@trade", count: FRAMES }, () => take(tradeIt));
  },
});
Deno.bench({
  name: `depth: raw vs DiffDepthEvent via for await, ${FRAMES} frames each (20 levels a side)`,
  ...options,
  async fn() {
    await measure(
      "depth raw",
      { stream: "rawdepth@depth@100ms", count: FRAMES },
      () => rawDepth.receive(FRAMES),
    );
    await measure(
      "depth client",
      { stream: "clidepth@depth@100ms", count: FRAMES },
      () => take(depthIt),
    );
  },
});
Deno.bench({
  name: `order book: raw two Maps vs OrderBook, ${FRAMES} diff depth frames each`,
  ...options,
  async fn() {
    await measure(
      "book raw",
      { stream: "rawbook@depth@100ms", count: FRAMES },
      () => rawBook.receive(FRAMES),
    );
    await measure("book client", { stream: "clibook@depth@100ms", count: FRAMES }, bookTo);
  },
});
Deno.bench({
  name: `fan-out: raw vs ${FANOUT} trade streams on one connection, ${FANOUT_FRAMES} frames each`,
  n: 15,
  warmup: 3,
  async fn() {
    const count = FANOUT_FRAMES;
    await measure("fan-out raw", { streams: rawNames, count }, () => rawFanout.receive(count));
    await measure(
      "fan-out floor",
      { streams: floorNames, count },
      () => floorFanout.receive(count),
    );
    await measure(
      "fan-out iterate",
      { streams: iterateNames, count },
      () => iterated.receive(count),
    );
    await measure("fan-out listen", { streams: listenNames, count }, () => listened.receive(count));
  },
});

globalThis.addEventListener("unload", () => {
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
  const fanoutRaw = rates["fan-out raw"];
  if (fanoutRaw) {
    for (
      const [key, label] of [
        ["fan-out floor", "iterator floor, for await"],
        ["fan-out iterate", "@binance-ws/spot, for await"],
        ["fan-out listen", "@binance-ws/spot, on(data)"],
      ]
    ) {
      const r = rates[key];
      if (!r) continue;
      console.log(
        `fan-out ${label.padEnd(28)} ${median(r).toFixed(0).padStart(7)} msg/s against raw ${
          median(fanoutRaw).toFixed(0)
        } (median of ${r.length}): ${(median(r) / median(fanoutRaw)).toFixed(2)}x`,
      );
    }
    const stats = [...iterateSubs, ...listenSubs].map((sub) => sub.stats);
    const sum = (k: "duplicates" | "gaps" | "dropped" | "malformed") =>
      stats.reduce((n, st) => n + st[k], 0);
    console.log(
      `fan-out: ${sum("gaps")} gaps, ${sum("duplicates")} duplicates, ${sum("dropped")} dropped, ` +
        `${sum("malformed")} malformed over ${stats.length} subscriptions`,
    );
  }
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
  for (const c of [rawDepth, rawTrade, rawBook, rawFanout, floorFanout]) c.ws.close();
  void book.close().then(() =>
    Promise.all([streams.close(), api.close(), iterateStreams.close(), listenStreams.close()])
  );
  worker.terminate();
});
