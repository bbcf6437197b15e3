// The diagnostics' shared harness: flags, lines and the summary, as the diagnostics printed them
// before they shared it (the expected lines are copied from their output).
import assert from "node:assert/strict";
import { formatLine, parseArgs, summaryLine, UsageError } from "../../diagnostics/_harness.ts";

Deno.test("parseArgs() takes --target (default live) and number flags with their defaults", () => {
  assert.deepEqual(parseArgs([]), { target: "live", numbers: {} });
  for (const target of ["live", "testnet", "local"] as const) {
    assert.equal(parseArgs([`--target=${target}`]).target, target);
  }
  assert.deepEqual(parseArgs(["--target=local"], { seconds: 5 }).numbers, { seconds: 5 });
  assert.deepEqual(parseArgs(["--seconds=3", "--target=local"], { seconds: 5 }).numbers, {
    seconds: 3,
  });
  assert.deepEqual(parseArgs(["--other=1", "x"], { seconds: 5 }), {
    target: "live",
    numbers: { seconds: 5 },
  });
});

Deno.test("parseArgs() refuses an unknown target and a number flag that is not positive", () => {
  assert.throws(
    () => parseArgs(["--target=prod"]),
    (e: unknown) =>
      e instanceof UsageError &&
      e.message ===
        'Unknown target "prod": use --target=live, --target=testnet or --target=local',
  );
  for (const text of ["abc", "0", "-1", "Infinity", ""]) {
    assert.throws(
      () => parseArgs([`--seconds=${text}`], { seconds: 5 }),
      (e: unknown) =>
        e instanceof UsageError &&
        e.message === `Cannot run: --seconds must be a positive number, not "${text}"`,
      text,
    );
  }
});

Deno.test("formatLine() prints the market diagnostic's lines: status, name, latency, detail", () => {
  assert.equal(
    formatLine("PASS", "ping", 27, "pong", 4.4),
    "PASS  ping                           4.4 ms  pong",
  );
  assert.equal(
    formatLine("FAIL", "referencePrice.calculation", 27, "x", 1234.56),
    "FAIL  referencePrice.calculation  1234.6 ms  x",
  );
  assert.equal(
    formatLine("FAIL", "connect", 27, "Cannot open"),
    "FAIL  connect                    Cannot open",
  );
});

Deno.test("formatLine() prints the streams diagnostic's lines: status, label, detail", () => {
  assert.equal(
    formatLine("PASS", "trade", 18, "  143 updates, latency p50 1 ms, max 7 ms, 0 duplicates"),
    "PASS  trade               143 updates, latency p50 1 ms, max 7 ms, 0 duplicates",
  );
  assert.equal(formatLine("QUIET", "blockTrade", 18, "0"), "QUIET blockTrade        0");
  assert.equal(
    formatLine("FAIL", "connect", 18, "Cannot open"),
    "FAIL  connect           Cannot open",
  );
  assert.equal(
    formatLine("PASS", "a-label-longer-than-18", 18, "x"),
    "PASS  a-label-longer-than-18 x",
  );
});

Deno.test("summaryLine() says OK only when every check passed, and when none could run", () => {
  assert.equal(summaryLine(20, 20, true, 73.4), "OK: 20/20 checks passed in 73 ms");
  assert.equal(summaryLine(15, 16, true, 3050), "FAILED: 15/16 checks passed in 3050 ms");
  assert.equal(summaryLine(0, 0, false, 23), "FAILED: cannot connect, no check ran in 23 ms");
});
