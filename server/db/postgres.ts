import { PrismaClient } from "@prisma/client";
import { ConfigError } from "@/server/env";
import { registerDriver } from "./driver";
import { dbFaultOf } from "./faults";
import { listenForInvalidations } from "./invalidations";
import { watchPool } from "@/server/observability/metrics";
import { timed } from "@/server/observability/statement-timings";
import type { Database } from "./types";

export async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const [{ Pool }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);
  // The hot paths' named statements take their rows as JSON or arrays, so every execution would get the
  // same plan: plan them once per connection instead of re-planning them each time (1-2.5 ms apiece here).
  // (Options in the connection string, if any, win over this.)
  const pool = new Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5000,
    options: "-c plan_cache_mode=force_generic_plan",
  });
  // A lost connection (database restart, killed backend) must not crash the process: idle clients report on
  // the pool, checked-out ones on themselves; either way the query fails and the client is discarded.
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
  try {
    await pool.query("SELECT 1");
  } catch (err) {
    await pool.end().catch(() => undefined);
    const where = safeHost(url);
    throw new ConfigError(`Cannot reach the PostgreSQL database at ${where}: ${(err as Error).message}.`, { cause: err });
  }
  // Changes other instances announce (a revoked key) reach this one through a connection of its own.
  const stopListening = await listenForInvalidations(url).catch(async (err: unknown) => {
    await pool.end().catch(() => undefined);
    throw new ConfigError(`Cannot listen on the PostgreSQL database at ${safeHost(url)}: ${(err as Error).message}.`, { cause: err });
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const unwatchPool = watchPool(pool);
  return registerDriver({
    kind: "postgres",
    prisma,
    exec: async (sql) => {
      await pool.query(sql);
    },
    query: async (sql, params) => {
      try {
        return (await timed(sql, () => pool.query(prepared(sql, params)))).rows;
      } catch (err) {
        // A read whose connection died (the pool has discarded it) is asked once more, on a fresh connection.
        if (dbFaultOf(err) !== "connection" || !isRead(sql)) throw err;
        return (await pool.query(prepared(sql, params))).rows;
      }
    },
    transaction: async (work) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await work({ query: async (text, params) => (await timed(text, () => client.query(prepared(text, params)))).rows });
        await client.query("COMMIT");
        return result;
      } catch (err) {
        // A connection that failed, or cannot roll back, is gone: it goes back to the pool only to be discarded.
        if (dbFaultOf(err) === "connection") broken = err as Error;
        else {
          await client.query("ROLLBACK").catch((rollbackError: Error) => {
            broken = rollbackError;
          });
        }
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close: async () => {
      unwatchPool();
      await stopListening();
      await prisma.$disconnect();
      // A client lost mid-transaction by a crash elsewhere may never come back: do not wait for it forever.
      await Promise.race([pool.end().catch(() => undefined), new Promise((r) => setTimeout(r, 5000).unref())]);
    },
  });
}

// A statement that only reads: a SELECT, or a WITH whose parts write nothing (ingestion's claim is a WITH that
// inserts). Erring on the safe side: a read that mentions a writing keyword anywhere is not asked twice.
const isRead = (sql: string) => /^\s*(SELECT|WITH)\b/i.test(sql) && !/\b(INSERT|UPDATE|DELETE|MERGE)\b/i.test(sql);

// Named statements are parsed and planned once per connection, then reused: the hot path's statements are
// few and fixed, so this saves a parse and plan on every call.
const statementNames = new Map<string, string>();
function prepared(text: string, values: unknown[] | undefined) {
  if (!values || values.length === 0) return { text };
  let name = statementNames.get(text);
  if (!name) {
    name = `g${statementNames.size}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

function safeHost(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "the configured address";
  }
}
