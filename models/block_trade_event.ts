/**
 * The update of `<symbol>@blockTrade`.
 *
 * @module
 */
import { bool, dec, eventType, int, object, str } from "../core/_check.ts";
import type { ModelFactory } from "../core/types.ts";

/** One block trade. */
export interface BlockTradeEvent {
  /** Event time (ms, or µs with `timeUnit: "MICROSECOND"`). */
  eventTime: number;
  /** The symbol. */
  symbol: string;
  /** Block trade id. */
  blockTradeId: number;
  /** Price, an exact decimal string. */
  price: string;
  /** Quantity, an exact decimal string. */
  qty: string;
  /** Trade time (ms, or µs with `timeUnit: "MICROSECOND"`). */
  tradeTime: number;
  /** Whether the buyer was the maker. */
  isBuyerMaker: boolean;
  /** The payload as it arrived, for fields this model does not name. */
  raw: Readonly<Record<string, unknown>>;
}

const MODEL = "BlockTradeEvent";

function parseBlockTradeEvent(raw: unknown): BlockTradeEvent {
  const o = object(raw, MODEL);
  eventType(o, "blockTrade", MODEL);
  return {
    eventTime: int(o, "E", MODEL),
    symbol: str(o, "s", MODEL),
    blockTradeId: int(o, "t", MODEL),
    price: dec(o, "p", MODEL),
    qty: dec(o, "q", MODEL),
    tradeTime: int(o, "T", MODEL),
    isBuyerMaker: bool(o, "m", MODEL),
    raw: o,
  };
}

/**
 * Factory of {@linkcode BlockTradeEvent}: checks a payload against the documented shape.
 *
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-streams.md#block-trade-streams}
 *
 * @example Usage
 * ```ts
 * import { BlockTradeEvent } from "@binance-ws/spot";
 * import assert from "node:assert/strict";
 *
 * const t = BlockTradeEvent.parse({"e": "blockTrade", "E": 1772506983582, "s": "BNBBTC", "t": 582, "p": "0.052", "q": "5838", "T": 1772506983321, "m": true});
 * assert.equal(t.blockTradeId, 582);
 * assert.equal(t.qty, "5838");
 * ```
 */
export const BlockTradeEvent: ModelFactory<BlockTradeEvent> = { parse: parseBlockTradeEvent };
