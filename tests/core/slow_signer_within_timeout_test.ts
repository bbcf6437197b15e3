// A SIGNED request keeps its own timeout and signal while its signature is being
// made. `Signer` is a public interface (a key held in a KMS or HSM signs remotely): a signer that
// is slow, or never answers, must not hold the request past its `timeoutMs`, nor make it ignore
// its abort; and a request given up on while signing is never sent afterwards.
import assert from "node:assert/strict";
import {
  accountStatus,
  connectWsApi,
  createSigner,
  RequestTimeoutError,
  type Signer,
} from "../../mod.ts";
import { okAnswer, startScriptedPeer } from "../_helpers.ts";

const API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
const SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

/** An HMAC signer whose signatures come only when the test releases them. */
async function heldSigner(): Promise<{ signer: Signer; release(): void; signing(): number }> {
  const inner = await createSigner({ type: "HMAC", secretKey: SECRET });
  let gate = Promise.withResolvers<void>();
  let calls = 0;
  return {
    signer: {
      keyType: "HMAC",
      async sign(payload: string): Promise<string> {
        calls++;
        await gate.promise;
        return inner.sign(payload);
      },
    },
    release() {
      gate.resolve();
      gate = Promise.withResolvers<void>();
    },
    signing: () => calls,
  };
}

/** `promise`'s outcome (its value, or what it rejected with), or "still pending" after `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise((resolve) => (timer = setTimeout(() => resolve("still pending"), ms)));
  try {
    return await Promise.race([promise.then(() => "resolved", (e) => e), late]);
  } finally {
    clearTimeout(timer);
  }
}

function peerAnswering() {
  return startScriptedPeer((req) => {
    if (req.method === "time") return okAnswer(req.id, { serverTime: Date.now() });
    return undefined; // account.status is never answered: it must not even be sent
  });
}

for (const synced of [true, false]) {
  const path = synced ? "(clock measured: the fast path)" : "(clock not measured yet)";
  Deno.test(`a SIGNED request whose signer hangs times out at its timeoutMs, not sent ${path}`, async () => {
    await using peer = peerAnswering();
    const held = await heldSigner();
    await using conn = await connectWsApi({
      url: peer.url,
      credentials: { apiKey: API_KEY, signer: held.signer },
      reconnect: false,
    });
    if (synced) await conn.syncClock();
    const started = performance.now();
    const result = await within(accountStatus(conn, {}, { timeoutMs: 200 }), 1_500);
    const tookMs = performance.now() - started;
    held.release(); // the signature comes after the timeout: the request must stay unsent
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(result instanceof RequestTimeoutError, `got ${String(result)}`);
    assert.equal(result.outcome, "notSent");
    assert.ok(tookMs < 1_000, `rejected after ${tookMs} ms`);
    assert.deepEqual(peer.received.map((r) => r.method).filter((m) => m !== "time"), []);
    assert.equal(conn.pendingRequests, 0);
  });

  Deno.test(`a SIGNED request aborted while its signer works rejects at once, not sent ${path}`, async () => {
    await using peer = peerAnswering();
    const held = await heldSigner();
    await using conn = await connectWsApi({
      url: peer.url,
      credentials: { apiKey: API_KEY, signer: held.signer },
      reconnect: false,
    });
    if (synced) await conn.syncClock();
    const controller = new AbortController();
    const reason = new Error("stop");
    const call = accountStatus(conn, {}, { signal: controller.signal, timeoutMs: 5_000 });
    setTimeout(() => controller.abort(reason), 50);
    const result = await within(call, 1_500);
    held.release();
    await call.catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(result, reason);
    assert.deepEqual(peer.received.map((r) => r.method).filter((m) => m !== "time"), []);
  });
}

Deno.test("a logon whose signer hangs holds signed requests no longer than the logon's timeout", async () => {
  await using peer = peerAnswering();
  const inner = await createSigner({ type: "HMAC", secretKey: SECRET });
  const never = Promise.withResolvers<string>();
  let calls = 0;
  // The session's logon signs with an Ed25519 key: its first signature (the logon's) never
  // comes; the requests signed each after it are signed at once.
  const signer: Signer = {
    keyType: "Ed25519",
    sign: (payload: string) => ++calls === 1 ? never.promise : inner.sign(payload),
  };
  await using conn = await connectWsApi({
    url: peer.url,
    credentials: { apiKey: API_KEY, signer },
    logon: true,
    timeoutMs: 300,
    reconnect: false,
  });
  const call = accountStatus(conn, {}, { timeoutMs: 3_000 });
  call.catch(() => {});
  const started = performance.now();
  while (
    !peer.received.some((r) => r.method === "account.status") && performance.now() - started < 2_000
  ) await new Promise((resolve) => setTimeout(resolve, 10));
  const tookMs = performance.now() - started;
  never.resolve("late");
  const sent = peer.received.find((r) => r.method === "account.status");
  assert.ok(sent !== undefined, "account.status was never sent: the hung logon held it");
  assert.ok(tookMs < 1_000, `sent after ${tookMs} ms`);
  assert.equal(typeof sent.params.signature, "string");
  assert.equal(peer.received.filter((r) => r.method === "session.logon").length, 0);
  await conn.close();
  await call.catch(() => {});
});
