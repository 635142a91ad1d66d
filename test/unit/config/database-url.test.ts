import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDatabaseUrl } from "../../../src/config/database-url";
import { ConfigError, redactSecrets } from "../../../src/errors";

const CWD = "/home/me/project";

/** Expects a ConfigError whose message (and hint) mentions none of `secrets`. */
function configErrorHiding(url: string, secrets: string[], mentions: RegExp): void {
  assert.throws(
    () => parseDatabaseUrl(url, CWD),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError, `expected ConfigError, got ${String(e)}`);
      assert.match(e.message, mentions);
      for (const s of secrets) {
        assert.ok(!e.message.includes(s), `message ${JSON.stringify(e.message)} hides ${JSON.stringify(s)}`);
        assert.ok(!(e.hint ?? "").includes(s), `hint hides ${JSON.stringify(s)}`);
      }
      return true;
    },
  );
}

describe("parseDatabaseUrl", () => {
  it("parses a postgres:// URL into host, port, user, password and database", () => {
    assert.deepEqual(parseDatabaseUrl("postgres://app:secret@db.internal:5433/inventory", CWD), {
      dialect: "postgres",
      options: { host: "db.internal", port: 5433, user: "app", password: "secret", database: "inventory" },
    });
  });

  it("accepts postgresql:// as PostgreSQL and leaves absent parts undefined", () => {
    assert.deepEqual(parseDatabaseUrl("postgresql://localhost/inventory", CWD), {
      dialect: "postgres",
      options: { host: "localhost", port: undefined, user: undefined, password: undefined, database: "inventory" },
    });
  });

  it("parses mysql:// and mariadb:// as the mysql dialect", () => {
    const want = { host: "127.0.0.1", port: 3306, user: "root", password: "pw", database: "app" };
    assert.deepEqual(parseDatabaseUrl("mysql://root:pw@127.0.0.1:3306/app", CWD), { dialect: "mysql", options: want });
    assert.deepEqual(parseDatabaseUrl("mariadb://root:pw@127.0.0.1:3306/app", CWD), { dialect: "mysql", options: want });
  });

  it("the scheme is case-insensitive", () => {
    assert.equal(parseDatabaseUrl("POSTGRES://h/db", CWD).dialect, "postgres");
  });

  it("percent-decodes the user, the password and the database", () => {
    const { options } = parseDatabaseUrl("postgres://ad%40min:p%40ss%3Aw%2Frd%23%20x@db:5432/my%20db", CWD);
    assert.equal(options.user, "ad@min");
    assert.equal(options.password, "p@ss:w/rd# x");
    assert.equal(options.database, "my db");
  });

  it('an IPv6 host is given without its URL brackets (pg and mysql2 cannot resolve "[::1]")', () => {
    assert.equal(parseDatabaseUrl("postgres://u:p@[::1]:5432/db", CWD).options.host, "::1");
    assert.equal(parseDatabaseUrl("mysql://u:p@[2001:db8::7]/db", CWD).options.host, "2001:db8::7");
  });

  it("sqlite: with a relative path resolves it against cwd", () => {
    assert.deepEqual(parseDatabaseUrl("sqlite:data/app.db", CWD), { dialect: "sqlite", options: { filename: "/home/me/project/data/app.db" } });
    assert.deepEqual(parseDatabaseUrl("sqlite:../shared.db", CWD).options, { filename: "/home/me/shared.db" });
  });

  it("sqlite:/// with an absolute path keeps it", () => {
    assert.deepEqual(parseDatabaseUrl("sqlite:///var/lib/app.db", CWD), { dialect: "sqlite", options: { filename: "/var/lib/app.db" } });
  });

  it("sqlite::memory: and sqlite://:memory: are an in-memory database", () => {
    assert.deepEqual(parseDatabaseUrl("sqlite::memory:", CWD).options, { filename: ":memory:" });
    assert.deepEqual(parseDatabaseUrl("sqlite://:memory:", CWD).options, { filename: ":memory:" });
  });

  it("a SQLite URL naming no file is a ConfigError", () => {
    assert.throws(() => parseDatabaseUrl("sqlite:", CWD), ConfigError);
  });

  it("an unsupported scheme is a ConfigError that does not show the password", () => {
    configErrorHiding("redis://app:hunter2@cache:6379/0", ["hunter2"], /unsupported database URL/);
    configErrorHiding("mongodb+srv://app:hunter2@cluster.example/db", ["hunter2"], /unsupported database URL/);
  });

  it("a malformed URL is a ConfigError that does not show the password", () => {
    configErrorHiding("postgres://app:hunter2@db:99999/inventory", ["hunter2"], /malformed database URL/);
    configErrorHiding("mysql://app:hunter2@db:port/inventory", ["hunter2"], /malformed database URL/);
  });

  it("a malformed URL's error hides all of a password with unencoded @, : and /", () => {
    // The password is "p@ss:w/rd"; the URL parser fails on it, and the old redaction stopped at its first "@".
    configErrorHiding("postgres://app:p@ss:w/rd@db/inventory", ["p@ss", "ss:w", "w/rd"], /malformed database URL ".*db\/inventory"/);
  });

  it("a malformed URL's error hides a password that contains a space", () => {
    configErrorHiding("postgres://app:correct horse@db:port/inventory", ["correct", "horse"], /malformed/);
  });

  it("a URL without a scheme is a ConfigError that hides the password", () => {
    configErrorHiding("app:hunter2@db:5432/inventory", ["hunter2"], /unsupported database URL "app:\*\*\*@db:5432\/inventory"/);
  });
});

describe("redactSecrets", () => {
  it("hides the password of a URL in a text and keeps the rest", () => {
    assert.equal(
      redactSecrets("cannot connect to postgres://app:hunter2@db:5432/inventory: refused"),
      "cannot connect to postgres://app:***@db:5432/inventory: refused",
    );
  });

  it("hides the password of every URL in a text", () => {
    const text = redactSecrets("from mysql://root:one@a/x to postgresql://u:two@b/y\nand mariadb://m:three@c");
    assert.equal(text, "from mysql://root:***@a/x to postgresql://u:***@b/y\nand mariadb://m:***@c");
  });

  it("hides all of a password that contains an unencoded @", () => {
    const text = redactSecrets("url postgres://app:p@ss@word@db/inventory failed");
    assert.equal(text, "url postgres://app:***@db/inventory failed");
  });

  it("hides a password with an empty user name", () => {
    assert.equal(redactSecrets("postgres://:hunter2@db/x"), "postgres://:***@db/x");
  });

  it("leaves URLs without a password alone", () => {
    const text = "postgres://app@db:5432/inventory and sqlite:data/app.db and https://example.com:8080/path";
    assert.equal(redactSecrets(text), text);
  });
});
