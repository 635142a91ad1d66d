/**
 * `--timings` on a real command: the phase breakdown on stderr, stdout untouched; with
 * ATHANOR_TIMINGS=json, one JSON line with the phases a `check` goes through, the catalog
 * queries of its introspection, and peak memory.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withTestDatabase } from "../support/databases";
import { createProject } from "../support/project";

const ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity("pets")
export class Pet {
  @PrimaryGeneratedColumn()
  id!: number;
  @Column({ length: 40 })
  name!: string;
}
`;

describe("--timings", () => {
  it("prints the phases of a check on stderr, as text or as one JSON line", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db, { "pet.ts": ENTITY });
      assert.equal((await p.cli("upgrade", "head")).code, 0, "creates the database file");
      const plain = await p.cli("check", "--json");
      const timed = await p.cli("check", "--json", "--timings");
      assert.equal(timed.code, plain.code, timed.stderr);
      assert.equal(timed.stdout, plain.stdout, "stdout is the command's own");
      assert.match(timed.stderr, /^timings \(ms\): start-up \d+ · .*load modules \d+ · metadata \d+ · connect \d+ · introspect \d+ · diff \d+ · other \d+ = \d+ total, \d+ catalog queries, peak memory \d+ MB$/m);

      process.env.ATHANOR_TIMINGS = "json";
      try {
        const json = await p.cli("check");
        const line = json.stderr.split("\n").find((l) => l.startsWith('{"timings"'));
        assert.ok(line, json.stderr);
        const report = (JSON.parse(line) as { timings: { phases: Record<string, number>; catalogQueries: number; total: number; peakMemoryMb: number } }).timings;
        for (const phase of ["start-up", "load modules", "metadata", "connect", "introspect", "diff"]) assert.ok(phase in report.phases, `${phase} in ${line}`);
        assert.equal(report.catalogQueries, 4, "SQLite's introspection: four queries");
        assert.ok(report.total > 0 && report.peakMemoryMb > 0);
      } finally {
        delete process.env.ATHANOR_TIMINGS;
      }
    });
  });
});
