import { test } from "node:test";
import assert from "node:assert/strict";
import { postgresDialect } from "../../../src/dialects/postgres";
import { ConnectionError } from "../../../src/errors";

test("an unreachable server is a ConnectionError that names the server and hides the password", async () => {
  const password = "s3cret-pw";
  await assert.rejects(
    postgresDialect.connect({ host: "127.0.0.1", port: 5999, user: "postgres", password, database: "db" }),
    (e: unknown) => {
      assert.ok(e instanceof ConnectionError, String(e));
      assert.match(e.message, /127\.0\.0\.1:5999\/db as postgres: connection refused/);
      assert.match(e.message, /Check the URL/);
      assert.ok(!e.message.includes(password));
      assert.ok(!String(e.stack).includes(password));
      return true;
    },
  );
});
