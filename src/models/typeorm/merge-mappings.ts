import { columnDifferences, sameList } from "../../diff/equal";
import { ConflictingTableMappingsError } from "../../errors";
import { compareNames } from "../../schema/lookup";
import type { Column, ColumnField, ForeignKey, Table } from "../../schema/types";

/** One entity metadata's view of a table: who declares it, and the table it describes. */
export interface TableMapping {
  /** "entity PostTag", "the @JoinTable of Post.tags"… */
  readonly source: string;
  readonly table: Table;
}

export interface MergedTable {
  readonly table: Table;
  /** What the mappings disagree on, each with the definition that was kept; empty for identical twins. */
  readonly differences: readonly string[];
}

/**
 * One table declared by several entity metadatas (a `@JoinTable({ name })` and an `@Entity` of the
 * same name; two `@JoinTable`s naming the same table), merged into the table TypeORM's
 * `synchronize` leaves behind. `mappings` must be in TypeORM's metadata order (entities first, in
 * registration order, then junction tables), the order RdbmsSchemaBuilder walks them in.
 *
 * Its schema builder runs each phase once per metadata of the table, so (checked on PostgreSQL,
 * MariaDB and SQLite, test/e2e/model-mappings.test.ts):
 * - every column, index, unique, check and foreign key any mapping declares ends up in the table
 *   (one mapping's "drop what I don't declare" pass runs before the other's "create what is missing");
 * - a column declared differently keeps the LAST mapping's definition: `updateExistColumns` alters it
 *   for each mapping in turn;
 * - an index, unique, check or foreign key declared differently under one name keeps the FIRST
 *   mapping's definition: each mapping drops the one it disagrees with, then the first re-creates it.
 * TypeORM itself rebuilds such a table on every run while its mappings differ; athanor builds it once.
 *
 * Mappings with different primary keys have no stable outcome (TypeORM re-keys the table only when
 * the number of key columns changes): that is an error naming the table and both keys.
 */
export function mergeMappings(mappings: readonly TableMapping[]): MergedTable {
  if (mappings.length === 0) throw new Error("mergeMappings needs at least one mapping");
  if (mappings.length === 1) return { table: mappings[0].table, differences: [] };
  const first = mappings[0];
  const name = first.table.name;
  for (const m of mappings.slice(1)) {
    const a = [...(first.table.primaryKey?.columns ?? [])].sort();
    const b = [...(m.table.primaryKey?.columns ?? [])].sort();
    if (!sameList(a, b)) {
      throw new ConflictingTableMappingsError(
        `table "${name}" is mapped twice with different primary keys: ${describeKey(first.table)} by ${first.source}, ${describeKey(m.table)} by ${m.source}; ` +
          `TypeORM's synchronize never settles on one, so athanor cannot tell which table you want`,
        `Give both mappings the same primary key columns, or add \`synchronize: false\` to one of them (to the @Entity options or to the @JoinTable), so only the other one defines the table.`,
      );
    }
  }

  const differences: string[] = [];
  const columns = mergeNamed(mappings, (t) => t.columns, "last", "column", differences, describeColumnDifference);
  const indexes = mergeNamed(mappings, (t) => t.indexes, "first", "index", differences);
  const uniques = mergeNamed(mappings, (t) => t.uniques, "first", "unique constraint", differences);
  const checks = mergeNamed(mappings, (t) => t.checks ?? [], "first", "check constraint", differences);
  const foreignKeys = mergeNamed(mappings, (t) => t.foreignKeys, "first", "foreign key", differences, describeForeignKeyDifference);
  const unmodelled = mergeNamed(mappings, (t) => t.unmodelled ?? [], "first", "", []);
  // TypeORM's changeTableComment runs per mapping too: the last one's comment stays.
  const comment = [...mappings].reverse().find((m) => m.table.comment !== undefined)?.table.comment;
  const commented = mappings.filter((m) => m.table.comment !== comment);
  if (commented.length > 0) differences.push(`table comment: ${mappings.map((m) => `${m.source} has ${m.table.comment === undefined ? "none" : JSON.stringify(m.table.comment)}`).join(", ")}; the last one's is kept`);

  const table: Table = {
    name,
    columns,
    ...(first.table.primaryKey ? { primaryKey: first.table.primaryKey } : {}),
    indexes: indexes.sort(byName),
    uniques: uniques.sort(byName),
    foreignKeys: foreignKeys.sort(byName),
    ...(checks.length ? { checks: checks.sort(byName) } : {}),
    ...(comment !== undefined ? { comment } : {}),
    ...(unmodelled.length ? { unmodelled: unmodelled.sort(byName) } : {}),
  };
  return { table, differences };
}

const byName = (a: { readonly name: string }, b: { readonly name: string }) => compareNames(a.name, b.name);

function describeKey(t: Table): string {
  return t.primaryKey ? `(${t.primaryKey.columns.join(", ")})` : "no primary key";
}

/**
 * Unites the objects of every mapping by name, in first-seen order. For a name declared
 * differently, `wins` says whose definition is kept; each disagreement and each object only some
 * mappings declare is described in `differences` (unless `kind` is empty).
 */
function mergeNamed<T extends { readonly name: string }>(
  mappings: readonly TableMapping[],
  of: (t: Table) => readonly T[],
  wins: "first" | "last",
  kind: string,
  differences: string[],
  describe: (a: T, b: T) => string = () => "defined differently",
): T[] {
  const order: string[] = [];
  const seen = new Map<string, { item: T; source: string }[]>();
  for (const m of mappings) {
    for (const item of of(m.table)) {
      let list = seen.get(item.name);
      if (!list) {
        list = [];
        seen.set(item.name, list);
        order.push(item.name);
      }
      list.push({ item, source: m.source });
    }
  }
  const out: T[] = [];
  for (const name of order) {
    const list = seen.get(name)!;
    const kept = wins === "first" ? list[0] : list[list.length - 1];
    out.push(kept.item);
    if (!kind) continue;
    if (list.length < mappings.length) {
      differences.push(`${kind} "${name}" only in ${list.map((x) => x.source).join(" and ")}: kept`);
    }
    for (const other of list) {
      if (other === kept || canonical(other.item) === canonical(kept.item)) continue;
      differences.push(`${kind} "${name}": ${describe(other.item, kept.item)} (${other.source} vs ${kept.source}); ${kept.source}'s definition is kept`);
    }
  }
  return out;
}

function describeColumnDifference(a: Column, b: Column): string {
  return columnDifferences(a, b)
    .map((f) => `${f} ${show(a[f as ColumnField])} vs ${show(b[f as ColumnField])}`)
    .join(", ");
}

function describeForeignKeyDifference(a: ForeignKey, b: ForeignKey): string {
  const parts: string[] = [];
  if (a.onDelete !== b.onDelete) parts.push(`ON DELETE ${a.onDelete} vs ${b.onDelete}`);
  if (a.onUpdate !== b.onUpdate) parts.push(`ON UPDATE ${a.onUpdate} vs ${b.onUpdate}`);
  if (!sameList(a.columns, b.columns) || a.referencedTable !== b.referencedTable || !sameList(a.referencedColumns, b.referencedColumns)) {
    parts.push(`(${a.columns.join(", ")}) → ${a.referencedTable}(${a.referencedColumns.join(", ")}) vs (${b.columns.join(", ")}) → ${b.referencedTable}(${b.referencedColumns.join(", ")})`);
  }
  return parts.length ? parts.join(", ") : "defined differently";
}

function show(v: unknown): string {
  return v === undefined ? "(none)" : Array.isArray(v) ? `[${v.join(", ")}]` : String(v);
}

/** Key-order-independent JSON, so two equal definitions compare equal whoever built them. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => compareNames(a, b))) : x,
  );
}
