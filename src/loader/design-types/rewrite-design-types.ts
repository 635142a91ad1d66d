import type { ClassMember, Param, Pattern, TsParameterProperty, TsType, TsTypeParameter } from "@swc/core";
import { entityPath, parseForCompile } from "./module-scope";
import type { ResolveContext, TypeParams } from "./resolve-type-name";
import { serializeDesignType, type Serialized } from "./serialize-design-type";

/** A design type athanor could not work out: the property keeps swc's guess. */
export interface UnknownDesignType {
  /** `Class.property (file:line)` */
  readonly property: string;
  readonly why: string;
}

export interface RewrittenSource {
  readonly source: string;
  readonly unknown: UnknownDesignType[];
  /**
   * Whether every type reference left for swc names a class or a global constructor, which tsc
   * references bare: swc's `typeof X === "undefined" ? Object : X` guard may then be dropped
   * (see bare-metadata-references.ts).
   */
  readonly bareReferences: boolean;
}

/**
 * Makes swc emit the decorator metadata tsc would: swc serializes a type reference it cannot see
 * into (`kind: Kind` with `type Kind = "a" | "b"` imported from another file) as the runtime value
 * of that name, which is `Object` for a type alias — tsc, which knows the alias, writes `String`.
 * For each type annotation swc turns into `design:type`/`design:paramtypes`/`design:returntype`,
 * this computes tsc's answer (serialize-design-type.ts) and, where swc would differ, replaces the
 * annotation in the source with a type swc serializes to that answer (`string`, `number`, …).
 * Annotations are erased from the output, so nothing else changes; line breaks are kept so
 * source maps still point at the right lines.
 */
export function rewriteDesignTypes(file: string, source: string, ctx: ResolveContext): RewrittenSource {
  const parsed = parseForCompile(file, source);
  const edits: { start: number; end: number; text: string }[] = [];
  const unknown: UnknownDesignType[] = [];
  let bareReferences = true;
  const lineOf = (byte: number) => parsed.bytes.subarray(0, byte).toString("utf8").split("\n").length;
  for (const cls of findDecoratedClasses(parsed.body)) {
    const params: TypeParams = new Map((cls.typeParams?.parameters ?? []).map((p: TsTypeParameter) => [p.name.value, { param: p, scope: parsed.scope }]));
    if (hasAnnotatedRestParameter(cls.body)) bareReferences = false;
    for (const { type, label, decorated } of annotationsOf(cls.body)) {
      const s = serializeDesignType(type, parsed.scope, ctx, params);
      if (s.kind === "unresolved" || (s.kind === "reference" && s.checked)) bareReferences = false;
      const start = type.span.start - 1;
      const end = type.span.end - 1;
      if (s.kind === "unresolved") {
        if (decorated) unknown.push({ property: `${cls.name}.${label} (${file}:${lineOf(start)})`, why: s.why });
        continue;
      }
      const text = replacement(s, type);
      if (text === undefined) continue;
      const original = parsed.bytes.subarray(start, end).toString("utf8");
      if (!spanLooksRight(type, original)) {
        return { source, unknown: [{ property: file, why: "swc's spans do not match the source; design types left as swc emits them" }], bareReferences: false };
      }
      edits.push({ start, end, text: text + "\n".repeat(original.split("\n").length - 1) });
    }
  }
  if (edits.length === 0) return { source, unknown, bareReferences };
  edits.sort((a, b) => a.start - b.start);
  const parts: Buffer[] = [];
  let at = 0;
  for (const e of edits) {
    if (e.start < at) continue; // nested annotation of one already replaced
    parts.push(parsed.bytes.subarray(at, e.start), Buffer.from(e.text, "utf8"));
    at = e.end;
  }
  parts.push(parsed.bytes.subarray(at));
  return { source: Buffer.concat(parts).toString("utf8"), unknown, bareReferences };
}

const KEYWORDS: Record<string, string> = {
  String: "string",
  Number: "number",
  Boolean: "boolean",
  BigInt: "bigint",
  Symbol: "symbol",
  Object: "object",
  Array: "any[]",
  Function: "Function",
  Promise: "Promise<any>",
};

/** The annotation to write instead of `type`, or undefined when swc already emits tsc's answer. */
function replacement(s: Serialized, type: TsType): string | undefined {
  switch (s.kind) {
    case "void":
      return type.type === "TsKeywordType" && (type.kind === "void" || type.kind === "undefined") ? undefined : "void";
    case "global": {
      if (type.type === "TsKeywordType" && KEYWORDS[s.name] === type.kind) return undefined;
      if (s.name === "Promise" && type.type === "TsTypeReference" && type.typeName.type === "Identifier" && type.typeName.value === "Promise") return undefined;
      return KEYWORDS[s.name];
    }
    case "reference":
      // swc writes the same guarded reference for the name itself; a union around it is the case to fix.
      return type.type === "TsTypeReference" ? undefined : s.path.join(".");
    case "unresolved":
      return undefined;
  }
}

function spanLooksRight(type: TsType, text: string): boolean {
  if (type.type === "TsTypeReference") return text.startsWith(entityPath(type.typeName)[0]);
  if (type.type === "TsKeywordType") return text.startsWith(type.kind);
  return text.length > 0;
}

interface ClassNode {
  readonly name: string;
  readonly body: readonly ClassMember[];
  readonly typeParams?: { parameters: TsTypeParameter[] };
}

/** Every class (declaration or expression, at any depth) with a decorator on it or on a member. */
function findDecoratedClasses(root: unknown): ClassNode[] {
  const out: ClassNode[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const n = node as Record<string, unknown>;
    if ((n.type === "ClassDeclaration" || n.type === "ClassExpression") && Array.isArray(n.body)) {
      const body = n.body as ClassMember[];
      if ((Array.isArray(n.decorators) && n.decorators.length > 0) || body.some(memberIsDecorated)) {
        const id = n.identifier as { value: string } | undefined;
        out.push({ name: id?.value ?? "(anonymous class)", body, ...(n.typeParams ? { typeParams: n.typeParams as { parameters: TsTypeParameter[] } } : {}) });
      }
    }
    for (const [k, v] of Object.entries(n)) if (k !== "span" && typeof v === "object") visit(v);
  };
  visit(root);
  return out;
}

function memberIsDecorated(m: ClassMember): boolean {
  switch (m.type) {
    case "ClassProperty":
      return (m.decorators?.length ?? 0) > 0;
    case "ClassMethod":
      return (m.function.decorators?.length ?? 0) > 0 || m.function.params.some((p) => (p.decorators?.length ?? 0) > 0);
    case "Constructor":
      return m.params.some((p) => (p.decorators?.length ?? 0) > 0);
    default:
      return false;
  }
}

interface Annotation {
  readonly type: TsType;
  readonly label: string;
  /** Whether the member itself is decorated (its design:type is what TypeORM reads). */
  readonly decorated: boolean;
}

/** The annotations swc serializes for a decorated class's members. Rest parameters are left alone. */
function annotationsOf(body: readonly ClassMember[]): Annotation[] {
  const out: Annotation[] = [];
  for (const m of body) {
    if (m.type === "ClassProperty") {
      const type = m.typeAnnotation?.typeAnnotation;
      if (type) out.push({ type, label: keyName(m.key), decorated: (m.decorators?.length ?? 0) > 0 });
    } else if (m.type === "ClassMethod") {
      const label = keyName(m.key);
      const decorated = (m.function.decorators?.length ?? 0) > 0 && m.kind !== "method";
      for (const p of m.function.params) pushParam(out, p.pat, `${label}(${patternName(p.pat)})`, decorated);
      const ret = m.function.returnType?.typeAnnotation;
      if (ret) out.push({ type: ret, label, decorated });
    } else if (m.type === "Constructor") {
      for (const p of m.params) {
        const pat = p.type === "TsParameterProperty" ? (p as TsParameterProperty).param : (p as Param).pat;
        pushParam(out, pat as Pattern, `constructor(${patternName(pat as Pattern)})`, false);
      }
    }
  }
  return out;
}

function hasAnnotatedRestParameter(body: readonly ClassMember[]): boolean {
  const rest = (p: Pattern) => p.type === "RestElement" && (p as { typeAnnotation?: unknown }).typeAnnotation !== undefined;
  return body.some(
    (m) =>
      (m.type === "ClassMethod" && m.function.params.some((p) => rest(p.pat))) ||
      (m.type === "Constructor" && m.params.some((p) => p.type === "Parameter" && rest((p as Param).pat))),
  );
}

function pushParam(out: Annotation[], pat: Pattern, label: string, decorated: boolean): void {
  const target = pat.type === "AssignmentPattern" ? pat.left : pat;
  if (target.type === "RestElement") return;
  const type = (target as { typeAnnotation?: { typeAnnotation: TsType } }).typeAnnotation?.typeAnnotation;
  if (type) out.push({ type, label, decorated });
}

function patternName(pat: Pattern): string {
  const target = pat.type === "AssignmentPattern" ? pat.left : pat;
  return target.type === "Identifier" ? target.value : "…";
}

function keyName(key: { type: string; value?: unknown }): string {
  return typeof key.value === "string" || typeof key.value === "number" ? String(key.value) : "[computed]";
}
