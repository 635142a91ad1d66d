/**
 * Module-customisation hooks (node:module register) for TypeScript files that reach Node's ESM
 * loader — TypeORM imports entity globs with `import()` in `"type": "module"` projects. They are
 * handed to the CommonJS loader, where the require hook (register.ts) compiles them with swc.
 */
interface LoadResult {
  format?: string;
  source?: string | Buffer;
  shortCircuit?: boolean;
}

type NextLoad = (url: string, context: unknown) => Promise<LoadResult>;

const TS_URL = /\.(c|m)?tsx?$/;

export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<LoadResult> {
  if (url.startsWith("file:") && TS_URL.test(url)) return { format: "commonjs", shortCircuit: true };
  return nextLoad(url, context);
}
