import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compare } from "../../../src/diff/compare";
import { NO_RENAMES, renameCandidates, type RenameHints } from "../../../src/diff/renames";
import { applyOp } from "../../../src/ops/apply";
import { reverseOps } from "../../../src/ops/reverse";
import type { Op } from "../../../src/ops/types";
import type { Schema, Table } from "../../../src/schema/types";
import { baseSchema, devices, fk, fkDevicesSite, idxDevicesHostname, int, plain, sites, table, varchar } from "../fixtures";
import { canonicalSchema } from "../../support/canonical-schema";

interface Case {
  readonly name: string;
  readonly from: Schema;
  readonly to: Schema;
  readonly renames?: RenameHints;
  readonly want: Op[];
}

const applyAll = (schema: Schema, ops: readonly Op[]): Schema => ops.reduce(applyOp, schema);

/** `base` with `name` replaced by `fn(table)` (or removed when fn returns undefined). */
function edit(base: Schema, name: string, fn: (t: Table) => Table | undefined): Schema {
  return { tables: base.tables.flatMap((t) => (t.name === name ? (fn(t) ?? []) : [t])) };
}

const zones = table("zones", { columns: [int("id")], primaryKey: { columns: ["id"] } });
const assets = table("assets", {
  columns: [int("id"), int("zone_id")],
  primaryKey: { columns: ["id"] },
  foreignKeys: [fk("fk_assets_zone", ["zone_id"], "zones")],
});
const mounts = table("mounts", {
  columns: [int("id"), int("asset_id")],
  foreignKeys: [fk("fk_mounts_asset", ["asset_id"], "assets")],
});
const fkAlphaBeta = fk("fk_alpha_beta", ["beta_id"], "beta");
const fkBetaAlpha = fk("fk_beta_alpha", ["alpha_id"], "alpha");
const alpha = table("alpha", { columns: [int("id"), int("beta_id", { nullable: true })], primaryKey: { columns: ["id"] }, foreignKeys: [fkAlphaBeta] });
const beta = table("beta", { columns: [int("id"), int("alpha_id", { nullable: true })], primaryKey: { columns: ["id"] }, foreignKeys: [fkBetaAlpha] });
const alphaWithoutFk: Table = { ...alpha, foreignKeys: [] };

const vlan = int("vlan_id", { nullable: true });
const serial = varchar("serial", 40, { nullable: true });
const idxVlan = { name: "idx_devices_vlan", columns: ["vlan_id"], unique: false };
const idxHostnameSite = { ...idxDevicesHostname, columns: ["hostname", "site_id"] };
const fkDevicesSiteRestrict = { ...fkDevicesSite, onDelete: "RESTRICT" as const };
const locations = { ...sites, name: "locations" };

const cases: Case[] = [
  { name: "no change gives no ops", from: baseSchema, to: baseSchema, want: [] },
  {
    name: "a new column is added",
    from: baseSchema,
    to: edit(baseSchema, "devices", (t) => ({ ...t, columns: [...t.columns, serial] })),
    want: [{ kind: "addColumn", table: "devices", column: serial }],
  },
  {
    name: "a removed column is dropped, carrying the full column",
    from: baseSchema,
    to: edit(baseSchema, "devices", (t) => ({ ...t, columns: t.columns.filter((c) => c.name !== "vlan_id") })),
    want: [{ kind: "dropColumn", table: "devices", column: vlan }],
  },
  {
    name: "a changed column is altered with from and to, never dropped and re-added",
    from: baseSchema,
    to: edit(baseSchema, "devices", (t) => ({ ...t, columns: t.columns.map((c) => (c.name === "hostname" ? { ...c, length: 128 } : c)) })),
    want: [{ kind: "alterColumn", table: "devices", from: varchar("hostname", 64), to: varchar("hostname", 128) }],
  },
  {
    name: "integer to bigint is an alteration that keeps the data, not a drop and re-add",
    from: baseSchema,
    to: edit(baseSchema, "devices", (t) => ({ ...t, columns: t.columns.map((c) => (c.name === "vlan_id" ? { ...c, type: "bigint" } : c)) })),
    want: [{ kind: "alterColumn", table: "devices", from: vlan, to: { ...vlan, type: "bigint" } }],
  },
  {
    name: "a column's raw type alone is not a change",
    from: baseSchema,
    to: edit(baseSchema, "devices", (t) => ({ ...t, columns: t.columns.map((c) => (c.name === "hostname" ? { ...c, rawType: "character varying(64)" } : c)) })),
    want: [],
  },
  {
    name: "new tables are created parents before children, whatever their names",
    from: { tables: [] },
    to: { tables: [assets, mounts, zones] },
    want: [
      { kind: "createTable", table: zones },
      { kind: "createTable", table: assets },
      { kind: "createTable", table: mounts },
    ],
  },
  {
    name: "a foreign-key cycle between new tables: the closing key is added after both tables exist",
    from: { tables: [] },
    to: { tables: [alpha, beta] },
    want: [
      { kind: "createTable", table: alphaWithoutFk },
      { kind: "createTable", table: beta },
      { kind: "addForeignKey", table: "alpha", foreignKey: fkAlphaBeta },
    ],
  },
  {
    name: "dropped tables go children first",
    from: { tables: [assets, mounts, zones] },
    to: { tables: [] },
    want: [
      { kind: "dropTable", table: mounts },
      { kind: "dropTable", table: assets },
      { kind: "dropTable", table: zones },
    ],
  },
  {
    name: "dropped tables in a foreign-key cycle: the closing key is dropped first",
    from: { tables: [alpha, beta] },
    to: { tables: [] },
    want: [
      { kind: "dropForeignKey", table: "alpha", foreignKey: fkAlphaBeta },
      { kind: "dropTable", table: beta },
      { kind: "dropTable", table: alphaWithoutFk },
    ],
  },
  {
    name: "a foreign key from a kept table into a dropped table is dropped before the table",
    from: baseSchema,
    to: edit(
      edit(baseSchema, "sites", () => undefined),
      "devices",
      (t) => ({ ...t, foreignKeys: [] }),
    ),
    want: [
      { kind: "dropForeignKey", table: "devices", foreignKey: fkDevicesSite },
      { kind: "dropTable", table: sites },
    ],
  },
  {
    name: "a changed index is dropped then created",
    from: baseSchema,
    to: edit(baseSchema, "devices", (t) => ({ ...t, indexes: [idxHostnameSite] })),
    want: [
      { kind: "dropIndex", table: "devices", index: idxDevicesHostname },
      { kind: "createIndex", table: "devices", index: idxHostnameSite },
    ],
  },
  {
    name: "an index on a dropped column is dropped before the column",
    from: edit(baseSchema, "devices", (t) => ({ ...t, indexes: [...t.indexes, idxVlan] })),
    to: edit(baseSchema, "devices", (t) => ({ ...t, columns: t.columns.filter((c) => c.name !== "vlan_id") })),
    want: [
      { kind: "dropIndex", table: "devices", index: idxVlan },
      { kind: "dropColumn", table: "devices", column: vlan },
    ],
  },
  {
    name: "a new column with an index and a foreign key to a new table: table, column, index, key",
    from: baseSchema,
    to: {
      tables: [
        ...baseSchema.tables.map((t) =>
          t.name === "devices"
            ? {
                ...t,
                columns: [...t.columns, int("zone_id", { nullable: true })],
                indexes: [...t.indexes, { name: "idx_devices_zone", columns: ["zone_id"], unique: false }],
                foreignKeys: [...t.foreignKeys, fk("fk_devices_zone", ["zone_id"], "zones")],
              }
            : t,
        ),
        zones,
      ],
    },
    want: [
      { kind: "createTable", table: zones },
      { kind: "addColumn", table: "devices", column: int("zone_id", { nullable: true }) },
      { kind: "createIndex", table: "devices", index: { name: "idx_devices_zone", columns: ["zone_id"], unique: false } },
      { kind: "addForeignKey", table: "devices", foreignKey: fk("fk_devices_zone", ["zone_id"], "zones") },
    ],
  },
  {
    name: "an unnamed unique on the current side matches an equal named one on the desired side",
    from: edit(baseSchema, "sites", (t) => ({ ...t, uniques: [{ name: "", columns: ["name"] }] })),
    to: baseSchema,
    want: [],
  },
  {
    name: "a named unique on the current side matches an equal unnamed one on the desired side",
    from: baseSchema,
    to: edit(baseSchema, "sites", (t) => ({ ...t, uniques: [{ name: "", columns: ["name"] }] })),
    want: [],
  },
  {
    name: "an unnamed unique on different columns is not matched: dropped and the new one added",
    from: edit(baseSchema, "sites", (t) => ({ ...t, uniques: [{ name: "", columns: ["id", "name"] }] })),
    to: baseSchema,
    want: [
      { kind: "dropUnique", table: "sites", unique: { name: "", columns: ["id", "name"] } },
      { kind: "addUnique", table: "sites", unique: { name: "uq_sites_name", columns: ["name"] } },
    ],
  },
  {
    name: "a foreign key whose actions changed is dropped and added",
    from: baseSchema,
    to: edit(baseSchema, "devices", (t) => ({ ...t, foreignKeys: [fkDevicesSiteRestrict] })),
    want: [
      { kind: "dropForeignKey", table: "devices", foreignKey: fkDevicesSite },
      { kind: "addForeignKey", table: "devices", foreignKey: fkDevicesSiteRestrict },
    ],
  },
  {
    name: "a primary key over other columns is dropped then added",
    from: baseSchema,
    to: edit(baseSchema, "devices", (t) => ({ ...t, primaryKey: { name: "pk_devices", columns: ["id", "site_id"] } })),
    want: [
      { kind: "dropPrimaryKey", table: "devices", primaryKey: { name: "pk_devices", columns: ["id"] } },
      { kind: "addPrimaryKey", table: "devices", primaryKey: { name: "pk_devices", columns: ["id", "site_id"] } },
    ],
  },
  {
    name: "a primary key on a new column: the column is added before the key",
    from: edit(baseSchema, "audit_log", (t) => ({ ...t, columns: [{ name: "message", type: "text", nullable: true }] })),
    to: edit(baseSchema, "audit_log", (t) => ({ ...t, primaryKey: { columns: ["id"] } })),
    want: [
      { kind: "addColumn", table: "audit_log", column: int("id") },
      { kind: "addPrimaryKey", table: "audit_log", primaryKey: { columns: ["id"] } },
    ],
  },
  {
    name: "a renamed table (hinted) is renamed, not dropped and created, and foreign keys follow it",
    from: baseSchema,
    to: {
      tables: [
        ...edit(baseSchema, "sites", () => undefined).tables.map((t) =>
          t.name === "devices" ? { ...t, foreignKeys: [{ ...fkDevicesSite, referencedTable: "locations" }] } : t,
        ),
        locations,
      ],
    },
    renames: { tables: { sites: "locations" }, columns: {} },
    want: [{ kind: "renameTable", from: "sites", to: "locations" }],
  },
  {
    name: "a renamed column (hinted) is renamed, not dropped and added, and its index follows it",
    from: baseSchema,
    to: edit(baseSchema, "devices", (t) => ({
      ...t,
      columns: t.columns.map((c) => (c.name === "hostname" ? { ...c, name: "host_name" } : c)),
      indexes: [{ ...idxDevicesHostname, columns: ["host_name"] }],
    })),
    renames: { tables: {}, columns: { devices: { hostname: "host_name" } } },
    want: [{ kind: "renameColumn", table: "devices", from: "hostname", to: "host_name" }],
  },
  {
    name: "a renamed table and its renamed referenced column: foreign keys in other tables follow both",
    from: baseSchema,
    to: {
      tables: [
        ...edit(baseSchema, "sites", () => undefined).tables.map((t) =>
          t.name === "devices" ? { ...t, foreignKeys: [{ ...fkDevicesSite, referencedTable: "locations", referencedColumns: ["location_id"] }] } : t,
        ),
        {
          ...locations,
          columns: locations.columns.map((c) => (c.name === "id" ? { ...c, name: "location_id" } : c)),
          primaryKey: { name: "pk_sites", columns: ["location_id"] },
        },
      ],
    },
    renames: { tables: { sites: "locations" }, columns: { locations: { id: "location_id" } } },
    want: [
      { kind: "renameTable", from: "sites", to: "locations" },
      { kind: "renameColumn", table: "locations", from: "id", to: "location_id" },
    ],
  },
  {
    name: "without a hint, a renamed column is a drop and an add",
    from: baseSchema,
    to: edit(baseSchema, "devices", (t) => ({ ...t, columns: t.columns.map((c) => (c.name === "vlan_id" ? { ...c, name: "vlan" } : c)) })),
    want: [
      { kind: "addColumn", table: "devices", column: { ...vlan, name: "vlan" } },
      { kind: "dropColumn", table: "devices", column: vlan },
    ],
  },
];

describe("compare", () => {
  for (const c of cases) {
    it(c.name, () => {
      // plain(): applyRenames spreads `primaryKey: undefined` into tables without one; the IR
      // treats an undefined key as absent (it is JSON data).
      assert.deepEqual(plain(compare(c.from, c.to, c.renames ?? NO_RENAMES)), plain(c.want));
    });
  }
});

describe("compare law: applying its ops to `from` gives a schema equal to `to`", () => {
  for (const c of cases) {
    it(c.name, () => {
      const ops = compare(c.from, c.to, c.renames ?? NO_RENAMES);
      assert.deepEqual(compare(applyAll(c.from, ops), c.to), []);
    });
  }
});

describe("compare law: the reversed ops take `to` back to `from`", () => {
  for (const c of cases) {
    it(c.name, () => {
      const ops = compare(c.from, c.to, c.renames ?? NO_RENAMES);
      assert.deepEqual(compare(applyAll(applyAll(c.from, ops), reverseOps(ops)), c.from), []);
    });
  }
});

// The two laws above judge with compare itself, so they are blind to any field compare ignores.
// These judge as plain data: every field of every object counts.
describe("compare law, as plain data: applying its ops to `from` gives exactly `to`", () => {
  // Cases without ops are the ones where `from` and `to` differ only in what compare deliberately
  // treats as equal (a raw type string, an unnamed unique): no op can turn one into the other.
  for (const c of cases.filter((x) => x.want.length > 0)) {
    it(c.name, () => {
      const ops = compare(c.from, c.to, c.renames ?? NO_RENAMES);
      assert.deepEqual(canonicalSchema(applyAll(c.from, ops)), canonicalSchema(c.to));
    });
  }
});

describe("compare law, as plain data: the reversed ops give back exactly `from`", () => {
  for (const c of cases) {
    it(c.name, () => {
      const ops = compare(c.from, c.to, c.renames ?? NO_RENAMES);
      assert.deepEqual(canonicalSchema(applyAll(applyAll(c.from, ops), reverseOps(ops))), canonicalSchema(c.from));
    });
  }
});

describe("compare (properties)", () => {
  it("is deterministic and does not depend on the input's table order", () => {
    const to = { tables: [...baseSchema.tables, assets, mounts, zones] };
    const shuffled = { tables: [zones, ...baseSchema.tables, mounts, assets] };
    assert.deepEqual(compare(baseSchema, shuffled), compare(baseSchema, to));
  });

  it("does not mutate its inputs", () => {
    const from = JSON.stringify(baseSchema);
    compare(baseSchema, { tables: [devices] }, { tables: {}, columns: { devices: { hostname: "h" } } });
    assert.equal(JSON.stringify(baseSchema), from);
  });
});

describe("renameCandidates", () => {
  const to = edit(baseSchema, "devices", (t) => ({ ...t, columns: t.columns.map((c) => (c.name === "hostname" ? { ...c, name: "host_name" } : c)) }));

  it("lists a column candidate when one column vanishes and one appears", () => {
    assert.deepEqual(renameCandidates(baseSchema, to), [
      { kind: "column", table: "devices", dropped: "hostname", added: "host_name", guess: "same definition, same position", others: [] },
    ]);
  });

  it("lists nothing once the rename is hinted", () => {
    assert.deepEqual(renameCandidates(baseSchema, to, { tables: {}, columns: { devices: { hostname: "host_name" } } }), []);
  });

  it("lists nothing when columns are only added", () => {
    assert.deepEqual(
      renameCandidates(
        baseSchema,
        edit(baseSchema, "devices", (t) => ({ ...t, columns: [...t.columns, serial] })),
      ),
      [],
    );
  });

  it("lists a table candidate when one table vanishes and one appears", () => {
    const renamed = { tables: [...edit(baseSchema, "sites", () => undefined).tables, locations] };
    assert.deepEqual(renameCandidates(baseSchema, renamed), [
      { kind: "table", dropped: "sites", added: "locations", guess: "2 of 2 columns in common (id, name)", others: [] },
    ]);
  });
});

describe("foreign keys and uniques match by signature", () => {
  const withFkName = (name: string) => edit(baseSchema, "devices", (t) => ({ ...t, foreignKeys: t.foreignKeys.map((fk) => ({ ...fk, name })) }));
  const GENERATED = "FK_0123456789abcdef0123456789a";

  it("a foreign key with a legacy name but the same definition as TypeORM's generated one is not dropped and re-added", () => {
    assert.deepEqual(compare(withFkName("fk_legacy_site"), withFkName(GENERATED)), []);
  });

  it("a foreign key whose name the entity gives, or whose generated name moved, is dropped and re-added under the new name", () => {
    for (const [from, to] of [
      ["fk_legacy_site", "fk_devices_site_v2"],
      ["FK_ffffffffffffffffffffffffff0", GENERATED],
    ]) {
      const ops = compare(withFkName(from), withFkName(to));
      assert.deepEqual(
        ops.map((op) => [op.kind, "foreignKey" in op ? op.foreignKey.name : undefined]),
        [
          ["dropForeignKey", from],
          ["addForeignKey", to],
        ],
      );
    }
  });

  it("an index under another name is still dropped and created: index names are the user's", () => {
    const renamed = edit(baseSchema, "devices", (t) => ({ ...t, indexes: t.indexes.map((i) => ({ ...i, name: `${i.name}_old` })) }));
    const kinds = compare(renamed, baseSchema).map((op) => op.kind);
    assert.ok(kinds.includes("dropIndex") && kinds.includes("createIndex"), kinds.join(","));
  });
});
