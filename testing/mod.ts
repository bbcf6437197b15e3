/**
 * A fake Binance Spot exchange for tests: a WebSocket API and Market Streams server on
 * 127.0.0.1. The WebSocket API answers the 19 public methods with the documented shapes,
 * codes, messages and weights and enforces REQUEST_WEIGHT with 429 and 418 like Binance.
 * The streams (`/ws`, `/stream`) serve every documented market stream from the same
 * deterministic market, so a diff depth stream agrees with `depth` exactly; they answer the
 * five control methods with Binance's error codes, and disconnect a connection that sends
 * over 5 messages a second. Fault hooks: dropped connections, delays, stalls, skipped and
 * duplicated updates, `serverShutdown`, malformed frames, a lifetime cap.
 *
 * User Data Stream: `userDataStream.subscribe` (on a logged-on session),
 * `userDataStream.subscribe.signature`, `userDataStream.unsubscribe` and
 * `session.subscriptions`, with an `executionReport` for every order transition of the
 * matching engine, `listStatus` for lists and `outboundAccountPosition` after balance changes;
 * hooks for deposits, external locks, dropped events and unprompted termination
 * ({@linkcode FakeUserData}).
 *
 * It is an independent peer of the client: it shares no code with it.
 *
 * ```ts
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * const ws = new WebSocket(exchange.wsApiUrl);
 * await new Promise((resolve) => (ws.onopen = resolve));
 * const answer = new Promise<string>((resolve) => (ws.onmessage = (e) => resolve(e.data)));
 * ws.send(JSON.stringify({ id: 1, method: "ping" }));
 * assert.equal(JSON.parse(await answer).status, 200);
 * ws.close();
 * await new Promise((resolve) => (ws.onclose = resolve));
 * ```
 *
 * @module
 */

import {
  advanceMarket,
  bookOf,
  createMarket,
  snapshotBooks,
  SYMBOL_NAMES,
} from "./_exchange/market.ts";
import { createFaults, type OrderFault, type OrderFaultScope } from "./_faults.ts";
import { marketHandlers } from "./_handlers/market.ts";
import { probeHandlers } from "./_handlers/probe.ts";
import { sessionHandlers } from "./_handlers/session.ts";
import {
  DEFAULT_API_KEY,
  DEFAULT_ED25519_PRIVATE_KEY,
  DEFAULT_ED25519_PUBLIC_KEY,
  DEFAULT_HMAC_SECRET,
  DEFAULT_RSA_PRIVATE_KEY,
  DEFAULT_RSA_PUBLIC_KEY,
} from "./_server/keys.ts";
import { createVerifier } from "./_server/verifier.ts";
import { tradingHandlers } from "./_handlers/trading.ts";
import { accountMoreHandlers } from "./_handlers/account_more.ts";
import { accountHandlers } from "./_handlers/account.ts";
import { createAccounts } from "./_exchange/accounts.ts";
import { createTrading } from "./_exchange/order_lists.ts";
import { isOpen, type Order } from "./_exchange/orders.ts";
import { dec, parseUnits } from "./_exchange/decimal.ts";
import { createStreamServer } from "./_server/streams.ts";
import { createTimers } from "./_server/timers.ts";
import { createRequestWeight } from "./_server/weight.ts";
import { createWsApiServer } from "./_server/ws_api.ts";
import { UserDataStreams } from "./_exchange/user_data.ts";
import { userDataHandlers } from "./_handlers/user_data.ts";

export type { OrderFault, OrderFaultScope } from "./_faults.ts";

/**
 * A key registered for a fake account's API key: an HMAC secret, or the public key (PEM,
 * SPKI) of an RSA or Ed25519 pair. The fake verifies signatures with it (`node:crypto`).
 */
export type FakeAccountKey =
  | { type: "HMAC"; secretKey: string }
  | { type: "RSA" | "Ed25519"; publicKey: string };

/** An account of the fake exchange. Its identity is its API key. */
export interface FakeAccount {
  /** The API key. The fake calls 1–100 of `A-Z a-z 0-9 _ -` well-formed (else -2014). */
  apiKey: string;
  /**
   * The key its requests are signed with, or several (then a signature verifying with any of
   * them is accepted, and `session.logon` needs the Ed25519 one).
   */
  key: FakeAccountKey | readonly FakeAccountKey[];
  /** Balances by asset. */
  balances?: Record<string, { free: string; locked?: string }>;
  /** Account permissions. Default `["SPOT"]`. */
  permissions?: string[];
  /** Whether the account may trade. Default `true` (else -2010 "This account may not place or cancel orders."). */
  canTrade?: boolean;
  /** Standard maker and taker commission rates, charged on fills. Default `"0.00100000"` each. */
  commission?: { maker?: string; taker?: string };
}

/** An order of the fake exchange, as its ground truth holds it (decimals as strings). */
export interface FakeOrder {
  /** The symbol. */
  symbol: string;
  /** The order id. */
  orderId: number;
  /** Its order list's id, or -1. */
  orderListId: number;
  /** The client order id. */
  clientOrderId: string;
  /** `BUY` or `SELL`. */
  side: string;
  /** The order type. */
  type: string;
  /** Its status: `NEW`, `PARTIALLY_FILLED`, `FILLED`, `CANCELED`, `EXPIRED`, `EXPIRED_IN_MATCH`, `PENDING_NEW`. */
  status: string;
  /** Limit price (`"0.00000000"` for market types). */
  price: string;
  /** Ordered quantity. */
  origQty: string;
  /** Executed quantity. */
  executedQty: string;
  /** Executed quote quantity. */
  cummulativeQuoteQty: string;
  /** Stop price, for stop and take-profit types. */
  stopPrice?: string;
  /** When it was placed (ms). */
  time: number;
}

/** A balance of a fake account. */
export interface FakeBalance {
  /** Available. */
  free: string;
  /** Locked by open orders. */
  locked: string;
}

/** A read-only view of the fake exchange's trading state: its ground truth for tests. */
export interface FakeTrading {
  /** The apiKeys of its accounts. */
  apiKeys(): string[];
  /**
   * An account's balances.
   *
   * @param apiKey The account.
   * @returns Asset → balance.
   * @throws {RangeError} For an unknown account.
   */
  balances(apiKey: string): Record<string, FakeBalance>;
  /**
   * Every order of an account (on a symbol), oldest first.
   *
   * @param apiKey The account.
   * @param symbol Only this symbol.
   * @returns The orders.
   */
  orders(apiKey: string, symbol?: string): FakeOrder[];
  /**
   * The open orders of an account (on a symbol), oldest first.
   *
   * @param apiKey The account.
   * @param symbol Only this symbol.
   * @returns The orders.
   */
  openOrders(apiKey: string, symbol?: string): FakeOrder[];
  /**
   * Every order of an account with this client order id (a reused id may name several).
   *
   * @param apiKey The account.
   * @param clientOrderId The client order id.
   * @returns The orders, oldest first.
   */
  ordersByClientId(apiKey: string, clientOrderId: string): FakeOrder[];
}

/** The fake's default account: one API key registered with an HMAC, an Ed25519 and an RSA key. */
export interface FakeDefaultAccount {
  /** The API key. */
  readonly apiKey: string;
  /** The HMAC key, ready for `createSigner`. */
  readonly hmacKey: { readonly type: "HMAC"; readonly secretKey: string };
  /** The Ed25519 pair (PKCS#8 and SPKI PEM), ready for `createSigner`. */
  readonly ed25519Key: {
    readonly type: "Ed25519";
    readonly privateKey: string;
    readonly publicKey: string;
  };
  /** The RSA 2048 pair (PKCS#8 and SPKI PEM), ready for `createSigner`. */
  readonly rsaKey: {
    readonly type: "RSA";
    readonly privateKey: string;
    readonly publicKey: string;
  };
}

/**
 * The account the fake has when `startFakeBinance()` is given no `accounts`. Its keys were
 * made for the fake and guard nothing.
 */
export const FAKE_ACCOUNT: FakeDefaultAccount = {
  apiKey: DEFAULT_API_KEY,
  hmacKey: { type: "HMAC", secretKey: DEFAULT_HMAC_SECRET },
  ed25519Key: {
    type: "Ed25519",
    privateKey: DEFAULT_ED25519_PRIVATE_KEY,
    publicKey: DEFAULT_ED25519_PUBLIC_KEY,
  },
  rsaKey: { type: "RSA", privateKey: DEFAULT_RSA_PRIVATE_KEY, publicKey: DEFAULT_RSA_PUBLIC_KEY },
};

/** The default account as the fake registers it. */
function defaultAccounts(): FakeAccount[] {
  return [{
    apiKey: FAKE_ACCOUNT.apiKey,
    key: [
      FAKE_ACCOUNT.hmacKey,
      { type: "Ed25519", publicKey: FAKE_ACCOUNT.ed25519Key.publicKey },
      { type: "RSA", publicKey: FAKE_ACCOUNT.rsaKey.publicKey },
    ],
  }];
}

/** A signed request whose handler ran (for an order: it entered the matching engine). */
export interface FakeExecutedRequest {
  /** Which connection. */
  connectionId: number;
  /** When it ran (`Date.now()`). */
  at: number;
  /** The method. */
  method: string;
  /** The request's `id`, as JSON text. */
  id: string;
  /** The account it ran for (its API key). */
  apiKey: string;
}

/** Options of {@linkcode startFakeBinance}. */
export interface FakeBinanceOptions {
  /** Interface to listen on. Default `"127.0.0.1"`. */
  hostname?: string;
  /** Port. Default 0 (any free port). */
  port?: number;
  /** REQUEST_WEIGHT limit, reported and enforced. Default 6000. */
  requestWeightLimit?: number;
  /**
   * Length of the REQUEST_WEIGHT window in ms. Default 60 000 (reported as `MINUTE`, 1).
   * Tests shrink it.
   */
  requestWeightWindowMs?: number;
  /** How many 429 answers (per IP, i.e. per server) before the next excess is banned (418). Default 3. */
  banAfterViolations?: number;
  /** Length of an IP ban in ms. Default 120 000. */
  banDurationMs?: number;
  /**
   * Close each WS API and stream connection this many ms after it opened. Default 24 h, like
   * Binance.
   */
  connectionLifetimeMs?: number;
  /** Delay every response by this many ms. Default 0. */
  responseDelayMs?: number;
  /**
   * Advance the market by one step every this many ms, so streams flow on their own.
   * Default: never (tests call `market.advance()`).
   */
  autoAdvanceMs?: number;
  /** Aborting closes the server. */
  signal?: AbortSignal;
  /** The accounts (API keys and their keys). Default: one account, {@linkcode FAKE_ACCOUNT}. */
  accounts?: readonly FakeAccount[];
  /**
   * Also serve two test-only signed methods, `probe.userData` (USER_DATA) and `probe.trade`
   * (TRADE), weight 1, param `n` (an integer), whose result is
   * `{ apiKey, keyType, n, run }`: who the request ran for, the key type whose signature
   * authenticated it (`null` for the session) and how many probes ran so far. For tests of
   * signing, sessions and faults that need no trading. Default `false`.
   */
  probeMethods?: boolean;
}

/** One text frame a WS API connection received. */
export interface ReceivedFrame {
  /** Which connection (1, 2, … in order of opening). */
  connectionId: number;
  /** When it arrived (`Date.now()`). */
  at: number;
  /** The frame's text. */
  text: string;
}

/** An order book snapshot of the fake market. */
export interface FakeOrderBook {
  /** The book's update id. */
  lastUpdateId: number;
  /** Bids `[price, quantity]`, best first, as decimal strings. */
  bids: [string, string][];
  /** Asks `[price, quantity]`, best first, as decimal strings. */
  asks: [string, string][];
}

/** The fake exchange's market: the true state that responses are made from. */
export interface FakeMarket {
  /** The listed symbols. */
  symbols(): string[];
  /**
   * The true order book of a symbol.
   *
   * @param symbol The symbol.
   * @param limit Levels per side (default all).
   * @returns The book.
   */
  orderBook(symbol: string, limit?: number): FakeOrderBook;
  /**
   * Moves the market deterministically: each step changes one level of the book (new
   * quantity, removed or inserted), raises its update id by one and adds a trade, for every
   * symbol (or the given ones). The streams then publish what changed: one event per trade,
   * one diff depth event covering every step of this call, and one event of every other kind.
   *
   * @param steps How many steps. Default 1.
   * @param symbols Which symbols move. Default all.
   */
  advance(steps?: number, symbols?: readonly string[]): void;
  /**
   * Takes the market's own liquidity off one price level (resting user orders stay), as if
   * its makers had canceled; the streams publish the change. An order placed there next is
   * then the first of its level: a test's taker meets it at once (time priority otherwise puts
   * it behind what the market had there).
   *
   * @param symbol The symbol.
   * @param side `"bids"` or `"asks"`.
   * @param price The level's price, as a decimal string.
   * @throws {RangeError} For an unknown symbol or a price that is not a decimal.
   */
  clearLevel(symbol: string, side: "bids" | "asks", price: string): void;
}

/** One text frame a market-stream connection received (a control message). */
export interface ReceivedStreamFrame {
  /** Which stream connection (1, 2, … in order of opening). */
  connectionId: number;
  /** When it arrived (`Date.now()`). */
  at: number;
  /** The frame's text. */
  text: string;
}

/** The market-stream side of the fake exchange (`/ws` and `/stream`). */
export interface FakeStreams {
  /** Base URL of the stream server, e.g. `ws://127.0.0.1:PORT` (give it to `connectStreams`). */
  readonly baseUrl: string;
  /** Base URL of raw streams, e.g. `ws://127.0.0.1:PORT/ws`. */
  readonly rawUrl: string;
  /** Base URL of combined streams, e.g. `ws://127.0.0.1:PORT/stream`. */
  readonly combinedUrl: string;
  /** Every control message any stream connection sent, in order. */
  readonly received: readonly ReceivedStreamFrame[];
  /** Stream connections open now. */
  readonly openConnections: number;
  /** Stream connections accepted since the start. */
  readonly totalConnections: number;
  /** How many connections were closed (code 1008) for sending over 5 messages a second. */
  readonly rateLimitDisconnects: number;
  /** The streams each open connection listens to. */
  subscriptions(): string[][];
  /** Closes every stream connection at once (code 1011), with no `serverShutdown` first. */
  drop(): void;
  /** Closes the most recently opened stream connection (code 1011), e.g. a rotation's new one. */
  dropNewest(): void;
  /**
   * Stalls the stream connections open now: their outgoing frames are held for `ms`, then
   * sent in order (to those still open). Connections opened meanwhile are not stalled.
   *
   * @param ms How long the streams stall.
   */
  stall(ms: number): void;
  /**
   * Does not send the next event of `stream` to anyone: a gap.
   *
   * @param stream The stream name, e.g. `"btcusdt@depth"`.
   */
  skipNext(stream: string): void;
  /**
   * Sends the next event of `stream` twice to every listener.
   *
   * @param stream The stream name.
   */
  duplicateNext(stream: string): void;
  /**
   * Sends a raw text frame to every stream connection.
   *
   * @param text The frame.
   */
  sendFrame(text: string): void;
}

/** An active User Data Stream subscription of the fake exchange. */
export interface FakeUserDataSubscription {
  /** Which WS API connection (1, 2, … in order of opening, as in {@linkcode ReceivedFrame}). */
  connection: number;
  /** Its id on that connection (ids start at 0 on every connection). */
  subscriptionId: number;
  /** The account whose events it receives. */
  apiKey: string;
}

/**
 * The User Data Stream side of the fake exchange: its subscriptions, and hooks that change an
 * account outside trading or break the stream. Events follow the exchange clock
 * ({@linkcode FakeBinance.setClockOffset}).
 *
 * @example A deposit
 * ```ts
 * import { FAKE_ACCOUNT, startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * exchange.userData.balanceUpdate(FAKE_ACCOUNT.apiKey, "BTC", "0.5");
 * assert.equal(exchange.trading.balances(FAKE_ACCOUNT.apiKey).BTC.free, "100.50000000");
 * assert.deepEqual(exchange.userData.subscriptions(), []); // nobody listens
 * assert.equal(exchange.userData.sent, 0);
 * ```
 */
export interface FakeUserData {
  /**
   * Every active subscription, by connection then id.
   *
   * @returns The subscriptions.
   */
  subscriptions(): FakeUserDataSubscription[];
  /**
   * A deposit (positive `delta`) or withdrawal (negative): changes the free balance and sends
   * `balanceUpdate`, then `outboundAccountPosition`, to the account's subscriptions.
   *
   * @param apiKey The account.
   * @param asset The asset, e.g. `"BTC"`.
   * @param delta A decimal, e.g. `"0.5"` or `"-10"`.
   * @throws {RangeError} For an unknown account, a malformed delta or a withdrawal above free.
   */
  balanceUpdate(apiKey: string, asset: string, delta: string): void;
  /**
   * An external system locks (positive `delta`: free → locked) or unlocks (negative) part of
   * a balance: sends `externalLockUpdate`, then `outboundAccountPosition`.
   *
   * @param apiKey The account.
   * @param asset The asset.
   * @param delta A decimal, e.g. `"1"` or `"-1"`.
   * @throws {RangeError} For an unknown account, a malformed delta or more than there is.
   */
  externalLockUpdate(apiKey: string, asset: string, delta: string): void;
  /**
   * For `ms` from now, the account's events are not sent to any subscription; its state still
   * changes: a gap no id shows.
   *
   * @param apiKey The account.
   * @param ms How long.
   */
  dropEvents(apiKey: string, ms: number): void;
  /**
   * Ends the subscriptions of an account (or every one) unprompted: each gets
   * `eventStreamTerminated` and receives nothing more.
   *
   * @param apiKey The account. Default: every subscription.
   * @returns How many subscriptions ended.
   */
  terminate(apiKey?: string): number;
  /** How many user data event frames were sent so far. */
  readonly sent: number;
}

/** A running fake exchange. Close it with {@linkcode FakeBinance.close} (or `await using`). */
export interface FakeBinance extends AsyncDisposable {
  /** The WebSocket API URL, e.g. `ws://127.0.0.1:PORT/ws-api/v3`. */
  readonly wsApiUrl: string;
  /** The port it listens on. */
  readonly port: number;
  /** The interface it listens on. */
  readonly hostname: string;
  /** Every text frame any WS API connection received, in order. */
  readonly received: readonly ReceivedFrame[];
  /** WS API connections open now. */
  readonly openConnections: number;
  /** WS API connections accepted since the start. */
  readonly totalConnections: number;
  /** The market. */
  readonly market: FakeMarket;
  /** The market streams. */
  readonly streams: FakeStreams;
  /** The trading state: balances and orders of every account. */
  readonly trading: FakeTrading;
  /** The User Data Stream: subscriptions and its fault hooks. */
  readonly userData: FakeUserData;
  /** Closes every WS API and stream connection at once, with no `serverShutdown` first. */
  dropConnections(): void;
  /**
   * Makes the next `count` `depth` responses answer from the books as they are now, even
   * after the market moves on: a stale snapshot.
   *
   * @param count How many `depth` responses are stale. Default 1.
   */
  serveStaleDepth(count?: number): void;
  /**
   * Delays every later response.
   *
   * @param ms The delay in ms (0 for none).
   */
  setResponseDelay(ms: number): void;
  /**
   * Sends `{"event":{"e":"serverShutdown","E":…}}` to every open WS API connection, and
   * `serverShutdown` (raw or combined) to every stream connection.
   *
   * @param options `closeAfterMs`: also close those connections after this many ms.
   */
  sendServerShutdown(options?: { closeAfterMs?: number }): void;
  /**
   * Sends a frame that is not valid JSON to every open connection.
   *
   * @param text The frame. Default `"{not json"`.
   */
  sendMalformedFrame(text?: string): void;
  /**
   * Sends a raw text frame to every open connection.
   *
   * @param text The frame.
   */
  sendFrame(text: string): void;
  /**
   * Caps the lifetime of WS API and stream connections: existing ones close this long after
   * they opened.
   *
   * @param ms The lifetime in ms.
   */
  setConnectionLifetime(ms: number): void;
  /** Every signed request whose handler ran, in order (the faults' "executed"). */
  readonly executed: readonly FakeExecutedRequest[];
  /**
   * Revokes every logged-on session: its next session-authenticated request is answered with
   * the documented `{"id":null,"status":401,"error":{"code":-2015,…}}` and the session ends.
   * The API key stays valid (a new `session.logon` succeeds).
   *
   * @returns How many sessions were revoked.
   */
  revokeSessions(): number;
  /**
   * Arms a fault in the dispatch of signed requests: dropped before or after executing, a 5xx
   * or -1007 after or without executing, no answer, or a delayed entry into the matching
   * engine (recvWindow checked again at entry).
   *
   * @param fault What happens.
   * @param scope How many requests (default 1) and which methods (default every signed one).
   */
  armOrderFault(fault: OrderFault, scope?: OrderFaultScope): void;
  /**
   * Runs the exchange clock ahead (positive) or behind (negative) of the local clock:
   * `time`, `serverTime` fields and the timestamp checks follow it.
   *
   * @param ms The offset in ms.
   */
  setClockOffset(ms: number): void;
  /** Closes every connection and the server; releases every timer. */
  close(): Promise<void>;
}

/**
 * Starts a fake Binance exchange.
 *
 * @param options Port, limits and faults.
 * @returns The running exchange.
 *
 * @example Usage
 * ```ts
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * const exchange = await startFakeBinance({ requestWeightLimit: 100 });
 * assert.match(exchange.wsApiUrl, /^ws:\/\/127\.0\.0\.1:\d+\/ws-api\/v3$/);
 * assert.deepEqual(exchange.market.symbols().slice(0, 2), ["BTCUSDT", "ETHUSDT"]);
 * await exchange.close();
 * ```
 */
export function startFakeBinance(options: FakeBinanceOptions = {}): Promise<FakeBinance> {
  const hostname = options.hostname ?? "127.0.0.1";
  const market = createMarket(Date.now());
  const timers = createTimers();
  const faults = createFaults<typeof market>({
    responseDelayMs: options.responseDelayMs ?? 0,
    lifetimeMs: options.connectionLifetimeMs ?? 86_400_000,
  });
  const weight = createRequestWeight({
    limit: options.requestWeightLimit ?? 6000,
    windowMs: options.requestWeightWindowMs ?? 60_000,
    banAfter: options.banAfterViolations ?? 3,
    banMs: options.banDurationMs ?? 120_000,
  });
  const streams = createStreamServer({ timers, faults, isBanned: weight.isBanned });
  const accountList = options.accounts ?? defaultAccounts();
  const accounts = createAccounts(accountList, Date.now());
  const trading = createTrading(market, accounts, (changes, now) => streams.publish(changes, now));
  const clock = () => Date.now() + faults.clockOffsetMs;
  const userData = new UserDataStreams({
    accounts,
    clock,
    dropped: (apiKey, now) => faults.userDataDropped(apiKey, now),
  });
  trading.observer = userData;
  const wsApi = createWsApiServer({
    market,
    handlers: {
      ...marketHandlers(weight.limit),
      ...tradingHandlers(),
      ...accountMoreHandlers(),
      ...accountHandlers(),
      ...sessionHandlers(),
      ...userDataHandlers(),
      ...(options.probeMethods ? probeHandlers() : {}),
    },
    weight,
    faults,
    timers,
    verifier: createVerifier(accountList),
    trading,
    userData,
  });

  const server = Deno.serve({ hostname, port: options.port ?? 0, onListen() {} }, (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/ws-api/v3") return wsApi.handle(req);
    if (path === "/stream" || path === "/ws" || path.startsWith("/ws/")) {
      return streams.handle(req, path);
    }
    return new Response("Not found", { status: 404 });
  });
  const port = server.addr.port;

  const fakeMarket: FakeMarket = {
    symbols: () => [...SYMBOL_NAMES],
    orderBook: (symbol: string, limit?: number): FakeOrderBook => bookOf(market, symbol, limit),
    advance(steps = 1, symbols?: readonly string[]): void {
      const now = Date.now();
      const changes = advanceMarket(market, steps, symbols, now);
      streams.publish(changes, now);
      // The market's trades move the last price: stop orders may trigger (on the exchange clock),
      // on any of the call's trades, not only on its last.
      for (const [s, steps] of changes) {
        const trades = steps.flatMap((c) => c.trade ? [c.trade] : []);
        trading.trigger(s, now + faults.clockOffsetMs, trades);
      }
    },
    clearLevel(symbol: string, side: "bids" | "asks", price: string): void {
      const s = market.get(symbol);
      if (!s) throw new RangeError(`Unknown symbol "${symbol}"`);
      const p = parseUnits(price);
      if (p === undefined) throw new RangeError(`Cannot read the price "${price}"`);
      trading.clearMarketLevel(s, side === "bids", Number(p), Date.now());
    },
  };

  const view = (o: Order): FakeOrder => ({
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: o.orderListId,
    clientOrderId: o.clientOrderId,
    side: o.side,
    type: o.type,
    status: o.status,
    price: dec(o.price),
    origQty: dec(o.origQty),
    executedQty: dec(o.executedQty),
    cummulativeQuoteQty: dec(o.cummulativeQuoteQty),
    ...(o.stopPrice === undefined ? {} : { stopPrice: dec(o.stopPrice) }),
    time: o.time,
  });
  const ordersOf = (apiKey: string, symbol?: string): Order[] =>
    [...trading.orders.byId.values()].filter((o) =>
      o.account.apiKey === apiKey && (symbol === undefined || o.symbol === symbol)
    );
  const fakeTrading: FakeTrading = {
    apiKeys: () => [...accounts.byKey.keys()],
    balances(apiKey: string): Record<string, FakeBalance> {
      const a = accounts.get(apiKey);
      if (!a) throw new RangeError(`Cannot read balances: unknown apiKey "${apiKey.slice(0, 6)}…"`);
      return Object.fromEntries(
        [...a.balances].map(([asset, b]) => [asset, { free: dec(b.free), locked: dec(b.locked) }]),
      );
    },
    orders: (apiKey: string, symbol?: string): FakeOrder[] => ordersOf(apiKey, symbol).map(view),
    openOrders: (apiKey: string, symbol?: string): FakeOrder[] =>
      ordersOf(apiKey, symbol).filter(isOpen).map(view),
    ordersByClientId: (apiKey: string, clientOrderId: string): FakeOrder[] =>
      ordersOf(apiKey).filter((o) => o.clientOrderId === clientOrderId).map(view),
  };

  const fakeUserData: FakeUserData = {
    subscriptions: (): FakeUserDataSubscription[] =>
      userData.subscriptions().map((s) => ({
        connection: s.connection.id,
        subscriptionId: s.subscriptionId,
        apiKey: s.apiKey,
      })),
    balanceUpdate: (apiKey: string, asset: string, delta: string): void =>
      userData.balanceUpdate(apiKey, asset, delta, clock()),
    externalLockUpdate: (apiKey: string, asset: string, delta: string): void =>
      userData.externalLockUpdate(apiKey, asset, delta, clock()),
    dropEvents: (apiKey: string, ms: number): void => faults.dropUserData(apiKey, ms, clock()),
    terminate: (apiKey?: string): number => userData.terminate(apiKey),
    get sent() {
      return userData.sent;
    },
  };

  const autoTimer = options.autoAdvanceMs === undefined
    ? undefined
    : setInterval(() => fakeMarket.advance(1), options.autoAdvanceMs);

  let closed = false;
  async function close(): Promise<void> {
    if (closed) return server.finished;
    closed = true;
    clearInterval(autoTimer);
    options.signal?.removeEventListener("abort", onAbort);
    timers.clear();
    await Promise.all([wsApi.close(), streams.close()]);
    await server.shutdown();
  }
  const onAbort = () => void close();
  options.signal?.addEventListener("abort", onAbort, { once: true });

  return Promise.resolve({
    wsApiUrl: `ws://${hostname}:${port}/ws-api/v3`,
    port,
    hostname,
    received: wsApi.received,
    get openConnections() {
      return wsApi.openConnections;
    },
    get totalConnections() {
      return wsApi.totalConnections;
    },
    market: fakeMarket,
    trading: fakeTrading,
    userData: fakeUserData,
    streams: {
      baseUrl: `ws://${hostname}:${port}`,
      rawUrl: `ws://${hostname}:${port}/ws`,
      combinedUrl: `ws://${hostname}:${port}/stream`,
      received: streams.received,
      get openConnections() {
        return streams.openConnections;
      },
      get totalConnections() {
        return streams.totalConnections;
      },
      get rateLimitDisconnects() {
        return streams.rateLimitDisconnects;
      },
      subscriptions: () => streams.subscriptions(),
      drop: () => streams.drop(),
      dropNewest: () => streams.dropNewest(),
      stall: (ms: number) => streams.stall(ms),
      skipNext: (stream: string) => faults.skipNext(stream),
      duplicateNext: (stream: string) => faults.duplicateNext(stream),
      sendFrame: (text: string) => streams.sendFrame(text),
    },
    dropConnections() {
      wsApi.drop();
      streams.drop();
    },
    serveStaleDepth(count = 1) {
      faults.serveStaleDepth(count, snapshotBooks(market));
    },
    setResponseDelay(ms: number) {
      faults.responseDelayMs = ms;
    },
    sendServerShutdown(opts: { closeAfterMs?: number } = {}) {
      wsApi.sendServerShutdown(opts.closeAfterMs);
      streams.sendServerShutdown(opts.closeAfterMs);
    },
    sendMalformedFrame(text = "{not json") {
      wsApi.sendFrame(text);
    },
    sendFrame(text: string) {
      wsApi.sendFrame(text);
    },
    setConnectionLifetime(ms: number) {
      faults.lifetimeMs = ms;
      wsApi.rearmLifetimes();
      streams.rearmLifetimes();
    },
    executed: wsApi.executed,
    revokeSessions: () => wsApi.revokeSessions(),
    armOrderFault(fault: OrderFault, scope?: OrderFaultScope) {
      faults.armOrderFault(fault, scope);
    },
    setClockOffset(ms: number) {
      faults.clockOffsetMs = ms;
    },
    close,
    [Symbol.asyncDispose]: close,
  });
}
