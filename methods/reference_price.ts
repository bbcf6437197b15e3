/**
 * `referencePrice`: gets the reference price of a symbol.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { symbol } from "../core/_params.ts";
import { BinanceApiError } from "../core/errors.ts";
import type { ModelFactory, RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { ReferencePrice } from "../models/reference_price.ts";

/** Parameters of {@linkcode referencePrice}. */
export interface ReferencePriceParams {
  /** The symbol, e.g. `"BNBBTC"`. */
  symbol: string;
}

const schema: z.ZodType<ReferencePriceParams> = z.strictObject({
  symbol: symbol,
});

/** Metadata of `referencePrice`: security type, data source and weight. */
export const referencePriceInfo: WsApiMethodInfo<ReferencePriceParams> = {
  method: "referencePrice",
  security: "NONE",
  dataSource: "Memory",
  weightRule: "2",
  weight: () => 2,
};

/**
 * Gets the reference price of a symbol.
 *
 * Weight: 2.
 * Security type: NONE. Data source: Memory.
 *
 * @param conn The connection.
 * @param params The parameters.
 * @param options Signal and timeout.
 * @returns The reference price (`null` when not available now).
 * @throws {ValidationError} when the parameters are invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request (-2043 when the symbol has no reference price).
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#query-reference-price}
 *
 * @example Usage
 * ```ts
 * import { connectWsApi, referencePrice } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const ref = await referencePrice(conn, { symbol: "BTCUSDT" });
 * assert.equal(ref.symbol, "BTCUSDT");
 * ```
 */
export function referencePrice(
  conn: WsApiConnection,
  params: ReferencePriceParams,
  options?: RequestOptions,
): Promise<ReferencePrice> {
  return callMethod(conn, referencePriceInfo, schema, params, NEVER_SET_OR_PRICE, options);
}

/**
 * The result, or a `BinanceApiError` for the documented "never set" answer: status 200 with the
 * error in `result` (`{"code": -2043, "msg": "This symbol doesn't have a reference price."}`).
 */
const NEVER_SET_OR_PRICE: ModelFactory<ReferencePrice> = {
  parse(raw: unknown): ReferencePrice {
    const r = raw as { code?: unknown; msg?: unknown } | null;
    if (
      typeof r === "object" && r !== null && Number.isSafeInteger(r.code) &&
      typeof r.msg === "string" && !("symbol" in r)
    ) {
      throw new BinanceApiError({
        method: referencePriceInfo.method,
        status: 200,
        error: { code: r.code as number, msg: r.msg },
      });
    }
    return ReferencePrice.parse(raw);
  },
};
