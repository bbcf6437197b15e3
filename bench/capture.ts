/**
 * Whole-market capture, measured: one connection subscribes trade, bookTicker and diff
 * depth@100ms for `--symbols` symbols (default 2000, so 6000 streams over at least 6 sockets
 * under the 1024 cap; the connection paces its control messages), while a sender in another
 * process (bench/_capture_sender.ts) feeds about `--rate` messages a second in all
 * (default 30 000), Binance-shaped, with contiguous ids per stream. Every subscription is
 * consumed by its own `for await` loop (`--consume=listen`: `on("data")`), which checks the
 * ids of its stream itself.
 *
 * The window starts once every stream delivered its first update and lasts `--seconds`
 * (default 20). Reported: this process's CPU over the window as a share of one core
 * (`process.cpuUsage` over wall time; the sender's CPU is its own process's), RSS, messages a
 * second, sockets, and per-stream delivery after the sender stopped: every stream's last id
 * equal to the last the sender sent, no gap, no duplicate.
 *
 * Run with `deno task bench:capture` (`--symbols=N --rate=N --seconds=N --consume=...`).
 *
 * @module
 */
import process from "node:process";
import {
  bookTickerStream,
  connectStreams,
  diffDepthStream,
  type StreamGap,
  type Subscription,
  tradeStream,
} from "../mod.ts";

const arg = (name: string, fallback: string) =>
  Deno.args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const SYMBOLS = Number(arg("symbols", "2000"));
const RATE = Number(arg("rate", "30000"));
const SECONDS = Number(arg("seconds", "20"));
const CONSUME = arg("consume", "iterate");

// --- the sender, in its own process --------------------------------------------------------
const sender = new Deno.Command("deno", {
  args: [
    "run",
    "--allow-net=127.0.0.1",
    new URL("./_capture_sender.ts", import.meta.url).pathname,
    `--rate=${RATE}`,
  ],
  stdin: "piped",
  stdout: "piped",
  stderr: "inherit",
}).spawn();
const senderIn = sender.stdin.getWriter();
const senderLines = sender.stdout.pipeThrough(new TextDecoderStream()).getReader();
let buffered = "";
async function senderLine(): Promise<string> {
  for (;;) {
    const nl = buffered.indexOf("\n");
    if (nl >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      return line;
    }
    const { value, done } = await senderLines.read();
    if (done) throw new Error("Cannot read the sender: it exited");
    buffered += value;
  }
}
const { port } = JSON.parse(await senderLine()) as { port: number };

// --- the client ---------------------------------------------------------------------------
function symbol(i: number): string {
  const c = (k: number) => String.fromCharCode(65 + k);
  return `${c(Math.floor(i / 676) % 26)}${c(Math.floor(i / 26) % 26)}${c(i % 26)}USDT`;
}

/** What one stream delivered: count, last id, and the ids' own check. */
interface Tally {
  n: number;
  last: number;
  broken: number;
}

const conn = await connectStreams({ url: `ws://127.0.0.1:${port}` });
let connGaps = 0;
conn.on("gap", (_g: StreamGap) => connGaps++);
conn.on("error", ({ error }) => console.error(`error: ${error.message}`));

const t0 = performance.now();
const subscribing: Promise<Subscription<unknown>>[] = [];
for (let i = 0; i < SYMBOLS; i++) {
  const s = symbol(i);
  subscribing.push(tradeStream(conn, { symbol: s }));
  subscribing.push(bookTickerStream(conn, { symbol: s }));
  subscribing.push(diffDepthStream(conn, { symbol: s, speed: "100ms" }));
}
const subs = await Promise.all(subscribing);
const subscribeSeconds = (performance.now() - t0) / 1000;

let total = 0;
let started = 0;
const { promise: allStarted, resolve: everyStreamStarted } = Promise.withResolvers<void>();
const tallies: Tally[] = subs.map(() => ({ n: 0, last: -1, broken: 0 }));

/** Counts an update and checks its ids against the previous one of its stream. */
function count(t: Tally, first: number, last: number, contiguous: boolean): void {
  if (t.n === 0) {
    if (++started === subs.length) everyStreamStarted();
  } else if (contiguous ? first !== t.last + 1 : first <= t.last) t.broken++;
  t.n++;
  t.last = last;
  total++;
}

const loops: Promise<void>[] = [];
subs.forEach((sub, i) => {
  const t = tallies[i];
  const kind = i % 3; // trade, bookTicker, diff depth
  const onUpdate = kind === 0
    ? (v: unknown) => {
      const id = (v as { tradeId: number }).tradeId;
      count(t, id, id, true);
    }
    : kind === 1
    ? (v: unknown) => {
      const id = (v as { updateId: number }).updateId;
      count(t, id, id, false);
    }
    : (v: unknown) => {
      const d = v as { firstUpdateId: number; finalUpdateId: number };
      count(t, d.firstUpdateId, d.finalUpdateId, true);
    };
  if (CONSUME === "listen") sub.on("data", onUpdate);
  else {
    loops.push((async () => {
      for await (const v of sub) onUpdate(v);
    })());
  }
});

await allStarted;
const firstSeconds = (performance.now() - t0) / 1000;
const startCpu = process.cpuUsage();
const startT = performance.now();
const startTotal = total;
await new Promise((r) => setTimeout(r, SECONDS * 1000));
const cpu = process.cpuUsage(startCpu);
const wall = (performance.now() - startT) / 1000;
const windowTotal = total - startTotal;
const rssMB = process.memoryUsage().rss / 1048576;
const peakRssMB = process.resourceUsage().maxRSS / 1024;

// Stop the sender, then wait until everything it sent arrived.
await senderIn.write(new TextEncoder().encode("stop\n"));
const report = JSON.parse(await senderLine()) as { sent: number; last: Record<string, number> };
const drainBy = performance.now() + 10_000;
while (total < report.sent && performance.now() < drainBy) {
  await new Promise((r) => setTimeout(r, 50));
}

let behind = 0;
let broken = 0;
let duplicates = 0;
let statGaps = 0;
let dropped = 0;
let minPerStream = Infinity;
let maxPerStream = 0;
subs.forEach((sub, i) => {
  const t = tallies[i];
  if (t.last !== report.last[sub.stream]) behind++;
  broken += t.broken;
  const st = sub.stats;
  duplicates += st.duplicates;
  statGaps += st.gaps;
  dropped += st.dropped;
  minPerStream = Math.min(minPerStream, t.n);
  maxPerStream = Math.max(maxPerStream, t.n);
});

const result = {
  streams: subs.length,
  sockets: conn.sockets,
  consume: CONSUME,
  subscribeSeconds: Math.round(subscribeSeconds * 10) / 10,
  everyStreamFirstUpdateSeconds: Math.round(firstSeconds * 10) / 10,
  windowSeconds: Math.round(wall * 10) / 10,
  msgsPerSec: Math.round(windowTotal / wall),
  cpuShareOfOneCore: Math.round(((cpu.user + cpu.system) / 1e6 / wall) * 1000) / 1000,
  rssMB: Math.round(rssMB),
  peakRssMB: Math.round(peakRssMB),
  sent: report.sent,
  received: total,
  streamsNotAtLastSentId: behind,
  idBreaks: broken,
  gaps: statGaps + connGaps,
  duplicates,
  dropped,
  perStreamMin: minPerStream,
  perStreamMax: maxPerStream,
};
console.log(JSON.stringify(result));
console.log(
  `capture: ${result.streams} streams on ${result.sockets} sockets, ${result.msgsPerSec} msg/s, ` +
    `CPU ${(result.cpuShareOfOneCore * 100).toFixed(1)}% of one core, RSS ${result.rssMB} MB; ` +
    `${result.received}/${result.sent} delivered, ${behind} streams short, ` +
    `${broken + statGaps + connGaps} gaps, ${duplicates} duplicates`,
);

await conn.close();
await Promise.all(loops);
await senderIn.close();
await sender.status;
const ok = behind === 0 && broken === 0 && statGaps + connGaps === 0 && duplicates === 0 &&
  dropped === 0 && total === report.sent;
Deno.exit(ok ? 0 : 1);
