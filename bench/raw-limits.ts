// The limits of this machine's PostgreSQL, measured in the same run as the service, so each scenario's figure
// is read as a ratio to what the database alone can do here (the machine is small and shared: absolute
// figures drift between runs, ratios much less). pgbench drives each statement with 8 clients on 2 threads;
// without pgbench the same statements run from a Node client (pg), 8 connections in closed loops.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Pool } from "pg";

export type LimitKind = "single" | "batch" | "duplicate" | "top50";

export interface RawLimits {
  tool: "pgbench" | "node";
  /** Per second: events (single, batch, duplicate) or queries (top50). */
  perSecond: Record<LimitKind, number>;
}

const SETUP = `
  DROP TABLE IF EXISTS raw_limit_event, raw_limit_learner;
  CREATE TABLE raw_limit_event (id text PRIMARY KEY, learner_id int NOT NULL, payload jsonb NOT NULL);
  CREATE TABLE raw_limit_learner (id int PRIMARY KEY, points int NOT NULL);
  INSERT INTO raw_limit_learner SELECT g, 0 FROM generate_series(1, 100000) g;
  INSERT INTO raw_limit_event SELECT 'dup-' || g, g, '{}' FROM generate_series(1, 100000) g;
  ANALYZE raw_limit_event, raw_limit_learner;`;

const SINGLE = `WITH e AS (INSERT INTO raw_limit_event VALUES (md5(random()::text || clock_timestamp()::text), $1::int, '{"type":"lesson.completed"}') ON CONFLICT DO NOTHING RETURNING learner_id)
UPDATE raw_limit_learner SET points = points + 10 WHERE id IN (SELECT learner_id FROM e);`;
const BATCH = `INSERT INTO raw_limit_event SELECT md5(random()::text || g::text || clock_timestamp()::text), (random() * 99999)::int + 1, '{"type":"lesson.completed"}' FROM generate_series(1, 100) g ON CONFLICT DO NOTHING;`;
const DUPLICATE = `INSERT INTO raw_limit_event VALUES ('dup-' || $1::int, $1::int, '{}') ON CONFLICT DO NOTHING;`;
const TOP50 = `SELECT user_id, points FROM board_score WHERE period = 'all-time' AND period_start = '1970-01-01' AND course_id = '' ORDER BY points DESC, user_id LIMIT 50;`;

/**
 * Each kind: its statement ($1, when there is one, a random learner from 1 to 100,000) and the events one run of
 * it stands for. single: one idempotent insert and one update in one statement, the least a new event costs;
 * batch: 100 events per statement; duplicate: a redelivery, the insert finds the id and does nothing; top50: the
 * global all-time board's first 50 from its index.
 */
const STATEMENTS: Record<LimitKind, { sql: string; events: number }> = {
  single: { sql: SINGLE, events: 1 },
  batch: { sql: BATCH, events: 100 },
  duplicate: { sql: DUPLICATE, events: 1 },
  top50: { sql: TOP50, events: 1 },
};

const run = (file: string, args: string[]) =>
  new Promise<string>((resolve, reject) =>
    execFile(file, args, { maxBuffer: 1 << 24 }, (err, stdout, stderr) =>
      err ? reject(new Error(stderr || err.message)) : resolve(stdout),
    ),
  );

async function hasPgbench(): Promise<boolean> {
  return run("pgbench", ["--version"]).then(
    () => true,
    () => false,
  );
}

async function withPgbench(url: string, kind: LimitKind, seconds: number, dir: string): Promise<number> {
  const file = path.join(dir, `${kind}.sql`);
  const { sql } = STATEMENTS[kind];
  const script = sql.includes("$1") ? `\\set p random(1, 100000)\n${sql.replaceAll("$1", ":p")}` : sql;
  fs.writeFileSync(file, script + "\n");
  const out = await run("pgbench", ["-n", "-c", "8", "-j", "2", "-T", String(seconds), "-f", file, url]);
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  if (!Number.isFinite(tps)) throw new Error(`pgbench printed no tps for ${kind}`);
  return tps * STATEMENTS[kind].events;
}

/** The same statements from Node (pg), 8 connections in closed loops. */
async function withNode(url: string, kind: LimitKind, seconds: number): Promise<number> {
  const pool = new Pool({ connectionString: url, max: 8 });
  const { sql, events } = STATEMENTS[kind];
  let done = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (Date.now() < until) {
        await pool.query(sql, sql.includes("$1") ? [Math.floor(Math.random() * 100000) + 1] : []);
        done += 1;
      }
    }),
  );
  await pool.end();
  return (done / seconds) * events;
}

/** Measures every limit on the benchmark database (its tables are made and dropped here; board_score is the loaded one). */
export async function measureRawLimits(
  url: string,
  seconds: number,
  log: (line: string) => void,
  options: { tool?: RawLimits["tool"] } = {},
): Promise<RawLimits> {
  const pool = new Pool({ connectionString: url, max: 1 });
  await pool.query(SETUP);
  const tool = options.tool ?? ((await hasPgbench()) ? "pgbench" : "node");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gamify-raw-"));
  const perSecond = {} as Record<LimitKind, number>;
  try {
    for (const kind of Object.keys(STATEMENTS) as LimitKind[]) {
      perSecond[kind] = tool === "pgbench" ? await withPgbench(url, kind, seconds, dir) : await withNode(url, kind, seconds);
      log(`raw limit (${tool}, 8 clients) ${kind}: ${Math.round(perSecond[kind]).toLocaleString("en")}/s`);
    }
  } finally {
    await pool.query("DROP TABLE IF EXISTS raw_limit_event, raw_limit_learner");
    await pool.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { tool, perSecond };
}
