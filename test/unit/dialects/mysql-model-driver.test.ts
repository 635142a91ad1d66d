/**
 * prepareModelDriver sets on a never-connected TypeORM MysqlDriver exactly the flags its connect()
 * would set for that server, so the metadata athanor reads is what TypeORM builds for that server.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DataSource } from "typeorm";
import { mysqlDialect } from "../../../src/dialects/mysql";

interface Flags {
  version?: string;
  uuidColumnTypeSuported: boolean;
  cteCapabilities: { enabled: boolean };
  _isReturningSqlSupported: Record<string, boolean>;
}

function preparedDriver(type: "mariadb" | "mysql", serverVersion: string): Flags {
  const ds = new DataSource({ type, host: "127.0.0.1", database: "never_connected" });
  mysqlDialect.prepareModelDriver!(ds.driver, serverVersion);
  return ds.driver as unknown as Flags;
}

function flags(d: Flags) {
  return {
    version: d.version,
    uuid: d.uuidColumnTypeSuported,
    cte: d.cteCapabilities.enabled,
    returningDelete: d._isReturningSqlSupported.delete,
    returningInsert: d._isReturningSqlSupported.insert,
  };
}

describe("MySQL prepareModelDriver sets what MysqlDriver.connect() sets", () => {
  const cases: { type: "mariadb" | "mysql"; server: string; want: ReturnType<typeof flags> }[] = [
    { type: "mariadb", server: "10.6.18-MariaDB-log", want: { version: "10.6.18", uuid: false, cte: true, returningDelete: true, returningInsert: true } },
    { type: "mariadb", server: "10.7.0-MariaDB", want: { version: "10.7.0", uuid: true, cte: true, returningDelete: true, returningInsert: true } },
    { type: "mariadb", server: "10.11.19-MariaDB-0+deb12u1", want: { version: "10.11.19", uuid: true, cte: true, returningDelete: true, returningInsert: true } },
    { type: "mysql", server: "5.7.44-log", want: { version: "5.7.44", uuid: false, cte: false, returningDelete: false, returningInsert: false } },
    { type: "mysql", server: "8.0.36", want: { version: "8.0.36", uuid: false, cte: true, returningDelete: false, returningInsert: false } },
    // A generated file's Server: line, which offline autogenerate reads back as the user's server.
    { type: "mariadb", server: "MariaDB 10.11.19", want: { version: "10.11.19", uuid: true, cte: true, returningDelete: true, returningInsert: true } },
    { type: "mysql", server: "MySQL 8.0.36", want: { version: "8.0.36", uuid: false, cte: true, returningDelete: false, returningInsert: false } },
  ];
  for (const c of cases) {
    it(`${c.type} ${c.server}`, () => {
      assert.deepEqual(flags(preparedDriver(c.type, c.server)), c.want);
    });
  }

  it("a uuid column is TypeORM's native uuid on MariaDB 10.7+ and varchar(36) before", () => {
    const column = { type: "uuid", generationStrategy: "uuid" };
    const d106 = preparedDriver("mariadb", "10.6.18-MariaDB") as unknown as { normalizeType(c: unknown): string; getColumnLength(c: unknown): string };
    const d1011 = preparedDriver("mariadb", "10.11.19-MariaDB") as unknown as typeof d106;
    assert.deepEqual([d106.normalizeType(column), d106.getColumnLength(column)], ["varchar", "36"]);
    assert.deepEqual([d1011.normalizeType(column), d1011.getColumnLength(column)], ["uuid", ""]);
  });
});
