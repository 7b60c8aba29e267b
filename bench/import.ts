// `npm run bench:import [-- --events N --learners L --chunk C]`: the bulk import of history (`gamify import`)
// on a fresh PostgreSQL database: writes an NDJSON year of events for L learners (lessons in 200 courses with a
// difficulty, logins, course completions), imports it through importHistory, and prints the rate, beside the
// raw rate of this PostgreSQL for the same rows written by plain multi-row INSERTs, measured in the same run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Client } from "pg";
import { openDatabase } from "@/server/db";
import { applyMigrations } from "@/server/db/migrate";
import { importHistory } from "@/server/services/history-import";
import { printProgress } from "@/server/services/history-import/report";
import { createBenchDatabase, describeMachine } from "./harness";
import { fmtInt } from "./report";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    learners: { type: "string", default: "100000" },
    chunk: { type: "string", default: "2000" },
    lanes: { type: "string", default: "2" },
    url: { type: "string", default: "postgresql://postgres@127.0.0.1:5432/postgres" },
  },
});
const total = Number(values.events);
const learners = Number(values.learners);
const log = (line: string) => console.log(`[bench:import] ${line}`);

/** A year of events in time order, each learner active on random days, ids unique. */
function writeHistory(file: string) {
  const out = fs.openSync(file, "w");
  const start = Date.UTC(2025, 10, 1);
  const levels = ["easy", "medium", "hard"];
  let lines: string[] = [];
  for (let i = 0; i < total; i++) {
    const u = Math.floor(Math.random() * learners);
    const at = new Date(start + Math.floor((i / total) * 365 * 86_400_000)).toISOString();
    const course = (u * 7 + Math.floor(i / 50_000)) % 200;
    const r = i % 10;
    const e =
      r === 0
        ? { id: `imp-${i}`, type: "user.login", userId: `learner-${u}`, occurredAt: at }
        : r === 9
          ? { id: `imp-${i}`, type: "course.completed", userId: `learner-${u}`, courseId: `course-${course}`, score: 100, occurredAt: at }
          : {
              id: `imp-${i}`,
              type: "lesson.completed",
              userId: `learner-${u}`,
              courseId: `course-${course}`,
              lessonId: `lesson-${i % 40}`,
              difficulty: levels[(i % 40) % 3],
              occurredAt: at,
            };
    lines.push(JSON.stringify(e));
    if (lines.length === 10_000) {
      fs.writeSync(out, lines.join("\n") + "\n");
      lines = [];
    }
  }
  if (lines.length > 0) fs.writeSync(out, lines.join("\n") + "\n");
  fs.closeSync(out);
}

/**
 * The raw limit: the same events inserted as plain rows (a logged table with its primary key), 1,000 per statement,
 * two clients (the machine's cores). Ingestion writes about eleven rows and their indexes per event, so a fair
 * ceiling for the import is this rate divided by eleven.
 */
async function rawInsertRate(url: string, file: string): Promise<number> {
  const sample = fs.readFileSync(file, "utf8").split("\n", 200_000).filter(Boolean);
  const clients = [0, 1].map(() => new Client({ connectionString: url }));
  await Promise.all(clients.map((c) => c.connect()));
  await clients[0]!.query("CREATE TABLE IF NOT EXISTS raw_limit (id text PRIMARY KEY, user_id text, payload jsonb)");
  const started = Date.now();
  await Promise.all(
    clients.map(async (c, lane) => {
      for (let i = lane * 1000; i < sample.length; i += 2000) {
        const rows = sample.slice(i, i + 1000).map((l) => JSON.parse(l) as { id: string; userId: string });
        await c.query("INSERT INTO raw_limit SELECT x->>'id', x->>'userId', x FROM jsonb_array_elements($1::jsonb) x", [
          JSON.stringify(rows),
        ]);
      }
    }),
  );
  const rate = sample.length / ((Date.now() - started) / 1000);
  await clients[0]!.query("DROP TABLE raw_limit");
  await Promise.all(clients.map((c) => c.end()));
  return rate;
}

async function main() {
  log(describeMachine().text);
  const file = path.join(os.tmpdir(), `gamify-import-bench-${total}.ndjson`);
  if (!fs.existsSync(file)) {
    log(`writing ${fmtInt(total)} events for ${fmtInt(learners)} learners to ${file}`);
    writeHistory(file);
  }
  const target = await createBenchDatabase(values.url!, "gamify_import_bench", new Date());
  try {
    const database = await openDatabase({ url: target.url, poolSize: 10 });
    try {
      await applyMigrations(database);
      const raw = await rawInsertRate(target.url, file);
      log(`raw limit: ${fmtInt(raw)} rows/s (plain INSERT of the events, 1,000 per statement, 2 clients)`);
      fs.rmSync(`${file}.import-state.json`, { force: true });
      const cpuBefore = process.cpuUsage();
      const summary = await importHistory(database.prisma, file, {
        chunkSize: Number(values.chunk),
        lanes: Number(values.lanes),
        onProgress: printProgress((line) => log(line)),
      });
      const cpu = process.cpuUsage(cpuBefore);
      const rate = summary.counts.created / summary.seconds;
      log(
        `imported ${fmtInt(summary.counts.created)} events in ${summary.seconds.toFixed(1)} s: ${fmtInt(rate)} events/s ` +
          `(${((100 * rate) / raw).toFixed(1)} % of the raw limit); importer CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
      );
    } finally {
      await database.close();
    }
  } finally {
    await target.drop();
    fs.rmSync(`${file}.import-state.json`, { force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
