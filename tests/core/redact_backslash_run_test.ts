// A frame that quotes an `apiKey`/`signature` and carries a long run of backslashes (an echoed
// value, a broken proxy) becomes an UnexpectedMessageError whose frame is redacted: that
// redaction must take linear time, not block the event loop for seconds.
// (The limits are far above the new code's time, about 10 ms, and far below the old one's, 5-9 s.)
import assert from "node:assert/strict";
import { connectWsApi, UnexpectedMessageError } from "../../mod.ts";
import { okAnswer, startScriptedPeer } from "../_helpers.ts";

Deno.test("a 100 000-character run of backslashes in an unexpected frame is redacted at once", async () => {
  await using peer = startScriptedPeer((r) => okAnswer(r.id, {}));
  await using conn = await connectWsApi({ url: peer.url, reconnect: false });
  const { promise, resolve } = Promise.withResolvers<Error>();
  conn.on("error", ({ error }) => resolve(error));
  const run = "\\".repeat(100_000);
  // An answer to no pending request: quoted (redacted) in the error.
  peer.send(JSON.stringify({ id: 999, status: 200, result: { signature: "SIG", x: run } }));
  const started = performance.now();
  const error = await promise;
  const took = performance.now() - started;
  assert.ok(error instanceof UnexpectedMessageError);
  assert.ok(!error.frame.includes("SIG"), error.frame.slice(0, 80));
  assert.ok(took < 1_000, `the error took ${took.toFixed(0)} ms`);
});

Deno.test("redacting a 128 KiB frame of backslashes and quotes takes linear time", () => {
  for (const unit of ["\\", '\\"', '\\\\"', '"signature":"\\']) {
    const frame = '{"signature":"x","a":"' + unit.repeat(Math.floor(131_072 / unit.length));
    const started = performance.now();
    new UnexpectedMessageError("test", frame);
    const took = performance.now() - started;
    assert.ok(took < 1_000, `${JSON.stringify(unit)}: ${took.toFixed(0)} ms`);
  }
});
