/**
 * `stamp` adopts a database that TypeORM built (baseline generated against an empty database,
 * then stamped), `--purge` and `stamp base` empty the version table; `upgrade heads` and
 * `downgrade base` walk a branched graph; an applied migration file edited afterwards is reported
 * by `upgrade` and `check` (and refused with `--strict`).
 */
import assert from "node:assert/strict";
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase } from "../support/databases";
import { introspectUrl, queryUrl } from "../support/introspect";
import { createProject } from "../support/project";
import { intType, writeMigration } from "./runner-fixtures";

const DEVICE = `import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

@Entity("devices")
export class Device {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index("idx_devices_hostname")
  @Column({ length: 100 })
  hostname!: string;

  @Column({ type: "int", nullable: true, default: 10 })
  vlan!: number | null;
}
`;

const versions = async (url: string) => (await queryUrl<{ version_num: string }>(url, "SELECT version_num FROM athanor_version ORDER BY version_num")).map((r) => r.version_num);

for (const dialect of DIALECTS) {
  describe(`stamp and checksums on ${dialect}`, () => {
    it("adopts a database TypeORM built: baseline against an empty database, stamp head, then check finds nothing", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, (real) =>
        withTestDatabase(dialect, async (empty) => {
          const p = createProject(real, { "device.ts": DEVICE });
          await p.typeorm("sync");
          const built = await introspectUrl(real.url);

          let r = await p.cli("revision", "--autogenerate", "-m", "baseline", "--url", empty.url);
          assert.equal(r.code, 0, r.stderr);
          assert.equal(p.migrationFiles().length, 1);
          r = await p.cli("stamp", "head");
          assert.equal(r.code, 0, r.stderr);
          assert.match(r.stdout, /Stamped the database at \w+ \(was base\); no migration ran\./);
          const [head] = await versions(real.url);
          assert.ok(head);
          assert.deepEqual(await introspectUrl(real.url), built, "stamp changes no table of the schema");
          assert.match((await p.cli("current")).stdout, new RegExp(`^${head} \\(head\\)$`, "m"));
          r = await p.cli("check");
          assert.equal(r.code, 0, r.stdout + r.stderr);
          r = await p.cli("upgrade", "head");
          assert.equal(r.code, 0, r.stderr);
          assert.match(r.stdout, /nothing to do/);
          const logged = await queryUrl<{ direction: string; checksum: string | null }>(real.url, "SELECT direction, checksum FROM athanor_log");
          assert.deepEqual(logged.map((l) => l.direction), ["stamp"]);
          assert.match(String(logged[0].checksum), /^[0-9a-f]{64}$/);

          // The baseline is edited after it was applied.
          const file = p.migrationFiles()[0];
          appendFileSync(file, "\n// edited after it ran\n");
          const rel = join("migrations", "versions", file.split("/").pop()!);
          r = await p.cli("upgrade", "head");
          assert.equal(r.code, 0, r.stderr);
          assert.match(r.stderr, new RegExp(`warning: ${rel.replace(/\./g, "\\.")} \\(revision ${head}, applied [^)]+\\) was edited after it was applied`));
          r = await p.cli("check");
          assert.equal(r.code, 0, r.stderr);
          assert.match(r.stderr, /was edited after it was applied/);
          const json = JSON.parse((await p.cli("check", "--json")).stdout) as { editedMigrations: { file: string }[] };
          assert.deepEqual(json.editedMigrations.map((e) => e.file), [rel]);
          for (const command of ["upgrade", "check"]) {
            r = await p.cli(command, "--strict");
            assert.equal(r.code, 2, `${command} --strict: ${r.stderr}`);
            assert.match(r.stderr, /1 applied migration file\(s\) changed since they ran/);
            assert.match(r.stderr, new RegExp(rel.replace(/\./g, "\\.")));
            assert.match(r.stderr, new RegExp(`athanor stamp --purge ${head}`));
          }
          // Accepting the edit: re-stamp records the file as it is now.
          r = await p.cli("stamp", "--purge", head);
          assert.equal(r.code, 0, r.stderr);
          r = await p.cli("upgrade", "head", "--strict");
          assert.equal(r.code, 0, r.stderr);
          assert.doesNotMatch(r.stderr, /warning/);

          r = await p.cli("stamp", "base");
          assert.equal(r.code, 0, r.stderr);
          assert.deepEqual(await versions(real.url), []);
          assert.equal((await p.cli("current")).stdout.trim(), "base (no revision applied)");
        }),
      );
    });

    it("upgrade heads applies both branches, downgrade base reverts everything; stamp --purge replaces an unknown revision", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db);
        const int = intType(dialect);
        const table = (name: string) =>
          `  await op.createTable({ name: "${name}", columns: [{ name: "id", type: "${int}", nullable: false }], primaryKey: { columns: ["id"] } });`;
        writeMigration(p, { revision: "aaaa00000001", down: null, message: "root", upgrade: table("root"), downgrade: `  await op.dropTable("root");` });
        writeMigration(p, { revision: "bbbb00000002", down: "aaaa00000001", message: "left", upgrade: table("left_t"), downgrade: `  await op.dropTable("left_t");` });
        writeMigration(p, { revision: "cccc00000003", down: "aaaa00000001", message: "right", upgrade: table("right_t"), downgrade: `  await op.dropTable("right_t");` });

        let r = await p.cli("upgrade", "heads");
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /Upgraded 3 revision\(s\)/);
        assert.deepEqual(await versions(db.url), ["bbbb00000002", "cccc00000003"]);
        assert.deepEqual((await introspectUrl(db.url)).tables.map((x) => x.name), ["left_t", "right_t", "root"]);

        r = await p.cli("downgrade", "base");
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /Downgraded 3 revision\(s\)/);
        assert.deepEqual(await versions(db.url), []);
        assert.deepEqual((await introspectUrl(db.url)).tables, []);

        r = await p.cli("stamp", "bbbb00000002", "cccc");
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(await versions(db.url), ["bbbb00000002", "cccc00000003"]);
        assert.deepEqual((await introspectUrl(db.url)).tables, [], "stamp runs no migration");
        await queryUrl(db.url, "INSERT INTO athanor_version (version_num) VALUES ('deadbeef0000')");
        r = await p.cli("stamp", "aaaa");
        assert.equal(r.code, 2);
        assert.match(r.stderr, /records revision\(s\) deadbeef0000, which no migration file defines/);
        assert.match(r.stderr, /athanor stamp --purge aaaa/);
        r = await p.cli("stamp", "--purge", "aaaa");
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(await versions(db.url), ["aaaa00000001"]);
      });
    });
  });
}
