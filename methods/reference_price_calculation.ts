/**
 * `referencePrice.calculation`: gets how the reference price of a symbol is calculated.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { symbol, symbolStatus } from "../core/_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { ReferencePriceCalculation } from "../models/reference_price_calculation.ts";

/** Parameters of {@linkcode referencePriceCalculation}. */
export interface ReferencePriceCalculationParams {
  /** The symbol, e.g. `"BNBBTC"`. */
  symbol: string;
  /** Only symbols with this status (one symbol that differs gives error -1220). */
  symbolStatus?: "TRADING" | "HALT" | "BREAK";
}

const schema: z.ZodType<ReferencePriceCalculationParams> = z.strictObject({
  symbol: symbol,
  symbolStatus: symbolStatus.optional(),
});

/** Metadata of `referencePrice.calculation`: security type, data source and weight. */
export const referencePriceCalculationInfo: WsApiMethodInfo<ReferencePriceCalculationParams> = {
  method: "referencePrice.calculation",
  security: "NONE",
  dataSource: "Memory",
  weightRule: "2",
  weight: () => 2,
};

/**
 * Gets how the reference price of a symbol is calculated.
 *
 * Weight: 2.
 * Security type: NONE. Data source: Memory.
 *
 * @param conn The connection.
 * @param params The parameters.
 * @param options Signal and timeout.
 * @returns The calculation type and its settings.
 * @throws {ValidationError} when the parameters are invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request (-2043 when the symbol has no reference price).
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#query-reference-price-calculation}
 *
 * @example Usage
 * ```ts
 * import { connectWsApi, referencePriceCalculation } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const calc = await referencePriceCalculation(conn, { symbol: "BTCUSDT" });
 * assert.ok(["ARITHMETIC_MEAN", "EXTERNAL"].includes(calc.calculationType));
 * ```
 */
export function referencePriceCalculation(
  conn: WsApiConnection,
  params: ReferencePriceCalculationParams,
  options?: RequestOptions,
): Promise<ReferencePriceCalculation> {
  return callMethod(
    conn,
    referencePriceCalculationInfo,
    schema,
    params,
    ReferencePriceCalculation,
    options,
  );
}
