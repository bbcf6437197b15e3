import assert from "node:assert/strict";
import { NameIndex } from "../../core/_stream_table.ts";
import type * as spot from "../../mod.ts";

Deno.test("NameIndex: agrees with a Map through random sets, deletes and clears", () => {
  let seed = 7;
  const rand = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const names = Array.from({ length: 300 }, (_, i) => `s${i}usdt@trade`);
  const index = new NameIndex<number>();
  const map = new Map<string, number>();
  for (let step = 0; step < 20_000; step++) {
    const name = names[rand(names.length)];
    const op = rand(10);
    if (op < 5) {
      index.set(name, step);
      map.set(name, step);
    } else if (op < 9) {
      index.delete(name);
      map.delete(name);
    } else if (rand(50) === 0) {
      index.clear();
      map.clear();
    }
    // A fresh string, as a parsed frame's name is.
    const probe = names[rand(names.length)].split("").join("");
    assert.equal(index.get(probe), map.get(probe));
    assert.equal(index.get(probe), map.get(probe)); // the last-name cache
  }
  for (const name of names) assert.equal(index.get(name), map.get(name));
});

Deno.test("NameIndex.getIn: finds a name written in a text, never one JSON would escape", () => {
  const index = new NameIndex<number>();
  index.set("btcusdt@trade", 1);
  index.set("x\\y", 2);
  index.set("é@trade", 3);
  const text = '{"stream":"btcusdt@trade","data":{}}';
  assert.equal(index.getIn(text, 11, 24), 1);
  assert.equal(index.getIn(text, 11, 24), 1); // the last-name cache
  assert.equal(index.getIn(text, 11, 23), undefined); // a prefix of the name
  assert.equal(index.getIn(text, 12, 24), undefined);
  assert.equal(index.getIn('"x\\y"', 1, 4), undefined);
  assert.equal(index.getIn('"x\\y"', 1, 4), undefined); // also after the cache
  assert.equal(index.getIn('"é@trade"', 1, 8), undefined);
  assert.equal(index.get("x\\y"), 2);
  assert.equal(index.getIn('"x\\y"', 1, 4), undefined); // cached by get: still not here
  index.delete("btcusdt@trade");
  assert.equal(index.getIn(text, 11, 24), undefined);
});

Deno.test("NameIndex.getByHead: the last name getIn found, by the whole head of a text; forgotten on any change", () => {
  const index = new NameIndex<number>('{"stream":"', '","data":');
  index.set("btcusdt@trade", 1);
  index.set("ethusdt@trade", 2);
  index.set("x\\y", 3);
  const btc = '{"stream":"btcusdt@trade","data":{"t":1}}';
  const eth = '{"stream":"ethusdt@trade","data":{"t":2}}';
  assert.equal(index.getByHead(btc), undefined); // nothing found yet
  assert.equal(index.getIn(btc, 11, 24), 1);
  assert.equal(index.getByHead(btc), 1);
  assert.equal(index.headLength, '{"stream":"btcusdt@trade","data":'.length);
  assert.equal(btc.slice(index.headLength), '{"t":1}}');
  assert.equal(index.getByHead(eth), undefined);
  assert.equal(index.getByHead('{"stream":"btcusdt@trade2","data":{}}'), undefined);
  assert.equal(index.getByHead('{"stream":"btcusdt@trade","dat":{}}'), undefined);
  assert.equal(index.getByHead('{"stream":"btcusdt@trade"'), undefined);
  assert.equal(index.getIn(eth, 11, 24), 2);
  assert.equal(index.getByHead(btc), undefined); // only the last name
  assert.equal(index.getByHead(eth), 2);
  index.set("bnbusdt@trade", 4); // any change: nothing is tried by head
  assert.equal(index.getByHead(eth), undefined);
  assert.equal(index.getIn(eth, 11, 24), 2);
  index.delete("ethusdt@trade");
  assert.equal(index.getByHead(eth), undefined);
  assert.equal(index.getIn(eth, 11, 24), undefined);
  assert.equal(index.getIn(btc, 11, 24), 1);
  index.clear();
  assert.equal(index.getByHead(btc), undefined);
  // A name JSON writes with escapes has no head.
  index.set("x\\y", 3);
  assert.equal(index.getIn('{"stream":"x\\y","data":{}}', 11, 14), undefined);
  assert.equal(index.getByHead('{"stream":"x\\y","data":{}}'), undefined);
});

Deno.test("StreamTable: a frame of any other shape than Binance's means what JSON.parse says", async () => {
  const { StreamTable } = await import("../../core/_stream_table.ts");
  const { Shard, StreamSocket } = await import("../../core/_shard.ts");
  const { SubscriptionImpl } = await import("../../core/_subscription.ts");
  const { TradeEvent } = await import("../../mod.ts");
  const errors: string[] = [];
  const shard = new Shard({ perSecond: 5, timeoutMs: 1000, nextId: () => 1 });
  const table = new StreamTable({
    shards: [shard],
    maxStreamsPerShard: 1024,
    addShard: () => shard,
    isOpen: () => true,
    rotate: () => Promise.resolve(),
    emit: () => {},
    error: (e) => errors.push((e as Error).message),
  });
  const sock = Object.create(StreamSocket.prototype) as InstanceType<typeof StreamSocket>;
  sock.frames = 0;
  const got = new Map<string, number[]>();
  for (const name of ["btcusdt@trade", "ethusdt@trade", "x\\y"]) {
    const wire = table.wire({
      name,
      parse: TradeEvent.parse,
      order: "contiguous",
      sequence: (v) => v.tradeId,
    }, false);
    wire.primary = sock;
    const sub = new SubscriptionImpl<spot.TradeEvent>(name, {}, {
      unsubscribe: () => Promise.resolve(),
      gap: () => {},
      error: (e) => errors.push(e.message),
    }, wire);
    wire.subs = [sub];
    got.set(name, []);
    sub.on("data", (t) => got.get(name)!.push(t.tradeId));
  }
  const trade = (t: number) =>
    `{"e":"trade","E":1,"s":"BTCUSDT","t":${t},"p":"1.0","q":"2.0","T":1,"m":true,"M":true}`;
  const frames = [
    `{"stream":"btcusdt@trade","data":${trade(1)}}`,
    `{ "stream": "btcusdt@trade", "data": ${trade(2)} }`,
    `{"stream":"btcusdt@trade","data":${trade(3)},"extra":1}`,
    `{"stream":"btcusdt@trade","data":${trade(4)}} `,
    `{"stream":"btcusdt@trade","data":${trade(5)},"data":${trade(6)}}`,
    `{"stream":"btcusdt\\u0040trade","data":${trade(7)}}`,
    `{"stream":"btcusdt@trade","stream":"ethusdt@trade","data":${trade(8)}}`,
    `{"stream":"x\\\\y","data":${trade(9)}}`,
    `{"stream":"btcusdt@trade","data":${trade(10)}}}`,
    `{"stream":"btcusdt@trade","data":{"e":"trade",}}`,
    `{"stream":"btcusdt@trade","data":${trade(2 ** 53)}}`,
    `{"stream":"btcusdt@trade","data":${trade(11)}}`,
    `{"stream":"btcusdt@trade","dat": ${trade(12)}}`, // as long as `","data":`
  ];
  for (const f of frames) table.frame(shard, sock, f);
  assert.deepEqual(Object.fromEntries(got), {
    "btcusdt@trade": [1, 2, 3, 4, 6, 7, 11],
    "ethusdt@trade": [8],
    "x\\y": [9],
  });
  assert.equal(errors.length, 4);
  assert.match(errors[0], /not JSON/);
  assert.match(errors[1], /not JSON/);
  assert.match(errors[2], /"t" does not match/);
  assert.match(errors[3], /no subscribed stream/);
});
