import type { PrismaClient } from "@prisma/client";
import type { Db } from "@/server/db";

/** Runs `work` in a transaction: a new one on a client, the caller's own when `db` already is one. */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return "$transaction" in db ? (db as PrismaClient).$transaction((tx) => work(tx)) : work(db);
}
