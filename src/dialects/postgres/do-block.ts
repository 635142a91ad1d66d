/**
 * An anonymous PL/pgSQL block, for the steps that must look at the catalog or the rows while the
 * migration runs (a type other tables may share, a sequence's current value, rows a cast would
 * reject). The dollar-quote tag is chosen so that it never occurs in the body.
 * https://www.postgresql.org/docs/current/sql-do.html
 */
export function doBlock(body: string): string {
  let tag = "athanor";
  for (let i = 1; body.includes(`$${tag}$`); i++) tag = `athanor${i}`;
  return `DO $${tag}$ BEGIN ${body} END $${tag}$`;
}

/** A DO block with local variables: `DECLARE …; BEGIN body END`. */
export function doBlockWith(declare: string, body: string): string {
  let tag = "athanor";
  for (let i = 1; body.includes(`$${tag}$`) || declare.includes(`$${tag}$`); i++) tag = `athanor${i}`;
  return `DO $${tag}$ DECLARE ${declare} BEGIN ${body} END $${tag}$`;
}
