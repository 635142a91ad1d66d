/**
 * `npm run bench`: how introspection and diffing scale with the number of tables, on every
 * reachable server. Prints the median time of several runs and the number of catalog queries,
 * which must not grow with the number of tables.
 */
import { compare } from "../src/diff/compare";
import type { Schema, Table } from "../src/schema/types";
import { forEachDatabase } from "./reachable-dialects";
import { connectUrl } from "../test/support/introspect";

const SIZES = (process.env.BENCH_SIZES ?? "10,100,500").split(",").map(Number);
const RUNS = 5;

function table(i: number, dialectInt: string): Table {
  const name = `bench_${String(i).padStart(4, "0")}`;
  const fk = i > 0 ? [{ name: `fk_${name}_parent`, columns: ["parent_id"], referencedTable: `bench_${String(i - 1).padStart(4, "0")}`, referencedColumns: ["id"], onDelete: "CASCADE" as const, onUpdate: "NO ACTION" as const }] : [];
  return {
    name,
    columns: [
      { name: "id", type: dialectInt, nullable: false },
      { name: "label", type: "varchar", length: 100, nullable: false, default: "'x'" },
      { name: "amount", type: dialectInt, nullable: true },
      { name: "parent_id", type: dialectInt, nullable: true },
    ],
    primaryKey: { name: `pk_${name}`, columns: ["id"] },
    indexes: [{ name: `idx_${name}_label`, columns: ["label", "amount"], unique: false }],
    uniques: [],
    foreignKeys: fk,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  console.log("dialect   tables  introspect(ms)  queries  diff(ms)");
  await forEachDatabase(SIZES, async (db, dialect, n) => {
    const conn = await connectUrl(db.url);
    try {
      const int = dialect === "mysql" ? "int" : "integer";
      if (dialect === "sqlite") await conn.query("BEGIN");
      for (let i = 0; i < n; i++) {
        for (const sql of await conn.dialect.compile({ kind: "createTable", table: table(i, int) }, { currentTable: async () => undefined })) {
          await conn.query(sql);
        }
      }
      if (dialect === "sqlite") await conn.query("COMMIT");
      const times: number[] = [];
      let queries = 0;
      let schema: Schema = { tables: [] };
      for (let r = 0; r < RUNS; r++) {
        const q0 = conn.queryCount;
        const t0 = process.hrtime.bigint();
        schema = await conn.dialect.introspect(conn, { exclude: [] });
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
        queries = conn.queryCount - q0;
      }
      if (schema.tables.length !== n) throw new Error(`expected ${n} tables, read ${schema.tables.length}`);
      const d0 = process.hrtime.bigint();
      const ops = compare(schema, schema);
      const diffMs = Number(process.hrtime.bigint() - d0) / 1e6;
      if (ops.length !== 0) throw new Error("a schema compared with itself must give no ops");
      console.log(`${dialect.padEnd(9)} ${String(n).padStart(6)}  ${median(times).toFixed(1).padStart(14)}  ${String(queries).padStart(7)}  ${diffMs.toFixed(1).padStart(8)}`);
    } finally {
      await conn.close();
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
