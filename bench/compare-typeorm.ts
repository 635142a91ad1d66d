/**
 * Part of `npm run bench`: the time to find what a schema needs, athanor against TypeORM's own
 * schema builder (what `migration:generate` runs), on a schema TypeORM synchronised from N
 * entities. Both must find nothing to do; the catalog queries each sends are counted too.
 */
import { DataSource, EntitySchema } from "typeorm";
import { getDialect } from "../src/dialects";
import { compare } from "../src/diff/compare";
import { buildMetadata, readModels, type DataSourceLike } from "../src/models/typeorm/read-models";
import { dialectOfTypeormType } from "../src/config/database-url";
import { unmanagedTables } from "../src/runner/version-table";
import { forEachDatabase } from "./reachable-dialects";
import { connectUrl } from "../test/support/introspect";

const SIZES = (process.env.BENCH_COMPARE_SIZES ?? "50,200").split(",").map(Number);

type SchemaOptions = ConstructorParameters<typeof EntitySchema>[0];

function entities(n: number): EntitySchema[] {
  return Array.from({ length: n }, (_, i) =>
    new EntitySchema(<SchemaOptions>{
      name: `Bench${i}`,
      tableName: `bench_${i}`,
      columns: {
        id: { type: Number, primary: true, generated: true },
        label: { type: String, length: 100, default: "x" },
        amount: { type: "int", nullable: true },
      },
      relations: i > 0 ? { parent: { type: "many-to-one", target: `Bench${i - 1}`, onDelete: "CASCADE", nullable: true } } : {},
      indices: [{ name: `idx_bench_${i}_label`, columns: ["label", "amount"] }],
    } as unknown as SchemaOptions),
  );
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function main(): Promise<void> {
  console.log("\ndialect   tables  athanor diff(ms)  TypeORM log()(ms)  athanor ops  TypeORM queries");
  await forEachDatabase(SIZES, async (db, dialect, n) => {
    const ds = new DataSource({ ...db.typeorm, entities: entities(n) } as ConstructorParameters<typeof DataSource>[0]);
    await ds.initialize();
    try {
      await ds.synchronize();
      let t0 = process.hrtime.bigint();
      const log = await ds.driver.createSchemaBuilder().log();
      const typeormMs = ms(t0);

      const d = getDialect(dialectOfTypeormType(db.typeorm.type as string)!);
      const conn = await connectUrl(db.url);
      try {
        t0 = process.hrtime.bigint();
        const built = await buildMetadata(ds as unknown as DataSourceLike);
        const desired = readModels(built, d, unmanagedTables());
        const current = await d.introspect(conn, { exclude: unmanagedTables() });
        const ops = compare(current, desired);
        const athanorMs = ms(t0);
        console.log(
          `${dialect.padEnd(9)} ${String(n).padStart(6)}  ${athanorMs.toFixed(0).padStart(16)}  ${typeormMs.toFixed(0).padStart(17)}  ${String(ops.length).padStart(11)}  ${String(log.upQueries.length).padStart(15)}`,
        );
      } finally {
        await conn.close();
      }
    } finally {
      await ds.destroy();
    }
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
