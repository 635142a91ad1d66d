/** SOURCE_DATE_EPOCH fixes a generated file's Create Date, so the same change gives the same bytes. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createDate } from "../../../src/render/create-date";

describe("createDate", () => {
  it("is SOURCE_DATE_EPOCH when set to whole seconds, the given date first, else now", () => {
    const saved = process.env.SOURCE_DATE_EPOCH;
    try {
      process.env.SOURCE_DATE_EPOCH = "1790000000";
      assert.equal(createDate().toISOString(), "2026-09-21T14:13:20.000Z");
      const given = new Date("2020-01-01T00:00:00Z");
      assert.equal(createDate(given), given);
      process.env.SOURCE_DATE_EPOCH = "yesterday";
      const before = Date.now();
      assert.ok(createDate().getTime() >= before);
      delete process.env.SOURCE_DATE_EPOCH;
      assert.ok(Math.abs(createDate().getTime() - Date.now()) < 5000);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });
});
