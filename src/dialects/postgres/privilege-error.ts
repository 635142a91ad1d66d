import { PermissionError } from "../../errors";

/**
 * PostgreSQL's SQLSTATE 42501 (insufficient_privilege) as a typed error naming the grant that
 * would allow the statement. https://www.postgresql.org/docs/current/errcodes-appendix.html
 * Since PostgreSQL 15 ordinary users may no longer create objects in `public` by default.
 */
export function privilegeError(e: unknown, user: string | undefined, sql: string): PermissionError | undefined {
  const err = e as { code?: string; message?: string };
  if (err.code !== "42501") return undefined;
  const who = user ? `"${user}"` : "the database user";
  const schema = /permission denied for schema (\S+)/.exec(err.message ?? "");
  const table = /permission denied for (?:table|relation|sequence) (\S+)/.exec(err.message ?? "");
  const hint = schema
    ? `Grant it: GRANT USAGE, CREATE ON SCHEMA ${schema[1]} TO ${who}; (run as the schema's owner), or connect as a user that owns the schema.`
    : table
      ? `Grant it: GRANT ALL ON ${table[1]} TO ${who}; (run as the table's owner), or connect as the owner of the tables athanor migrates.`
      : `${who} lacks a privilege this statement needs; connect as the owner of the schema athanor migrates, or grant the privilege named above.`;
  return new PermissionError(`${err.message ?? "permission denied"} (while running: ${sql.length > 120 ? `${sql.slice(0, 117)}...` : sql})`, hint);
}
