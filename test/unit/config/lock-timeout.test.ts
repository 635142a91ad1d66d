import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isRetryCount, parseDuration } from "../../../src/config/lock-timeout";

describe("parseDuration (lockTimeout, --ddl-lock-timeout)", () => {
  const good: [string | number, number][] = [["2s", 2000], ["500ms", 500], ["1.5s", 1500], ["1m", 60_000], ["750", 750], [250, 250], ["0", 0], [" 3 S ", 3000]];
  for (const [value, want] of good) it(`${JSON.stringify(value)} is ${want} ms`, () => assert.equal(parseDuration(value), want));
  for (const value of ["", "2 seconds", "-1s", "abc", "1h", -5, Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`${JSON.stringify(value)} is refused`, () => assert.equal(parseDuration(value), undefined));
  }
  it("retry counts are whole numbers, 0 or more", () => {
    assert.deepEqual([0, 5, -1, 1.5, "3", Number.NaN].map(isRetryCount), [true, true, false, false, false, false]);
  });
});
