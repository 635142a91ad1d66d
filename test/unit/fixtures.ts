/**
 * Shared plain-data fixtures for the unit tests: a small schema (sites, devices referencing sites,
 * an audit_log without a primary key) and one sample op of every kind that applies to it.
 */
import type { Op } from "../../src/ops/types";
import type { Column, ForeignKey, Index, Schema, Table } from "../../src/schema/types";

export const int = (name: string, extra: Partial<Column> = {}): Column => ({ name, type: "integer", nullable: false, ...extra });
export const varchar = (name: string, length: number, extra: Partial<Column> = {}): Column => ({
  name,
  type: "varchar",
  length,
  nullable: false,
  ...extra,
});

export function table(name: string, parts: Partial<Omit<Table, "name">> = {}): Table {
  return { name, columns: [], indexes: [], uniques: [], foreignKeys: [], ...parts };
}

export function fk(
  name: string,
  columns: string[],
  referencedTable: string,
  referencedColumns: string[] = ["id"],
  extra: Partial<ForeignKey> = {},
): ForeignKey {
  return { name, columns, referencedTable, referencedColumns, onDelete: "NO ACTION", onUpdate: "NO ACTION", ...extra };
}

export const sites = table("sites", {
  columns: [int("id", { autoIncrement: "increment" }), varchar("name", 100)],
  primaryKey: { name: "pk_sites", columns: ["id"] },
  uniques: [{ name: "uq_sites_name", columns: ["name"] }],
  checks: [{ name: "chk_sites_name", expression: "name <> ''" }],
});

export const idxDevicesHostname: Index = { name: "idx_devices_hostname", columns: ["hostname"], unique: false };
export const fkDevicesSite = fk("fk_devices_site", ["site_id"], "sites", ["id"], { onDelete: "CASCADE" });

export const devices = table("devices", {
  columns: [int("id", { autoIncrement: "increment" }), int("site_id"), varchar("hostname", 64), int("vlan_id", { nullable: true })],
  primaryKey: { name: "pk_devices", columns: ["id"] },
  indexes: [idxDevicesHostname],
  foreignKeys: [fkDevicesSite],
});

export const auditLog = table("audit_log", {
  columns: [int("id"), { name: "message", type: "text", nullable: true }],
});

/** Tables in the IR's canonical (name) order. */
export const baseSchema: Schema = { tables: [auditLog, devices, sites] };

export const racks = table("racks", {
  columns: [int("id"), int("site_id")],
  primaryKey: { name: "pk_racks", columns: ["id"] },
  foreignKeys: [fk("fk_racks_site", ["site_id"], "sites")],
});

/**
 * One op of every kind, each valid against `baseSchema`, keyed by its kind (a `Record` over
 * `Op["kind"]`, each value of that kind): a new kind fails the build here.
 */
export const sampleOps: { readonly [K in Op["kind"]]: Extract<Op, { kind: K }> } = {
  createTable: { kind: "createTable", table: racks },
  dropTable: { kind: "dropTable", table: devices },
  renameTable: { kind: "renameTable", from: "sites", to: "locations" },
  addColumn: { kind: "addColumn", table: "devices", column: varchar("serial", 40, { nullable: true }) },
  dropColumn: { kind: "dropColumn", table: "devices", column: int("vlan_id", { nullable: true }) },
  alterColumn: { kind: "alterColumn", table: "devices", from: varchar("hostname", 64), to: varchar("hostname", 128) },
  renameColumn: { kind: "renameColumn", table: "devices", from: "hostname", to: "host_name" },
  createIndex: { kind: "createIndex", table: "devices", index: { name: "idx_devices_vlan", columns: ["vlan_id"], unique: false } },
  dropIndex: { kind: "dropIndex", table: "devices", index: idxDevicesHostname },
  addUnique: { kind: "addUnique", table: "devices", unique: { name: "uq_devices_hostname", columns: ["hostname"] } },
  dropUnique: { kind: "dropUnique", table: "sites", unique: { name: "uq_sites_name", columns: ["name"] } },
  addForeignKey: { kind: "addForeignKey", table: "audit_log", foreignKey: fk("fk_audit_log_device", ["id"], "devices") },
  dropForeignKey: { kind: "dropForeignKey", table: "devices", foreignKey: fkDevicesSite },
  addPrimaryKey: { kind: "addPrimaryKey", table: "audit_log", primaryKey: { name: "pk_audit_log", columns: ["id"] } },
  dropPrimaryKey: { kind: "dropPrimaryKey", table: "devices", primaryKey: { name: "pk_devices", columns: ["id"] } },
  addCheck: { kind: "addCheck", table: "devices", check: { name: "chk_devices_vlan", expression: "vlan_id > 0" } },
  dropCheck: { kind: "dropCheck", table: "sites", check: { name: "chk_sites_name", expression: "name <> ''" } },
  setTableComment: { kind: "setTableComment", table: "devices", to: "network devices" },
  execute: { kind: "execute", sql: "UPDATE devices SET vlan_id = 10", reverseSql: "UPDATE devices SET vlan_id = NULL" },
};

/**
 * The IR is JSON-serialisable data: a key holding `undefined` (what `{ ...t, primaryKey: undefined }`
 * leaves behind) means the same as an absent key. Tests compare schemas in that form.
 */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
