/**
 * `check --offline` and `revision --autogenerate --offline` replay the migrations into an embedded
 * database (PGlite for PostgreSQL, an in-memory SQLite) instead of reading the project's
 * database. On every fixture project: after the initial migration is applied, offline `check`
 * says what `check` against the real server says; after a model edit, both list the same ops and
 * generate byte-identical revision files.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unavailable, withTestDatabase, type TestDialect } from "../support/databases";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createProject, fixtureEntities, REPO, type ProjectOptions, type TestProject } from "../support/project";

const PROBE = `import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

@Entity("offline_probe")
@Index("idx_offline_probe_code", ["code"])
export class OfflineProbe {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "varchar", length: 40 })
  code!: string;

  @Column({ type: "integer", nullable: true, default: 3 })
  rank!: number | null;
}
`;

/** The features fixture's project naming strategy (as typeorm-oracle-features.test.ts uses it). */
const NAMING: ProjectOptions = {
  files: { "snake-naming.ts": readFileSync(join(REPO, "fixtures", "oracle", "naming", "snake-naming.ts"), "utf8") },
  imports: 'import { SnakeNamingStrategy } from "./snake-naming";',
  dataSourceOptions: "namingStrategy: new SnakeNamingStrategy()",
};

interface Fixture {
  /** Folders of entity files that make one project together. */
  readonly folders: readonly string[];
  readonly options?: ProjectOptions;
}

const SHARED: readonly Fixture[] = [
  { folders: ["devices/src/entities"] },
  { folders: ["oracle/features"], options: NAMING },
  { folders: ["oracle/coverage"] },
  { folders: ["mappings/common", "mappings/twin"] },
  { folders: ["mappings/common", "mappings/differing"] },
  { folders: ["mappings/common", "mappings/view"] },
];

/** Every fixture project of the suite that runs on the dialect (MySQL's: offline-replay.test.ts, by --scratch-url). */
const FIXTURES: Readonly<Record<"postgres" | "sqlite", readonly Fixture[]>> = {
  postgres: [...SHARED, { folders: ["oracle/common", "oracle/postgres"] }, { folders: ["kitchen-sink/postgres"] }, { folders: ["kitchen-sink/postgres-types"] }],
  sqlite: [...SHARED, { folders: ["oracle/common", "oracle/sqlite"] }, { folders: ["kitchen-sink/sqlite"] }],
};

async function both(p: TestProject, ...args: string[]) {
  const online = await p.cli(...args);
  const offline = await p.cli(...args, "--offline");
  return { online, offline };
}

for (const dialect of ["postgres", "sqlite"] as const satisfies readonly TestDialect[]) {
  describe(`offline check and autogenerate on ${dialect}`, () => {
    for (const { folders, options } of FIXTURES[dialect]) {
      it(`${folders.join(" + ")}${options ? " (naming strategy)" : ""}: offline check equals online check, and a model edit generates a byte-identical file`, async (t) => {
        const why = await unavailable(dialect);
        if (why) return t.skip(why);
        await withTestDatabase(dialect, async (db) => {
          process.env.SOURCE_DATE_EPOCH = "1790000000";
          const p = createProject(db, fixtureEntities(...folders), options);
          let r = await p.cli("revision", "--autogenerate", "-m", "initial", "--rev-id", "a000000000001");
          assert.equal(r.code, 0, r.stderr);
          r = await p.cli("upgrade", "head");
          assert.equal(r.code, 0, r.stderr);

          let c = await both(p, "check");
          assert.equal(c.online.code, 0, `online check after upgrade:\n${c.online.stdout}${c.online.stderr}`);
          assert.equal(c.offline.code, c.online.code, `offline check:\n${c.offline.stdout}${c.offline.stderr}`);
          assert.equal(c.offline.stdout, c.online.stdout);
          // Replayed now, or earlier by a run on the same history (the cache is keyed by the files' checksums).
          assert.match(c.offline.stderr, /Offline: (replayed 1 migration\(s\) into|1 migration\(s\) replayed into) (PGlite \(PostgreSQL|in-memory SQLite)/);

          p.writeEntity("offline-probe.ts", PROBE);
          c = await both(p, "check");
          assert.equal(c.online.code, 1, `online check after the edit:\n${c.online.stdout}${c.online.stderr}`);
          assert.equal(c.offline.code, 1, c.offline.stderr);
          assert.equal(c.offline.stdout, c.online.stdout);
          // The second offline run on an unchanged history reads the cached replay.
          assert.match(c.offline.stderr, /replayed into .* earlier, unchanged since \(cached\)/);

          r = await p.cli("revision", "--autogenerate", "-m", "add probe", "--rev-id", "b000000000002", "--offline");
          assert.equal(r.code, 0, r.stderr);
          const [, second] = p.migrationFiles();
          const offlineFile = p.read(second);
          const { rmSync } = await import("node:fs");
          rmSync(second);
          r = await p.cli("revision", "--autogenerate", "-m", "add probe", "--rev-id", "b000000000002");
          assert.equal(r.code, 0, r.stderr);
          assert.equal(p.read(p.migrationFiles()[1]), offlineFile, "the offline and online files differ");
          delete process.env.SOURCE_DATE_EPOCH;
        });
      });
    }

    it("mappings/conflict: entities TypeORM cannot map to one table stop offline with the error they give online", async (t) => {
      const why = await unavailable(dialect);
      if (why) return t.skip(why);
      await withTestDatabase(dialect, async (db) => {
        const p = createProject(db, fixtureEntities("mappings/common", "mappings/conflict"));
        const c = await both(p, "check");
        assert.equal(c.online.code, 2, c.online.stdout + c.online.stderr);
        assert.equal(c.offline.code, 2, c.offline.stdout + c.offline.stderr);
        const error = (stderr: string) => stderr.slice(stderr.indexOf("athanor: error:"));
        assert.match(error(c.offline.stderr), /^athanor: error: table "post_tags" is mapped twice with different primary keys/);
        // Online SQLite stops earlier, at the database file the project never created.
        if (dialect === "postgres") assert.equal(error(c.offline.stderr), error(c.online.stderr));
      });
    });
  });
}
