import { readFileSync } from "node:fs";
import { parseSync, type Expression, type ModuleItem, type Statement, type TsInterfaceDeclaration, type TsType, type TsTypeParameter } from "@swc/core";

/**
 * What one TypeScript module (or namespace) declares, imports and exports, read from swc's AST:
 * just enough to answer "what does this name mean as a type" for a design type. Declarations of
 * one name merge as in TypeScript (a class and an interface, a const and a type alias).
 */
export interface Scope {
  readonly file: string;
  readonly declarations: ReadonlyMap<string, readonly Declaration[]>;
  readonly imports: ReadonlyMap<string, ImportBinding>;
  readonly exports: ReadonlyMap<string, ExportBinding>;
  /** `export * from "…"` (and `export type * from "…"`), in order. */
  readonly exportStars: readonly { readonly from: string; readonly typeOnly: boolean }[];
  /** The enclosing scope of a namespace body. */
  readonly parent?: Scope;
}

export type Declaration =
  | { readonly kind: "class" }
  | { readonly kind: "enum"; readonly members: ReadonlyMap<string, "number" | "string"> }
  | { readonly kind: "alias"; readonly type: TsType; readonly params: readonly TsTypeParameter[]; readonly scope: Scope }
  | { readonly kind: "interface"; readonly node: TsInterfaceDeclaration; readonly scope: Scope }
  | { readonly kind: "namespace"; readonly scope: Scope }
  | { readonly kind: "value"; readonly init?: Expression; readonly isFunction: boolean; readonly scope: Scope };

export type ImportBinding =
  | { readonly kind: "named"; readonly from: string; readonly name: string; readonly typeOnly: boolean }
  | { readonly kind: "namespace"; readonly from: string; readonly typeOnly: boolean }
  | { readonly kind: "entity"; readonly path: readonly string[] };

export type ExportBinding =
  | { readonly kind: "local"; readonly local: string; readonly typeOnly: boolean }
  | { readonly kind: "reexport"; readonly from: string; readonly name: string; readonly typeOnly: boolean }
  | { readonly kind: "namespace"; readonly from: string; readonly typeOnly: boolean };

export interface ParsedModule {
  readonly scope: Scope;
  readonly body: readonly ModuleItem[];
  /** The file's text as UTF-8: swc's spans are byte offsets into it. */
  readonly bytes: Buffer;
}

/** Parses a module's source (swc) and reads its scope. Throws swc's error on a syntax error. */
export function parseModule(file: string, source: string): ParsedModule {
  const module = parseSync(source, { syntax: "typescript", tsx: file.endsWith(".tsx"), decorators: true, target: "es2022" });
  return { scope: readScope(file, module.body, undefined, false), body: module.body, bytes: Buffer.from(source, "utf8") };
}

const scopes = new Map<string, Scope | null>();
/**
 * Files parsed for their scope that have not been compiled yet: an entity's import of the next
 * entity parses it, and that entity is required (so compiled) right after; keeping the parse
 * until then saves parsing it twice.
 */
const unclaimed = new Map<string, { source: string; parsed: ParsedModule }>();

/** The scope of a file on disk, memoised for the process (null when it cannot be read or parsed). */
export function scopeOfFile(file: string): Scope | undefined {
  let scope = scopes.get(file);
  if (scope === undefined) {
    try {
      const source = readFileSync(file, "utf8");
      const parsed = parseModule(file, source);
      scope = parsed.scope;
      if (!file.endsWith(".d.ts")) unclaimed.set(file, { source, parsed });
    } catch {
      scope = null;
    }
    scopes.set(file, scope);
  }
  return scope ?? undefined;
}

/** Parses the file being compiled, reusing a parse made for its scope; its scope is then memoised. */
export function parseForCompile(file: string, source: string): ParsedModule {
  const earlier = unclaimed.get(file);
  unclaimed.delete(file);
  const parsed = earlier && earlier.source === source ? earlier.parsed : parseModule(file, source);
  scopes.set(file, parsed.scope);
  return parsed;
}

type Mutable = {
  declarations: Map<string, Declaration[]>;
  imports: Map<string, ImportBinding>;
  exports: Map<string, ExportBinding>;
  exportStars: { from: string; typeOnly: boolean }[];
};

function readScope(file: string, items: readonly (ModuleItem | Statement)[], parent: Scope | undefined, ambient: boolean): Scope {
  const m: Mutable = { declarations: new Map(), imports: new Map(), exports: new Map(), exportStars: [] };
  const scope: Scope = { file, declarations: m.declarations, imports: m.imports, exports: m.exports, exportStars: m.exportStars, ...(parent ? { parent } : {}) };
  const declare = (name: string, d: Declaration, exported: boolean) => {
    m.declarations.set(name, [...(m.declarations.get(name) ?? []), d]);
    if (exported || ambient) m.exports.set(name, { kind: "local", local: name, typeOnly: false });
  };
  for (const item of items) readItem(item, scope, m, declare, file);
  return scope;
}

function readItem(
  item: ModuleItem | Statement,
  scope: Scope,
  m: Mutable,
  declare: (name: string, d: Declaration, exported: boolean) => void,
  file: string,
): void {
  switch (item.type) {
    case "ImportDeclaration":
      for (const s of item.specifiers) {
        const typeOnly = item.typeOnly || (s.type === "ImportSpecifier" && s.isTypeOnly);
        if (s.type === "ImportNamespaceSpecifier") m.imports.set(s.local.value, { kind: "namespace", from: item.source.value, typeOnly });
        else if (s.type === "ImportDefaultSpecifier") m.imports.set(s.local.value, { kind: "named", from: item.source.value, name: "default", typeOnly });
        else m.imports.set(s.local.value, { kind: "named", from: item.source.value, name: s.imported ? moduleExportName(s.imported) : s.local.value, typeOnly });
      }
      return;
    case "TsImportEqualsDeclaration": {
      const ref = item.moduleRef;
      if (ref.type === "TsExternalModuleReference") m.imports.set(item.id.value, { kind: "namespace", from: ref.expression.value, typeOnly: item.isTypeOnly });
      else m.imports.set(item.id.value, { kind: "entity", path: entityPath(ref) });
      if (item.isExport) m.exports.set(item.id.value, { kind: "local", local: item.id.value, typeOnly: false });
      return;
    }
    case "ExportAllDeclaration":
      m.exportStars.push({ from: item.source.value, typeOnly: (item as { typeOnly?: boolean }).typeOnly === true });
      return;
    case "ExportNamedDeclaration":
      for (const s of item.specifiers) {
        const typeOnly = item.typeOnly || (s.type === "ExportSpecifier" && s.isTypeOnly);
        if (s.type === "ExportNamespaceSpecifier") {
          if (item.source) m.exports.set(moduleExportName(s.name), { kind: "namespace", from: item.source.value, typeOnly });
        } else if (s.type === "ExportSpecifier") {
          const orig = moduleExportName(s.orig);
          const exported = s.exported ? moduleExportName(s.exported) : orig;
          m.exports.set(exported, item.source ? { kind: "reexport", from: item.source.value, name: orig, typeOnly } : { kind: "local", local: orig, typeOnly });
        } else if (item.source) {
          m.exports.set(s.exported.value, { kind: "reexport", from: item.source.value, name: "default", typeOnly });
        }
      }
      return;
    case "ExportDeclaration":
      readDeclaration(item.declaration, scope, declare, true, file);
      return;
    case "ExportDefaultDeclaration": {
      const d = item.decl;
      const name = d.type !== "FunctionExpression" && d.type !== "ClassExpression" ? d.id.value : d.identifier?.value ?? "*default*";
      if (d.type === "ClassExpression") declare(name, { kind: "class" }, false);
      else if (d.type === "FunctionExpression") declare(name, { kind: "value", isFunction: true, scope }, false);
      else declare(name, { kind: "interface", node: d, scope }, false);
      m.exports.set("default", { kind: "local", local: name, typeOnly: false });
      return;
    }
    case "ExportDefaultExpression":
      if (item.expression.type === "Identifier") m.exports.set("default", { kind: "local", local: item.expression.value, typeOnly: false });
      return;
    case "TsExportAssignment":
      if (item.expression.type === "Identifier") m.exports.set("export=", { kind: "local", local: item.expression.value, typeOnly: false });
      return;
    default:
      readDeclaration(item, scope, declare, false, file);
  }
}

function readDeclaration(
  item: ModuleItem | Statement,
  scope: Scope,
  declare: (name: string, d: Declaration, exported: boolean) => void,
  exported: boolean,
  file: string,
): void {
  switch (item.type) {
    case "ClassDeclaration":
      declare(item.identifier.value, { kind: "class" }, exported);
      return;
    case "FunctionDeclaration":
      declare(item.identifier.value, { kind: "value", isFunction: true, scope }, exported);
      return;
    case "VariableDeclaration":
      for (const d of item.declarations) {
        if (d.id.type === "Identifier") declare(d.id.value, { kind: "value", isFunction: false, scope, ...(d.init ? { init: d.init } : {}) }, exported);
      }
      return;
    case "TsTypeAliasDeclaration":
      declare(item.id.value, { kind: "alias", type: item.typeAnnotation, params: item.typeParams?.parameters ?? [], scope }, exported);
      return;
    case "TsInterfaceDeclaration":
      declare(item.id.value, { kind: "interface", node: item, scope }, exported);
      return;
    case "TsEnumDeclaration":
      declare(item.id.value, { kind: "enum", members: enumMembers(item.members) }, exported);
      return;
    case "TsModuleDeclaration": {
      if (item.id.type !== "Identifier" || !item.body) return;
      // `namespace A.B { … }` nests: declare A holding B.
      let body = item.body;
      const names: string[] = [];
      while (body.type === "TsNamespaceDeclaration") {
        names.push(body.id.value);
        body = body.body;
      }
      let inner = readScope(file, body.body, scope, item.declare);
      for (const name of names.reverse()) {
        inner = { file, declarations: new Map([[name, [{ kind: "namespace", scope: inner }]]]), imports: new Map(), exports: new Map([[name, { kind: "local", local: name, typeOnly: false }]]), exportStars: [], parent: scope };
      }
      declare(item.id.value, { kind: "namespace", scope: inner }, exported);
      return;
    }
    default:
      return;
  }
}

function moduleExportName(name: { type: string; value: string }): string {
  return name.value;
}

export function entityPath(name: { type: string; value?: string; left?: unknown; right?: { value: string } }): string[] {
  if (name.type === "Identifier") return [name.value ?? ""];
  return [...entityPath(name.left as typeof name), name.right?.value ?? ""];
}

/**
 * Each member's kind, as TypeScript types it: auto-numbered and numeric-expression members are
 * numbers, string literals (and members built from strings) are strings.
 * https://www.typescriptlang.org/docs/handbook/enums.html
 */
function enumMembers(members: readonly { id: { value: string }; init?: Expression }[]): Map<string, "number" | "string"> {
  const out = new Map<string, "number" | "string">();
  for (const member of members) out.set(member.id.value, member.init ? enumInitKind(member.init, out) : "number");
  return out;
}

function enumInitKind(e: Expression, known: ReadonlyMap<string, "number" | "string">): "number" | "string" {
  switch (e.type) {
    case "StringLiteral":
      return "string";
    case "TemplateLiteral":
      return "string";
    case "ParenthesisExpression":
      return enumInitKind(e.expression, known);
    case "Identifier":
      return known.get(e.value) ?? "number";
    case "MemberExpression":
      return e.property.type === "Identifier" ? known.get(e.property.value) ?? "number" : "number";
    case "BinaryExpression":
      return e.operator === "+" && (enumInitKind(e.left, known) === "string" || enumInitKind(e.right, known) === "string") ? "string" : "number";
    default:
      return "number";
  }
}
