/**
 * Real project shapes load: an ESM project ("type": "module", NodeNext `./device.js` imports,
 * entity globs TypeORM imports with import()), a CommonJS project with entity globs and
 * tsconfig `paths` aliases, a named DataSource export, and `@Column() name: string` whose type
 * comes from decorator metadata.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { withTestDatabase } from "../support/databases";
import { introspectUrl } from "../support/introspect";
import { createProject } from "../support/project";

const device = (importLine = "") => `${importLine}import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity("devices")
export class Device {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  hostname!: string;

  @Column()
  port!: number;

  @Column()
  enabled!: boolean;
}
`;

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

async function upgradeAndRead(p: ReturnType<typeof createProject>, url: string) {
  let r = await p.cli("revision", "--autogenerate", "-m", "init");
  assert.equal(r.code, 0, r.stderr);
  r = await p.cli("upgrade", "head");
  assert.equal(r.code, 0, r.stderr);
  const t = (await introspectUrl(url)).tables.find((x) => x.name === "devices");
  assert.ok(t, "devices table created");
  return t;
}

describe("loading user projects", () => {
  it("an ESM project with .js import specifiers and a named export loads, types inferred from decorator metadata", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db);
      write(p.dir, {
        "package.json": JSON.stringify({ type: "module" }),
        "src/entities/device.ts": device(),
        "src/data-source.ts": `import "reflect-metadata";\nimport { DataSource } from "typeorm";\nimport { Device } from "./entities/device.js";\n\nexport const AppDataSource = new DataSource({ type: "better-sqlite3", database: ${JSON.stringify(db.database)}, entities: [Device] });\n`,
      });
      const t = await upgradeAndRead(p, db.url);
      assert.deepEqual(
        t.columns.map((c) => [c.name, c.type]),
        [["id", "integer"], ["hostname", "varchar"], ["port", "integer"], ["enabled", "boolean"]],
      );
    });
  });

  it("an ESM project whose DataSource lists entities by glob loads them through TypeORM's import()", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db);
      write(p.dir, {
        "package.json": JSON.stringify({ type: "module" }),
        "src/entities/device.ts": device(),
        "src/data-source.ts": `import "reflect-metadata";\nimport { DataSource } from "typeorm";\n\nexport default new DataSource({ type: "better-sqlite3", database: ${JSON.stringify(db.database)}, entities: [${JSON.stringify(join(p.dir, "src/entities/*.ts"))}] });\n`,
      });
      await upgradeAndRead(p, db.url);
    });
  });

  it("a CommonJS project with entity globs and tsconfig paths aliases loads", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db);
      write(p.dir, {
        "tsconfig.json": `{\n  // comments are allowed\n  "compilerOptions": { "baseUrl": ".", "paths": { "@shared/*": ["src/shared/*"] }, },\n}\n`,
        "src/shared/names.ts": `export const TABLE = "devices";\n`,
        "src/entities/device.ts": device().replace('@Entity("devices")', "@Entity(TABLE)").replace('from "typeorm";', 'from "typeorm";\nimport { TABLE } from "@shared/names";'),
        "src/data-source.ts": `import "reflect-metadata";\nimport { DataSource } from "typeorm";\n\nconst ds = new DataSource({ type: "better-sqlite3", database: ${JSON.stringify(db.database)}, entities: [__dirname + "/entities/*.ts"] });\nexport default ds;\n`,
      });
      await upgradeAndRead(p, db.url);
    });
  });

  it("a module exporting no DataSource says what it found", async () => {
    await withTestDatabase("sqlite", async (db) => {
      const p = createProject(db);
      write(p.dir, { "src/data-source.ts": `export const options = { type: "sqlite" };\nexport default 42;\n` });
      const r = await p.cli("check");
      assert.equal(r.code, 2);
      assert.match(r.stderr, /exports no TypeORM DataSource \(exports: default: number, options: object\)/);
    });
  });
});
