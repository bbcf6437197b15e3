// The control methods of the fake's market streams (testing/_handlers/stream_control.ts), run
// on a connection's state without a socket.
import assert from "node:assert/strict";
import { control, type ControlState } from "../../testing/_handlers/stream_control.ts";

Deno.test("control() subscribes, lists, unsubscribes and sets properties on the state", () => {
  const state: ControlState = { streams: new Set(), combined: false };
  assert.deepEqual(control(state, "SUBSCRIBE", ["btcusdt@trade", "!miniTicker@arr"]), {
    result: null,
  });
  assert.deepEqual(control(state, "LIST_SUBSCRIPTIONS", undefined), {
    result: ["btcusdt@trade", "!miniTicker@arr"],
  });
  assert.deepEqual(control(state, "UNSUBSCRIBE", ["btcusdt@trade"]), { result: null });
  assert.deepEqual([...state.streams], ["!miniTicker@arr"]);
  assert.deepEqual(control(state, "SET_PROPERTY", ["combined", true]), { result: null });
  assert.deepEqual(control(state, "GET_PROPERTY", ["combined"]), { result: true });
});

Deno.test("control() answers bad requests with the documented codes", () => {
  const state: ControlState = { streams: new Set(), combined: false };
  const code = (method: unknown, params?: unknown) => {
    const answer = control(state, method, params);
    return "error" in answer ? answer.error.code : undefined;
  };
  assert.equal(code("GET_PROPERTY", ["colour"]), 0);
  assert.equal(code("SET_PROPERTY", ["combined", "yes"]), 1);
  assert.equal(code("SUBSCRIBE", ["BTCUSDT@trade"]), 2);
  assert.equal(code("SUBSCRIBE", Array.from({ length: 1025 }, (_, i) => `s${i}@trade`)), 2);
  assert.equal(code(undefined), 2);
  assert.equal(code("toString", []), 2, "only the five methods are methods");
  assert.equal(state.streams.size, 0, "a refused request changes nothing");
});
