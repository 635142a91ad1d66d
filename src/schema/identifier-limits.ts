import type { Dialect, DialectName } from "../dialects/dialect";
import { IdentifierTooLongError } from "../errors";
import type { Schema } from "./types";

/** How long a name the database keeps as written (see `Dialect.maxIdentifierLength`). */
export type IdentifierLimit = NonNullable<Dialect["maxIdentifierLength"]>;

export type IdentifierKind = "table" | "column" | "index" | "unique" | "foreign key" | "check" | "primary key" | "enum type";

/** A name of the desired schema that the database would truncate (PostgreSQL) or refuse (MySQL). */
export interface LongIdentifier {
  readonly kind: IdentifierKind;
  readonly name: string;
  /** The table the object belongs to; absent for a table. */
  readonly table?: string;
  /** The enum column that declares an enum type. */
  readonly column?: string;
  /** The name's length, in the limit's unit. */
  readonly length: number;
}

/**
 * A name's length as the database counts it: PostgreSQL counts UTF-8 bytes (so 32 two-byte
 * characters already make 64), MySQL/MariaDB count characters.
 */
export function identifierLength(name: string, unit: IdentifierLimit["unit"]): number {
  return unit === "bytes" ? Buffer.byteLength(name, "utf8") : [...name].length;
}

/** Every name in `schema` longer than `limit`, in schema order (table, its columns, then its constraints). */
export function longIdentifiers(schema: Schema, limit: IdentifierLimit): LongIdentifier[] {
  const out: LongIdentifier[] = [];
  const check = (kind: IdentifierKind, name: string | undefined, where: { table?: string; column?: string } = {}): void => {
    if (name === undefined) return;
    const length = identifierLength(name, limit.unit);
    if (length > limit.limit) out.push({ kind, name, ...where, length });
  };
  // Several columns may share one enum type (TypeORM's `enumName`): reported once.
  const enumTypes = new Set<string>();
  for (const t of schema.tables) {
    check("table", t.name);
    for (const c of t.columns) check("column", c.name, { table: t.name });
    check("primary key", t.primaryKey?.name, { table: t.name });
    for (const i of t.indexes) check("index", i.name, { table: t.name });
    for (const u of t.uniques) check("unique", u.name, { table: t.name });
    for (const fk of t.foreignKeys) check("foreign key", fk.name, { table: t.name });
    for (const k of t.checks ?? []) check("check", k.name, { table: t.name });
    for (const c of t.columns) {
      if (c.enumName === undefined || enumTypes.has(c.enumName)) continue;
      enumTypes.add(c.enumName);
      check("enum type", c.enumName, { table: t.name, column: c.name });
    }
  }
  return out;
}

/** Display names: a label for messages, never a switch on behaviour. */
const DATABASE: Readonly<Record<DialectName, string>> = { postgres: "PostgreSQL", mysql: "MySQL/MariaDB", sqlite: "SQLite" };

/**
 * Refuses a desired schema holding a name the database would not keep as written: PostgreSQL
 * truncates it silently (the catalog then holds a name no entity declares, and every later diff
 * drops and re-creates the object), MySQL/MariaDB fail half-way through a migration. Raised at
 * generate time, before anything is written.
 */
export function checkIdentifierLengths(schema: Schema, dialect: Pick<Dialect, "name" | "maxIdentifierLength">, where: "entity" | "migration" = "entity"): void {
  const limit = dialect.maxIdentifierLength;
  if (!limit) return;
  const found = longIdentifiers(schema, limit);
  if (found.length === 0) return;
  const database = DATABASE[dialect.name];
  const keeps = `${database} ${limit.unit === "bytes" ? "keeps" : "allows"} ${limit.limit}`;
  const message =
    found.length === 1
      ? `${describeLongIdentifier(found[0], limit.unit)}; ${keeps}`
      : `${found.length} names are longer than ${database} allows (${limit.limit} ${limit.unit}):\n${found.map((f) => `  ${describeLongIdentifier(f, limit.unit)}`).join("\n")}`;
  const fixes = [...new Set(found.map((f) => FIX[f.kind]))];
  const hint =
    where === "entity"
      ? `Give ${found.length === 1 ? "it" : "each"} a shorter explicit name in the entity: ${fixes.join("; ")}. Nothing was written.`
      : `Shorten ${found.length === 1 ? "the name" : "each name"} in the migration (and in the entity that declares it: ${fixes.join("; ")}).`;
  const error = new IdentifierTooLongError(message, hint);
  error.identifiers = found;
  error.limit = limit;
  throw error;
}

/** `index "IDX_…" on table "x" is 70 bytes`. */
export function describeLongIdentifier(f: LongIdentifier, unit: IdentifierLimit["unit"]): string {
  const size = `is ${f.length} ${unit}`;
  switch (f.kind) {
    case "table":
      return `table "${f.name}" ${size}`;
    case "column":
      return `column "${f.table}.${f.name}" ${size}`;
    case "enum type":
      return `enum type "${f.name}" (of column "${f.table}.${f.column}") ${size}`;
    case "index":
    case "unique":
    case "foreign key":
    case "check":
    case "primary key":
      return `${KIND_LABEL[f.kind]} "${f.name}" on table "${f.table}" ${size}`;
  }
}

const KIND_LABEL: Readonly<Record<IdentifierKind, string>> = {
  table: "table",
  column: "column",
  index: "index",
  unique: "unique constraint",
  "foreign key": "foreign key",
  check: "check constraint",
  "primary key": "primary key",
  "enum type": "enum type",
};

/** Where TypeORM takes an explicit name for each kind of object. */
const FIX: Readonly<Record<IdentifierKind, string>> = {
  table: '@Entity("short_name") (a many-to-many junction table: @JoinTable({ name: "short_name" }))',
  column: '@Column({ name: "short_name" }) (a relation\'s column: @JoinColumn({ name: "short_name" }))',
  index: '@Index("short_name", [...])',
  unique: '@Unique("short_name", [...])',
  "foreign key": '@JoinColumn({ foreignKeyConstraintName: "short_name" })',
  check: '@Check("short_name", "...")',
  "primary key": '@PrimaryColumn({ primaryKeyConstraintName: "short_name" })',
  "enum type": '@Column({ type: "enum", enumName: "short_name" })',
};
