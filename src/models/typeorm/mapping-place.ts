import type { DataSourceLike, EntityMetadataLike } from "./metadata-like";

/**
 * Whether an entity's table lives outside the schema/database athanor reads (the connection's):
 * an `@Entity({ schema })` naming another PostgreSQL schema, an `@Entity({ database })` naming
 * another MySQL database or an attached SQLite file. The table path is TypeORM's own
 * (`driver.buildTableName`), so a dialect that ignores an option (PostgreSQL's `database`,
 * MySQL's `schema`) ignores it here too.
 *
 * An entity naming `schema: "public"` when the DataSource names none is at home: TypeORM resolves
 * an unqualified table through the connection's current schema, PostgreSQL's default `public`
 * (https://www.postgresql.org/docs/current/ddl-schemas.html#DDL-SCHEMAS-PUBLIC); the other
 * drivers leave the schema out of the path anyway.
 */
export function livesElsewhere(m: EntityMetadataLike, ds: DataSourceLike): boolean {
  const home = typeof ds.options.schema === "string" && ds.options.schema !== "" ? ds.options.schema : undefined;
  const schema = m.schema === undefined || m.schema === "" || m.schema === home || (home === undefined && m.schema === "public") ? home : m.schema;
  const ownDatabase = m.database === undefined || m.database === "" || m.database === ds.options.database;
  const build = ds.driver.buildTableName?.bind(ds.driver);
  if (!build) return schema !== home || !ownDatabase;
  // TypeORM built this path already while reading the metadata (better-sqlite3 registered the
  // attachment then), so asking again has no side effect.
  return build(m.tableName, schema, ownDatabase ? undefined : m.database) !== build(m.tableName, home, undefined);
}

/**
 * A table's name qualified by what puts it elsewhere, for messages: "audit.events" (schema or
 * MySQL database), "archive.sqlite.events" (attached SQLite file), never TypeORM's hashed handle.
 */
export function qualifiedName(m: EntityMetadataLike, ds: DataSourceLike): string {
  const parts = [m.tableName];
  if (m.schema && m.schema !== ds.options.schema) parts.unshift(m.schema);
  if (m.database && m.database !== ds.options.database) parts.unshift(m.database);
  return parts.join(".");
}
