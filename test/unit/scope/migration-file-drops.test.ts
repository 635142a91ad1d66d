import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseSync } from "@swc/core";
import { DEFAULT_TEMPLATE, formatTypeScript, renderMigration, type MigrationFileInput } from "../../../src/render/migration-file";
import { unmappedDrops } from "../../../src/scope/unmapped-drops";
import type { Op } from "../../../src/ops/types";
import { auditLog, idxDevicesHostname, int, table } from "../fixtures";

const template = readFileSync(DEFAULT_TEMPLATE, "utf8");
const weird = table("odd*/name", { columns: [int("id")] });
const ops: Op[] = [
  { kind: "dropIndex", table: "devices", index: idxDevicesHostname },
  { kind: "dropTable", table: weird },
  { kind: "dropTable", table: auditLog },
];
const input: MigrationFileInput = {
  revision: "aaaaaaaaaaaa",
  downRevisions: ["bbbbbbbbbbbb"],
  message: "drop leftovers",
  createDate: new Date("2026-12-01T00:00:00.000Z"),
  ops,
  unmappedDrops: unmappedDrops(ops),
};

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), "athanor-scope-render-"));
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  writeFileSync(join(dir, ".prettierrc.json"), "{}\n");
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe("migration file listing unmapped drops", () => {
  it("opens upgrade with one block comment naming each dropped table and index and the flags that keep them", async () => {
    const text = await formatTypeScript(renderMigration(template, input), join(dir, "migrations", "versions", "aaaaaaaaaaaa_drop.ts"));
    const upgrade = text.slice(text.indexOf("export async function upgrade"), text.indexOf("export async function downgrade"));
    const block = upgrade.slice(upgrade.indexOf("/*"), upgrade.indexOf("*/") + 2);
    assert.ok(upgrade.indexOf("/*") < upgrade.indexOf("await op."), "the listing comes before any op");
    assert.match(block, /WARNING: this drops 2 table\(s\) that no entity maps \(their rows are lost\) and 1 index\(es\) that no entity declares/);
    assert.match(block, /table audit_log\n/);
    assert.match(block, /table "odd\*\\\/name"\n/, "a name holding */ cannot close the comment early");
    assert.match(block, /index idx_devices_hostname on devices/);
    assert.match(block, /--exclude-table audit_log --exclude-table 'odd\*\\\/name'/);
    assert.match(block, /@Index\("idx_devices_hostname", \{ synchronize: false \}\)/);
    assert.doesNotMatch(text.slice(text.indexOf("export async function downgrade")), /WARNING/, "the downgrade recreates; it drops nothing unmapped");
    assert.doesNotThrow(() => parseSync(text, { syntax: "typescript" }));
  });

  it("writes no listing when nothing unmapped is dropped", async () => {
    const text = renderMigration(template, { ...input, unmappedDrops: [] });
    assert.doesNotMatch(text, /WARNING/);
  });
});
