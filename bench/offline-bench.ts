/**
 * `npm run bench:offline`: how long `check --offline` takes on a synthetic project
 * (synthetic-project.ts) whose history is an initial revision of N tables and a revision of the
 * known edits, with no database server involved at all (the DataSource points at a closed port).
 *
 * Cold: the replay cache is removed before each run, so every migration is replayed into the
 * embedded engine (PGlite's start-up included). Warm: the second run on an unchanged history,
 * which reads the cached catalog. The compile cache of the entities is warm in both, so the
 * difference is the replay. Runs alternate cold/warm; medians are quoted. Results go to
 * bench/results/offline.md.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeSyntheticProject, type BenchDialect } from "./synthetic-project";

const REPO = resolve(__dirname, "..", "..");
const WORK = join(REPO, ".bench-work", "offline");
const ATHANOR = join(REPO, "bin", "athanor.js");
const SIZES = (process.env.BENCH_OFFLINE_ENTITIES ?? "100,500").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DIALECTS: readonly BenchDialect[] = ["sqlite", "postgres"];
/** Where the DataSource points: nothing listens there, so any connection attempt would fail. */
const NOWHERE: Record<"sqlite" | "postgres", (dir: string) => Record<string, unknown>> = {
  sqlite: (dir) => ({ database: join(dir, "never-created", "db.sqlite") }),
  postgres: () => ({ url: "postgres://nobody@127.0.0.1:1/nowhere" }),
};

interface Timed {
  readonly ms: number;
  readonly phases: Record<string, number>;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

function athanor(dir: string, args: readonly string[], expectStatus = 0): Timed {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [ATHANOR, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, ATHANOR_TIMINGS: "json", ATHANOR_DATABASE_URL: "" }, maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== expectStatus) throw new Error(`athanor ${args.join(" ")} exited with ${r.status}:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  const line = r.stderr.split("\n").reverse().find((l) => l.startsWith('{"timings"'));
  const phases = line ? ((JSON.parse(line) as { timings: { phases: Record<string, number> } }).timings.phases ?? {}) : {};
  return { ms, phases };
}

function projectFor(dialect: "sqlite" | "postgres", n: number): string {
  const dir = join(WORK, `${dialect}-${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const connection = NOWHERE[dialect](dir);
  writeSyntheticProject(dir, { entities: n, version: 1, dialect, connection });
  athanor(dir, ["revision", "--autogenerate", "--offline", "-m", "initial", "--rev-id", "bench0001", "--no-interactive"]);
  writeSyntheticProject(dir, { entities: n, version: 2, dialect, connection });
  athanor(dir, ["revision", "--autogenerate", "--offline", "-m", "known edits", "--rev-id", "bench0002", "--no-interactive"]);
  return dir;
}

/** A small hand-written revision on top of the two generated ones (a table no entity maps: check exits 1). */
const EXTRA_REVISION = `import type { MigrationContext } from "athanor";
export const revision = "bench0003";
export const downRevision = "bench0002";
export async function upgrade({ op }: MigrationContext): Promise<void> {
  await op.execute("CREATE TABLE bench_extra (id integer PRIMARY KEY)");
}
export async function downgrade({ op }: MigrationContext): Promise<void> {
  await op.execute("DROP TABLE bench_extra");
}
`;

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

async function main(): Promise<void> {
  const rows: string[][] = [];
  for (const dialect of DIALECTS.filter((d): d is "sqlite" | "postgres" => d !== "mysql")) {
    for (const n of SIZES) {
      console.log(`${dialect}, ${n} entities: writing the project and its two revisions offline…`);
      const dir = projectFor(dialect, n);
      const cold: Timed[] = [];
      const warm: Timed[] = [];
      const onTop: Timed[] = [];
      const extra = join(dir, "migrations", "versions", "bench0003_extra.ts");
      for (let i = 0; i < RUNS; i++) {
        rmSync(join(dir, "node_modules", ".cache", "athanor", "replay"), { recursive: true, force: true });
        cold.push(athanor(dir, ["check", "--offline"]));
        warm.push(athanor(dir, ["check", "--offline"]));
        // A developer's next step: one more revision on top of the history just replayed.
        writeFileSync(extra, EXTRA_REVISION);
        onTop.push(athanor(dir, ["check", "--offline"], 1));
        rmSync(extra);
        console.log(`  run ${i + 1}: cold ${fmt(cold[i].ms)} ms, warm ${fmt(warm[i].ms)} ms, one revision on top ${fmt(onTop[i].ms)} ms`);
      }
      const phase = (runs: readonly Timed[], names: readonly string[]) => median(runs.map((r) => names.reduce((sum, p) => sum + (r.phases[p] ?? 0), 0)));
      rows.push([
        dialect === "postgres" ? "PostgreSQL (PGlite)" : "SQLite (in memory)",
        String(n),
        fmt(median(cold.map((r) => r.ms))),
        fmt(phase(cold, ["connect", "apply", "introspect"])),
        fmt(median(warm.map((r) => r.ms))),
        fmt(phase(warm, ["connect", "apply", "introspect"])),
        (median(cold.map((r) => r.ms)) / median(warm.map((r) => r.ms))).toFixed(1),
        fmt(median(onTop.map((r) => r.ms))),
      ]);
    }
  }
  const header = ["engine", "entities", "cold check --offline (ms)", "of which replay + read (ms)", "warm check --offline (ms)", "of which replay + read (ms)", "cold / warm", "one revision added on top (ms)"];
  const table = [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
  const text =
    `# Offline check: cold and warm\n\n` +
    `History: an initial revision creating N tables (each about ten columns, three indexes, a unique column, a foreign key) and a revision of eleven edits; ` +
    `no database server reachable. Medians of ${RUNS} alternating runs (\`npm run bench:offline\`, BENCH_OFFLINE_ENTITIES=${SIZES.join(",")}). ` +
    `"replay + read" is the time in the engine's start-up, the replay and the catalog read (phases connect, apply and introspect of --timings); the rest is loading the entities and diffing, as online (and, cold on PostgreSQL, saving the PGlite image). "One revision added on top": the next check after a revision is added to the warm history; PGlite then starts from the image of the history below it.\n\n` +
    `${table}\n`;
  console.log(`\n${text}`);
  mkdirSync(join(REPO, "bench", "results"), { recursive: true });
  writeFileSync(join(REPO, "bench", "results", "offline.md"), text);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
