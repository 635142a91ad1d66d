import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { closestOptions } from "../../../src/cli/closest-option";

const REVISION = ["message", "m", "autogenerate", "rev-id", "rename-table", "rename-column", "head", "splice", "config", "c", "url"];

describe("closestOptions", () => {
  const cases: readonly { readonly typed: string; readonly want: readonly string[] }[] = [
    { typed: "rename", want: ["rename-column", "rename-table"] },
    { typed: "autogenrate", want: ["autogenerate"] },
    { typed: "mesage", want: ["message"] },
    { typed: "rename-tables", want: ["rename-table"] },
    { typed: "zzzzzz", want: [] },
  ];
  for (const { typed, want } of cases) {
    it(`suggests ${want.length ? want.join(", ") : "nothing"} for --${typed}`, () => {
      assert.deepEqual(closestOptions(typed, REVISION), want);
    });
  }
});
