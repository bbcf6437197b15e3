/**
 * `order.cancelReplace`: cancels an order and places a new one.
 *
 * @module
 */
import { z } from "zod";
import type { WsApiConnection } from "../core/connection.ts";
import { clientOrderId, decimalString, int } from "../core/_params.ts";
import {
  BinanceApiError,
  type BinanceErrorBody,
  CancelReplaceError,
  type CancelReplaceOutcome,
  CancelReplaceRateLimitError,
  RateLimitError,
} from "../core/errors.ts";
import type { ModelFactory, WsApiMethodInfo } from "../core/types.ts";
import { CancelReplaceResult } from "../models/cancel_replace_result.ts";
import { CanceledOrder } from "../models/order_cancel.ts";
import {
  type CancelRestrictions,
  cancelRestrictions,
  eitherRequired,
  type OrderParams,
  orderShape,
  singleOrder,
  singleOrderRule,
} from "./_order_params.ts";
import { orderModel } from "./_order_result.ts";
import type { RecoveredCancelReplace } from "../models/recovered_order.ts";
import {
  cancelReplaceResults,
  type OrderRequestOptions,
  type OrderWrite,
  writeOrder,
} from "./_order_write.ts";
import type { NoUnknownParams, OrderPlaceResult } from "./_result.ts";

/** Parameters of {@linkcode orderCancelReplace}: the order to cancel and the new order. */
export interface OrderCancelReplaceParams extends Omit<OrderParams, "trailingDelta"> {
  /**
   * `STOP_ON_FAILURE`: no new order if the cancel fails; `ALLOW_FAILURE`: place it anyway.
   */
  cancelReplaceMode: "STOP_ON_FAILURE" | "ALLOW_FAILURE";
  /** The id of the order to cancel. One of it and `cancelOrigClientOrderId` is required. */
  cancelOrderId?: number;
  /** The client id of the order to cancel. */
  cancelOrigClientOrderId?: string;
  /** A new client id for the canceled order. */
  cancelNewClientOrderId?: string;
  /** Trailing delta of the new order, documented DECIMAL here (INT in order.place). */
  trailingDelta?: string;
  /** Cancel only if the order is `NEW` or `PARTIALLY_FILLED`. */
  cancelRestrictions?: CancelRestrictions;
  /**
   * When the unfilled-order count is exceeded: `DO_NOTHING` (default) or `CANCEL_ONLY`
   * (cancel anyway).
   */
  orderRateLimitExceededMode?: "DO_NOTHING" | "CANCEL_ONLY";
}

const schema: z.ZodType<OrderCancelReplaceParams> = z.strictObject({
  ...orderShape,
  trailingDelta: decimalString.optional(),
  cancelReplaceMode: z.enum(["STOP_ON_FAILURE", "ALLOW_FAILURE"]),
  cancelOrderId: int(0).optional(),
  cancelOrigClientOrderId: clientOrderId.optional(),
  cancelNewClientOrderId: clientOrderId.optional(),
  cancelRestrictions: cancelRestrictions.optional(),
  orderRateLimitExceededMode: z.enum(["DO_NOTHING", "CANCEL_ONLY"]).optional(),
}).superRefine(singleOrderRule).superRefine(
  eitherRequired("cancelOrderId", "cancelOrigClientOrderId"),
);

/** Metadata of `order.cancelReplace`: security type, data source, weight and orders placed. */
export const orderCancelReplaceInfo: WsApiMethodInfo<OrderCancelReplaceParams> = {
  method: "order.cancelReplace",
  security: "TRADE",
  dataSource: "Matching Engine",
  weightRule: "1 (0 when successful, CHANGELOG 2026-04-02)",
  weight: () => 1,
  // With CANCEL_ONLY the cancel goes even when the ORDERS limit is reached (the exchange then
  // answers 429 with both halves): the client holds no such request for the limit.
  orders: (p) => p.orderRateLimitExceededMode === "CANCEL_ONLY" ? 0 : 1,
};

const write: OrderWrite<OrderCancelReplaceParams, "cancelReplace"> = {
  recovery: "cancelReplace",
  replaces: true,
  info: orderCancelReplaceInfo,
  schema,
  clientIds: () => ["newClientOrderId"],
  orders: singleOrder,
};

function isErrorBody(v: unknown): v is BinanceErrorBody {
  return typeof v === "object" && v !== null && typeof (v as { code?: unknown }).code === "number";
}

/** A half's response: an error body as it is, a report through its model. */
function half<T>(raw: unknown, model: ModelFactory<T>): T | BinanceErrorBody | null {
  if (raw === null || raw === undefined) return null;
  return isErrorBody(raw) ? raw : model.parse(raw);
}

/**
 * The typed error of a failed cancel-replace: a Binance error whose `data` carries
 * `cancelResult` and `newOrderResult`. Any other error passes as it is.
 */
function toCancelReplaceError(error: unknown, newOrder: ModelFactory<unknown>): unknown {
  if (!(error instanceof BinanceApiError) || error instanceof CancelReplaceError) return error;
  const results = cancelReplaceResults(error);
  if (results === undefined) return error;
  const { cancelResult, newOrderResult } = results;
  const data = error.data;
  let outcome: Omit<
    CancelReplaceOutcome<CanceledOrder, unknown>,
    "canceled" | "placed" | "rateLimited"
  >;
  try {
    outcome = {
      cancelResult,
      newOrderResult,
      cancelResponse: half(data!.cancelResponse, CanceledOrder) ?? { code: 0, msg: "" },
      newOrderResponse: half(data!.newOrderResponse, newOrder),
    };
  } catch {
    return error; // a half that fits no documented shape: the raw error says it all
  }
  const init = {
    method: error.method,
    status: error.status,
    error: { code: error.code, msg: error.msg, data },
  };
  return error instanceof RateLimitError
    ? new CancelReplaceRateLimitError(init, error.retryAfter, outcome, { cause: error })
    : new CancelReplaceError(init, outcome, { cause: error });
}

/**
 * Cancels an order and places a new one, in one request that is not transactional. Both
 * halves' outcomes are typed: a failure of either (400 -2022, 409 -2021, or 429 under
 * `orderRateLimitExceededMode: "CANCEL_ONLY"`) rejects with a {@linkcode CancelReplaceError}
 * saying which half succeeded, carrying both responses. The new order follows the rules of
 * {@linkcode orderPlace}; a missing `newClientOrderId` is generated.
 *
 * Weight: 1 (0 when successful, CHANGELOG 2026-04-02).
 * Security type: TRADE. Data source: Matching Engine.
 *
 * @typeParam P The params' type, inferred from the call: it picks the result type.
 * @param conn The connection (with `credentials`).
 * @param params The order to cancel (`cancelOrderId` or `cancelOrigClientOrderId`), the mode, and the new
 *   order; `trailingDelta` is documented DECIMAL here (a string).
 * @param options Signal, timeout, and for order writes `filters` and `generateClientOrderIds`.
 * @returns Both halves: the {@linkcode CanceledOrder} and the new order as `newOrderRespType`
 *   picks it; or, when its answer was lost
 *   and the resolution found it, a {@linkcode RecoveredCancelReplace} (`recovered: true`: the new order as `order.status` reports it, and what is known of the cancel).
 * @throws {ValidationError} when the parameters are invalid, or the connection has no
 *   credentials (nothing is sent).
 * @throws {CancelReplaceError} when either half failed (a `CancelReplaceRateLimitError`,
 *   also a `RateLimitError`, for the 429).
 * @throws {FilterError} when `options.filters` is given and the order breaks a filter
 *   (nothing is sent).
 * @throws {BinanceApiError} when Binance rejects the request.
 * @throws {RequestTimeoutError} when no connection came in time (nothing was sent; with
 *   `onUnknownOutcome: "throw"` a lost answer is an `OrderOutcomeUnknownError`).
 * @throws {ConnectionClosedError} when the connection was closed before it was sent.
 * @throws {OrderNotPlacedError} when the answer was lost (the socket closed or the timeout
 *   ran out after it was sent, a 5xx, -1007, or a half answered -1007 / -1006) and the
 *   exchange, asked by the client id until its clock passed the request's window and
 *   `unknownOutcomeMarginMs`, does not hold it. Its `cancel` says whether the order being
 *   canceled was canceled (from the error's `data`, else its `order.status`): it may be.
 * @throws {OrderOutcomeUnknownError} when the answer was lost and the truth cannot be had:
 *   `onUnknownOutcome: "throw"`, no client id, `resolveTimeoutMs` passed, or the order found
 *   by that id is not this placement. Nothing was placed twice. Its `clientOrderIds` also
 *   name the cancel half (`cancelOrderId` / `cancelOrigClientOrderId`, `cancelNewClientOrderId`).
 * @throws {UnexpectedOrderResultError} when Binance accepted it but its result does not fit
 *   the model (the exact result and the client ids are in the error).
 * @see {@link https://github.com/binance/binance-spot-api-docs/blob/master/web-socket-api.md#cancel-and-replace-order-trade}
 *
 * @example Replace an order (refused here: no cancel id)
 * ```ts
 * import { ValidationError, connectWsApi, createSigner, orderCancelReplace, type CancelReplaceResult, type OrderFull, type RecoveredCancelReplace } from "@binance-ws/spot";
 * import { startFakeBinance } from "@binance-ws/spot/testing";
 * import assert from "node:assert/strict";
 *
 * await using exchange = await startFakeBinance();
 * const signer = await createSigner({ type: "HMAC", secretKey: "my-secret-key" });
 * await using conn = await connectWsApi({
 *   url: exchange.wsApiUrl,
 *   credentials: { apiKey: "my-api-key", signer },
 * });
 * // Type-checked, not run here: a LIMIT replacement answers FULL by default.
 * const replace = (): Promise<CancelReplaceResult<OrderFull> | RecoveredCancelReplace> =>
 *   orderCancelReplace(conn, {
 *     symbol: "BTCUSDT",
 *     cancelReplaceMode: "STOP_ON_FAILURE",
 *     cancelOrderId: 125690984230,
 *     side: "SELL",
 *     type: "LIMIT",
 *     timeInForce: "GTC",
 *     price: "23416.10",
 *     quantity: "0.00847",
 *   });
 * console.log(typeof replace);
 * await assert.rejects(
 *   orderCancelReplace(conn, {
 *     symbol: "BTCUSDT", cancelReplaceMode: "ALLOW_FAILURE", side: "SELL", type: "MARKET", quantity: "1",
 *   }),
 *   ValidationError,
 * );
 * ```
 */
export function orderCancelReplace<
  P extends OrderCancelReplaceParams & NoUnknownParams<P, OrderCancelReplaceParams>,
>(
  conn: WsApiConnection,
  params: P,
  options?: OrderRequestOptions,
): Promise<CancelReplaceResult<OrderPlaceResult<P>> | RecoveredCancelReplace> {
  const newOrder = orderModel<P>(params);
  return writeOrder(
    conn,
    write,
    params,
    CancelReplaceResult as ModelFactory<CancelReplaceResult<OrderPlaceResult<P>>>,
    options,
  ).catch((error) => {
    throw toCancelReplaceError(error, newOrder);
  });
}
