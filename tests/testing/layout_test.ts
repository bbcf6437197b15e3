// The fake exchange's layout (wsDesignDoc.md, "The fake exchange"): testing/ imports only
// itself; inside it `_server` → `_handlers` → `_exchange`, never back; handlers and the
// exchange touch no socket; every file is listed in wsStructureDoc.yaml.
import assert from "node:assert/strict";
import { parse } from "yaml";

const root = new URL("../../", import.meta.url);

/** Every .ts file under testing/, as a path from the repository root. */
async function testingFiles(dir = "testing/"): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(new URL(dir, root))) {
    if (e.isDirectory) out.push(...await testingFiles(`${dir}${e.name}/`));
    else if (e.name.endsWith(".ts")) out.push(`${dir}${e.name}`);
  }
  return out.sort();
}

/** The specifiers of a module's static imports and re-exports. */
function specifiers(source: string): string[] {
  const re = /^\s*(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"|^\s*import\s*"([^"]+)"/gm;
  return [...source.matchAll(re)].map((m) => m[1] ?? m[2]);
}

/** A specifier as a path from the repository root, or as written when it is not relative. */
function resolve(from: string, specifier: string): string {
  if (!specifier.startsWith(".")) return specifier;
  return new URL(specifier, new URL(from, root)).href.slice(root.href.length);
}

/** The part of testing/ a file belongs to. */
function part(path: string): string {
  const m = /^testing\/(_server|_handlers|_exchange)\//.exec(path);
  if (m) return m[1];
  if (path === "testing/_faults.ts") return "_faults";
  if (path === "testing/mod.ts") return "mod";
  return path.startsWith("testing/") ? "testing" : "outside";
}

/** Which parts each part may import (itself included). */
const ALLOWED: Record<string, readonly string[]> = {
  mod: ["_server", "_handlers", "_exchange", "_faults"],
  _server: ["_server", "_handlers", "_exchange", "_faults"],
  _handlers: ["_handlers", "_exchange"],
  _exchange: ["_exchange"],
  _faults: ["_exchange"],
  testing: [],
};

/** Each import that breaks a rule, as "importer imports imported: rule". */
function violations(graph: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const [file, imports] of Object.entries(graph)) {
    for (const imported of imports) {
      if (imported.startsWith("node:") || imported.startsWith("npm:")) continue;
      const from = part(file);
      const to = part(imported);
      if (to === "outside") {
        out.push(`${file} imports ${imported}: testing/ imports only testing/, node: and npm:`);
      } else if (!ALLOWED[from].includes(to)) {
        out.push(
          `${file} imports ${imported}: ${from} may import only ${
            ALLOWED[from].join(", ") || "nothing of testing/"
          } (_server -> _handlers -> _exchange)`,
        );
      }
    }
  }
  return out;
}

async function graph(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const file of await testingFiles()) {
    const source = await Deno.readTextFile(new URL(file, root));
    out[file] = specifiers(source).map((s) => resolve(file, s));
  }
  return out;
}

Deno.test("testing/ imports only itself, and _server -> _handlers -> _exchange inside it", async () => {
  const g = await graph();
  assert.ok(Object.keys(g).some((f) => f.startsWith("testing/_server/")), "reads the files");
  assert.ok(g["testing/_server/ws_api.ts"].includes("testing/_handlers/handler.ts"));
  assert.deepEqual(violations(g), []);
});

Deno.test("the layout rules name the offending import", () => {
  assert.deepEqual(
    violations({
      "testing/_exchange/market.ts": [
        "testing/_handlers/failure.ts",
        "testing/_exchange/decimal.ts",
      ],
      "testing/_handlers/market.ts": ["testing/_server/sockets.ts", "node:assert"],
      "testing/_server/ws_api.ts": ["core/_json.ts", "testing/_faults.ts"],
      "testing/_faults.ts": ["testing/mod.ts"],
    }),
    [
      "testing/_exchange/market.ts imports testing/_handlers/failure.ts: _exchange may import only _exchange (_server -> _handlers -> _exchange)",
      "testing/_handlers/market.ts imports testing/_server/sockets.ts: _handlers may import only _handlers, _exchange (_server -> _handlers -> _exchange)",
      "testing/_server/ws_api.ts imports core/_json.ts: testing/ imports only testing/, node: and npm:",
      "testing/_faults.ts imports testing/mod.ts: _faults may import only _exchange (_server -> _handlers -> _exchange)",
    ],
  );
});

Deno.test("handlers and the exchange state touch no socket", async () => {
  const sockets = /\bWebSocket\b|\bDeno\.(serve|upgradeWebSocket|listen|connect)\b/;
  for (const file of await testingFiles()) {
    if (!/^testing\/(_handlers|_exchange)\//.test(file) && file !== "testing/_faults.ts") continue;
    const source = await Deno.readTextFile(new URL(file, root));
    const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    assert.doesNotMatch(code, sockets, `${file} uses a socket API`);
  }
});

Deno.test("every testing/ file is listed in wsStructureDoc.yaml", async () => {
  const doc = parse(await Deno.readTextFile(new URL("wsStructureDoc.yaml", root))) as {
    shared: { file: string }[];
    private: { file: string }[];
  };
  const listed = new Set([...doc.shared, ...doc.private].map((e) => e.file));
  for (const file of await testingFiles()) assert.ok(listed.has(file), `${file} is not listed`);
});
