// Private: the fake exchange's deterministic market, the true state that responses and stream
// events are made from. No sockets here: the servers read it, `advance()` moves it.

import { dec, mul } from "./decimal.ts";

/** mulberry32: a small seeded PRNG. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a listed symbol is. */
export interface SymbolSpec {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  status: "TRADING" | "HALT" | "BREAK";
  /** Mid price in units. */
  mid: number;
  /** Tick size in units. */
  tick: number;
  /** Step size in units. */
  step: number;
  /** Reference price calculation, or null when the symbol has no reference price. */
  reference: "ARITHMETIC_MEAN" | "EXTERNAL" | null;
}

/** The symbols the fake exchange lists. */
export const SYMBOLS: SymbolSpec[] = [
  {
    symbol: "BTCUSDT",
    baseAsset: "BTC",
    quoteAsset: "USDT",
    status: "TRADING",
    mid: 65_000_00000000,
    tick: 1000000,
    step: 1000,
    reference: "ARITHMETIC_MEAN",
  },
  {
    symbol: "ETHUSDT",
    baseAsset: "ETH",
    quoteAsset: "USDT",
    status: "TRADING",
    mid: 3_200_00000000,
    tick: 1000000,
    step: 10000,
    reference: "EXTERNAL",
  },
  {
    symbol: "BNBBTC",
    baseAsset: "BNB",
    quoteAsset: "BTC",
    status: "TRADING",
    mid: 1379900,
    tick: 100,
    step: 100000,
    reference: null,
  },
  {
    symbol: "LTCBTC",
    baseAsset: "LTC",
    quoteAsset: "BTC",
    status: "HALT",
    mid: 120000,
    tick: 100,
    step: 1000000,
    reference: null,
  },
];

/** The names of the listed symbols. */
export const SYMBOL_NAMES: string[] = SYMBOLS.map((s) => s.symbol);

/** One trade of the fake market. */
export interface TradeRecord {
  id: number;
  price: number;
  qty: number;
  time: number;
  isBuyerMaker: boolean;
}

/** `[price, qty]` in units, best first. */
export type Level = [number, number];

/** The order book of one symbol. */
export interface BookState {
  lastUpdateId: number;
  bids: Level[];
  asks: Level[];
}

/** The state of one symbol: its spec, book, trades and random source. */
export interface SymbolState {
  spec: SymbolSpec;
  book: BookState;
  trades: TradeRecord[];
  blockTrades: TradeRecord[];
  rand: () => number;
  /**
   * The visible quantity of resting user orders (./matching.ts) per price, already included
   * in `book`: a market step changes only the rest of a level (the market's own liquidity).
   */
  user: { bids: Map<number, number>; asks: Map<number, number> };
  /**
   * Told when a market step sets the market's own part of a level (to `marketQty`): the
   * matching engine keeps what of it is ahead of each resting user order (time priority).
   */
  marketChanged?: (isBid: boolean, price: number, marketQty: number) => void;
}

const LEVELS = 1200;
const INITIAL_TRADES = 1500;

function seedOf(symbol: string): number {
  let h = 2166136261;
  for (const c of symbol) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

function qty(rand: () => number, step: number): number {
  return step * (1 + Math.floor(rand() * 5000));
}

/** The whole market: symbol name → state. */
export type Market = Map<string, SymbolState>;

/** Builds the market's state for every symbol, deterministic but for `startTime`. */
export function createMarket(startTime: number): Market {
  const market = new Map<string, SymbolState>();
  for (const spec of SYMBOLS) {
    const rand = prng(seedOf(spec.symbol));
    const bids: Level[] = [];
    const asks: Level[] = [];
    for (let i = 0; i < LEVELS; i++) {
      bids.push([spec.mid - spec.tick * (i + 1), qty(rand, spec.step)]);
      asks.push([spec.mid + spec.tick * i, qty(rand, spec.step)]);
    }
    const trades: TradeRecord[] = [];
    const blockTrades: TradeRecord[] = [];
    const firstTime = startTime - INITIAL_TRADES * 1000;
    for (let i = 0; i < INITIAL_TRADES; i++) {
      const up = rand() < 0.5;
      trades.push({
        id: 100_000 + i,
        price: spec.mid + (up ? 0 : -spec.tick) + spec.tick * Math.floor(rand() * 5 - 2),
        qty: qty(rand, spec.step),
        time: firstTime + i * 1000,
        isBuyerMaker: !up,
      });
      if (i % 10 === 0) {
        blockTrades.push({
          id: 500 + i / 10,
          price: spec.mid,
          qty: qty(rand, spec.step) * 100,
          time: firstTime + i * 1000,
          isBuyerMaker: up,
        });
      }
    }
    market.set(spec.symbol, {
      spec,
      book: { lastUpdateId: 1_000_000, bids, asks },
      trades,
      blockTrades,
      rand,
      user: { bids: new Map(), asks: new Map() },
    });
  }
  return market;
}

/**
 * What one step changed: levels set to a new quantity (0 = removed), and the new trades. A
 * market step has one `trade`; a change made by the matching engine (an order placed, filled
 * or canceled) has its `fills` (maybe none) instead. Each change is one book update id.
 */
export interface StepChange {
  /** Bid price → new quantity (0 when the level was removed). */
  bids: Map<number, number>;
  /** Ask price → new quantity (0 when the level was removed). */
  asks: Map<number, number>;
  /** The trade of a market step. */
  trade?: TradeRecord;
  /** The trades of a matching-engine change, in order. */
  fills?: TradeRecord[];
  /** A block trade, on every tenth step. */
  blockTrade?: TradeRecord;
}

/**
 * Moves one symbol's market by one deterministic step: one level of the top 30 of a side
 * changes (new quantity, removed, or inserted where a tick was empty), the book's update id
 * goes up by one, and a trade happens at the best price.
 */
export function step(state: SymbolState, now: number): StepChange {
  const { rand, spec, book } = state;
  const isBid = rand() < 0.5;
  const side = isBid ? book.bids : book.asks;
  const k = Math.floor(rand() * 30);
  const price = isBid ? spec.mid - spec.tick * (k + 1) : spec.mid + spec.tick * k;
  const roll = rand();
  const q = qty(rand, spec.step);
  let i = 0;
  while (i < side.length && (isBid ? side[i][0] > price : side[i][0] < price)) i++;
  let newQty: number;
  // Resting user orders stay: the step changes only the market's own part of the level.
  const mine = (isBid ? state.user.bids : state.user.asks).get(price) ?? 0;
  if (i < side.length && side[i][0] === price) {
    // Keep at least 5 levels a side.
    if (roll < 0.2 && side.length > 5) {
      if (mine > 0) side[i] = [price, mine];
      else side.splice(i, 1);
      newQty = mine;
    } else {
      side[i] = [price, q + mine];
      newQty = q + mine;
    }
  } else {
    side.splice(i, 0, [price, q + mine]);
    newQty = q + mine;
  }
  if (mine > 0) state.marketChanged?.(isBid, price, newQty - mine);
  book.lastUpdateId++;
  const change: StepChange = { bids: new Map(), asks: new Map() };
  (isBid ? change.bids : change.asks).set(price, newQty);
  const last = state.trades[state.trades.length - 1];
  const buyerMaker = rand() < 0.5;
  const trade: TradeRecord = {
    id: last.id + 1,
    price: buyerMaker ? book.bids[0][0] : book.asks[0][0],
    qty: qty(rand, spec.step),
    time: Math.max(now, last.time),
    isBuyerMaker: buyerMaker,
  };
  state.trades.push(trade);
  if (state.trades.length > 20_000) state.trades.splice(0, 10_000);
  change.trade = trade;
  if (trade.id % 10 === 0) {
    const lastBlock = state.blockTrades[state.blockTrades.length - 1];
    const block: TradeRecord = {
      id: lastBlock.id + 1,
      price: spec.mid,
      qty: trade.qty * 100,
      time: trade.time,
      isBuyerMaker: !buyerMaker,
    };
    state.blockTrades.push(block);
    change.blockTrade = block;
  }
  return change;
}

/** High, low, base volume and quote volume of some trades (at least one). */
export function summarize(
  list: readonly TradeRecord[],
): { hi: number; lo: number; vol: bigint; quote: bigint } {
  let hi = list[0].price, lo = list[0].price, vol = 0n, quote = 0n;
  for (const t of list) {
    if (t.price > hi) hi = t.price;
    if (t.price < lo) lo = t.price;
    vol += BigInt(t.qty);
    quote += mul(t.price, t.qty);
  }
  return { hi, lo, vol, quote };
}

/** A symbol's state, or a RangeError naming the unknown symbol. */
function known(market: Market, symbol: string): SymbolState {
  const s = market.get(symbol);
  if (!s) throw new RangeError(`Unknown symbol "${symbol}"`);
  return s;
}

/** The book of one symbol as decimal strings, `limit` levels a side (default all). */
export function bookOf(
  market: Market,
  symbol: string,
  limit?: number,
): { lastUpdateId: number; bids: [string, string][]; asks: [string, string][] } {
  const s = known(market, symbol);
  return {
    lastUpdateId: s.book.lastUpdateId,
    bids: s.book.bids.slice(0, limit).map(([p, q]) => [dec(p), dec(q)]),
    asks: s.book.asks.slice(0, limit).map(([p, q]) => [dec(p), dec(q)]),
  };
}

/**
 * Moves the given symbols (default all) by `steps` steps, in turn, and returns what each
 * step changed, per symbol.
 */
export function advanceMarket(
  market: Market,
  steps: number,
  symbols: readonly string[] | undefined,
  now: number,
): Map<SymbolState, StepChange[]> {
  const moving = symbols ? symbols.map((name) => known(market, name)) : [...market.values()];
  const changes = new Map<SymbolState, StepChange[]>();
  for (const s of moving) changes.set(s, []);
  for (let i = 0; i < steps; i++) for (const s of moving) changes.get(s)!.push(step(s, now));
  return changes;
}

/** A copy of the market whose books stay as they are now (trades are shared). */
export function snapshotBooks(market: Market): Market {
  return new Map(
    [...market].map(([name, st]) => [name, {
      ...st,
      book: {
        lastUpdateId: st.book.lastUpdateId,
        bids: st.book.bids.map(([p, q]) => [p, q]),
        asks: st.book.asks.map(([p, q]) => [p, q]),
      },
    }]),
  );
}

/** The quantity of a level of the book (0 when there is none). */
export function levelQty(state: SymbolState, isBid: boolean, price: number): number {
  const side = isBid ? state.book.bids : state.book.asks;
  const i = levelIndex(side, isBid, price);
  return i < side.length && side[i][0] === price ? side[i][1] : 0;
}

/** Sets a level of the book to `qty` (0 removes it), keeping the side sorted best first. */
export function setLevel(state: SymbolState, isBid: boolean, price: number, qty: number): void {
  const side = isBid ? state.book.bids : state.book.asks;
  const i = levelIndex(side, isBid, price);
  const exists = i < side.length && side[i][0] === price;
  if (qty <= 0) {
    if (exists) side.splice(i, 1);
  } else if (exists) side[i] = [price, qty];
  else side.splice(i, 0, [price, qty]);
}

function levelIndex(side: Level[], isBid: boolean, price: number): number {
  let lo = 0, hi = side.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isBid ? side[mid][0] > price : side[mid][0] < price) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
