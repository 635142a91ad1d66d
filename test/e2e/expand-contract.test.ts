/**
 * `revision --autogenerate --expand-contract` on a table with rows, on each dialect: a column
 * rename becomes an expand revision (new column, sync triggers, batched backfill) and a contract
 * revision (drop the triggers and the old column); while only the expand is applied, rows written
 * through either name carry the value in both; after the contract TypeORM's schema builder has
 * nothing to do; both steps downgrade. A NOT NULL column added to a table with rows waits for the
 * reviewer's backfill expression, and stops before changing anything until it is written.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase } from "../support/databases";
import { introspectUrl, queryUrl } from "../support/introspect";
import { createProject } from "../support/project";

const device = (column: "ip" | "mgmt_ip", extra = "") => `import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("devices")
export class Device {
  @PrimaryColumn({ type: "int" })
  id!: number;

  @Column({ type: "varchar", length: 100 })
  hostname!: string;

  @Column({ name: "${column}", type: "varchar", length: 45 })
  address!: string;
${extra}}
`;

const REGION = `
  @Column({ type: "varchar", length: 20 })
  region!: string;
`;

/** More rows than one backfill batch (1000), so the batching loop runs more than once. */
const ROWS = 2500;
const seed = () =>
  `INSERT INTO devices (id, hostname, ip) VALUES ${Array.from({ length: ROWS }, (_, i) => `(${i + 1}, 'h${i + 1}', '10.0.${i + 1}')`).join(", ")}`;

const revisionOf = (source: string) => /export const revision = "(\w+)"/.exec(source)![1];
/** The expand and contract files, told apart by their phase export (not by name order). */
const phaseFiles = (files: readonly string[], read: (f: string) => string) => {
  const find = (phase: string) => files.find((f) => read(f).includes(`export const phase = "${phase}";`))!;
  return [find("expand"), find("contract")];
};
const columnsOf = async (url: string) => (await introspectUrl(url)).tables.find((t) => t.name === "devices")!.columns.map((c) => c.name);

for (const dialect of DIALECTS) {
  describe(`expand/contract on ${dialect}`, () => {
    it("a column rename on a table with rows: expand keeps both names in step, contract leaves the data in the new one, both downgrade", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, { "device.ts": device("ip") });
        let r = await p.cli("revision", "--autogenerate", "-m", "devices", "--rev-id", "base1");
        assert.equal(r.code, 0, r.stderr);
        assert.equal((r = await p.cli("upgrade", "head")).code, 0, r.stderr);
        await queryUrl(db.url, seed());

        p.writeEntity("device.ts", device("mgmt_ip"));
        r = await p.cli("revision", "--autogenerate", "-m", "rename ip", "--expand-contract", "--rename-column", "devices.ip:mgmt_ip", "--rev-id", "exp1");
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /athanor upgrade exp1 \(expand\)/);
        const [expandFile, contractFile] = phaseFiles(p.migrationFiles(), p.read);
        const expand = p.read(expandFile);
        const contract = p.read(contractFile);
        assert.equal(revisionOf(expand), "exp1");
        assert.equal(revisionOf(contract), "exp1_contract");
        assert.match(expand, /export const phase = "expand";/);
        assert.match(contract, /export const phase = "contract";/);
        assert.match(contract, /export const downRevision = "exp1";/);
        assert.match(expand, /await op\.syncColumns\("devices", "ip", "mgmt_ip"\);/);
        assert.match(expand, /await op\.backfill\("devices", \{ set: \{ mgmt_ip: \{ column: "ip" \} \}, batchSize: 1000 \}\);/);
        assert.doesNotMatch(expand, /op\.renameColumn|op\.dropColumn\("devices", "ip"\)/);
        assert.match(contract, /await op\.dropSyncColumns\("devices", "ip", "mgmt_ip"\);\s+(\/\/ hazard [^\n]*\n\s*)*\/\/ hazard deletes-data: drops column "devices"\."ip" and its data\s+await op\.dropColumn\("devices", "ip"\);/);

        // Offline, the same phase is a script: the triggers, and the backfill as one UPDATE.
        r = await p.cli("upgrade", "exp1", "--sql");
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /CREATE TRIGGER/);
        assert.match(r.stdout, /UPDATE ["`]devices["`] SET ["`]mgmt_ip["`] = ["`]ip["`] WHERE \(["`]mgmt_ip["`] IS NULL\);/);

        // Expand only: what runs before the deploy.
        assert.equal((r = await p.cli("upgrade", "exp1")).code, 0, r.stderr);
        const unfilled = await queryUrl<{ n: number | string }>(db.url, "SELECT COUNT(*) AS n FROM devices WHERE mgmt_ip IS NULL OR mgmt_ip <> ip");
        assert.equal(Number(unfilled[0].n), 0, "the backfill copied every row");
        // Old code writes the old name, new code the new one: the triggers fill the other.
        await queryUrl(db.url, `INSERT INTO devices (id, hostname, ip) VALUES (${ROWS + 1}, 'old', '192.0.2.1')`);
        await queryUrl(db.url, `INSERT INTO devices (id, hostname, mgmt_ip) VALUES (${ROWS + 2}, 'new', '192.0.2.2')`);
        await queryUrl(db.url, "UPDATE devices SET mgmt_ip = '198.51.100.1' WHERE id = 1");
        await queryUrl(db.url, "UPDATE devices SET ip = '198.51.100.2' WHERE id = 2");
        const synced = await queryUrl<{ id: number; ip: string; mgmt_ip: string }>(db.url, `SELECT id, ip, mgmt_ip FROM devices WHERE id IN (1, 2, ${ROWS + 1}, ${ROWS + 2}) ORDER BY id`);
        assert.deepEqual(
          synced.map((row) => [Number(row.id), row.ip, row.mgmt_ip]),
          [
            [1, "198.51.100.1", "198.51.100.1"],
            [2, "198.51.100.2", "198.51.100.2"],
            [ROWS + 1, "192.0.2.1", "192.0.2.1"],
            [ROWS + 2, "192.0.2.2", "192.0.2.2"],
          ],
        );
        r = await p.cli("history");
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /\[expand: apply before deploying the code\]/);
        assert.match(r.stdout, /\[contract: apply after deploying the code\]/);

        // Contract: after the deploy.
        assert.equal((r = await p.cli("upgrade", "head")).code, 0, r.stderr);
        assert.deepEqual(await columnsOf(db.url), ["id", "hostname", "mgmt_ip"]);
        const moved = await queryUrl<{ id: number; mgmt_ip: string }>(db.url, `SELECT id, mgmt_ip FROM devices WHERE id IN (3, ${ROWS + 2}) ORDER BY id`);
        assert.deepEqual(moved.map((row) => [Number(row.id), row.mgmt_ip]), [[3, "10.0.3"], [ROWS + 2, "192.0.2.2"]]);
        assert.deepEqual(await p.typeorm("log"), [], "TypeORM's schema builder would change nothing");
        assert.equal((await p.cli("check")).code, 0);

        // Down the same two steps: the contract's downgrade brings the old column back in step.
        assert.equal((r = await p.cli("downgrade", "exp1")).code, 0, r.stderr);
        await queryUrl(db.url, `INSERT INTO devices (id, hostname, mgmt_ip) VALUES (${ROWS + 3}, 'newer', '192.0.2.3')`);
        assert.equal((r = await p.cli("downgrade", "base1")).code, 0, r.stderr);
        assert.deepEqual(await columnsOf(db.url), ["id", "hostname", "ip"]);
        const back = await queryUrl<{ id: number; ip: string }>(db.url, `SELECT id, ip FROM devices WHERE id IN (3, ${ROWS + 2}, ${ROWS + 3}) ORDER BY id`);
        assert.deepEqual(back.map((row) => [Number(row.id), row.ip]), [[3, "10.0.3"], [ROWS + 2, "192.0.2.2"], [ROWS + 3, "192.0.2.3"]]);
        const nullable = (await introspectUrl(db.url)).tables[0].columns.find((c) => c.name === "ip")!.nullable;
        assert.equal(nullable, false, "the old column is NOT NULL again");
      });
    });

    it("a column drop: expand changes nothing (code stops using the column first), contract drops it", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const legacy = `\n  @Column({ type: "varchar", length: 20, nullable: true })\n  legacy!: string | null;\n`;
        const p = createProject(db, { "device.ts": device("ip", legacy) });
        let r = await p.cli("revision", "--autogenerate", "-m", "devices", "--rev-id", "base1");
        assert.equal(r.code, 0, r.stderr);
        assert.equal((r = await p.cli("upgrade", "head")).code, 0, r.stderr);
        r = await p.cli("revision", "-m", "no diff", "--expand-contract");
        assert.equal(r.code, 2, "--expand-contract without --autogenerate is refused");
        assert.equal(p.migrationFiles().length, 1, "and writes nothing");

        p.writeEntity("device.ts", device("ip"));
        r = await p.cli("revision", "--autogenerate", "-m", "drop legacy", "--expand-contract", "--rev-id", "exp3");
        assert.equal(r.code, 0, r.stderr);
        const [expandFile, contractFile] = phaseFiles(p.migrationFiles(), p.read);
        assert.match(p.read(expandFile), /\/\/ deprecated: column "devices"\."legacy" is dropped by the contract revision/);
        assert.doesNotMatch(p.read(expandFile), /await op\./);
        assert.match(p.read(contractFile), /await op\.dropColumn\("devices", "legacy"\);/);
        assert.equal((r = await p.cli("upgrade", "exp3")).code, 0, r.stderr);
        assert.deepEqual(await columnsOf(db.url), ["id", "hostname", "ip", "legacy"]);
        assert.equal((r = await p.cli("upgrade", "head")).code, 0, r.stderr);
        assert.deepEqual(await columnsOf(db.url), ["id", "hostname", "ip"]);
        assert.deepEqual(await p.typeorm("log"), []);
        assert.equal((r = await p.cli("downgrade", "base1")).code, 0, r.stderr);
        assert.deepEqual(await columnsOf(db.url), ["id", "hostname", "ip", "legacy"]);
      });
    });

    it("a NOT NULL column added to a table with rows stops before any change until its backfill is written, then expand fills and contract sets NOT NULL", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, { "device.ts": device("ip") });
        let r = await p.cli("revision", "--autogenerate", "-m", "devices", "--rev-id", "base1");
        assert.equal(r.code, 0, r.stderr);
        assert.equal((r = await p.cli("upgrade", "head")).code, 0, r.stderr);
        await queryUrl(db.url, "INSERT INTO devices (id, hostname, ip) VALUES (1, 'a', '10.0.0.1'), (2, 'b', '10.0.0.2')");

        p.writeEntity("device.ts", device("ip", REGION));
        r = await p.cli("revision", "--autogenerate", "-m", "add region", "--expand-contract", "--rev-id", "exp2");
        assert.equal(r.code, 0, r.stderr);
        const [expandFile, contractFile] = phaseFiles(p.migrationFiles(), p.read);
        for (const file of [expandFile, contractFile]) assert.match(p.read(file), /const fill_devices_region: string = op\.backfillTodo\("devices", "region"\);/);

        r = await p.cli("upgrade", "exp2");
        assert.equal(r.code, 2);
        assert.match(r.stderr, /backfill to write/);
        assert.match(r.stderr, /op\.backfillTodo\("devices", "region"\)/);
        assert.deepEqual(await columnsOf(db.url), ["id", "hostname", "ip"], "nothing changed");

        for (const file of [expandFile, contractFile]) writeFileSync(file, p.read(file).replace('op.backfillTodo("devices", "region")', `"'west'"`));
        assert.equal((r = await p.cli("upgrade", "exp2")).code, 0, r.stderr);
        assert.equal((await introspectUrl(db.url)).tables[0].columns.find((c) => c.name === "region")!.nullable, true);
        // Old code, not knowing the column, inserts a row between expand and contract.
        await queryUrl(db.url, "INSERT INTO devices (id, hostname, ip) VALUES (3, 'c', '10.0.0.3')");
        assert.equal((r = await p.cli("upgrade", "head")).code, 0, r.stderr);
        const rows = await queryUrl<{ region: string }>(db.url, "SELECT region FROM devices ORDER BY id");
        assert.deepEqual(rows.map((row) => row.region), ["west", "west", "west"]);
        assert.equal((await introspectUrl(db.url)).tables[0].columns.find((c) => c.name === "region")!.nullable, false);
        assert.deepEqual(await p.typeorm("log"), []);
        assert.equal((r = await p.cli("downgrade", "base1")).code, 0, r.stderr);
        assert.deepEqual(await columnsOf(db.url), ["id", "hostname", "ip"]);
      });
    });
  });
}
