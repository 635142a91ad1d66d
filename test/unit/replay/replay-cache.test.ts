/**
 * The replay cache is keyed by everything a replayed catalog depends on: a changed, added,
 * removed or reordered migration, another exclude list, scope, dialect, place or athanor version
 * is a miss. A snapshot is written whole, and anything unreadable is a miss, never an error.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readSnapshot, replayKey, writeSnapshot, type ReplayKeyParts, type ReplaySnapshot } from "../../../src/replay/replay-cache";

const BASE: ReplayKeyParts = {
  dialect: "postgres",
  where: "embedded",
  scripts: [
    { revision: "a1", checksum: "c1" },
    { revision: "b2", checksum: "c2" },
  ],
  exclude: ["athanor_version"],
  scoped: false,
  athanorVersion: "0.1.0",
};

const SNAPSHOT: ReplaySnapshot = { engine: "PGlite (PostgreSQL 18.7)", engineVersion: "18.7", live: { tables: [] }, replayed: 2 };

describe("replay cache", () => {
  it("gives the same key for the same inputs, and a different one when any input changes", () => {
    const key = replayKey(BASE);
    assert.equal(replayKey({ ...BASE, scripts: [...BASE.scripts] }), key);
    const variants: ReplayKeyParts[] = [
      { ...BASE, scripts: [BASE.scripts[0], { revision: "b2", checksum: "edited" }] },
      { ...BASE, scripts: [BASE.scripts[0]] },
      { ...BASE, scripts: [...BASE.scripts, { revision: "c3", checksum: "c3" }] },
      { ...BASE, scripts: [BASE.scripts[1], BASE.scripts[0]] },
      { ...BASE, exclude: ["athanor_version", "legacy"] },
      { ...BASE, scoped: true },
      { ...BASE, dialect: "sqlite" },
      { ...BASE, where: "postgres://127.0.0.1/x" },
      { ...BASE, athanorVersion: "0.2.0" },
    ];
    const keys = new Set(variants.map(replayKey));
    assert.equal(keys.size, variants.length);
    assert.ok(!keys.has(key));
  });

  it("reads back what it wrote, leaves no temporary file, and treats a missing or corrupt entry as a miss", () => {
    const dir = mkdtempSync(join(tmpdir(), "athanor-replay-cache-"));
    try {
      const key = replayKey(BASE);
      assert.equal(readSnapshot(dir, key), undefined);
      writeSnapshot(dir, key, SNAPSHOT);
      assert.deepEqual(readSnapshot(dir, key), SNAPSHOT);
      assert.deepEqual(readdirSync(dir), [`${key}.json`]);
      writeFileSync(join(dir, `${key}.json`), "{ not json");
      assert.equal(readSnapshot(dir, key), undefined);
      // An entry written under another key (a renamed file) is not taken for this one.
      writeFileSync(join(dir, `${key}.json`), JSON.stringify({ key: "other", snapshot: SNAPSHOT }));
      assert.equal(readSnapshot(dir, key), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
