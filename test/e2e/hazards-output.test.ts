/**
 * Hazards reach the reviewer and CI: the generated file writes each above its op, `revision
 * --autogenerate` lists them after "Generated …", and `check --json` / `revision --json` carry
 * them with the op's index and stable code.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { withTestDatabase } from "../support/databases";
import { createProject } from "../support/project";

const device = (withIp: boolean) => `import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("devices")
export class Device {
  @PrimaryColumn({ type: "int" })
  id!: number;
${withIp ? `\n  @Column({ type: "varchar", length: 40, nullable: true })\n  ip!: string | null;\n` : ""}}
`;

interface JsonHazard {
  readonly op: number;
  readonly code: string;
  readonly scales: string;
  readonly message: string;
}

describe("hazards in the generated file and the command outputs (SQLite)", () => {
  it("a dropped column: deletes-data above the op, in the summary, and in check/revision --json", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, { "device.ts": device(true) });
      let r = await p.cli("revision", "--autogenerate", "-m", "devices");
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stdout, /Hazards/, "creating a table risks nothing");
      assert.equal((r = await p.cli("upgrade", "head")).code, 0, r.stderr);

      p.writeEntity("device.ts", device(false));
      r = await p.cli("check", "--json");
      assert.equal(r.code, 1, r.stderr);
      const check = JSON.parse(r.stdout) as { operations: { kind: string }[]; hazards: JsonHazard[] };
      const drop = check.operations.findIndex((o) => o.kind === "dropColumn");
      assert.ok(drop >= 0);
      assert.deepEqual(
        check.hazards.filter((h) => h.code === "deletes-data"),
        [{ op: drop, code: "deletes-data", scales: "constant", message: `drops column "devices"."ip" and its data` }],
      );

      r = await p.cli("revision", "--autogenerate", "-m", "drop ip", "--json");
      assert.equal(r.code, 0, r.stderr);
      const made = JSON.parse(r.stdout) as { file: string; hazards: JsonHazard[] };
      assert.deepEqual(made.hazards, check.hazards, "revision --json carries the same hazards as check");
      const text = p.read(made.file);
      assert.match(text, /\/\/ hazard deletes-data: drops column "devices"\."ip" and its data\n(?:\s*\/\/ hazard [^\n]*\n)*\s*await op\.dropColumn\("devices", "ip"\);/);
      assert.match(text, /\/\/ hazard rewrites-table: .*"devices"/, "SQLite's DROP COLUMN rewrites the table");
      assert.doesNotMatch(text, /\/\/ drops column/, "the old drop comment is not repeated");
      rmSync(join(p.dir, made.file));

      r = await p.cli("revision", "--autogenerate", "-m", "drop ip");
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.split("\n");
      assert.match(lines[0], /^Generated .* \(1 operation\(s\)\)$/);
      assert.match(lines[1], /^Hazards \(1 backward-incompatible, 1 blocks-writes, 1 deletes-data, 1 rewrites-table\)/);
      assert.ok(lines.includes(`  deletes-data: drops column "devices"."ip" and its data`), r.stdout);
      assert.ok(lines.includes(`    op 1: await op.dropColumn("devices", "ip");`), r.stdout);
    });
  });
});
