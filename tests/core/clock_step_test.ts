// A step of the system clock (NTP, a manual change) while requests wait: deadlines and pacing
// windows are on the monotonic clock, so a step back neither stalls them for its size nor
// does a step forward end them early.
import assert from "node:assert/strict";
import { connectStreams, connectWsApi, RequestTimeoutError, time } from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";

const HOUR = 3_600_000;

/** `Date.now()` moved by `ms` until disposed (the monotonic clock does not move). */
function stepClock(ms: number): Disposable {
  const real = Date.now;
  Date.now = () => real() + ms;
  return { [Symbol.dispose]: () => void (Date.now = real) };
}

/** Resolves with `"late"` after `ms` unless `promise` settles first (the timer is cleared). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | "late"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((r) => (timer = setTimeout(() => r("late"), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

Deno.test("a step of the clock back an hour does not hold a request past its timeout", async () => {
  await using fake = await startFakeBinance();
  await using conn = await connectWsApi({ url: fake.wsApiUrl });
  fake.setResponseDelay(2000);
  const request = time(conn, {}, { timeoutMs: 200 }).then(() => "answered", (e) => e);
  await new Promise((r) => setTimeout(r, 20)); // sent, its deadline set
  {
    using _ = stepClock(-HOUR);
    const outcome = await within(request, 1500);
    assert.ok(outcome instanceof RequestTimeoutError, `timed out at 200 ms, got ${outcome}`);
  }
  fake.setResponseDelay(0);
  assert.ok((await time(conn)).serverTime > 0, "the connection is still usable");
});

Deno.test("a step of the clock forward an hour does not time a request out early", async () => {
  await using fake = await startFakeBinance();
  await using conn = await connectWsApi({ url: fake.wsApiUrl });
  // A first request arms the one deadline timer; the second is answered after the step.
  fake.setResponseDelay(300);
  const first = time(conn, {}, { timeoutMs: 100 }).catch((e) => e);
  const second = time(conn, {}, { timeoutMs: 5000 });
  await new Promise((r) => setTimeout(r, 20));
  using _ = stepClock(HOUR);
  assert.ok(await first instanceof RequestTimeoutError);
  assert.ok((await second).serverTime > 0, "answered within its 5 s");
});

Deno.test("a step of the clock back an hour does not stall the pacing of control messages", async () => {
  await using fake = await startFakeBinance();
  await using conn = await connectStreams({ url: fake.streams.baseUrl });
  // Fill the pacing window (4 messages a socket), one message at a time.
  for (let i = 0; i < 4; i++) await conn.listSubscriptions();
  using _ = stepClock(-HOUR);
  const fifth = await within(conn.listSubscriptions(), 3000);
  assert.deepEqual(fifth, [], "sent once the window passed, not an hour later");
});
