/**
 * When ADD COLUMN gets `ALGORITHM=INSTANT`. With the clause the server either adds the column to
 * the metadata only or refuses the statement before touching anything ("ALGORITHM=INSTANT is not
 * supported for this operation"); without it the server quietly falls back to copying the table
 * under a lock. So the clause is written only where the server is known to accept it, and
 * everything doubtful is left without it (the server still picks INSTANT by itself when it can).
 * https://dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-operations.html#online-ddl-column-operations
 * https://mariadb.com/kb/en/innodb-online-ddl-operations-with-the-instant-alter-algorithm/#adding-a-column
 */
import type { CompileContext } from "../dialect";
import type { Column } from "../../schema/types";
import { mysqlCapabilities, parseMysqlVersion, DEFAULT_MYSQL_VERSION } from "./server-version";

/** ", ALGORITHM=INSTANT" or "". */
export async function instantAddClause(table: string, column: Column, ctx: CompileContext): Promise<string> {
  const version = ctx.serverVersion ?? DEFAULT_MYSQL_VERSION;
  if (mysqlCapabilities(version).instantAddColumn !== "explicit") return "";
  const mariadb = parseMysqlVersion(version)?.flavour === "mariadb";
  if (!columnAddsInstantly(column, mariadb)) return "";
  // The column goes last (athanor writes no FIRST/AFTER), which is all MySQL before 8.0.29 and
  // MariaDB 10.3 allow. A FULLTEXT index means InnoDB's hidden FTS_DOC_ID column, and then neither
  // server adds instantly (a SPATIAL index is left out too: accepted by MariaDB 10.11, untested on
  // MySQL). Not in the IR, so not checked: ROW_FORMAT=COMPRESSED, a non-InnoDB
  // engine (TypeORM and athanor create InnoDB tables), MySQL 8.0.29+'s limit of 64 instant
  // changes per table; there the server refuses the statement and nothing of it is applied.
  const current = await ctx.currentTable(table);
  if (!current || current.indexes.some((i) => i.method !== undefined)) return "";
  return ", ALGORITHM=INSTANT";
}

/**
 * Refused as INSTANT on MariaDB 10.11 (tried): AUTO_INCREMENT, STORED generated columns, a default
 * computed per row (`(uuid())`). VIRTUAL generated columns and CURRENT_TIMESTAMP defaults (with
 * ON UPDATE) are accepted there; MySQL's acceptance of the latter is not verified here, so MySQL
 * gets the clause only for literal defaults. Spatial columns are left out as untested.
 */
function columnAddsInstantly(column: Column, mariadb: boolean): boolean {
  if (column.autoIncrement !== undefined || column.asExpression !== undefined) return false;
  if (SPATIAL_TYPES.has(column.type)) return false;
  if (column.onUpdate !== undefined && !(mariadb && CURRENT_TIMESTAMP.test(column.onUpdate))) return false;
  if (column.default === undefined || isLiteral(column.default)) return true;
  return mariadb && CURRENT_TIMESTAMP.test(column.default);
}

const CURRENT_TIMESTAMP = /^CURRENT_TIMESTAMP(\(\d\))?$/i;
const SPATIAL_TYPES = new Set(["geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon", "geometrycollection"]);

function isLiteral(expr: string): boolean {
  return (
    /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(expr) ||
    /^'(?:[^'\\]|''|\\.)*'$/s.test(expr) ||
    /^[xXbB]'[0-9a-fA-F]*'$/.test(expr) ||
    /^0x[0-9a-fA-F]+$/.test(expr)
  );
}
