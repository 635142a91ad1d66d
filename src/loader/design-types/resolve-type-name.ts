import type { TsTypeParameter } from "@swc/core";
import type { PathAliases } from "../read-tsconfig-paths";
import { scopeOfFile, type Declaration, type ExportBinding, type ImportBinding, type Scope } from "./module-scope";
import { resolveTypeModule } from "./resolve-module";

/** What resolving a design type reads: the project's settings, and the files it consulted. */
export interface ResolveContext {
  readonly aliases: PathAliases | undefined;
  readonly strictNullChecks: boolean;
  /** Every file read to decide a design type: the compiled output depends on them. */
  readonly deps: Set<string>;
}

/** Type parameters in scope (a generic alias's body, a generic class's members). */
export type TypeParams = ReadonlyMap<string, { readonly param: TsTypeParameter; readonly scope: Scope }>;

type AliasDeclaration = Extract<Declaration, { kind: "alias" }>;
type InterfaceDeclaration = Extract<Declaration, { kind: "interface" }>;
type ValueDeclaration = Extract<Declaration, { kind: "value" }>;

/**
 * What a type name means, as the checker's `getTypeReferenceSerializationKind` sees it: a class
 * (a value with construct signatures), an enum or enum member, a type alias, an interface, a
 * namespace, a type parameter, a value with no type meaning, a global, or unresolved.
 * `typeOnly` records an `import type`/`export type` on the way, which makes tsc write `Function`
 * for a class instead of a reference it could not emit.
 */
export type Meaning =
  | { readonly kind: "class"; readonly typeOnly: boolean }
  | { readonly kind: "enum"; readonly members: ReadonlyMap<string, "number" | "string"> }
  | { readonly kind: "enum-member"; readonly of: "number" | "string" }
  | { readonly kind: "alias"; readonly decl: AliasDeclaration }
  | { readonly kind: "interface"; readonly decl: InterfaceDeclaration }
  | { readonly kind: "namespace"; readonly scope: Scope; readonly typeOnly: boolean }
  | { readonly kind: "type-param"; readonly param: TsTypeParameter; readonly scope: Scope }
  | { readonly kind: "value"; readonly decl: ValueDeclaration; readonly typeOnly: boolean }
  | { readonly kind: "global"; readonly name: string }
  | { readonly kind: "unresolved"; readonly why: string };

/** Resolves `A` or `A.B.C` as seen from `scope`. */
export function resolveTypeName(path: readonly string[], scope: Scope, ctx: ResolveContext, params?: TypeParams): Meaning {
  const [head, ...rest] = path;
  let meaning = lookup(head, scope, ctx, params, new Set());
  for (const member of rest) meaning = memberOf(meaning, member, ctx);
  return meaning;
}

function memberOf(meaning: Meaning, name: string, ctx: ResolveContext): Meaning {
  switch (meaning.kind) {
    case "namespace": {
      const found = exported(meaning.scope, name, ctx, meaning.typeOnly, new Set());
      return found ?? { kind: "unresolved", why: `${meaning.scope.file} exports no "${name}"` };
    }
    case "enum": {
      const of = meaning.members.get(name);
      return of ? { kind: "enum-member", of } : { kind: "unresolved", why: `the enum has no member "${name}"` };
    }
    case "unresolved":
      return meaning;
    default:
      return { kind: "unresolved", why: `"${name}" is looked up in a ${meaning.kind}` };
  }
}

function lookup(name: string, scope: Scope, ctx: ResolveContext, params: TypeParams | undefined, seen: Set<string>): Meaning {
  const param = params?.get(name);
  if (param) return { kind: "type-param", param: param.param, scope: param.scope };
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const decls = s.declarations.get(name);
    if (decls) return merged(decls);
    const binding = s.imports.get(name);
    if (binding) return viaImport(binding, s, ctx, seen);
  }
  return { kind: "global", name };
}

function viaImport(binding: ImportBinding, scope: Scope, ctx: ResolveContext, seen: Set<string>): Meaning {
  if (binding.kind === "entity") return resolveTypeName(binding.path, scope, ctx);
  const target = moduleScope(binding.from, scope.file, ctx);
  if (!target) return { kind: "unresolved", why: `cannot read the declarations of "${binding.from}" (imported by ${scope.file})` };
  if (binding.kind === "namespace") {
    const assigned = target.exports.get("export=");
    if (assigned) return withTypeOnly(followExport(assigned, target, ctx, seen) ?? { kind: "unresolved", why: `${target.file}: export = not found` }, binding.typeOnly);
    return { kind: "namespace", scope: target, typeOnly: binding.typeOnly };
  }
  return (
    exported(target, binding.name, ctx, binding.typeOnly, seen) ?? { kind: "unresolved", why: `${target.file} exports no "${binding.name}" (imported by ${scope.file})` }
  );
}

function moduleScope(specifier: string, fromFile: string, ctx: ResolveContext): Scope | undefined {
  const file = resolveTypeModule(specifier, fromFile, ctx.aliases);
  if (!file) return undefined;
  ctx.deps.add(file);
  return scopeOfFile(file);
}

/** The meaning of `name` exported by a module (undefined when it exports no such name). */
function exported(scope: Scope, name: string, ctx: ResolveContext, typeOnly: boolean, seen: Set<string>): Meaning | undefined {
  const key = `${scope.file}\0${name}`;
  if (seen.has(key)) return undefined;
  seen.add(key);
  const binding = scope.exports.get(name);
  if (binding) {
    const found = followExport(binding, scope, ctx, seen);
    return found && withTypeOnly(found, typeOnly || binding.typeOnly);
  }
  if (name === "default") return undefined;
  for (const star of scope.exportStars) {
    const target = moduleScope(star.from, scope.file, ctx);
    const found = target && exported(target, name, ctx, typeOnly || star.typeOnly, seen);
    if (found) return found;
  }
  return undefined;
}

function followExport(binding: ExportBinding, scope: Scope, ctx: ResolveContext, seen: Set<string>): Meaning | undefined {
  switch (binding.kind) {
    case "local": {
      const decls = scope.declarations.get(binding.local);
      if (decls) return merged(decls);
      const imported = scope.imports.get(binding.local);
      return imported ? viaImport(imported, scope, ctx, seen) : undefined;
    }
    case "reexport": {
      const target = moduleScope(binding.from, scope.file, ctx);
      if (!target) return { kind: "unresolved", why: `cannot read the declarations of "${binding.from}" (re-exported by ${scope.file})` };
      return exported(target, binding.name, ctx, false, seen);
    }
    case "namespace": {
      const target = moduleScope(binding.from, scope.file, ctx);
      return target ? { kind: "namespace", scope: target, typeOnly: false } : { kind: "unresolved", why: `cannot read the declarations of "${binding.from}"` };
    }
  }
}

function withTypeOnly(meaning: Meaning, typeOnly: boolean): Meaning {
  if (!typeOnly) return meaning;
  if (meaning.kind === "class" || meaning.kind === "namespace" || meaning.kind === "value") return { ...meaning, typeOnly: true };
  return meaning;
}

/**
 * Declarations of one name merge: a class or enum wins; then a type alias or interface (a const
 * beside a type alias is the `const Kind = {…} as const; type Kind = …` pattern). An interface
 * beside an initialiser-less value is lib.d.ts's constructor pattern (`interface Date` +
 * `declare var Date: DateConstructor`), which tsc emits as a reference.
 */
function merged(decls: readonly Declaration[]): Meaning {
  const byKind = <K extends Declaration["kind"]>(kind: K) => decls.find((d): d is Extract<Declaration, { kind: K }> => d.kind === kind);
  const cls = byKind("class");
  if (cls) return { kind: "class", typeOnly: false };
  const en = byKind("enum");
  if (en) return { kind: "enum", members: mergeEnums(decls) };
  const alias = byKind("alias");
  if (alias) return { kind: "alias", decl: alias };
  const iface = byKind("interface");
  const value = byKind("value");
  if (iface) return value && !value.init && !value.isFunction ? { kind: "class", typeOnly: false } : { kind: "interface", decl: iface };
  const ns = byKind("namespace");
  if (value) return { kind: "value", decl: value, typeOnly: false };
  if (ns) return { kind: "namespace", scope: ns.scope, typeOnly: false };
  return { kind: "unresolved", why: "no declaration" };
}

function mergeEnums(decls: readonly Declaration[]): Map<string, "number" | "string"> {
  const out = new Map<string, "number" | "string">();
  for (const d of decls) if (d.kind === "enum") for (const [k, v] of d.members) out.set(k, v);
  return out;
}
