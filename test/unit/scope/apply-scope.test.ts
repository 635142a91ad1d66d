import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compare } from "../../../src/diff/compare";
import { ConfigError } from "../../../src/errors";
import type { Schema } from "../../../src/schema/types";
import { applyScope } from "../../../src/scope/apply-scope";
import { compileScope, FULL_SCOPE } from "../../../src/scope/scope";
import type { ScopeObject, ScopeRules } from "../../../src/scope/scope-object";
import { scopePair } from "../../../src/scope/scope-pair";
import { throwsWith } from "../throws-with";
import { auditLog, baseSchema, devices, idxDevicesHostname, int, sites, table } from "../fixtures";

const SOURCES = { include: "include", exclude: "exclude", includeObject: "includeObject" };
const scope = (rules: ScopeRules) => compileScope(rules, SOURCES);
const names = (s: Schema) => s.tables.map((t) => t.name);

/** The database: the base schema plus a table no entity maps and a hand-made index on devices. */
const legacy = table("legacy_orders", { columns: [int("id")], primaryKey: { name: "pk_legacy", columns: ["id"] } });
const handIndex = { name: "idx_devices_expr", columns: ["lower(hostname)"], unique: false };
const live: Schema = {
  tables: [auditLog, { ...devices, indexes: [...devices.indexes, handIndex] }, legacy, sites],
};
const models = baseSchema;

describe("applyScope", () => {
  it("returns the schema itself when nothing is out of scope", () => {
    assert.equal(applyScope(live, FULL_SCOPE, { reflected: true, other: models }), live);
  });

  it("leaves out tables an exclude pattern matches, by name or schema.table", () => {
    assert.deepEqual(names(applyScope(live, scope({ exclude: ["legacy_*"] }), { reflected: true, other: models })), ["audit_log", "devices", "sites"]);
    const bySchema = scope({ exclude: ["public.audit_*"] });
    assert.deepEqual(names(applyScope(live, bySchema, { reflected: true, other: models, schemaName: "public" })), ["devices", "legacy_orders", "sites"]);
    assert.deepEqual(names(applyScope(live, bySchema, { reflected: true, other: models, schemaName: "main" })), names(live), "another schema's name does not match");
  });

  it("keeps only included tables on both sides, so the diff touches nothing else", () => {
    const s = scope({ include: ["devices"] });
    const { current, desired } = scopePair(live, { tables: [] }, { scope: s, unmanagedIndexes: [] });
    assert.deepEqual(names(current), ["devices"]);
    assert.deepEqual(
      compare(current, desired).map((op) => op.kind),
      ["dropTable"],
      "only the included table is dropped although every table is missing from the models",
    );
  });

  it("asks includeObject about every table and, in kept tables, every column, index, unique, foreign key and check", () => {
    const asked: ScopeObject[] = [];
    const s = scope({ includeObject: (o) => (asked.push(o), o.name !== "legacy_orders") });
    const out = applyScope(live, s, { reflected: true, other: models, schemaName: "public" });
    assert.deepEqual(names(out), ["audit_log", "devices", "sites"]);
    const tables = asked.filter((o) => o.kind === "table");
    assert.deepEqual(tables.map((o) => o.name), ["audit_log", "devices", "legacy_orders", "sites"]);
    const legacyQ = tables.find((o) => o.name === "legacy_orders")!;
    assert.equal(legacyQ.compareTo, undefined, "no entity maps it: nothing to compare to");
    assert.equal(legacyQ.reflected, true);
    assert.equal(legacyQ.schema, "public");
    assert.equal(legacyQ.table, undefined);
    assert.equal(tables.find((o) => o.name === "devices")!.compareTo, devices, "compareTo is the models' table");
    assert.ok(!asked.some((o) => o.table === "legacy_orders"), "nothing inside a left-out table is asked about");
    const inDevices = asked.filter((o) => o.table === "devices").map((o) => `${o.kind}:${o.name}`);
    assert.deepEqual(inDevices, [
      "column:id",
      "column:site_id",
      "column:hostname",
      "column:vlan_id",
      "index:idx_devices_hostname",
      "index:idx_devices_expr",
      "foreignKey:fk_devices_site",
    ]);
    const expr = asked.find((o) => o.name === "idx_devices_expr")!;
    assert.equal(expr.compareTo, undefined);
    assert.deepEqual(expr.object, handIndex);
    assert.deepEqual(asked.find((o) => o.name === "idx_devices_hostname")!.compareTo, idxDevicesHostname);
    const inSites = asked.filter((o) => o.table === "sites").map((o) => `${o.kind}:${o.name}`);
    assert.deepEqual(inSites, ["column:id", "column:name", "unique:uq_sites_name", "check:chk_sites_name"]);
  });

  it("passes reflected: false for the models' side, with the live object as compareTo", () => {
    const asked: ScopeObject[] = [];
    applyScope(models, scope({ includeObject: (o) => (asked.push(o), true) }), { reflected: false, other: live });
    assert.ok(asked.length > 0 && asked.every((o) => o.reflected === false));
    assert.deepEqual(asked.find((o) => o.kind === "table" && o.name === "devices")!.compareTo, live.tables[1]);
  });

  it("the Alembic idiom `reflected && compareTo === undefined` keeps unmapped tables from being dropped", () => {
    const s = scope({ includeObject: (o) => !(o.kind === "table" && o.reflected && o.compareTo === undefined) });
    const { current, desired } = scopePair(live, models, { scope: s, unmanagedIndexes: [] });
    assert.deepEqual(compare(current, desired).map((op) => op.kind), ["dropIndex"], "only the hand-made index remains to drop");
  });

  it("an object left out inside a kept table is neither dropped nor created", () => {
    const s = scope({ includeObject: (o) => !(o.kind === "index" && o.name === "idx_devices_expr") && !(o.kind === "table" && o.name === "legacy_orders") });
    const { current, desired } = scopePair(live, models, { scope: s, unmanagedIndexes: [] });
    assert.deepEqual(compare(current, desired), []);
    const reversed = scopePair(models, live, { scope: s, unmanagedIndexes: [] });
    assert.deepEqual(compare(reversed.current, reversed.desired), [], "nor created when only the models have it");
  });

  it("drops an emptied check list rather than leaving checks: []", () => {
    const out = applyScope({ tables: [sites] }, scope({ includeObject: (o) => o.kind !== "check" }), { reflected: true, other: models });
    assert.ok(!("checks" in out.tables[0]));
  });

  it("says which object includeObject threw on", () => {
    const s = scope({
      includeObject: (o) => {
        if (o.kind === "column") throw new Error("boom");
        return true;
      },
    });
    throwsWith(() => applyScope(live, s, { reflected: true, other: models }), ConfigError, ["includeObject threw", "column audit_log.id", "boom"]);
  });
});

describe("synchronize: false indexes", () => {
  it("are left out of the live schema by table and name, so the diff neither drops nor re-creates them", () => {
    const { current, desired } = scopePair(live, { tables: [auditLog, devices, legacy, sites] }, {
      scope: FULL_SCOPE,
      unmanagedIndexes: [{ table: "devices", name: "idx_devices_expr" }],
    });
    assert.deepEqual(compare(current, desired), []);
  });

  it("only on their own table", () => {
    const { current } = scopePair(live, models, { scope: FULL_SCOPE, unmanagedIndexes: [{ table: "sites", name: "idx_devices_expr" }] });
    assert.ok(current.tables.find((t) => t.name === "devices")!.indexes.some((i) => i.name === "idx_devices_expr"));
  });
});
