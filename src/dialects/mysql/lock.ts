import { createHash } from "node:crypto";
import type { Connection, MigrationLock } from "../dialect";

/**
 * The migration lock is a named user lock, `GET_LOCK('athanor_migrate.<database>', timeout)`.
 * Lock names are server-wide, so the database's name is part of it: runners on other databases
 * of the same server never wait for each other. Names are limited to 64 characters; a longer one
 * is shortened to a hash. The lock belongs to the session and is released when it ends.
 * https://mariadb.com/kb/en/get_lock/ · https://dev.mysql.com/doc/refman/8.0/en/locking-functions.html
 */
export async function acquireMigrationLock(conn: Connection, timeoutSeconds: number): Promise<MigrationLock | undefined> {
  const [db] = await conn.query<{ name: string | null }>("SELECT DATABASE() AS name");
  const name = lockName(db?.name ?? "");
  const quoted = conn.dialect.quoteLiteral(name);
  const [row] = await conn.query<{ got: number | string | null }>(`SELECT GET_LOCK(${quoted}, ${Math.max(0, timeoutSeconds)}) AS got`);
  if (Number(row?.got) !== 1) return undefined;
  return {
    async release() {
      await conn.query(`SELECT RELEASE_LOCK(${quoted})`);
    },
  };
}

export function lockName(database: string): string {
  const name = `athanor_migrate.${database}`;
  return name.length <= 64 ? name : `athanor_migrate.${createHash("sha256").update(database).digest("hex").slice(0, 40)}`;
}
