/**
 * Rows that fit a schema: a few per table, made from each column's IR type, distinct in every
 * column (so uniques hold), non-null everywhere (so a column may become NOT NULL), short (so a
 * length may shrink), small and positive (so a precision may shrink and simple checks hold), and
 * pointing at existing parent rows through every foreign key. Inserted with bound parameters, read
 * back in a canonical text form, so "the rows are still there" is a plain deep equality. The
 * canonical form forgives only what a type's own semantics change: trailing spaces (char(n)
 * padding), zeros after a datetime's seconds (a wider precision), number spelling (1.50 vs 1.5).
 */
import type { Queryable } from "../../src/dialects/dialect";
import { getDialect } from "../../src/dialects";
import type { Column, Schema, Table } from "../../src/schema/types";
import type { TestDialect } from "./databases";

export type Row = Record<string, unknown>;
export type Rows = Record<string, readonly Row[]>;

export const ROWS_PER_TABLE = 2;

/** Tables ordered parents first (self-references and cycles are broken arbitrarily). */
export function parentsFirst(schema: Schema): Table[] {
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: Table[] = [];
  const visit = (t: Table, path: Set<string>) => {
    if (done.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const fk of t.foreignKeys) {
      const parent = byName.get(fk.referencedTable);
      if (parent && parent.name !== t.name) visit(parent, path);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of [...schema.tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t, new Set());
  return out;
}

/** A value of row `i` for a column, by its IR type; undefined means "leave it to the database". */
export function valueFor(column: Column, i: number): unknown {
  if (column.asExpression) return undefined;
  const type = column.type.toLowerCase();
  if (column.enumValues && column.enumValues.length > 0) return column.enumValues[i % column.enumValues.length];
  if (column.array) return type.includes("int") ? `{${i + 1}}` : `{v${i}}`;
  if (/^(bool|boolean)$/.test(type) || (type === "tinyint" && column.length === 1)) return i % 2 === 0;
  if (/int|serial/.test(type)) return i + 1;
  if (/^(decimal|numeric|dec|fixed)$/.test(type)) return column.scale && column.scale > 0 ? `${i + 1}.5` : `${i + 1}`;
  if (/float|double|real/.test(type)) return i + 1.5;
  if (type === "uuid" || (column.length === 36 && /char/.test(type) && /uuid/i.test(column.name))) return `0000000${i}-0000-4000-8000-00000000000${i}`;
  if (/json/.test(type)) return JSON.stringify({ n: i });
  if (type === "simple-array") return `a${i},b${i}`;
  if (/^(date)$/.test(type)) return `2024-01-0${i + 1}`;
  if (/^time(tz)?$|^time with/.test(type)) return `10:00:0${i}`;
  if (/date|time/.test(type)) return `2024-01-0${i + 1} 10:00:00`;
  if (type === "year") return 2000 + i;
  if (/blob|binary|bytea/.test(type)) return Buffer.from([i + 1, 0xab]);
  if (/char|text|clob|string|citext/.test(type)) {
    const max = column.length ?? 255;
    return max >= 2 ? `v${i}` : String.fromCharCode(97 + i);
  }
  if (type === "inet" || type === "cidr") return `10.0.0.${i + 1}`;
  if (type === "money") return `${i + 1}.00`;
  return undefined;
}

/** Rows for every table of `schema` (or the ones `only` names), parents before children. */
export function makeRows(schema: Schema, only?: readonly string[]): Rows {
  const rows: Record<string, Row[]> = {};
  for (const table of parentsFirst(schema)) {
    if (only && !only.includes(table.name)) continue;
    const list: Row[] = [];
    for (let i = 0; i < ROWS_PER_TABLE; i++) {
      const row: Row = {};
      for (const c of table.columns) {
        const v = valueFor(c, i);
        if (v !== undefined) row[c.name] = v;
      }
      list.push(row);
    }
    for (const fk of table.foreignKeys) {
      const parentRows = fk.referencedTable === table.name ? list : rows[fk.referencedTable];
      for (let i = 0; i < list.length; i++) {
        const parent = parentRows?.[i];
        fk.columns.forEach((col, k) => {
          const column = table.columns.find((c) => c.name === col);
          if (parent && parent[fk.referencedColumns[k]] !== undefined) list[i][col] = parent[fk.referencedColumns[k]];
          else if (column?.nullable) list[i][col] = null;
        });
      }
    }
    rows[table.name] = list;
  }
  return rows;
}

const placeholder = (dialect: TestDialect, n: number) => (dialect === "postgres" ? `$${n}` : "?");

function bindable(dialect: TestDialect, v: unknown): unknown {
  if (dialect === "sqlite" && typeof v === "boolean") return v ? 1 : 0;
  return v;
}

/** Inserts `rows`, table by table in the order given. */
export async function insertRows(dialect: TestDialect, conn: Queryable, rows: Rows, schema?: Schema): Promise<void> {
  const q = getDialect(dialect).quoteIdentifier;
  for (const [table, list] of Object.entries(rows)) {
    const identity = schema?.tables.find((t) => t.name === table)?.columns.some((c) => c.autoIncrement === "identity");
    for (const row of list) {
      const names = Object.keys(row);
      const overriding = dialect === "postgres" && identity ? " OVERRIDING SYSTEM VALUE" : "";
      const sql = `INSERT INTO ${q(table)} (${names.map(q).join(", ")})${overriding} VALUES (${names.map((_, i) => placeholder(dialect, i + 1)).join(", ")})`;
      await conn.query(sql, names.map((n) => bindable(dialect, row[n])));
    }
  }
}

/** A value as comparable text: numbers by value, dates in ISO form, bytes in hex, JSON canonical. */
export function canonicalValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) return `x${v.toString("hex")}`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "invalid date" : v.toISOString();
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "number" || typeof v === "bigint") return String(Number(v));
  if (typeof v === "string") {
    if (/^-?\d+(\.\d+)?$/.test(v)) return String(Number(v));
    // A wider fractional-seconds precision shows the same instant with more zeros.
    if (/^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d\.0+$/.test(v)) return v.replace(/\.0+$/, "");
    // char(n) pads with spaces (PostgreSQL shows them, MySQL strips them): a new n re-pads.
    return v.replace(/ +$/, "");
  }
  return JSON.stringify(v);
}

/** Every row of `table`, each column's value canonical (see canonicalValue). */
export async function readRows(dialect: TestDialect, conn: Queryable, table: string): Promise<Record<string, string | null>[]> {
  const q = getDialect(dialect).quoteIdentifier;
  const result = await conn.query<Row>(`SELECT * FROM ${q(table)}`);
  return result.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, canonicalValue(v)])));
}

/**
 * Rows reduced to some columns (`[name in these rows, name in the result]`), as sorted text: the
 * order of rows is not part of the data.
 */
export function projectRows(rows: readonly Record<string, string | null>[], columns: readonly (readonly [string, string])[]): string[] {
  return rows.map((r) => JSON.stringify(Object.fromEntries(columns.map(([from, to]) => [to, r[from] ?? null])))).sort();
}
