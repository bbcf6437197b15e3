// Private: two test-only signed methods, served with `startFakeBinance({ probeMethods: true })`:
// the signing, session and fault tests of the client use them where no trading method is
// needed. Each run is counted, so a test can tell an executed request from one that was not.

import type { HandlerTable } from "./handler.ts";
import { INT } from "./params.ts";

/** `probe.userData` (USER_DATA) and `probe.trade` (TRADE): weight 1, any `n`. */
export function probeHandlers(): HandlerTable {
  let runs = 0;
  const run = (ctx: { apiKey?: string; keyType?: string; params: { n?: unknown } }) => ({
    apiKey: ctx.apiKey,
    keyType: ctx.keyType ?? null,
    n: ctx.params.n ?? null,
    run: ++runs,
  });
  return {
    "probe.userData": { security: "USER_DATA", params: { n: INT }, weight: () => 1, run },
    "probe.trade": { security: "TRADE", params: { n: INT }, weight: () => 1, run },
  };
}
