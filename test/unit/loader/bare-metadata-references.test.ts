import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bareMetadataReferences } from "../../../src/loader/design-types/bare-metadata-references";

describe("bareMetadataReferences (class references as tsc writes them)", () => {
  it("drops swc's guard around a reference in design:type, paramtypes and returntype", () => {
    const code = [
      `_ts_metadata("design:type", typeof _user.User === "undefined" ? Object : _user.User)`,
      `_ts_metadata("design:paramtypes", [\n  typeof Date === "undefined" ? Object : Date,\n  String\n])`,
      `_ts_metadata("design:returntype", typeof _t === "undefined" || typeof _t.C === "undefined" ? Object : _t.C)`,
    ].join("\n");
    assert.equal(bareMetadataReferences(code), [`_ts_metadata("design:type", _user.User)`, `_ts_metadata("design:paramtypes", [\n  Date,\n  String\n])`, `_ts_metadata("design:returntype", _t.C)`].join("\n"));
  });

  it("leaves the same expression alone outside metadata calls, and a guard whose names differ", () => {
    const code = `var x = typeof A === "undefined" ? Object : A;\n_ts_metadata("design:type", typeof A === "undefined" ? Object : AB)`;
    assert.equal(bareMetadataReferences(code), code);
  });
});
