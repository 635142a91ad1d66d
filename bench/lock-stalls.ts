/**
 * `npm run bench:locks`: how long a migration stalls live writes. A table of BENCH_LOCK_ROWS rows
 * (default 1,000,000) takes a steady write load from BENCH_LOCK_WRITERS connections (default 4:
 * inserts and updates by primary key) while four entity edits are migrated one at a time: an
 * index, a foreign key, NOT NULL on a filled column, a column with a default. For each step the
 * longest write stall and the p99 write latency during the migration are reported, for the
 * migration athanor generates (`revision --autogenerate`, then `upgrade head`, run in-process
 * through the library so node's start-up is not in the window) and for the statements TypeORM's schema builder generates for the same edit
 * (what `migration:generate` writes), run in one transaction as `migration:run` does.
 * Each tool starts from its own freshly seeded database. Results go to bench/results/lock-stalls.md.
 * Not a test: nothing is asserted; the numbers are for the README.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unavailable, withTestDatabase, type TestDatabase, type TestDialect } from "../test/support/databases";
import { connectUrl } from "../test/support/introspect";
import { createProject, REPO } from "../test/support/project";
import { writeVersion } from "../test/support/in-process-project";
import { createRevision } from "../src/api/revision";
import { migrate } from "../src/api/migrate";
import type { Connection } from "../src/dialects/dialect";

const ROWS = Number(process.env.BENCH_LOCK_ROWS ?? 1_000_000);
const WRITERS = Number(process.env.BENCH_LOCK_WRITERS ?? 4);
const CUSTOMERS = 1000;

/** The entity at each step: a cumulative list of edits to `orders`. */
interface Shape {
  readonly amountIndex: boolean;
  readonly customerFk: boolean;
  readonly noteNotNull: boolean;
  readonly status: boolean;
}
const STEPS: readonly { readonly name: string; readonly shape: Shape }[] = [
  { name: "add an index", shape: { amountIndex: true, customerFk: false, noteNotNull: false, status: false } },
  { name: "add a foreign key", shape: { amountIndex: true, customerFk: true, noteNotNull: false, status: false } },
  { name: "set NOT NULL", shape: { amountIndex: true, customerFk: true, noteNotNull: true, status: false } },
  { name: "add a column with a default", shape: { amountIndex: true, customerFk: true, noteNotNull: true, status: true } },
];
const BASE: Shape = { amountIndex: false, customerFk: false, noteNotNull: false, status: false };

function entities(s: Shape): Record<string, string> {
  const orders = `import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Customer } from "./customer";

@Entity("bench_orders")
export class Order {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "int", nullable: true }) customer_id!: number | null;
${s.amountIndex ? `  @Index("idx_bench_orders_amount")\n` : ""}  @Column({ type: "int", nullable: true }) amount!: number | null;
  @Column({ type: "varchar", length: 50, nullable: ${!s.noteNotNull} }) note!: string;
${s.status ? `  @Column({ type: "varchar", length: 20, default: "new" }) status!: string;\n` : ""}${
    s.customerFk
      ? `  @ManyToOne(() => Customer, { nullable: true, createForeignKeyConstraints: true }) @JoinColumn({ name: "customer_id", foreignKeyConstraintName: "fk_bench_orders_customer" }) customer!: Customer | null;\n`
      : ""
  }}
`;
  const customer = `import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("bench_customers")
export class Customer {
  @PrimaryColumn({ type: "int" }) id!: number;
  @Column({ type: "varchar", length: 50 }) name!: string;
}
`;
  return { "order.ts": orders, "customer.ts": customer };
}

async function seed(conn: Connection, dialect: TestDialect): Promise<void> {
  if (dialect === "postgres") {
    await conn.query(`INSERT INTO bench_customers (id, name) SELECT g, 'c' || g FROM generate_series(1, ${CUSTOMERS}) g`);
    await conn.query(`INSERT INTO bench_orders (customer_id, amount, note) SELECT 1 + (g % ${CUSTOMERS}), g % 1000, 'x' FROM generate_series(1, ${ROWS}) g`);
    await conn.query("ANALYZE bench_orders");
  } else {
    // MariaDB's SEQUENCE engine gives seq_1_to_N tables.
    await conn.query(`INSERT INTO bench_customers (id, name) SELECT seq, CONCAT('c', seq) FROM seq_1_to_${CUSTOMERS}`);
    await conn.query(`INSERT INTO bench_orders (customer_id, amount, note) SELECT 1 + (seq % ${CUSTOMERS}), seq % 1000, 'x' FROM seq_1_to_${ROWS}`);
  }
}

interface Sample {
  readonly at: number;
  readonly ms: number;
}

/** WRITERS connections writing in a loop until stopped; every write's end time and latency. */
async function writeLoad(db: TestDatabase): Promise<{ stop(): Promise<Sample[]> }> {
  const conns = await Promise.all(Array.from({ length: WRITERS }, () => connectUrl(db.url)));
  const samples: Sample[] = [];
  let running = true;
  const loops = conns.map(async (conn, w) => {
    let i = 0;
    while (running) {
      i++;
      const t0 = performance.now();
      const id = 1 + ((i * 7919 + w * 104729) % ROWS);
      try {
        if (i % 2 === 0) await conn.query(`UPDATE bench_orders SET amount = amount + 1 WHERE id = ${id}`);
        else await conn.query(`INSERT INTO bench_orders (customer_id, amount, note) VALUES (${1 + (i % CUSTOMERS)}, 1, 'w')`);
      } catch {
        // A write refused mid-migration (none expected) still counts as the time it waited.
      }
      const t1 = performance.now();
      samples.push({ at: t1, ms: t1 - t0 });
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      await Promise.all(conns.map((c) => c.close()));
      return samples;
    },
  };
}

interface StepResult {
  readonly step: string;
  readonly tool: "athanor" | "TypeORM";
  readonly ms: number;
  readonly stall: number;
  readonly p99: number;
  readonly writes: number;
}

/** Runs `migrate` under the write load; stall and p99 over the writes that ended inside its window. */
async function measure(db: TestDatabase, migrate: () => Promise<void>): Promise<Omit<StepResult, "step" | "tool">> {
  const load = await writeLoad(db);
  await new Promise((r) => setTimeout(r, 500));
  const start = performance.now();
  await migrate();
  const end = performance.now();
  await new Promise((r) => setTimeout(r, 200));
  const samples = await load.stop();
  // A write that began inside the window and ended after it stalled inside it too.
  const inside = samples.filter((s) => s.at >= start && s.at - s.ms <= end).map((s) => s.ms).sort((a, b) => a - b);
  const p99 = inside.length ? inside[Math.min(inside.length - 1, Math.floor(inside.length * 0.99))] : 0;
  return { ms: end - start, stall: inside.length ? inside[inside.length - 1] : end - start, p99, writes: inside.length };
}


async function athanorRun(db: TestDatabase, dialect: TestDialect): Promise<StepResult[]> {
  // In-process, as the library runs it: the window holds the migration, not node's start-up.
  let version = writeVersion(db, "v0", entities(BASE));
  await createRevision(version.project, { message: "base", autogenerate: true });
  await migrate(version.project, "upgrade", "head");
  await withConn(db, (c) => seed(c, dialect));
  const out: StepResult[] = [];
  for (const [i, step] of STEPS.entries()) {
    version = writeVersion(db, `v${i + 1}`, entities(step.shape));
    await createRevision(version.project, { message: step.name, autogenerate: true });
    const project = version.project;
    out.push({ step: step.name, tool: "athanor", ...(await measure(db, async () => void (await migrate(project, "upgrade", "head")))) });
  }
  return out;
}

async function typeormRun(db: TestDatabase, dialect: TestDialect): Promise<StepResult[]> {
  const p = createProject(db, entities(BASE));
  await p.typeorm("sync");
  await withConn(db, (c) => seed(c, dialect));
  const out: StepResult[] = [];
  for (const step of STEPS) {
    for (const [file, source] of Object.entries(entities(step.shape))) p.writeEntity(file, source);
    const queries = await p.typeorm("log");
    out.push({
      step: step.name,
      tool: "TypeORM",
      ...(await measure(db, () =>
        withConn(db, async (c) => {
          // migration:run's default: the migration's queries in one transaction.
          await c.query(dialect === "postgres" ? "BEGIN" : "START TRANSACTION");
          for (const q of queries) await c.query(q);
          await c.query("COMMIT");
        }),
      )),
    });
  }
  return out;
}

async function withConn<T>(db: TestDatabase, fn: (c: Connection) => Promise<T>): Promise<T> {
  const c = await connectUrl(db.url);
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}

const fmt = (n: number) => n.toFixed(n < 10 ? 1 : 0);

async function main(): Promise<void> {
  const lines: string[] = [
    `Write stalls while migrating a table of ${ROWS.toLocaleString("en-US")} rows under ${WRITERS} writing connections (\`npm run bench:locks\`, ${new Date().toISOString().slice(0, 10)}).`,
    "",
    "| database | step | tool | migration (ms) | longest write stall (ms) | p99 write (ms) | writes during it |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const dialect of ["postgres", "mysql"] as const) {
    const why = await unavailable(dialect);
    if (why) {
      console.log(`${dialect}: skipped (${why})`);
      continue;
    }
    const results: StepResult[] = [];
    await withTestDatabase(dialect, async (db) => results.push(...(await athanorRun(db, dialect))));
    await withTestDatabase(dialect, async (db) => results.push(...(await typeormRun(db, dialect))));
    for (const step of STEPS) {
      for (const r of results.filter((x) => x.step === step.name)) {
        const line = `| ${dialect === "postgres" ? "PostgreSQL" : "MariaDB"} | ${r.step} | ${r.tool} | ${fmt(r.ms)} | ${fmt(r.stall)} | ${fmt(r.p99)} | ${r.writes} |`;
        lines.push(line);
        console.log(line);
      }
    }
  }
  mkdirSync(join(REPO, "bench", "results"), { recursive: true });
  writeFileSync(join(REPO, "bench", "results", "lock-stalls.md"), `${lines.join("\n")}\n`);
  console.log("written to bench/results/lock-stalls.md");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
