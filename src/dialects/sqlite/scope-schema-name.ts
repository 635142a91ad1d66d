/**
 * The database the introspector reads: always the connection's main database (attached ones are
 * never read). https://www.sqlite.org/lang_attach.html
 */
export async function scopeSchemaName(): Promise<string> {
  return "main";
}
