// `npm run soak [-- --minutes 10 --rate N --learners 100000 --url URL --port P]`
//
// A long, steady load (not CI): single events at a fixed rate (by default half the single-event rate of the
// latest benchmark, bench/results/latest.md) with reads beside them (top-50, around-me, stats in turn, at a
// quarter of that rate), against the production build on a fresh PostgreSQL database loaded like the
// benchmark's. Minute by minute it records what was answered, how fast, and the server's resident memory;
// at the end it checks every total against the ledger (`gamify verify`). It fails (exit 1) on any error or
// unexpected answer, on drift, or when memory keeps growing: the largest resident set of the last three
// minutes may exceed that of minutes 2 to 4 by at most MEMORY_GROWTH_MB. The report goes to
// bench/results/soak.md (docs/performance.md quotes it).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "@/server/db";
import { applyMigrations } from "@/server/db/migrate";
import { createApiKey } from "@/server/services/api-keys";
import { findDrift, totalDrift } from "@/server/services/reconcile";
import { loadDataset } from "./dataset";
import { createBenchDatabase, describeMachine, runWithCleanups, waitQuiet } from "./harness";
import type { LoadResult } from "./load";
import { killLoads, runLoad } from "./load-process";
import { fmtInt, fmtMs } from "./report";
import { buildIfNeeded, freePort, sampleMemory, startServer } from "./server";

const COURSES = 200;
const MEMORY_GROWTH_MB = 64;
const log = (line: string) => console.log(`[soak] ${line}`);

/** Half the single-event rate of the latest benchmark table, if there is one. */
function defaultRate(): number | null {
  try {
    const table = fs.readFileSync(path.join("bench", "results", "latest.md"), "utf8");
    const m = /\| single events[^|]*\|[^|]*\| ([\d,]+) events\/s/.exec(table);
    return m ? Math.max(1, Math.floor(Number(m[1]!.replace(/,/g, "")) / 2)) : null;
  } catch {
    return null;
  }
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      minutes: { type: "string", default: "10" },
      rate: { type: "string" },
      learners: { type: "string", default: "100000" },
      url: { type: "string" },
      port: { type: "string", default: "3300" },
    },
  });
  const minutes = Number(values.minutes);
  const rate = values.rate ? Number(values.rate) : defaultRate();
  const learners = Number(values.learners);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 600) throw new Error("--minutes must be a whole number from 1 to 600.");
  if (rate === null) throw new Error("No benchmark table to take half the ingest rate from: run `npm run bench` first, or pass --rate.");
  if (!Number.isInteger(rate) || rate < 1) throw new Error("--rate must be a whole number of events per second.");
  if (!Number.isInteger(learners) || learners < 1000) throw new Error("--learners must be a whole number of at least 1000.");
  return {
    minutes,
    rate,
    learners,
    adminUrl: values.url ?? process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    port: Number(values.port),
  };
}

interface Minute {
  minute: number;
  events: LoadResult;
  reads: LoadResult;
  rssMb: number;
}

runWithCleanups(log, async (cleanups) => {
  const options = readOptions();
  const now = new Date();
  const { text: machine } = describeMachine();
  const readRate = Math.max(1, Math.floor(options.rate / 4));
  log(`${options.minutes} min: ${options.rate} events/s and ${readRate} reads/s, ${fmtInt(options.learners)} learners, on ${machine}`);
  await buildIfNeeded(false, log);

  const bench = await createBenchDatabase(options.adminUrl, "gamify_soak", now);
  cleanups.push("drop the soak database", () => bench.drop());
  const database = await openDatabase({ url: bench.url, poolSize: 2 });
  cleanups.push("close the database", () => database.close());
  await applyMigrations(database);
  const info = await loadDataset(bench.url, { learners: options.learners, courses: COURSES, now, log });
  const { key: apiKey } = await createApiKey(database.prisma, "soak");

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "gamify-soak-"));
  const server = await startServer({
    port: await freePort(options.port),
    databaseUrl: bench.url,
    logFile: path.join(workDir, "server.log"),
    log,
  });
  cleanups.push("stop the server", () => server.stop());
  cleanups.push("stop the load processes", async () => killLoads());

  const run = Date.now().toString(36);
  const base = { target: server.url, apiKey };
  const minutes: Minute[] = [];
  const started = Date.now();
  for (let minute = 1; minute <= options.minutes; minute++) {
    const memory = sampleMemory(server.pid);
    const stream = { run, stream: `m${minute}`, learners: options.learners, courses: COURSES, base: new Date().toISOString() };
    const [events, reads] = await Promise.all([
      runLoad({
        ...base,
        kind: "single",
        connections: 16,
        duration: 60,
        rate: options.rate,
        stream,
        ackedFile: path.join(workDir, `acked-${minute}.json`),
      }),
      runLoad({
        ...base,
        kind: "read",
        read: "mixed",
        learners: options.learners,
        courses: COURSES,
        connections: 4,
        duration: 60,
        rate: readRate,
      }),
    ]);
    const rssMb = memory.stop().maxProcessMb;
    minutes.push({ minute, events, reads, rssMb });
    log(
      `minute ${minute}: ${fmtInt(events.units)} events (p99 ${fmtMs(events.latency.p99)}), ${fmtInt(reads.units)} reads (p99 ${fmtMs(reads.latency.p99)}), ` +
        `${events.unexpected + events.errors + reads.unexpected + reads.errors} errors, server ${rssMb.toFixed(0)} MB`,
    );
  }
  const elapsedMin = (Date.now() - started) / 60_000;
  await waitQuiet(database);
  const drift = await findDrift(database.prisma);

  const errors = minutes.reduce((n, m) => n + m.events.unexpected + m.events.errors + m.reads.unexpected + m.reads.errors, 0);
  const early = Math.max(...minutes.slice(1, 4).map((m) => m.rssMb));
  const late = Math.max(...minutes.slice(-3).map((m) => m.rssMb));
  const growth = minutes.length >= 6 ? late - early : 0;
  const failures = [
    errors > 0 ? `${errors} errors or unexpected answers` : null,
    totalDrift(drift) > 0 ? `drift after the run: ${JSON.stringify(drift)}` : null,
    growth > MEMORY_GROWTH_MB ? `memory grew ${growth.toFixed(0)} MB between minutes 2-4 and the last three` : null,
  ].filter((f): f is string => f !== null);

  const table = [
    "| minute | events | events p50 | events p99 | reads | reads p99 | errors | server RSS |",
    "|---|---|---|---|---|---|---|---|",
    ...minutes.map(
      (m) =>
        `| ${m.minute} | ${fmtInt(m.events.units)} | ${fmtMs(m.events.latency.p50)} | ${fmtMs(m.events.latency.p99)} | ${fmtInt(m.reads.units)} | ` +
        `${fmtMs(m.reads.latency.p99)} | ${m.events.unexpected + m.events.errors + m.reads.unexpected + m.reads.errors} | ${m.rssMb.toFixed(0)} MB |`,
    ),
  ].join("\n");
  const report = [
    `Soak of ${now.toISOString().replace("T", " ").slice(0, 16)} UTC`,
    "",
    `- machine: ${machine}; PostgreSQL ${bench.version.split(" on ")[0]} (shared_buffers ${bench.sharedBuffers}), same machine`,
    `- data set: ${fmtInt(info.learners)} learners, ${fmtInt(info.ledgerRows)} ledger rows; load: ${options.rate} events/s (16 clients, paced) and ${readRate} reads/s (4 clients, paced: top-50, around-me and stats in turn) for ${elapsedMin.toFixed(1)} min`,
    `- command: \`npm run soak -- --minutes ${options.minutes} --rate ${options.rate} --learners ${options.learners}\``,
    "",
    table,
    "",
    `- ${fmtInt(minutes.reduce((n, m) => n + m.events.units, 0))} events and ${fmtInt(minutes.reduce((n, m) => n + m.reads.units, 0))} reads answered; ${errors} errors or unexpected answers.`,
    `- Server memory: ${early.toFixed(0)} MB at most in minutes 2-4, ${late.toFixed(0)} MB at most in the last three (growth ${growth.toFixed(0)} MB; bound ${MEMORY_GROWTH_MB} MB).`,
    `- After the run, \`gamify verify\` (findDrift): ${totalDrift(drift) === 0 ? "no drift" : JSON.stringify(drift)}.`,
    `- Verdict: ${failures.length === 0 ? "passed" : `FAILED: ${failures.join("; ")}`}.`,
    "",
  ].join("\n");
  console.log(`\n${report}`);
  fs.mkdirSync(path.join("bench", "results"), { recursive: true });
  fs.writeFileSync(path.join("bench", "results", "soak.md"), report);
  if (failures.length === 0) fs.rmSync(workDir, { recursive: true, force: true });
  else log(`Server log kept in ${workDir}.`);
  return failures.length === 0 ? 0 : 1;
});
