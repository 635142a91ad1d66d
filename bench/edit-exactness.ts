/**
 * Whether a tool's migration holds exactly the known edits of a synthetic project (for
 * generate-bench.ts): athanor's ops are compared kind by kind, table by table; TypeORM's SQL
 * statements by the tables they change, since its statements have no kinds to read back.
 */
import type { Op } from "../src/ops/types";
import { tableOf } from "../src/ops/hazards";
import type { KnownEdit } from "./synthetic-project";

/** The table an op is on (hazards.ts decides it for every op kind); raw SQL is "(execute)". */
export function tableOfOp(op: Op): string {
  return tableOf(op) ?? "(execute)";
}

export interface Exactness {
  readonly exact: boolean;
  /** Edits the tool missed, or found differently. */
  readonly problems: readonly string[];
  /** Statements (TypeORM) or ops (athanor) outside the edited tables. */
  readonly spurious: number;
  readonly notes: readonly string[];
}

/** athanor's ops grouped by table, against the known edits' op kinds. */
export function athanorExactness(ops: readonly Op[], edits: readonly KnownEdit[]): Exactness {
  const found = new Map<string, string[]>();
  for (const op of ops) {
    const t = tableOfOp(op);
    found.set(t, [...(found.get(t) ?? []), op.kind]);
  }
  const problems: string[] = [];
  const expected = new Map<string, { what: string[]; ops: string[] }>();
  for (const e of edits) {
    const x = expected.get(e.table) ?? { what: [], ops: [] };
    expected.set(e.table, { what: [...x.what, e.what], ops: [...x.ops, ...e.ops] });
  }
  for (const [table, e] of expected) {
    const got = [...(found.get(table) ?? [])].sort();
    const want = [...e.ops].sort();
    if (got.join(",") !== want.join(",")) problems.push(`${table} (${e.what.join(", ")}): expected ${want.join(", ")}; got ${got.join(", ") || "nothing"}`);
  }
  let spurious = 0;
  for (const [table, kinds] of found) {
    if (expected.has(table)) continue;
    spurious += kinds.length;
    problems.push(`${table}: unexpected ${kinds.join(", ")}`);
  }
  return { exact: problems.length === 0, problems, spurious, notes: [] };
}

/** The statements of the generated migration's `up` method. */
export function upQueriesOf(source: string): string[] {
  const start = source.indexOf("async up(");
  const end = source.indexOf("async down(");
  const body = source.slice(start, end < 0 ? undefined : end);
  const queries: string[] = [];
  for (const m of body.matchAll(/await queryRunner\.query\(`((?:[^`\\]|\\.)*)`/g)) queries.push(m[1].replace(/\\(.)/g, "$1"));
  return queries;
}

/**
 * The tables a statement changes: the tables it names (TypeORM's SQLite rebuilds go through
 * `temporary_<table>`), and those of the indexes and constraints it names. A foreign key's
 * referenced table is read, not changed: `REFERENCES "t"(…)` is left out.
 */
export function tablesOfStatement(sql: string, owners: ReadonlyMap<string, string>): Set<string> {
  const tables = new Set<string>();
  const text = sql.replace(/REFERENCES\s+(?:["`][^"`]+["`]\s*\.\s*)?["`][^"`]+["`]/gi, "REFERENCES");
  for (const m of text.matchAll(/["`]([^"`]+)["`]/g)) {
    const name = m[1];
    const table = /^(?:temporary_)?(item_\d{4}|item_added)$/.exec(name);
    if (table) tables.add(table[1]);
    else if (owners.has(name)) tables.add(owners.get(name)!);
  }
  return tables;
}

/** Each edit's table among those TypeORM's statements change, and no statement elsewhere. */
export function typeormExactness(queries: readonly string[], edits: readonly KnownEdit[], owners: ReadonlyMap<string, string>): Exactness {
  const edited = new Set(edits.map((e) => e.table));
  const touched = new Map<string, string[]>();
  let spurious = 0;
  const problems: string[] = [];
  for (const q of queries) {
    const tables = tablesOfStatement(q, owners);
    if (tables.size === 0 || [...tables].some((t) => !edited.has(t))) {
      spurious++;
      if (spurious <= 5) problems.push(`statement outside the edits: ${q.length > 160 ? `${q.slice(0, 160)}…` : q}`);
    }
    for (const t of tables) touched.set(t, [...(touched.get(t) ?? []), q]);
  }
  if (spurious > 5) problems.push(`… ${spurious - 5} more statement(s) outside the edits`);
  const notes: string[] = [];
  for (const e of edits) {
    const statements = touched.get(e.table) ?? [];
    if (statements.length === 0) problems.push(`missed: ${e.what} (${e.table})`);
    // A changed column TypeORM drops and adds again loses its data: worth saying, though the
    // table is the right one.
    if (e.ops.includes("alterColumn") && statements.some((s) => /DROP COLUMN/i.test(s))) notes.push(`${e.what} (${e.table}): DROP COLUMN + ADD COLUMN (the column's data is lost)`);
  }
  return { exact: problems.length === 0, problems, spurious, notes };
}
