// The import rules of the house (wsDesignDoc.md, "Import rules"), held against the import
// graph. The graph is read from the import and export-from statements (and literal dynamic
// imports and workers) of every .ts file; no subprocess, so `--allow-read=.` is enough.
import assert from "node:assert/strict";

/** The JSR scheme, spelled so that no source line looks like a JSR import. */
const JSR = ["jsr", ":"].join("");

/** One import: `from` imports `to` (a repository path, or the package specifier). */
interface Edge {
  from: string;
  line: number;
  specifier: string;
  to: string;
  /** `npm:`, `node:` or any other specifier that is not a file of the repository. */
  external: boolean;
  /** `import type`, `export type`, or only `type` names: erased at runtime. */
  typeOnly: boolean;
}

interface Graph {
  files: readonly string[];
  edges: readonly Edge[];
  /** The files whose code (not comments) uses a socket API. */
  socketUsers: readonly string[];
}

/** One import found in a source text. */
interface Found {
  specifier: string;
  line: number;
  typeOnly: boolean;
}

// ---- Reading the graph ------------------------------------------------------------------

const STATIC = /^(import|export)\s+(type\s+)?([\s\S]*?)\s*\bfrom\s*["']([^"']+)["']/;
const SIDE_EFFECT = /^import\s*["']([^"']+)["']/;
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']\s*\)/g;
const WORKER = /\bnew\s+Worker\(\s*new\s+URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url/g;
const SOCKETS = /\bWebSocket\b|\bupgradeWebSocket\b|\bDeno\.(serve|listen|connect)\w*\b/;

/** Whether every name of `{ … }` is a `type` name. */
function onlyTypes(clause: string): boolean {
  const braces = /^\{([\s\S]*)\}$/.exec(clause.trim());
  if (!braces) return false;
  const names = braces[1].split(",").map((n) => n.trim()).filter((n) => n !== "");
  return names.length > 0 && names.every((n) => n.startsWith("type "));
}

/**
 * The imports of a TypeScript source. Statements start a line (as `deno fmt` writes them)
 * and may span lines up to their `;`; comments are skipped.
 */
function importsOf(source: string): { found: Found[]; sockets: boolean } {
  const found: Found[] = [];
  let sockets = false;
  const lines = source.split("\n");
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].trim();
    if (inComment) {
      inComment = !text.includes("*/");
      continue;
    }
    if (text.startsWith("/*")) {
      inComment = !text.includes("*/");
      continue;
    }
    if (text.startsWith("//")) continue;
    const code = text.replace(/\s\/\/.*$/, "");
    if (SOCKETS.test(code)) sockets = true;
    for (const m of code.matchAll(DYNAMIC)) {
      found.push({ specifier: m[1], line: i + 1, typeOnly: false });
    }
    for (const m of code.matchAll(WORKER)) {
      found.push({ specifier: m[1], line: i + 1, typeOnly: false });
    }
    const starts = /^import[\s{"'*]/.test(text) ||
      /^export\s+(type\s+)?[{*]/.test(text);
    if (!starts) continue;
    let statement = text;
    let end = i;
    while (!statement.includes(";") && end + 1 < lines.length && end - i < 100) {
      statement += " " + lines[++end].trim();
    }
    const side = SIDE_EFFECT.exec(statement);
    const m = STATIC.exec(statement);
    if (side) found.push({ specifier: side[1], line: i + 1, typeOnly: false });
    else if (m) {
      found.push({
        specifier: m[4],
        line: i + 1,
        typeOnly: m[2] !== undefined || onlyTypes(m[3]),
      });
    }
    i = end;
  }
  return { found, sockets };
}

/** `a/b/../c.ts` → `a/c.ts`; `undefined` when the path leaves the repository. */
function normalize(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join("/");
}

interface Config {
  name: string;
  exports: Record<string, string>;
  imports: Record<string, string>;
}

function resolve(from: string, specifier: string, config: Config): [string, boolean] {
  if (specifier.startsWith("./") || specifier.startsWith("../")) {
    const dir = from.includes("/") ? from.slice(0, from.lastIndexOf("/") + 1) : "";
    return [normalize(dir + specifier) ?? `(outside the repository) ${specifier}`, false];
  }
  for (const [entry, file] of Object.entries(config.exports)) {
    if (specifier === config.name + entry.slice(1)) return [normalize(file)!, false];
  }
  return [config.imports[specifier] ?? specifier, true];
}

const root = new URL("../", import.meta.url);

async function sourceFiles(dir = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(new URL(dir || ".", root))) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const path = dir + e.name;
    if (e.isDirectory) out.push(...await sourceFiles(`${path}/`));
    else if (e.isFile && e.name.endsWith(".ts")) out.push(path);
  }
  return out.sort();
}

/** The import graph of the repository. */
async function readGraph(): Promise<Graph> {
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", root))) as Config;
  const files = await sourceFiles();
  const edges: Edge[] = [];
  const socketUsers: string[] = [];
  for (const from of files) {
    const { found, sockets } = importsOf(await Deno.readTextFile(new URL(from, root)));
    if (sockets) socketUsers.push(from);
    for (const f of found) {
      const [to, external] = resolve(from, f.specifier, config);
      edges.push({
        from,
        line: f.line,
        specifier: f.specifier,
        to,
        external,
        typeOnly: f.typeOnly,
      });
    }
  }
  return { files, edges, socketUsers };
}

// ---- The rules --------------------------------------------------------------------------

/** The folder a file belongs to; `mod.ts` is its own, `mod.test.ts` is a test. */
function area(path: string): string {
  if (path === "mod.ts") return "mod";
  if (!path.includes("/")) return path.endsWith(".test.ts") ? "tests" : "root";
  return path.slice(0, path.indexOf("/"));
}

/** A private file: its name, or a folder on its path, starts with `_`. */
function isPrivate(path: string): boolean {
  return path.split("/").some((part) => part.startsWith("_"));
}

/** The method variants that reuse their base (house.md: "a variant reuses its base"). */
const VARIANTS: readonly (readonly [string, string])[] = [
  ["methods/ui_klines.ts", "methods/klines.ts"],
  ["methods/order_test.ts", "methods/order_place.ts"],
  ["methods/sor_order_test.ts", "methods/sor_order_place.ts"],
];

/** The one method helper that asks method files: the resolution of unknown outcomes. */
const HELPER_CALLS: readonly (readonly [string, string])[] = [
  ["methods/_order_write.ts", "methods/order_status.ts"],
  ["methods/_order_write.ts", "methods/order_list_status.ts"],
];

/**
 * The one model that reads other models at runtime: the User Data Stream's union reader
 * (`readUserDataEvent` picks the event's model by `e`).
 */
const UNION_READERS: readonly (readonly [string, string])[] = [
  "execution_report_event",
  "outbound_account_position_event",
  "balance_update_event",
  "list_status_event",
  "external_lock_update_event",
  "event_stream_terminated_event",
].map((m) => ["models/user_data_event.ts", `models/${m}.ts`] as const);

/** What the models may use of core at runtime: the model atoms. */
const MODEL_ATOMS = ["core/_model.ts", "core/_check.ts"];

/** The fake exchange's layers, lowest first: a layer imports its own and lower ones. */
const TESTING_LAYERS = ["testing/_exchange/", "testing/_handlers/", "testing/_server/"];

const THE_MODULE = ["mod", "core", "methods", "models", "streams", "views"];
const USERS = ["tests", "diagnostics", "examples", "bench"];
const ENTRIES = ["mod.ts", "testing/mod.ts"];

function layer(path: string): number {
  return TESTING_LAYERS.findIndex((prefix) => path.startsWith(prefix));
}

function pairIn(list: readonly (readonly [string, string])[], e: Edge): boolean {
  return list.some(([from, to]) => e.from === from && e.to === to);
}

interface Rule {
  name: string;
  applies(e: Edge, graph: Graph): boolean;
  allows(e: Edge, graph: Graph): boolean;
}

/** Every rule of house.md's "Import rules", and two that keep the graph honest. */
const RULES: readonly Rule[] = [
  {
    name: "packages come from npm: or node: only (no jsr:, no URL, no unmapped name)",
    applies: (e) => e.external,
    allows: (e) => /^(npm|node):/.test(e.to),
  },
  {
    name: "a relative import names a file of the repository",
    applies: (e) => !e.external,
    allows: (e, g) => g.files.includes(e.to),
  },
  {
    name: "core → core only",
    applies: (e) => area(e.from) === "core" && !e.external,
    allows: (e) => area(e.to) === "core",
  },
  {
    name: "models → core types (import type) and model atoms only " +
      "(core/_model.ts, core/_check.ts, models/_*.ts; another model's type; " +
      "user_data_event.ts → the six user data event models)",
    applies: (e) => area(e.from) === "models" && !e.external,
    allows: (e) =>
      MODEL_ATOMS.includes(e.to) || (area(e.to) === "models" && isPrivate(e.to)) ||
      (e.typeOnly && (area(e.to) === "core" || area(e.to) === "models")) ||
      pairIn(UNION_READERS, e),
  },
  {
    name: "methods → core, models, methods/_ helpers, and a variant's base " +
      "(ui_klines → klines, order_test → order_place, sor_order_test → sor_order_place)",
    applies: (e) => area(e.from) === "methods" && !isPrivate(e.from) && !e.external,
    allows: (e) =>
      area(e.to) === "core" || area(e.to) === "models" ||
      (area(e.to) === "methods" && (isPrivate(e.to) || pairIn(VARIANTS, e))),
  },
  {
    name: "a methods/_ helper imports no method file " +
      "(except _order_write.ts → order_status.ts, order_list_status.ts)",
    applies: (e) => area(e.from) === "methods" && isPrivate(e.from) && !e.external,
    allows: (e) =>
      area(e.to) === "core" || area(e.to) === "models" ||
      (area(e.to) === "methods" && (isPrivate(e.to) || pairIn(HELPER_CALLS, e))),
  },
  {
    name: "streams → core, models (and streams/_ helpers); never methods",
    applies: (e) => area(e.from) === "streams" && !e.external,
    allows: (e) =>
      area(e.to) === "core" || area(e.to) === "models" ||
      (area(e.to) === "streams" && isPrivate(e.to)),
  },
  {
    name: "views → core, methods, streams, models (and views)",
    applies: (e) => area(e.from) === "views" && !e.external,
    allows: (e) => ["core", "methods", "streams", "models", "views"].includes(area(e.to)),
  },
  {
    name: "only mod.ts imports views (and tests, diagnostics, examples, bench)",
    applies: (e) => area(e.to) === "views" && area(e.from) !== "views",
    allows: (e) => e.from === "mod.ts" || USERS.includes(area(e.from)),
  },
  {
    // A `_` file may hold public types (methods/_result.ts); mod.test.ts pins the values.
    name: "mod.ts re-exports the module only (core, methods, models, streams, views)",
    applies: (e) => e.from === "mod.ts",
    allows: (e) => !e.external && THE_MODULE.includes(area(e.to)),
  },
  {
    name: "testing → testing only",
    applies: (e) => area(e.from) === "testing" && !e.external,
    allows: (e) => area(e.to) === "testing",
  },
  {
    name: "nothing in core, methods, models, streams, views (or mod.ts) imports testing",
    applies: (e) => THE_MODULE.includes(area(e.from)) && !e.external,
    allows: (e) => area(e.to) !== "testing",
  },
  {
    name: "inside testing: _server → _handlers → _exchange (never upwards, never testing/mod.ts)",
    applies: (e) => layer(e.from) >= 0 && area(e.to) === "testing",
    allows: (e) => e.to !== "testing/mod.ts" && layer(e.to) <= layer(e.from),
  },
  {
    name: "tests, diagnostics, examples and bench use mod.ts and testing/mod.ts " +
      "(and their own folder; unit tests may reach _ files)",
    applies: (e) => USERS.includes(area(e.from)) && !e.external,
    allows: (e) =>
      ENTRIES.includes(e.to) || area(e.to) === area(e.from) ||
      (area(e.from) === "tests" && isPrivate(e.to)),
  },
];

const NO_SOCKETS = "handlers and the exchange never touch sockets";
const NO_CYCLE = "no import cycle, type-only imports included (shared types live in a helper)";

/** The imports that close a cycle, each with the cycle it closes. */
function cycles(graph: Graph): [Edge, string[]][] {
  const out: [Edge, string[]][] = [];
  const next = new Map<string, Edge[]>();
  for (const e of graph.edges) {
    if (!e.external) next.set(e.from, [...(next.get(e.from) ?? []), e]);
  }
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "open");
    path.push(file);
    for (const e of next.get(file) ?? []) {
      if (state.get(e.to) === "open") out.push([e, [...path.slice(path.indexOf(e.to)), e.to]]);
      else if (!state.has(e.to)) visit(e.to);
    }
    path.pop();
    state.set(file, "done");
  };
  for (const file of [...next.keys()].sort()) if (!state.has(file)) visit(file);
  return out;
}

/** Every broken rule, as "<file>:<line> imports <file>: breaks "<rule>"". */
function violations(graph: Graph): string[] {
  const out: string[] = [];
  for (const e of graph.edges) {
    for (const rule of RULES) {
      if (rule.applies(e, graph) && !rule.allows(e, graph)) {
        out.push(`${e.from}:${e.line} imports ${e.to}: breaks "${rule.name}"`);
      }
    }
  }
  for (const [e, cycle] of cycles(graph)) {
    out.push(`${e.from}:${e.line} imports ${e.to}: breaks "${NO_CYCLE}": ${cycle.join(" → ")}`);
  }
  for (const file of graph.socketUsers) {
    if (file.startsWith("testing/_handlers/") || file.startsWith("testing/_exchange/")) {
      out.push(`${file} uses a socket API: breaks "${NO_SOCKETS}"`);
    }
  }
  return out;
}

// ---- Tests ------------------------------------------------------------------------------

function edge(from: string, to: string, typeOnly = false): Edge {
  const external = !to.endsWith(".ts");
  return { from, line: 1, specifier: to, to, external, typeOnly };
}

function graphOf(edges: Edge[], socketUsers: string[] = []): Graph {
  const files = [...new Set(edges.flatMap((e) => [e.from, ...(e.external ? [] : [e.to])]))];
  return { files, edges, socketUsers };
}

Deno.test("import rules: the checker reports a core → methods import, naming both files and the rule", () => {
  const found = violations(graphOf([edge("core/connection.ts", "methods/ping.ts")]));
  assert.deepEqual(found, [
    'core/connection.ts:1 imports methods/ping.ts: breaks "core → core only"',
  ]);
});

Deno.test("import rules: each rule reports the import that breaks it, and only that", () => {
  const broken: [Edge, string[]][] = [
    [edge("core/_params.ts", JSR + "@std/assert"), ["packages come from"]],
    [edge("core/_method.ts", "models/depth.ts"), ["core → core only"]],
    [edge("models/depth.ts", "core/errors.ts"), ["models → core types"]],
    [edge("models/depth.ts", "methods/depth.ts", true), ["models → core types"]],
    [edge("models/list_status_event.ts", "models/balance_update_event.ts"), [
      "models → core types",
    ]],
    [edge("methods/depth.ts", "methods/klines.ts"), ["methods → core, models"]],
    [edge("methods/klines.ts", "methods/ui_klines.ts"), ["methods → core, models"]],
    [edge("methods/depth.ts", "streams/trade.ts"), ["methods → core, models"]],
    [edge("methods/_klines_params.ts", "methods/klines.ts", true), ["a methods/_ helper"]],
    [edge("methods/_ticker.ts", "methods/ticker.ts"), ["a methods/_ helper"]],
    [edge("streams/trade.ts", "methods/trades_recent.ts"), ["streams → core, models"]],
    [edge("streams/trade.ts", "streams/agg_trade.ts"), ["streams → core, models"]],
    [edge("views/order_book.ts", "diagnostics/_harness.ts"), ["views → core"]],
    [
      edge("methods/depth.ts", "views/order_book.ts"),
      ["methods → core, models", "only mod.ts imports views"],
    ],
    [edge("mod.ts", "diagnostics/_harness.ts"), ["mod.ts re-exports"]],
    [edge("mod.ts", "npm:zod@^4"), ["mod.ts re-exports"]],
    [edge("testing/_market.ts", "core/_json.ts"), ["testing → testing only"]],
    [edge("core/_json.ts", "testing/_market.ts"), ["core → core only", "nothing in core"]],
    [edge("mod.ts", "testing/mod.ts"), ["mod.ts re-exports", "nothing in core"]],
    [edge("testing/_exchange/market.ts", "testing/_handlers/market.ts"), ["inside testing"]],
    [edge("testing/_handlers/market.ts", "testing/_server/framing.ts"), ["inside testing"]],
    [edge("testing/_handlers/market.ts", "testing/mod.ts"), ["inside testing"]],
    [edge("diagnostics/market_diagnostic.ts", "methods/depth.ts"), ["tests, diagnostics"]],
    [edge("tests/methods_test.ts", "core/connection.ts"), ["tests, diagnostics"]],
    [edge("examples/demo.ts", "streams/trade.ts"), ["tests, diagnostics"]],
    [edge("bench/ws_api_bench.ts", "core/_json.ts"), ["tests, diagnostics"]],
  ];
  for (const [e, rules] of broken) {
    const found = violations(graphOf([e]));
    assert.equal(found.length, rules.length, `${e.from} → ${e.to}: ${found.join("; ")}`);
    rules.forEach((rule, i) => {
      assert.ok(found[i].startsWith(`${e.from}:1 imports ${e.to}: breaks "${rule}`), found[i]);
    });
  }
  const missing = violations({
    files: ["core/_method.ts"],
    edges: [edge("core/_method.ts", "core/_gone.ts")],
    socketUsers: [],
  });
  assert.deepEqual(missing, [
    'core/_method.ts:1 imports core/_gone.ts: breaks "a relative import names a file of the repository"',
  ]);
  const cycle = violations(graphOf([
    edge("methods/klines.ts", "methods/_klines_params.ts"),
    edge("methods/_klines_params.ts", "methods/_shared.ts", true),
    edge("methods/_shared.ts", "methods/_klines_params.ts", true),
  ]));
  assert.deepEqual(cycle, [
    'methods/_shared.ts:1 imports methods/_klines_params.ts: breaks "' + NO_CYCLE +
    '": methods/_klines_params.ts → methods/_shared.ts → methods/_klines_params.ts',
  ]);
  const sockets = violations(graphOf([], ["testing/_handlers/trading.ts"]));
  assert.deepEqual(sockets, [
    `testing/_handlers/trading.ts uses a socket API: breaks "${NO_SOCKETS}"`,
  ]);
  assert.deepEqual(violations(graphOf([], ["testing/_server/sockets.ts"])), []);
});

Deno.test("import rules: what the house allows passes", () => {
  const allowed: Edge[] = [
    edge("core/_params.ts", "npm:zod@^4"),
    edge("core/signing.ts", "node:crypto"),
    edge("core/_method.ts", "core/_params.ts"),
    edge("models/depth.ts", "core/_model.ts"),
    edge("models/trade_event.ts", "core/_check.ts"),
    edge("models/exchange_info.ts", "core/rate_limits.ts", true),
    edge("models/ticker_event.ts", "models/mini_ticker_event.ts", true),
    edge("models/mini_ticker_event.ts", "models/_ticker_fields.ts"),
    edge("methods/ui_klines.ts", "methods/klines.ts"),
    edge("methods/order_test.ts", "methods/order_place.ts"),
    edge("methods/ticker.ts", "methods/_ticker.ts"),
    edge("methods/_order_write.ts", "methods/order_status.ts"),
    edge("methods/_ticker.ts", "models/ticker.ts"),
    edge("streams/trade.ts", "core/_stream.ts"),
    edge("streams/trade.ts", "models/trade_event.ts"),
    edge("views/order_book.ts", "methods/depth.ts"),
    edge("views/order_book.ts", "streams/diff_depth.ts"),
    edge("views/order_book.ts", "views/_book_side.ts"),
    edge("mod.ts", "views/order_book.ts"),
    edge("testing/mod.ts", "testing/_server/sockets.ts"),
    edge("testing/_server/sockets.ts", "testing/_handlers/market.ts"),
    edge("testing/_handlers/market.ts", "testing/_exchange/market.ts"),
    edge("testing/_server/sockets.ts", "testing/_exchange/market.ts"),
    edge("testing/_handlers/market.ts", "testing/_faults.ts"),
    edge("tests/methods_test.ts", "mod.ts"),
    edge("tests/order_book_test.ts", "views/_book_side.ts"),
    edge("tests/methods_test.ts", "tests/_helpers.ts"),
    edge("mod.test.ts", "testing/mod.ts"),
    edge("diagnostics/market_diagnostic.ts", "diagnostics/_harness.ts"),
    edge("bench/ws_api_bench.ts", "bench/_fake_worker.ts"),
    edge("bench/_fake_worker.ts", "testing/mod.ts"),
  ];
  for (const e of allowed) assert.deepEqual(violations(graphOf([e])), [], `${e.from} → ${e.to}`);
});

Deno.test("import rules: the reader finds static, multi-line, type-only, re-export, dynamic and worker imports, not comments", () => {
  const source = [
    '// import { no } from "./comment.ts";',
    "/**",
    ' * import { no } from "./jsdoc.ts";',
    " */",
    'import { z } from "zod";',
    "import {",
    "  a,",
    "  type B,",
    '} from "./multi.ts";',
    'import type { C } from "./type_only.ts";',
    'import { type D, type E } from "./type_names.ts";',
    'import "./side_effect.ts";',
    'export * from "./star.ts";',
    'export type { F } from "./re_type.ts";',
    "export { g };",
    'const m = await IMPORT("./dynamic.ts");',
    'const w = WORKER("./worker.ts", import.meta.url), { type: "module" });',
    "const ws = new WebSocket(url);",
  ].join("\n")
    // Spelled out here, this file's own graph would hold these two imports.
    .replace("IMPORT(", "import(").replace("WORKER(", "new Worker(new URL(");
  const { found, sockets } = importsOf(source);
  assert.deepEqual(found.map((f) => [f.specifier, f.line, f.typeOnly]), [
    ["zod", 5, false],
    ["./multi.ts", 6, false],
    ["./type_only.ts", 10, true],
    ["./type_names.ts", 11, true],
    ["./side_effect.ts", 12, false],
    ["./star.ts", 13, false],
    ["./re_type.ts", 14, true],
    ["./dynamic.ts", 16, false],
    ["./worker.ts", 17, false],
  ]);
  assert.equal(sockets, true);
  assert.equal(importsOf('import { x } from "./x.ts";').sockets, false);
});

Deno.test("import rules: the repository's graph is read whole", async () => {
  const graph = await readGraph();
  assert.ok(graph.files.length > 100, `${graph.files.length} files`);
  const has = (from: string, to: string) => graph.edges.some((e) => e.from === from && e.to === to);
  assert.ok(has("core/_method.ts", "core/_params.ts"));
  assert.ok(has("mod.ts", "views/order_book.ts"));
  assert.ok(has("views/order_book.ts", "methods/depth.ts"));
  assert.ok(has("methods/ticker.ts", "core/_params.ts"), "a multi-line import");
  assert.ok(has("bench/ws_api_bench.ts", "bench/_responder_worker.ts"), "a worker");
  assert.ok(has("core/_params.ts", "npm:zod@^4"), "through deno.json's imports");
  assert.ok(has("testing/_server/ws_api.ts", "testing/_handlers/handler.ts"), "a fake's layer");
  assert.ok(graph.socketUsers.includes("testing/_server/sockets.ts"));
  assert.ok(graph.socketUsers.every((f) => !f.startsWith("testing/_handlers/")), "comments aside");
  const models = graph.edges.filter((e) => e.from.startsWith("models/") && !e.external);
  assert.ok(models.some((e) => e.typeOnly) && models.some((e) => !e.typeOnly));
});

Deno.test("import rules: the repository keeps every rule", async () => {
  assert.deepEqual(violations(await readGraph()), []);
});
