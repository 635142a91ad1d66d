import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "../../../src/errors";
import { compileScope, FULL_SCOPE, mergeScopes, tableMatchesScope } from "../../../src/scope/scope";
import type { ScopeRules } from "../../../src/scope/scope-object";
import { throwsWith } from "../throws-with";

const SOURCES = { include: "cfg include", exclude: "cfg exclude", includeObject: "cfg includeObject" };
const scope = (rules: ScopeRules) => compileScope(rules, SOURCES);

describe("scope rules", () => {
  it("keeps every table when there are no rules", () => {
    assert.ok(tableMatchesScope(FULL_SCOPE, "anything", "public"));
  });

  it("an include list keeps only matching tables, and exclude wins over include", () => {
    const s = scope({ include: ["app_*", "users"], exclude: ["app_tmp*"] });
    assert.ok(tableMatchesScope(s, "users", "public"));
    assert.ok(tableMatchesScope(s, "app_orders", "public"));
    assert.ok(!tableMatchesScope(s, "app_tmp_1", "public"));
    assert.ok(!tableMatchesScope(s, "audit_log", "public"));
  });

  it("flags add to the config's patterns", () => {
    const merged = mergeScopes(scope({ exclude: ["audit_*"] }), compileScope({ exclude: ["legacy"] }, SOURCES));
    assert.ok(!tableMatchesScope(merged, "audit_x", undefined));
    assert.ok(!tableMatchesScope(merged, "legacy", undefined));
    assert.ok(tableMatchesScope(merged, "users", undefined));
  });

  it("refuses a pattern list that is not a list, and an includeObject that is not a function", () => {
    throwsWith(() => scope({ exclude: "audit_*" as unknown as string[] }), ConfigError, ["cfg exclude", "list"]);
    throwsWith(() => scope({ include: [""] }), ConfigError, ["cfg include"]);
    throwsWith(() => scope({ includeObject: true as unknown as () => boolean }), ConfigError, ["cfg includeObject", "function"]);
  });
});
