// openOrderBook times out while a book cannot take its snapshot (here: the REQUEST_WEIGHT budget
// of the minute is spent, so the client refuses to send the third 5000-level `depth`). The
// book's `error` events cannot be heard (the book is not returned yet): the error thrown must
// itself say which symbols are not in sync and why.
import assert from "node:assert/strict";
import * as spot from "../../mod.ts";
import { outsideMinuteBoundary } from "../_helpers.ts";
import { startFakeBinance } from "../../testing/mod.ts";

Deno.test("openOrderBook's timeout names the symbols not in sync and the reason", async () => {
  await outsideMinuteBoundary();
  await using fake = await startFakeBinance({ requestWeightLimit: 700 });
  await using streams = await spot.connectStreams({ url: fake.streams.baseUrl });
  // "refuse": the third snapshot is refused at once, not held for the next minute (which a
  // run in the last 10 s of a minute would reach within the request's timeout).
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl, rateLimitPolicy: "refuse" });
  await spot.ping(api); // the governor learns the limit of 700
  const warn = console.warn;
  const warned: string[] = [];
  console.warn = (...args: unknown[]) => void warned.push(args.join(" "));
  let error: unknown;
  try {
    await spot.openOrderBook({ streams, api }, ["BTCUSDT", "ETHUSDT", "BNBBTC"], {
      timeoutMs: 800,
    });
  } catch (e) {
    error = e;
  } finally {
    console.warn = warn;
  }
  assert.ok(error instanceof spot.RequestTimeoutError, String(error));
  // 2 + 1 + 250 + 250 = 503 of 700: the third snapshot never went.
  const asked = fake.received.filter((r) => r.text.includes('"depth"'))
    .map((r) => JSON.parse(r.text).params.symbol as string);
  assert.equal(asked.length, 2);
  const missing = ["BTCUSDT", "ETHUSDT", "BNBBTC"].find((s) => !asked.includes(s))!;
  assert.ok(error.message.includes(missing), `the message names ${missing}: ${error.message}`);
  assert.ok(error.cause instanceof spot.RateLimitError, `the cause is the reason: ${error.cause}`);
});
