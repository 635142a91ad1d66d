/**
 * Generated files go through prettier up to PRETTIER_LIMIT_BYTES; a larger one (an initial
 * migration of thousands of tables) is written as rendered, one op per line, with a line under
 * its header saying so, so that its message (the header's first line) still reads back.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatTypeScript, PRETTIER_LIMIT_BYTES } from "../../../src/render/migration-file";

const HEADER = `/**\n * big one\n *\n * Revision ID: abc\n */\n`;

describe("prettier on generated files", () => {
  it("formats a file under the limit", async () => {
    const out = await formatTypeScript(`${HEADER}export const revision   =   "abc"\n`, "/tmp/abc_big.ts");
    assert.equal(out, `${HEADER}export const revision = "abc";\n`);
  });

  it("leaves a file over the limit as rendered, with a note under the header", async () => {
    const line = `  await op.addColumn("t", { name: "c", type: "integer", nullable: true });\n`;
    const body = `export const revision = "abc";\n${line.repeat(Math.ceil(PRETTIER_LIMIT_BYTES / line.length) + 1)}`;
    const out = await formatTypeScript(HEADER + body, "/tmp/abc_big.ts");
    assert.ok(out.startsWith(`${HEADER}// Not formatted with prettier (`), out.slice(0, 200));
    assert.match(out.split("\n")[5], /`npx prettier --write abc_big\.ts` formats it\.$/);
    assert.equal(out, `${HEADER}${out.split("\n")[5]}\n${body}`, "nothing else changes");
  });
});
