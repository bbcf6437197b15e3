// What every diagnostic shares: the `--target=live|testnet|local` flag (and number flags such as
// `--seconds=N`), the URLs of each target, the fake exchange started in-process for `local`, one
// PASS/FAIL line per check (with its latency where the harness times it), the "cannot connect"
// path, and the final `OK: n/n checks passed` / `FAILED: …` line and exit code (0 when every
// check passed, 1 otherwise, 2 for bad flags). A diagnostic drives the real module through
// mod.ts: the harness only runs, prints and counts.
import * as spot from "../mod.ts";
import { type FakeBinance, type FakeBinanceOptions, startFakeBinance } from "../testing/mod.ts";

/** Where a diagnostic runs: Binance, the Spot testnet, or the fake exchange in-process. */
export type Target = "live" | "testnet" | "local";

/** The outcome of a check, as its line starts. `QUIET` passes: a quiet stream sent nothing. */
export type Status = "PASS" | "FAIL" | "QUIET";

/** The parsed command line of a diagnostic. */
export interface DiagnosticArgs {
  target: Target;
  /** Every number flag the diagnostic takes, given or defaulted. */
  numbers: Record<string, number>;
}

/** Thrown by {@linkcode parseArgs} for a flag it cannot take; the message says what to give. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Parses `--target=live|testnet|local` (default `live`) and the number flags named in
 * `numbers` (each with its default). Other arguments are ignored, as before the harness.
 *
 * @throws {UsageError} for an unknown target or a number flag that is not a positive number.
 */
export function parseArgs(args: string[], numbers: Record<string, number> = {}): DiagnosticArgs {
  const flag = (name: string) =>
    args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const target = flag("target") ?? "live";
  if (target !== "live" && target !== "testnet" && target !== "local") {
    throw new UsageError(
      `Unknown target "${target}": use --target=live, --target=testnet or --target=local`,
    );
  }
  const values: Record<string, number> = {};
  for (const [name, fallback] of Object.entries(numbers)) {
    const text = flag(name);
    const value = text === undefined ? fallback : Number(text);
    if (!(value > 0) || !Number.isFinite(value)) {
      throw new UsageError(`Cannot run: --${name} must be a positive number, not "${text}"`);
    }
    values[name] = value;
  }
  return { target, numbers: values };
}

/**
 * One check's line: the status, the label in a column of `width` (at least one space after
 * it), then the latency column when `ms` is given, then the detail.
 */
export function formatLine(
  status: Status,
  label: string,
  width: number,
  detail: string,
  ms?: number,
): string {
  const latency = ms === undefined ? "" : `${ms.toFixed(1).padStart(7)} ms  `;
  return `${status.padEnd(5)} ${label.padEnd(width - 1)} ${latency}${detail}`;
}

/** The last line: `OK: n/n checks passed in … ms`, or why not. */
export function summaryLine(
  passed: number,
  total: number,
  connected: boolean,
  ms: number,
): string {
  const took = `in ${ms.toFixed(0)} ms`;
  if (!connected) return `FAILED: cannot connect, no check ran ${took}`;
  return `${passed === total ? "OK" : "FAILED"}: ${passed}/${total} checks passed ${took}`;
}

/** What a diagnostic's body gets from the harness. */
export interface Harness {
  /** The target of this run. */
  readonly target: Target;
  /** The WebSocket API and market streams base URLs of the target. */
  readonly urls: { readonly wsApi: string; readonly streams: string };
  /** The number flags, given or defaulted. */
  readonly numbers: Readonly<Record<string, number>>;
  /** The fake exchange started for `local` (its fault hooks and ground truth); else `undefined`. */
  readonly fake?: FakeBinance;
  /** Prints `target <target>: <what>`. */
  begin(what: string): void;
  /**
   * Runs a check, timed: PASS with what `run` returns, FAIL with the error, unless `accept`
   * turns the error into a detail (a documented answer, such as a Binance error code).
   */
  check(
    label: string,
    run: () => Promise<string>,
    accept?: (error: unknown) => string | undefined,
  ): Promise<boolean>;
  /** Prints and counts a check that the diagnostic measured itself. */
  report(status: Status, label: string, detail: string): void;
}

/** How a diagnostic runs. */
export interface DiagnosticOptions {
  /** Width of the label column, space after the label included. */
  labelWidth: number;
  /** Options of the fake exchange started for `--target=local`. */
  fake?: FakeBinanceOptions;
  /** The number flags the diagnostic takes, with their defaults (e.g. `{ seconds: 5 }`). */
  numbers?: Record<string, number>;
}

/**
 * Runs a diagnostic: parses the flags, starts the fake exchange for `local`, runs `body`, prints
 * the summary and exits. An error that escapes `body` before any check ran is the "cannot
 * connect" path; after some checks, it fails the run as one more failed check.
 */
export async function runDiagnostic(
  options: DiagnosticOptions,
  body: (harness: Harness) => Promise<void>,
): Promise<never> {
  let args: DiagnosticArgs;
  try {
    args = parseArgs(Deno.args, options.numbers);
  } catch (error) {
    console.error(error instanceof UsageError ? error.message : error);
    Deno.exit(2);
  }
  const { target } = args;
  const fake = target === "local" ? await startFakeBinance(options.fake) : undefined;
  const started = performance.now();
  const urls = {
    wsApi: fake?.wsApiUrl ??
      (target === "testnet" ? spot.WS_API_URLS.testnet : spot.WS_API_URLS.prod),
    streams: fake?.streams.baseUrl ??
      (target === "testnet" ? spot.STREAM_URLS.testnet : spot.STREAM_URLS.prod),
  };
  let passed = 0;
  let total = 0;
  const report = (status: Status, label: string, detail: string, ms?: number) => {
    total++;
    if (status !== "FAIL") passed++;
    console.log(formatLine(status, label, options.labelWidth, detail, ms));
  };
  const harness: Harness = {
    target,
    urls,
    numbers: args.numbers,
    fake,
    begin: (what) => console.log(`target ${target}: ${what}`),
    async check(label, run, accept) {
      const t0 = performance.now();
      let status: Status = "PASS";
      let detail: string;
      try {
        detail = await run();
      } catch (error) {
        const accepted = accept?.(error);
        if (accepted !== undefined) {
          detail = accepted;
        } else {
          status = "FAIL";
          detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        }
      }
      report(status, label, detail, performance.now() - t0);
      return status === "PASS";
    },
    report: (status, label, detail) => report(status, label, detail),
  };
  let connected = true;
  try {
    await body(harness);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (total === 0) {
      connected = false;
      console.log(formatLine("FAIL", "connect", options.labelWidth, message));
    } else {
      report("FAIL", "run", message);
    }
  } finally {
    await fake?.close();
  }
  console.log(summaryLine(passed, total, connected, performance.now() - started));
  Deno.exit(connected && passed === total ? 0 : 1);
}
