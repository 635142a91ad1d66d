/**
 * The MySQL/MariaDB compile table for the zero-noise features: op → exact SQL, so a change of
 * generated SQL shows in review without a server.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mysqlDialect } from "../../../src/dialects/mysql";
import type { Op } from "../../../src/ops/types";
import type { Column, Table } from "../../../src/schema/types";

const id: Column = { name: "id", type: "int", nullable: false, autoIncrement: "increment" };
const price: Column = { name: "price", type: "decimal", precision: 10, scale: 2, nullable: false };
const total: Column = { name: "total", type: "decimal", precision: 12, scale: 2, nullable: true, asExpression: "price * 2", generatedType: "VIRTUAL" };
const body: Column = { name: "body", type: "text", nullable: false, charset: "latin1", collation: "latin1_general_ci" };
const doc: Table = {
  name: "doc",
  columns: [id, price, total, body],
  primaryKey: { columns: ["id"] },
  indexes: [
    { name: "ft_body", columns: ["body"], unique: false, method: "fulltext" },
    { name: "idx_price", columns: ["price"], unique: false },
  ],
  uniques: [],
  foreignKeys: [],
  checks: [{ name: "chk_price", expression: "`price` >= 0" }],
  comment: "it's a doc",
};
const ctx = { currentTable: async (name: string) => (name === "doc" ? doc : undefined) };
const META = "CREATE TABLE IF NOT EXISTS `typeorm_metadata` (`type` varchar(255) NOT NULL, `database` varchar(255) NULL, `schema` varchar(255) NULL, `table` varchar(255) NULL, `name` varchar(255) NULL, `value` text NULL) ENGINE=InnoDB";
const WHERE_TOTAL = "`type` = 'GENERATED_COLUMN' AND `schema` = DATABASE() AND `table` = 'doc' AND `name` = 'total'";

const cases: { name: string; op: Op; want: string[] }[] = [
  {
    name: "createTable: FULLTEXT index, CHECK, comment, charset/collation, generated column and its typeorm_metadata row",
    op: { kind: "createTable", table: doc },
    want: [
      "CREATE TABLE `doc` (`id` int NOT NULL AUTO_INCREMENT, `price` decimal(10,2) NOT NULL, `total` decimal(12,2) AS (price * 2) VIRTUAL, " +
        "`body` text CHARACTER SET latin1 COLLATE latin1_general_ci NOT NULL, PRIMARY KEY (`id`), FULLTEXT INDEX `ft_body` (`body`), INDEX `idx_price` (`price`), " +
        "CONSTRAINT `chk_price` CHECK (`price` >= 0)) ENGINE=InnoDB COMMENT='it''s a doc'",
      META,
      `DELETE FROM \`typeorm_metadata\` WHERE ${WHERE_TOTAL}`,
      "INSERT INTO `typeorm_metadata` (`type`, `schema`, `table`, `name`, `value`) VALUES ('GENERATED_COLUMN', DATABASE(), 'doc', 'total', 'price * 2')",
    ],
  },
  { name: "dropTable forgets its generated columns", op: { kind: "dropTable", table: doc }, want: ["DROP TABLE `doc`", META, "DELETE FROM `typeorm_metadata` WHERE `type` = 'GENERATED_COLUMN' AND `schema` = DATABASE() AND `table` = 'doc'"] },
  { name: "dropColumn of a generated column", op: { kind: "dropColumn", table: "doc", column: total }, want: ["ALTER TABLE `doc` DROP COLUMN `total`", META, `DELETE FROM \`typeorm_metadata\` WHERE ${WHERE_TOTAL}`] },
  {
    name: "alterColumn of a generated expression: MODIFY and re-record",
    op: { kind: "alterColumn", table: "doc", from: total, to: { ...total, asExpression: "price * 3" } },
    want: [
      "ALTER TABLE `doc` MODIFY COLUMN `total` decimal(12,2) AS (price * 3) VIRTUAL",
      META,
      `DELETE FROM \`typeorm_metadata\` WHERE ${WHERE_TOTAL}`,
      "INSERT INTO `typeorm_metadata` (`type`, `schema`, `table`, `name`, `value`) VALUES ('GENERATED_COLUMN', DATABASE(), 'doc', 'total', 'price * 3')",
    ],
  },
  {
    name: "alterColumn VIRTUAL → STORED: drop and re-add in place (MariaDB cannot MODIFY it)",
    op: { kind: "alterColumn", table: "doc", from: total, to: { ...total, generatedType: "STORED" } },
    want: [
      "ALTER TABLE `doc` DROP COLUMN `total`, ADD COLUMN `total` decimal(12,2) AS (price * 2) STORED AFTER `price`",
      META,
      `DELETE FROM \`typeorm_metadata\` WHERE ${WHERE_TOTAL}`,
      "INSERT INTO `typeorm_metadata` (`type`, `schema`, `table`, `name`, `value`) VALUES ('GENERATED_COLUMN', DATABASE(), 'doc', 'total', 'price * 2')",
    ],
  },
  { name: "createIndex FULLTEXT, never LOCK=NONE", op: { kind: "createIndex", table: "doc", index: doc.indexes[0], concurrently: true }, want: ["CREATE FULLTEXT INDEX `ft_body` ON `doc` (`body`)"] },
  { name: "createIndex SPATIAL", op: { kind: "createIndex", table: "doc", index: { name: "sp", columns: ["g"], unique: false, method: "spatial" } }, want: ["CREATE SPATIAL INDEX `sp` ON `doc` (`g`)"] },
  { name: "addCheck", op: { kind: "addCheck", table: "doc", check: { name: "chk_x", expression: "`price` < 100" } }, want: ["ALTER TABLE `doc` ADD CONSTRAINT `chk_x` CHECK (`price` < 100)"] },
  { name: "dropCheck", op: { kind: "dropCheck", table: "doc", check: { name: "chk_x", expression: "`price` < 100" } }, want: ["ALTER TABLE `doc` DROP CONSTRAINT `chk_x`"] },
  { name: "setTableComment", op: { kind: "setTableComment", table: "doc", from: "a", to: "b'c" }, want: ["ALTER TABLE `doc` COMMENT = 'b''c'"] },
  { name: "setTableComment removing it", op: { kind: "setTableComment", table: "doc", from: "a" }, want: ["ALTER TABLE `doc` COMMENT = ''"] },
];

describe("MySQL compile table", () => {
  for (const c of cases) {
    it(c.name, async () => assert.deepEqual(await mysqlDialect.compile(c.op, ctx), c.want));
  }
});
