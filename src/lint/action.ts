/**
 * What a migration step does, in the terms the lint rules judge: taken from a recorded op
 * (op-actions.ts) or from a raw SQL statement (classify-sql.ts), so one rule covers both.
 */
export type LintAction =
  | { readonly kind: "create-table"; readonly table: string }
  | { readonly kind: "drop-table"; readonly table: string }
  | { readonly kind: "drop-column"; readonly table: string; readonly column: string }
  | { readonly kind: "narrow-column"; readonly table: string; readonly column: string; readonly reason: string }
  | { readonly kind: "truncate"; readonly table: string }
  | { readonly kind: "delete-all"; readonly table: string }
  | { readonly kind: "update-all"; readonly table: string }
  | { readonly kind: "set-not-null"; readonly table: string; readonly column: string }
  | { readonly kind: "add-required-column"; readonly table: string; readonly column: string }
  | { readonly kind: "add-unique"; readonly table: string; readonly name: string }
  | { readonly kind: "create-index"; readonly table: string; readonly name: string; readonly concurrently: boolean }
  | { readonly kind: "drop-index"; readonly table?: string; readonly name: string; readonly concurrently: boolean }
  | { readonly kind: "add-foreign-key"; readonly table: string; readonly name: string; readonly notValid: boolean }
  | { readonly kind: "add-check"; readonly table: string; readonly name: string; readonly notValid: boolean }
  /** The table's rows are rewritten (a type change, a rebuild, a default computed per row…). */
  | { readonly kind: "rewrite-table"; readonly table: string; readonly reason: string }
  | { readonly kind: "lock-table"; readonly table: string }
  | { readonly kind: "rename-table"; readonly from: string; readonly to: string }
  | { readonly kind: "rename-column"; readonly table: string; readonly from: string; readonly to: string };

/** The table an action is on, for "created by this same migration" (new tables have no rows, no users). */
export function actionTable(a: LintAction): string | undefined {
  return a.kind === "rename-table" ? a.from : a.table;
}
