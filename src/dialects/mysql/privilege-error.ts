import { PermissionError } from "../../errors";

/**
 * MySQL/MariaDB's "command denied" errors as a typed error naming the grant needed:
 * 1142 ER_TABLEACCESS_DENIED_ERROR, 1143 ER_COLUMNACCESS_DENIED_ERROR, 1044 ER_DBACCESS_DENIED_ERROR
 * (after connecting), 1227 ER_SPECIFIC_ACCESS_DENIED_ERROR, 1370 ER_PROCACCESS_DENIED_ERROR.
 * https://mariadb.com/kb/en/mariadb-error-code-reference/
 */
export function privilegeError(e: unknown, user: string | undefined, database: string | undefined, sql: string): PermissionError | undefined {
  const err = e as { errno?: number; message?: string };
  if (![1142, 1143, 1044, 1227, 1370].includes(err.errno ?? 0)) return undefined;
  const command = /^(\w+(?: \w+)?) command denied/.exec(err.message ?? "")?.[1];
  const who = user ? `'${user}'@'%'` : "the database user";
  const on = database ? `\`${database}\`.*` : "the database";
  const hint = command
    ? `Grant it: GRANT ${command.toUpperCase()} ON ${on} TO ${who}; athanor's migrations need CREATE, ALTER, DROP, INDEX, REFERENCES, SELECT, INSERT, UPDATE and DELETE on ${on}.`
    : `${who} lacks a privilege this statement needs; grant it (athanor's migrations need CREATE, ALTER, DROP, INDEX, REFERENCES, SELECT, INSERT, UPDATE and DELETE on ${on}).`;
  return new PermissionError(`${err.message ?? "access denied"} (while running: ${sql.length > 120 ? `${sql.slice(0, 117)}...` : sql})`, hint);
}
