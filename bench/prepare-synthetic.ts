/**
 * Scratch helper for profiling: writes a synthetic project (version 1), synchronises the
 * database from it with TypeORM, then writes version 2; also the set-up step of `npm run bench`
 * (generate-bench.ts runs it as a child process, so version 1's classes never stay loaded there).
 * Usage: node dist/bench/prepare-synthetic.js DIR N URL [TYPEORM_TYPE]
 * (TYPEORM_TYPE: e.g. "mariadb" when the MySQL URL points at a MariaDB server.)
 */
import { tableOf, writeSyntheticProject, type BenchDialect } from "./synthetic-project";
import { registerTypeScript, requireUserModule } from "../src/loader/register";
import { join, resolve } from "node:path";

async function main(): Promise<void> {
  const [dirArg, nArg, url, typeormType] = process.argv.slice(2);
  const dir = resolve(dirArg);
  const dialect: BenchDialect = url.startsWith("postgres") ? "postgres" : url.startsWith("mysql") ? "mysql" : "sqlite";
  const connection = { ...(dialect === "sqlite" ? { database: url.replace(/^sqlite:/, "") } : { url }), ...(typeormType ? { type: typeormType } : {}) };
  const n = Number(nArg);
  writeSyntheticProject(dir, { entities: n, version: 1, dialect, connection });
  registerTypeScript(dir);
  type Ds = { options: Record<string, unknown>; initialize(): Promise<unknown>; synchronize(): Promise<void>; destroy(): Promise<void> };
  const mod = requireUserModule(join(dir, "src", "data-source.ts")) as { dataSource: Ds };
  const classes = Array.from({ length: n }, (_, i) => Object.values(requireUserModule(join(dir, "src", "entities", `${tableOf(i)}.ts`)) as object)[0]);
  const t0 = Date.now();
  // In growing prefixes (every FK points at an earlier entity): PostgreSQL's default lock table
  // cannot hold the creation of 2,000 tables in synchronize's single transaction.
  for (let k = Math.min(400, n); ; k = Math.min(k + 400, n)) {
    const Ctor = (mod.dataSource as object).constructor as new (o: Record<string, unknown>) => Ds;
    const ds = new Ctor({ ...mod.dataSource.options, entities: classes.slice(0, k) });
    await ds.initialize();
    await ds.synchronize();
    await ds.destroy();
    console.log(`  synchronised ${k}/${n} entities (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    if (k === n) break;
  }
  console.log(`synchronised ${n} entities in ${Date.now() - t0} ms`);
  writeSyntheticProject(dir, { entities: n, version: 2, dialect, connection });
}
main().catch((e) => { console.error(e); process.exit(1); });
