// Keeps wsStructureDoc.yaml true to the code.
import assert from "node:assert/strict";
import { parse } from "yaml";
import * as mod from "../mod.ts";
import type { WsApiMethodInfo } from "../mod.ts";

interface MethodEntry {
  name: string;
  file: string;
  export: string;
  info: string;
  model: string;
  model_file: string;
  security: string;
  weight: string;
  /** [params, weight] at each boundary of the rule; `symbols: n` stands for n distinct symbols. */
  weight_at: [Record<string, unknown>, number][];
  data_source: string;
  /** The diagnostic that calls the method (it names the method in quotes). */
  diagnostic: string;
  doc: string;
}
interface SharedEntry {
  file: string;
  role: string;
  exports: string[];
  types?: string[];
}
interface StructureDoc {
  entries: Record<string, string>;
  shared: SharedEntry[];
  private: { file: string; role: string }[];
  methods: MethodEntry[];
}

const root = new URL("../", import.meta.url);
const doc = parse(await Deno.readTextFile(new URL("wsStructureDoc.yaml", root))) as StructureDoc;
const exported = mod as unknown as Record<string, unknown>;

async function exists(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(new URL(path, root))).isFile;
  } catch {
    return false;
  }
}

function snake(method: string): string {
  return method.replace(/\./g, "_").replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** A `weight_at` case's params, with `symbols: n` expanded to n distinct symbols. */
function weightParams(params: Record<string, unknown>): Record<string, unknown> {
  const { symbols } = params;
  if (typeof symbols !== "number") return params;
  return { ...params, symbols: Array.from({ length: symbols }, (_, i) => `SYM${i}USDT`) };
}

function camel(method: string): string {
  return method.replace(/\.([a-z0-9])/gi, (_, c: string) => c.toUpperCase());
}

Deno.test("wsStructureDoc.yaml lists the 55 methods, each once", () => {
  // 19 public methods, the 3 session methods, the 15 trading methods, order.status,
  // orderList.status and account.status; myPreventedMatches, myAllocations,
  // account.commission, order.amendments and myFilters (reads-b); openOrders.status, allOrders,
  // openOrderLists.status, allOrderLists, myTrades and account.rateLimits.orders (reads-a); the
  // 4 User Data Stream methods (uds-client).
  const names = doc.methods.map((m) => m.name);
  assert.equal(names.length, 55);
  assert.equal(new Set(names).size, 55);
  for (const name of ["session.logon", "session.status", "session.logout"]) {
    assert.ok(names.includes(name), `${name} is missing`);
  }
});

Deno.test("every methods/ file is listed in wsStructureDoc.yaml", async () => {
  const files: string[] = [];
  for await (const e of Deno.readDir(new URL("methods/", root))) {
    if (e.isFile && e.name.endsWith(".ts") && !e.name.startsWith("_")) {
      files.push(`methods/${e.name}`);
    }
  }
  assert.deepEqual(files.sort(), doc.methods.map((m) => m.file).sort());
});

for (const m of doc.methods) {
  Deno.test(`wsStructureDoc.yaml: ${m.name} matches its file, export, model and metadata`, async () => {
    assert.equal(m.file, `methods/${snake(m.name)}.ts`, "file named after the method");
    assert.equal(m.export, camel(m.name), "export named after the method");
    assert.ok(await exists(m.file), `${m.file} is missing`);
    assert.ok(await exists(m.model_file), `${m.model_file} is missing`);
    assert.ok(await exists(m.diagnostic), `${m.diagnostic} is missing`);
    assert.equal(typeof exported[m.export], "function", `mod.ts does not export ${m.export}`);
    assert.ok(exported[m.model] !== undefined, `mod.ts does not export the model ${m.model}`);
    const own = await import(new URL(m.file, root).href);
    assert.equal(own[m.export], exported[m.export], `${m.file} does not export ${m.export}`);
    const info = own[m.info] as WsApiMethodInfo<unknown> | undefined;
    assert.ok(info, `${m.file} does not export ${m.info}`);
    assert.equal(exported[m.info], info, `mod.ts does not export ${m.info}`);
    assert.equal(info.method, m.name);
    assert.equal(info.security, m.security, "security differs from the method file");
    assert.equal(info.weightRule, m.weight, "weight differs from the method file");
    assert.equal(info.dataSource, m.data_source, "data source differs from the method file");
    const source = await Deno.readTextFile(new URL(m.file, root));
    assert.ok(source.includes(m.doc), `${m.file} has no @see to ${m.doc}`);
    assert.ok(
      source.includes(` * Weight: ${m.weight}.\n`),
      `${m.file}: the JSDoc does not say "Weight: ${m.weight}."`,
    );
    assert.ok(
      source.includes(` * Security type: ${m.security}. Data source: ${m.data_source}.\n`),
      `${m.file}: the JSDoc does not say "Security type: ${m.security}. Data source: ${m.data_source}."`,
    );
    const diagnostic = await Deno.readTextFile(new URL(m.diagnostic, root));
    assert.ok(diagnostic.includes(`"${m.name}"`), `${m.diagnostic} does not check ${m.name}`);
  });
}

for (const m of doc.methods) {
  Deno.test(`wsStructureDoc.yaml: ${m.name} weight() follows "${m.weight}" at its boundaries`, async () => {
    const own = await import(new URL(m.file, root).href);
    const info = own[m.info] as WsApiMethodInfo<Record<string, unknown>>;
    assert.ok(m.weight_at.length > 0, "weight_at lists no case");
    // A rule that starts with its weight is constant ("1 (0 when successful, CHANGELOG …)").
    const constant = /^\d+( \(|$)/.test(m.weight);
    if (constant) {
      const w0 = Number(/^\d+/.exec(m.weight)![0]);
      assert.ok(m.weight_at.every(([, w]) => w === w0), m.weight);
    } else assert.ok(new Set(m.weight_at.map(([, w]) => w)).size > 1, "a rule with one weight?");
    for (const [params, weight] of m.weight_at) {
      assert.equal(info.weight(weightParams(params)), weight, `weight(${JSON.stringify(params)})`);
    }
  });
}

Deno.test("wsStructureDoc.yaml: shared modules exist and mod.ts re-exports what they list", async () => {
  for (const s of doc.shared) {
    assert.ok(await exists(s.file), `${s.file} is missing`);
    const own = await import(new URL(s.file, root).href);
    for (const name of s.exports) {
      assert.ok(name in own, `${s.file} does not export ${name}`);
      assert.equal(exported[name], own[name], `mod.ts lacks ${name}`);
    }
    const source = await Deno.readTextFile(new URL(s.file, root));
    for (const name of s.types ?? []) {
      assert.match(
        source,
        new RegExp(`export (interface|type) ${name}\\b`),
        `${s.file} lacks ${name}`,
      );
    }
  }
  for (const p of doc.private) assert.ok(await exists(p.file), `${p.file} is missing`);
});

Deno.test("wsStructureDoc.yaml lists every private file of the client and every public core/ and views/ file", async () => {
  const listed = new Set([...doc.private.map((p) => p.file), ...doc.shared.map((s) => s.file)]);
  const missing: string[] = [];
  for (const dir of ["core", "methods", "models", "streams", "views"]) {
    for await (const e of Deno.readDir(new URL(`${dir}/`, root))) {
      if (!e.isFile || !e.name.endsWith(".ts")) continue;
      const file = `${dir}/${e.name}`;
      const needed = e.name.startsWith("_") || dir === "core" || dir === "views";
      if (needed && !listed.has(file)) missing.push(file);
    }
  }
  assert.deepEqual(missing, [], "files missing from wsStructureDoc.yaml");
  assert.ok(listed.has("views/order_book.ts") && listed.has("views/_book_side.ts"));
});

Deno.test("wsStructureDoc.yaml: export entries match deno.json", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", root)));
  assert.deepEqual(
    doc.entries,
    Object.fromEntries(
      Object.entries(config.exports as Record<string, string>).map((
        [k, v],
      ) => [k, v.replace(/^\.\//, "")]),
    ),
  );
});

interface StreamEntry {
  pattern: string;
  file: string;
  export: string;
  name_export: string;
  example: { params: Record<string, unknown> | null; name: string };
  model: string;
  model_file: string;
  order: string;
  update_speed: string;
  doc: string;
  diagnostic: string;
}

const streamDoc = doc as unknown as {
  streams: StreamEntry[];
  retired_streams: { name: string; replacement: string }[];
};

Deno.test("wsStructureDoc.yaml lists every documented stream kind, and every streams/ file", async () => {
  const patterns = streamDoc.streams.map((s) => s.pattern).sort();
  assert.deepEqual(patterns, [
    "!miniTicker@arr",
    "!ticker_<window>@arr",
    "<symbol>@aggTrade",
    "<symbol>@avgPrice",
    "<symbol>@blockTrade",
    "<symbol>@bookTicker",
    "<symbol>@depth<levels>[@100ms]",
    "<symbol>@depth[@100ms]",
    "<symbol>@kline_<interval>[@+08:00]",
    "<symbol>@miniTicker",
    "<symbol>@referencePrice",
    "<symbol>@ticker",
    "<symbol>@ticker_<window>",
    "<symbol>@trade",
  ]);
  const files: string[] = [];
  for await (const e of Deno.readDir(new URL("streams/", root))) {
    if (e.isFile && e.name.endsWith(".ts") && !e.name.startsWith("_")) {
      files.push(`streams/${e.name}`);
    }
  }
  assert.deepEqual(files.sort(), streamDoc.streams.map((s) => s.file).sort());
});

for (const s of streamDoc.streams) {
  Deno.test(`wsStructureDoc.yaml: ${s.pattern} matches its file, exports, model and docs`, async () => {
    assert.equal(s.export.endsWith("Stream"), true, "stream functions carry the Stream suffix");
    assert.ok(await exists(s.file), `${s.file} is missing`);
    assert.ok(await exists(s.model_file), `${s.model_file} is missing`);
    assert.ok(await exists(s.diagnostic), `${s.diagnostic} is missing`);
    const own = await import(new URL(s.file, root).href);
    assert.equal(typeof own[s.export], "function", `${s.file} does not export ${s.export}`);
    assert.equal(exported[s.export], own[s.export], `mod.ts does not export ${s.export}`);
    assert.equal(exported[s.name_export], own[s.name_export]);
    const build = own[s.name_export] as (p?: unknown) => string;
    assert.equal(s.example.params ? build(s.example.params) : build(), s.example.name);
    const model = await import(new URL(s.model_file, root).href);
    assert.ok(model[s.model], `${s.model_file} does not export ${s.model}`);
    assert.equal(exported[s.model], model[s.model], `mod.ts does not export ${s.model}`);
    const source = await Deno.readTextFile(new URL(s.file, root));
    assert.ok(source.includes(s.doc), `${s.file} has no @see to ${s.doc}`);
    assert.ok(source.includes(`Update speed: ${s.update_speed}.`), `${s.file}: update speed`);
    assert.ok(source.includes(`order: "${s.order}"`), `${s.file}: order`);
    assert.ok(source.includes(`Stream: \`${s.pattern}\``), `${s.file}: pattern`);
    const diagnostic = await Deno.readTextFile(new URL(s.diagnostic, root));
    assert.ok(diagnostic.includes(s.export), `${s.diagnostic} does not drive ${s.export}`);
  });
}

Deno.test("wsStructureDoc.yaml: retired streams are refused by the code with their replacement", async () => {
  const source = await Deno.readTextFile(new URL("core/stream_connection.ts", root));
  for (const r of streamDoc.retired_streams) {
    assert.ok(source.includes(`"${r.name}":`), `${r.name} is not refused`);
  }
  assert.equal(streamDoc.retired_streams.length, 2);
});

interface DiagnosticEntry {
  file: string;
  role: string;
  /** The deno.json tasks that run it: live, testnet, local. */
  tasks: string[];
}

const diagnosticsDoc = (doc as unknown as { diagnostics: DiagnosticEntry[] }).diagnostics;

Deno.test("wsStructureDoc.yaml lists every diagnostic with its tasks; CI runs each local one", async () => {
  const files: string[] = [];
  for await (const e of Deno.readDir(new URL("diagnostics/", root))) {
    if (e.isFile && e.name.endsWith(".ts") && !e.name.startsWith("_")) {
      files.push(`diagnostics/${e.name}`);
    }
  }
  assert.deepEqual(files.sort(), diagnosticsDoc.map((d) => d.file).sort());
  const denoJson = JSON.parse(await Deno.readTextFile(new URL("deno.json", root))) as {
    tasks: Record<string, { command: string }>;
  };
  const ci = denoJson.tasks.ci.command;
  for (const d of diagnosticsDoc) {
    assert.equal(d.tasks.length, 3, `${d.file}: a live, a testnet and a local task`);
    for (const [task, target] of d.tasks.map((t, i) => [t, ["live", "testnet", "local"][i]])) {
      const command = denoJson.tasks[task]?.command;
      assert.ok(command, `deno.json has no task ${task}`);
      assert.ok(
        command.includes(`${d.file} --target=${target}`),
        `${task} runs ${d.file} on ${target}`,
      );
    }
    assert.ok(ci.includes(`deno task ${d.tasks[2]}`), `ci does not run ${d.tasks[2]}`);
  }
  const used = new Set([...doc.methods, ...streamDoc.streams].map((m) => m.diagnostic));
  for (const file of used) {
    assert.ok(diagnosticsDoc.some((d) => d.file === file), `${file} is not listed`);
  }
});

// ---- The docs' WebSocket API method list (issue 11) -------------------------------------------
// tests/fixtures/wsapi-methods.yaml is a copy of the method inventory generated from
// web-socket-api.md (tests never read ../shared, which users do not have). Its `methods` are the
// current ones; `retired_methods` (userDataStream.start/ping/stop) and the margin-only
// `userDataStream.subscribe.listenToken` (`external_methods_not_in_spot_docs`) are absent from
// the client on purpose.

interface DocsMethodList {
  method_count: number;
  methods: { name: string }[];
  retired_methods: { name: string }[];
  external_methods_not_in_spot_docs?: { name: string }[];
}

const NOT_IN_THE_CLIENT = ["userDataStream.subscribe.listenToken"];

async function docsMethods(): Promise<{ current: string[]; list: DocsMethodList }> {
  const list = parse(
    await Deno.readTextFile(new URL("tests/fixtures/wsapi-methods.yaml", root)),
  ) as DocsMethodList;
  const retired = new Set(list.retired_methods.map((m) => m.name));
  const current = list.methods.map((m) => m.name).filter((name) =>
    !retired.has(name) && !NOT_IN_THE_CLIENT.includes(name)
  );
  return { current, list };
}

Deno.test("the docs' method list fixture has exactly 55 current methods", async () => {
  const { current, list } = await docsMethods();
  assert.equal(current.length, 55);
  assert.equal(new Set(current).size, 55, "each method once");
  assert.equal(list.method_count, 55);
  assert.equal(list.methods.length, 55, "no retired or margin-only method among `methods`");
  assert.deepEqual(list.retired_methods.map((m) => m.name).sort(), [
    "userDataStream.ping",
    "userDataStream.start",
    "userDataStream.stop",
  ]);
  assert.deepEqual(
    (list.external_methods_not_in_spot_docs ?? []).map((m) => m.name),
    NOT_IN_THE_CLIENT,
  );
  for (const name of ["ping", "session.logon", "myFilters", "userDataStream.subscribe.signature"]) {
    assert.ok(current.includes(name), `${name} is listed`);
  }
});

Deno.test("every WebSocket API method of the docs has a file and an export", async () => {
  const { current } = await docsMethods();
  const missing: string[] = [];
  for (const name of current) {
    const file = `methods/${snake(name)}.ts`;
    const fn = camel(name);
    const problems: string[] = [];
    if (!(await exists(file))) problems.push(`no ${file}`);
    if (typeof exported[fn] !== "function") problems.push(`mod.ts does not export ${fn}`);
    if (problems.length > 0) missing.push(`${name}: ${problems.join(", ")}`);
  }
  assert.deepEqual(missing, [], `methods of the docs missing:\n  ${missing.join("\n  ")}`);
});

// ---- The User Data Stream's event models (issue 11) --------------------------------------------

const userDataDoc = (doc as unknown as {
  user_data_events: {
    reader: { file: string; export: string; union: string; unknown: string };
    events: { event: string; model: string; model_file: string; doc: string }[];
  };
}).user_data_events;

Deno.test("wsStructureDoc.yaml lists the 6 user data event models and the union reader", async () => {
  assert.deepEqual(userDataDoc.events.map((e) => e.event).sort(), [
    "balanceUpdate",
    "eventStreamTerminated",
    "executionReport",
    "externalLockUpdate",
    "listStatus",
    "outboundAccountPosition",
  ]);
  const union = await Deno.readTextFile(new URL(userDataDoc.reader.file, root));
  for (const e of userDataDoc.events) {
    assert.ok(await exists(e.model_file), `${e.model_file} is missing`);
    const own = await import(new URL(e.model_file, root).href);
    assert.equal(typeof own[e.model]?.parse, "function", `${e.model_file} has no ${e.model}.parse`);
    assert.equal(exported[e.model], own[e.model], `mod.ts does not export ${e.model}`);
    const source = await Deno.readTextFile(new URL(e.model_file, root));
    assert.ok(source.includes(`eventType: "${e.event}";`), `${e.model} is not "${e.event}"`);
    assert.ok(source.includes(e.doc), `${e.model_file} has no @see to ${e.doc}`);
    assert.match(union, new RegExp(`\\| ${e.model}\\b`), `${e.model} is not in the union`);
  }
  const reader = await import(new URL(userDataDoc.reader.file, root).href);
  assert.equal(typeof reader[userDataDoc.reader.export], "function");
  assert.equal(exported[userDataDoc.reader.export], reader[userDataDoc.reader.export]);
  for (const name of [userDataDoc.reader.union, userDataDoc.reader.unknown]) {
    assert.match(union, new RegExp(`export (interface|type) ${name}\\b`), `no ${name}`);
  }
});
