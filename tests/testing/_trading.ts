// What the trading tests of the fake share: a raw WebSocket client sending HMAC-signed requests
// (its own signing, as the docs describe it, not the module's), two accounts with known balances
// and commissions, and readers of answers.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import {
  FAKE_ACCOUNT,
  type FakeBinance,
  type FakeBinanceOptions,
  startFakeBinance,
} from "../../testing/mod.ts";

const DEFAULT_API_KEY = FAKE_ACCOUNT.apiKey;
const SECRETS: Record<string, string> = { [DEFAULT_API_KEY]: FAKE_ACCOUNT.hmacKey.secretKey };

/** Methods of security type NONE the tests call: sent without apiKey, timestamp and signature. */
const PUBLIC = new Set([
  "depth",
  "time",
  "ping",
  "exchangeInfo",
  "avgPrice",
  "ticker.price",
  "ticker.book",
]);

/** The params with `signature`: HMAC-SHA256 of the sorted `key=value` pairs joined by `&`. */
function signed(params: Obj, secret: string): Obj {
  const payload = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join("&");
  return { ...params, signature: createHmac("sha256", secret).update(payload).digest("hex") };
}

export type Obj = Record<string, unknown>;

export interface Client extends AsyncDisposable {
  call(method: string, params?: Obj): Promise<Obj>;
  ws: WebSocket;
  /** The User Data Stream events received so far (taken out), kept apart from the answers. */
  take(): Obj[];
}

export async function client(url: string, apiKey = DEFAULT_API_KEY): Promise<Client> {
  const ws = new WebSocket(url);
  const waiting: ((t: string) => void)[] = [];
  let events: Obj[] = [];
  const closed = new Promise((r) => ws.addEventListener("close", r));
  ws.onmessage = (e) => {
    // An event frame (`{"subscriptionId":…,"event":…}`) answers no request.
    if (e.data.startsWith('{"subscriptionId"')) events.push(JSON.parse(e.data).event);
    else waiting.shift()?.(e.data);
  };
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let id = 1;
  return {
    ws,
    call(method, params = {}) {
      const { promise, resolve } = Promise.withResolvers<string>();
      waiting.push(resolve);
      ws.send(JSON.stringify({
        id: id++,
        method,
        params: PUBLIC.has(method)
          ? params
          : signed({ apiKey, timestamp: Date.now(), ...params }, SECRETS[apiKey] ?? "s"),
      }));
      return promise.then((t) => JSON.parse(t));
    },
    take() {
      const out = events;
      events = [];
      return out;
    },
    async [Symbol.asyncDispose]() {
      ws.close();
      await closed;
    },
  };
}

export const A = "accountA";
export const B = "accountB";
const HMAC = { type: "HMAC" as const, secretKey: "s" };

export async function setup(options: FakeBinanceOptions = {}) {
  const fake = await startFakeBinance({
    accounts: [
      {
        apiKey: A,
        key: HMAC,
        balances: { BTC: { free: "2" }, USDT: { free: "200000" } },
        commission: { maker: "0.001", taker: "0.002" },
      },
      { apiKey: B, key: HMAC, balances: { BTC: { free: "2" }, USDT: { free: "200000" } } },
    ],
    ...options,
  });
  const a = await client(fake.wsApiUrl, A);
  const b = await client(fake.wsApiUrl, B);
  return {
    fake,
    a,
    b,
    async [Symbol.asyncDispose]() {
      await a[Symbol.asyncDispose]();
      await b[Symbol.asyncDispose]();
      await fake.close();
    },
  };
}

export function result(r: Obj): Obj {
  assert.equal(r.status, 200, JSON.stringify(r));
  return r.result as Obj;
}

export function error(r: Obj): { code: number; msg: string } {
  assert.notEqual(r.status, 200, JSON.stringify(r));
  return r.error as { code: number; msg: string };
}

/** A MARKET order on BTCUSDT by quantity; the raw answer. */
export function market(c: Client, side: "BUY" | "SELL", quantity: string): Promise<Obj> {
  return c.call("order.place", { symbol: "BTCUSDT", side, type: "MARKET", quantity });
}

/** The best ask and bid of a symbol, with their quantities, as decimal strings. */
export function top(fake: FakeBinance, symbol = "BTCUSDT") {
  const book = fake.market.orderBook(symbol, 3);
  return { asks: book.asks, bids: book.bids };
}
