import type { Check, Column, ForeignKey, Index, PrimaryKey, Table, UniqueConstraint } from "../schema/types";

/**
 * The operations a migration performs. Every op carries what its reverse needs: a drop carries the
 * whole object it removes, an alteration carries `from` and `to`. Adding a kind fails the build
 * until every layer (reverse, render, compile, apply) handles it.
 */
export type Op =
  | CreateTable
  | DropTable
  | RenameTable
  | AddColumn
  | DropColumn
  | AlterColumn
  | RenameColumn
  | CreateIndex
  | DropIndex
  | AddUnique
  | DropUnique
  | AddForeignKey
  | DropForeignKey
  | AddPrimaryKey
  | DropPrimaryKey
  | AddCheck
  | DropCheck
  | SetTableComment
  | Execute;

export type OpKind = Op["kind"];

export interface CreateTable {
  readonly kind: "createTable";
  readonly table: Table;
}
export interface DropTable {
  readonly kind: "dropTable";
  readonly table: Table;
}
export interface RenameTable {
  readonly kind: "renameTable";
  readonly from: string;
  readonly to: string;
}
export interface AddColumn {
  readonly kind: "addColumn";
  readonly table: string;
  readonly column: Column;
}
export interface DropColumn {
  readonly kind: "dropColumn";
  readonly table: string;
  readonly column: Column;
}
export interface AlterColumn {
  readonly kind: "alterColumn";
  readonly table: string;
  readonly from: Column;
  readonly to: Column;
}
export interface RenameColumn {
  readonly kind: "renameColumn";
  readonly table: string;
  readonly from: string;
  readonly to: string;
}
export interface CreateIndex {
  readonly kind: "createIndex";
  readonly table: string;
  readonly index: Index;
  /** Build without blocking writes where the database can (see Capabilities.onlineIndexes). */
  readonly concurrently?: boolean;
}
export interface DropIndex {
  readonly kind: "dropIndex";
  readonly table: string;
  readonly index: Index;
  readonly concurrently?: boolean;
}
export interface AddUnique {
  readonly kind: "addUnique";
  readonly table: string;
  readonly unique: UniqueConstraint;
}
export interface DropUnique {
  readonly kind: "dropUnique";
  readonly table: string;
  readonly unique: UniqueConstraint;
}
export interface AddForeignKey {
  readonly kind: "addForeignKey";
  readonly table: string;
  readonly foreignKey: ForeignKey;
}
export interface DropForeignKey {
  readonly kind: "dropForeignKey";
  readonly table: string;
  readonly foreignKey: ForeignKey;
}
export interface AddPrimaryKey {
  readonly kind: "addPrimaryKey";
  readonly table: string;
  readonly primaryKey: PrimaryKey;
}
export interface DropPrimaryKey {
  readonly kind: "dropPrimaryKey";
  readonly table: string;
  readonly primaryKey: PrimaryKey;
}
export interface AddCheck {
  readonly kind: "addCheck";
  readonly table: string;
  readonly check: Check;
}
export interface DropCheck {
  readonly kind: "dropCheck";
  readonly table: string;
  readonly check: Check;
}
/** Sets (or, with `to` undefined, removes) a table's comment. */
export interface SetTableComment {
  readonly kind: "setTableComment";
  readonly table: string;
  readonly from?: string;
  readonly to?: string;
}
/** Raw SQL. Reversible only when the author supplies the reverse statement. */
export interface Execute {
  readonly kind: "execute";
  readonly sql: string;
  readonly reverseSql?: string;
}
