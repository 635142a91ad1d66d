/** Entities shared by the SQLite dialect tests: the common column types, keys and relations. */
import "reflect-metadata";
import {
  Column, CreateDateColumn, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, OneToOne,
  PrimaryColumn, PrimaryGeneratedColumn, Unique,
} from "typeorm";

@Entity("users")
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column() name!: string;
  @Column({ length: 50, unique: true }) email!: string;
  @Column("text", { nullable: true }) bio!: string | null;
  @Column({ default: true }) active!: boolean;
  @Column("int", { default: 0 }) score!: number;
  @Column("bigint", { nullable: true }) big!: string;
  @Column("smallint", { default: 3 }) small!: number;
  @Column("decimal", { precision: 10, scale: 2, default: 1.5 }) balance!: string;
  @Column("float", { nullable: true }) ratio!: number;
  @Column("double", { nullable: true }) weight!: number;
  @Column("date", { nullable: true }) born!: string;
  @Column("datetime", { default: () => "CURRENT_TIMESTAMP" }) seenAt!: Date;
  @CreateDateColumn() createdAt!: Date;
  @Column("uuid", { nullable: true }) externalId!: string;
  @Column("simple-json", { nullable: true }) prefs!: unknown;
  @Column("json", { nullable: true }) data!: unknown;
  @Column("simple-enum", { enum: ["admin", "user"], default: "user" }) role!: string;
  // TypeORM 1.1.1 writes string defaults as `'${value}'` without escaping: the quote is pre-doubled.
  @Column({ default: "it''s" }) motto!: string;
}

@Entity("posts")
@Index(["title", "authorId"])
export class Post {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ length: 200 }) title!: string;
  @Index({ unique: true }) @Column({ length: 100 }) slug!: string;
  @Column({ nullable: true }) authorId!: number;
  @ManyToOne(() => User, { onDelete: "CASCADE" }) @JoinColumn({ name: "authorId" }) author!: User;
  @ManyToMany(() => Tag, (t) => t.posts) @JoinTable() tags!: Tag[];
}

@Entity("tags")
export class Tag {
  @PrimaryGeneratedColumn("uuid") id!: string;
  @Column({ unique: true }) label!: string;
  @ManyToMany(() => Post, (p) => p.tags) posts!: Post[];
}

@Entity("profiles")
export class Profile {
  @PrimaryGeneratedColumn() id!: number;
  @Column("varchar", { nullable: true }) avatar!: string | null;
  @OneToOne(() => User, { onDelete: "SET NULL", nullable: true }) @JoinColumn() user!: User | null;
}

@Entity("groups")
@Unique("UQ_group_name_region", ["name", "region"])
export class Group {
  @PrimaryColumn("varchar", { length: 20 }) code!: string;
  @Column() name!: string;
  @Column({ length: 10, default: "eu" }) region!: string;
}

@Entity("memberships")
export class Membership {
  @PrimaryColumn() userId!: number;
  @PrimaryColumn("varchar", { length: 20 }) groupCode!: string;
  @Column("real", { default: 0.5 }) weight!: number;
  @ManyToOne(() => User, { onDelete: "CASCADE" }) @JoinColumn({ name: "userId" }) user!: User;
  @ManyToOne(() => Group, { onDelete: "CASCADE", onUpdate: "CASCADE" }) @JoinColumn({ name: "groupCode" }) group!: Group;
}

@Entity("comments")
export class Comment {
  @PrimaryGeneratedColumn() id!: number;
  @Column("text") body!: string;
  @Column("boolean", { default: false }) hidden!: boolean;
  @Column("integer", { default: -1 }) rank!: number;
  @ManyToOne(() => Post, { onDelete: "SET NULL", nullable: true }) post!: Post | null;
}

@Entity("settings")
export class Setting {
  @PrimaryColumn() key!: string;
  @Column("nvarchar", { length: 30, nullable: true }) value!: string | null;
  @Column("numeric", { precision: 5, nullable: true }) amount!: string | null;
}

export const ENTITIES = [User, Post, Tag, Profile, Group, Membership, Comment, Setting];
