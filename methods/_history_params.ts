// Private: the params of the account history methods (allOrders, allOrderLists, myTrades).
// The time window: `startTime` not after `endTime`, and "the time between startTime and endTime
// can't be longer than 24 hours" (web-socket-api.md); exactly 24 hours is allowed, as the docs'
// own examples send it (1660780800000 to 1660867200000). Times may be sent in ms or µs
// (General API Information): a value above 10^14 is µs, the rule `_auth.ts` reads `timestamp`
// by. And the params that cannot go together (myTrades), each issue naming the param.
import type { z } from "zod";
import { fastRefinement, type Refinement } from "../core/_fast_schema.ts";

/** 24 hours in ms. */
export const DAY_MS = 86_400_000;

/** A `startTime`/`endTime` value in ms (µs above 10^14 are divided down). */
export function toMs(t: number): number {
  return t >= 1e14 ? t / 1000 : t;
}

interface Window {
  startTime?: number;
  endTime?: number;
}

function windowOk(v: Window): boolean {
  if (v.startTime === undefined || v.endTime === undefined) return true;
  const start = toMs(v.startTime), end = toMs(v.endTime);
  return start <= end && end - start <= DAY_MS;
}

function checkWindow(v: Window, ctx: z.RefinementCtx): void {
  if (v.startTime === undefined || v.endTime === undefined) return;
  const start = toMs(v.startTime), end = toMs(v.endTime);
  if (start > end) {
    ctx.addIssue({ code: "custom", path: ["startTime"], message: 'must not be after "endTime"' });
  } else if (end - start > DAY_MS) {
    ctx.addIssue({
      code: "custom",
      path: ["endTime"],
      message: 'must be at most 24 hours after "startTime" (Binance answers -1127)',
    });
  }
}

/**
 * `startTime` not after `endTime`, and at most 24 hours between them (exactly 24 h passes).
 * Names `startTime` for a reversed window, `endTime` for one that is too long.
 */
export const within24Hours: Refinement<Window> = fastRefinement(windowOk, checkWindow);

/**
 * Fails when `name` is sent with any of `others` (Binance: -1128), naming `name`.
 *
 * @param name The param that cannot be sent with the others.
 * @param others The params it excludes.
 */
export function notWith<T extends Record<string, unknown>>(
  name: keyof T & string,
  ...others: (keyof T & string)[]
): Refinement<T> {
  return fastRefinement<T>(
    (v) => v[name] === undefined || others.every((o) => v[o] === undefined),
    (v, ctx) => {
      if (v[name] === undefined) return;
      const clash = others.filter((o) => v[o] !== undefined);
      if (clash.length === 0) return;
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `cannot be sent with ${
          clash.map((c) => `"${c}"`).join(" or ")
        } (Binance answers -1128)`,
      });
    },
  );
}
