/**
 * canonicalExpression makes an entity's expression and the server's reprint of it compare equal:
 * MariaDB's CHECK_CLAUSE / GENERATION_EXPRESSION (observed on 10.11) and MySQL 8's spelling.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mysqlDialect } from "../../../src/dialects/mysql";

const canon = (sql: string) => mysqlDialect.canonicalExpression(sql, "check");

describe("MySQL canonicalExpression", () => {
  const same: [string, string, string][] = [
    ["identifiers quoted, keywords lower-cased", "`age` >= 0 AND `age` < 200", "`age` >= 0 and `age` < 200"],
    ["bare identifiers", "price * quantity", "`price` * `quantity`"],
    ["UPPER is ucase, function names lower case, spacing after commas", "CONCAT(UPPER(title), ' x', quantity)", "concat(ucase(`title`),' x',`quantity`)"],
    ["!= is <>, IS NOT NULL", "a != 1 AND b IS NOT NULL", "`a` <> 1 and `b` is not null"],
    ["BETWEEN and IN lists", "a BETWEEN 1 AND 5 OR b IN (1, 2)", "`a` between 1 and 5 or `b` in (1,2)"],
    ["double-quoted strings are strings", 'IF(a > 0, "y", \'n\')', "if(`a` > 0,'y','n')"],
    ["CASE and LOWER (lcase)", "CASE WHEN a > 1 THEN 'x' ELSE LOWER(s) END", "case when `a` > 1 then 'x' else lcase(`s`) end"],
    ["a single parenthesised operand", "(a)>0", "`a` > 0"],
    ["LIKE", "s LIKE 'a%' OR s IS NULL", "`s` like 'a%' or `s` is null"],
    ["MySQL 8 wraps the whole expression and adds charset introducers", "concat(title, 'x')", "(concat(`title`,_utf8mb4'x'))"],
    ["a quote inside a string", "name <> 'it''s'", "`name` <> 'it\\'s'"],
  ];
  for (const [what, written, server] of same) {
    it(what, () => assert.equal(canon(written), canon(server)));
  }

  it("stays valid SQL where words are keywords by position: CAST types, INTERVAL units, CURRENT_TIMESTAMP", () => {
    assert.equal(canon("CAST(a AS CHAR) = 'x'"), "cast(`a` as char) = 'x'");
    assert.equal(canon("d < CURRENT_DATE + INTERVAL 1 DAY"), "`d` < current_date + interval 1 day");
    assert.equal(canon("year > 2000 AND date IS NOT NULL"), "`year` > 2000 and `date` is not null");
  });

  it("different expressions stay different", () => {
    assert.notEqual(canon("`age` < 200"), canon("`age` < 150"));
    assert.notEqual(canon("a - b"), canon("b - a"));
    assert.notEqual(canon("name = 'A'"), canon("name = 'a'"));
  });

  it("is idempotent", () => {
    const once = canon("CONCAT(UPPER(title), ' x', quantity)");
    assert.equal(canon(once), once);
  });
});
