/** PostgreSQL by server version: how `server_version` is read and what each version can do. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { postgresDialect } from "../../../src/dialects/postgres";

describe("PostgreSQL version strings", () => {
  for (const [text, want] of [
    ["16.4 (Debian 16.4-1.pgdg120+1)", "PostgreSQL 16.4"],
    ["PostgreSQL 9.6.24 on x86_64-pc-linux-gnu", "PostgreSQL 9.6.24"],
    ["16", "PostgreSQL 16"],
    ["17beta1", "PostgreSQL 17"],
    ["", undefined],
  ] as const) {
    it(`reads ${JSON.stringify(text)} as ${want ?? "no version"}`, () => assert.equal(postgresDialect.describeServerVersion?.(text), want));
  }
});

describe("PostgreSQL capabilities by version", () => {
  for (const [version, instantAddColumn] of [
    ["10.23", "none"],
    ["11.0", "implicit"],
    ["16.4 (Debian 16.4-1.pgdg120+1)", "implicit"],
  ] as const) {
    it(`${version}: ADD COLUMN with a default is ${instantAddColumn === "none" ? "a table rewrite" : "instant"}; rename, drop and CONCURRENTLY as always`, () => {
      const got = postgresDialect.capabilities(version);
      assert.deepEqual(
        [got.instantAddColumn, got.renameColumn, got.dropColumn, got.onlineIndexes, got.transactionalDdl],
        [instantAddColumn, "rename", "drop", "outside-transaction", true],
      );
    });
  }
});
