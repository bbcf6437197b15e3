import assert from "node:assert/strict";
import { NameIndex } from "../../core/_stream_table.ts";

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
