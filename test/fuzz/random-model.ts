/**
 * Seeded random TypeORM entity sets and random edits of them, for the fuzz round trip. A model is
 * plain data rendered to entity source, so an edit is a small change of data and a failure is
 * reproduced from its seed alone (ATHANOR_FUZZ_SEED). The generator only writes schemas TypeORM
 * itself builds and settles (its own quirks are left out, e.g. numeric defaults on PostgreSQL,
 * which its schema builder re-sets even after its own synchronize).
 */
import type { TestDialect } from "../support/databases";

/** mulberry32: small, fast, good enough to pick schema shapes, and the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function random(seed: number): Random {
  const next = rng(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

export interface FColumn {
  readonly name: string;
  readonly type: string;
  readonly length?: number;
  readonly enumValues?: readonly string[];
  readonly precision?: number;
  readonly scale?: number;
  readonly nullable: boolean;
  /** TypeScript source of the `default` option (`5`, `"'x'"`, `() => "CURRENT_TIMESTAMP"`). */
  readonly default?: string;
  readonly unique?: boolean;
  /** Added by an edit: the table's existing rows hold NULL in it. */
  readonly fresh?: boolean;
  /** Renamed by an edit from this (original) name: the case declares the rename (--rename-column). */
  readonly renamedFrom?: string;
}

export interface FIndex {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
}

export interface FRelation {
  readonly property: string;
  readonly target: string;
  readonly onDelete?: "CASCADE" | "SET NULL" | "RESTRICT";
}

export interface FEntity {
  readonly cls: string;
  readonly table: string;
  readonly columns: readonly FColumn[];
  readonly indexes: readonly FIndex[];
  readonly uniques: readonly FIndex[];
  readonly relations: readonly FRelation[];
}

export interface FModel {
  readonly entities: readonly FEntity[];
  /** Counter for fresh names, so an edit never reuses a name of the model. */
  readonly serial: number;
}

const TIMESTAMP = (d: TestDialect) => (d === "postgres" ? "timestamp" : "datetime");

/** A random column of a type TypeORM builds on `dialect`, possibly nullable, possibly defaulted. */
function randomColumn(r: Random, d: TestDialect, name: string): FColumn {
  const kind = r.pick(["int", "smallint", "bigint", "varchar", "varchar", "text", "boolean", "decimal", "date", "timestamp", "float", "enum", "simple-json"] as const);
  const nullable = r.chance(0.4);
  const withDefault = r.chance(0.35);
  switch (kind) {
    case "int":
    case "smallint":
      return { name, type: kind, nullable, ...(withDefault ? { default: String(r.int(-5, 50)) } : {}) };
    case "bigint":
      return { name, type: kind, nullable, ...(withDefault ? { default: String(r.int(0, 1000)) } : {}) };
    case "varchar":
      return { name, type: kind, length: r.pick([10, 40, 100, 255]), nullable, ...(withDefault ? { default: JSON.stringify(r.pick(["x", "draft", ""])) } : {}) };
    case "text":
      return { name, type: kind, nullable };
    case "boolean":
      return { name, type: kind, nullable, ...(withDefault ? { default: String(r.chance(0.5)) } : {}) };
    case "decimal":
      return { name, type: kind, precision: r.pick([8, 10, 12]), scale: r.pick([0, 2, 4]), nullable, ...(withDefault && d !== "postgres" ? { default: "3" } : {}) };
    case "float":
      return { name, type: d === "postgres" ? "double precision" : kind, nullable };
    case "date":
      return { name, type: kind, nullable };
    case "timestamp":
      return { name, type: TIMESTAMP(d), nullable, ...(withDefault ? { default: '() => "CURRENT_TIMESTAMP"' } : {}) };
    case "enum":
      // TypeORM's SQLite driver has no "enum": "simple-enum" is its CHECK-constrained text.
      return { name, type: d === "sqlite" ? "simple-enum" : "enum", enumValues: ["a", "b", "c"], nullable, ...(withDefault ? { default: JSON.stringify(r.pick(["a", "b"])) } : {}) };
    case "simple-json":
      return { name, type: kind, nullable };
  }
}

export function randomModel(r: Random, d: TestDialect): FModel {
  let serial = 0;
  const entities: FEntity[] = [];
  const count = r.int(2, 3);
  for (let e = 0; e < count; e++) {
    const table = `t${++serial}`;
    const columns: FColumn[] = [];
    for (let c = r.int(1, 4); c > 0; c--) columns.push(randomColumn(r, d, `c${++serial}`));
    const indexes: FIndex[] = [];
    const uniques: FIndex[] = [];
    const indexable = columns.filter(isIndexable);
    if (indexable.length > 0 && r.chance(0.5)) indexes.push({ name: `idx_${table}_${++serial}`, columns: [r.pick(indexable).name], unique: r.chance(0.3) });
    if (indexable.length > 1 && r.chance(0.3)) uniques.push({ name: `uq_${table}_${++serial}`, columns: indexable.slice(0, 2).map((c) => c.name), unique: true });
    const relations: FRelation[] = [];
    if (entities.length > 0 && r.chance(0.6)) relations.push({ property: `r${++serial}`, target: r.pick(entities).cls, ...(r.chance(0.5) ? { onDelete: r.pick(["CASCADE", "SET NULL"] as const) } : {}) });
    entities.push({ cls: `E${table}`, table, columns, indexes, uniques, relations });
  }
  return { entities, serial };
}

/** MySQL cannot index a TEXT column without a prefix length, which TypeORM does not write. */
const isIndexable = (c: FColumn) => c.type !== "text" && c.type !== "simple-json";

type Edit = (m: FModel, r: Random, d: TestDialect) => { model: FModel; what: string } | undefined;

const withEntity = (m: FModel, i: number, e: FEntity, serial = m.serial): FModel => ({ entities: m.entities.map((x, k) => (k === i ? e : x)), serial });
const withColumn = (e: FEntity, i: number, c: FColumn): FEntity => ({ ...e, columns: e.columns.map((x, k) => (k === i ? c : x)) });
const usedByKey = (e: FEntity, name: string) => [...e.indexes, ...e.uniques].some((ix) => ix.columns.includes(name));

const EDITS: Readonly<Record<string, Edit>> = {
  addColumn(m, r, d) {
    const i = r.int(0, m.entities.length - 1);
    const e = m.entities[i];
    let c = randomColumn(r, d, `c${m.serial + 1}`);
    // A NOT NULL column added to a table with rows needs a default (as in any database).
    if (!c.nullable && c.default === undefined) c = { ...c, nullable: true };
    c = { ...c, fresh: true };
    return { model: withEntity(m, i, { ...e, columns: [...e.columns, c] }, m.serial + 1), what: `add column ${e.table}.${c.name} ${c.type}` };
  },
  dropColumn(m, r) {
    const i = r.int(0, m.entities.length - 1);
    const e = m.entities[i];
    // Dropping a NOT NULL column without a default cannot be downgraded on a table with rows.
    const candidates = e.columns.filter((c) => (c.nullable || c.default !== undefined) && !usedByKey(e, c.name));
    if (candidates.length === 0 || e.columns.length < 2) return undefined;
    const c = r.pick(candidates);
    return { model: withEntity(m, i, { ...e, columns: e.columns.filter((x) => x !== c) }), what: `drop column ${e.table}.${c.name}` };
  },
  toggleNullable(m, r) {
    const i = r.int(0, m.entities.length - 1);
    const e = m.entities[i];
    if (e.columns.length === 0) return undefined;
    const k = r.int(0, e.columns.length - 1);
    const c = e.columns[k];
    // The rows hold NULL in a column this edit added without a default: NOT NULL cannot hold.
    if (c.fresh && c.nullable && c.default === undefined) return undefined;
    return { model: withEntity(m, i, withColumn(e, k, { ...c, nullable: !c.nullable })), what: `${c.nullable ? "NOT NULL" : "nullable"} ${e.table}.${c.name}` };
  },
  changeLength(m, r) {
    const i = r.int(0, m.entities.length - 1);
    const e = m.entities[i];
    const k = e.columns.findIndex((c) => c.type === "varchar");
    if (k < 0) return undefined;
    const c = e.columns[k];
    const length = r.pick([10, 40, 100, 255].filter((l) => l !== c.length));
    return { model: withEntity(m, i, withColumn(e, k, { ...c, length })), what: `${e.table}.${c.name} varchar(${c.length}) -> varchar(${length})` };
  },
  widenType(m, r) {
    const i = r.int(0, m.entities.length - 1);
    const e = m.entities[i];
    const wider: Record<string, string> = { smallint: "int", int: "bigint" };
    const k = e.columns.findIndex((c) => c.type in wider);
    if (k < 0) return undefined;
    const c = e.columns[k];
    return { model: withEntity(m, i, withColumn(e, k, { ...c, type: wider[c.type] })), what: `${e.table}.${c.name} ${c.type} -> ${wider[c.type]}` };
  },
  changeDefault(m, r) {
    const i = r.int(0, m.entities.length - 1);
    const e = m.entities[i];
    const k = e.columns.findIndex((c) => ["int", "smallint", "bigint", "varchar", "boolean"].includes(c.type));
    if (k < 0) return undefined;
    const c = e.columns[k];
    const next = r.chance(0.3) ? undefined : c.type === "varchar" ? JSON.stringify(r.pick(["y", "live"])) : c.type === "boolean" ? String(r.chance(0.5)) : String(r.int(60, 99));
    if (next === c.default) return undefined;
    const { default: _drop, ...rest } = c;
    const col: FColumn = next === undefined ? rest : { ...rest, default: next };
    return { model: withEntity(m, i, withColumn(e, k, col)), what: `${e.table}.${c.name} default ${c.default ?? "none"} -> ${next ?? "none"}` };
  },
  addIndex(m, r) {
    const i = r.int(0, m.entities.length - 1);
    const e = m.entities[i];
    const indexable = e.columns.filter(isIndexable);
    if (indexable.length === 0) return undefined;
    const cols = r.chance(0.3) && indexable.length > 1 ? indexable.slice(0, 2).map((c) => c.name) : [r.pick(indexable).name];
    const ix: FIndex = { name: `idx_${e.table}_${m.serial + 1}`, columns: cols, unique: r.chance(0.3) };
    return { model: withEntity(m, i, { ...e, indexes: [...e.indexes, ix] }, m.serial + 1), what: `add ${ix.unique ? "unique " : ""}index ${ix.name} (${cols.join(", ")})` };
  },
  dropIndex(m, r) {
    const i = r.int(0, m.entities.length - 1);
    const e = m.entities[i];
    if (e.indexes.length === 0) return undefined;
    const ix = r.pick(e.indexes);
    return { model: withEntity(m, i, { ...e, indexes: e.indexes.filter((x) => x !== ix) }), what: `drop index ${ix.name}` };
  },
  toggleUnique(m, r) {
    const i = r.int(0, m.entities.length - 1);
    const e = m.entities[i];
    const k = e.columns.findIndex(isIndexable);
    if (k < 0) return undefined;
    const c = e.columns[k];
    return { model: withEntity(m, i, withColumn(e, k, { ...c, unique: !c.unique })), what: `${c.unique ? "not unique" : "unique"} ${e.table}.${c.name}` };
  },
  addUnique(m, r) {
    const i = r.int(0, m.entities.length - 1);
    const e = m.entities[i];
    const indexable = e.columns.filter(isIndexable);
    if (indexable.length < 2 || e.uniques.length > 0) return undefined;
    const u: FIndex = { name: `uq_${e.table}_${m.serial + 1}`, columns: indexable.slice(-2).map((c) => c.name), unique: true };
    return { model: withEntity(m, i, { ...e, uniques: [...e.uniques, u] }, m.serial + 1), what: `add unique ${u.name} (${u.columns.join(", ")})` };
  },
  dropUnique(m, r) {
    const i = r.int(0, m.entities.length - 1);
    const e = m.entities[i];
    if (e.uniques.length === 0) return undefined;
    return { model: withEntity(m, i, { ...e, uniques: [] }), what: `drop unique ${e.uniques[0].name}` };
  },
  addEntity(m, r, d) {
    const table = `t${m.serial + 1}`;
    const columns = [randomColumn(r, d, `c${m.serial + 2}`)];
    const relations: FRelation[] = r.chance(0.5) ? [{ property: `r${m.serial + 3}`, target: r.pick(m.entities).cls }] : [];
    return { model: { entities: [...m.entities, { cls: `E${table}`, table, columns, indexes: [], uniques: [], relations }], serial: m.serial + 3 }, what: `add table ${table}` };
  },
  dropEntity(m, r) {
    const referenced = new Set(m.entities.flatMap((e) => e.relations.map((x) => x.target)));
    const candidates = m.entities.filter((e) => !referenced.has(e.cls));
    if (candidates.length === 0 || m.entities.length < 2) return undefined;
    const e = r.pick(candidates);
    return { model: { entities: m.entities.filter((x) => x !== e), serial: m.serial }, what: `drop table ${e.table}` };
  },
  addRelation(m, r) {
    const i = r.int(0, m.entities.length - 1);
    const e = m.entities[i];
    const target = r.pick(m.entities);
    const rel: FRelation = { property: `r${m.serial + 1}`, target: target.cls, ...(r.chance(0.5) ? { onDelete: r.pick(["CASCADE", "SET NULL"] as const) } : {}) };
    return { model: withEntity(m, i, { ...e, relations: [...e.relations, rel] }, m.serial + 1), what: `add relation ${e.table}.${rel.property} -> ${target.table}` };
  },
  dropRelation(m, r) {
    const i = r.int(0, m.entities.length - 1);
    const e = m.entities[i];
    if (e.relations.length === 0) return undefined;
    const rel = r.pick(e.relations);
    return { model: withEntity(m, i, { ...e, relations: e.relations.filter((x) => x !== rel) }), what: `drop relation ${e.table}.${rel.property}` };
  },
  addEnumValue(m, r) {
    const i = r.int(0, m.entities.length - 1);
    const e = m.entities[i];
    const k = e.columns.findIndex((c) => c.enumValues !== undefined);
    if (k < 0) return undefined;
    const c = e.columns[k];
    const value = `v${m.serial + 1}`;
    return { model: withEntity(m, i, withColumn(e, k, { ...c, enumValues: [...c.enumValues!, value] }), m.serial + 1), what: `${e.table}.${c.name} enum + ${value}` };
  },
  renameColumn(m, r) {
    const i = r.int(0, m.entities.length - 1);
    const e = m.entities[i];
    const candidates = e.columns.filter((c) => !usedByKey(e, c.name) && !c.fresh);
    if (candidates.length === 0) return undefined;
    const c = r.pick(candidates);
    const name = `c${m.serial + 1}`;
    return {
      model: withEntity(m, i, { ...e, columns: e.columns.map((x) => (x === c ? { ...x, name, renamedFrom: c.renamedFrom ?? c.name } : x)) }, m.serial + 1),
      what: `rename column ${e.table}.${c.name} -> ${name}`,
    };
  },
  changeOnDelete(m, r) {
    const i = r.int(0, m.entities.length - 1);
    const e = m.entities[i];
    if (e.relations.length === 0) return undefined;
    const k = r.int(0, e.relations.length - 1);
    const rel = e.relations[k];
    const onDelete = r.pick(["CASCADE", "SET NULL", "RESTRICT", undefined] as const);
    if (onDelete === rel.onDelete) return undefined;
    const { onDelete: _old, ...rest } = rel;
    const next: FRelation = onDelete ? { ...rest, onDelete } : rest;
    return { model: withEntity(m, i, { ...e, relations: e.relations.map((x, j) => (j === k ? next : x)) }), what: `${e.table}.${rel.property} onDelete ${rel.onDelete ?? "default"} -> ${onDelete ?? "default"}` };
  },
};

/** One to three random edits; the description lists what changed. */
export function randomEdits(m: FModel, r: Random, d: TestDialect): { model: FModel; edits: string[] } {
  const names = Object.keys(EDITS);
  const edits: string[] = [];
  let model = m;
  const wanted = r.int(1, 3);
  for (let tries = 0; edits.length < wanted && tries < 30; tries++) {
    const result = EDITS[r.pick(names)](model, r, d);
    if (result) {
      model = result.model;
      edits.push(result.what);
    }
  }
  return { model, edits };
}

function columnSource(c: FColumn): string {
  const opts = [`type: ${JSON.stringify(c.type)}`];
  if (c.length !== undefined) opts.push(`length: ${c.length}`);
  if (c.enumValues !== undefined) opts.push(`enum: ${JSON.stringify(c.enumValues)}`);
  if (c.precision !== undefined) opts.push(`precision: ${c.precision}`);
  if (c.scale !== undefined) opts.push(`scale: ${c.scale}`);
  if (c.nullable) opts.push("nullable: true");
  if (c.default !== undefined) opts.push(`default: ${c.default}`);
  if (c.unique) opts.push("unique: true");
  return `  @Column({ ${opts.join(", ")} }) ${c.name}!: any;`;
}

/** The model as one entity file. */
export function renderModel(m: FModel): string {
  const lines = ['import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from "typeorm";', ""];
  for (const e of m.entities) {
    for (const ix of e.indexes) lines.push(`@Index(${JSON.stringify(ix.name)}, ${JSON.stringify(ix.columns)}${ix.unique ? ", { unique: true }" : ""})`);
    for (const u of e.uniques) lines.push(`@Unique(${JSON.stringify(u.name)}, ${JSON.stringify(u.columns)})`);
    lines.push(`@Entity(${JSON.stringify(e.table)})`, `export class ${e.cls} {`, "  @PrimaryGeneratedColumn() id!: number;");
    for (const c of e.columns) lines.push(columnSource(c));
    for (const rel of e.relations) {
      const opts = [`nullable: true`, ...(rel.onDelete ? [`onDelete: ${JSON.stringify(rel.onDelete)}`] : [])];
      lines.push(`  @ManyToOne(() => ${rel.target}, { ${opts.join(", ")} }) @JoinColumn({ name: ${JSON.stringify(`${rel.property}_id`)} }) ${rel.property}!: any;`);
    }
    lines.push("}", "");
  }
  return lines.join("\n");
}

export interface FuzzCase {
  readonly before: string;
  readonly after: string;
  readonly edits: string[];
  /** Declared column renames, as `revision --rename-column` gives them (table → old → new). */
  readonly renames: { readonly tables: Record<string, string>; readonly columns: Record<string, Record<string, string>> };
}

/** A whole fuzz case from its seed: the model TypeORM builds, and the edited one athanor migrates to. */
export function fuzzCase(seed: number, d: TestDialect): FuzzCase {
  const r = random(seed);
  const model = randomModel(r, d);
  const before = renderModel(model);
  for (;;) {
    const { model: edited, edits } = randomEdits(model, r, d);
    const after = renderModel(edited);
    if (after === before) continue;
    const columns: Record<string, Record<string, string>> = {};
    for (const e of edited.entities) {
      const original = model.entities.find((x) => x.table === e.table);
      for (const c of e.columns) {
        // A rename of a column that still exists under its old name in `before` (not added since).
        if (c.renamedFrom && original?.columns.some((x) => x.name === c.renamedFrom)) columns[e.table] = { ...columns[e.table], [c.renamedFrom]: c.name };
      }
    }
    return { before, after, edits, renames: { tables: {}, columns } };
  }
}
