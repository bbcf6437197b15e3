// Private: the klines of the fake's WS API (`klines`, `uiKlines`): interval arithmetic and a
// deterministic kline per symbol and open time.

import { dec, mul } from "../_exchange/decimal.ts";
import type { SymbolState } from "../_exchange/market.ts";
import type { Context } from "./handler.ts";

/** The kline intervals Binance knows. */
export const INTERVALS: readonly string[] = [
  "1s",
  "1m",
  "3m",
  "5m",
  "15m",
  "30m",
  "1h",
  "2h",
  "4h",
  "6h",
  "8h",
  "12h",
  "1d",
  "3d",
  "1w",
  "1M",
];

const INTERVAL_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** The open time of the `interval` kline holding `time` (UTC; weeks open on Monday, months on the 1st). */
export function intervalStart(interval: string, time: number): number {
  if (interval === "1M") {
    const d = new Date(time);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  const ms = Number(interval.slice(0, -1)) * INTERVAL_MS[interval.at(-1)!];
  // Weeks start on Monday (the epoch was a Thursday).
  const offset = interval.endsWith("w") ? 4 * 86_400_000 : 0;
  return time - ((time - offset) % ms);
}

/** The open time of the kline after the one opening at `start`. */
export function nextStart(interval: string, start: number): number {
  if (interval === "1M") {
    const d = new Date(start);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return start + Number(interval.slice(0, -1)) * INTERVAL_MS[interval.at(-1)!];
}

function prevStart(interval: string, start: number): number {
  if (interval === "1M") {
    const d = new Date(start);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  }
  return start - Number(interval.slice(0, -1)) * INTERVAL_MS[interval.at(-1)!];
}

/** A deterministic kline: its values derive from the symbol and the open time only. */
function kline(
  s: SymbolState,
  next: (open: number) => number,
  open: number,
  ctx: Context,
): unknown[] {
  let h = open / 1000;
  const r = () => {
    h = (Math.imul(h ^ 0x9e3779b9, 2654435761) >>> 0) ^ s.spec.mid;
    return (h >>> 0) / 4294967296;
  };
  const tick = s.spec.tick;
  const o = s.spec.mid + tick * Math.floor(r() * 200 - 100);
  const c = s.spec.mid + tick * Math.floor(r() * 200 - 100);
  const hi = Math.max(o, c) + tick * Math.floor(r() * 50);
  const lo = Math.min(o, c) - tick * Math.floor(r() * 50);
  const vol = s.spec.step * (1000 + Math.floor(r() * 100_000));
  const takerBase = Math.floor(vol / s.spec.step / 2) * s.spec.step;
  const trades = 1 + Math.floor(r() * 5000);
  return [
    ctx.t(open),
    dec(o),
    dec(hi),
    dec(lo),
    dec(c),
    dec(vol),
    ctx.t(next(open) - 1),
    dec(mul(c, vol)),
    trades,
    dec(takerBase),
    dec(mul(c, takerBase)),
    "0",
  ];
}

/**
 * The klines of `symbol` and `interval`: `limit` (default 500) from `startTime` on, or the
 * last `limit` up to `endTime` (default now, never later).
 */
export function klines(ctx: Context): unknown[] {
  const p = ctx.params;
  const s = p.symbol as SymbolState;
  const interval = p.interval as string;
  const n = (p.limit as number | undefined) ?? 500;
  const start = p.startTime as number | undefined;
  const end = Math.min((p.endTime as number | undefined) ?? ctx.now, ctx.now);
  // "If timeZone provided, kline intervals are interpreted in that timezone instead of UTC";
  // startTime and endTime stay UTC.
  const shift = zoneOffsetMs(p.timeZone as string | undefined);
  const first = (t: number) => intervalStart(interval, t + shift) - shift;
  const next = (o: number) => nextStart(interval, o + shift) - shift;
  const prev = (o: number) => prevStart(interval, o + shift) - shift;
  const out: unknown[] = [];
  if (start !== undefined) {
    for (let o = first(start); o <= end && out.length < n; o = next(o)) {
      out.push(kline(s, next, o, ctx));
    }
    return out;
  }
  for (let o = first(end); out.length < n; o = prev(o)) {
    out.unshift(kline(s, next, o, ctx));
  }
  return out;
}

/** A `timeZone` param (`"8"`, `"-1:30"`, `"+05:45"`; already checked) as an offset from UTC in ms. */
function zoneOffsetMs(timeZone: string | undefined): number {
  const m = timeZone === undefined ? null : /^([+-]?)(\d{1,2})(?::(\d{2}))?$/.exec(timeZone);
  if (!m) return 0;
  const ms = (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000;
  return m[1] === "-" ? -ms : ms;
}
