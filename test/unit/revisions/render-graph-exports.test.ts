/** branchLabels and dependsOn exports in generated migration files, with and without the template placeholder. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { DEFAULT_TEMPLATE, renderMigration, type MigrationFileInput } from "../../../src/render/migration-file";

const base: MigrationFileInput = { revision: "bb02", downRevisions: ["aa01"], message: "m", createDate: new Date("2026-01-01T00:00:00Z") };

describe("graph exports in migration files", () => {
  it("are written after downRevision in the shipped template, only when present", () => {
    const template = readFileSync(DEFAULT_TEMPLATE, "utf8");
    const plain = renderMigration(template, base);
    assert.ok(!plain.includes("branchLabels") && !plain.includes("dependsOn") && !plain.includes("{{"));
    const text = renderMigration(template, { ...base, branchLabels: ["networking"], dependsOn: ["cc03", "dd04"] });
    assert.match(text, /export const downRevision = "aa01";\nexport const branchLabels = "networking";\nexport const dependsOn = \["cc03","dd04"\];\n/);
  });

  it("go where a user's template puts {{graphExports}}, or at the end of a template without downRevision", () => {
    const own = "export const revision = {{revisionLiteral}};\n{{graphExports}}\nexport const downRevision = {{downRevisionLiteral}};\n";
    assert.equal(
      renderMigration(own, { ...base, branchLabels: ["x"] }),
      'export const revision = "bb02";\nexport const branchLabels = "x";\nexport const downRevision = "aa01";\n',
    );
    const bare = "// {{revision}}\n";
    assert.equal(renderMigration(bare, { ...base, dependsOn: ["cc03"] }), '// bb02\n\nexport const dependsOn = "cc03";\n');
  });

  it("a merge's empty body replaces the write-here comments", () => {
    const template = readFileSync(DEFAULT_TEMPLATE, "utf8");
    const text = renderMigration(template, { ...base, downRevisions: ["aa01", "cc03"], emptyBody: "// merge revision: nothing to do" });
    assert.match(text, /export const downRevision = \["aa01","cc03"\];/);
    assert.equal(text.split("// merge revision: nothing to do").length, 3);
  });
});
