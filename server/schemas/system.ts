import { z } from "zod";

// The System page's reads (server/services/system/): what the dashboard may be sent, and nothing else.

const statementRow = z.object({
  statement: z.string(),
  calls: z.number(),
  totalMs: z.number(),
  meanMs: z.number(),
  maxMs: z.number().nullable(),
});

export const databaseInsightOutput = z.object({
  kind: z.enum(["postgres", "pglite"]),
  statements: z.object({ source: z.enum(["pg_stat_statements", "service"]), rows: z.array(statementRow) }),
  tables: z.array(
    z.object({
      table: z.string(),
      tableBytes: z.number(),
      indexBytes: z.number(),
      liveRows: z.number().nullable(),
      deadRows: z.number().nullable(),
      deadRatio: z.number().nullable(),
      lastVacuum: z.date().nullable(),
      lastAnalyze: z.date().nullable(),
    }),
  ),
  /** null on PGlite, which runs no autovacuum. */
  autovacuum: z.boolean().nullable(),
  connections: z.array(z.object({ state: z.string(), count: z.number() })),
  pool: z.object({ inUse: z.number(), idle: z.number(), waiting: z.number() }).nullable(),
});

export const systemHealthOutput = z.object({
  scheduler: z.object({ viaInngest: z.boolean(), lastSlotClaimedAt: z.date().nullable() }),
  jobs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      lastRun: z.object({ status: z.string(), startedAt: z.date(), finishedAt: z.date().nullable() }).nullable(),
      nextRunAt: z.date().nullable(),
    }),
  ),
  failedJobs: z.array(
    z.object({ id: z.number(), job: z.string(), name: z.string(), trigger: z.string(), startedAt: z.date(), error: z.string().nullable() }),
  ),
  failingEndpoints: z.array(
    z.object({
      id: z.number(),
      url: z.string(),
      lastAttemptAt: z.date(),
      lastStatusCode: z.number().nullable(),
      lastError: z.string().nullable(),
      pending: z.number(),
    }),
  ),
  outbox: z.object({ pending: z.number(), nextAttemptAt: z.date().nullable() }),
  ingestion: z.array(z.object({ minute: z.date(), events: z.number() })),
});

export type DatabaseInsight = z.infer<typeof databaseInsightOutput>;
export type SystemHealth = z.infer<typeof systemHealthOutput>;
