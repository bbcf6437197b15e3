// The fault registry of the fake exchange (testing/_faults.ts), without sockets.
import assert from "node:assert/strict";
import { createFaults } from "../../testing/_faults.ts";

Deno.test("createFaults() serves stale depth to the next depth requests only", () => {
  const faults = createFaults<string>({ responseDelayMs: 0, lifetimeMs: 1000 });
  assert.equal(faults.staleDepthFor("depth"), undefined);
  faults.serveStaleDepth(2, "then");
  assert.equal(faults.staleDepthFor("ping"), undefined);
  assert.equal(faults.staleDepthFor("depth"), "then");
  assert.equal(faults.staleDepthFor("depth"), "then");
  assert.equal(faults.staleDepthFor("depth"), undefined);
});

Deno.test("createFaults() skips or doubles the next event of a stream, once", () => {
  const faults = createFaults<never>({ responseDelayMs: 5, lifetimeMs: 1000 });
  assert.equal(faults.responseDelayMs, 5);
  faults.skipNext("a@trade");
  faults.duplicateNext("a@trade");
  faults.duplicateNext("b@trade");
  assert.equal(faults.nextEvent("a@trade"), "skip", "a skip wins and uses up the double");
  assert.equal(faults.nextEvent("a@trade"), "once");
  assert.equal(faults.nextEvent("b@trade"), "twice");
  assert.equal(faults.nextEvent("b@trade"), "once");
});
