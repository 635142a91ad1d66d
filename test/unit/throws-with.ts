import assert from "node:assert/strict";

/** Asserts `fn` throws an error of `type` whose message mentions every one of `parts`. */
export function throwsWith(fn: () => unknown, type: new (...args: never[]) => Error, parts: readonly string[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof type, `expected ${type.name}, got ${String(e)}`);
    for (const p of parts) assert.ok(e.message.includes(p), `message ${JSON.stringify(e.message)} mentions ${p}`);
    return true;
  });
}
