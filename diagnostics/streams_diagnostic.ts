/**
 * Streams diagnostic: subscribes to every stream kind through this module for a few
 * seconds, then prints one line per stream (updates, latency now − E, order, gaps) and one
 * for a local order book checked against a fresh `depth` snapshot. Exits 1 when any check
 * fails.
 *
 *   deno task diagnose:streams           # live Binance (stream.binance.com:9443)
 *   deno task diagnose:streams:testnet   # Spot testnet
 *   deno task diagnose:streams:local     # the fake exchange, started in-process
 *
 * Options: `--target=live|testnet|local`, `--seconds=N` (default 5).
 *
 * @module
 */
import * as spot from "../mod.ts";
import { runDiagnostic } from "./_harness.ts";

const symbol = "BTCUSDT";

interface Probe {
  label: string;
  open(conn: spot.StreamConnection): Promise<spot.Subscription<unknown>>;
  /** The update's sequence (id or time) for the order check. */
  sequence(update: unknown): number;
  /** The update's event time, for latency. */
  eventTime?(update: unknown): number;
  /** Quiet streams may have no update in a few seconds. */
  quiet?: boolean;
}

type T = Record<string, number>;
const probes: Probe[] = [
  {
    label: "trade",
    open: (c) => spot.tradeStream(c, { symbol }),
    sequence: (u) => (u as T).tradeId,
    eventTime: (u) => (u as T).eventTime,
  },
  {
    label: "aggTrade",
    open: (c) => spot.aggTradeStream(c, { symbol }),
    sequence: (u) => (u as T).aggTradeId,
    eventTime: (u) => (u as T).eventTime,
  },
  {
    label: "blockTrade",
    open: (c) => spot.blockTradeStream(c, { symbol }),
    sequence: (u) => (u as T).blockTradeId,
    eventTime: (u) => (u as T).eventTime,
    quiet: true,
  },
  {
    label: "kline_1s",
    open: (c) => spot.klineStream(c, { symbol, interval: "1s" }),
    sequence: (u) => (u as T).eventTime,
    eventTime: (u) => (u as T).eventTime,
  },
  {
    label: "kline_1m@+08:00",
    open: (c) => spot.klineStream(c, { symbol, interval: "1m", timeZone: "+08:00" }),
    sequence: (u) => (u as T).eventTime,
    eventTime: (u) => (u as T).eventTime,
  },
  {
    label: "miniTicker",
    open: (c) => spot.miniTickerStream(c, { symbol }),
    sequence: (u) => (u as T).eventTime,
    eventTime: (u) => (u as T).eventTime,
  },
  {
    label: "!miniTicker@arr",
    open: (c) => spot.allMiniTickersStream(c),
    sequence: (u) => Math.max(...(u as T[]).map((t) => t.eventTime)),
    eventTime: (u) => Math.max(...(u as T[]).map((t) => t.eventTime)),
  },
  {
    label: "ticker",
    open: (c) => spot.tickerStream(c, { symbol }),
    sequence: (u) => (u as T).eventTime,
    eventTime: (u) => (u as T).eventTime,
  },
  {
    label: "ticker_1h",
    open: (c) => spot.rollingWindowTickerStream(c, { symbol, windowSize: "1h" }),
    sequence: (u) => (u as T).eventTime,
    eventTime: (u) => (u as T).eventTime,
  },
  {
    label: "!ticker_4h@arr",
    open: (c) => spot.allRollingWindowTickersStream(c, { windowSize: "4h" }),
    sequence: (u) => Math.max(...(u as T[]).map((t) => t.eventTime)),
    eventTime: (u) => Math.max(...(u as T[]).map((t) => t.eventTime)),
  },
  {
    label: "bookTicker",
    open: (c) => spot.bookTickerStream(c, { symbol }),
    sequence: (u) => (u as T).updateId,
  },
  {
    label: "avgPrice",
    open: (c) => spot.avgPriceStream(c, { symbol }),
    sequence: (u) => (u as T).eventTime,
    eventTime: (u) => (u as T).eventTime,
  },
  {
    label: "referencePrice",
    open: (c) => spot.referencePriceStream(c, { symbol }),
    sequence: (u) => (u as T).time,
    quiet: true,
  },
  {
    label: "depth20@100ms",
    open: (c) => spot.partialDepthStream(c, { symbol, levels: 20, speed: "100ms" }),
    sequence: (u) => (u as T).lastUpdateId,
  },
  {
    label: "depth@100ms",
    open: (c) => spot.diffDepthStream(c, { symbol, speed: "100ms" }),
    sequence: (u) => (u as T).finalUpdateId,
    eventTime: (u) => (u as T).eventTime,
  },
];

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN;
}

const options = { labelWidth: 18, fake: { autoAdvanceMs: 20 }, numbers: { seconds: 5 } };
await runDiagnostic(options, async (run) => {
  const seconds = run.numbers.seconds;
  await using streams = await spot.connectStreams({ url: run.urls.streams });
  await using api = await spot.connectWsApi({ url: run.urls.wsApi });
  run.begin(`${streams.url} (+ ${api.url}), ${seconds} s`);
  const errors: string[] = [];
  streams.on("error", ({ error }) => errors.push(error.message));
  const runs = await Promise.all(probes.map(async (probe) => {
    const sub = await probe.open(streams);
    const latencies: number[] = [];
    let outOfOrder = 0;
    let last = -Infinity;
    let count = 0;
    const shapeErrors: string[] = [];
    sub.on("error", ({ error }) => shapeErrors.push(error.message));
    sub.on("gap", () => {});
    sub.on("data", (u) => {
      count++;
      const seq = probe.sequence(u);
      if (seq < last) outOfOrder++;
      last = seq;
      if (probe.eventTime) latencies.push(Date.now() - probe.eventTime(u));
    });
    return { probe, sub, latencies, shapeErrors, count: () => count, outOfOrder: () => outOfOrder };
  }));
  const book = await spot.openOrderBook({ streams, api }, symbol, { snapshotLimit: 100 });
  let resyncs = 0;
  book.on("resyncing", () => resyncs++);
  await new Promise((r) => setTimeout(r, seconds * 1000));

  for (const r of runs) {
    const stats = r.sub.stats;
    const sorted = [...r.latencies].sort((a, b) => a - b);
    const latency = sorted.length
      ? `latency p50 ${percentile(sorted, 0.5)} ms, max ${sorted.at(-1)} ms`
      : "no event time";
    const problems = [
      ...r.shapeErrors.slice(0, 1),
      r.outOfOrder() ? `${r.outOfOrder()} out of order` : "",
      stats.gaps ? `${stats.gaps} gaps` : "",
    ].filter(Boolean);
    const ok = problems.length === 0 && (r.count() > 0 || r.probe.quiet === true);
    run.report(
      !ok ? "FAIL" : r.count() === 0 ? "QUIET" : "PASS",
      r.probe.label,
      `${String(r.count()).padStart(5)} updates, ${latency}, ${stats.duplicates} duplicates` +
        (problems.length ? `; ${problems.join("; ")}` : "") +
        (r.count() === 0 ? "; no update" : ""),
    );
  }

  // Order book: in sync, not crossed, and its top level agrees with a fresh snapshot.
  const bid = book.bestBid(symbol);
  const ask = book.bestAsk(symbol);
  const snap = await spot.depth(api, { symbol, limit: 5 });
  const local = book.top(symbol, 5);
  const sameId = local?.lastUpdateId === snap.lastUpdateId;
  const agrees = !sameId ||
    JSON.stringify([local?.bids, local?.asks]) === JSON.stringify([snap.bids, snap.asks]);
  const crossed = bid && ask && Number(bid[0]) >= Number(ask[0]);
  run.report(
    book.isSynced(symbol) && !crossed && agrees ? "PASS" : "FAIL",
    "orderBook",
    `${book.stats.applied} updates applied, ${resyncs} resyncs, bid ${bid?.[0]} / ask ${ask?.[0]}` +
      (sameId ? ", equal to a fresh depth snapshot" : `, snapshot id ${snap.lastUpdateId}`),
  );
  await book.close();
  if (errors.length) run.report("FAIL", "connection", errors.slice(0, 3).join("; "));
});
