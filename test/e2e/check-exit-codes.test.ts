/**
 * `athanor check` is what a CI job runs to ask "does the database match the models?": its exit
 * code is the answer. 0: in sync; 1: a migration is needed (the ops listed on stdout, or in the
 * `--json` document), or revisions are not applied yet; 2: athanor could not run. A check that
 * always exits 0 would pass every other test: here each code is asserted with what it reports.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { columnDifferences } from "../../src/diff/equal";
import type { Op } from "../../src/ops/types";
import type { ColumnField } from "../../src/schema/types";
import { DIALECTS, unavailable, withTestDatabase } from "../support/databases";
import { createProject } from "../support/project";

const device = (changed: boolean) => `import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("devices")
export class Device {
  @PrimaryColumn({ type: "int" })
  id!: number;

  @Column({ type: "varchar", length: ${changed ? 120 : 100} })
  hostname!: string;

  @Column({ type: "varchar", length: 20, default: "${changed ? "open" : "new"}" })
  status!: string;
${changed ? `\n  @Column({ type: "varchar", length: 40, nullable: true })\n  serial!: string | null;\n` : ""}}
`;

/**
 * What `check` prints for the change above, the same on every dialect (both readers normalise to
 * one IR): the op calls a migration would hold, in order.
 */
const EXPECTED_LINES = [
  '3 operation(s) needed; run `athanor revision --autogenerate -m "..."`:',
  '  await op.alterColumn("devices", "hostname", { from: { type: "varchar", length: 100, nullable: false }, to: { type: "varchar", length: 120, nullable: false } });',
  `  await op.alterColumn("devices", "status", { from: { type: "varchar", length: 20, nullable: false, default: "'new'" }, to: { type: "varchar", length: 20, nullable: false, default: "'open'" } });`,
  '  await op.addColumn("devices", { name: "serial", type: "varchar", length: 40, nullable: true });',
];

/** An op as a dialect-independent summary: the kind, the table, the column and what changed. */
function summary(op: Op): unknown {
  switch (op.kind) {
    case "addColumn":
      return { kind: op.kind, table: op.table, column: op.column.name, type: op.column.type, length: op.column.length, nullable: op.column.nullable };
    case "alterColumn":
      return {
        kind: op.kind,
        table: op.table,
        column: op.to.name,
        changed: Object.fromEntries((columnDifferences(op.from, op.to) as ColumnField[]).map((f) => [f, [op.from[f], op.to[f]]])),
      };
    default:
      return { kind: op.kind };
  }
}

for (const dialect of DIALECTS) {
  describe(`check exit codes on ${dialect}`, () => {
    it("0 in sync, 1 with the exact ops (text and --json) when the models changed, 1 with the pending revision when behind, 2 on a broken config", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, { "device.ts": device(false) });
        let r = await p.cli("revision", "--autogenerate", "-m", "devices");
        assert.equal(r.code, 0, r.stderr);
        assert.equal((r = await p.cli("upgrade", "head")).code, 0, r.stderr);

        r = await p.cli("check");
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.equal(r.stdout, "No changes: the entities match the database.\n");
        r = await p.cli("check", "--json");
        assert.equal(r.code, 0, r.stdout + r.stderr);
        const clean = JSON.parse(r.stdout);
        assert.equal(clean.upToDate, true);
        assert.deepEqual(clean.operations, []);

        p.writeEntity("device.ts", device(true));
        r = await p.cli("check");
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.deepEqual(r.stdout.split("\n"), [...EXPECTED_LINES, ""]);

        r = await p.cli("check", "--json");
        assert.equal(r.code, 1, r.stdout + r.stderr);
        const doc = JSON.parse(r.stdout) as { upToDate: boolean; operations: Op[]; unmappedDrops: unknown[] };
        assert.equal(doc.upToDate, false);
        assert.deepEqual(doc.unmappedDrops, []);
        assert.deepEqual(doc.operations.map(summary), [
          { kind: "alterColumn", table: "devices", column: "hostname", changed: { length: [100, 120] } },
          { kind: "alterColumn", table: "devices", column: "status", changed: { default: ["'new'", "'open'"] } },
          { kind: "addColumn", table: "devices", column: "serial", type: "varchar", length: 40, nullable: true },
        ]);

        // A new revision not yet applied: the database is behind head, which is a mismatch (1), not an error.
        r = await p.cli("revision", "--autogenerate", "-m", "changes");
        assert.equal(r.code, 0, r.stderr);
        const pending = /export const revision = "(\w+)"/.exec(p.read(p.migrationFiles().find((f) => f.includes("changes"))!))![1];
        r = await p.cli("check");
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.deepEqual(r.stdout.split("\n"), ["The database is behind: 1 revision(s) not applied; run `athanor upgrade heads`:", `  ${pending}`, ""]);
        r = await p.cli("check", "--json");
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.deepEqual(JSON.parse(r.stdout).pendingRevisions, [pending]);

        assert.equal((r = await p.cli("upgrade", "head")).code, 0, r.stderr);
        r = await p.cli("check");
        assert.equal(r.code, 0, r.stdout + r.stderr);

        // Broken config: athanor cannot run, which CI must tell from "changes found".
        writeFileSync(join(p.dir, "athanor.config.ts"), `export default { dataSource: "./src/no-such-data-source.ts", migrations: "./migrations" };\n`);
        for (const args of [["check"], ["check", "--json"]]) {
          r = await p.cli(...args);
          assert.equal(r.code, 2, `${args.join(" ")}: ${r.stdout}${r.stderr}`);
          assert.equal(r.stdout, "", "nothing on stdout that a script could read as a result");
          assert.match(r.stderr, /no-such-data-source/);
        }
      });
    });
  });
}
