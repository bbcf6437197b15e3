// Private: one side of a local order book. Prices stay exact decimal strings; levels are
// kept sorted with the best price at the END of the array, so the frequent changes near
// the top of the book splice near the end (cheap), and the top N is a short slice.

/** Whether a decimal quantity is zero ("0", "0.00000000"): compared by value, not text. */
export function isZero(qty: string): boolean {
  for (let i = 0; i < qty.length; i++) {
    const c = qty.charCodeAt(i);
    if (c !== 48 && c !== 46) return false; // '0' and '.'
  }
  return true;
}

/**
 * Compares two non-negative decimal strings exactly. Floats order them correctly except
 * when two different texts round to the same float; then the digits decide.
 */
export function compareDecimal(a: string, b: string, fa: number, fb: number): number {
  if (fa !== fb) return fa < fb ? -1 : 1;
  if (a === b) return 0;
  const [ai, af = ""] = a.split(".");
  const [bi, bf = ""] = b.split(".");
  const ia = ai.replace(/^0+(?=\d)/, "");
  const ib = bi.replace(/^0+(?=\d)/, "");
  if (ia.length !== ib.length) return ia.length < ib.length ? -1 : 1;
  if (ia !== ib) return ia < ib ? -1 : 1;
  const n = Math.max(af.length, bf.length);
  const pa = af.padEnd(n, "0");
  const pb = bf.padEnd(n, "0");
  return pa === pb ? 0 : pa < pb ? -1 : 1;
}

/** One side of a book. */
export class BookSide {
  /** `true` for bids (best = highest), `false` for asks (best = lowest). */
  readonly bids: boolean;
  /** Prices sorted worst → best. */
  prices: string[] = [];
  /** The same prices as floats, for fast comparison. */
  keys: number[] = [];
  /** Price → quantity. */
  qty: Map<string, string> = new Map();

  constructor(bids: boolean) {
    this.bids = bids;
  }

  clear(): void {
    this.prices = [];
    this.keys = [];
    this.qty.clear();
  }

  /** Position where `price` is or would be (array ordered worst → best). */
  #find(price: string, key: number): number {
    const keys = this.keys;
    const prices = this.prices;
    // Most changes are near the top (the end): look there first.
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      let c = compareDecimal(prices[mid], price, keys[mid], key);
      if (!this.bids) c = -c; // asks: worst (highest) first
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Sets a level; a zero quantity removes it. A level is its price's value: the same price
   * written at another scale (`"65000.0"`, `"65000.00000000"`) is the same level, which then
   * takes the new text.
   */
  set(price: string, qty: string): void {
    const zero = isZero(qty);
    if (this.qty.has(price)) {
      if (!zero) {
        this.qty.set(price, qty);
        return;
      }
      const key = Number(price);
      const i = this.#find(price, key);
      this.prices.splice(i, 1);
      this.keys.splice(i, 1);
      this.qty.delete(price);
      return;
    }
    const key = Number(price);
    const i = this.#find(price, key);
    // Not under this text: the level found there may be the same value at another scale.
    const at = this.prices[i];
    if (at !== undefined && compareDecimal(at, price, this.keys[i], key) === 0) {
      this.qty.delete(at);
      if (zero) {
        this.prices.splice(i, 1);
        this.keys.splice(i, 1);
        return;
      }
      this.prices[i] = price;
      this.qty.set(price, qty);
      return;
    }
    if (zero) return;
    if (i === this.prices.length) {
      this.prices.push(price);
      this.keys.push(key);
    } else {
      this.prices.splice(i, 0, price);
      this.keys.splice(i, 0, key);
    }
    this.qty.set(price, qty);
  }

  /** Replaces the side with `levels` (given best first, as Binance sends them). */
  load(levels: readonly (readonly [string, string])[]): void {
    this.clear();
    for (let i = levels.length - 1; i >= 0; i--) {
      const [p, q] = levels[i];
      if (isZero(q)) continue;
      this.set(p, q);
    }
  }

  /** The best level, or `undefined` when the side is empty. */
  best(): [string, string] | undefined {
    const n = this.prices.length;
    if (n === 0) return undefined;
    const p = this.prices[n - 1];
    return [p, this.qty.get(p)!];
  }

  /** The best float key (for the crossed-book check). */
  bestKey(): number | undefined {
    return this.keys.length ? this.keys[this.keys.length - 1] : undefined;
  }

  /** The `n` best levels, best first. */
  top(n: number): [string, string][] {
    const out: [string, string][] = [];
    const prices = this.prices;
    for (let i = prices.length - 1; i >= 0 && out.length < n; i--) {
      out.push([prices[i], this.qty.get(prices[i])!]);
    }
    return out;
  }
}
