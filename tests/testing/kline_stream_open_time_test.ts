// The fake's kline stream and its `klines` method must agree on a kline's open time (the key a
// bot joins a klines snapshot and the stream by): weekly klines open on Monday 00:00 UTC and
// monthly klines on the 1st (web-socket-streams.md kline intervals; the fake's own `klines`
// computes them so), not on epoch-aligned 7-day (a Thursday) or 30-day spans.
import assert from "node:assert/strict";
import { connectWsApi, klines } from "../../mod.ts";
import { startFakeBinance } from "../../testing/mod.ts";

async function firstKline(url: string, advance: () => void): Promise<{ t: number; T: number }> {
  const ws = new WebSocket(url);
  try {
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    const frame = new Promise<string>((resolve) => {
      ws.onmessage = (e) => resolve(e.data);
    });
    advance();
    return (JSON.parse(await frame) as { k: { t: number; T: number } }).k;
  } finally {
    const closed = new Promise((r) => ws.addEventListener("close", r));
    ws.close();
    await closed;
  }
}

Deno.test("fake: the kline stream's open time of 1w and 1M klines is the one `klines` answers", async () => {
  await using fake = await startFakeBinance();
  await using conn = await connectWsApi({ url: fake.wsApiUrl });
  for (const interval of ["1w", "1M", "1d", "1m"] as const) {
    const k = await firstKline(
      `${fake.streams.rawUrl}/btcusdt@kline_${interval}`,
      () => fake.market.advance(1),
    );
    const [last] = await klines(conn, { symbol: "BTCUSDT", interval, limit: 1 });
    assert.equal(k.t, last.openTime, `${interval} open time`);
    assert.equal(k.T, last.closeTime, `${interval} close time`);
  }
  const week = await firstKline(
    `${fake.streams.rawUrl}/btcusdt@kline_1w`,
    () => fake.market.advance(1),
  );
  assert.equal(new Date(week.t).getUTCDay(), 1, "a weekly kline opens on a Monday");
});

Deno.test("fake: `klines` with timeZone opens its intervals in that zone, as the @+08:00 stream does", async () => {
  await using fake = await startFakeBinance();
  await using conn = await connectWsApi({ url: fake.wsApiUrl });
  // web-socket-api.md klines: "If `timeZone` provided, kline intervals are interpreted in that
  // timezone instead of UTC."
  for (const interval of ["1d", "1w", "1M", "4h"] as const) {
    const k = await firstKline(
      `${fake.streams.rawUrl}/btcusdt@kline_${interval}@%2B08:00`,
      () => fake.market.advance(1),
    );
    const [last] = await klines(conn, { symbol: "BTCUSDT", interval, timeZone: "8", limit: 1 });
    assert.equal(last.openTime, k.t, `${interval} open time in UTC+8`);
    assert.equal(last.closeTime, k.T, `${interval} close time in UTC+8`);
  }
  const [day] = await klines(conn, { symbol: "BTCUSDT", interval: "1d", timeZone: "8", limit: 1 });
  assert.equal(day.openTime % 86_400_000, 16 * 3_600_000, "a UTC+8 day opens at 16:00 UTC");
  const [half] = await klines(conn, {
    symbol: "BTCUSDT",
    interval: "1d",
    timeZone: "-1:30",
    limit: 1,
  });
  assert.equal(half.openTime % 86_400_000, 1.5 * 3_600_000, "a UTC-1:30 day opens at 01:30 UTC");
});
