import { mysqlDialect } from "../../../src/dialects/mysql";
import type { Connection } from "../../../src/dialects/dialect";
import type { TestDatabase } from "../../support/databases";

/** A dialect connection to the test's own database. */
export function connectTest(db: TestDatabase): Promise<Connection> {
  const o = db.typeorm;
  return mysqlDialect.connect({
    host: o.host as string,
    port: o.port as number,
    user: o.username as string,
    password: o.password as string,
    database: db.database,
  });
}

export async function run(conn: Connection, sql: readonly string[]): Promise<void> {
  for (const s of sql) await conn.query(s);
}
