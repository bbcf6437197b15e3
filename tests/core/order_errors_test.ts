// The errors of order outcomes (core/errors.ts): which failures leave an order's outcome
// unknown, and what OrderOutcomeUnknownError / OrderNotPlacedError carry.
import assert from "node:assert/strict";
import {
  BinanceApiError,
  ConnectionClosedError,
  IpBannedError,
  isUnknownOutcome,
  OrderNotPlacedError,
  OrderOutcomeUnknownError,
  RateLimitError,
  RequestTimeoutError,
  ServerError,
  UnexpectedMessageError,
  unknownOutcomeCause,
  ValidationError,
} from "../../mod.ts";

const api = (status: number, code: number, msg = "m") =>
  new BinanceApiError({ method: "order.place", status, error: { code, msg } });

Deno.test("unknownOutcomeCause(): sent-and-unanswered, 5xx and -1007/-1006 are unknown; the rest is known", () => {
  const cases: [unknown, string | undefined][] = [
    [new ConnectionClosedError({ method: "order.place" }), "connectionClosed"],
    [new ConnectionClosedError({ method: "order.place", outcome: "unknown" }), "connectionClosed"],
    [new ConnectionClosedError({ method: "order.place", outcome: "notSent" }), undefined],
    [new ConnectionClosedError(), undefined],
    [new RequestTimeoutError({ method: "order.place", timeoutMs: 10 }), "timeout"],
    [
      new RequestTimeoutError({ method: "order.place", timeoutMs: 10, outcome: "notSent" }),
      undefined,
    ],
    [
      new ServerError({ method: "order.place", status: 500, error: { code: -1000, msg: "m" } }),
      "serverError",
    ],
    [api(503, -1000), "serverError"],
    [
      api(400, -1007, "Timeout waiting for response from backend server."),
      "executionStatusUnknown",
    ],
    [api(408, -1007), "executionStatusUnknown"],
    [api(503, -1007), "executionStatusUnknown"],
    [api(400, -1006), "executionStatusUnknown"],
    [api(400, -2010), undefined],
    [api(400, -1013), undefined],
    [api(400, -1021), undefined],
    [
      new RateLimitError(
        { method: "order.place", status: 429, error: { code: -1015, msg: "m" } },
        undefined,
      ),
      undefined,
    ],
    [
      new IpBannedError(
        { method: "order.place", status: 418, error: { code: -1003, msg: "m" } },
        undefined,
      ),
      undefined,
    ],
    [new ValidationError("order.place", [{ param: "price", message: "is required" }]), undefined],
    [new UnexpectedMessageError("odd", "{}"), undefined],
    [new Error("other"), undefined],
    [undefined, undefined],
    ["a string", undefined],
  ];
  for (const [error, cause] of cases) {
    assert.equal(unknownOutcomeCause(error), cause, String((error as Error)?.message ?? error));
    assert.equal(isUnknownOutcome(error), cause !== undefined);
  }
});

Deno.test("ValidationError says its request was not sent", () => {
  const err = new ValidationError("order.place", [{ param: "price", message: "is required" }]);
  assert.equal(err.outcome, "notSent");
});

Deno.test("OrderOutcomeUnknownError carries the placement, the reason, the cause and a found order", () => {
  const cause = new ConnectionClosedError({ method: "order.place", closeCode: 1006 });
  const found = {
    symbol: "BTCUSDT",
    orderId: 2n ** 60n,
    clientOrderId: "reused",
    price: "1.00000000",
  };
  const err = new OrderOutcomeUnknownError({
    method: "orderList.place.oco",
    symbol: "BTCUSDT",
    clientOrderIds: {
      listClientOrderId: "list-1",
      legs: { aboveClientOrderId: "above-1", belowClientOrderId: "below-1" },
    },
    reason: "mismatch",
    found,
    mismatch: 'price "1.00000000" is not "2"',
    cause,
  });
  assert.ok(err instanceof Error);
  assert.equal(err.name, "OrderOutcomeUnknownError");
  assert.equal(err.method, "orderList.place.oco");
  assert.equal(err.symbol, "BTCUSDT");
  assert.equal(err.reason, "mismatch");
  assert.equal(err.found, found);
  assert.equal(err.cause, cause);
  assert.equal(err.outcome, "unknown");
  assert.equal(
    err.message,
    'Cannot tell whether "orderList.place.oco" on "BTCUSDT" placed an order (listClientOrderId ' +
      '"list-1", aboveClientOrderId "above-1", belowClientOrderId "below-1"): the order found by ' +
      'that client id is not this placement (price "1.00000000" is not "2"). Nothing was ' +
      "re-sent; query the order by its client id before placing it again.",
  );
});

Deno.test("OrderOutcomeUnknownError: one message per reason, each naming the ids", () => {
  const reasons = [
    "connectionClosed",
    "timeout",
    "serverError",
    "executionStatusUnknown",
    "resolveTimeout",
    "mismatch",
    "noClientOrderId",
    "lookupFailed",
    "aborted",
  ] as const;
  const messages = new Set<string>();
  for (const reason of reasons) {
    const err = new OrderOutcomeUnknownError({
      method: "order.place",
      symbol: "ETHBTC",
      clientOrderIds: { newClientOrderId: "abc-1" },
      reason,
    });
    assert.match(
      err.message,
      /^Cannot tell whether "order.place" on "ETHBTC" placed an order \(newClientOrderId "abc-1"\): /,
    );
    messages.add(err.message);
  }
  assert.equal(messages.size, reasons.length);
});

Deno.test("OrderNotPlacedError states the server time, the ms after the window and the margin", () => {
  const cause = new RequestTimeoutError({ method: "order.place", timeoutMs: 10_000 });
  const err = new OrderNotPlacedError({
    method: "order.place",
    symbol: "BTCUSDT",
    clientOrderIds: { newClientOrderId: "abc-1" },
    serverTime: 1_700_000_020_001,
    windowEndMs: 1_700_000_005_000.5,
    marginMs: 10_000,
    cause,
  });
  assert.equal(err.name, "OrderNotPlacedError");
  assert.equal(err.serverTime, 1_700_000_020_001);
  assert.equal(err.msAfterWindow, 15_000.5);
  assert.equal(err.windowEndMs, 1_700_000_005_000.5);
  assert.equal(err.marginMs, 10_000);
  assert.equal(err.cause, cause);
  assert.deepEqual(err.clientOrderIds, { newClientOrderId: "abc-1" });
  assert.equal(
    err.message,
    'Cannot place an order with "order.place" on "BTCUSDT": newClientOrderId "abc-1" not found ' +
      "at server time 1700000020001 (2023-11-14T22:13:40.001Z), 15000.5 ms after the request's " +
      "window closed (margin 10000 ms). The answer was lost and the exchange does not hold the order.",
  );
});
