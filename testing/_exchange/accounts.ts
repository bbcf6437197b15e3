// Private: the fake exchange's accounts: balances (free and locked, exact units of 1e-8), the
// commission rates as `account.commission` documents them, and the trading permissions. The
// identity of an account is its apiKey; keys and signatures are the server's business.

import { dec, parseUnits } from "./decimal.ts";
import { SYMBOLS } from "./market.ts";

/**
 * The apiKey of the default account, which exists when `startFakeBinance()` gets no accounts.
 * (The auth side names the default account's keys; the lead reconciles this constant with them.)
 */
export const DEFAULT_API_KEY = "fakeBinanceDefaultApiKey0000000000000000000000000000000000000000";

/** One asset of an account, in units of 1e-8. */
export interface Balance {
  free: bigint;
  locked: bigint;
}

/** Commission rates in units of 1e-8 (0.001 = 100 000 units), as `account.commission` names them. */
export interface Rates {
  maker: bigint;
  taker: bigint;
  buyer: bigint;
  seller: bigint;
}

/** An account of the fake exchange. */
export interface Account {
  apiKey: string;
  /** A stable number per account, reported as `uid`. */
  uid: number;
  balances: Map<string, Balance>;
  /** Standard commission rates, the ones charged. */
  commission: Rates;
  permissions: string[];
  canTrade: boolean;
  updateTime: number;
}

/** What a test gives for an account (the engine's part of `FakeAccount`). */
export interface AccountInit {
  apiKey: string;
  balances?: Record<string, { free: string; locked?: string }>;
  permissions?: string[];
  canTrade?: boolean;
  commission?: { maker?: string; taker?: string };
}

/** The balances of the default account: 100 of every base asset, 1 000 000 of every quote. */
export function defaultBalances(): Record<string, { free: string; locked?: string }> {
  const out: Record<string, { free: string }> = {};
  for (const s of SYMBOLS) {
    out[s.baseAsset] ??= { free: "100.00000000" };
    out[s.quoteAsset] = { free: s.quoteAsset === "USDT" ? "1000000.00000000" : "100.00000000" };
  }
  out.BNB = { free: "1000.00000000" };
  return out;
}

function units(text: string, what: string): bigint {
  const u = parseUnits(text);
  if (u === undefined) throw new RangeError(`Cannot read ${what}: "${text}" is not a decimal`);
  return u;
}

/** Default maker and taker commission: 0.1 %. */
const DEFAULT_RATE = "0.00100000";

/** Accounts by apiKey, from the given inits (or the default account). */
export function createAccounts(inits: readonly AccountInit[] | undefined, now: number): Accounts {
  const list = inits && inits.length ? inits : [{ apiKey: DEFAULT_API_KEY }];
  const map = new Map<string, Account>();
  let uid = 354_937_868;
  for (const init of list) {
    const balances = new Map<string, Balance>();
    for (const [asset, b] of Object.entries(init.balances ?? defaultBalances())) {
      balances.set(asset, {
        free: units(b.free, `the free balance of "${asset}"`),
        locked: units(b.locked ?? "0", `the locked balance of "${asset}"`),
      });
    }
    map.set(init.apiKey, {
      apiKey: init.apiKey,
      uid: uid++,
      balances,
      commission: {
        maker: units(init.commission?.maker ?? DEFAULT_RATE, "the maker commission"),
        taker: units(init.commission?.taker ?? DEFAULT_RATE, "the taker commission"),
        buyer: 0n,
        seller: 0n,
      },
      permissions: init.permissions ?? ["SPOT"],
      canTrade: init.canTrade ?? true,
      updateTime: now,
    });
  }
  return new Accounts(map);
}

/** The accounts of the fake exchange. */
export class Accounts {
  constructor(readonly byKey: Map<string, Account>) {}

  /** The account of an apiKey, if any. */
  get(apiKey: string | undefined): Account | undefined {
    return apiKey === undefined ? undefined : this.byKey.get(apiKey);
  }
}

/** The balance of an asset (created at zero when absent). */
export function balanceOf(a: Account, asset: string): Balance {
  let b = a.balances.get(asset);
  if (!b) a.balances.set(asset, b = { free: 0n, locked: 0n });
  return b;
}

/** Moves `amount` from free to locked; false (and nothing changed) when free is short. */
export function lock(a: Account, asset: string, amount: bigint): boolean {
  const b = balanceOf(a, asset);
  if (b.free < amount) return false;
  b.free -= amount;
  b.locked += amount;
  return true;
}

/** Moves `amount` from locked back to free. */
export function unlock(a: Account, asset: string, amount: bigint): void {
  const b = balanceOf(a, asset);
  b.locked -= amount;
  b.free += amount;
}

/** The `balances` of `account.status`, as decimal strings. */
export function balancesJson(
  a: Account,
  omitZero: boolean,
): { asset: string; free: string; locked: string }[] {
  return [...a.balances]
    .filter(([, b]) => !omitZero || b.free !== 0n || b.locked !== 0n)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([asset, b]) => ({ asset, free: dec(b.free), locked: dec(b.locked) }));
}

/** The `commissionRates` object of `account.status` / `standardCommission` of `account.commission`. */
export function ratesJson(r: Rates): Record<string, string> {
  return { maker: dec(r.maker), taker: dec(r.taker), buyer: dec(r.buyer), seller: dec(r.seller) };
}
