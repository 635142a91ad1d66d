/**
 * `revision --autogenerate --expand-contract`: the diff cut into two revisions, so a deploy never
 * meets a schema its running code cannot use.
 *
 * - **expand** (apply before the deploy): everything additive; a renamed column is added under its
 *   new name (nullable, without its default), kept in step with the old one by triggers, and
 *   filled from it in batches; a NOT NULL column added to an existing table is added nullable and
 *   filled in batches from an expression the reviewer writes; a dropped column or table is only
 *   announced (a comment: code must stop using it).
 * - **contract** (apply after the deploy, when no running code uses the old names): drops the
 *   triggers, the old column, the dropped columns and tables, and sets NOT NULL (after one more
 *   backfill of the rows old code inserted in between).
 *
 * The contract revision is the expand revision's child, so `athanor upgrade <expand id>` applies the
 * expand only and `athanor upgrade head` the rest. Each file says its phase in its message (which
 * `history` shows) and in `export const phase`.
 *
 * Out of scope (refused or left as they are): table renames (they stay in the expand revision, as
 * one step), renaming a column that an index, key or constraint uses, and columns with both
 * names written with different defaults during the transition (the triggers copy only into NULL).
 */
import { headerValues, withServer } from "../render/migration-file";
import { hazards } from "../ops/hazards";
import { hazardNote } from "../render/data-check-notes";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Project } from "../config/resolve-project";
import type { SyncTriggers } from "../dialects/dialect";
import { IrreversibleOperationError, UnsupportedOperationError } from "../errors";
import { reverseOp } from "../ops/reverse";
import type { Op } from "../ops/types";
import { formatTypeScript, templateFor } from "../render/migration-file";
import { literal as l } from "../render/literal";
import { renderOp } from "../render/render-op";
import { versionsDir } from "../runner/load-migrations";
import { findColumn, findTable } from "../schema/lookup";
import type { Column, Schema, Table } from "../schema/types";

/** Where a backfill's values come from: another column, or an expression the reviewer writes. */
export type BackfillValue = { readonly column: string } | { readonly todo: true };

/** One step of a phase: an op, or one of the runtime helpers of the op API, or a comment. */
export type Step =
  | { readonly kind: "op"; readonly op: Op }
  | { readonly kind: "backfill"; readonly table: string; readonly column: string; readonly value: BackfillValue }
  | { readonly kind: "syncColumns" | "dropSyncColumns"; readonly table: string; readonly from: string; readonly to: string }
  | { readonly kind: "note"; readonly text: string };

export interface Phase {
  readonly upgrade: readonly Step[];
  readonly downgrade: readonly Step[];
}

export interface ExpandContractPlan {
  readonly expand: Phase;
  readonly contract: Phase;
}

/** Rows per UPDATE of a generated backfill. */
export const BACKFILL_BATCH_SIZE = 1000;

/**
 * Splits `ops` (what `compare(current, desired)` returned) into expand and contract phases.
 * Undefined when nothing in them needs two steps (no column rename, drop, or NOT NULL column
 * added to an existing table).
 */
export function splitExpandContract(ops: readonly Op[], current: Schema, desired: Schema, triggers: SyncTriggers | undefined): ExpandContractPlan | undefined {
  const created = new Set(ops.flatMap((op) => (op.kind === "createTable" ? [op.table.name] : [])));
  const droppedTables = new Set(ops.flatMap((op) => (op.kind === "dropTable" ? [op.table.name] : [])));
  const droppedColumns = new Set(ops.flatMap((op) => (op.kind === "dropColumn" ? [key(op.table, op.column.name)] : [])));
  const renamed = ops.filter((op): op is Extract<Op, { kind: "renameColumn" }> => op.kind === "renameColumn");
  const newNames = new Set(renamed.map((r) => key(r.table, r.to)));
  const notNullAdds = ops.filter(
    (op): op is Extract<Op, { kind: "addColumn" }> =>
      op.kind === "addColumn" && !created.has(op.table) && needsBackfill(op.column),
  );
  if (renamed.length + droppedTables.size + droppedColumns.size + notNullAdds.length === 0) return undefined;

  /** Drops that must wait for the contract: of what a dropped table or column carries. */
  const waits = (op: Op): boolean => {
    switch (op.kind) {
      case "dropTable":
      case "dropColumn":
        return true;
      case "dropIndex":
        return droppedTables.has(op.table) || op.index.columns.some((c) => droppedColumns.has(key(op.table, c)));
      case "dropUnique":
        return droppedTables.has(op.table) || op.unique.columns.some((c) => droppedColumns.has(key(op.table, c)));
      case "dropForeignKey":
        return (
          droppedTables.has(op.table) ||
          droppedTables.has(op.foreignKey.referencedTable) ||
          op.foreignKey.columns.some((c) => droppedColumns.has(key(op.table, c)))
        );
      case "dropCheck":
      case "dropPrimaryKey":
        return droppedTables.has(op.table);
      default:
        return false;
    }
  };

  // Triggers go in after, and out before, every other change: SQLite's table rebuild (an
  // alteration, a constraint) drops a table's triggers. Backfills follow the triggers, so rows
  // written meanwhile are kept in step too. Downgrades list their units in reverse.
  const expandUp = parts();
  const expandDown = parts();
  const contractUp = parts();
  const contractDown = parts();
  const down = (target: Parts, unit: Partial<Parts>) => {
    for (const k of ["early", "main", "late"] as const) target[k].unshift(...(unit[k] ?? []));
  };
  const up = (target: Parts, unit: Partial<Parts>) => {
    for (const k of ["early", "main", "late"] as const) target[k].push(...(unit[k] ?? []));
  };
  for (const op of ops) {
    if (op.kind === "renameColumn") {
      const unit = renameSteps(op.table, op.from, op.to, current, desired, triggers);
      up(expandUp, unit.expandUp);
      down(expandDown, unit.expandDown);
      up(contractUp, unit.contractUp);
      down(contractDown, unit.contractDown);
    } else if (op.kind === "addColumn" && notNullAdds.includes(op)) {
      const loose: Column = { ...op.column, nullable: true };
      const added: Op = { kind: "addColumn", table: op.table, column: loose };
      const setNotNull: Op = { kind: "alterColumn", table: op.table, from: loose, to: op.column };
      const fill: Step = { kind: "backfill", table: op.table, column: op.column.name, value: { todo: true } };
      up(expandUp, { main: [{ kind: "op", op: added }], late: [fill] });
      down(expandDown, { main: reversed(added) });
      // Rows old code inserted after the expand's backfill are NULL again: fill them, then NOT NULL.
      up(contractUp, { early: [fill], main: [{ kind: "op", op: setNotNull }] });
      down(contractDown, { main: reversed(setNotNull) });
    } else if (op.kind === "alterColumn" && newNames.has(key(op.table, op.to.name))) {
      // The renamed column is added with its final definition; nothing is left to alter.
      continue;
    } else if (waits(op)) {
      if (op.kind === "dropTable") up(expandUp, { main: [note(`deprecated: table ${l(op.table.name)} is dropped by the contract revision; deploy code that no longer uses it first`)] });
      if (op.kind === "dropColumn") up(expandUp, { main: [note(`deprecated: column ${l(op.table)}.${l(op.column.name)} is dropped by the contract revision; deploy code that no longer uses it first`)] });
      up(contractUp, { main: [{ kind: "op", op }] });
      down(contractDown, { main: reversed(op) });
    } else {
      up(expandUp, { main: [{ kind: "op", op }] });
      down(expandDown, { main: reversed(op) });
    }
  }
  return {
    expand: { upgrade: flat(expandUp), downgrade: flat(expandDown) },
    contract: { upgrade: flat(contractUp), downgrade: flat(contractDown) },
  };
}

/** A phase's steps in three runs: triggers dropped (and placeholders filled) first, then ops, then triggers and backfills. */
interface Parts {
  readonly early: Step[];
  readonly main: Step[];
  readonly late: Step[];
}
const parts = (): Parts => ({ early: [], main: [], late: [] });
const flat = (p: Parts): Step[] => [...p.early, ...p.main, ...p.late];

/** A NOT NULL column without a default (or a generator) cannot be added to a table with rows. */
function needsBackfill(c: Column): boolean {
  return !c.nullable && c.default === undefined && c.autoIncrement === undefined && c.asExpression === undefined;
}

/**
 * A column renamed `from` → `to`, as two phases. The new column is added without its default (and
 * ON UPDATE): old code inserting through the old name would otherwise get the default in the new
 * column, and the trigger copies only into NULL. The contract gives it its final definition.
 */
function renameSteps(
  table: string,
  from: string,
  to: string,
  current: Schema,
  desired: Schema,
  triggers: SyncTriggers | undefined,
): Record<"expandUp" | "expandDown" | "contractUp" | "contractDown", Partial<Parts>> {
  const before = findTable(current, table);
  const after = findTable(desired, table);
  const a = before && findColumn(before, from);
  const b = after && findColumn(after, to);
  if (!before || !after || !a || !b) throw new UnsupportedOperationError(`cannot find column ${table}.${from} (or ${to} in the entities) to split its rename`);
  if (!triggers) {
    throw new UnsupportedOperationError(
      `--expand-contract cannot keep ${table}.${from} and ${table}.${to} in step on this database (no sync triggers)`,
      "Generate the revision without --expand-contract, and keep both columns in step from the application code.",
    );
  }
  const user = usedBy(before, from) ?? usedBy(after, to);
  if (user) {
    throw new UnsupportedOperationError(
      `--expand-contract does not split the rename of ${table}.${from} to ${to}: ${user} uses it`,
      "Generate this rename without --expand-contract (a one-step rename), or split it by hand: add the new column and its index or key in one revision, drop the old ones in the next.",
    );
  }
  if (b.autoIncrement !== undefined || b.asExpression !== undefined) {
    throw new UnsupportedOperationError(`--expand-contract does not split the rename of ${table}.${from}: the column is generated or auto-incremented`, "Generate this rename without --expand-contract.");
  }
  const added: Column = without({ ...b, nullable: true }, ["default", "onUpdate"]);
  // SQLite checks NOT NULL before triggers run: new code could not insert through the new name alone.
  const relaxed: Column | undefined = !triggers.fillsNotNull && !a.nullable ? { ...a, nullable: true } : undefined;
  const old = relaxed ?? a;
  const addNew: Op = { kind: "addColumn", table, column: added };
  const relax: Op | undefined = relaxed && { kind: "alterColumn", table, from: a, to: relaxed };
  const finish: Op | undefined = same(added, b) ? undefined : { kind: "alterColumn", table, from: added, to: b };
  const dropOld: Op = { kind: "dropColumn", table, column: old };
  // The downgrade re-adds the old column as the expand left it, filled from the new one; where
  // a BEFORE trigger can fill NOT NULL it is added loose and tightened after the backfill.
  const readded: Column = triggers.fillsNotNull ? without({ ...old, nullable: true }, ["default", "onUpdate"]) : old;
  const tighten: Op | undefined = same(readded, old) ? undefined : { kind: "alterColumn", table, from: readded, to: old };
  const sync = { table, from, to };
  const op = (o: Op | undefined): Step[] => (o ? [{ kind: "op", op: o }] : []);
  return {
    expandUp: { main: [...op(addNew), ...op(relax)], late: [{ kind: "syncColumns", ...sync }, { kind: "backfill", table, column: to, value: { column: from } }] },
    expandDown: { early: [{ kind: "dropSyncColumns", ...sync }], main: [...(relax ? reversed(relax) : []), ...reversed(addNew)] },
    contractUp: { early: [{ kind: "dropSyncColumns", ...sync }], main: [...op(dropOld), ...op(finish)] },
    contractDown: {
      main: [...(finish ? reversed(finish) : []), ...op({ kind: "addColumn", table, column: readded })],
      late: [{ kind: "syncColumns", ...sync }, { kind: "backfill", table, column: from, value: { column: to } }, ...op(tighten)],
    },
  };
}

/** What in the table uses the column (an index, a key, a constraint): its description, or undefined. */
function usedBy(table: Table, column: string): string | undefined {
  if (table.primaryKey?.columns.includes(column)) return "the primary key";
  const index = table.indexes.find((i) => i.columns.includes(column));
  if (index) return `index ${l(index.name)}`;
  const unique = table.uniques.find((u) => u.columns.includes(column));
  if (unique) return `unique constraint ${l(unique.name)}`;
  const fk = table.foreignKeys.find((f) => f.columns.includes(column));
  if (fk) return `foreign key ${l(fk.name)}`;
  const check = (table.checks ?? []).find((c) => new RegExp(`\\b${column.replace(/[^\w]/g, "\\$&")}\\b`).test(c.expression));
  return check ? `check constraint ${l(check.name)}` : undefined;
}

function reversed(op: Op): Step[] {
  try {
    return [{ kind: "op", op: reverseOp(op) }];
  } catch (e) {
    if (!(e instanceof IrreversibleOperationError)) throw e;
    return [note(`${e.message}: undo it by hand here`)];
  }
}

const note = (text: string): Step => ({ kind: "note", text });
const key = (table: string, column: string) => `${table}\u0000${column}`;

function without(c: Column, keys: readonly (keyof Column)[]): Column {
  const copy: Record<string, unknown> = { ...c };
  for (const k of keys) delete copy[k];
  return copy as unknown as Column;
}

function same(x: Column, y: Column): boolean {
  return JSON.stringify(Object.entries(x).sort()) === JSON.stringify(Object.entries(y).sort());
}

// --- rendering ---------------------------------------------------------------------------------

/** The variable holding the reviewer's expression for a backfill placeholder. */
function todoVariable(table: string, column: string): string {
  return `fill_${`${table}_${column}`.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/** A phase's function body: placeholders first (so an unwritten one stops before any change), then the steps. */
export function renderSteps(steps: readonly Step[]): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const s of steps) {
    if (s.kind !== "backfill" || !("todo" in s.value)) continue;
    const v = todoVariable(s.table, s.column);
    if (seen.has(v)) continue;
    seen.add(v);
    lines.push(
      `// FILL IN before applying: the SQL expression existing rows of ${l(s.table)} get for ${l(s.column)}`,
      `// (e.g. "'unknown'" or "lower(name)"). Until it is written, this line stops the migration`,
      "// before it changes anything.",
      `const ${v}: string = op.backfillTodo(${l(s.table)}, ${l(s.column)});`,
    );
  }
  for (const s of steps) lines.push(renderStep(s));
  return lines.join("\n");
}

function renderStep(s: Step): string {
  switch (s.kind) {
    case "op":
      // The hazards every database shares (drops, renames…), as the plain revision writes them.
      return [...hazards(s.op, { dialect: {}, serverVersion: "", newTables: new Set() }).map(hazardNote), renderOp(s.op)].join("\n");
    case "note":
      return `// ${s.text}`;
    case "syncColumns":
      return `// keeps ${l(s.from)} and ${l(s.to)} in step (triggers) while old and new code both run\nawait op.syncColumns(${l(s.table)}, ${l(s.from)}, ${l(s.to)});`;
    case "dropSyncColumns":
      return `await op.dropSyncColumns(${l(s.table)}, ${l(s.from)}, ${l(s.to)});`;
    case "backfill": {
      const value = "todo" in s.value ? todoVariable(s.table, s.column) : l(s.value);
      const column = /^[A-Za-z_$][\w$]*$/.test(s.column) ? s.column : JSON.stringify(s.column);
      return `// fills existing rows in batches of ${BACKFILL_BATCH_SIZE} along the primary key\nawait op.backfill(${l(s.table)}, { set: { ${column}: ${value} }, batchSize: ${BACKFILL_BATCH_SIZE} });`;
    }
  }
}

export type PhaseName = "expand" | "contract";

export interface PhaseFileInput {
  readonly phase: PhaseName;
  readonly revision: string;
  readonly downRevisions: readonly string[];
  readonly message: string;
  readonly createDate: Date;
  readonly steps: Phase;
  readonly branchLabels?: readonly string[];
  readonly dependsOn?: readonly string[];
  /** Comment lines opening upgrade (possible renames nobody confirmed…). */
  readonly notes?: readonly string[];
  /** The other phase's revision id, for the instructions in the file. */
  readonly partner: string;
}

const GENERATED = "// --- generated by athanor: review before committing ---";

/** The message a phase's file (and `athanor history`) shows. */
export function phaseMessage(message: string, phase: PhaseName): string {
  return `${message} [${phase}: apply ${phase === "expand" ? "before" : "after"} deploying the code]`;
}

/** A phase's migration file, before formatting, from the project's template. */
export function renderPhaseFile(template: string, input: PhaseFileInput): string {
  const header =
    input.phase === "expand"
      ? [
          `// EXPAND: apply before deploying the code (\`athanor upgrade ${input.revision}\`): old and new code both work`,
          `// after it. The contract revision ${input.partner} finishes the change once no running code uses the old names.`,
        ]
      : [
          `// CONTRACT: apply after every running instance uses the new code (\`athanor upgrade ${input.revision}\`, or head).`,
          `// It removes the old names the expand revision ${input.partner} kept: code still using them breaks.`,
        ];
  const upgrade = [GENERATED, ...header, ...(input.notes ?? []).map((n) => `// NOTE: ${n}`), renderSteps(input.steps.upgrade)].join("\n");
  const downgrade = [GENERATED, renderSteps(input.steps.downgrade)].join("\n");
  const exports = [
    ...(input.branchLabels?.length ? [`export const branchLabels = ${l(input.branchLabels.length === 1 ? input.branchLabels[0] : input.branchLabels)};`] : []),
    ...(input.dependsOn?.length ? [`export const dependsOn = ${l(input.dependsOn.length === 1 ? input.dependsOn[0] : input.dependsOn)};`] : []),
    ...(concurrent(input.steps.upgrade) || concurrent(input.steps.downgrade)
      ? ["// Runs outside a transaction: CREATE/DROP INDEX CONCURRENTLY cannot run inside one.", "export const transactional = false;"]
      : []),
    `/** The expand/contract phase: expand before the deploy, contract after it. */`,
    `export const phase = ${l(input.phase)};`,
  ].join("\n");
  const values: Record<string, string> = {
    ...headerValues({ ...input, message: phaseMessage(input.message, input.phase) }),
    upgrade: indent(upgrade),
    downgrade: indent(downgrade),
    graphExports: exports,
  };
  // The phase files name no server (the header's `Server:` line is the plain revision's).
  const base = withServer(template, undefined);
  const withExports = base.includes("{{graphExports}}") ? base : `${base.replace(/\n*$/, "\n")}\n{{graphExports}}\n`;
  return withExports.replace(/\{\{(\w+)\}\}/g, (whole, k: string) => values[k] ?? whole);
}

/** Whether a step builds or drops an index concurrently (`--online-indexes`), which needs no transaction. */
function concurrent(steps: readonly Step[]): boolean {
  return steps.some((s) => s.kind === "op" && (s.op.kind === "createIndex" || s.op.kind === "dropIndex") && s.op.concurrently === true);
}

function indent(body: string): string {
  return body
    .split("\n")
    .map((line) => (line ? `  ${line}` : line))
    .join("\n");
}

export interface ExpandContractFiles {
  readonly expand: { readonly file: string; readonly revision: string };
  readonly contract: { readonly file: string; readonly revision: string };
}

/** Writes both phases' files; the contract revision's parent is the expand revision. */
export async function writeExpandContract(
  project: Project,
  plan: ExpandContractPlan,
  input: Omit<PhaseFileInput, "phase" | "steps" | "partner"> & { readonly contractRevision?: string },
): Promise<ExpandContractFiles> {
  const expandId = input.revision;
  const contractId = input.contractRevision ?? randomBytes(6).toString("hex");
  const template = templateFor(project.migrationsDir);
  const dir = versionsDir(project.migrationsDir);
  mkdirSync(dir, { recursive: true });
  const write = async (phase: PhaseName, file: PhaseFileInput) => {
    const path = join(dir, `${file.revision}_${slugOf(`${input.message} ${phase}`)}.ts`);
    writeFileSync(path, await formatTypeScript(renderPhaseFile(template, file), path));
    return relative(project.cwd, path) || path;
  };
  const expandFile = await write("expand", { ...input, phase: "expand", steps: plan.expand, partner: contractId });
  const contractFile = await write("contract", {
    revision: contractId,
    downRevisions: [expandId],
    message: input.message,
    createDate: input.createDate,
    phase: "contract",
    steps: plan.contract,
    partner: expandId,
  });
  return { expand: { file: expandFile, revision: expandId }, contract: { file: contractFile, revision: contractId } };
}

function slugOf(message: string): string {
  return (
    message
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 48) || "revision"
  );
}
