/**
 * Offline, the user's server cannot be asked: its version is the flag, else the config, else the
 * Server: line of the newest generated migration (walking down from the head past files without
 * one), else unknown. A declared value that is no version of the dialect is refused.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { postgresDialect } from "../../../src/dialects/postgres";
import { mysqlDialect } from "../../../src/dialects/mysql";
import { ConfigError } from "../../../src/errors";
import { buildGraph } from "../../../src/revisions/graph";
import type { MigrationScript } from "../../../src/runner/migration-script";
import type { Revisions } from "../../../src/runner/revisions";
import { declaredServerVersion } from "../../../src/replay/declared-server-version";
import { throwsWith } from "../throws-with";

function history(dir: string, files: readonly { id: string; parent?: string; server?: string; ext?: string }[]): Revisions {
  const scripts = files.map((f): MigrationScript => {
    const file = `${f.id}.${f.ext ?? "ts"}`;
    writeFileSync(join(dir, file), `/**\n * ${f.id}\n *\n * Revision ID: ${f.id}\n${f.server ? ` * Server: ${f.server}\n` : ""} */\n`);
    return { revision: f.id, downRevisions: f.parent ? [f.parent] : [], file, checksum: f.id, transactional: true, upgrade: async () => undefined, downgrade: async () => undefined };
  });
  return { scripts: new Map(scripts.map((s) => [s.revision, s])), graph: buildGraph(scripts) };
}

describe("declaredServerVersion", () => {
  it("takes the flag, then the config, then the newest Server: line below the head, else nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "athanor-declared-"));
    try {
      const revisions = history(dir, [
        { id: "a", server: "PostgreSQL 14.2" },
        { id: "b", parent: "a", server: "PostgreSQL 15.19" },
        { id: "c", parent: "b" },
      ]);
      assert.deepEqual(declaredServerVersion(postgresDialect, revisions, dir, { flag: "16.1", config: "13" }), { version: "16.1", from: "--server-version" });
      assert.deepEqual(declaredServerVersion(postgresDialect, revisions, dir, { config: "13" }), { version: "13", from: "the config's serverVersion" });
      // c was written by hand (no Server: line): b is the newest generated against the server.
      assert.deepEqual(declaredServerVersion(postgresDialect, revisions, dir, {}), { version: "PostgreSQL 15.19", from: "b.ts" });
      assert.equal(declaredServerVersion(postgresDialect, history(dir, [{ id: "x" }]), dir, {}), undefined);
      assert.equal(declaredServerVersion(postgresDialect, history(dir, []), dir, {}), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads MariaDB's header form, and refuses a declared value that names no version", () => {
    const dir = mkdtempSync(join(tmpdir(), "athanor-declared-"));
    try {
      const revisions = history(dir, [{ id: "a", server: "MariaDB 10.11.19" }]);
      assert.deepEqual(declaredServerVersion(mysqlDialect, revisions, dir, {}), { version: "MariaDB 10.11.19", from: "a.ts" });
      throwsWith(() => declaredServerVersion(postgresDialect, revisions, dir, { flag: "latest" }), ConfigError, ["--server-version", "latest"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
