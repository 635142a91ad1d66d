/**
 * The database's own account of a schema, read straight from its catalog as text lines, without
 * athanor's introspector: a blind spot of the IR (a column's collation, a constraint the IR does
 * not model, a sequence, an enum label order) still shows as a difference here.
 *
 * Lines are sorted, and columns are keyed by name rather than position: a column dropped and
 * re-added on PostgreSQL or MariaDB lands at the end of the table, which no DDL can undo.
 * Counters that rows move (AUTO_INCREMENT, sequence values) are left out.
 */
import type { Queryable } from "../../src/dialects/dialect";
import type { TestDialect } from "./databases";

/** Bookkeeping tables, never part of the user's schema (athanor's, TypeORM's). */
const BOOKKEEPING = ["athanor_version", "athanor_log", "migrations", "typeorm_metadata"];

export async function catalogDump(dialect: TestDialect, conn: Queryable): Promise<string[]> {
  const lines = dialect === "postgres" ? await postgresDump(conn) : dialect === "mysql" ? await mysqlDump(conn) : await sqliteDump(conn);
  return lines.sort();
}

type Line = { tbl: string | null; line: string };

const keep = (rows: readonly Line[]) => rows.filter((r) => r.tbl === null || !BOOKKEEPING.includes(r.tbl)).map((r) => r.line);

async function postgresDump(conn: Queryable): Promise<string[]> {
  const rows = await conn.query<Line>(`
    SELECT c.table_name AS tbl, concat_ws(' | ', 'column', c.table_name, c.column_name, c.data_type, c.udt_name, c.character_maximum_length,
           c.numeric_precision, c.numeric_scale, c.datetime_precision, c.is_nullable, c.column_default, c.is_identity,
           c.identity_generation, c.is_generated, c.generation_expression, c.collation_name) AS line
      FROM information_schema.columns c WHERE c.table_schema = current_schema()
    UNION ALL
    SELECT cl.relname, concat_ws(' | ', 'constraint', cl.relname, co.conname, co.contype, pg_get_constraintdef(co.oid), co.condeferrable, co.convalidated)
      FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid WHERE co.connamespace = current_schema()::regnamespace
    UNION ALL
    SELECT i.tablename, concat_ws(' | ', 'index', i.tablename, i.indexname, i.indexdef) FROM pg_indexes i WHERE i.schemaname = current_schema()
    UNION ALL
    SELECT cl.relname, concat_ws(' | ', 'comment', cl.relname, a.attname, d.description)
      FROM pg_description d JOIN pg_class cl ON cl.oid = d.objoid AND d.classoid = 'pg_class'::regclass
      LEFT JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum = d.objsubid AND d.objsubid > 0
     WHERE cl.relnamespace = current_schema()::regnamespace
    UNION ALL
    SELECT NULL, concat_ws(' | ', 'enum', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder))
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = current_schema()::regnamespace GROUP BY t.typname
    UNION ALL
    SELECT owner.relname, concat_ws(' | ', 'sequence', s.sequencename, s.data_type, s.start_value, s.increment_by, s.min_value, s.max_value, s.cycle, owner.relname, a.attname)
      FROM pg_sequences s
      JOIN pg_class sc ON sc.relname = s.sequencename AND sc.relnamespace = current_schema()::regnamespace
      LEFT JOIN pg_depend dep ON dep.objid = sc.oid AND dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i')
      LEFT JOIN pg_class owner ON owner.oid = dep.refobjid
      LEFT JOIN pg_attribute a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
     WHERE s.schemaname = current_schema()
    UNION ALL
    SELECT cl.relname, concat_ws(' | ', 'relation', cl.relname, cl.relkind, cl.relpersistence)
      FROM pg_class cl WHERE cl.relnamespace = current_schema()::regnamespace AND cl.relkind IN ('r', 'v', 'm', 'p', 'f')`);
  return keep(rows);
}

async function mysqlDump(conn: Queryable): Promise<string[]> {
  const rows = await conn.query<Line>(`
    SELECT TABLE_NAME AS tbl, CONCAT_WS(' | ', 'column', TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, IFNULL(COLUMN_DEFAULT, '<none>'), EXTRA,
           COLUMN_COMMENT, CHARACTER_SET_NAME, COLLATION_NAME, IS_GENERATED, GENERATION_EXPRESSION) AS line
      FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
    UNION ALL
    SELECT TABLE_NAME, CONCAT_WS(' | ', 'index', TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE, INDEX_COMMENT,
           GROUP_CONCAT(CONCAT(COLUMN_NAME, IFNULL(CONCAT('(', SUB_PART, ')'), ''), IFNULL(COLLATION, '')) ORDER BY SEQ_IN_INDEX SEPARATOR ','))
      FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE, INDEX_COMMENT
    UNION ALL
    SELECT TABLE_NAME, CONCAT_WS(' | ', 'constraint', TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE)
      FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()
    UNION ALL
    SELECT r.TABLE_NAME, CONCAT_WS(' | ', 'foreign key', r.TABLE_NAME, r.CONSTRAINT_NAME, r.REFERENCED_TABLE_NAME, r.UPDATE_RULE, r.DELETE_RULE,
           (SELECT GROUP_CONCAT(CONCAT(k.COLUMN_NAME, '->', k.REFERENCED_COLUMN_NAME) ORDER BY k.ORDINAL_POSITION SEPARATOR ',')
              FROM information_schema.KEY_COLUMN_USAGE k
             WHERE k.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA AND k.TABLE_NAME = r.TABLE_NAME AND k.CONSTRAINT_NAME = r.CONSTRAINT_NAME))
      FROM information_schema.REFERENTIAL_CONSTRAINTS r WHERE r.CONSTRAINT_SCHEMA = DATABASE()
    UNION ALL
    SELECT TABLE_NAME, CONCAT_WS(' | ', 'check', TABLE_NAME, CONSTRAINT_NAME, LEVEL, CHECK_CLAUSE)
      FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()
    UNION ALL
    SELECT TABLE_NAME, CONCAT_WS(' | ', 'table', TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, TABLE_COMMENT, CREATE_OPTIONS)
      FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()`);
  return keep(rows);
}

/**
 * SQLite keeps a table's definition only as the text of its CREATE TABLE: the pragmas give the
 * structure, and each top-level clause of that text (column definitions, CHECK, UNIQUE, FOREIGN KEY,
 * PRIMARY KEY) is kept with its whitespace and identifier quoting normalised, so a CHECK, a COLLATE
 * or a generated column's expression that no pragma reports is still compared.
 */
async function sqliteDump(conn: Queryable): Promise<string[]> {
  const objects = await conn.query<{ type: string; name: string; tbl_name: string; sql: string | null }>(
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
  );
  const out: Line[] = [];
  for (const o of objects) {
    out.push({ tbl: o.tbl_name, line: `object | ${o.type} | ${o.name} | ${o.tbl_name}` });
    if (o.type === "index" && o.sql) out.push({ tbl: o.tbl_name, line: `index sql | ${o.name} | ${normaliseSql(o.sql)}` });
    if (o.type === "table" && o.sql) for (const clause of topLevelClauses(o.sql)) out.push({ tbl: o.name, line: `clause | ${o.name} | ${clause}` });
  }
  const pragmas = await conn.query<Line>(`
    SELECT m.name AS tbl, 'column | ' || m.name || ' | ' || c.name || ' | ' || c.type || ' | ' || c."notnull" || ' | ' || IFNULL(c.dflt_value, '<none>') || ' | ' || c.pk || ' | ' || c.hidden AS line
      FROM sqlite_master m, pragma_table_xinfo(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
    UNION ALL
    SELECT m.name, 'index | ' || m.name || ' | ' || il.name || ' | ' || il."unique" || ' | ' || il.origin || ' | ' || il.partial || ' | ' ||
           (SELECT group_concat(name, ',') FROM (SELECT ii.name FROM pragma_index_info(il.name) ii ORDER BY ii.seqno))
      FROM sqlite_master m, pragma_index_list(m.name) il WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
`);
  out.push(...pragmas);
  const fkRows = await conn.query<{ tbl: string; id: number; seq: number; parent: string; f: string; t: string | null; on_update: string; on_delete: string; m: string }>(`
    SELECT m.name AS tbl, fk.id, fk.seq, fk."table" AS parent, fk."from" AS f, fk."to" AS t, fk.on_update, fk.on_delete, fk."match" AS m
      FROM sqlite_master m, pragma_foreign_key_list(m.name) fk WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
     ORDER BY m.name, fk.id, fk.seq`);
  const fks = new Map<string, { tbl: string; head: string; pairs: string[] }>();
  for (const r of fkRows) {
    const key = `${r.tbl}#${r.id}`;
    const fk = fks.get(key) ?? { tbl: r.tbl, head: `foreign key | ${r.tbl} | ${r.parent} | ${r.on_update} | ${r.on_delete} | ${r.m}`, pairs: [] };
    fk.pairs.push(`${r.f}->${r.t ?? "<pk>"}`);
    fks.set(key, fk);
  }
  for (const fk of fks.values()) out.push({ tbl: fk.tbl, line: `${fk.head} | ${fk.pairs.join(",")}` });
  // sqlite_autoindex_* names follow the UNIQUE clauses' order, which is not part of the schema.
  return keep(out).map((l) => l.replace(/sqlite_autoindex_(\w+?)_\d+/g, "sqlite_autoindex_$1_N"));
}

/**
 * Whitespace collapsed, identifier quotes removed, keywords lower-cased, outside string literals
 * only: spelling differences vanish, a literal's content (a CHECK's 'ABC', a default's 'a, b') stays.
 */
export function normaliseSql(sql: string): string {
  const parts = sql.split(/('(?:[^']|'')*')/);
  return parts
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/[`"[\]]/g, "")
            .replace(/\s+/g, " ")
            .replace(/\s*([(),])\s*/g, "$1")
            .toLowerCase(),
    )
    .join("")
    .trim();
}

/** The comma-separated items between CREATE TABLE's outer parentheses, normalised. */
export function topLevelClauses(sql: string): string[] {
  const start = sql.indexOf("(");
  const end = sql.lastIndexOf(")");
  if (start < 0 || end < start) return [normaliseSql(sql)];
  const body = sql.slice(start + 1, end);
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = "";
  for (const ch of body) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"' || ch === "`") quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      out.push(normaliseSql(current));
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push(normaliseSql(current));
  return out;
}
