// The README's walk-through, end to end on SQLite: copies fixtures/devices to a scratch folder,
// autogenerates the first migration, upgrades, adds `vlan_id` with an index to the entity,
// autogenerates again, shows the file, upgrades, checks, and downgrades one step.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";

const repo = resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "..");
const dir = mkdtempSync(join(tmpdir(), "athanor-example-"));
cpSync(join(repo, "fixtures", "devices"), dir, {
  recursive: true,
  filter: (src) => !/(node_modules|migrations|\.sqlite)$/.test(src),
});
symlinkSync(join(repo, "node_modules"), join(dir, "node_modules"), "dir");

function athanor(...args) {
  console.log(`\n$ athanor ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ")}`);
  const r = spawnSync(process.execPath, [join(repo, "bin", "athanor.js"), ...args], { cwd: dir, stdio: "inherit" });
  if (r.status !== 0 && !(args[0] === "check" && r.status === 1)) {
    console.error(`example failed at: athanor ${args.join(" ")} (exit ${r.status})`);
    process.exit(1);
  }
}

try {
  console.log(`Example project: ${dir} (SQLite file devices.sqlite)`);
  athanor("revision", "--autogenerate", "-m", "create devices");
  athanor("upgrade", "head");

  const entity = join(dir, "src", "entities", "device.ts");
  console.log("\n# edit src/entities/device.ts: add vlan_id (integer, default 10) with index idx_devices_vlan");
  writeFileSync(
    entity,
    readFileSync(entity, "utf8")
      .replace("import { Column, Entity,", "import { Column, Entity, Index,")
      .replace(
        "  ipAddress!: string | null;\n",
        `  ipAddress!: string | null;\n\n  @Index("idx_devices_vlan")\n  @Column({ name: "vlan_id", type: "integer", nullable: true, default: 10 })\n  vlanId!: number | null;\n`,
      ),
  );
  athanor("check");
  athanor("revision", "--autogenerate", "-m", "add vlan column to devices");
  const versions = join(dir, "migrations", "versions");
  const file = readdirSync(versions).find((f) => f.includes("add_vlan"));
  console.log(`\n# migrations/versions/${file}\n`);
  console.log(readFileSync(join(versions, file), "utf8"));
  athanor("upgrade", "head");
  athanor("check");
  athanor("history");
  athanor("downgrade", "-1");
  athanor("current");
  console.log("\nExample finished: every step succeeded.");
} finally {
  if (!process.env.KEEP_EXAMPLE) rmSync(dir, { recursive: true, force: true });
}
