import type { Hazard } from "../../ops/hazard";
import type { Op } from "../../ops/types";
import type { Column } from "../../schema/types";
import { numericVersion, versionAtLeast } from "./model-driver";

/**
 * MySQL/MariaDB's own hazards: the algorithm InnoDB picks for each ALTER on the server's version.
 * INSTANT changes only the data dictionary; INPLACE with a rebuild rewrites the table but lets
 * writes go on; COPY rewrites it and blocks writes throughout.
 * https://dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-operations.html
 * https://mariadb.com/kb/en/innodb-online-ddl-operations-with-the-instant-alter-algorithm/
 */
export function hazards(op: Op, serverVersion: string): Hazard[] {
  const server = readServer(serverVersion);
  switch (op.kind) {
    case "addColumn": {
      const c = op.column;
      if (c.autoIncrement !== undefined || (c.asExpression !== undefined && c.generatedType === "STORED")) return copy(op.table, `adding "${c.name}" fills every existing row`);
      // Instant ADD COLUMN: MySQL 8.0.12 (as the last column, where athanor adds it), MariaDB 10.3.2.
      return server.mariadb ? (atLeast(server, "10.3.2") ? [] : rebuild(op.table, `adds "${c.name}"`)) : atLeast(server, "8.0.12") ? [] : rebuild(op.table, `adds "${c.name}"`);
    }
    case "dropColumn":
      // Instant DROP COLUMN: MySQL 8.0.29, MariaDB 10.4.
      return atLeast(server, server.mariadb ? "10.4.0" : "8.0.29") ? [] : rebuild(op.table, `drops "${op.column.name}"`);
    case "alterColumn": {
      if (typeChanges(op.from, op.to) && !inPlaceType(op.from, op.to)) return copy(op.table, `changes the type of "${op.to.name}"`);
      if (op.from.nullable !== op.to.nullable) return rebuild(op.table, `changes the nullability of "${op.to.name}"`);
      return [];
    }
    case "addForeignKey":
      // With foreign_key_checks on (the default), only ALGORITHM=COPY can add a foreign key.
      return copy(op.table, `adds foreign key "${op.foreignKey.name}"`);
    case "addPrimaryKey":
      return rebuild(op.table, "adds a primary key");
    case "dropPrimaryKey":
      return copy(op.table, "drops the primary key");
    case "createTable":
    case "dropTable":
    case "renameTable":
    case "renameColumn":
    case "createIndex":
    case "dropIndex":
    case "addUnique":
    case "dropUnique":
    case "dropForeignKey":
    case "addCheck":
    case "dropCheck":
    case "setTableComment":
    case "execute":
      return [];
  }
}

interface Server {
  readonly mariadb: boolean;
  readonly version: string;
}

function readServer(serverVersion: string): Server {
  return { mariadb: /mariadb/i.test(serverVersion), version: numericVersion(serverVersion) };
}

function atLeast(server: Server, version: string): boolean {
  return versionAtLeast(server.version, version);
}

function rebuild(table: string, what: string): Hazard[] {
  return [{ code: "rewrites-table", scales: "rows", message: `${what}: "${table}" is rebuilt in place (writes go on)` }];
}

function copy(table: string, what: string): Hazard[] {
  return [
    { code: "blocks-writes", scales: "rows", message: `writes to "${table}" wait while it is copied (ALGORITHM=COPY)` },
    { code: "rewrites-table", scales: "rows", message: `${what}: "${table}" is copied row by row` },
  ];
}

function typeChanges(from: Column, to: Column): boolean {
  const key = (c: Column) => JSON.stringify([c.type, c.length, c.precision, c.scale, c.unsigned ?? false, c.enumValues ?? [], c.charset, c.collation]);
  return key(from) !== key(to);
}

/**
 * Type changes InnoDB makes without copying: a longer VARCHAR whose length prefix keeps its size
 * (both under 256 bytes, or both at or over; utf8mb4 counts 4 bytes a character), and ENUM values
 * appended at the end of the list.
 * https://dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-operations.html#online-ddl-column-operations
 */
function inPlaceType(from: Column, to: Column): boolean {
  const same = from.charset === to.charset && from.collation === to.collation;
  if (same && from.type === "varchar" && to.type === "varchar" && from.length !== undefined && to.length !== undefined && to.length >= from.length) {
    return from.length * 4 < 256 === to.length * 4 < 256;
  }
  if (same && from.type === "enum" && to.type === "enum") {
    const a = from.enumValues ?? [];
    const b = to.enumValues ?? [];
    return b.length >= a.length && a.every((v, i) => b[i] === v);
  }
  return false;
}
