import { quoteIdentifier } from "./quote";

/**
 * Column collations (`collation: "C"` on a column). The catalog reports the collation of every
 * collatable column; like information_schema.columns.collation_name (which TypeORM reads) athanor
 * leaves out the database default, so a column without a COLLATE clause and one declared
 * `collation: "default"` both have none in the IR.
 * https://www.postgresql.org/docs/current/collation.html
 */
export function modelCollation(collation: string | undefined): string | undefined {
  return collation === undefined || collation === "" || collation === "default" ? undefined : collation;
}

/** ` COLLATE "name"` for a column definition or an ALTER … TYPE, "" for the default collation. */
export function collateSql(collation: string | undefined): string {
  return collation === undefined ? "" : ` COLLATE ${quoteIdentifier(collation)}`;
}

/**
 * The clause that resets a column to its type's default collation when an ALTER … TYPE must say
 * so explicitly (changing the collation only).
 */
export const DEFAULT_COLLATION = ` COLLATE pg_catalog."default"`;
