/**
 * Signed WS API requests with 100 in flight, this module beside a raw client doing the same
 * work with the same key, in the same run. Run with `deno task bench`.
 *
 * - `order.test`, signed per request with HMAC: the module validates the order, and the
 *   connection adds `apiKey` and `timestamp`, builds the signature payload, signs and sends.
 *   The raw client builds the same params, sorts them into the payload, signs it with the same
 *   key (`crypto.subtle.sign` with an imported `CryptoKey`), stringifies and sends.
 * - `order.place` (LIMIT, `newOrderRespType: "RESULT"`) on an Ed25519 session: the connection
 *   logs on when it connects; requests then carry `timestamp` and no `apiKey`/`signature`.
 *   The module validates the order, generates its `newClientOrderId` and checks the result
 *   against the `OrderResult` model. The raw client sends `session.logon` once, signed with the
 *   same Ed25519 key, then the same params (a random client order id too) with `timestamp`,
 *   and `JSON.parse`s the answer into a no-op callback.
 *
 * The keys are test-only: the HMAC secret is the docs' example one, the Ed25519 pair is made
 * at start (`crypto.subtle.generateKey`, its PKCS#8 export written as PEM for `createSigner`).
 *
 * How it avoids being bound by its counterpart: both clients talk to the responder of
 * `ws_api_bench.ts` (`_responder.ts`, in a worker thread), which answers from prebuilt bytes,
 * parses nothing but the id and method, and verifies no signature; its busy µs per request is
 * printed beside the clients' wall µs per request.
 *
 * The two clients alternate in rounds (raw, module, raw, module, ...) so that the load of a
 * shared machine falls on both alike; each round prints its ratio, and the end prints requests
 * a second (median batch), p50/p99 latency, and the ratio module / raw per round and overall.
 */
import { connectWsApi, createSigner, orderPlace, orderTest, type WsApiConnection } from "../mod.ts";

const REQUESTS = 2000;
const IN_FLIGHT = 100;
const ROUNDS = 3;
const BATCHES_PER_ROUND = 12;
const WARMUP = 4;

/** The docs' example API key and HMAC secret (web-socket-api.md, "Signed request example"). */
const API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
const HMAC_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

const encoder = new TextEncoder();

// ---- Keys --------------------------------------------------------------------------------

const hmacKey = await crypto.subtle.importKey(
  "raw",
  encoder.encode(HMAC_SECRET),
  { name: "HMAC", hash: "SHA-256" },
  false,
  ["sign"],
);
const edPair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
  "sign",
  "verify",
]) as CryptoKeyPair;
const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", edPair.privateKey));
const edPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toBase64()}\n-----END PRIVATE KEY-----\n`;
const edKey = edPair.privateKey;

// ---- The responder -----------------------------------------------------------------------

const stats = new Float64Array(new SharedArrayBuffer(16));
const worker = new Worker(new URL("./_responder_worker.ts", import.meta.url), { type: "module" });
const { url } = await new Promise<{ url: string }>((resolve) => {
  worker.onmessage = (e) => resolve(e.data);
  worker.postMessage(stats.buffer);
});

// ---- The work ----------------------------------------------------------------------------

const ORDER = {
  symbol: "BTCUSDT",
  side: "SELL",
  type: "LIMIT",
  timeInForce: "GTC",
  price: "23416.10000000",
  quantity: "0.00847000",
} as const;

type Work = "order.test" | "order.place";
type Kind = "raw" | "client";

// ---- The raw clients -----------------------------------------------------------------------

/** The signature payload as a raw client builds it: names sorted, `name=value` joined by `&`. */
function rawPayload(params: Record<string, string | number>): string {
  const keys = Object.keys(params).sort();
  let s = "";
  for (let i = 0; i < keys.length; i++) {
    s += (i === 0 ? "" : "&") + keys[i] + "=" + params[keys[i]];
  }
  return s;
}

/** A raw client: one WebSocket, 100 in flight, the next request started from each answer. */
class RawClient {
  readonly ws: WebSocket;
  readonly #build: (id: number) => Promise<string> | string;
  #start = new Float64Array(REQUESTS);
  #base = 1;
  #sent = 0;
  #answered = 0;
  #done: (() => void) | undefined;
  #extra = new Map<number, (msg: unknown) => void>();
  latency: number[] = [];

  constructor(ws: WebSocket, build: (id: number) => Promise<string> | string) {
    this.ws = ws;
    this.#build = build;
    const noop = (_result: unknown) => {};
    ws.onmessage = (e) => {
      const msg = JSON.parse(e.data);
      const extra = this.#extra.get(msg.id);
      if (extra) {
        this.#extra.delete(msg.id);
        return extra(msg);
      }
      if (msg.status !== 200) throw new Error(`raw: status ${msg.status}: ${e.data}`);
      noop(msg.result);
      this.latency.push(performance.now() - this.#start[msg.id - this.#base]);
      if (this.#sent < REQUESTS) this.#send();
      if (++this.#answered === REQUESTS) this.#done!();
    };
  }

  static async open(build: (id: number) => Promise<string> | string): Promise<RawClient> {
    const ws = new WebSocket(url);
    await new Promise((resolve) => (ws.onopen = resolve));
    return new RawClient(ws, build);
  }

  /** Sends one request outside the batches (e.g. `session.logon`); resolves with the answer. */
  once(id: number, text: string): Promise<unknown> {
    const { promise, resolve } = Promise.withResolvers<unknown>();
    this.#extra.set(id, resolve);
    this.ws.send(text);
    return promise;
  }

  #send(): void {
    const id = this.#base + this.#sent;
    this.#start[this.#sent++] = performance.now();
    const text = this.#build(id);
    if (typeof text === "string") this.ws.send(text);
    else text.then((t) => this.ws.send(t));
  }

  batch(): Promise<void> {
    const { promise, resolve } = Promise.withResolvers<void>();
    this.#base += this.#sent;
    this.#sent = 0;
    this.#answered = 0;
    this.#done = resolve;
    for (let i = 0; i < IN_FLIGHT; i++) this.#send();
    return promise;
  }
}

/** order.test, HMAC per request: params, apiKey, timestamp, sorted payload, sign, send. */
const rawTest = await RawClient.open(async (id) => {
  const params: Record<string, string | number> = {
    ...ORDER,
    apiKey: API_KEY,
    timestamp: Date.now(),
  };
  const signature = new Uint8Array(
    await crypto.subtle.sign("HMAC", hmacKey, encoder.encode(rawPayload(params))),
  );
  params.signature = signature.toHex();
  return JSON.stringify({ id, method: "order.test", params });
});

/** order.place on a session: params with a random client order id and timestamp, no signing. */
const rawPlace = await RawClient.open((id) => {
  const cid = crypto.getRandomValues(new Uint8Array(16)).toHex();
  return JSON.stringify({
    id,
    method: "order.place",
    params: {
      ...ORDER,
      newOrderRespType: "RESULT",
      newClientOrderId: cid,
      timestamp: Date.now(),
    },
  });
});
{
  // session.logon, once, signed with the Ed25519 key.
  const params: Record<string, string | number> = { apiKey: API_KEY, timestamp: Date.now() };
  const signature = new Uint8Array(
    await crypto.subtle.sign("Ed25519", edKey, encoder.encode(rawPayload(params))),
  );
  params.signature = signature.toBase64();
  const answer = await rawPlace.once(
    0,
    JSON.stringify({ id: 0, method: "session.logon", params }),
  ) as { status: number };
  if (answer.status !== 200) throw new Error("raw: session.logon refused");
}

// ---- The module's clients ------------------------------------------------------------------

const hmacConn: WsApiConnection = await connectWsApi({
  url,
  credentials: {
    apiKey: API_KEY,
    signer: await createSigner({ type: "HMAC", secretKey: HMAC_SECRET }),
  },
});
const edConn: WsApiConnection = await connectWsApi({
  url,
  credentials: {
    apiKey: API_KEY,
    signer: await createSigner({ type: "Ed25519", privateKey: edPem }),
  },
});

const clientCall: Record<Work, () => Promise<unknown>> = {
  "order.test": () => orderTest(hmacConn, ORDER),
  "order.place": () => orderPlace(edConn, { ...ORDER, newOrderRespType: "RESULT" }),
};
// One call each before measuring: the clock is synced, the session logged on.
await clientCall["order.test"]();
await clientCall["order.place"]();
if (!edConn.loggedOn) throw new Error("the Ed25519 connection did not log on");

const latency: Record<Work, Record<Kind, number[]>> = {
  "order.test": { raw: rawTest.latency, client: [] },
  "order.place": { raw: rawPlace.latency, client: [] },
};

/** The module's batch: `IN_FLIGHT` loops awaiting calls, `REQUESTS` calls, each latency kept. */
async function clientBatch(work: Work): Promise<void> {
  const call = clientCall[work];
  const out = latency[work].client;
  let next = 0;
  async function lane() {
    while (next++ < REQUESTS) {
      const s = performance.now();
      await call();
      out.push(performance.now() - s);
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

// ---- Measuring -----------------------------------------------------------------------------

interface Tally {
  batches: number[];
  busyMs: number;
  answered: number;
}
const tally = (): Tally => ({ batches: [], busyMs: 0, answered: 0 });
/** Per work, per round, per kind. */
const rounds: Record<Work, Record<Kind, Tally>[]> = { "order.test": [], "order.place": [] };

async function batch(t: Tally, run: () => Promise<void>): Promise<void> {
  const busy0 = stats[0];
  const answered0 = stats[1];
  const t0 = performance.now();
  await run();
  t.batches.push(performance.now() - t0);
  t.busyMs += stats[0] - busy0;
  t.answered += stats[1] - answered0;
}

const label: Record<Work, string> = {
  "order.test": "order.test HMAC per request",
  "order.place": "order.place LIMIT/RESULT on an Ed25519 session",
};

for (let r = 0; r < ROUNDS; r++) {
  for (const work of ["order.test", "order.place"] as const) {
    const t = { raw: tally(), client: tally() };
    rounds[work].push(t);
    const group = `${work} #${r + 1}`;
    Deno.bench({
      name: `raw WebSocket: ${REQUESTS} ${label[work]}, ${IN_FLIGHT} in flight`,
      group,
      baseline: true,
      n: BATCHES_PER_ROUND,
      warmup: WARMUP,
      async fn() {
        await batch(t.raw, () => (work === "order.test" ? rawTest : rawPlace).batch());
      },
    });
    Deno.bench({
      name: `@binance-ws/spot: ${REQUESTS} ${label[work]}, ${IN_FLIGHT} in flight`,
      group,
      n: BATCHES_PER_ROUND,
      warmup: WARMUP,
      async fn() {
        await batch(t.client, () => clientBatch(work));
      },
    });
  }
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

globalThis.addEventListener("unload", () => {
  for (const work of ["order.test", "order.place"] as const) {
    const all = rounds[work];
    if (all.length === 0 || all.some((t) => t.raw.batches.length === 0)) return;
    const rate = (batches: number[]) => REQUESTS / (median(batches) / 1000);
    const ratios = all.map((t) => rate(t.client.batches) / rate(t.raw.batches));
    for (const kind of ["raw", "client"] as const) {
      const batches = all.flatMap((t) => t[kind].batches);
      const busy = all.reduce((s, t) => s + t[kind].busyMs, 0);
      const answered = all.reduce((s, t) => s + t[kind].answered, 0);
      const values = latency[work][kind].sort((a, b) => a - b);
      console.log(
        `${work} ${kind.padEnd(6)} ${rate(batches).toFixed(0).padStart(6)} req/s (median batch), ` +
          `latency p50 ${percentile(values, 0.5).toFixed(2)} ms, p99 ${
            percentile(values, 0.99).toFixed(2)
          } ms; wall ${(1e6 / rate(batches)).toFixed(1)} µs/req, responder busy ${
            (busy * 1000 / Math.max(1, answered)).toFixed(1)
          } µs/req`,
      );
    }
    console.log(
      `${work} client/raw: ${median(ratios).toFixed(2)}x (median of rounds: ${
        ratios.map((x) => x.toFixed(2)).join(", ")
      }) [${label[work]}]`,
    );
  }
});

// Close everything once the benches have run (deno bench awaits pending work at exit).
globalThis.addEventListener("beforeunload", () => {
  rawTest.ws.close();
  rawPlace.ws.close();
  void hmacConn.close();
  void edConn.close();
  worker.terminate();
});
