import type { Expression, TsEntityName, TsType, TsTypeElement } from "@swc/core";
import { entityPath, type Scope } from "./module-scope";
import { resolveTypeName, type Meaning, type ResolveContext, type TypeParams } from "./resolve-type-name";

/**
 * What tsc writes as a property's `design:type` (and each parameter's entry in
 * `design:paramtypes`), computed from swc's AST the way TypeScript's runtime type serializer
 * does it (src/compiler/transformers/typeSerializer.ts): keywords and literals map to their
 * constructors, unions collapse to one constructor or `Object`, and a type reference asks what the
 * name means — a class is referenced, an alias or enum is reduced to the primitive its declared type
 * is assignable to (`getTypeReferenceSerializationKind` in checker.ts).
 */
export type Serialized =
  | { readonly kind: "global"; readonly name: GlobalName }
  | { readonly kind: "void" }
  /** A reference to a value by name (a class); `checked` is tsc's `typeof x === "function"` fallback. */
  | { readonly kind: "reference"; readonly path: readonly string[]; readonly checked: boolean }
  | { readonly kind: "unresolved"; readonly why: string };

export type GlobalName = "String" | "Number" | "Boolean" | "BigInt" | "Symbol" | "Object" | "Array" | "Function" | "Promise";

const OBJECT: Serialized = { kind: "global", name: "Object" };
const VOID: Serialized = { kind: "void" };
const global = (name: GlobalName): Serialized => ({ kind: "global", name });

export function serializeDesignType(type: TsType | undefined, scope: Scope, ctx: ResolveContext, params?: TypeParams): Serialized {
  if (!type) return OBJECT;
  switch (type.type) {
    case "TsParenthesizedType":
      return serializeDesignType(type.typeAnnotation, scope, ctx, params);
    case "TsKeywordType":
      switch (type.kind) {
        case "void":
        case "undefined":
        case "never":
        case "null":
          return VOID;
        case "boolean":
          return global("Boolean");
        case "string":
          return global("String");
        case "number":
          return global("Number");
        case "bigint":
          return global("BigInt");
        case "symbol":
          return global("Symbol");
        default:
          return OBJECT;
      }
    case "TsFunctionType":
    case "TsConstructorType":
      return global("Function");
    case "TsArrayType":
    case "TsTupleType":
      return global("Array");
    case "TsTypePredicate":
      return type.asserts ? VOID : global("Boolean");
    case "TsLiteralType":
      return literal(type.literal.type as string);
    case "TsTypeReference":
      return serializeReference(type.typeName, scope, ctx, params);
    case "TsUnionType":
      return constituents(type.types, false, scope, ctx, params);
    case "TsIntersectionType":
      return constituents(type.types, true, scope, ctx, params);
    case "TsConditionalType":
      return constituents([type.trueType, type.falseType], false, scope, ctx, params);
    case "TsTypeOperator":
      return type.op === "readonly" ? serializeDesignType(type.typeAnnotation, scope, ctx, params) : OBJECT;
    default:
      return OBJECT;
  }
}

function literal(kind: string): Serialized {
  switch (kind) {
    case "NumericLiteral":
      return global("Number");
    case "BigIntLiteral":
      return global("BigInt");
    case "BooleanLiteral":
      return global("Boolean");
    default:
      return global("String");
  }
}

/** tsc's serializeUnionOrIntersectionConstituents, plus "unresolved" when the answer depends on it. */
function constituents(types: readonly TsType[], isIntersection: boolean, scope: Scope, ctx: ResolveContext, params?: TypeParams): Serialized {
  let found: Serialized | undefined;
  let unresolved: Serialized | undefined;
  for (const raw of types) {
    const t = skipParens(raw);
    if (t.type === "TsKeywordType") {
      if (t.kind === "never") {
        if (isIntersection) return VOID;
        continue;
      }
      if (t.kind === "unknown") {
        if (!isIntersection) return OBJECT;
        continue;
      }
      if (t.kind === "any") return OBJECT;
      // Without strictNullChecks tsc leaves null and undefined out of a union's metadata.
      if (!ctx.strictNullChecks && (t.kind === "null" || t.kind === "undefined")) continue;
    }
    const s = serializeDesignType(t, scope, ctx, params);
    if (s.kind === "unresolved") {
      unresolved ??= s;
      continue;
    }
    if (s.kind === "global" && s.name === "Object") return OBJECT;
    if (found === undefined) found = s;
    else if (!sameSerialization(found, s)) return OBJECT;
  }
  return unresolved ?? found ?? VOID;
}

function sameSerialization(a: Serialized, b: Serialized): boolean {
  if (a.kind === "global" && b.kind === "global") return a.name === b.name;
  if (a.kind === "void" && b.kind === "void") return true;
  if (a.kind === "reference" && b.kind === "reference") return a.checked === b.checked && a.path.join(".") === b.path.join(".");
  return false;
}

function skipParens(t: TsType): TsType {
  return t.type === "TsParenthesizedType" ? skipParens(t.typeAnnotation) : t;
}

/** Names from lib.d.ts whose meaning is not a constructor found on globalThis. */
const LIB_TYPES: Readonly<Record<string, GlobalName>> = {
  ReadonlyArray: "Array",
  // Callable but without a construct signature in lib.d.ts: tsc serializes their interface.
  Symbol: "Object",
  BigInt: "Object",
};

function serializeReference(name: TsEntityName, scope: Scope, ctx: ResolveContext, params?: TypeParams): Serialized {
  const path = entityPath(name);
  const meaning = resolveTypeName(path, scope, ctx, params);
  switch (meaning.kind) {
    case "class":
      return meaning.typeOnly ? global("Function") : { kind: "reference", path, checked: false };
    case "global":
      return serializeGlobal(meaning.name, path);
    case "namespace":
      return meaning.typeOnly ? OBJECT : { kind: "reference", path, checked: true };
    case "value":
      return meaning.typeOnly ? OBJECT : { kind: "reference", path, checked: true };
    case "unresolved":
      return { kind: "unresolved", why: meaning.why };
    default: {
      const atoms = atomsOfMeaning(meaning, ctx, new Set());
      return atoms === undefined ? { kind: "unresolved", why: `cannot tell what "${path.join(".")}" reduces to` } : kindOfAtoms(atoms, ctx.strictNullChecks);
    }
  }
}

function serializeGlobal(name: string, path: readonly string[]): Serialized {
  if (path.length > 1) return { kind: "unresolved", why: `"${path.join(".")}" is not declared in the project` };
  if (name === "Promise") return global("Promise");
  const lib = LIB_TYPES[name];
  if (lib) return global(lib);
  const value = (globalThis as Record<string, unknown>)[name];
  if (typeof value === "function") return { kind: "reference", path, checked: false };
  if (typeof value === "object" && value !== null) return OBJECT;
  if (LIB_OBJECT_TYPES.has(name)) return OBJECT;
  return { kind: "unresolved", why: `"${name}" is neither declared nor imported in the file (a global declared in a .d.ts?)` };
}

/**
 * `Uppercase<…>` and its kin: referenced directly tsc serializes the generic alias (Object), but
 * instantiated inside another alias (`type Upper = Uppercase<"a">`) they are strings.
 */
const STRING_MAPPINGS = ["Uppercase", "Lowercase", "Capitalize", "Uncapitalize"];

/** lib.d.ts type aliases and interfaces without a runtime value, all serialized as Object. */
const LIB_OBJECT_TYPES = new Set([
  "Record", "Partial", "Required", "Readonly", "Pick", "Omit", "Exclude", "Extract", "NonNullable", "Parameters",
  "ConstructorParameters", "ReturnType", "InstanceType", "ThisParameterType", "OmitThisParameter", "ThisType", "Awaited",
  "ArrayLike", "Iterable", "Iterator", "IterableIterator", "AsyncIterable", "AsyncIterator", "AsyncIterableIterator",
  "PromiseLike", "PropertyKey", "PropertyDescriptor", "TemplateStringsArray", "Generator", "AsyncGenerator", "NoInfer",
  "ArrayBufferLike", "ArrayBufferView", "ReadonlyMap", "ReadonlySet", "WeakKey", "Disposable", "AsyncDisposable",
  "ConcatArray", ...STRING_MAPPINGS,
]);



/**
 * The primitive kinds a declared type is made of. TypeScript asks whether the type is assignable
 * to void/null/undefined, boolean, number, bigint, string (in that order), then whether it is a
 * tuple, a symbol, a function or an array; a union of kinds answers those questions.
 */
type Atom = "any" | "unknown" | "never" | "void" | "undefined" | "null" | "string" | "number" | "boolean" | "bigint" | "symbol" | "object" | "array" | "tuple" | "function";

type Env = ReadonlyMap<string, readonly Atom[]>;

function atomsOfMeaning(meaning: Meaning, ctx: ResolveContext, seen: Set<unknown>, env?: Env): Atom[] | undefined {
  switch (meaning.kind) {
    case "class":
    case "interface":
      return ["object"];
    case "enum":
      return [...new Set(meaning.members.values())];
    case "enum-member":
      return [meaning.of];
    case "alias": {
      if (seen.has(meaning.decl)) return ["object"];
      seen.add(meaning.decl);
      const unbound: TypeParams = new Map(meaning.decl.params.map((p) => [p.name.value, { param: p, scope: meaning.decl.scope }]));
      const out = atomsOf(meaning.decl.type, meaning.decl.scope, ctx, unbound, seen, env);
      seen.delete(meaning.decl);
      return out;
    }
    case "type-param":
      return meaning.param.constraint ? atomsOf(meaning.param.constraint, meaning.scope, ctx, undefined, seen) : ["object"];
    case "global":
      return globalAtoms(meaning.name);
    default:
      return undefined;
  }
}

function globalAtoms(name: string): Atom[] | undefined {
  if (name === "Array" || name === "ReadonlyArray") return ["array"];
  if (STRING_MAPPINGS.includes(name)) return ["string"];
  const lib = LIB_TYPES[name];
  if (name === "PropertyKey") return ["string", "number", "symbol"];
  if (LIB_OBJECT_TYPES.has(name) || lib) return ["object"];
  return (globalThis as Record<string, unknown>)[name] !== undefined ? ["object"] : undefined;
}

function atomsOf(type: TsType, scope: Scope, ctx: ResolveContext, params: TypeParams | undefined, seen: Set<unknown>, env?: Env): Atom[] | undefined {
  switch (type.type) {
    case "TsParenthesizedType":
      return atomsOf(type.typeAnnotation, scope, ctx, params, seen, env);
    case "TsKeywordType":
      return [type.kind === "intrinsic" ? "string" : type.kind];
    case "TsThisType":
    case "TsConstructorType":
    case "TsMappedType":
      return ["object"];
    case "TsFunctionType":
      return ["function"];
    case "TsTypeLiteral":
      return [type.members.some((m) => m.type === "TsCallSignatureDeclaration") ? "function" : "object"];
    case "TsArrayType":
      return ["array"];
    case "TsTupleType":
      return ["tuple"];
    case "TsTypePredicate":
      return ["boolean"];
    case "TsLiteralType":
      return [literalAtom(type.literal.type as string)];
    case "TsUnionType": {
      const out: Atom[] = [];
      for (const t of type.types) {
        const a = atomsOf(t, scope, ctx, params, seen, env);
        if (!a) return undefined;
        out.push(...a);
      }
      return out;
    }
    case "TsIntersectionType":
      return intersect(type.types.map((t) => atomsOf(t, scope, ctx, params, seen, env)));
    case "TsTypeOperator":
      if (type.op === "readonly") return atomsOf(type.typeAnnotation, scope, ctx, params, seen, env);
      if (type.op === "unique") return ["symbol"];
      return keyofAtoms(type.typeAnnotation, scope, ctx, params);
    case "TsTypeReference": {
      const path = entityPath(type.typeName);
      if (path.length === 1 && env?.has(path[0])) return [...(env.get(path[0]) ?? [])];
      const meaning = resolveTypeName(path, scope, ctx, params);
      if (meaning.kind === "alias" && type.typeParams && meaning.decl.params.length > 0) {
        // A generic alias used with arguments inside another declared type is instantiated.
        const args = type.typeParams.params.map((a) => atomsOf(a, scope, ctx, params, seen, env));
        if (args.some((a) => a === undefined)) return undefined;
        const bound = new Map(meaning.decl.params.map((p, i) => [p.name.value, args[i] ?? (p.default ? atomsOf(p.default, meaning.decl.scope, ctx, undefined, seen) : ["unknown"]) ?? ["unknown"]]));
        if (seen.has(meaning.decl)) return ["object"];
        seen.add(meaning.decl);
        const out = atomsOf(meaning.decl.type, meaning.decl.scope, ctx, undefined, seen, bound as Env);
        seen.delete(meaning.decl);
        return out;
      }
      if (meaning.kind === "global" && meaning.name === "Promise") return ["object"];
      return atomsOfMeaning(meaning, ctx, seen, env);
    }
    case "TsIndexedAccessType":
      return indexedAccessAtoms(type.objectType, type.indexType, scope, ctx, params);
    case "TsTypeQuery":
      return type.exprName.type === "TsImportType" ? undefined : typeofAtoms(resolveTypeName(entityPath(type.exprName), scope, ctx));
    default:
      return undefined;
  }
}

function literalAtom(kind: string): Atom {
  switch (kind) {
    case "NumericLiteral":
      return "number";
    case "BigIntLiteral":
      return "bigint";
    case "BooleanLiteral":
      return "boolean";
    default:
      return "string";
  }
}

/**
 * `A & B`, distributed over unions as TypeScript does: a primitive and an object type make the
 * primitive (`string & { __brand }` is a string), two different primitives make never.
 */
function intersect(members: readonly (Atom[] | undefined)[]): Atom[] | undefined {
  let acc: Atom[] = ["unknown"];
  for (const m of members) {
    if (m === undefined) return undefined;
    const next = new Set<Atom>();
    for (const a of acc) for (const b of new Set(m)) next.add(intersectTwo(a, b));
    acc = [...next];
  }
  return acc;
}

function intersectTwo(a: Atom, b: Atom): Atom {
  if (a === b) return a;
  if (a === "any" || b === "any") return "any";
  if (a === "never" || b === "never") return "never";
  if (a === "unknown") return b;
  if (b === "unknown") return a;
  const pa = PRIMITIVES.has(a);
  const pb = PRIMITIVES.has(b);
  if (pa && pb) return "never";
  if (pa) return a;
  if (pb) return b;
  return "object";
}

const PRIMITIVES = new Set<Atom>(["string", "number", "boolean", "bigint", "symbol", "null", "undefined", "void"]);

/** `typeof x`: the type of a value declaration, when its initialiser shows it. */
function typeofAtoms(meaning: Meaning): Atom[] | undefined {
  if (meaning.kind === "class" || meaning.kind === "enum" || meaning.kind === "namespace") return ["object"];
  if (meaning.kind !== "value") return undefined;
  if (meaning.decl.isFunction) return ["function"];
  return meaning.decl.init ? expressionAtoms(meaning.decl.init) : undefined;
}

function expressionAtoms(e: Expression): Atom[] | undefined {
  switch (e.type) {
    case "StringLiteral":
    case "TemplateLiteral":
      return ["string"];
    case "NumericLiteral":
      return ["number"];
    case "BooleanLiteral":
      return ["boolean"];
    case "BigIntLiteral":
      return ["bigint"];
    case "ObjectExpression":
    case "NewExpression":
    case "ClassExpression":
      return ["object"];
    case "ArrayExpression":
      return ["array"];
    case "ArrowFunctionExpression":
    case "FunctionExpression":
      return ["function"];
    case "TsConstAssertion":
    case "TsSatisfiesExpression":
    case "ParenthesisExpression":
      return expressionAtoms(e.expression);
    default:
      return undefined;
  }
}

/** The object literal behind `typeof X` (X a const), for `typeof X[keyof typeof X]` and `keyof typeof X`. */
function constObject(raw: TsType, scope: Scope, ctx: ResolveContext): Extract<Expression, { type: "ObjectExpression" }> | undefined {
  const type = skipParens(raw);
  if (type.type !== "TsTypeQuery" || type.exprName.type === "TsImportType") return undefined;
  const meaning = resolveTypeName(entityPath(type.exprName), scope, ctx);
  if (meaning.kind !== "value" || !meaning.decl.init) return undefined;
  let e: Expression = meaning.decl.init;
  while (e.type === "TsConstAssertion" || e.type === "TsSatisfiesExpression" || e.type === "ParenthesisExpression" || e.type === "TsAsExpression") e = e.expression;
  if (e.type === "CallExpression" && e.arguments.length === 1 && e.callee.type === "MemberExpression" && e.callee.property.type === "Identifier" && e.callee.property.value === "freeze") {
    e = e.arguments[0].expression;
  }
  return e.type === "ObjectExpression" ? e : undefined;
}

function keyofAtoms(operand: TsType, scope: Scope, ctx: ResolveContext, params: TypeParams | undefined): Atom[] | undefined {
  const obj = constObject(operand, scope, ctx);
  if (obj) return obj.properties.every((p) => p.type === "KeyValueProperty" && (p.key.type === "Identifier" || p.key.type === "StringLiteral")) ? ["string"] : undefined;
  const members = typeMembers(operand, scope, ctx, params);
  if (members && members.every((m) => m.type === "TsPropertySignature" && !m.computed && (m.key.type === "Identifier" || m.key.type === "StringLiteral"))) return ["string"];
  return undefined;
}

function indexedAccessAtoms(objectType: TsType, indexType: TsType, scope: Scope, ctx: ResolveContext, params: TypeParams | undefined): Atom[] | undefined {
  const obj = constObject(objectType, scope, ctx);
  if (obj) {
    const key = literalKey(indexType);
    const out: Atom[] = [];
    for (const p of obj.properties) {
      if (p.type !== "KeyValueProperty") return undefined;
      const name = p.key.type === "Identifier" || p.key.type === "StringLiteral" ? p.key.value : undefined;
      if (key !== undefined && name !== key) continue;
      const a = expressionAtoms(p.value);
      if (!a) return undefined;
      out.push(...a);
    }
    return out.length ? out : undefined;
  }
  const key = literalKey(indexType);
  const members = typeMembers(objectType, scope, ctx, params);
  const member = key !== undefined ? members?.find((m) => m.type === "TsPropertySignature" && (m.key.type === "Identifier" || m.key.type === "StringLiteral") && m.key.value === key) : undefined;
  if (member?.type === "TsPropertySignature" && member.typeAnnotation) {
    const a = atomsOf(member.typeAnnotation.typeAnnotation, scope, ctx, params, new Set());
    return a && member.optional ? [...a, "undefined"] : a;
  }
  return undefined;
}

function literalKey(t: TsType): string | undefined {
  if (t.type === "TsLiteralType" && t.literal.type === "StringLiteral") return t.literal.value;
  return undefined;
}

function typeMembers(t: TsType, scope: Scope, ctx: ResolveContext, params: TypeParams | undefined): readonly TsTypeElement[] | undefined {
  if (t.type === "TsTypeLiteral") return t.members;
  if (t.type !== "TsTypeReference") return undefined;
  const meaning = resolveTypeName(entityPath(t.typeName), scope, ctx, params);
  if (meaning.kind === "interface" && !meaning.decl.node.extends.length) return meaning.decl.node.body.body;
  if (meaning.kind === "alias" && meaning.decl.type.type === "TsTypeLiteral") return meaning.decl.type.members;
  return undefined;
}

/** checker.ts getTypeReferenceSerializationKind, from the declared type's kinds. */
function kindOfAtoms(raw: readonly Atom[], strictNullChecks: boolean): Serialized {
  if (raw.includes("any") || raw.includes("unknown")) return OBJECT;
  let atoms = raw.filter((a) => a !== "never");
  if (atoms.length === 0) return VOID;
  if (!strictNullChecks) {
    // Without strictNullChecks null and undefined are assignable to everything.
    const rest = atoms.filter((a) => a !== "null" && a !== "undefined");
    if (rest.length === 0) return VOID;
    atoms = rest;
  }
  const all = (...kinds: Atom[]) => atoms.every((a) => kinds.includes(a));
  if (all("void", "undefined") || all("null")) return VOID;
  if (all("boolean")) return global("Boolean");
  if (all("number")) return global("Number");
  if (all("bigint")) return global("BigInt");
  if (all("string")) return global("String");
  // A union of two array (or function) types is neither an array nor a function type.
  const single = atoms.length === 1 ? atoms[0] : undefined;
  if (single === "tuple") return global("Array");
  if (all("symbol")) return global("Symbol");
  if (single === "function") return global("Function");
  if (single === "array") return global("Array");
  return OBJECT;
}
