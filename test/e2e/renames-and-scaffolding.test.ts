/**
 * A declared rename keeps the column's data instead of dropping and re-adding it; `init`
 * scaffolds a project and `revision` without --autogenerate writes an empty migration to fill in.
 */
import assert from "node:assert/strict";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DIALECTS, unavailable, withTestDatabase } from "../support/databases";
import { queryUrl } from "../support/introspect";
import { createProject, opCalls } from "../support/project";

const device = (column: string) => `import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("devices")
export class Device {
  @PrimaryColumn({ type: "int" })
  id!: number;

  @Column({ name: "${column}", type: "varchar", length: 45, nullable: true })
  ip!: string | null;
}
`;

for (const dialect of DIALECTS) {
  describe(`renames on ${dialect}`, () => {
    it("--rename-column turns a vanished and a new column into a rename that keeps the data", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, { "device.ts": device("ip") });
        assert.equal((await p.cli("revision", "--autogenerate", "-m", "devices")).code, 0);
        assert.equal((await p.cli("upgrade", "head")).code, 0);
        await queryUrl(db.url, "INSERT INTO devices (id, ip) VALUES (1, '10.0.0.1')");
        p.writeEntity("device.ts", device("ip_address"));
        let r = await p.cli("revision", "--autogenerate", "-m", "rename ip", "--rename-column", "devices.ip:ip_address");
        assert.equal(r.code, 0, r.stderr);
        const source = p.read(p.migrationFiles().find((f) => f.includes("rename_ip"))!);
        assert.deepEqual(opCalls(source, "upgrade"), ["renameColumn"]);
        assert.deepEqual(opCalls(source, "downgrade"), ["renameColumn"]);
        r = await p.cli("upgrade", "head");
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(await queryUrl(db.url, "SELECT id, ip_address FROM devices"), [{ id: 1, ip_address: "10.0.0.1" }]);
        assert.equal((await p.cli("check")).code, 0);
        r = await p.cli("downgrade", "-1");
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(await queryUrl(db.url, "SELECT id, ip FROM devices"), [{ id: 1, ip: "10.0.0.1" }]);
      });
    });
  });
}

describe("possible renames", () => {
  it("without a hint, a vanished and a new column are dropped and added, with a note and a warning naming the flag", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, { "device.ts": device("ip") });
      assert.equal((await p.cli("revision", "--autogenerate", "-m", "devices")).code, 0);
      assert.equal((await p.cli("upgrade", "head")).code, 0);
      p.writeEntity("device.ts", device("ip_address"));
      const r = await p.cli("revision", "--autogenerate", "-m", "ip address");
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /warning: column "devices\.ip_address" is new and "ip" is dropped; .*--rename-column devices\.ip:ip_address/);
      const source = p.read(p.migrationFiles().find((f) => f.includes("ip_address"))!);
      assert.match(source, /\/\/ NOTE: column "devices\.ip_address" is new/);
      assert.deepEqual(opCalls(source, "upgrade"), ["addColumn", "dropColumn"]);
    });
  });

  it("answering yes at the prompt makes it a rename", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, { "device.ts": device("ip") });
      assert.equal((await p.cli("revision", "--autogenerate", "-m", "devices")).code, 0);
      assert.equal((await p.cli("upgrade", "head")).code, 0);
      p.writeEntity("device.ts", device("ip_address"));
      const r = await p.cliWithInput("y\n", "revision", "--autogenerate", "-m", "ip address", "--interactive");
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /Was column "devices\.ip" renamed to "ip_address"\? \(guess: same definition, same position\) \[Y\/n\]/);
      const source = p.read(p.migrationFiles().find((f) => f.includes("ip_address"))!);
      assert.deepEqual(opCalls(source, "upgrade"), ["renameColumn"]);
      assert.doesNotMatch(source, /NOTE/);
    });
  });
});

/** Two columns of different types, declared in the order given. */
const host = (names: { readonly text: string; readonly count: string }, order: "text-first" | "count-first" = "text-first") => {
  const text = `  @Column({ name: "${names.text}", type: "varchar", length: 80, nullable: true })\n  label!: string | null;\n`;
  const count = `  @Column({ name: "${names.count}", type: "int", nullable: true })\n  count!: number | null;\n`;
  return `import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("hosts")
export class Host {
  @PrimaryColumn({ type: "int" })
  id!: number;

${order === "text-first" ? text + count : count + text}}
`;
};

describe("rename guesses pair by type and position", () => {
  /** A project at head with hosts(id, name varchar, port int) holding one row. */
  async function atHead(db: Parameters<Parameters<typeof withTestDatabase>[1]>[0]) {
    const p = createProject(db, { "host.ts": host({ text: "name", count: "port" }) });
    assert.equal((await p.cli("revision", "--autogenerate", "-m", "hosts")).code, 0);
    assert.equal((await p.cli("upgrade", "head")).code, 0);
    await queryUrl(db.url, "INSERT INTO hosts (id, name, port) VALUES (1, 'alpha', 22)");
    return p;
  }

  it("two vanished and two new columns of different types: one note per guessed pair, each dropped column once, with its exact flag", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = await atHead(db);
      // The new int column comes first: pairing by position alone would get both wrong.
      p.writeEntity("host.ts", host({ text: "hostname", count: "ssh_port" }, "count-first"));
      const r = await p.cli("revision", "--autogenerate", "-m", "two renames");
      assert.equal(r.code, 0, r.stderr);
      const warnings = r.stderr.split("\n").filter((l) => l.startsWith("warning: column"));
      assert.equal(warnings.length, 2, r.stderr);
      assert.match(warnings.join("\n"), /"hosts\.ssh_port" is new and "port" is dropped; guessed pair \(same definition, 1 position apart; other dropped columns: "name"\): .*--rename-column hosts\.port:ssh_port/);
      assert.match(warnings.join("\n"), /"hosts\.hostname" is new and "name" is dropped; guessed pair \(same definition, 1 position apart; other dropped columns: "port"\): .*--rename-column hosts\.name:hostname/);
      const source = p.read(p.migrationFiles().find((f) => f.includes("two_renames"))!);
      assert.equal(source.match(/\/\/ NOTE: column "hosts\./g)?.length, 2, source);
    });
  });

  it("pressing Enter at the prompt accepts each guessed partner, and the data stays", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = await atHead(db);
      p.writeEntity("host.ts", host({ text: "hostname", count: "ssh_port" }, "count-first"));
      let r = await p.cliWithInput("\n\n", "revision", "--autogenerate", "-m", "two renames", "--interactive");
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /Was column "hosts\.port" renamed to "ssh_port"\? \(guess: same definition, 1 position apart\) \[Y\/n, or the old name: name\]/);
      const source = p.read(p.migrationFiles().find((f) => f.includes("two_renames"))!);
      assert.deepEqual(opCalls(source, "upgrade"), ["renameColumn", "renameColumn"]);
      r = await p.cli("upgrade", "head");
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(await queryUrl(db.url, "SELECT id, hostname, ssh_port FROM hosts"), [{ id: 1, hostname: "alpha", ssh_port: 22 }]);
    });
  });

  it("naming another dropped column at the prompt pairs that one instead, and its own guess is not asked again", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = await atHead(db);
      p.writeEntity("host.ts", host({ text: "hostname", count: "ssh_port" }, "count-first"));
      // ssh_port is asked first (guess: port); answering "name" claims name, so hostname's guess is gone.
      const r = await p.cliWithInput("name\n\n", "revision", "--autogenerate", "-m", "odd rename", "--interactive");
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr.match(/Was column "hosts\.name" renamed/g)?.length ?? 0, 0, r.stderr);
      assert.match(r.stderr, /Was column "hosts\.hostname" renamed from a dropped column\? \[N, or the old name: port\]/);
      const source = p.read(p.migrationFiles().find((f) => f.includes("odd_rename"))!);
      assert.match(source, /renameColumn\("hosts", "name", "ssh_port"\)/);
      // name (varchar) renamed to ssh_port (int) is also altered; hostname is added, port dropped.
      assert.deepEqual(opCalls(source, "upgrade").sort(), ["addColumn", "alterColumn", "dropColumn", "renameColumn"]);
    });
  });

  it("answering n keeps the drop and add; the end of input answers no to the rest and the file is still written", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = await atHead(db);
      p.writeEntity("host.ts", host({ text: "hostname", count: "ssh_port" }, "count-first"));
      const r = await p.cliWithInput("n\n", "revision", "--autogenerate", "-m", "no renames", "--interactive");
      assert.equal(r.code, 0, r.stderr);
      const source = p.read(p.migrationFiles().find((f) => f.includes("no_renames"))!);
      assert.deepEqual(opCalls(source, "upgrade").sort(), ["addColumn", "addColumn", "dropColumn", "dropColumn"]);
      assert.equal(source.match(/\/\/ NOTE: column "hosts\./g)?.length, 2, source);
    });
  });
});

describe("scaffolding", () => {
  it("init creates the config, versions folder and template; revision -m writes an empty migration that upgrades", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, { "device.ts": device("ip") });
      rmSync(join(p.dir, "athanor.config.ts"));
      let r = await p.cli("init", "db/migrations");
      assert.equal(r.code, 0, r.stderr);
      assert.ok(existsSync(join(p.dir, "athanor.config.ts")));
      assert.ok(existsSync(join(p.dir, "db", "migrations", "versions")));
      assert.ok(existsSync(join(p.dir, "db", "migrations", "migration.ts.tmpl")));
      assert.match(p.read("athanor.config.ts"), /dataSource: "\.\/src\/data-source\.ts"/);
      r = await p.cli("init");
      assert.equal(r.code, 2, "init refuses to overwrite an existing config");

      r = await p.cli("revision", "-m", "data fix");
      assert.equal(r.code, 0, r.stderr);
      const files = p.migrationFiles();
      assert.deepEqual(files, [], "migrations live in the configured folder, not ./migrations");
      r = await p.cli("history", "--json");
      const revisions = JSON.parse(r.stdout).revisions as { revision: string; message: string }[];
      assert.equal(revisions.length, 1);
      assert.equal(revisions[0].message, "data fix");
      r = await p.cli("upgrade", "head");
      assert.equal(r.code, 0, r.stderr);
      r = await p.cli("current", "--json");
      assert.deepEqual(JSON.parse(r.stdout).current, [revisions[0].revision]);
    });
  });
});
