// Private: the parameters that klines and uiKlines share (Binance documents the same
// parameters for both): their type and their schema.
import { z } from "zod";
import {
  int,
  klineInterval,
  startBeforeEnd,
  symbol,
  timestamp,
  timeZone,
} from "../core/_params.ts";
import type { KlineInterval } from "../core/types.ts";

/** Parameters of {@linkcode klines} (and of `uiKlines`, which takes the same). */
export interface KlinesParams {
  /** The symbol, e.g. `"BNBBTC"`. */
  symbol: string;
  /** The interval, e.g. `"1m"` or `"1M"` (case-sensitive). */
  interval: KlineInterval;
  /** Start of the range (ms or µs). */
  startTime?: number;
  /** End of the range (ms or µs). */
  endTime?: number;
  /** Time zone of the intervals: hours or hours and minutes (e.g. `"8"`, `"-1:30"`), within [-12:00, +14:00]. Default `"0"` (UTC). */
  timeZone?: string;
  /** How many, 1–1000. Default 500. */
  limit?: number;
}

/** Validates `klines` and `uiKlines` parameters. */
export const klinesParams: z.ZodType<KlinesParams> = z.strictObject({
  symbol,
  interval: klineInterval,
  startTime: timestamp.optional(),
  endTime: timestamp.optional(),
  timeZone: timeZone.optional(),
  limit: int(1, 1000).optional(),
}).superRefine(startBeforeEnd);
