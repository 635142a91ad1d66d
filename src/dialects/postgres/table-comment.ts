import { quoteIdentifier as q, quoteLiteral } from "./quote";

/** `COMMENT ON TABLE … IS …`; an absent or empty comment removes it (PostgreSQL stores none). */
export function tableCommentSql(table: string, comment: string | undefined): string {
  return `COMMENT ON TABLE ${q(table)} IS ${comment ? quoteLiteral(comment) : "NULL"}`;
}
