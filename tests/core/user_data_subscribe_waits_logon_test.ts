// A session request of the User Data Stream (userDataStream.subscribe) that waits
// for the session's logon waits within its own timeout, as every signed request does; not for
// however long the logon takes (its own timeout, a 429/418 it waits out).
import assert from "node:assert/strict";
import {
  connectWsApi,
  createSigner,
  RequestTimeoutError,
  userDataStreamSubscribe,
} from "../../mod.ts";
import { FAKE_ACCOUNT } from "../../testing/mod.ts";
import { okAnswer as ok, startScriptedPeer } from "../_helpers.ts";

Deno.test("userDataStreamSubscribe waiting for a slow logon ends at its own timeoutMs", async () => {
  const peer = startScriptedPeer((req) => {
    if (req.method === "time") return ok(req.id, { serverTime: Date.now() });
    // session.logon is never answered: the logon runs until the connection's timeout (5 s).
    return undefined;
  });
  const conn = await connectWsApi({
    url: peer.url,
    credentials: {
      apiKey: FAKE_ACCOUNT.apiKey,
      signer: await createSigner(FAKE_ACCOUNT.ed25519Key),
    },
    logon: true,
    timeoutMs: 5_000,
  });
  try {
    await new Promise((r) => setTimeout(r, 50)); // the logon is in flight
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([
      userDataStreamSubscribe(conn, {}, { timeoutMs: 200 }).then(
        (sub) => ({ sub, error: undefined }),
        (error) => ({ sub: undefined, error }),
      ),
      new Promise<"hung">((r) => timer = setTimeout(() => r("hung"), 700)),
    ]);
    clearTimeout(timer);
    assert.notEqual(
      outcome,
      "hung",
      `still waiting after ${Date.now() - started} ms (timeoutMs 200)`,
    );
    const { error } = outcome as { error: unknown };
    assert.ok(error instanceof RequestTimeoutError, String(error));
    assert.equal(error.outcome, "notSent");
  } finally {
    await conn.close();
    await peer.close();
  }
});
