import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normaliseDefault } from "../../../src/dialects/mysql/normalise";

/** What an entity writes (TypeORM's normalizeDefault) against what MariaDB/MySQL report, per column type. */
const EQUAL: readonly (readonly [string, string, string])[] = [
  ["date", "CURRENT_DATE", "curdate()"],
  ["date", "current_date()", "curdate()"],
  ["time", "CURRENT_TIME", "curtime()"],
  ["time", "CURRENT_TIME(3)", "curtime(3)"],
  ["datetime", "CURRENT_TIMESTAMP(6)", "current_timestamp(6)"],
  ["datetime", "now()", "current_timestamp()"],
  ["int", "'5'", "5"],
  ["tinyint", "true", "1"],
  ["varchar", "'abc'", "'abc'"],
];

const UNEQUAL: readonly (readonly [string, string, string])[] = [
  ["date", "CURRENT_DATE", "current_timestamp()"],
  ["time", "CURRENT_TIME(3)", "curtime()"],
  ["varchar", "'5'", "'05'"],
];

describe("MySQL/MariaDB defaults compared by meaning", () => {
  for (const [type, model, catalog] of EQUAL) {
    it(`${type}: ${model} equals ${catalog}`, () => assert.equal(normaliseDefault(model, type), normaliseDefault(catalog, type)));
  }
  for (const [type, model, catalog] of UNEQUAL) {
    it(`${type}: ${model} differs from ${catalog}`, () => assert.notEqual(normaliseDefault(model, type), normaliseDefault(catalog, type)));
  }
});
