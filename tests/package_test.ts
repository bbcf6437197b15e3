// The package as a user meets it: deno.json's metadata, what is published, and the README's
// install step and permissions (issue "No frame can crash the client", items 14-19).
import assert from "node:assert/strict";

/** The JSR scheme, spelled so that no source line looks like a JSR import. */
const JSR = ["jsr", ":"].join("");

const root = new URL("../", import.meta.url);
const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", root)));
const readme = await Deno.readTextFile(new URL("README.md", root));

async function* files(dir: URL, prefix = ""): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory) yield* files(new URL(`${entry.name}/`, dir), `${path}/`);
    else yield path;
  }
}

function excluded(path: string): boolean {
  return (config.publish.exclude as string[]).some((pattern) =>
    pattern.endsWith("/") ? path.startsWith(pattern) : path === pattern
  );
}

Deno.test("deno.json has a description JSR can show (at most 250 characters)", () => {
  assert.equal(typeof config.description, "string");
  assert.ok(config.description.length > 20 && config.description.length <= 250);
});

Deno.test("no test file is published", async () => {
  const published: string[] = [];
  for await (const path of files(root)) {
    // methods/order_test.ts and sor_order_test.ts are method files (order.test, sor.order.test).
    const methodFile = /^methods\/(sor_)?order_test\.ts$/.test(path);
    if (/(_test|\.test)\.ts$/.test(path) && !excluded(path) && !methodFile) published.push(path);
  }
  assert.deepEqual(published, []);
});

Deno.test("no jsr: import anywhere (JSR is unreachable from our machines)", async () => {
  const found: string[] = [];
  for await (const path of files(root)) {
    if (!path.endsWith(".ts")) continue;
    const text = await Deno.readTextFile(new URL(path, root));
    if (/from\s+["']jsr:|import\(\s*["']jsr:/.test(text)) found.push(path);
  }
  assert.deepEqual(found, []);
  assert.ok(!JSON.stringify(config.imports).includes(JSR));
});

Deno.test("the README gives the install step and the import it gives", () => {
  const install = readme.indexOf("deno add jsr:@binance-ws/spot");
  const firstExample = readme.indexOf("```ts\n");
  assert.ok(install > 0 && install < firstExample, "the install step comes before the examples");
  assert.match(readme, /import \{[^}]+\} from "@binance-ws\/spot";/);
  assert.match(readme, /allowScripts[^.]*: it is harmless/);
});

Deno.test("the README documents autoAdvanceMs of startFakeBinance", () => {
  assert.match(readme, /startFakeBinance\(\{ autoAdvanceMs: \d+ \}\)/);
});

Deno.test("the README's permission rows match the tasks' flags", () => {
  for (const [task, def] of Object.entries(config.tasks as Record<string, { command: string }>)) {
    const row = readme.split("\n").find((line) => line.startsWith(`| \`deno task ${task}\` `));
    if (!row) continue;
    const flags = def.command.match(/--allow-[a-z]+(=\S+)?/g) ?? [];
    for (const flag of flags) assert.ok(row.includes(flag), `${task}: the README lacks ${flag}`);
  }
});
