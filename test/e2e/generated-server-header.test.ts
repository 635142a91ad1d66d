/** `revision --autogenerate` records in the file the server version its ops were chosen for. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase } from "../support/databases";
import { createProject } from "../support/project";

const entity = `import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("devices")
export class Device {
  @PrimaryColumn({ type: "int" })
  id!: number;

  @Column({ type: "varchar", length: 45, nullable: true })
  ip!: string | null;
}
`;

const NAMES = { sqlite: /^ \* Server: SQLite 3\.\d+\.\d+$/m, postgres: /^ \* Server: PostgreSQL \d+(\.\d+)*$/m, mysql: /^ \* Server: (MariaDB|MySQL) \d+\.\d+\.\d+$/m };

for (const dialect of DIALECTS) {
  describe(`the generated file's Server line on ${dialect}`, () => {
    it("names the server that was read; a revision written by hand has none", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, { "device.ts": entity });
        let r = await p.cli("revision", "--autogenerate", "-m", "devices");
        assert.equal(r.code, 0, r.stderr);
        const [generated] = p.migrationFiles();
        assert.match(readFileSync(generated, "utf8"), NAMES[dialect]);
        r = await p.cli("revision", "-m", "by hand");
        assert.equal(r.code, 0, r.stderr);
        const byHand = p.migrationFiles().find((f) => f !== generated)!;
        assert.doesNotMatch(readFileSync(byHand, "utf8"), /Server:/);
      });
    });
  });
}
