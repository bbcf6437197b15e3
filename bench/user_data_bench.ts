/**
 * User Data Stream: `executionReport` events a second delivered as typed, checked
 * `ExecutionReportEvent` models through `for await` on a `userDataStreamSubscribe`
 * subscription (routed by socket and subscription id, de-duplicated by content), beside a raw
 * `WebSocket` + `JSON.parse` client receiving the same frames in the same run. Run with
 * `deno task bench`.
 *
 * How it avoids being bound by its counterpart: both clients talk to a WS API counterpart in a
 * worker thread (`_user_data_worker.ts`) that answers the subscription's few requests from
 * canned results, encodes each run's event frames before the run's timing starts, and writes
 * them in one socket write; the two clients alternate inside each iteration, so that drift
 * touches both alike.
 */
import { connectWsApi, createSigner, userDataStreamSubscribe } from "../mod.ts";
import { sender } from "./_sender.ts";

const FRAMES = 10_000;

const worker = new Worker(new URL("./_user_data_worker.ts", import.meta.url), {
  type: "module",
});
const { base } = await new Promise<{ base: string }>((resolve) =>
  worker.onmessage = (e) => resolve(e.data)
);
const { prepare, send } = sender(worker);

// ---- The raw client: a WebSocket, JSON.parse, a counter ----------------------------------
const raw = new WebSocket(`${base}/raw`);
await new Promise((r) => (raw.onopen = r));
let rawCount = 0;
let rawTarget = 0;
let rawDone: (() => void) | undefined;
raw.onmessage = (e) => {
  const msg = JSON.parse(e.data);
  if (msg.id !== undefined) return rawDone?.();
  if (msg.event.e === "executionReport" && ++rawCount === rawTarget) rawDone?.();
};
await new Promise<void>((r) => {
  rawDone = r;
  raw.send(JSON.stringify({ id: 1, method: "userDataStream.subscribe" }));
});
function rawReceive(count: number): Promise<void> {
  const { promise, resolve } = Promise.withResolvers<void>();
  rawTarget = rawCount + count;
  rawDone = resolve;
  send();
  return promise;
}

// ---- This module: an Ed25519 session, one subscription, for await ------------------------
const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
  "sign",
  "verify",
]) as CryptoKeyPair;
const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
const signer = await createSigner({
  type: "Ed25519",
  privateKey: `-----BEGIN PRIVATE KEY-----\n${pkcs8.toBase64()}\n-----END PRIVATE KEY-----\n`,
});
const conn = await connectWsApi({
  url: `${base}/module`,
  credentials: { apiKey: "bench-key-0000000000", signer },
});
const subscription = await userDataStreamSubscribe(conn);
const events = subscription[Symbol.asyncIterator]();
let wrongType = 0;
async function moduleReceive(count: number): Promise<void> {
  send();
  for (let i = 0; i < count; i++) {
    const { value } = await events.next();
    if (value?.eventType !== "executionReport") wrongType++;
  }
}

const rates: Record<string, number[]> = {};
/** Times `run` (which sends the prepared frames and waits for them), once `client`'s are prepared. */
async function measure(key: string, client: string, run: () => Promise<void>) {
  await prepare({ client, count: FRAMES });
  const t0 = performance.now();
  await run();
  (rates[key] ??= []).push(FRAMES / ((performance.now() - t0) / 1000));
}

Deno.bench({
  name: `user data: raw vs ExecutionReportEvent via for await, ${FRAMES} frames each`,
  n: 30,
  warmup: 3,
  async fn() {
    await measure("raw", "raw", () => rawReceive(FRAMES));
    await measure("client", "module", () => moduleReceive(FRAMES));
  },
});

globalThis.addEventListener("unload", () => {
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
  const r = rates.raw;
  const c = rates.client;
  if (!r || !c) return;
  console.log(
    `user data raw ${median(r).toFixed(0).padStart(7)} msg/s, @binance-ws/spot ${
      median(c).toFixed(0).padStart(7)
    } msg/s (median of ${c.length}): ${(median(c) / median(r)).toFixed(2)}x; ` +
      `${subscription.stats.duplicates} duplicates removed, ${subscription.stats.gaps} gaps, ` +
      `${wrongType} events of another type`,
  );
});

globalThis.addEventListener("beforeunload", () => {
  raw.close();
  void subscription.unsubscribe().finally(() => conn.close());
  worker.terminate();
});
