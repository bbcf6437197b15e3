/**
 * `executionRules`: gets the execution rules (such as the price range rule) of symbols.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { callMethod } from "../core/_method.ts";
import { atMostOneOf, symbol, symbolList, symbolStatus } from "../core/_params.ts";
import type { RequestOptions, WsApiMethodInfo } from "../core/types.ts";
import { ExecutionRules } from "../models/execution_rules.ts";

/** Parameters of {@linkcode executionRules}. */
export interface ExecutionRulesParams {
  /** One symbol. */
  symbol?: string;
  /** Several symbols. */
  symbols?: string[];
  /** All symbols with this status. */
  symbolStatus?: "TRADING" | "HALT" | "BREAK";
}

const schema: z.ZodType<ExecutionRulesParams> = z.strictObject({
  symbol: symbol.optional(),
  symbols: symbolList(Number.MAX_SAFE_INTEGER).optional(),
  symbolStatus: symbolStatus.optional(),
}).superRefine(atMostOneOf("symbol", "symbols", "symbolStatus"));

/** Metadata of `executionRules`: security type, data source and weight. */
export const executionRulesInfo: WsApiMethodInfo<ExecutionRulesParams> = {
  method: "executionRules",
  security: "NONE",
  dataSource: "Memory",
  weightRule: "symbol: 2; symbols: 2 per symbol, max 40; symbolStatus or none: 40",
  weight: (p) =>
    p.symbol !== undefined ? 2 : p.symbols !== undefined ? Math.min(40, 2 * p.symbols.length) : 40,
};

/**
 * Gets the execution rules (such as the price range rule) of symbols.
 *
 * Weight: symbol: 2; symbols: 2 per symbol, max 40; symbolStatus or none: 40.
 * Security type: NONE. Data source: Memory.
 *
 * @param conn The connection.
 * @param params The parameters.
 * @param options Signal and timeout.
 * @returns The rules of each symbol.
 * @throws {ValidationError} when the parameters are invalid (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no answer arrives in time.
 * @throws {ConnectionClosedError} when the connection closes first.
 * @throws {UnexpectedMessageError} when the answer does not match the documented shape.
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#query-execution-rules}
 *
 * @example Usage
 * ```ts
 * import { connectWsApi, executionRules } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * await using conn = await connectWsApi({ url: exchange.wsApiUrl });
 * const rules = await executionRules(conn, { symbol: "BTCUSDT" });
 * assert.equal(rules.symbolRules[0].symbol, "BTCUSDT");
 * ```
 */
export function executionRules(
  conn: WsApiConnection,
  params?: ExecutionRulesParams,
  options?: RequestOptions,
): Promise<ExecutionRules> {
  return callMethod(conn, executionRulesInfo, schema, params, ExecutionRules, options);
}
