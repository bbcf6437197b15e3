// Private: the parameters schema that klines and uiKlines share (Binance documents the same
// parameters for both).
import { z } from "zod";
import {
  int,
  klineInterval,
  startBeforeEnd,
  symbol,
  timestamp,
  timeZone,
} from "../core/_schema.ts";
import type { KlinesParams } from "./klines.ts";

/** Validates `klines` and `uiKlines` parameters. */
export const klinesParams: z.ZodType<KlinesParams> = z.strictObject({
  symbol,
  interval: klineInterval,
  startTime: timestamp.optional(),
  endTime: timestamp.optional(),
  timeZone: timeZone.optional(),
  limit: int(1, 1000).optional(),
}).superRefine(startBeforeEnd);
