/**
 * Part of `npm run bench`: the time a user waits for a migration, athanor's
 * `revision --autogenerate` against TypeORM's own `migration:generate`, on synthetic projects of
 * N entities (synthetic-project.ts) whose database TypeORM synchronised from version 1, the
 * entities being at version 2 (eleven known edits).
 *
 * Both tools run as their users run them, as child processes: athanor on the TypeScript entities
 * through its own loader (cold: its compile cache removed first; warm: cache filled), TypeORM on
 * the same entities precompiled to CommonJS (its fastest path: no ts-node). Timed runs alternate
 * athanor-warm / TypeORM so a load spike on the shared machine hits both. Each run starts from the
 * same state: the files a run generates are deleted before the next.
 *
 * Also checked: that each tool found exactly the known edits, and the time of the commands that
 * read only the migration files (`heads`, `history`, `--help`), on 1 and on 1,000 revisions.
 *
 * Environment: BENCH_ENTITIES (default "100,500,2000"), BENCH_DIALECTS (default
 * "postgres,mysql,sqlite"; PostgreSQL is required, the others are skipped when unreachable),
 * BENCH_RUNS (default 5), BENCH_COLD_RUNS (default 2), BENCH_CLI_RUNS (default 5).
 * Results: printed, and written to bench/results/generate.md.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Client } from "pg";
import { createConnection } from "mysql2/promise";
import Database from "better-sqlite3";
import * as ts from "typescript";
import { javascriptDataSource, knownEdits, type BenchDialect } from "./synthetic-project";
import { athanorExactness, typeormExactness, upQueriesOf, type Exactness } from "./edit-exactness";
import { SERVER_URLS } from "../test/support/databases";
import { formatTypeScript, renderMigration, templateFor } from "../src/render/migration-file";
import { PHASES, type TimingsReport } from "../src/timings";
import type { Op } from "../src/ops/types";

const REPO = resolve(__dirname, "..", "..");
const WORK = join(REPO, ".bench-work");
const ATHANOR = join(REPO, "bin", "athanor.js");
const TYPEORM_CLI = join(REPO, "node_modules", "typeorm", "cli.js");
const TIME = "/usr/bin/time";
const HAS_TIME = existsSync(TIME);

const list = (value: string | undefined, fallback: string) =>
  (value ?? fallback)
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
const SIZES = list(process.env.BENCH_ENTITIES, "100,500,2000").map(Number);
const DIALECTS = list(process.env.BENCH_DIALECTS, "postgres,mysql,sqlite") as BenchDialect[];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 2);
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 5);
const REVISION_CHAIN = 1000;
/** A fixed TypeORM timestamp and athanor revision id: the same file names every run. */
const TYPEORM_TIMESTAMP = "1700000000000";
const REV_ID = "bench";

const started = Date.now();
const progress = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${line}`);

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const DIALECT_NAMES: Record<BenchDialect, string> = { postgres: "PostgreSQL", mysql: "MariaDB/MySQL", sqlite: "SQLite" };

// ---------------------------------------------------------------------------------------------
// Running a tool

interface Run {
  readonly wallMs: number;
  /** Peak resident set size of the child in MB (GNU time's %M), when /usr/bin/time exists. */
  readonly peakMb?: number;
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node args…` in `cwd`, timing its wall time from here. Peak memory comes from GNU time
 * (`/usr/bin/time -f %M`: the child's own maxrss from wait4, which Node's child_process does not
 * expose); both tools go through the same wrapper, so its few milliseconds are on both sides.
 */
function runNode(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const memFile = join(tmpdir(), `athanor-bench-time-${process.pid}.txt`);
  const [command, argv] = HAS_TIME ? [TIME, ["-f", "%M", "-o", memFile, process.execPath, ...args]] : [process.execPath, [...args]];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(command, argv, { cwd, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  let peakMb: number | undefined;
  if (HAS_TIME && existsSync(memFile)) {
    const kb = Number(readFileSync(memFile, "utf8").trim().split("\n").pop());
    if (Number.isFinite(kb)) peakMb = kb / 1024;
    rmSync(memFile, { force: true });
  }
  return { wallMs, peakMb, status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

function failed(what: string, r: Run): Error {
  return new Error(`${what} exited with ${r.status}\n--- stdout ---\n${r.stdout.slice(-4000)}\n--- stderr ---\n${r.stderr.slice(-4000)}`);
}

// ---------------------------------------------------------------------------------------------
// Databases

interface BenchDatabase {
  readonly dialect: BenchDialect;
  readonly name: string;
  /** What prepare-synthetic.js takes: a URL, and TypeORM's type when it is not the URL's. */
  readonly url: string;
  readonly typeormType?: string;
  /** TypeORM connection options for the synthetic project's DataSource. */
  readonly connection: Readonly<Record<string, unknown>>;
  /** Server name and version, for the results. */
  readonly server: string;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Why the server of `dialect` cannot be used, or undefined when it can. */
async function unreachable(dialect: BenchDialect): Promise<string | undefined> {
  try {
    if (dialect === "postgres") {
      const c = new Client({ connectionString: SERVER_URLS.postgres, connectionTimeoutMillis: 3000 });
      await c.connect();
      await c.end();
    } else if (dialect === "mysql") {
      const c = await createConnection({ uri: SERVER_URLS.mysql, connectTimeout: 3000 });
      await c.end();
    }
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

async function createBenchDatabase(dialect: BenchDialect, n: number, dir: string): Promise<BenchDatabase> {
  const name = `athanor_bench_${n}`;
  switch (dialect) {
    case "postgres": {
      const c = new Client({ connectionString: SERVER_URLS.postgres });
      await c.connect();
      try {
        // A database left by an interrupted run goes first: every run starts from version 1.
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.query(`CREATE DATABASE "${name}"`);
        const v = await c.query<{ v: string }>("SELECT current_setting('server_version') AS v");
        const url = withDatabase(SERVER_URLS.postgres, name);
        return { dialect, name, url, connection: { url }, server: `PostgreSQL ${v.rows[0].v.split(" ")[0]}` };
      } finally {
        await c.end();
      }
    }
    case "mysql": {
      const c = await createConnection({ uri: SERVER_URLS.mysql });
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await c.query(`CREATE DATABASE \`${name}\``);
        const [rows] = await c.query("SELECT VERSION() AS v");
        const version = String((rows as { v: string }[])[0].v);
        const mariadb = /mariadb/i.test(version);
        const url = withDatabase(SERVER_URLS.mysql, name);
        // TypeORM's "mysql" driver on a MariaDB server misreads some defaults: give it its own type.
        const typeormType = mariadb ? "mariadb" : undefined;
        return { dialect, name, url, typeormType, connection: { url, ...(typeormType ? { type: typeormType } : {}) }, server: `${mariadb ? "MariaDB" : "MySQL"} ${version.split("-")[0]}` };
      } finally {
        await c.end();
      }
    }
    case "sqlite": {
      const file = join(dir, "bench.sqlite");
      rmSync(file, { force: true });
      const db = new Database(file);
      const v = (db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v;
      db.close();
      return { dialect, name: file, url: `sqlite:${file}`, connection: { database: file }, server: `SQLite ${v}` };
    }
  }
}

async function dropBenchDatabase(db: BenchDatabase): Promise<void> {
  if (db.dialect === "postgres") {
    const c = new Client({ connectionString: SERVER_URLS.postgres });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${db.name}" WITH (FORCE)`);
    await c.end();
  } else if (db.dialect === "mysql") {
    const c = await createConnection({ uri: SERVER_URLS.mysql });
    await c.query(`DROP DATABASE IF EXISTS \`${db.name}\``);
    await c.end();
  } else {
    rmSync(db.name, { force: true });
  }
}

/**
 * Index and constraint names → their table, from the catalog after synchronisation: TypeORM drops
 * an index or constraint by a hashed name alone (`DROP INDEX "public"."IDX_…"`), which says
 * nothing of its table otherwise.
 */
async function namedObjects(db: BenchDatabase): Promise<Map<string, string>> {
  let rows: { name: string; tbl: string }[];
  if (db.dialect === "postgres") {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      rows = (
        await c.query<{ name: string; tbl: string }>(
          `SELECT indexname AS name, tablename AS tbl FROM pg_indexes WHERE schemaname = current_schema()
           UNION ALL SELECT c.conname, t.relname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid WHERE c.connamespace = current_schema()::regnamespace`,
        )
      ).rows;
    } finally {
      await c.end();
    }
  } else if (db.dialect === "mysql") {
    const c = await createConnection({ uri: db.url });
    try {
      const [r] = await c.query(
        `SELECT INDEX_NAME AS name, TABLE_NAME AS tbl FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()
         UNION ALL SELECT CONSTRAINT_NAME, TABLE_NAME FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = DATABASE()`,
      );
      rows = r as { name: string; tbl: string }[];
    } finally {
      await c.end();
    }
  } else {
    const d = new Database(db.name, { readonly: true });
    rows = d.prepare("SELECT name, tbl_name AS tbl FROM sqlite_master WHERE type = 'index'").all() as { name: string; tbl: string }[];
    d.close();
  }
  const owner = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const { name, tbl } of rows) {
    const seen = owner.get(name);
    if (seen !== undefined && seen !== tbl) ambiguous.add(name);
    else owner.set(name, tbl);
  }
  // "PRIMARY" (MySQL) names every table's key: it says nothing about which.
  for (const name of ambiguous) owner.delete(name);
  return owner;
}

// ---------------------------------------------------------------------------------------------
// The project

/** Version 1 synchronised by TypeORM, then version 2 written (prepare-synthetic.ts, a child). */
async function prepare(dir: string, n: number, db: BenchDatabase): Promise<void> {
  const args = [join(REPO, "dist", "bench", "prepare-synthetic.js"), dir, String(n), db.url, ...(db.typeormType ? [db.typeormType] : [])];
  await new Promise<void>((ok, fail) => {
    const child = spawn(process.execPath, args, { cwd: REPO, stdio: ["ignore", "pipe", "inherit"] });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      for (const line of chunk.split("\n").filter((l) => l.trim())) progress(`  ${line.trim()}`);
    });
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? ok() : fail(new Error(`prepare-synthetic exited with ${code} (${DIALECT_NAMES[db.dialect]}, ${n} entities)`))));
  });
}

/**
 * TypeORM's fastest path: version 2's entities as CommonJS under js/, compiled with the
 * TypeScript compiler (decorators and their design types emitted, as tsc does), a JavaScript
 * DataSource, and the same DataSource with a logger that counts the statements sent.
 */
function writeJavaScript(dir: string, n: number, db: BenchDatabase): void {
  const js = join(dir, "js");
  rmSync(js, { recursive: true, force: true });
  mkdirSync(join(js, "entities"), { recursive: true });
  const compilerOptions: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2021,
    strict: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
  };
  const src = join(dir, "src", "entities");
  for (const file of readdirSync(src).filter((f) => f.endsWith(".ts"))) {
    const out = ts.transpileModule(readFileSync(join(src, file), "utf8"), { compilerOptions, fileName: file });
    writeFileSync(join(js, "entities", file.replace(/\.ts$/, ".js")), out.outputText);
  }
  writeFileSync(join(js, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
  writeFileSync(join(js, "data-source.js"), javascriptDataSource({ entities: n, version: 2, dialect: db.dialect, connection: db.connection }));
  // migration:generate sets `logging: false`, which keeps a custom logger (setOptions only
  // replaces the logger when logging is truthy): every statement passes through logQuery.
  writeFileSync(
    join(js, "counting-data-source.js"),
    `"use strict";
const { dataSource } = require("./data-source.js");
let statements = 0;
dataSource.logger = { logQuery() { statements++; }, logQueryError() {}, logQuerySlow() {}, logSchemaBuild() {}, logMigration() {}, log() {} };
process.on("exit", () => process.stderr.write("BENCH_STATEMENTS " + statements + "\\n"));
exports.dataSource = dataSource;
`,
  );
}

// ---------------------------------------------------------------------------------------------
// athanor

interface AthanorRun extends Run {
  readonly timings: TimingsReport;
  readonly ops: readonly Op[];
}

function removeAthanorCache(dir: string): void {
  rmSync(join(dir, "node_modules", ".cache"), { recursive: true, force: true });
}

/** What each tool generates, deleted before and after its runs: every run sees the same state. */
const removeAthanorOutput = (dir: string) => rmSync(join(dir, "migrations", "versions"), { recursive: true, force: true });
const removeTypeormOutput = (dir: string) => rmSync(join(dir, "typeorm-out"), { recursive: true, force: true });

function timingsOf(stderr: string): TimingsReport {
  const line = stderr
    .split("\n")
    .reverse()
    .find((l) => l.startsWith('{"timings"'));
  if (!line) throw new Error(`athanor printed no timings line (ATHANOR_TIMINGS=json):\n${stderr.slice(-2000)}`);
  return (JSON.parse(line) as { timings: TimingsReport }).timings;
}

function runAthanor(dir: string, keep = false): AthanorRun {
  removeAthanorOutput(dir);
  const r = runNode([ATHANOR, "revision", "--autogenerate", "-m", "bench", "--json", "--rev-id", REV_ID, "--no-interactive"], dir, { ATHANOR_TIMINGS: "json" });
  if (r.status !== 0) throw failed("athanor revision --autogenerate", r);
  const out = JSON.parse(r.stdout.trim().split("\n").pop()!) as { operations: Op[]; file: string | null };
  if (!keep) removeAthanorOutput(dir);
  return { ...r, timings: timingsOf(r.stderr), ops: out.operations };
}

// ---------------------------------------------------------------------------------------------
// TypeORM

interface TypeormRun extends Run {
  readonly upQueries: readonly string[];
}

function runTypeorm(dir: string, dataSource = "js/data-source.js"): TypeormRun {
  removeTypeormOutput(dir);
  const r = runNode([TYPEORM_CLI, "migration:generate", "-d", dataSource, "typeorm-out/bench", "-t", TYPEORM_TIMESTAMP], dir);
  if (r.status !== 0) throw failed("typeorm migration:generate", r);
  const file = join(dir, "typeorm-out", `${TYPEORM_TIMESTAMP}-bench.ts`);
  if (!existsSync(file)) throw failed(`typeorm migration:generate (no ${file})`, r);
  const upQueries = upQueriesOf(readFileSync(file, "utf8"));
  removeTypeormOutput(dir);
  return { ...r, upQueries };
}

// ---------------------------------------------------------------------------------------------
// One size on one database

interface SizeResult {
  readonly dialect: BenchDialect;
  readonly server: string;
  readonly n: number;
  readonly syncMs: number;
  readonly warm: readonly AthanorRun[];
  readonly cold: readonly AthanorRun[];
  readonly typeorm: readonly TypeormRun[];
  readonly typeormStatements?: number;
  readonly athanorExact: Exactness;
  readonly typeormExact: Exactness;
}

const fmtMs = (ms: number) => (Number.isFinite(ms) ? (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)) : "–");
const fmtMb = (mb: number | undefined) => (mb === undefined || !Number.isFinite(mb) ? "–" : mb.toFixed(0));

async function benchSize(dialect: BenchDialect, n: number): Promise<SizeResult> {
  const dir = join(WORK, `${dialect}-${n}`);
  mkdirSync(dir, { recursive: true });
  removeAthanorOutput(dir);
  removeTypeormOutput(dir);
  const db = await createBenchDatabase(dialect, n, dir);
  try {
    progress(`${db.server}, ${n} entities: synchronising version 1 with TypeORM (in prefixes of 400), in database ${db.name}`);
    const t0 = Date.now();
    await prepare(dir, n, db);
    const syncMs = Date.now() - t0;
    const owners = await namedObjects(db);
    writeJavaScript(dir, n, db);
    const edits = knownEdits(n);

    const cold: AthanorRun[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      removeAthanorCache(dir);
      cold.push(runAthanor(dir));
      progress(`  athanor (cold cache) ${i + 1}/${COLD_RUNS}: ${fmtMs(cold[i].wallMs)} ms`);
    }
    // Untimed: counts TypeORM's statements, and warms the OS's file cache for its files.
    const counting = runTypeorm(dir, "js/counting-data-source.js");
    const statements = /BENCH_STATEMENTS (\d+)/.exec(counting.stderr)?.[1];
    progress(`  TypeORM (untimed, counting statements): ${fmtMs(counting.wallMs)} ms, ${statements ?? "?"} statements`);
    if (COLD_RUNS === 0) runAthanor(dir); // fills the compile cache for the warm runs

    const warm: AthanorRun[] = [];
    const typeorm: TypeormRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      warm.push(runAthanor(dir, i === RUNS - 1));
      typeorm.push(runTypeorm(dir));
      progress(`  run ${i + 1}/${RUNS}: athanor ${fmtMs(warm[i].wallMs)} ms, TypeORM ${fmtMs(typeorm[i].wallMs)} ms`);
    }
    // The last athanor run's file stays: `heads`/`history` below read a project with one revision.
    const athanorExact = athanorExactness(warm[warm.length - 1].ops, edits);
    const typeormExact = typeormExactness(typeorm[typeorm.length - 1].upQueries, edits, owners);
    const result: SizeResult = {
      dialect,
      server: db.server,
      n,
      syncMs,
      warm,
      cold,
      typeorm,
      ...(statements !== undefined ? { typeormStatements: Number(statements) } : {}),
      athanorExact,
      typeormExact,
    };
    printSize(result);
    return result;
  } finally {
    await dropBenchDatabase(db);
  }
}

const peakOfAthanor = (runs: readonly AthanorRun[]) => median(runs.map((r) => r.timings.peakMemoryMb));
const peakOf = (runs: readonly Run[]) => median(runs.map((r) => r.peakMb ?? NaN));
const exactText = (e: Exactness) =>
  e.exact ? "yes" : e.problems.length === 1 && e.problems[0].length < 60 ? `no: ${e.problems[0]}` : `no (${e.problems.length} problem(s)${e.spurious ? `, ${e.spurious} spurious statement(s)` : ""})`;

function rowsOf(r: SizeResult): string[][] {
  const typeormMs = median(r.typeorm.map((x) => x.wallMs));
  // TypeORM's time over athanor's: above 1, athanor is faster.
  const ratio = (ms: number) => `${(typeormMs / ms).toFixed(2)}×`;
  const warmMs = median(r.warm.map((x) => x.wallMs));
  const coldMs = median(r.cold.map((x) => x.wallMs));
  const queries = (runs: readonly AthanorRun[]) => String(runs[0]?.timings.catalogQueries ?? "–");
  const rows = [
    ["athanor (warm cache)", fmtMs(warmMs), ratio(warmMs), fmtMb(peakOfAthanor(r.warm)), queries(r.warm), exactText(r.athanorExact)],
    ...(r.cold.length ? [["athanor (cold cache)", fmtMs(coldMs), ratio(coldMs), fmtMb(peakOfAthanor(r.cold)), queries(r.cold), exactText(r.athanorExact)]] : []),
    ["TypeORM migration:generate", fmtMs(typeormMs), "1×", fmtMb(peakOf(r.typeorm)), r.typeormStatements !== undefined ? `${r.typeormStatements} (all statements)` : "–", exactText(r.typeormExact)],
  ];
  return rows;
}

function phaseRow(runs: readonly AthanorRun[]): string[] {
  return [...PHASES.map((p) => (runs.some((r) => r.timings.phases[p] !== undefined) ? fmtMs(median(runs.map((r) => r.timings.phases[p] ?? 0))) : "–")), fmtMs(median(runs.map((r) => r.timings.other))), fmtMs(median(runs.map((r) => r.timings.total)))];
}

function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

const sizeOfMigration = (r: SizeResult) => `athanor: ${r.warm[r.warm.length - 1].ops.length} ops; TypeORM: ${r.typeorm[r.typeorm.length - 1].upQueries.length} statements in up()`;

function printSize(r: SizeResult): void {
  console.log(`\n${r.server}, ${r.n} entities (synchronise: ${(r.syncMs / 1000).toFixed(1)} s; median of ${RUNS} warm runs, ${r.cold.length} cold)`);
  printTable(["tool", "wall (ms)", "speed-up", "peak MB", "catalog queries", "exact"], rowsOf(r));
  console.log("athanor phases (ms, median):");
  printTable(["run", ...PHASES, "other", "total"], [["warm", ...phaseRow(r.warm)], ...(r.cold.length ? [["cold", ...phaseRow(r.cold)]] : [])]);
  console.log(`  ${sizeOfMigration(r)}`);
  for (const [tool, e] of [["athanor", r.athanorExact], ["TypeORM", r.typeormExact]] as const) {
    for (const p of e.problems) console.log(`  ${tool}: ${p}`);
    for (const note of e.notes) console.log(`  ${tool} note: ${note}`);
  }
  console.log("");
}

// ---------------------------------------------------------------------------------------------
// Commands that read only the migration files

interface CliResult {
  readonly project: string;
  readonly command: string;
  readonly wallMs: number;
  readonly peakMb?: number;
}

/** Median of CLI_RUNS runs after one untimed run (which fills the compile cache). */
function timeCommand(project: string, dir: string, args: readonly string[], cold = false): CliResult {
  const run = () => {
    const r = runNode([ATHANOR, ...args], dir);
    if (r.status !== 0) throw failed(`athanor ${args.join(" ")}`, r);
    return r;
  };
  if (cold) {
    removeAthanorCache(dir);
    const r = run();
    return { project, command: `${args.join(" ")} (cold cache)`, wallMs: r.wallMs, peakMb: r.peakMb };
  }
  run();
  const runs = Array.from({ length: CLI_RUNS }, run);
  return { project, command: args.join(" "), wallMs: median(runs.map((r) => r.wallMs)), peakMb: peakOf(runs) };
}

/**
 * A chain of REVISION_CHAIN revision files as `revision` writes them (the shipped template,
 * formatted), each adding a column. Written once: the same ids and dates every time.
 */
async function writeRevisionChain(dir: string): Promise<void> {
  const versions = join(dir, "migrations", "versions");
  if (existsSync(versions) && readdirSync(versions).filter((f) => f.endsWith(".ts")).length === REVISION_CHAIN) return;
  rmSync(versions, { recursive: true, force: true });
  mkdirSync(versions, { recursive: true });
  writeFileSync(join(dir, "athanor.config.ts"), `export default { dataSource: { file: "./src/data-source.ts", export: "dataSource" }, migrations: "./migrations" };\n`);
  const template = templateFor(join(dir, "migrations"));
  const id = (i: number) => createHash("sha1").update(`bench-revision-${i}`).digest("hex").slice(0, 12);
  for (let i = 0; i < REVISION_CHAIN; i++) {
    const message = `add column c${i}`;
    const ops: Op[] = [{ kind: "addColumn", table: `item_${String(i % 50).padStart(4, "0")}`, column: { name: `c${i}`, type: "varchar", length: 50, nullable: true } }];
    const text = renderMigration(template, {
      revision: id(i),
      downRevisions: i === 0 ? [] : [id(i - 1)],
      message,
      createDate: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      ops,
      server: "PostgreSQL 15",
    });
    const path = join(versions, `${id(i)}_add_column_c${i}.ts`);
    writeFileSync(path, await formatTypeScript(text, path));
  }
}

async function benchCommands(v2Project: string | undefined): Promise<CliResult[]> {
  const results: CliResult[] = [];
  if (v2Project) {
    const label = `v2 project (${v2Project.replace(`${WORK}/`, "")}, 1 revision)`;
    progress(`timing heads, history, --help on the ${label}`);
    for (const args of [["heads"], ["history"], ["--help"]]) results.push(timeCommand(label, v2Project, args));
  }
  const chain = join(WORK, `revisions-${REVISION_CHAIN}`);
  progress(`writing ${REVISION_CHAIN} revision files (once) under ${chain}`);
  await writeRevisionChain(chain);
  const label = `${REVISION_CHAIN} revisions`;
  progress(`timing heads, history on ${label}`);
  results.push(timeCommand(label, chain, ["heads"], true));
  for (const args of [["heads"], ["history"]]) results.push(timeCommand(label, chain, args));
  console.log("");
  printTable(["project", "command", "median wall (ms)", "peak MB"], results.map((r) => [r.project, `athanor ${r.command}`, fmtMs(r.wallMs), fmtMb(r.peakMb)]));
  return results;
}

// ---------------------------------------------------------------------------------------------
// Results

function markdown(sizes: readonly SizeResult[], commands: readonly CliResult[] | undefined, skipped: readonly string[], done = false): string {
  const cpu = cpus();
  const load = loadavg().map((x) => x.toFixed(1)).join(", ");
  const table = (header: readonly string[], rows: readonly (readonly string[])[]) => [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
  const out: string[] = [
    "# `revision --autogenerate` against TypeORM's `migration:generate`",
    "",
    `Measured by \`npm run bench\` (bench/generate-bench.ts) on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), shared with other jobs (load average ${load} at the end), Node ${process.version}, TypeORM 1.1.1. BENCH_ENTITIES=${SIZES.join(",")}, ${RUNS} timed runs per tool alternating athanor / TypeORM, ${COLD_RUNS} cold.`,
    "",
    "Each project has N entities (about ten columns, three indexes, a unique column and a foreign key each); TypeORM synchronised the database from version 1, and version 2 has eleven known edits (bench/synthetic-project.ts). athanor runs as a user runs it, on the TypeScript entities (`revision --autogenerate --json`), with its compile cache filled (warm) or removed (cold); TypeORM runs `migration:generate` on the same entities precompiled to CommonJS, its fastest path. Wall time is measured around the child process; peak memory is the child's maximum RSS (athanor's from its own `--timings`, TypeORM's from GNU time). Catalog queries: athanor's introspection queries from `--timings`; for TypeORM every statement `migration:generate` sends, counted by a logger in a separate untimed run.",
    "",
    ...(skipped.length ? [`Skipped: ${skipped.join("; ")}.`, ""] : []),
    ...table(
      ["database", "entities", "tool", "median wall (ms)", "speed-up (TypeORM ÷ tool)", "peak MB", "catalog queries", "exact edits?"],
      sizes.flatMap((r) => rowsOf(r).map((row) => [r.server, String(r.n), ...row])),
    ),
    "",
    "athanor's phases (ms, median per phase; `--timings`, exclusive of nested phases):",
    "",
    ...table(["database", "entities", "cache", ...PHASES, "other", "total"], sizes.flatMap((r) => [[r.server, String(r.n), "warm", ...phaseRow(r.warm)], ...(r.cold.length ? [[r.server, String(r.n), "cold", ...phaseRow(r.cold)]] : [])])),
    "",
  ];
  const details = sizes.flatMap((r) => [
    `- ${r.server}, ${r.n} entities: ${sizeOfMigration(r)}`,
    ...([["athanor", r.athanorExact], ["TypeORM", r.typeormExact]] as const).flatMap(([tool, e]) => [...e.problems.map((p) => `- ${r.server}, ${r.n} entities, ${tool}: ${p}`), ...e.notes.map((p) => `- ${r.server}, ${r.n} entities, ${tool}: ${p}`)]),
  ]);
  out.push(
    "Exact edits: athanor's ops, grouped by table, must be the known edits' op kinds exactly; TypeORM's `up` statements must change each edited table and no other (a statement naming no edited table, or another table, is spurious).",
    "",
    ...details,
    "",
    "Synchronising version 1 with TypeORM (not timed above): " + sizes.map((r) => `${r.server} ${r.n} entities ${(r.syncMs / 1000).toFixed(0)} s`).join(", ") + ".",
    "",
    ...(commands
      ? [
          `Commands that read only the migration files (median of ${CLI_RUNS} runs after one untimed run; cold: compile cache removed, once):`,
          "",
          ...table(["project", "command", "median wall (ms)", "peak MB"], commands.map((c) => [c.project, `athanor ${c.command}`, fmtMs(c.wallMs), fmtMb(c.peakMb)])),
          "",
        ]
      : []),
    ...(done ? [] : ["(Written while the run went on: the sizes and databases not listed above were not measured.)", ""]),
  );
  return out.join("\n");
}

function writeResults(text: string): void {
  mkdirSync(join(REPO, "bench", "results"), { recursive: true });
  writeFileSync(join(REPO, "bench", "results", "generate.md"), text);
}

async function main(): Promise<void> {
  if (SIZES.some((n) => !Number.isInteger(n) || n < 12)) throw new Error(`BENCH_ENTITIES=${process.env.BENCH_ENTITIES}: sizes are whole numbers of at least 12`);
  if (!existsSync(join(REPO, "dist", "bench", "prepare-synthetic.js"))) throw new Error("dist/bench/prepare-synthetic.js is missing: run `npm run build` first (npm run bench does)");
  if (!HAS_TIME) console.log(`note: ${TIME} not found: TypeORM's peak memory is not measured`);
  const order: BenchDialect[] = (["postgres", "mysql", "sqlite"] as const).filter((d) => DIALECTS.includes(d));
  const skipped: string[] = [];
  const reachable: BenchDialect[] = [];
  for (const dialect of order) {
    const why = dialect === "sqlite" ? undefined : await unreachable(dialect);
    if (!why) reachable.push(dialect);
    else if (dialect === "postgres") {
      throw new Error(
        `PostgreSQL is unreachable at ${SERVER_URLS.postgres} (${why}). The generate benchmark needs it: start PostgreSQL, set ATHANOR_TEST_POSTGRES_URL to a server where this user may create databases, or run another dialect alone with BENCH_DIALECTS=sqlite.`,
      );
    } else {
      skipped.push(`${DIALECT_NAMES[dialect]} (unreachable: ${why})`);
      progress(`${DIALECT_NAMES[dialect]} skipped: unreachable (${why})`);
    }
  }
  const sizes: SizeResult[] = [];
  let commands: CliResult[] | undefined;
  // Sizes outside, databases inside (PostgreSQL first): a run stopped during the slow largest
  // size keeps every database's smaller sizes, and the commands timed after the first size.
  for (const n of SIZES) {
    for (const dialect of reachable) {
      sizes.push(await benchSize(dialect, n));
      commands ??= await benchCommands(join(WORK, `${dialect}-${n}`));
      // Written after every size: a run stopped at N=2000 keeps what it measured.
      writeResults(markdown(sizes, commands, skipped));
    }
  }
  writeResults(markdown(sizes, commands, skipped, true));
  progress(`written to bench/results/generate.md`);
}

main().catch((e) => {
  console.error(e instanceof Error ? (process.env.BENCH_DEBUG ? e.stack : e.message) : e);
  process.exit(1);
});
