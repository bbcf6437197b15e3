// The fake against the docs' letter, spoken to over a raw WebSocket (no client code): ids are
// echoed as written, and `timeUnit` takes only its documented spellings.
import assert from "node:assert/strict";
import { startFakeBinance } from "../../testing/mod.ts";

/** Opens `url`, sends each text and collects one answer per text; then closes. */
async function ask(url: string, texts: string[]): Promise<string[]> {
  const ws = new WebSocket(url);
  const answers: string[] = [];
  const { promise: done, resolve } = Promise.withResolvers<void>();
  ws.onmessage = (e) => {
    answers.push(String(e.data));
    if (answers.length === texts.length) resolve();
  };
  await new Promise((r, j) => {
    ws.onopen = r;
    ws.onerror = j;
  });
  for (const t of texts) ws.send(t);
  await done;
  const closed = new Promise((r) => (ws.onclose = r));
  ws.close();
  await closed;
  return answers;
}

Deno.test("fake: a market-stream control message's 64-bit id comes back with its own digits", async () => {
  await using fake = await startFakeBinance();
  const answers = await ask(fake.streams.rawUrl, [
    `{"method":"LIST_SUBSCRIPTIONS","id":9007199254740993}`,
    `{"method":"LIST_SUBSCRIPTIONS","id":9223372036854775807}`,
  ]);
  assert.deepEqual(answers, [
    `{"result":[],"id":9007199254740993}`,
    `{"result":[],"id":9223372036854775807}`,
  ]);
});

Deno.test("fake: a WS API id is echoed as written, a fraction included", async () => {
  await using fake = await startFakeBinance();
  const [answer] = await ask(`${fake.wsApiUrl}?returnRateLimits=false`, [
    `{"id":1.5,"method":"ping"}`,
  ]);
  assert.match(answer, /^\{"id":1\.5,"status":200,/);
});

Deno.test("fake: timeUnit takes MICROSECOND or microsecond, not another spelling", async () => {
  await using fake = await startFakeBinance();
  const mixed = new WebSocket(`${fake.wsApiUrl}?timeUnit=MicroSecond`);
  const opened = await new Promise<boolean>((r) => {
    mixed.onopen = () => r(true);
    mixed.onerror = () => r(false);
  });
  if (opened) {
    const closed = new Promise((r) => (mixed.onclose = r));
    mixed.close();
    await closed;
  }
  assert.equal(opened, false, "refused before the upgrade");
  const [answer] = await ask(`${fake.wsApiUrl}?timeUnit=microsecond&returnRateLimits=false`, [
    `{"id":1,"method":"time"}`,
  ]);
  const serverTime = (JSON.parse(answer) as { result: { serverTime: number } }).result.serverTime;
  assert.ok(serverTime > 1e15, `${serverTime} is µs`);
});
