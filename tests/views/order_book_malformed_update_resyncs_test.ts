// A frame of the book's diff depth stream that cannot be read is an update the book missed:
// the book must not keep reading as in sync without it (a quiet symbol may send nothing more).
import * as spot from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";
import { waitFor } from "../_helpers.ts";

Deno.test("a malformed update of the book's stream resyncs the book", async () => {
  await using fake = await startFakeBinance();
  await using streams = await spot.connectStreams({ url: fake.streams.baseUrl });
  streams.on("error", () => {});
  await using api = await spot.connectWsApi({ url: fake.wsApiUrl });
  await using book = await spot.openOrderBook({ streams, api }, "BTCUSDT");
  book.on("error", () => {});
  const before = book.lastUpdateId("BTCUSDT")!;
  fake.streams.skipNext("btcusdt@depth@100ms");
  fake.market.advance(1); // the update arrives corrupted (a number for a quantity):
  fake.streams.sendFrame(JSON.stringify({
    stream: "btcusdt@depth@100ms",
    data: {
      e: "depthUpdate",
      E: Date.now(),
      s: "BTCUSDT",
      U: before + 1,
      u: before + 1,
      b: [["1", 5]],
      a: [],
    },
  }));
  const target = fake.market.orderBook("BTCUSDT").lastUpdateId;
  await waitFor(
    "caught up with no further update",
    () => book.lastUpdateId("BTCUSDT") === target,
    1000,
  );
});
