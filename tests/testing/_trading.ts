// What the trading tests of the fake share: a raw WebSocket client sending apiKey params, two
// accounts with known balances and commissions, and readers of answers.
import assert from "node:assert/strict";
import { type FakeBinance, type FakeBinanceOptions, startFakeBinance } from "../../testing/mod.ts";
import { DEFAULT_API_KEY } from "../../testing/_exchange/accounts.ts";

export type Obj = Record<string, unknown>;

export interface Client extends AsyncDisposable {
  call(method: string, params?: Obj): Promise<Obj>;
  ws: WebSocket;
}

export async function client(url: string, apiKey = DEFAULT_API_KEY): Promise<Client> {
  const ws = new WebSocket(url);
  const waiting: ((t: string) => void)[] = [];
  const closed = new Promise((r) => ws.addEventListener("close", r));
  ws.onmessage = (e) => waiting.shift()?.(e.data);
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
        params: { apiKey, timestamp: Date.now(), signature: "x", ...params },
      }));
      return promise.then((t) => JSON.parse(t));
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

/** The best ask and bid of a symbol, with their quantities, as decimal strings. */
export function top(fake: FakeBinance, symbol = "BTCUSDT") {
  const book = fake.market.orderBook(symbol, 3);
  return { asks: book.asks, bids: book.bids };
}
