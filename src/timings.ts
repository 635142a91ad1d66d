/**
 * Where a command's time goes (`--timings`, or ATHANOR_TIMINGS=1 / ATHANOR_TIMINGS=json): a
 * breakdown by phase, printed on stderr when the command ends. Times are exclusive: a phase
 * entered inside another (an entity module required while TypeORM builds its metadata) is
 * counted to the inner phase only, so the phases add up to the total.
 *
 * Off by default, and then nearly free: `timed` only reads the clock when enabled.
 */
import { performance } from "node:perf_hooks";

/** The phases, in the order a run goes through them (and they are printed). */
export const PHASES = [
  "start-up",
  "revisions",
  "compile",
  "load modules",
  "metadata",
  "connect",
  "introspect",
  "diff",
  "render",
  "apply",
] as const;

export type Phase = (typeof PHASES)[number];

/** What `--timings` reports, also as JSON. Times in milliseconds. */
export interface TimingsReport {
  readonly phases: Readonly<Partial<Record<Phase, number>>>;
  /** Time not inside any phase (argument parsing, config, output). */
  readonly other: number;
  readonly total: number;
  /** Statements sent to the database while introspecting. */
  readonly catalogQueries?: number;
  /** Resident set size at its highest, in MB. */
  readonly peakMemoryMb: number;
}

interface State {
  readonly json: boolean;
  readonly spent: Map<Phase, number>;
  /** The open phases, innermost last, each with the time its children took. */
  readonly stack: { phase: Phase; start: number; children: number }[];
  catalogQueries?: number;
}

let state: State | undefined;

/** Turns timings on for this process (`--timings`, or the environment variable). */
export function enableTimings(json = false): void {
  state ??= { json, spent: new Map(), stack: [] };
  // start-up: from the process's start (performance's origin) to the CLI's first line of work.
  if (!state.spent.has("start-up")) state.spent.set("start-up", performance.now());
}

/** Whether ATHANOR_TIMINGS asks for timings, and in which form. */
export function timingsFromEnvironment(env: NodeJS.ProcessEnv = process.env): { enabled: boolean; json: boolean } {
  const value = (env.ATHANOR_TIMINGS ?? "").trim().toLowerCase();
  return { enabled: value !== "" && value !== "0" && value !== "false", json: value === "json" };
}

export function timingsEnabled(): boolean {
  return state !== undefined;
}

/** Runs `fn` as `phase` (sync or async); its time, less its nested phases', goes to `phase`. */
export function timed<T>(phase: Phase, fn: () => T): T {
  const s = state;
  if (!s) return fn();
  const frame = { phase, start: performance.now(), children: 0 };
  s.stack.push(frame);
  const close = () => {
    const elapsed = performance.now() - frame.start;
    const i = s.stack.lastIndexOf(frame);
    if (i >= 0) s.stack.splice(i, 1);
    s.spent.set(phase, (s.spent.get(phase) ?? 0) + elapsed - frame.children);
    const parent = s.stack[s.stack.length - 1];
    if (parent) parent.children += elapsed;
  };
  let result: T;
  try {
    result = fn();
  } catch (e) {
    close();
    throw e;
  }
  if (result instanceof Promise) {
    return result.then(
      (v) => {
        close();
        return v;
      },
      (e) => {
        close();
        throw e;
      },
    ) as T;
  }
  close();
  return result;
}

/** Adds `n` catalog queries to the report. */
export function countCatalogQueries(n: number): void {
  if (state) state.catalogQueries = (state.catalogQueries ?? 0) + n;
}

export function timingsReport(): TimingsReport | undefined {
  const s = state;
  if (!s) return undefined;
  const total = performance.now();
  const phases: Partial<Record<Phase, number>> = {};
  let inPhases = 0;
  for (const phase of PHASES) {
    const ms = s.spent.get(phase);
    if (ms === undefined) continue;
    phases[phase] = Math.round(ms);
    inPhases += ms;
  }
  return {
    phases,
    other: Math.max(0, Math.round(total - inPhases)),
    total: Math.round(total),
    ...(s.catalogQueries !== undefined ? { catalogQueries: s.catalogQueries } : {}),
    peakMemoryMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** The report as the user reads it (one line), or as one JSON line (ATHANOR_TIMINGS=json). */
export function formatTimings(report: TimingsReport, json: boolean): string {
  if (json) return JSON.stringify({ timings: report });
  const parts = Object.entries(report.phases).map(([phase, ms]) => `${phase} ${ms}`);
  const queries = report.catalogQueries !== undefined ? `, ${report.catalogQueries} catalog queries` : "";
  return `timings (ms): ${[...parts, `other ${report.other}`].join(" · ")} = ${report.total} total${queries}, peak memory ${report.peakMemoryMb} MB`;
}

/** Prints the report on stderr when timings are on. */
export function printTimings(write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): void {
  const report = timingsReport();
  if (report && state) write(formatTimings(report, state.json));
}
