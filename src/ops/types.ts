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
  /**
   * SET NOT NULL without a long exclusive lock where the database can (Capabilities.onlineConstraints):
   * a CHECK (c IS NOT NULL) added NOT VALID, validated after a commit, then SET NOT NULL (which the
   * valid check proves without a scan) and the check dropped.
   */
  readonly online?: boolean;
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
  /**
   * The index of the same name this one replaces (its columns or definition changed). Online, the
   * new one is built under a temporary name, the old dropped, the new renamed, so queries always
   * have an index; elsewhere the old is dropped and the new built.
   */
  readonly replaces?: Index;
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
  /** Added NOT VALID, then validated after a commit so writes go on (Capabilities.onlineConstraints). */
  readonly validate?: "separately";
}
export interface DropForeignKey {
  readonly kind: "dropForeignKey";
  readonly table: string;
  readonly foreignKey: ForeignKey;
  /** The reverse (re-adding it) validates separately; the drop itself is the same. */
  readonly validate?: "separately";
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
  /** Added NOT VALID, then validated after a commit so writes go on (Capabilities.onlineConstraints). */
  readonly validate?: "separately";
}
export interface DropCheck {
  readonly kind: "dropCheck";
  readonly table: string;
  readonly check: Check;
  /** The reverse (re-adding it) validates separately; the drop itself is the same. */
  readonly validate?: "separately";
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
