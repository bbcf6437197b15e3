// What the trading and account diagnostics share: the keys from the environment (or the fake's
// default account for `local`), and a plan of orders that rest away from the market, with exact
// decimals (units of 1e-8) for their prices and quantities.
import * as spot from "../mod.ts";
import { FAKE_ACCOUNT } from "../testing/mod.ts";
import type { Target } from "./_harness.ts";

/** The symbol both diagnostics trade. */
export const symbol = "BTCUSDT";

// ---- exact decimals for the prices and quantities (units of 1e-8, as Binance's 8 decimals)

const SCALE = 100_000_000n;

/** A decimal string in units of 1e-8 (more decimals are cut). */
export function units(text: string): bigint {
  const m = /^(\d+)(?:\.(\d{0,8})\d*)?$/.exec(text);
  if (!m) throw new Error(`Cannot read "${text}" as a decimal`);
  return BigInt(m[1]) * SCALE + BigInt((m[2] ?? "").padEnd(8, "0"));
}

/** Units of 1e-8 as an 8-decimal string. */
export function decimal(u: bigint): string {
  return `${u / SCALE}.${(u % SCALE).toString().padStart(8, "0")}`;
}

/** `u × num / den`, rounded down to a multiple of `step`. */
function scaleDown(u: bigint, num: bigint, den: bigint, step: bigint): bigint {
  const v = u * num / den;
  return v - v % step;
}

/** The smallest multiple of `step` at or above `u`. */
function ceilTo(u: bigint, step: bigint): bigint {
  return (u + step - 1n) / step * step;
}

// ---- the keys

function env(name: string): string | undefined {
  const value = Deno.env.get(name);
  return value === undefined || value === "" ? undefined : value;
}

export async function credentialsFor(target: Target): Promise<spot.WsApiCredentials> {
  if (target === "local") {
    return {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await spot.createSigner(FAKE_ACCOUNT.ed25519Key),
    };
  }
  const prefix = target === "testnet" ? "BINANCE_TESTNET_" : "BINANCE_";
  const apiKey = env(`${prefix}API_KEY`);
  const ed25519 = env(`${prefix}ED25519_PRIVATE_KEY`);
  const secret = env(`${prefix}SECRET_KEY`);
  if (apiKey === undefined || (ed25519 === undefined && secret === undefined)) {
    throw new Error(
      `Cannot run the diagnostic: set ${prefix}API_KEY and ${prefix}ED25519_PRIVATE_KEY ` +
        `(PKCS#8 PEM text) or ${prefix}SECRET_KEY (HMAC)`,
    );
  }
  const signer = await spot.createSigner(
    ed25519 !== undefined
      ? { type: "Ed25519", privateKey: ed25519 }
      : { type: "HMAC", secretKey: secret! },
  );
  return { apiKey, signer };
}

// ---- the plan: an order that rests (3 % below the bid), and its neighbours

export interface Plan {
  info: spot.SymbolInfo;
  tick: bigint;
  step: bigint;
  /** A BUY price 3 % below the best bid. */
  low: string;
  /** 4 % below the bid: the limit of a stop below. */
  lower: string;
  /** 3 % above the best ask: a SELL that rests. */
  high: string;
  /** The quantity: twice the minimum notional at `low`, so that half of it still passes. */
  qty: string;
  /** Half of `qty` (the amended quantity). */
  half: string;
}

export async function planOrders(conn: spot.WsApiConnection): Promise<Plan> {
  const info = (await spot.exchangeInfo(conn, { symbol })).symbols[0];
  const filter = (type: string) =>
    info.filters.find((f) => f.filterType === type) as Record<string, unknown> | undefined;
  const tick = units(String(filter("PRICE_FILTER")?.tickSize ?? "0.01"));
  const step = units(String(filter("LOT_SIZE")?.stepSize ?? "0.00001"));
  const minQty = units(String(filter("LOT_SIZE")?.minQty ?? "0"));
  const notional = filter("NOTIONAL") ?? filter("MIN_NOTIONAL");
  const minNotional = units(String(notional?.minNotional ?? "10"));
  const book = await spot.tickerBook(conn, { symbol });
  const bid = units(book.bidPrice);
  const ask = units(book.askPrice);
  const low = scaleDown(bid, 97n, 100n, tick);
  const qtyUnits = [ceilTo(minNotional * 22n / 10n * SCALE / low, step * 2n), minQty * 2n]
    .reduce((a, b) => (a > b ? a : b));
  return {
    info,
    tick,
    step,
    low: decimal(low),
    lower: decimal(scaleDown(bid, 96n, 100n, tick)),
    high: decimal(ceilTo(ask * 103n / 100n, tick)),
    qty: decimal(qtyUnits),
    half: decimal(qtyUnits / 2n - (qtyUnits / 2n) % step),
  };
}

/** A LIMIT BUY GTC at `price` (default the plan's low price) for the plan's quantity. */
export function restingBuy(plan: Plan, price = plan.low) {
  return {
    symbol,
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    price,
    quantity: plan.qty,
  } as const;
}
